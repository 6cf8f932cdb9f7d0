import { randomBytes } from 'node:crypto';
import { KafkaMessaging } from '@app/messaging';
import {
  createTestDatabase,
  kafkaTestBrokers,
  queryDatabase,
  tempDir,
  uniqueKafkaPrefix,
} from '@app/testing';
import type { TempDir, TestDatabase } from '@app/testing';
import type { Role } from '@app/application';
import { AppProcess } from '../../faults/support/app-process';
import { compileApp } from '../../faults/support/compiled-app';
import type { CompiledApp } from '../../faults/support/compiled-app';
import { freePort } from '../../faults/support/free-port';
import type { LoadTarget } from '../../faults/support/referral-load';
import { ServiceProcess } from './service-process';

export const API_INSTANCES = 3;

/** The cluster's settings shared by every process: one database, one master key, one JWT secret. */
function sharedEnv(url: string, masterKey: string, kafkaPrefix?: string): Record<string, string> {
  return {
    EVENT_STORE: 'postgres',
    READ_MODEL_STORE: 'postgres',
    DATABASE_URL: url,
    // 3 APIs, 2 projectors, 2 relays and 2 gateways must fit in the server's 100 connections.
    DATABASE_POOL_SIZE: '3',
    DATA_KEY_MASTER: masterKey,
    ...(kafkaPrefix
      ? {
          KAFKA_BROKERS: kafkaTestBrokers(),
          KAFKA_TOPIC_PREFIX: kafkaPrefix,
          KAFKA_REPORT_INTERVAL_MS: '60000',
        }
      : {}),
  };
}

/**
 * Several API instances, a projector pair and (when a broker answers) relay and gateway pairs, as
 * separate processes on one fresh PostgreSQL database. Every process gets an empty DATA_DIR of its
 * own: whatever must be shared has to be in the database.
 */
export class Cluster {
  readonly apis: AppProcess[] = [];
  readonly projectors: ServiceProcess[] = [];
  readonly integration: ServiceProcess[] = [];
  private readonly dirs: TempDir[] = [];
  private next = 0;

  private constructor(
    readonly compiled: CompiledApp,
    readonly database: TestDatabase,
    readonly env: Record<string, string>,
    readonly kafkaPrefix: string | undefined,
  ) {}

  /** `apis` instances (default 3); `env` adds settings every process gets. */
  static async start(options: {
    kafka: boolean;
    apis?: number;
    env?: Record<string, string>;
  }): Promise<Cluster> {
    const compiled = compileApp();
    const database = await createTestDatabase('cluster', { durable: true });
    const prefix = options.kafka ? uniqueKafkaPrefix('cluster') : undefined;
    const env = { ...sharedEnv(database.url, randomBytes(32).toString('base64'), prefix), ...options.env };
    const cluster = new Cluster(compiled, database, env, prefix);
    const apis = options.apis ?? API_INSTANCES;
    try {
      // The first API creates the tables; the rest start together.
      await cluster.addApi();
      await Promise.all(Array.from({ length: apis - 1 }, () => cluster.addApi()));
      for (const name of ['projector-a', 'projector-b']) {
        const projector = cluster.service(name, 'referral-projector');
        await projector.start(/following \d+ projection/);
        cluster.projectors.push(projector);
      }
      if (prefix) {
        for (const name of ['relay-a', 'relay-b']) {
          const relay = cluster.service(name, 'integration-relay');
          await relay.start(/integration-relay started/);
          cluster.integration.push(relay);
        }
        for (const name of ['gateway-a', 'gateway-b']) {
          const gateway = cluster.service(name, 'integration-gateway');
          await gateway.start(/integration-gateway started/);
          cluster.integration.push(gateway);
        }
      }
      return cluster;
    } catch (error) {
      await cluster.stop();
      throw error;
    }
  }

  /** An API instance with an empty DATA_DIR; extra settings override the cluster's. */
  async addApi(extra: Record<string, string> = {}, start = true): Promise<AppProcess> {
    const dir = tempDir('cluster-api-');
    this.dirs.push(dir);
    const api = new AppProcess({
      main: this.compiled.main,
      dataDir: dir.path,
      port: await freePort(),
      env: {
        ...this.env,
        RUN_PROJECTIONS: 'false',
        RUN_INTEGRATION: 'false',
        RATE_LIMIT_WRITES_PER_MINUTE: '0',
        RATE_LIMIT_READS_PER_MINUTE: '0',
        ...extra,
      },
    });
    if (start) {
      await api.start();
      this.apis.push(api);
    }
    return api;
  }

  private service(name: string, app: Parameters<CompiledApp['mainOf']>[0]): ServiceProcess {
    const dir = tempDir(`cluster-${name}-`);
    this.dirs.push(dir);
    return new ServiceProcess(name, this.compiled.mainOf(app), { ...this.env, DATA_DIR: dir.path });
  }

  token(role: Role, sub: string): string {
    return this.apis[0]!.token(role, sub);
  }

  /** The next running instance, round-robin, as a load balancer would pick it. */
  nextApi(): AppProcess {
    for (let i = 0; i < this.apis.length; i += 1) {
      const api = this.apis[this.next++ % this.apis.length]!;
      if (api.running) return api;
    }
    throw new Error('No API instance is running');
  }

  /** A load target whose every request goes to the next instance. */
  roundRobin(): LoadTarget {
    const next = () => this.nextApi().baseUrl;
    return {
      get baseUrl() {
        return next();
      },
      token: (role, sub) => this.token(role, sub),
    };
  }

  /** Which projector process holds each projection's leadership lock now (by PostgreSQL backend). */
  async projectionLeaders(): Promise<string[]> {
    const rows = await queryDatabase<{ name: string }>(
      this.database.url,
      `SELECT a.application_name AS name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
       WHERE l.locktype = 'advisory' AND l.granted AND a.application_name LIKE 'cyp-projection-lock:%'`,
    );
    return rows.map((r) => r.name.replace('cyp-projection-lock:', ''));
  }

  async stop(): Promise<void> {
    await Promise.all([
      ...this.apis.map((a) => a.stop()),
      ...this.projectors.map((p) => p.kill()),
      ...this.integration.map((p) => p.kill()),
    ]);
    await this.database.drop().catch(() => undefined);
    if (this.kafkaPrefix) {
      const messaging = new KafkaMessaging({
        brokers: kafkaTestBrokers().split(','),
        clientId: 'cluster-cleanup',
      });
      const mine = (await messaging.listTopics().catch(() => [])).filter((t) =>
        t.startsWith(this.kafkaPrefix!),
      );
      await messaging.deleteTopics(mine).catch(() => undefined);
    }
    for (const dir of this.dirs) dir.remove();
    this.compiled.remove();
  }
}

/** Runs `work` over `items`, `parallel` at a time, in order of completion. */
export async function inBatches<T, R>(
  items: T[],
  parallel: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index]!, index);
      }
    }),
  );
  return results;
}
