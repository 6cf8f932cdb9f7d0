import { randomBytes, randomUUID } from 'node:crypto';
import { topicNames } from '@app/contracts';
import { KafkaMessaging } from '@app/messaging';
import { kafkaTestBrokers, recordTopics, tempDir } from '@app/testing';
import { sleep } from '../faults/support/app-process';
import type { AppProcess } from '../faults/support/app-process';
import { call } from '../faults/support/http';
import { compareWithRebuild, waitForProjections } from '../faults/support/projections-check';
import { ReferralLoad } from '../faults/support/referral-load';
import { auditStreams, commandsInStore, lostAcks, readPostgresEvents } from '../faults/support/stored-events';
import { Cluster, inBatches } from './support/cluster';
import { report, reportTable } from './support/cluster-report';

const COMMANDS = 4_000;
const CLIENTS = 6;
const READERS = 16;
const RACES = 1_000;
const HANDOFFS = 200;
const LW = 'cluster-lw';
const SESSION = { format: 'one_to_one', setting: 'school', durationMinutes: 30, attended: true };
const BUDGET_MS = 10 * 60_000;

/** A problem code as text: '' when absent; codes are strings, anything else is shown as JSON. */
const codeText = (code: unknown): string =>
  typeof code === 'string' ? code : code === undefined || code === null ? '' : JSON.stringify(code);

async function kafkaAnswers(): Promise<boolean> {
  const probe = new KafkaMessaging({
    brokers: kafkaTestBrokers().split(','),
    clientId: 'cluster-probe',
  }).probe(5_000);
  if (process.env.CI === 'true') return probe.then(() => true);
  return probe.then(
    () => true,
    () => {
      process.stderr.write(
        `[cluster] no Kafka broker on ${kafkaTestBrokers()}: relay and gateway pairs not started\n`,
      );
      return false;
    },
  );
}

/*
 * The shape docs/scaling.md promises, as separate processes on one fresh PostgreSQL database: three API
 * instances, a projector pair (active and standby) and, when a broker answers, relay and gateway pairs.
 * A client spreads its requests over the APIs round-robin, as a load balancer would.
 */
describe('A cluster: 3 API instances, 2 projectors, relay and gateway pairs on one PostgreSQL database', () => {
  let cluster: Cluster;

  beforeAll(async () => {
    cluster = await Cluster.start({ kafka: await kafkaAnswers() });
  }, 180_000);
  afterAll(async () => {
    await cluster?.stop();
    reportTable();
  }, 120_000);

  const lw = () => cluster.token('link_worker', LW);
  const post = async (
    path: string,
    body: unknown,
    headers: Record<string, string> = {},
    to = cluster.nextApi(),
    token = lw(),
  ) => {
    const answer = await call(to.baseUrl, { method: 'POST', path, token, body, headers });
    if (answer.kind !== 'answer')
      throw new Error(`POST ${path} to ${to.baseUrl}: no answer (${answer.error})`);
    return answer;
  };
  const get = async (
    path: string,
    to = cluster.nextApi(),
    token = cluster.token('service_manager', 'cluster-sm'),
  ) => {
    const answer = await call(to.baseUrl, { method: 'GET', path, token });
    if (answer.kind !== 'answer')
      throw new Error(`GET ${path} to ${to.baseUrl}: no answer (${answer.error})`);
    return answer;
  };

  /** A referral created, accepted and consented to, each step through the next instance. */
  async function activeReferral(givenName = 'Ria'): Promise<string> {
    const id = randomUUID();
    const created = await post(
      '/v1/referrals',
      {
        id,
        source: { kind: 'school', organisationCode: 'A81001' },
        reasons: ['anxiety'],
        youngPerson: { givenName, familyName: 'Khan', dateOfBirth: '2012-06-15', nhsNumber: '943 476 5919' },
      },
      {},
      cluster.nextApi(),
      cluster.token('referrer', 'cluster-school'),
    );
    if (created.status !== 201) throw new Error(`create: ${created.status} ${JSON.stringify(created.body)}`);
    if ((await post(`/v1/referrals/${id}/accept`, { linkWorkerId: LW })).status !== 200)
      throw new Error('accept');
    const consent = {
      givenBy: 'parent_carer',
      basis: 'parental_responsibility',
      scopes: ['support', 'share_with_camhs'],
    };
    if ((await post(`/v1/referrals/${id}/consent`, consent)).status !== 200) throw new Error('consent');
    return id;
  }

  it(
    `loses nothing and fails no read under ${COMMANDS.toLocaleString('en-GB')} commands and ${READERS} readers of one referral, through kill -9 of an API and of the active projector`,
    async () => {
      const started = Date.now();
      const hot = await activeReferral('Hot');
      const load = new ReferralLoad(cluster.roundRobin(), {
        commands: COMMANDS,
        clients: CLIENTS,
        retryUnanswered: true,
        deadline: started + BUDGET_MS,
        seed: 1313,
      });
      const loading = load.run();
      let done = false;
      const reads = { ok: 0, failed: [] as string[], rerouted: 0 };
      // Readers retry on the next instance only when nothing answered (the instance was killed), as a load balancer would.
      const readers = Array.from({ length: READERS }, async (_, i) => {
        const token = cluster.token('link_worker', i % 2 === 0 ? LW : `cluster-reader-${i}`);
        const managerToken = cluster.token('service_manager', `cluster-manager-${i}`);
        while (!done) {
          const answer = await call(cluster.nextApi().baseUrl, {
            method: 'GET',
            path: `/v1/referrals/${hot}`,
            token: i % 2 === 0 ? token : managerToken,
          });
          if (answer.kind === 'no_answer') reads.rerouted += 1;
          else if (answer.status === 200) reads.ok += 1;
          else reads.failed.push(`${answer.status} ${codeText(answer.body?.code)}`);
        }
      });
      // Commands keep changing the referral the readers read.
      const hotWrites = { ok: 0, stale: 0 };
      const writer = (async () => {
        let version = Number((await get(`/v1/referrals/${hot}`)).body?.version);
        while (!done) {
          const answer = await call(cluster.nextApi().baseUrl, {
            method: 'POST',
            path: `/v1/referrals/${hot}/sessions`,
            token: lw(),
            body: SESSION,
            headers: { 'If-Match': `"${version}"` },
          });
          if (answer.kind === 'answer' && answer.status === 200) {
            hotWrites.ok += 1;
            version = Number(answer.body?.version);
          } else {
            hotWrites.stale += 1;
            const fresh = await call(cluster.nextApi().baseUrl, {
              method: 'GET',
              path: `/v1/referrals/${hot}`,
              token: lw(),
            });
            if (fresh.kind === 'answer' && fresh.status === 200) version = Number(fresh.body?.version);
          }
        }
      })();

      while (load.issued < COMMANDS * 0.4) await sleep(20);
      const victim = cluster.apis[1]!;
      await victim.kill('SIGKILL');
      const leadersBefore = await cluster.projectionLeaders();
      const active = cluster.projectors[0]!;
      await active.kill('SIGKILL');
      const killedAt = Date.now();
      let takeoverMs: number | undefined;
      while (takeoverMs === undefined && Date.now() - killedAt < 30_000) {
        if ((await cluster.projectionLeaders()).length === leadersBefore.length)
          takeoverMs = Date.now() - killedAt;
        else await sleep(50);
      }
      await victim.start();

      await loading;
      done = true;
      await Promise.all([...readers, writer]);
      await waitForProjections(cluster.apis[0]!, Date.now() + 60_000);

      const events = await readPostgresEvents(cluster.database.url);
      const commands = commandsInStore(events);
      const lost = lostAcks(load.acks, commands, events);
      const streams = auditStreams(events);
      const scratch = tempDir('cluster-check-');
      const convergence = await compareWithRebuild(scratch.path, cluster.env).finally(() => scratch.remove());
      const accessStreams = new Set(
        events.filter((e) => e.type === 'PersonalDataAccessed').map((e) => e.stream),
      ).size;
      report('Mixed workload round-robin over 3 APIs, kill -9 of one API and of the active projector', {
        load:
          `${load.issued.toLocaleString('en-GB')} commands (${load.acks.length.toLocaleString('en-GB')} acknowledged) from ${CLIENTS} clients, ` +
          `${(reads.ok + reads.failed.length).toLocaleString('en-GB')} reads of one referral by ${READERS} readers, ${hotWrites.ok} commands on it meanwhile`,
        result:
          `lost ${lost.length}, applied twice ${commands.appliedTwice.length}, failed reads ${reads.failed.length} ` +
          `(${reads.rerouted} sent to the killed instance, retried elsewhere), standby projector took over in ${takeoverMs} ms, ` +
          `read models equal a rebuild at position ${convergence.headPosition}: ${convergence.differingReferralRows.length + convergence.differingAccessRows.length === 0}; ` +
          `${accessStreams} access-log streams; refusals after retries ${JSON.stringify(load.refusals)}`,
        seconds: (Date.now() - started) / 1000,
      });

      expect(load.unexpected).toEqual([]);
      expect(load.issued + reads.ok + reads.failed.length).toBeGreaterThanOrEqual(5_000);
      expect(reads.failed).toEqual([]);
      expect(lost).toEqual([]);
      expect(commands.appliedTwice).toEqual([]);
      expect(streams.gaps).toEqual([]);
      expect(streams.brokenChains).toEqual([]);
      expect(takeoverMs).toBeLessThanOrEqual(5_000);
      expect(convergence.differingReferralRows).toEqual([]);
      expect(convergence.differingAccessRows).toEqual([]);
    },
    BUDGET_MS + 60_000,
  );

  it(`lets exactly one command win each of ${RACES.toLocaleString('en-GB')} races on one referral through three instances; the rest get 409 or 412`, async () => {
    const started = Date.now();
    const referrals = await inBatches(Array.from({ length: RACES / 10 }), 10, () => activeReferral());
    const outcomes = {
      oneWinner: 0,
      statuses: {} as Record<string, number>,
      winnersStored: 0,
      losersStored: 0,
    };
    await inBatches(referrals, 20, async (id) => {
      let version = 3;
      for (let race = 0; race < 10; race += 1) {
        const ids = cluster.apis.map(() => `race-${randomBytes(6).toString('hex')}`);
        const answers = await Promise.all(
          cluster.apis.map((api, i) =>
            post(
              `/v1/referrals/${id}/sessions`,
              SESSION,
              { 'If-Match': `"${version}"`, 'X-Correlation-Id': ids[i]! },
              api,
            ),
          ),
        );
        for (const a of answers) outcomes.statuses[a.status] = (outcomes.statuses[a.status] ?? 0) + 1;
        const won = answers.filter((a) => a.status === 200);
        if (won.length === 1 && answers.every((a) => [200, 409, 412].includes(a.status)))
          outcomes.oneWinner += 1;
        version += won.length;
      }
    });
    const events = await readPostgresEvents(cluster.database.url);
    const sessions = events.filter(
      (e) => e.type === 'SessionHeld' && String(e.metadata.correlationId).startsWith('race-'),
    );
    report(`${RACES.toLocaleString('en-GB')} races, 3 contenders each, one per instance`, {
      load: `${(RACES * 3).toLocaleString('en-GB')} commands on ${referrals.length} referrals, 20 referrals at a time`,
      result: `${outcomes.oneWinner} races with exactly one winner; answers ${JSON.stringify(outcomes.statuses)}; ${sessions.length} race events stored`,
      seconds: (Date.now() - started) / 1000,
    });
    expect(outcomes.oneWinner).toBe(RACES);
    expect(sessions).toHaveLength(RACES);
  }, 300_000);

  it('replays an Idempotency-Key sent again to another instance: the same answer and one event', async () => {
    const id = await activeReferral();
    const [first, second, third] = cluster.apis;
    const headers = {
      'Idempotency-Key': `cluster-${randomUUID()}`,
      'X-Correlation-Id': `idem-${randomUUID()}`,
    };
    const original = await post(`/v1/referrals/${id}/sessions`, SESSION, headers, first);
    const replays = await Promise.all(
      [second!, third!].map((api) => post(`/v1/referrals/${id}/sessions`, SESSION, headers, api)),
    );
    const events = (await readPostgresEvents(cluster.database.url)).filter(
      (e) => e.metadata.correlationId === headers['X-Correlation-Id'],
    );
    report('Idempotency-Key replayed on the other two instances', {
      load: '1 command, then the same request to each other instance',
      result: `first ${original.status}, replays ${replays.map((r) => `${r.status} (Idempotent-Replayed: ${r.headers.get('idempotent-replayed')})`).join(', ')}; ${events.length} event stored`,
      seconds: 0,
    });
    expect(original.status).toBe(200);
    for (const replay of replays) {
      expect(replay.status).toBe(original.status);
      expect(replay.body).toEqual(original.body);
      expect(replay.headers.get('etag')).toBe(original.headers.get('etag'));
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
    }
    expect(events).toHaveLength(1);
  });

  it('shows no plaintext on any instance once an erasure through one of them has returned', async () => {
    const id = await activeReferral('Erasable');
    const note = `note-${randomUUID()}`;
    await post(`/v1/referrals/${id}/sessions`, { ...SESSION, notes: note });
    const [eraser, ...others] = cluster.apis;
    // Every instance has read the referral (and kept its fold and its key) before the erasure.
    for (const api of cluster.apis) {
      expect(JSON.stringify((await get(`/v1/referrals/${id}/history`, api)).body)).toContain('Erasable');
      expect(JSON.stringify((await get(`/v1/referrals/${id}`, api)).body)).toContain('Erasable');
    }
    const erased = await post(
      `/v1/referrals/${id}/erasure`,
      { reason: 'Subject access request: erasure agreed by the DPO' },
      {},
      eraser,
      cluster.token('service_manager', 'cluster-dpo'),
    );
    const erasedAt = Date.now();
    const seen = await Promise.all(
      others.flatMap((api) =>
        [`/v1/referrals/${id}`, `/v1/referrals/${id}/history`].map(async (path) => {
          const answer = await get(path, api);
          return {
            path,
            status: answer.status,
            within: answer.at - erasedAt,
            body: JSON.stringify(answer.body),
          };
        }),
      ),
    );
    const leaks = seen.filter(
      (s) =>
        s.body.includes('Erasable') ||
        s.body.includes(note) ||
        s.body.includes('943 476 5919') ||
        s.body.includes('9434765919'),
    );
    report('Erasure through one instance, reads through the other two at once', {
      load: '1 referral read on every instance, erased through the first',
      result: `erasure ${erased.status}; ${seen.length} reads answered ${seen.map((s) => s.status).join(', ')} within ${Math.max(...seen.map((s) => s.within))} ms; plaintext in ${leaks.length}`,
      seconds: 0,
    });
    expect(erased.status).toBe(200);
    expect(seen.every((s) => s.status === 200 && s.within <= 1_000)).toBe(true);
    expect(leaks).toEqual([]);
  });

  it('shows through every instance what another recorded since it last read the referral, and decides on it', async () => {
    const id = await activeReferral('Kept');
    const [first, second, third] = cluster.apis as [AppProcess, AppProcess, AppProcess];
    const version = async (api: AppProcess) => {
      const answer = await get(`/v1/referrals/${id}`, api);
      return {
        etag: answer.headers.get('etag'),
        body: answer.body as { status: string; sessions?: unknown[] },
      };
    };
    const before = await version(first);
    const held = await post(`/v1/referrals/${id}/sessions`, SESSION, { 'If-Match': before.etag! }, second);
    expect(held.status).toBe(200);
    const after = await version(first);
    expect(after.etag).toBe(held.headers.get('etag'));
    expect(after.etag).not.toBe(before.etag);
    // A command through the first instance with the version it read before is stale, whatever it kept.
    const stale = await post(`/v1/referrals/${id}/sessions`, SESSION, { 'If-Match': before.etag! }, first);
    expect(stale.status).toBe(412);
    const fresh = await post(`/v1/referrals/${id}/sessions`, SESSION, { 'If-Match': after.etag! }, first);
    expect(fresh.status).toBe(200);
    expect((await version(third)).etag).toBe(fresh.headers.get('etag'));
  });

  it('refuses to start an instance with another DATA_KEY_MASTER, naming the mismatch', async () => {
    const stranger = await cluster.addApi({ DATA_KEY_MASTER: randomBytes(32).toString('base64') }, false);
    const start = stranger.start(30_000);
    await expect(start).rejects.toThrow(
      /DATA_KEY_MASTER \(fingerprint [0-9a-f]{12}\) is not the master key of the stored data keys/,
    );
    expect(stranger.running).toBe(false);
  });

  it(`publishes each of ${HANDOFFS} handoffs requested through the three instances once per event id, with 2 relays and 2 gateways running`, async () => {
    if (!cluster.kafkaPrefix) {
      process.stderr.write('[cluster] handoff publication not checked: no Kafka broker\n');
      return;
    }
    const started = Date.now();
    const referrals = await inBatches(Array.from({ length: HANDOFFS / 4 }), 10, () => activeReferral());
    const requested = await inBatches(
      referrals.flatMap((id) => [id, id, id, id]),
      10,
      async (id) =>
        (
          await post(`/v1/referrals/${id}/handoffs`, {
            target: 'camhs',
            reason: 'Panic attacks most days',
            urgency: 'routine',
          })
        ).status,
    );
    const events = (await readPostgresEvents(cluster.database.url)).filter(
      (e) => e.type === 'HandoffRequested',
    );
    const partner = new KafkaMessaging({ brokers: kafkaTestBrokers().split(','), clientId: 'cluster-camhs' });
    const recorder = recordTopics(partner, [topicNames(cluster.kafkaPrefix).handoffs.camhs]);
    const eventIdOf = (headers: Record<string, string | undefined>) => headers.eventId ?? '';
    try {
      await recorder.waitFor(
        (m) => new Set(m.map((x) => eventIdOf(x.headers))).size >= events.length,
        120_000,
        `${events.length} handoffs`,
      );
      await sleep(2_000);
    } finally {
      await recorder.stop();
    }
    const counts = new Map<string, number>();
    for (const m of recorder.messages)
      counts.set(eventIdOf(m.headers), (counts.get(eventIdOf(m.headers)) ?? 0) + 1);
    const missing = events.filter((e) => !counts.has(e.metadata.eventId));
    const twice = [...counts.values()].filter((n) => n > 1).length;
    report(`${HANDOFFS} handoffs to CAMHS with 2 relays (one active) and 2 gateways`, {
      load: `${requested.length} handoffs requested round-robin, ${requested.filter((s) => s === 202).length} answered 202`,
      result: `${counts.size} distinct event ids on the topic in ${recorder.messages.length} messages; missing ${missing.length}; published twice ${twice}`,
      seconds: (Date.now() - started) / 1000,
    });
    expect(requested.every((s) => s === 202)).toBe(true);
    expect(events).toHaveLength(HANDOFFS);
    expect(missing).toEqual([]);
    expect(twice).toBe(0);
  }, 300_000);
});
