import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Jest runs test files in parallel workers, and every Kafka test shares one broker. A test that stops
 * the broker takes it exclusively; the others share it. Files in the OS temp dir coordinate the
 * processes: a sharer registers first and then backs off while an outage is announced; the outage test
 * announces first and then waits for the registered sharers to finish, so neither can miss the other.
 * Entries of processes that died are ignored.
 */
const WAIT_MS = 300_000;

const dirOf = (brokers: string) =>
  join(tmpdir(), `kafka-test-broker-${brokers.replace(/[^0-9A-Za-z]/g, '_')}`);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function outageBy(marker: string): number | undefined {
  try {
    const pid = Number(readFileSync(marker, 'utf8'));
    if (alive(pid)) return pid;
    rmSync(marker, { force: true });
  } catch {
    // no outage announced
  }
  return undefined;
}

/** Waits until no test is stopping the broker, then holds a share of it until the returned release is called. */
export async function shareBroker(brokers: string): Promise<() => void> {
  const dir = dirOf(brokers);
  mkdirSync(join(dir, 'sharers'), { recursive: true });
  const me = join(dir, 'sharers', `${process.pid}-${randomBytes(4).toString('hex')}`);
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    writeFileSync(me, String(process.pid));
    const stopper = outageBy(join(dir, 'outage'));
    if (stopper === undefined || stopper === process.pid) return () => rmSync(me, { force: true });
    rmSync(me, { force: true });
    if (Date.now() > deadline)
      throw new Error(`Another test (pid ${stopper}) kept the Kafka broker stopped for ${WAIT_MS / 1000} s`);
    await sleep(500);
  }
}

/** Announces an outage, waits for tests sharing the broker in other processes to finish, and holds it until released. */
export async function takeBrokerExclusively(brokers: string): Promise<() => void> {
  const dir = dirOf(brokers);
  mkdirSync(join(dir, 'sharers'), { recursive: true });
  const marker = join(dir, 'outage');
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    try {
      writeFileSync(marker, String(process.pid), { flag: 'wx' });
      break;
    } catch {
      if (outageBy(marker) !== undefined) await sleep(500);
      if (Date.now() > deadline)
        throw new Error(`Another test kept the Kafka broker for itself for ${WAIT_MS / 1000} s`);
    }
  }
  const release = () => rmSync(marker, { force: true });
  const others = () =>
    readdirSync(join(dir, 'sharers'))
      .map((name) => Number(name.split('-')[0]))
      .filter((pid) => pid !== process.pid && alive(pid));
  while (others().length > 0) {
    if (Date.now() > deadline) {
      release();
      throw new Error(
        `Tests in processes ${others().join(', ')} kept using the Kafka broker for ${WAIT_MS / 1000} s`,
      );
    }
    await sleep(500);
  }
  return release;
}

/** Whether a test in a live process has stopped the broker on purpose (it will start it again). */
export const outageAnnounced = (brokers: string): boolean =>
  outageBy(join(dirOf(brokers), 'outage')) !== undefined;
