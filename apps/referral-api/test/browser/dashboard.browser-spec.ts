/// <reference lib="dom" />
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { EVENT_STORE } from '@app/event-store';
import type { EventStore } from '@app/event-store';
import { Api, bearer, projectionsCaughtUp, startApi } from '../support/api-harness';
import { SEEDED_GIVEN_NAMES, seedDashboardYear } from '../support/dashboard-seed';
import {
  accessibilityViolations,
  at,
  launchChromium,
  listen,
  screenshot,
  settled,
  shown,
  tableFigures,
} from './browser-harness';

const PERIOD = 'FY2026-27';
const WAITS = `/dashboard?page=waits&period=${PERIOD}`;

/**
 * Issue 20, item 4: the dashboard in real headless Chromium over a seeded year. Signs in as a
 * commissioner and as a service manager through the page, checks every figure shown against the API,
 * suppressed cells, keyboard use, axe-core's WCAG 2.2 AA rules, bad filters, an expired session and an
 * outage; saves screenshots under test-artifacts/dashboard.
 */
describe('Dashboard in headless Chromium', () => {
  let api: Api;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    api = await startApi({ RATE_LIMIT_READS_PER_MINUTE: '0' });
    const until = new Date(Math.min(Date.now(), Date.parse('2026-12-01T00:00:00Z'))).toISOString();
    await seedDashboardYear(api.app.get<EventStore>(EVENT_STORE), 240, until);
    await projectionsCaughtUp(api, 30_000);
    base = await listen(api);
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  /** A new browser profile: no cookie, so the first page sends the user to sign in. */
  async function signedIn(role: 'Commissioner' | 'Service manager', path = WAITS) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(base + path);
    await page.waitForURL(/\/dashboard\/sign-in\?/);
    await page.getByLabel(role, { exact: true }).check();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/dashboard');
    expect(new URL(page.url()).search).toBe(new URL(base + path).search);
    return { context, page };
  }

  const report = async (path: string, role: 'commissioner' | 'service_manager' = 'commissioner') =>
    (
      await api
        .http()
        .get(path)
        .set(bearer(api.token(role)))
        .expect(200)
    ).body as {
      suppression: string;
      rows?: Record<string, unknown>[];
      byMonth?: Record<string, unknown>[];
      [k: string]: unknown;
    };

  /** Every cell of every row the page shows for a report equals the API's figure. */
  async function expectFiguresMatch(
    page: Page,
    key: string,
    rows: Record<string, unknown>[],
    suppression: string,
    breakdown?: string,
  ) {
    const table = await tableFigures(page, key, breakdown);
    const rowKey = (row: Record<string, unknown>) =>
      [row.group, row.measure, row.rater]
        .filter((v) => v !== undefined)
        .map(String)
        .join('|');
    const expected = (v: unknown) => (v === null && suppression === 'none' ? '–' : shown(v));
    let cells = 0;
    for (const row of rows) {
      const shownRow = table[rowKey(row)];
      expect({ group: row.group, shown: shownRow !== undefined }).toEqual({ group: row.group, shown: true });
      for (const [field, text] of Object.entries(shownRow!)) {
        cells += 1;
        expect({ group: row.group, field, text }).toEqual({
          group: row.group,
          field,
          text: expected(at(row, field)),
        });
      }
    }
    expect(cells).toBeGreaterThan(rows.length);
  }

  it('shows a commissioner the waiting times the API reports, suppressed cells as suppressed', async () => {
    const { context, page } = await signedIn('Commissioner');
    expect(await settled(page)).toBe('ready');
    const api1 = await report(
      `/v1/reports/waiting-times?measure=help_started&period=${PERIOD}&groupBy=month`,
    );
    expect(api1.rows!.length).toBeGreaterThanOrEqual(6);
    await expectFiguresMatch(page, 'waiting-times', api1.rows!, api1.suppression);
    const suppressed = await page
      .locator('table[data-report="waiting-times"] [data-suppressed="true"]')
      .count();
    const nulls = JSON.stringify(api1.rows).match(/null/g)?.length ?? 0;
    expect(nulls).toBeGreaterThan(0);
    expect(suppressed).toBeGreaterThan(0);
    expect(await page.locator('figure[data-figure] canvas[role="img"]').count()).toBeGreaterThanOrEqual(3);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'commissioner-waiting-times');
    await context.close();
  }, 60_000);

  it('filters by network, source and age band: a small network’s figures show as suppressed', async () => {
    const { context, page } = await signedIn('Commissioner');
    await settled(page);
    await page.getByLabel(/network|PCN/i).fill('U99999');
    await page.getByRole('button', { name: /apply/i }).click();
    expect(await settled(page)).toBe('ready');
    expect(new URL(page.url()).searchParams.get('pcn')).toBe('U99999');
    const api1 = await report(
      `/v1/reports/waiting-times?measure=help_started&period=${PERIOD}&groupBy=month&pcn=U99999`,
    );
    await expectFiguresMatch(page, 'waiting-times', api1.rows!, api1.suppression);
    expect(
      await page.locator('table[data-report="waiting-times"] [data-suppressed="true"]').count(),
    ).toBeGreaterThan(0);
    await context.close();
  }, 60_000);

  it('shows spells, access, equity and outcomes as the API reports them, and nothing identifiable', async () => {
    const { context, page } = await signedIn('Commissioner');
    const traffic: Request[] = [];
    page.on('request', (r) => traffic.push(r));
    const bodies: string[] = [];
    page.on(
      'response',
      (r) =>
        void r.text().then(
          (t) => bodies.push(t),
          () => undefined,
        ),
    );
    const pages: [string, string, string, string][] = [
      ['access', 'access', 'byMonth', `/v1/reports/access?period=${PERIOD}`],
      ['access', 'spells', 'byMonth', `/v1/reports/spells?period=${PERIOD}&measure=help_started`],
      ['equity', 'equity', 'bySource', `/v1/reports/equity?period=${PERIOD}`],
      ['equity', 'equity', 'byAgeBand', `/v1/reports/equity?period=${PERIOD}`],
      ['outcomes', 'outcomes', 'measures', `/v1/reports/outcomes?period=${PERIOD}`],
    ];
    for (const [name, key, breakdown, path] of pages) {
      await page.goto(`${base}/dashboard?page=${name}&period=${PERIOD}`);
      expect({ name, state: await settled(page) }).toEqual({ name, state: 'ready' });
      const body = await report(path);
      const rows = body[breakdown] as Record<string, unknown>[];
      expect({ key, breakdown, rows: rows.length > 0 }).toEqual({ key, breakdown, rows: true });
      await expectFiguresMatch(page, key, rows, body.suppression, breakdown);
      expect({ name, violations: await accessibilityViolations(page) }).toEqual({ name, violations: [] });
      await screenshot(page, `commissioner-${name}-${breakdown}`);
    }
    expect(
      traffic.map((r) => new URL(r.url()).pathname).filter((p) => /caseloads|queue|\/v1\/referrals/.test(p)),
    ).toEqual([]);
    for (const name of SEEDED_GIVEN_NAMES) expect(bodies.join('\n')).not.toContain(name);
    expect(await page.getByRole('link', { name: 'Service' }).count()).toBe(0);
    await context.close();
  }, 90_000);

  it('gives a service manager the caseloads, the triage queue’s oldest wait and prescriptions, without names', async () => {
    const { context, page } = await signedIn('Service manager', `/dashboard?page=service&period=${PERIOD}`);
    expect(await settled(page)).toBe('ready');
    const caseloads = await report('/v1/caseloads', 'service_manager');
    const shownCaseloads = await tableFigures(page, 'caseloads');
    for (const lw of caseloads.linkWorkers as { linkWorkerId: string; counts: { active: number } }[])
      expect(shownCaseloads[lw.linkWorkerId]?.['counts.active']).toBe(shown(lw.counts.active));
    const queue = await report('/v1/referrals/queue?limit=1', 'service_manager');
    const oldest = Math.floor((Date.now() - Date.parse(String(queue.oldestReceivedAt))) / 86_400_000);
    const text = await page.locator('main').innerText();
    expect(text).toContain(String(queue.total));
    expect(text).toMatch(new RegExp(`${oldest}|${oldest + 1}|${oldest - 1} days`));
    for (const name of SEEDED_GIVEN_NAMES) expect(text).not.toContain(name);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'service-manager');
    await context.close();
  }, 60_000);

  it('works from the keyboard: skip link first, filters, then each table toggle', async () => {
    const { context, page } = await signedIn('Commissioner');
    await settled(page);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toMatch(
      /skip to main content/i,
    );
    const toggle = page.locator('figure[data-figure] button[aria-expanded]').first();
    let reached = false;
    for (let i = 0; i < 40 && !reached; i += 1) {
      await page.keyboard.press('Tab');
      reached = await toggle.evaluate((el) => el === document.activeElement);
    }
    expect(reached).toBe(true);
    const controlled = await toggle.getAttribute('aria-controls');
    expect(await page.locator(`#${controlled}`).isVisible()).toBe(false);
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await page.locator(`#${controlled}`).isVisible()).toBe(true);
    await screenshot(page, 'keyboard-table-open');
    await context.close();
  }, 60_000);

  it('names a bad filter in the page, returns to sign-in with the filters kept, and offers a retry in an outage', async () => {
    const { context, page } = await signedIn('Commissioner');
    await settled(page);
    await page.goto(`${base}/dashboard?page=waits&period=2026-13`);
    expect(await settled(page)).toBe('error');
    expect(await page.locator('.nhsuk-error-summary').innerText()).toMatch(/period/);

    await outage(page);
    await expired(context, page);
    await context.close();
  }, 90_000);

  async function outage(page: Page) {
    await page.route('**/v1/reports/**', (route) => route.abort('connectionrefused'));
    await page.goto(base + WAITS);
    expect(await settled(page)).toBe('error');
    const retry = page.getByRole('button', { name: /try again/i });
    expect(await retry.isVisible()).toBe(true);
    await screenshot(page, 'outage');
    await page.unroute('**/v1/reports/**');
    await retry.click();
    expect(await settled(page)).toBe('ready');
  }

  async function expired(context: BrowserContext, page: Page) {
    await context.clearCookies();
    const filtered = `/dashboard?page=equity&period=2026-Q3`;
    await page.goto(base + filtered);
    await page.waitForURL(/\/dashboard\/sign-in\?/);
    expect(new URL(page.url()).searchParams.get('next')).toBe(filtered);
    await page.getByLabel('Commissioner', { exact: true }).check();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(
      (url) => url.pathname === '/dashboard' && url.search === '?page=equity&period=2026-Q3',
    );
    expect(await settled(page)).toBe('ready');
  }
});
