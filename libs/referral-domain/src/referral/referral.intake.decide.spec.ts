import { command } from './referral.test-commands';
import { aReceivedReferral, anAcceptedReferral, anActiveReferral, day, events } from './referral.test-events';
import { given } from './referral.test-kit';

describe('a received referral', () => {
  it('when AcceptReferral, then it is accepted with the link worker and coded as a social prescribing referral', () => {
    given(...aReceivedReferral())
      .when(command.accept({ at: day(1), linkWorkerId: 'lw-ada' }))
      .then([
        {
          type: 'ReferralAccepted',
          data: {
            referralId: 'referral-0001',
            at: day(1),
            linkWorkerId: 'lw-ada',
            snomedCode: '871731000000106',
          },
        },
      ]);
  });

  it('when DeclineReferral, then it is declined with the reason, the signposting and the declined code', () => {
    given(...aReceivedReferral())
      .when(command.decline({ at: day(1), reason: 'Needs urgent CAMHS', signpostedTo: 'CAMHS crisis line' }))
      .then([
        {
          type: 'ReferralDeclined',
          data: {
            referralId: 'referral-0001',
            at: day(1),
            reason: 'Needs urgent CAMHS',
            signpostedTo: 'CAMHS crisis line',
            snomedCode: '871711000000103',
          },
        },
      ]);
  });

  it('when DeclineReferral without signposting, then it is declined all the same', () => {
    given(...aReceivedReferral())
      .when(command.decline({ at: day(1) }))
      .then([events.declined()]);
  });

  it('when WithdrawReferral, then it is withdrawn with the coded reason and the note, and closed to further changes', () => {
    given(...aReceivedReferral())
      .when(command.withdraw({ at: day(1), note: '  Family chose Kooth ' }))
      .then([events.withdrawn()]);
    given(...aReceivedReferral(), events.withdrawn())
      .when(command.accept())
      .thenThrows('REFERRAL.CLOSED');
  });

  it('when AssignLinkWorker, then it is refused until the referral is accepted', () => {
    given(...aReceivedReferral())
      .when(command.assign())
      .thenThrows('REFERRAL.NOT_OPEN');
  });
});

describe.each([
  ['an accepted', anAcceptedReferral],
  ['an active', anActiveReferral],
])('%s referral', (_, history) => {
  it('when AcceptReferral, then it is no longer awaiting a decision', () => {
    given(...history())
      .when(command.accept())
      .thenThrows('REFERRAL.NOT_AWAITING_DECISION');
  });

  it('when DeclineReferral, then it is no longer awaiting a decision', () => {
    given(...history())
      .when(command.decline())
      .thenThrows('REFERRAL.NOT_AWAITING_DECISION');
  });

  it('when WithdrawReferral, then it is too late: the referral was accepted', () => {
    given(...history())
      .when(command.withdraw())
      .thenThrows('REFERRAL.NOT_AWAITING_DECISION');
  });

  it('when AssignLinkWorker with another link worker, then the change records the previous one', () => {
    given(...history())
      .when(command.assign({ linkWorkerId: 'lw-bo' }))
      .then([
        {
          type: 'LinkWorkerAssigned',
          data: {
            referralId: 'referral-0001',
            at: day(10),
            linkWorkerId: 'lw-bo',
            previousLinkWorkerId: 'lw-ada',
          },
        },
      ]);
  });

  it('when AssignLinkWorker with the link worker already assigned, then it is refused', () => {
    given(...history())
      .when(command.assign({ linkWorkerId: 'lw-ada' }))
      .thenThrows('REFERRAL.LINK_WORKER_ALREADY_ASSIGNED');
  });
});

describe('an active referral that has changed link worker once', () => {
  const history = () => [...anActiveReferral(), events.linkWorkerAssigned({ linkWorkerId: 'lw-bo' })];

  it('when AssignLinkWorker, then the previous link worker is the latest one', () => {
    given(...history())
      .when(command.assign({ linkWorkerId: 'lw-cy' }))
      .then([
        events.linkWorkerAssigned({ at: day(10), linkWorkerId: 'lw-cy', previousLinkWorkerId: 'lw-bo' }),
      ]);
  });

  it('when AssignLinkWorker with the current link worker, then it is refused', () => {
    given(...history())
      .when(command.assign({ linkWorkerId: 'lw-bo' }))
      .thenThrows('REFERRAL.LINK_WORKER_ALREADY_ASSIGNED');
  });

  it('when AssignLinkWorker back to the first link worker, then it is allowed', () => {
    given(...history())
      .when(command.assign({ linkWorkerId: 'lw-ada' }))
      .then([
        events.linkWorkerAssigned({ at: day(10), linkWorkerId: 'lw-ada', previousLinkWorkerId: 'lw-bo' }),
      ]);
  });
});
