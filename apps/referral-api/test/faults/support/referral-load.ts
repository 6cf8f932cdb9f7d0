import { randomUUID } from 'node:crypto';
import { seededRandom } from '@app/testing';
import type { Role } from '@app/application';
import { sleep } from './app-process';
import { Answer, Call, call } from './http';

/** A command the API acknowledged with a 2xx: what the client may hold the system to. */
export type Ack = {
  correlationId: string;
  referralId: string;
  command: string;
  fromVersion: number;
  version: number;
  at: number;
};

export type LoadTarget = { baseUrl: string; token(role: Role, sub: string): string };

export type LoadSettings = {
  /** Distinct commands to issue in total (retries of one command count once). */
  commands: number;
  clients: number;
  /**
   * After a request got no answer: wait for the app and retry the same command with the same
   * If-Match, Idempotency-Key and correlation id (true), or stop that client (false).
   */
  retryUnanswered: boolean;
  deadline: number;
  seed: number;
};

type Case = { id: string; body: Record<string, unknown>; version: number; status: string; goals: number };
type Command = { name: string; path: string; token: string; body: Record<string, unknown>; ifMatch?: number };

class ClientStopped extends Error {}

const OPEN = new Set(['received', 'accepted', 'active']);

const SESSION = { format: 'one_to_one', setting: 'school', durationMinutes: 45, attended: true };
const CONSENT = {
  givenBy: 'parent_carer',
  basis: 'parental_responsibility',
  scopes: ['support', 'share_with_camhs'],
};
const GOALS = { goals: [{ description: 'Go to school three days a week', score: 2 }] };
const OUTCOME = { measure: 'CORS', rater: 'young_person', score: 21 };

/**
 * A few concurrent clients driving referrals through their lifecycle: creates (id chosen by the
 * client, so a retry is safe) and follow-up commands sent with If-Match and Idempotency-Key. Every
 * request carries its own X-Correlation-Id, which the API writes into the events' metadata, so the
 * client-side log of 2xx answers can be checked against the store event by event.
 */
export class ReferralLoad {
  readonly acks: Ack[] = [];
  /** Requests that got no answer (their outcome unknown to the client at the time). */
  unanswered = 0;
  /** 503 answers (the store unavailable), each followed by a retry of the same command. */
  unavailable = 0;
  /** 5xx answers and answers the workload never expects (400, 401, 403, 415, 429...). */
  readonly unexpected: string[] = [];
  /** Commands refused in the expected ways (after a retry of a command that may have been applied), by status and code. */
  readonly refusals: Record<string, number> = {};
  issued = 0;
  private stopped = false;

  constructor(
    private readonly target: LoadTarget,
    private readonly settings: LoadSettings,
  ) {}

  /** Ends every client at its next request (a scenario that failed must not leave them retrying). */
  stop(): void {
    this.stopped = true;
  }

  run(): Promise<void> {
    return Promise.all(Array.from({ length: this.settings.clients }, (_, i) => this.client(i))).then(
      () => undefined,
    );
  }

  private async client(index: number): Promise<void> {
    const random = seededRandom(this.settings.seed * 1000 + index);
    const lwSub = `fault-lw-${index}`;
    const referrer = this.target.token('referrer', `fault-school-${index}`);
    const lw = this.target.token('link_worker', lwSub);
    const cases: Case[] = [];
    try {
      while (this.issued < this.settings.commands) {
        if (Date.now() > this.settings.deadline)
          throw new Error(`Load not finished by its deadline (${this.issued} commands issued)`);
        const open = cases.filter((c) => OPEN.has(c.status));
        if (open.length < 4 || random() < 0.15) {
          const body = { id: randomUUID(), ...referralBody(index) };
          const item: Case = { id: body.id, body, version: 0, status: 'new', goals: 0 };
          cases.push(item);
          await this.execute(item, { name: 'ReceiveReferral', path: '/v1/referrals', token: referrer, body });
        } else {
          const item = open[Math.floor(random() * open.length)]!;
          await this.execute(item, nextCommand(item, lw, lwSub, random()));
        }
      }
    } catch (error) {
      if (!(error instanceof ClientStopped)) throw error;
    }
  }

  private async execute(item: Case, command: Command): Promise<void> {
    this.issued += 1;
    const correlationId = `load-${this.issued}`;
    const answer = await this.answered({
      method: 'POST',
      path: command.path,
      token: command.token,
      body: command.body,
      headers: commandHeaders(command, correlationId, this.issued),
    });
    if (answer.status >= 200 && answer.status < 300) {
      const version = Number(answer.body?.version);
      this.acks.push({
        correlationId,
        referralId: item.id,
        command: command.name,
        fromVersion: command.ifMatch ?? 0,
        version,
        at: answer.at,
      });
      Object.assign(item, { version, status: String(answer.body?.status) });
      if (command.name === 'SetGoals') item.goals += 1;
      return;
    }
    // 412 (stale), 409 (idempotency key interrupted by a kill) and 422 (state moved on) after a retry
    // of a command whose first attempt was applied: the client reads the referral and carries on.
    if ([404, 409, 412, 422].includes(answer.status)) {
      const reason = refusalReason(answer);
      this.refusals[reason] = (this.refusals[reason] ?? 0) + 1;
      return this.refresh(item);
    }
    this.unexpected.push(`${command.name} ${answer.status} ${JSON.stringify(answer.body)}`);
  }

  private async refresh(item: Case): Promise<void> {
    const token = this.target.token('service_manager', 'fault-manager');
    const answer = await this.answered({ method: 'GET', path: `/v1/referrals/${item.id}`, token });
    if (answer.status === 200) {
      const goals = Array.isArray(answer.body?.goals) ? answer.body.goals.length : item.goals;
      Object.assign(item, {
        version: Number(answer.body?.version),
        status: String(answer.body?.status),
        goals,
      });
    } else if (answer.status === 404) item.status = 'ended';
    else this.unexpected.push(`GET referral ${answer.status}`);
  }

  /** Sends until answered (other than 503), waiting for the app between attempts, or stops the client. */
  private async answered(req: Call): Promise<Extract<Answer, { kind: 'answer' }>> {
    for (let attempt = 1; ; attempt += 1) {
      if (this.stopped) throw new ClientStopped();
      const answer = await call(this.target.baseUrl, req);
      if (answer.kind === 'answer' && answer.status !== 503) {
        if (answer.status >= 500) this.unexpected.push(`${req.method} ${req.path} ${answer.status}`);
        return answer;
      }
      if (answer.kind === 'no_answer') this.unanswered += 1;
      else this.unavailable += 1;
      if (!this.settings.retryUnanswered) throw new ClientStopped();
      if (attempt >= 50) throw new Error(`${req.method} ${req.path} unanswered after ${attempt} attempts`);
      await this.waitUntilReady();
    }
  }

  private async waitUntilReady(): Promise<void> {
    for (;;) {
      if (this.stopped) throw new ClientStopped();
      if (Date.now() > this.settings.deadline)
        throw new Error('The app did not come back before the deadline');
      try {
        const res = await fetch(`${this.target.baseUrl}/health/ready`, { signal: AbortSignal.timeout(1000) });
        await res.arrayBuffer();
        if (res.status === 200) return;
      } catch {
        // not up yet
      }
      await sleep(20);
    }
  }
}

function commandHeaders(command: Command, correlationId: string, issued: number): Record<string, string> {
  const headers: Record<string, string> = { 'X-Correlation-Id': correlationId };
  if (command.ifMatch !== undefined) headers['If-Match'] = `"${command.ifMatch}"`;
  // Every fourth follow-up also carries an Idempotency-Key (each costs two more synchronous writes).
  if (command.ifMatch !== undefined && issued % 4 === 0) headers['Idempotency-Key'] = correlationId;
  return headers;
}

/** The status, and the problem code when the body has one (codes are strings; anything else as JSON). */
function refusalReason(answer: Extract<Answer, { kind: 'answer' }>): string {
  const code = answer.body?.code;
  if (!code) return String(answer.status);
  return `${answer.status} ${typeof code === 'string' ? code : JSON.stringify(code)}`;
}

function nextCommand(item: Case, lw: string, lwSub: string, roll: number): Command {
  const at = (name: string, path: string, body: Record<string, unknown>): Command => ({
    name,
    path: `/v1/referrals/${item.id}${path}`,
    token: lw,
    body,
    ifMatch: item.version,
  });
  if (item.status === 'received') return at('AcceptReferral', '/accept', { linkWorkerId: lwSub });
  if (item.status === 'accepted') return at('ObtainConsent', '/consent', CONSENT);
  if (roll < 0.55) return at('HoldSession', '/sessions', SESSION);
  // A referral holds at most three goals.
  if (roll < 0.7 && item.goals < 3) return at('SetGoals', '/goals', GOALS);
  if (roll < 0.7) return at('HoldSession', '/sessions', SESSION);
  if (roll < 0.9) return at('RecordOutcome', '/outcomes', OUTCOME);
  return at('EndReferral', '/end', { reason: 'goals_achieved' });
}

function referralBody(client: number): Record<string, unknown> {
  return {
    source: { kind: 'school', organisationCode: `A8100${client % 10}` },
    youngPerson: {
      givenName: 'Sam',
      familyName: 'Taylor',
      dateOfBirth: '2014-03-02',
      nhsNumber: '943 476 5919',
      postcode: 'LA1 1AA',
    },
    reasons: ['anxiety', 'school_attendance'],
    pcnCode: `U1234${client % 10}`,
  };
}
