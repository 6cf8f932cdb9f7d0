import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ROOT } from './lib/child';
import type { ScenarioResult } from './lib/figures';
import { describeMachine, loadNow } from './lib/machine';
import { SCENARIOS, planFromArgs } from './lib/plan';
import type { Plan, ScenarioId } from './lib/plan';
import { markdownReport } from './lib/report';
import { consoleTable } from './lib/table';
import { appendScenario } from './scenarios/append.bench';
import { checkpointScenario } from './scenarios/checkpoint.bench';
import { postgresAppendScenario } from './scenarios/append-postgres.bench';
import { httpCommandsScenario } from './scenarios/http-commands.bench';
import { rebuildScenario } from './scenarios/rebuild.bench';
import { relayScenario } from './scenarios/relay.bench';
import { replayScenario } from './scenarios/replay.bench';
import { pathwayReadsScenario } from './scenarios/pathway-reads.bench';
import { directoryScenario } from './scenarios/directory.bench';
import { dashboardScenario } from './scenarios/dashboard.bench';

type Dirs = { work: string; profiles: string };
type Runner = (plan: Plan, dirs: Dirs) => Promise<ScenarioResult | ScenarioResult[]>;

const RUNNERS: Record<ScenarioId, { title: string; run: Runner }> = {
  append: { title: '1. Append, embedded SQLite', run: (plan, d) => appendScenario(plan, d.work, d.profiles) },
  'append-postgres': { title: '1. Append, PostgreSQL', run: (plan) => postgresAppendScenario(plan) },
  http: { title: '2. HTTP commands', run: (plan, d) => httpCommandsScenario(plan, d.work, d.profiles) },
  rebuild: { title: '3. Projection rebuild', run: (plan, d) => rebuildScenario(plan, d.profiles) },
  replay: { title: '4. Audit replay', run: (plan, d) => replayScenario(plan, d.work, d.profiles) },
  relay: { title: '5. Relay', run: (plan, d) => relayScenario(plan, d.work, d.profiles) },
  checkpoint: { title: '6. Tamper evidence', run: (plan) => checkpointScenario(plan) },
  'pathway-reads': {
    title: '7. Triage queue and search',
    run: (plan, d) => pathwayReadsScenario(plan, d.work),
  },
  directory: {
    title: '8. Community directory',
    run: (plan, d) => directoryScenario(plan, d.work, d.profiles),
  },
  dashboard: { title: '9. Dashboard and reports', run: (plan, d) => dashboardScenario(plan, d.work) },
};

/** Runs the benchmark scenarios, prints the table and writes docs/performance.md (see that file). */
async function main(): Promise<void> {
  const plan = planFromArgs(process.argv.slice(2));
  const started = Date.now();
  const loadAtStart = loadNow();
  const profiles = join(ROOT, 'bench', '.data', 'profiles');
  rmSync(profiles, { recursive: true, force: true });
  mkdirSync(profiles, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'cyp-bench-'));
  const byScenario = new Map<ScenarioId, ScenarioResult[]>();
  let failed = 0;
  try {
    for (const id of SCENARIOS.filter((s) => plan.only.includes(s))) {
      const { title, run } = RUNNERS[id];
      const t0 = Date.now();
      log(`${title} ...`);
      try {
        byScenario.set(id, [await run(plan, { work, profiles })].flat());
      } catch (error) {
        failed += 1;
        byScenario.set(id, [
          { id, title, figures: [], notes: [], skipped: `failed: ${(error as Error).message}` },
        ]);
        process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
      }
      log(`${title} done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const results = SCENARIOS.flatMap((id) => byScenario.get(id) ?? []);
  const minutes = (Date.now() - started) / 60_000;
  process.stdout.write(`\n${consoleTable(results)}\n\n`);
  const target = reportFile(plan);
  const command = `npm run bench${plan.quick ? ' -- --quick' : ''}`;
  writeFileSync(target, markdownReport(describeMachine(loadAtStart), results, command, minutes));
  log(`wrote ${relative(ROOT, target)} (${minutes.toFixed(1)} min)`);
  if (failed) process.exitCode = 1;
}

/** Only a full run of every scenario replaces docs/performance.md. */
function reportFile(plan: Plan): string {
  const full = !plan.quick && plan.only.length === Object.keys(RUNNERS).length;
  if (full) return join(ROOT, 'docs', 'performance.md');
  mkdirSync(join(ROOT, 'bench', '.data'), { recursive: true });
  return join(ROOT, 'bench', '.data', plan.quick ? 'performance.quick.md' : 'performance.partial.md');
}

function log(message: string): void {
  process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

// Exits explicitly: a Kafka client left retrying by a failed scenario must not keep the run alive.
main().then(
  () => process.exit(),
  (error: unknown) => {
    process.stderr.write(`Benchmark failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
