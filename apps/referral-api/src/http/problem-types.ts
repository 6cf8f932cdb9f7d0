import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import MarkdownIt from 'markdown-it';

/** Where problem `type` URIs point: this API's `/problems` page, anchored at the code (or `http-<status>`). */
export const PROBLEMS_PATH = '/problems';
export const problemType = (code: string | undefined, status: number): string =>
  `${PROBLEMS_PATH}#${code ?? `http-${status}`}`;

const CODE = /^[A-Z][A-Z_]*\.[A-Z][A-Z_]*$|^http-\d{3}$/;

/** docs/errors.md, found by walking up from this module (source, test or built layout alike). */
function errorsDoc(): string | undefined {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'docs', 'errors.md');
    if (existsSync(file)) return readFileSync(file, 'utf8');
  }
  return undefined;
}

/** Each code in a table's first column becomes an anchor (`id` = the code), so a problem's `type` lands on its row. */
function withAnchors(html: string): string {
  return html.replace(/<tr>\s*<td>([\s\S]*?)<\/td>/g, (row, cell: string) =>
    row.replace(
      cell,
      cell.replace(/<code>([^<]+)<\/code>/g, (code, text: string) =>
        CODE.test(text) ? `<code id="${text}">${text}</code>` : code,
      ),
    ),
  );
}

/** Every code docs/errors.md lists (its tables' first column), in order; none when the doc is absent. */
export function problemCodes(): string[] {
  const markdown = errorsDoc() ?? '';
  const codes = [...markdown.matchAll(/^\| `([^`]+)`(?: \/ `([^`]+)`)?/gm)].flatMap((m) => [m[1]!, m[2]]);
  return [
    ...new Set(codes.filter((c): c is string => c !== undefined && CODE.test(c) && !c.startsWith('http-'))),
  ];
}

let rendered: string | undefined;

/** The error catalogue (docs/errors.md) as an HTML page with an anchor per code; undefined if the doc is absent. */
export function problemsPage(): string | undefined {
  if (rendered) return rendered;
  const markdown = errorsDoc();
  if (markdown === undefined) return undefined;
  const body = withAnchors(new MarkdownIt({ html: false, linkify: false }).render(markdown));
  rendered = `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Error codes</title></head><body>\n${body}</body></html>\n`;
  return rendered;
}
