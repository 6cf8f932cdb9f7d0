import { IsString, Length } from 'class-validator';
import { Optional } from '../../http/validators';
import { TimedRequest } from '../shared/timed.request';

export class AnswerHandoffRequest extends TimedRequest {
  @Optional() @IsString() @Length(1, 2000) reason?: string;
  @Optional() @IsString() @Length(1, 200) reference?: string;
}
