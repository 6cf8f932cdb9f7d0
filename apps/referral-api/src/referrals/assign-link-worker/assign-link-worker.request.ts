import { IsString, Length } from 'class-validator';
import { TimedRequest } from '../shared/timed.request';

export class AssignLinkWorkerRequest extends TimedRequest {
  @IsString() @Length(1, 100) linkWorkerId!: string;
}
