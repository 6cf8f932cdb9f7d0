import type { Figure } from '../lib/figures';
import { formatNumber, ratio } from '../lib/figures';
import type { Plan } from '../lib/plan';

const x = (figure: Figure): string => `${(ratio(figure) ?? Number.NaN).toFixed(2)}x`;

/** What the embedded append rows measure, why FULL is the default, and what limits a missed target. */
export function appendNotes(
  sync: 'FULL' | 'NORMAL',
  callers: number,
  figures: { grouped: Figure; sequential: Figure },
  rows: number,
  plan: Plan,
): string[] {
  const { grouped, sequential } = figures;
  const notes = [
    `Median of ${plan.append.rounds} round(s) of ${plan.append.seconds} s per measurement (at most ${formatNumber(rows)} rows), store and baseline alternating, each on a fresh file in WAL mode.`,
    `First row: ${callers} callers append at once, as ${callers} HTTP connections would, each owning its own referrals and sending \`append(stream, [event], expectedVersion)\` one event at a time, waiting for each answer (a new stream expects no stream, every later event the version before it). The store combines the appends that arrive while it is busy into one transaction (group commit, docs/adr/0006-group-commit.md): one BEGIN IMMEDIATE, per append a read of the stream head and the insert, one COMMIT with its sync, then every caller is answered. The baseline is given the same grouping, to be fair to neither side: plain better-sqlite3 inserts of the same rows, serialised the same way, ${callers} per transaction, so the ratio is what the store costs above SQLite for the same commits; against one insert per transaction (the second row's baseline) it would be ${formatNumber(grouped.value / (sequential.baseline?.value ?? Number.NaN))}x.`,
    `Second row: the same appends from one caller, each awaited before the next, so every append is its own transaction and sync, beside plain inserts one per transaction (${x(sequential)}). Third row: the ${callers} callers through the layers the API adds (a SHA-256 hash chain per stream; personal data sealed with a data key per referral, created in its own SQLite file with synchronous=FULL on the referral's first event, one sync per new referral that group commit does not share); it has no target of its own.`,
  ];
  if (sync === 'FULL') {
    notes.push(
      "Default: in WAL mode synchronous=FULL syncs the WAL to disk at every commit, so an append the API has acknowledged survives a power cut or OS crash; NORMAL syncs only at checkpoints and may lose the last acknowledged appends (never corrupting the file). A referral's consent, safeguarding handoff or ending must not vanish after the caller was told it was recorded, so FULL is the default, and group commit never answers a caller before the sync of its batch.",
    );
  }
  const baseline = grouped.baseline?.value ?? Number.NaN;
  if (grouped.value < 25_000 || (ratio(grouped) ?? 0) < 0.8) {
    notes.push(
      `Limit: the plain baseline, with the same ${callers} rows per commit and no store code at all, makes ${formatNumber(baseline)} inserts/s in this run, so the store (${x(grouped)} of it) is bounded by what SQLite does per row and per commit on this machine at this moment${baseline < 25_000 ? '; 25,000 appends/s is out of reach here whatever the store does' : ''}. In the store's profile below, \`run\` and \`get\` (native) are the inserts and the head reads; \`toJson\` is serialising data and metadata, which the baseline does as well; the rest is the store's own work per append (validation, the expected-version check, one promise per caller).`,
    );
  }
  return notes;
}
