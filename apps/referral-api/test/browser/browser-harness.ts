/// <reference lib="dom" />
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import type { Api } from '../support/api-harness';

/** Debian's chromium package (installed by .ci/run), or CHROMIUM_PATH: nothing is downloaded at run time. */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path))
    throw new Error(
      `No Chromium at ${path}: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH`,
    );
  return path;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
  });
}

/** Serves the API on a real port on this machine, so the browser talks to it as a user's would. */
export async function listen(api: Api): Promise<string> {
  await api.app.listen(0, '127.0.0.1');
  const { port } = api.app.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

/** Screenshots land here (ignored by git); the README's image is taken from one of them. */
export const SCREENSHOTS = join(__dirname, '..', '..', '..', '..', 'test-artifacts', 'dashboard');

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** The page's state after a load: `ready` when every figure has drawn, `error` when it shows why not. */
export async function settled(page: Page): Promise<string> {
  await page.waitForFunction(() => ['ready', 'error'].includes(document.body.dataset.state ?? ''), null, {
    timeout: 20_000,
  });
  return page.evaluate(() => document.body.dataset.state ?? '');
}

type AxeViolation = { id: string; impact: string; nodes: { target: string[] }[] };

/** axe-core's WCAG 2.2 AA rules over the page as it stands. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  const axe = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  // The page's CSP forbids scripts it did not load itself; the check runs in the page's isolated world.
  await page.evaluate(axe);
  const violations = await page.evaluate(async () => {
    const run = (window as unknown as { axe: { run: (o: unknown) => Promise<{ violations: unknown[] }> } })
      .axe.run;
    const result = await run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations as AxeViolation[];
  });
  return violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * The figures one table shows: row key -> field -> the cell's text. A row's key is its group, with its
 * measure and rater where it has them (`all|ORS|young_person`).
 */
export async function tableFigures(
  page: Page,
  report: string,
  breakdown?: string,
): Promise<Record<string, Record<string, string>>> {
  return page.evaluate(
    ([key, part]) => {
      const out: Record<string, Record<string, string>> = {};
      const selector = `table[data-report="${key}"]${part ? `[data-breakdown="${part}"]` : ''}`;
      for (const table of Array.from(document.querySelectorAll(selector)))
        for (const row of Array.from(table.querySelectorAll<HTMLElement>('tr[data-group]'))) {
          const { group, measure, rater } = row.dataset;
          const rowKey = [group, measure, rater].filter((v) => v !== undefined).join('|');
          out[rowKey] ??= {};
          for (const cell of Array.from(row.querySelectorAll<HTMLElement>('[data-field]')))
            out[rowKey][cell.dataset.field!] = (cell.textContent ?? '').trim();
        }
      return out;
    },
    [report, breakdown] as const,
  );
}

/** What a cell should say for an API figure: en-GB digits, or "Suppressed" for a withheld one. */
export function shown(value: unknown): string {
  if (value === null) return 'Suppressed';
  return typeof value === 'number'
    ? value.toLocaleString('en-GB')
    : typeof value === 'string'
      ? value
      : JSON.stringify(value);
}

/** A row's figures by the dotted paths the table uses. */
export function at(row: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], row);
}
