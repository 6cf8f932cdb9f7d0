import {
  UnreadableCiphertextError,
  decrypt,
  encrypt,
  generateDataKey,
  unwrapDataKey,
  wrapDataKey,
} from './field-cipher';
import { parseMasterKey } from './master-key';

const master = parseMasterKey(Buffer.alloc(32, 7).toString('base64'));
const otherMaster = parseMasterKey(Buffer.alloc(32, 8).toString('base64'));
const aad = Buffer.from('context');
const flip = (base64: string): string => {
  const bytes = Buffer.from(base64, 'base64');
  bytes[0] = (bytes[0] ?? 0) ^ 1;
  return bytes.toString('base64');
};

describe('Field cipher', () => {
  describe('encrypting a value', () => {
    const key = generateDataKey();

    it('reads back what was sealed', () => {
      const sealed = encrypt(key, Buffer.from('Amelia Quarrington'), aad);
      expect(decrypt(key, sealed, aad).toString()).toBe('Amelia Quarrington');
    });

    it('uses a fresh 12-byte IV each time, so equal values do not look equal', () => {
      const [one, two] = [encrypt(key, Buffer.from('same'), aad), encrypt(key, Buffer.from('same'), aad)];
      expect(Buffer.from(one.iv, 'base64')).toHaveLength(12);
      expect(one.iv).not.toBe(two.iv);
      expect(one.ct).not.toBe(two.ct);
    });

    it.each([
      ['an altered ciphertext', (s: ReturnType<typeof encrypt>) => ({ ...s, ct: flip(s.ct) })],
      ['an altered tag', (s: ReturnType<typeof encrypt>) => ({ ...s, tag: flip(s.tag) })],
      [
        'a truncated tag',
        (s: ReturnType<typeof encrypt>) => ({
          ...s,
          tag: Buffer.from(s.tag, 'base64').subarray(0, 4).toString('base64'),
        }),
      ],
      ['an altered IV', (s: ReturnType<typeof encrypt>) => ({ ...s, iv: flip(s.iv) })],
    ])('refuses %s', (_, tamper) => {
      const sealed = tamper(encrypt(key, Buffer.from('secret'), aad));
      expect(() => decrypt(key, sealed, aad)).toThrow(UnreadableCiphertextError);
    });

    it('refuses another key or another context', () => {
      const sealed = encrypt(key, Buffer.from('secret'), aad);
      expect(() => decrypt(generateDataKey(), sealed, aad)).toThrow(UnreadableCiphertextError);
      expect(() => decrypt(key, sealed, Buffer.from('elsewhere'))).toThrow(UnreadableCiphertextError);
    });
  });

  describe('wrapping a data key', () => {
    const dataKey = generateDataKey();

    it('unwraps with the same master key and subject', () => {
      expect(unwrapDataKey(wrapDataKey(dataKey, master, 'r-1'), master, 'r-1').equals(dataKey)).toBe(true);
    });

    it('names its format version and master key in front, for rotation', () => {
      expect(wrapDataKey(dataKey, master, 'r-1')).toMatch(new RegExp(`^k1\\.${master.id}\\.`));
      expect(master.id).not.toBe(otherMaster.id);
    });

    it('refuses another master key', () => {
      const wrapped = wrapDataKey(dataKey, master, 'r-1');
      expect(() => unwrapDataKey(wrapped, otherMaster, 'r-1')).toThrow(/another master key/);
      const relabelled = wrapped.replace(master.id, otherMaster.id);
      expect(() => unwrapDataKey(relabelled, otherMaster, 'r-1')).toThrow(/authentication/);
    });

    it('refuses a key moved to another subject', () => {
      expect(() => unwrapDataKey(wrapDataKey(dataKey, master, 'r-1'), master, 'r-2')).toThrow(
        UnreadableCiphertextError,
      );
    });

    it.each(['', 'garbage', 'k2.a.b.c.d', 'k1.only.three'])(
      'refuses the malformed wrapped key %j',
      (wrapped) => {
        expect(() => unwrapDataKey(wrapped, master, 'r-1')).toThrow(UnreadableCiphertextError);
      },
    );
  });
});
