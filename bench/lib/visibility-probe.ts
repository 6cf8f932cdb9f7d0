import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { referralBody } from './command-sequence';
import type { Figure } from './figures';
import { median } from './stats';
import { SequentialClient } from './http-sampler';
import { bearer } from './servers';

const PROBE_LINK_WORKER = 'lw-probe';
const POLL_MS = 25;
/** A probe that has not seen its referral after this long records it and moves on. */
const GIVE_UP_MS = 30_000;

/**
 * How stale a link worker's caseload (a read model) is while the API is under load: every `everyMs`, a
 * referral is created and accepted for a link worker of the probe's own, then that link worker's
 * caseload is read every 25 ms until it lists the referral. A sample is the time from the acceptance's
 * 2xx to the first caseload that lists it: the projection's lag as a user meets it.
 */
export class VisibilityProbe {
  private readonly stopping = new AbortController();
  private readonly samples: number[] = [];
  private readonly running: Promise<void>;
  private failure: Error | undefined;
  private readonly client: SequentialClient;

  private constructor(
    port: number,
    private readonly everyMs: number,
  ) {
    this.client = new SequentialClient(port);
    // Kept, not left unhandled: `stop` reports it.
    this.running = this.loop().catch((error: unknown) => {
      this.failure = error instanceof Error ? error : new Error(String(error));
    });
  }

  static start(port: number, everyMs = 500): VisibilityProbe {
    return new VisibilityProbe(port, everyMs);
  }

  /** Stops after the probe under way and returns every sample, in ms. */
  async stop(): Promise<number[]> {
    this.stopping.abort();
    await this.running;
    this.client.close();
    if (this.failure !== undefined) throw this.failure;
    return this.samples;
  }

  private async loop(): Promise<void> {
    const referrer = { authorization: bearer('referrer', 'school-system-1') };
    const linkWorker = { authorization: bearer('link_worker', PROBE_LINK_WORKER) };
    const dob = `${new Date().getUTCFullYear() - 12}-03-02`;
    while (!this.stopping.signal.aborted) {
      const started = performance.now();
      const id = randomUUID();
      await this.post('/v1/referrals', referrer, referralBody(id, dob));
      await this.post(`/v1/referrals/${id}/accept`, linkWorker, { linkWorkerId: PROBE_LINK_WORKER });
      const accepted = performance.now();
      for (;;) {
        const caseload = await this.client.send('GET', `/v1/caseloads/${PROBE_LINK_WORKER}`, linkWorker);
        if (caseload.status !== 200) throw new Error(`the probe's caseload answered ${caseload.status}`);
        if (caseload.body.includes(id) || performance.now() - accepted > GIVE_UP_MS) break;
        await sleep(POLL_MS);
      }
      this.samples.push(performance.now() - accepted);
      const wait = Math.max(0, this.everyMs - (performance.now() - started));
      await sleep(wait, undefined, { signal: this.stopping.signal }).catch(() => undefined);
    }
  }

  /** A POST that must answer 2xx. */
  private async post(path: string, auth: Record<string, string>, body: unknown): Promise<void> {
    const headers = { 'content-type': 'application/json', ...auth };
    const reply = await this.client.send('POST', path, headers, JSON.stringify(body));
    if (reply.status < 200 || reply.status > 299)
      throw new Error(`the probe's POST ${path} answered ${reply.status}: ${reply.body.slice(0, 200)}`);
  }
}

/** The probe's figures for the API with its projections in process and, beside it, with the projector as its own process. */
export function visibilityFigures(inProcess: number[], split: number[]): Figure[] {
  const slowest = (where: string, samples: number[]): Figure => ({
    name: `${where}: an accepted referral listed in its link worker's caseload (read model) after, slowest of ${samples.length}`,
    unit: 'ms',
    value: Math.max(...samples),
    better: 'lower',
    targets: [{ kind: 'atMost', value: 1_000 }],
  });
  return [
    {
      name: `projections in process: an accepted referral listed in its link worker's caseload (read model) after, median of ${inProcess.length}`,
      unit: 'ms',
      value: median(inProcess),
      better: 'lower',
    },
    slowest('projections in process', inProcess),
    slowest('deployed as API + projector processes', split),
  ];
}

export function visibilityNote(samples: number): string {
  return `Live projection lag: through each measured window a probe of its own, beside the load, every 0.5 s creates a referral, accepts it for a link worker of its own and reads that link worker's caseload every ${POLL_MS} ms until it lists the referral (${samples} samples in the in-process window): the time from the acceptance's 2xx to that caseload is the lag a link worker meets. Its few requests a second are not counted in the load's figures, and each caseload read is access-logged like any other.`;
}
