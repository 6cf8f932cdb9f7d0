export class ListCaseloadsQuery {}
