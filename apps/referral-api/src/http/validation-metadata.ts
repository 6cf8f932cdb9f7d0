import { getMetadataStorage } from 'class-validator';
import type { MetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

type Grouped = Record<string, ValidationMetadata[]>;
type Remembering = MetadataStorage & { rulesRemembered?: true };

/**
 * class-validator finds a class's rules on every validation of every (nested) object by walking every
 * class that has rules, for inheritance, and grouping them by property: about 2.5% of a command's CPU.
 * Rules are registered by decorators as classes load and do not change while requests are served, so
 * the lookups are remembered per class and options, and all forgotten whenever a rule is registered.
 * The answers are class-validator's own, computed once. Idempotent.
 */
export function rememberValidationRules(storage: Remembering = getMetadataStorage()): void {
  if (storage.rulesRemembered) return;
  storage.rulesRemembered = true;
  let lookups = new Map<unknown, Map<string, ValidationMetadata[]>>();
  let grouped = new WeakMap<ValidationMetadata[], Grouped>();
  const forget = () => {
    lookups = new Map();
    grouped = new WeakMap();
  };
  for (const register of ['addValidationSchema', 'addValidationMetadata', 'addConstraintMetadata'] as const) {
    const original: (arg: never) => void = storage[register].bind(storage);
    const registering = (arg: never): void => {
      forget();
      original(arg);
    };
    storage[register] = registering;
  }
  const find = storage.getTargetValidationMetadatas.bind(storage);
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${String(schema)}\u0000${always}\u0000${strictGroups}\u0000${groups?.join('\u0001') ?? ''}`;
    let byOptions = lookups.get(target);
    if (!byOptions) lookups.set(target, (byOptions = new Map<string, ValidationMetadata[]>()));
    let found = byOptions.get(key);
    if (!found) byOptions.set(key, (found = find(target, schema, always, strictGroups, groups)));
    return found;
  };
  const group = storage.groupByPropertyName.bind(storage);
  storage.groupByPropertyName = (metadata) => {
    let byProperty = grouped.get(metadata);
    if (!byProperty) grouped.set(metadata, (byProperty = group(metadata)));
    return byProperty;
  };
}
