import { ArgumentMetadata, Injectable, ValidationError, ValidationPipe } from '@nestjs/common';
import { nulCharacterFields } from './nul-characters';
import { rememberValidationRules } from './validation-metadata';
import { FieldError, Problems } from '@app/application';

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({
      field,
      message: humanise(field, e, message),
    }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

function humanise(field: string, error: ValidationError, message: string): string {
  if (error.constraints?.whitelistValidation === message) return `${field} is not a known field`;
  return message.startsWith(error.property) ? field + message.slice(error.property.length) : message;
}

/** class-validator with unknown fields refused and every failure named by its field path. */
@Injectable()
export class RequestValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      transformOptions: { enableImplicitConversion: false },
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => Problems.badRequest('The request has invalid fields', flatten(errors)),
    });
    rememberValidationRules();
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const nul = nulCharacterFields(value, metadata.type === 'body' ? '' : (metadata.data ?? ''));
    if (nul.length > 0) throw Problems.badRequest('The request has invalid fields', nul);
    if (metadata.type === 'body') {
      if (value === undefined) value = {};
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw Problems.badRequest('The request body must be a JSON object');
      }
    }
    return super.transform(value, metadata);
  }
}
