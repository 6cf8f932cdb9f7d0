import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '@app/config';
import { tempDir } from '@app/testing';
import type { TempDir } from '@app/testing';
import { MASTER_KEY_FILE, parseMasterKey, resolveMasterKey } from './master-key';

describe('Master key', () => {
  describe('from DATA_KEY_MASTER', () => {
    it('accepts the base64 of 32 bytes', () => {
      const bytes = Buffer.alloc(32, 42);
      expect(parseMasterKey(bytes.toString('base64')).key.equals(bytes)).toBe(true);
      expect(parseMasterKey(` ${bytes.toString('base64url')}\n`).key.equals(bytes)).toBe(true);
    });

    it.each([
      [
        '16 bytes',
        Buffer.alloc(16, 1).toString('base64'),
        /DATA_KEY_MASTER.*exactly 32 random bytes.*got 16 bytes/,
      ],
      ['64 bytes', Buffer.alloc(64, 1).toString('base64'), /DATA_KEY_MASTER.*got 64 bytes/],
      ['text that is not base64', 'correct horse battery staple!', /DATA_KEY_MASTER must be base64/],
    ])('refuses %s with a message naming the setting and not the value', (_, value, message) => {
      const error = (() => {
        try {
          return parseMasterKey(value);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain(value);
    });
  });

  describe('resolved for an app', () => {
    let dir: TempDir;
    beforeEach(() => {
      dir = tempDir('master-key-');
    });
    afterEach(() => dir.remove());

    it('uses the configured key', () => {
      const configured = Buffer.alloc(32, 9).toString('base64');
      const key = resolveMasterKey({ configured, nodeEnv: 'production', dataDir: dir.path });
      expect(key.key.toString('base64')).toBe(configured);
    });

    it('is required in production', () => {
      expect(() => resolveMasterKey({ nodeEnv: 'production', dataDir: dir.path })).toThrow(
        /DATA_KEY_MASTER is required when NODE_ENV=production/,
      );
    });

    it('outside production is generated once into the data folder, readable by its owner only', () => {
      const dataDir = join(dir.path, 'data');
      const first = resolveMasterKey({ nodeEnv: 'development', dataDir });
      const again = resolveMasterKey({ nodeEnv: 'development', dataDir, configured: '' });
      expect(again.key.equals(first.key)).toBe(true);
      expect(statSync(join(dataDir, MASTER_KEY_FILE)).mode & 0o777).toBe(0o600);
    });

    it('names the generated file when it has been damaged', () => {
      writeFileSync(join(dir.path, MASTER_KEY_FILE), 'c2hvcnQ=');
      expect(() => resolveMasterKey({ nodeEnv: 'test', dataDir: dir.path })).toThrow(
        new RegExp(`DATA_KEY_MASTER \\(generated file .*${MASTER_KEY_FILE}\\).*got 5 bytes`),
      );
    });
  });
});
