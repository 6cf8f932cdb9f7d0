import { ValidateIf, ValidationOptions, registerDecorator } from 'class-validator';
import { isCalendarDate, isValidNhsNumber } from '@app/referral-domain';

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 date-time with a zone, e.g. 2026-03-01T09:30:00Z. */
export function IsIsoDateTime(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isIsoDateTime',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: `${String(propertyName)} must be an ISO 8601 date-time with a time zone, e.g. 2026-03-01T09:30:00Z`,
        ...options,
      },
      validator: {
        validate: (v: unknown) => typeof v === 'string' && DATE_TIME.test(v) && !Number.isNaN(Date.parse(v)),
      },
    });
}

/** A real calendar date written YYYY-MM-DD. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `${String(propertyName)} must be a real date written YYYY-MM-DD`, ...options },
      validator: { validate: (v: unknown) => typeof v === 'string' && isCalendarDate(v) },
    });
}

/** A 10-digit NHS number (spaces allowed) whose modulus 11 check digit is right. */
export function IsNhsNumber(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isNhsNumber',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: `${String(propertyName)} must be a 10-digit NHS number whose check digit is right`,
        ...options,
      },
      validator: { validate: (v: unknown) => typeof v === 'string' && isValidNhsNumber(v) },
    });
}

/** Normalises an accepted ISO date-time to UTC `toISOString()` form. */
export const toUtcIso = (value: string): string => new Date(value).toISOString();

/** Optional, but when present it must be valid: unlike @IsOptional, `null` is refused. */
export const Optional = (): PropertyDecorator =>
  ValidateIf((_: object, value: unknown) => value !== undefined);
