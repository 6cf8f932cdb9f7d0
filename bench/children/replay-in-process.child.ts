import { PerformanceObserver } from 'node:perf_hooks';
import { exitStats, toParent } from '../lib/child';
import { InProcessProfiler } from '../lib/cpu-profile';
import { planFromArgs } from '../lib/plan';
import { inProcess } from '../lib/replay-setup';

/**
 * The in-process replay figures in a process of their own, whose heap holds the store and nothing of
 * the bench's earlier scenarios (as the API's does), with V8's garbage-collection pauses recorded.
 * Arguments: the data folder, the stream, `--quick` or not, and optionally a profile file.
 */
async function main(): Promise<void> {
  const [dataDir, stream, quick, profileFile] = process.argv.slice(2);
  if (!dataDir || !stream)
    throw new Error('usage: replay-in-process.child.ts <dataDir> <stream> <quick|full> [profileFile]');
  const plan = planFromArgs(quick === 'quick' ? ['--quick'] : []);
  const pauses: { start: number; ms: number }[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) pauses.push({ start: entry.startTime, ms: entry.duration });
  });
  observer.observe({ entryTypes: ['gc'] });
  const local = await inProcess(dataDir, stream, plan);
  // Entries are delivered asynchronously: let the last ones arrive before stopping.
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
  const gcMs = pauses.map((p) => p.ms).sort((a, b) => a - b);
  let profiled: string | undefined;
  if (profileFile) {
    const profiler = new InProcessProfiler();
    await profiler.start();
    try {
      await local.load();
    } finally {
      profiled = await profiler.stop(profileFile);
    }
  }
  await local.close();
  await toParent({
    type: 'result',
    layered: local.layered,
    engine: local.engine,
    plain: local.plain,
    gcMs,
    profiled,
  });
  await toParent(exitStats());
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`replay-in-process child failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
