import type { Request } from 'autocannon';
import { randomUUID } from 'node:crypto';
import { bearer } from './servers';

type Context = { id?: string; version?: number };

const LINK_WORKER = 'lw-bench';

/** A referral's pathway as a link worker's day makes it: each command after the first carries If-Match. */
export function referralCommands(today = new Date()): { requests: Request[]; perReferral: number } {
  const referrer = bearer('referrer', 'school-system-1');
  const linkWorker = bearer('link_worker', LINK_WORKER);
  const dob = new Date(Date.UTC(today.getUTCFullYear() - 12, 2, 2)).toISOString().slice(0, 10);
  const create: Request = {
    method: 'POST',
    path: '/v1/referrals',
    setupRequest: (req, context) => {
      const ctx = context as Context;
      ctx.id = randomUUID();
      return {
        ...req,
        body: JSON.stringify(referralBody(ctx.id, dob)),
        headers: { 'content-type': 'application/json', authorization: referrer },
      };
    },
    onResponse: remember,
  };
  const step = (path: string, body: unknown): Request => ({
    method: 'POST',
    setupRequest: (req, context) => {
      const { id, version } = context as Context;
      const headers = {
        'content-type': 'application/json',
        authorization: linkWorker,
        ...(version ? { 'if-match': `"${version}"` } : {}),
      };
      return { ...req, path: `/v1/referrals/${id ?? 'missing'}${path}`, headers, body: JSON.stringify(body) };
    },
    onResponse: remember,
  });
  const session = {
    format: 'one_to_one',
    setting: 'school',
    durationMinutes: 45,
    attended: true,
    activities: ['football club'],
  };
  const requests = [
    create,
    step('/accept', { linkWorkerId: LINK_WORKER }),
    step('/consent', {
      givenBy: 'parent_carer',
      basis: 'parental_responsibility',
      scopes: ['support', 'share_with_camhs'],
    }),
    step('/goals', { goals: [{ description: 'Go to school three days a week', score: 2 }] }),
    step('/sessions', session),
    step('/outcomes', { measure: 'CORS', rater: 'young_person', score: 21 }),
    step('/sessions', { ...session, attended: false }),
    step('/end', { reason: 'goals_achieved' }),
  ];
  return { requests, perReferral: requests.length };
}

function remember(status: number, _body: string, context: object, headers: Request['headers']): void {
  const ctx = context as Context;
  const etag = Object.entries(headers ?? {}).find(([k]) => k.toLowerCase() === 'etag')?.[1];
  const version = /"(\d+)"/.exec(String(etag ?? ''))?.[1];
  ctx.version = status < 300 && version ? Number(version) : undefined;
}

export function referralBody(id: string, dateOfBirth: string): Record<string, unknown> {
  return {
    id,
    source: { kind: 'school', organisationCode: 'A81001', referrerName: 'Head of Year 8' },
    youngPerson: {
      givenName: 'Sam',
      familyName: 'Taylor',
      dateOfBirth,
      nhsNumber: '943 476 5919',
      postcode: 'LA1 1AA',
    },
    parentCarer: { name: 'Alex Taylor', relationship: 'mother', phone: '07700 900123' },
    reasons: ['anxiety', 'school_attendance'],
    pcnCode: 'U12345',
    urgency: 'routine',
  };
}
