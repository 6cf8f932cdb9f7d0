import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

// Comments and docs cite docs/<file>.md#<anchor>; a reference that no longer resolves sends the reader nowhere.
// The project stands on its own: nothing may point outside the repository for its domain notes or style.
const ROOT = resolve(__dirname, '../../..');
const SKIP_DIRS = new Set(['node_modules', 'dist', 'coverage']);

function walk(dir: string, keep: (file: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory())
      return SKIP_DIRS.has(entry.name) || entry.name.startsWith('.') ? [] : walk(path, keep);
    return keep(entry.name) ? [path] : [];
  });
}

const sourceFiles = (): string[] =>
  ['apps', 'libs', 'bench']
    .flatMap((dir) => walk(join(ROOT, dir), (name) => name.endsWith('.ts')))
    .filter((file) => file !== __filename);

const markdownFiles = (): string[] => [
  join(ROOT, 'README.md'),
  ...walk(join(ROOT, 'docs'), (name) => name.endsWith('.md')),
];

/** The text outside fenced code blocks, with fenced lines blanked so line numbers still hold. */
function outsideFences(text: string): string {
  let fence: string | null = null;
  return text
    .split('\n')
    .map((line) => {
      const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
      if (marker && (fence === null || marker.startsWith(fence))) {
        fence = fence === null ? marker : null;
        return '';
      }
      return fence === null ? line : '';
    })
    .join('\n');
}

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .replace(/`/g, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

const anchorCache = new Map<string, Set<string>>();

function anchorsOf(file: string): Set<string> {
  const cached = anchorCache.get(file);
  if (cached) return cached;
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  const text = outsideFences(readFileSync(file, 'utf8'));
  for (const line of text.split('\n')) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1];
    if (heading !== undefined) {
      const base = slug(heading);
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      anchors.add(n === 0 ? base : `${base}-${n}`);
    }
    for (const m of line.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(m[1]!);
  }
  anchorCache.set(file, anchors);
  return anchors;
}

/** Why a reference does not resolve, or null when it does. `target` is a path, `anchor` optional. */
function brokenBecause(target: string, anchor: string | undefined): string | null {
  if (relative(ROOT, target).startsWith('..')) return 'points outside the repository';
  if (!existsSync(target)) return 'no such file';
  if (anchor === undefined || anchor === '') return null;
  if (statSync(target).isDirectory() || !target.endsWith('.md')) return `no anchors in ${rel(target)}`;
  return anchorsOf(target).has(anchor) ? null : `no heading with anchor #${anchor} in ${rel(target)}`;
}

const rel = (file: string): string => relative(ROOT, file).split(sep).join('/');
const lineOf = (text: string, index: number): number => text.slice(0, index).split('\n').length;

type Problem = string;

/** Bare `docs/<path>.md#anchor` mentions, read from the repository root (a markdown link target is not one). */
function docsMentions(file: string, text: string): Problem[] {
  const problems: Problem[] = [];
  for (const m of text.matchAll(/(?<!\]\()(?<![\w./-])(docs\/[\w./-]*?\.(?:md|ya?ml))(?:#([\w-]*))?/g)) {
    const why = brokenBecause(join(ROOT, m[1]!), m[2]);
    if (why) problems.push(`${rel(file)}:${lineOf(text, m.index)}: ${m[0]} (${why})`);
  }
  return problems;
}

/** Relative markdown links `[text](path#anchor)` and `[text](#anchor)`, read from the linking file. */
function markdownLinks(file: string, text: string): Problem[] {
  const problems: Problem[] = [];
  const prose = outsideFences(text);
  for (const m of prose.matchAll(/\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)/g)) {
    const link = m[1]!;
    if (/^[a-z][a-z0-9+.-]*:/i.test(link)) continue;
    const [path, anchor] = link.split('#', 2) as [string, string | undefined];
    const target = path === '' ? file : resolve(dirname(file), decodeURI(path));
    const why = brokenBecause(target, anchor);
    if (why) problems.push(`${rel(file)}:${lineOf(prose, m.index)}: ](${link}) (${why})`);
  }
  return problems;
}

/** Mentions of the notes that lived outside the project, and of `../shared` paths that leave the repository. */
function outsideMentions(file: string, text: string): Problem[] {
  const problems: Problem[] = [];
  for (const m of text.matchAll(/\b(?:DOMAIN|STYLE)\.md\b/g))
    problems.push(`${rel(file)}:${lineOf(text, m.index)}: ${m[0]} (cite docs/domain.md#<anchor> instead)`);
  for (const m of text.matchAll(/\/work\/shared\b/g))
    problems.push(`${rel(file)}:${lineOf(text, m.index)}: ${m[0]} (an absolute path outside the repository)`);
  for (const m of text.matchAll(/(?<![\w.-])(?:\.\.\/)+shared\b/g)) {
    const target = resolve(dirname(file), m[0]);
    if (relative(ROOT, target).startsWith('..') || !existsSync(target))
      problems.push(`${rel(file)}:${lineOf(text, m.index)}: ${m[0]} (not a folder of this repository)`);
  }
  return problems;
}

describe('references in code and docs', () => {
  const sources = sourceFiles().map((file) => ({ file, text: readFileSync(file, 'utf8') }));
  const docs = markdownFiles().map((file) => ({ file, text: readFileSync(file, 'utf8') }));

  it('finds the files it checks', () => {
    expect(sources.length).toBeGreaterThan(50);
    expect(docs.map((d) => rel(d.file))).toEqual(expect.arrayContaining(['README.md', 'docs/domain.md']));
  });

  it('cites only docs files and headings that exist', () => {
    const problems = [...sources, ...docs].flatMap(({ file, text }) => docsMentions(file, text));
    expect(problems).toEqual([]);
  });

  it('links only to repository files and headings that exist', () => {
    const problems = docs.flatMap(({ file, text }) => markdownLinks(file, text));
    expect(problems).toEqual([]);
  });

  it('never points at notes kept outside the project', () => {
    const problems = [...sources, ...docs].flatMap(({ file, text }) => outsideMentions(file, text));
    expect(problems).toEqual([]);
  });

  it('derives anchors as GitHub does', () => {
    expect(slug('Referral to help (waiting clocks)')).toBe('referral-to-help-waiting-clocks');
    expect(slug('SNOMED CT and FHIR codes')).toBe('snomed-ct-and-fhir-codes');
    expect(slug('ADR 0009: `shared` state, [many](x.md) instances')).toBe(
      'adr-0009-shared-state-many-instances',
    );
  });
});
