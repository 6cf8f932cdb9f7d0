import type { ReferralEvent } from '@app/referral-domain';
import type { ReferralSummary } from './referral-summary';
import { withClocks } from './referral-summary';

/** The attended times and the last session from the session log, after one session changed. */
function withSessionLog(
  row: ReferralSummary,
  log: NonNullable<ReferralSummary['sessionLog']>,
): ReferralSummary {
  const all = Object.values(log);
  const times = all.map((x) => x.at).sort();
  return withClocks({
    ...row,
    sessionLog: log,
    attendedSessions: all
      .filter((x) => x.attended)
      .map((x) => x.at)
      .sort(),
    lastSessionAt: times.at(-1) ?? null,
  });
}

/**
 * Amended sessions and outcome scores: the clocks and reports follow the corrected values, a voided
 * score leaves them. Undefined for other events.
 */
export function evolveAmendmentSummary(
  row: ReferralSummary,
  event: ReferralEvent,
): ReferralSummary | undefined {
  switch (event.type) {
    case 'SessionAmended': {
      const before = row.sessionLog?.[event.data.sessionId];
      // Rows built before the session log cannot place the session: a rebuild does.
      if (before === undefined) return row;
      const { at, attended } = event.data.changes;
      const after = { at: at ?? before.at, attended: attended ?? before.attended };
      return withSessionLog(row, { ...row.sessionLog, [event.data.sessionId]: after });
    }
    case 'OutcomeAmended':
      return {
        ...row,
        scores: row.scores.map((x) =>
          x.id === event.data.outcomeId ? { ...x, score: event.data.score } : x,
        ),
      };
    case 'OutcomeVoided':
      return { ...row, scores: row.scores.filter((x) => x.id !== event.data.outcomeId) };
    default:
      return undefined;
  }
}
