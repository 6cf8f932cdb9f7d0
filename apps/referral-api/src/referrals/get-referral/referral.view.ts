import { ageInYears } from '@app/referral-domain';
import type { OpenReferral } from '@app/referral-domain';

/** What a referrer may see of a referral they made: where it is, not what happens in it (minimum necessary). */
export function referralStatusView(s: OpenReferral, version: number) {
  return {
    id: s.referralId,
    version,
    status: s.status,
    receivedAt: s.receivedAt,
    acceptedAt: s.acceptedAt ?? null,
    declinedAt: s.declinedAt ?? null,
    declineReason: s.declineReason ?? null,
    signpostedTo: s.signpostedTo ?? null,
    endedAt: s.endedAt ?? null,
    endReason: s.endReason ?? null,
  };
}

/** The whole case as the people working on it need it. */
export function referralView(s: OpenReferral, version: number) {
  return {
    ...referralStatusView(s, version),
    source: s.source,
    youngPerson: { ...s.youngPerson, ageYears: ageInYears(s.youngPerson.dateOfBirth, s.receivedAt) },
    parentCarer: s.parentCarer ?? null,
    reasons: s.reasons,
    reasonsAsSent: s.reasonsAsSent ?? [],
    urgency: s.urgency,
    pcnCode: s.pcnCode ?? null,
    schoolUrn: s.schoolUrn ?? null,
    notes: s.notes ?? null,
    linkWorkerId: s.linkWorkerId ?? null,
    consent: consentView(s.consent),
    goals: s.goals.map(goalView),
    sessions: sessionsView(s.sessions),
    outcomes: s.outcomes,
    handoffs: s.handoffs,
    appointments: s.appointments,
    prescriptions: s.prescriptions,
    episode: s.episode ?? { number: 1, previousReferralId: null },
  };
}

function consentView(consent: OpenReferral['consent']) {
  const latest = consent.records.at(-1);
  return {
    scopes: consent.scopes,
    givenBy: latest?.givenBy ?? null,
    basis: latest?.basis ?? null,
    obtainedAt: latest?.at ?? null,
    competenceAssessedBy: latest?.competenceAssessedBy ?? null,
    records: consent.records,
    withdrawals: consent.withdrawals,
  };
}

function goalView(g: OpenReferral['goals'][number]) {
  return {
    id: g.goalId,
    description: g.description,
    need: g.need ?? null,
    setAt: g.setAt,
    firstScore: g.scores[0]?.score ?? null,
    latestScore: g.scores.at(-1)?.score ?? null,
    scores: g.scores,
  };
}

function sessionsView(sessions: OpenReferral['sessions']) {
  const attended = sessions.filter((x) => x.attended);
  return {
    total: sessions.length,
    attended: attended.length,
    firstAttendedAt: attended[0]?.at ?? null,
    lastSessionAt: sessions.at(-1)?.at ?? null,
    items: sessions,
  };
}
