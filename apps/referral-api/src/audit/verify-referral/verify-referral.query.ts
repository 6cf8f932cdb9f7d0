export class VerifyReferralQuery {
  constructor(readonly referralId: string) {}
}
