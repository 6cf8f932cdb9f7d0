import { IsInt, IsString, getMetadataStorage, registerDecorator, validate } from 'class-validator';
import { rememberValidationRules } from './validation-metadata';

class Person {
  @IsString()
  name!: unknown;
}

class Pupil extends Person {
  @IsInt()
  year!: unknown;
}

const failed = async (value: object) =>
  (await validate(value, { whitelist: true, forbidNonWhitelisted: true }))
    .map((e) => `${e.property}:${Object.keys(e.constraints ?? {}).join(',')}`)
    .sort();

const pupil = (fields: Record<string, unknown>) => Object.assign(new Pupil(), fields);

describe('rememberValidationRules', () => {
  beforeAll(() => rememberValidationRules());

  it('gives the rules class-validator gives, inherited ones included, once per class and options', async () => {
    expect(await failed(pupil({ name: 1, year: 'x' }))).toEqual(['name:isString', 'year:isInt']);
    expect(await failed(pupil({ name: 'Sam', year: 9, extra: true }))).toEqual(['extra:whitelistValidation']);
    expect(await failed(pupil({ name: 'Sam', year: 9 }))).toEqual([]);
    const storage = getMetadataStorage();
    const first = storage.getTargetValidationMetadatas(Pupil, '', false, false);
    expect(storage.getTargetValidationMetadatas(Pupil, '', false, false)).toBe(first);
    expect(first.map((m) => m.propertyName).sort()).toEqual(['name', 'year']);
    expect(storage.getTargetValidationMetadatas(Pupil, '', false, false, ['other'])).not.toBe(first);
  });

  it('forgets what it remembered when a rule is registered later, so the new rule applies', async () => {
    expect(await failed(pupil({ name: 'Sam', year: 9, house: 'red' }))).toEqual([
      'house:whitelistValidation',
    ]);
    registerDecorator({
      target: Person,
      propertyName: 'house',
      name: 'isHouse',
      validator: { validate: (value: unknown) => value === 'blue' },
    });
    expect(await failed(pupil({ name: 'Sam', year: 9, house: 'red' }))).toEqual(['house:isHouse']);
    expect(await failed(pupil({ name: 'Sam', year: 9, house: 'blue' }))).toEqual([]);
  });

  it('is installed once however often it is called', () => {
    const storage = getMetadataStorage();
    const lookup = storage.getTargetValidationMetadatas;
    rememberValidationRules();
    expect(storage.getTargetValidationMetadatas).toBe(lookup);
  });
});
