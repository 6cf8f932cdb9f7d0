import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { secureDataDir } from './data-dir';

const mode = (path: string) => statSync(path).mode & 0o777;

describe('DATA_DIR is owner-only', () => {
  let root: string;
  let umask: number;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'data-dir-'));
    umask = process.umask();
  });
  afterEach(() => {
    process.umask(umask);
    rmSync(root, { recursive: true, force: true });
  });

  it('creates a missing folder 0700', () => {
    const dir = join(root, 'new', 'data');
    secureDataDir(dir);
    expect(mode(dir)).toBe(0o700);
  });

  it('tightens files and folders an older version left readable', () => {
    const dir = join(root, 'data');
    mkdirSync(join(dir, 'checkpoints'), { recursive: true, mode: 0o755 });
    writeFileSync(join(dir, 'read-models.sqlite'), 'x', { mode: 0o644 });
    writeFileSync(join(dir, 'checkpoints', 'latest.json'), '{}', { mode: 0o644 });
    secureDataDir(dir);
    expect([dir, join(dir, 'checkpoints')].map(mode)).toEqual([0o700, 0o700]);
    expect([join(dir, 'read-models.sqlite'), join(dir, 'checkpoints', 'latest.json')].map(mode)).toEqual([
      0o600, 0o600,
    ]);
  });

  it('makes every file the process creates afterwards owner-only', () => {
    const dir = join(root, 'data');
    secureDataDir(dir);
    writeFileSync(join(dir, 'events.sqlite-wal'), 'x');
    mkdirSync(join(dir, 'sub'));
    expect(mode(join(dir, 'events.sqlite-wal'))).toBe(0o600);
    expect(mode(join(dir, 'sub'))).toBe(0o700);
  });
});
