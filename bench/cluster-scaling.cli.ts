import { Cluster } from '../apps/referral-api/test/cluster/support/cluster';
import { referralCommands } from './lib/command-sequence';
import { load } from './lib/http-load';
import { BENCH_SECRET } from './lib/servers';
import { answerHelp } from '@app/config';

const CONNECTIONS = 64;
const WARMUP_SECONDS = 5;
const SECONDS = 20;

answerHelp(`npm run bench:cluster
  measures HTTP throughput with 1, 2 and 3 API instances on one PostgreSQL database (needs PostgreSQL on
  127.0.0.1:5432); writes its table to bench/.data.`);

/**
 * Commands per second with 1, 2 and 3 API instances on one PostgreSQL database (the cluster suite's
 * shape: projector pair, shared state in PostgreSQL), 64 connections of the bench's mixed command
 * workload split evenly over the instances. Prints a Markdown table for docs/scaling.md.
 */
async function main(): Promise<void> {
  const cluster = await Cluster.start({
    kafka: false,
    env: { AUTH_JWT_SECRET: BENCH_SECRET, DATABASE_POOL_SIZE: '8' },
  });
  const rows: { instances: number; rate: number; p99: number; other: number }[] = [];
  try {
    const { requests } = referralCommands();
    for (let instances = 1; instances <= cluster.apis.length; instances += 1) {
      const used = cluster.apis.slice(0, instances);
      const ports = used.map((api) => Number(new URL(api.baseUrl).port));
      const run = (seconds: number) =>
        Promise.all(ports.map((port) => load(port, requests, CONNECTIONS / instances, seconds)));
      await run(WARMUP_SECONDS);
      const results = await run(SECONDS);
      rows.push({
        instances,
        rate: results.reduce((sum, r) => sum + r.rate, 0),
        p99: Math.max(...results.map((r) => r.p99)),
        other: results.reduce(
          (sum, r) => sum + Object.values(r.statuses).reduce((a, b) => a + b, 0) + r.errors,
          0,
        ),
      });
      process.stdout.write(`${instances} instance(s): ${rows.at(-1)!.rate.toFixed(0)} commands/s\n`);
    }
  } finally {
    await cluster.stop();
  }
  const base = rows[0]!.rate;
  const lines = [
    '| API instances | commands/s | ratio to 1 | p99 (ms) | non-2xx |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const r of rows)
    lines.push(
      `| ${r.instances} | ${r.rate.toFixed(0)} | ${(r.rate / base).toFixed(2)}x | ${r.p99} | ${r.other} |`,
    );
  process.stdout.write(`\n${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`cluster-scaling failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
