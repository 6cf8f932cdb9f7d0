import type { FieldError } from '@app/application';

const NUL = '\u0000';

/**
 * Fields holding U+0000 anywhere in a parsed body, path or query. No text in this service may
 * contain it, and PostgreSQL cannot store or compare it in text columns, so it is refused at the
 * edge (400) rather than failing later in a query or a projection.
 */
export function nulCharacterFields(value: unknown, path = ''): FieldError[] {
  const field = path || 'value';
  if (typeof value === 'string') {
    return value.includes(NUL) ? [{ field, message: `${field} must not contain NUL characters` }] : [];
  }
  if (Array.isArray(value)) return value.flatMap((item, i) => nulCharacterFields(item, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) => {
    const child = path ? `${path}.${key}` : key;
    const ownName = key.includes(NUL)
      ? [{ field: child, message: `${child} must not contain NUL characters` }]
      : [];
    return [...ownName, ...nulCharacterFields(item, child)];
  });
}
