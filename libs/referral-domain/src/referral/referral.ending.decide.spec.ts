import { command, everyCommandOnAReferral } from './referral.test-commands';
import {
  NOW,
  aDeclinedReferral,
  aReceivedReferral,
  anAcceptedReferral,
  anActiveReferral,
  anEndedReferral,
  day,
  events,
  plusMs,
} from './referral.test-events';
import { given } from './referral.test-kit';

describe('a received referral', () => {
  it('when EndReferral, then it is refused: a referral not yet accepted is declined, not ended', () => {
    given(...aReceivedReferral())
      .when(command.end())
      .thenThrows('REFERRAL.NOT_OPEN');
  });
});

describe.each([
  ['an accepted', anAcceptedReferral],
  ['an active', anActiveReferral],
])('%s referral', (_, history) => {
  it('when EndReferral, then support ends with the reason', () => {
    given(...history())
      .when(command.end({ reason: 'moved_away' }))
      .then([
        { type: 'ReferralEnded', data: { referralId: 'referral-0001', at: day(10), reason: 'moved_away' } },
      ]);
  });
});

describe.each([
  ['a declined', aDeclinedReferral],
  ['an ended', anEndedReferral],
])('%s referral', (_, history) => {
  it.each(everyCommandOnAReferral())('when %s, then the referral is closed', (_name, cmd) => {
    given(...history())
      .when(cmd)
      .thenThrows('REFERRAL.CLOSED');
  });

  it('when ReceiveReferral again, then it is already received: a closed referral is not reopened', () => {
    given(...history())
      .when(command.receive())
      .thenThrows('REFERRAL.ALREADY_RECEIVED');
  });

  it('when a command is also badly timed, then it is still reported as closed', () => {
    given(...history())
      .when(command.holdSession({ at: plusMs(NOW, 60 * 60_000) }))
      .thenThrows('REFERRAL.CLOSED');
  });
});

describe('an ended referral with a handoff requested before the end', () => {
  const endedWithOpenHandoff = () => [
    ...anActiveReferral(),
    events.handoffRequested({ consentScope: null, safeguarding: { justification: 'Risk' } }),
    events.ended(),
  ];

  it('when AcknowledgeHandoff, then the partner answer is still recorded', () => {
    given(...endedWithOpenHandoff())
      .when(command.acknowledgeHandoff({ reference: 'CAMHS-77' }))
      .then([events.handoffAcknowledged({ at: day(10), reference: 'CAMHS-77' })]);
  });

  it('when RejectHandoff, then the partner answer is still recorded', () => {
    given(...endedWithOpenHandoff())
      .when(command.rejectHandoff({ reason: 'Not accepting referrals' }))
      .then([events.handoffRejected({ at: day(10), reason: 'Not accepting referrals' })]);
  });

  it('when AcknowledgeHandoff for a handoff never requested, then the referral is closed', () => {
    given(...endedWithOpenHandoff())
      .when(command.acknowledgeHandoff({ handoffId: 'h9' }))
      .thenThrows('REFERRAL.CLOSED');
  });

  it('when AcknowledgeHandoff more than 5 minutes ahead of the clock, then the time is refused', () => {
    given(...endedWithOpenHandoff())
      .when(command.acknowledgeHandoff({ at: plusMs(NOW, 5 * 60_000 + 1) }))
      .thenThrows('REFERRAL.TIME_IN_FUTURE');
  });

  it.each([
    ['RequestHandoff', command.requestHandoff({ handoffId: 'h2', safeguarding: { justification: 'Risk' } })],
    ['HoldSession', command.holdSession()],
    ['EndReferral', command.end()],
  ])('when %s, then the referral is closed', (_, cmd) => {
    given(...endedWithOpenHandoff())
      .when(cmd)
      .thenThrows('REFERRAL.CLOSED');
  });
});

describe('an ended referral whose handoff was answered before the end', () => {
  it('when AcknowledgeHandoff again, then it was already answered', () => {
    given(...anActiveReferral(), events.handoffRequested(), events.handoffRejected(), events.ended())
      .when(command.acknowledgeHandoff())
      .thenThrows('REFERRAL.HANDOFF_ALREADY_ANSWERED');
  });
});
