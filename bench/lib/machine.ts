import { availableParallelism, cpus, loadavg, release, tmpdir, totalmem } from 'node:os';
import { readFileSync } from 'node:fs';

export type Machine = {
  cores: number;
  cpu: string;
  memoryGiB: number;
  node: string;
  os: string;
  tmp: string;
  date: string;
  /** 1-minute load average when the run started and ended: how busy the machine was with other work. */
  load: { start: number; end: number };
};

/** The 1-minute load average now. */
export function loadNow(): number {
  return loadavg()[0] ?? 0;
}

/** The machine the numbers were measured on. */
export function describeMachine(loadAtStart: number, now = new Date()): Machine {
  return {
    cores: availableParallelism(),
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: totalmem() / 1024 ** 3,
    node: process.version,
    os: `${osName()} (kernel ${release()})`,
    tmp: tmpdir(),
    date: now.toISOString(),
    load: { start: loadAtStart, end: loadNow() },
  };
}

function osName(): string {
  try {
    const pretty = /^PRETTY_NAME="?([^"\n]+)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'));
    return pretty?.[1] ?? process.platform;
  } catch {
    return process.platform;
  }
}
