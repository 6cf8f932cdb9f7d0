import { IsString, Length } from 'class-validator';
import { TimedRequest } from '../shared/timed.request';

export class ErasePersonalDataRequest extends TimedRequest {
  @IsString() @Length(5, 1000) reason!: string;
}
