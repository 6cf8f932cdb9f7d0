import type { ConsentScope, HandoffTarget } from './referral.vocabulary';
import { command } from './referral.test-commands';
import {
  RECEIVED_AT,
  aReceivedReferral,
  anAcceptedReferral,
  anActiveReferral,
  day,
  events,
  plusMs,
} from './referral.test-events';
import { given } from './referral.test-kit';

const withConsentTo = (...scopes: ConsentScope[]) => [
  ...anActiveReferral(),
  events.consentObtained({ scopes }),
];
const safeguarding = { justification: 'Disclosure of harm at home' };

describe('a received referral', () => {
  it('when RequestHandoff, then it is refused until the referral is accepted', () => {
    given(...aReceivedReferral())
      .when(command.requestHandoff({ safeguarding }))
      .thenThrows('REFERRAL.NOT_OPEN');
  });
});

describe('an accepted referral with no consent', () => {
  it('when RequestHandoff without a safeguarding justification, then consent is required', () => {
    given(...anAcceptedReferral())
      .when(command.requestHandoff())
      .thenThrows('REFERRAL.CONSENT_REQUIRED');
  });

  it('when RequestHandoff on safeguarding grounds, then it is requested with no consent scope and the justification', () => {
    given(...anAcceptedReferral())
      .when(
        command.requestHandoff({
          target: 'school',
          reason: 'Safeguarding lead must know',
          urgency: 'urgent',
          safeguarding,
        }),
      )
      .then([
        {
          type: 'HandoffRequested',
          data: {
            referralId: 'referral-0001',
            handoffId: 'h1',
            at: day(10),
            target: 'school',
            reason: 'Safeguarding lead must know',
            urgency: 'urgent',
            consentScope: null,
            safeguarding: { justification: 'Disclosure of harm at home' },
          },
        },
      ]);
  });

  it('when RequestHandoff with a blank safeguarding justification, then consent is required', () => {
    given(...anAcceptedReferral())
      .when(command.requestHandoff({ safeguarding: { justification: '   ' } }))
      .thenThrows('REFERRAL.CONSENT_REQUIRED');
  });

  it('when RequestHandoff with a padded justification, then it is recorded trimmed', () => {
    given(...anAcceptedReferral())
      .when(command.requestHandoff({ safeguarding: { justification: '  Risk of harm  ' } }))
      .then([
        events.handoffRequested({
          at: day(10),
          consentScope: null,
          safeguarding: { justification: 'Risk of harm' },
        }),
      ]);
  });
});

describe('an active referral', () => {
  it.each<[HandoffTarget, ConsentScope]>([
    ['camhs', 'share_with_camhs'],
    ['mhst', 'share_with_mhst'],
    ['school', 'share_with_school'],
  ])(
    'with consent to share, when RequestHandoff to %s, then it records the consent scope %s',
    (target, scope) => {
      given(...withConsentTo(scope))
        .when(command.requestHandoff({ target }))
        .then([
          {
            type: 'HandoffRequested',
            data: {
              referralId: 'referral-0001',
              handoffId: 'h1',
              at: day(10),
              target,
              reason: 'Low mood persists',
              urgency: 'routine',
              consentScope: scope,
              safeguarding: undefined,
            },
          },
        ]);
    },
  );

  it('with consent to share with the GP only, when RequestHandoff to school, then consent is required', () => {
    given(...withConsentTo('share_with_gp'))
      .when(command.requestHandoff({ target: 'school' }))
      .thenThrows('REFERRAL.CONSENT_REQUIRED');
  });

  it('with support consent only, when RequestHandoff to CAMHS, then consent is required', () => {
    given(...anActiveReferral())
      .when(command.requestHandoff({ target: 'camhs' }))
      .thenThrows('REFERRAL.CONSENT_REQUIRED');
  });

  it('with sharing consent withdrawn, when RequestHandoff, then consent is required', () => {
    given(...withConsentTo('share_with_camhs'), events.consentWithdrawn({ scopes: ['share_with_camhs'] }))
      .when(command.requestHandoff({ target: 'camhs' }))
      .thenThrows('REFERRAL.CONSENT_REQUIRED');
  });

  it('with consent and a safeguarding justification, when RequestHandoff, then both are recorded', () => {
    given(...withConsentTo('share_with_camhs'))
      .when(command.requestHandoff({ target: 'camhs', safeguarding }))
      .then([events.handoffRequested({ at: day(10), consentScope: 'share_with_camhs', safeguarding })]);
  });
});

describe('an active referral with a handoff requested', () => {
  const requested = () => [...withConsentTo('share_with_camhs'), events.handoffRequested()];

  it('when AcknowledgeHandoff, then the partner acknowledgement and reference are recorded', () => {
    given(...requested())
      .when(command.acknowledgeHandoff({ reference: 'CAMHS-42' }))
      .then([
        {
          type: 'HandoffAcknowledged',
          data: { referralId: 'referral-0001', handoffId: 'h1', at: day(10), reference: 'CAMHS-42' },
        },
      ]);
  });

  it('when RejectHandoff, then the partner rejection and reason are recorded', () => {
    given(...requested())
      .when(command.rejectHandoff({ reason: 'Below threshold' }))
      .then([
        {
          type: 'HandoffRejected',
          data: { referralId: 'referral-0001', handoffId: 'h1', at: day(10), reason: 'Below threshold' },
        },
      ]);
  });

  it.each([
    ['AcknowledgeHandoff', command.acknowledgeHandoff({ handoffId: 'h9' })],
    ['RejectHandoff', command.rejectHandoff({ handoffId: 'h9' })],
  ])('when %s for a handoff never requested, then the handoff is not found', (_, cmd) => {
    given(...requested())
      .when(cmd)
      .thenThrows('REFERRAL.HANDOFF_NOT_FOUND');
  });

  it('when AcknowledgeHandoff before the referral was received, then the time is refused', () => {
    given(...requested())
      .when(command.acknowledgeHandoff({ at: plusMs(RECEIVED_AT, -1) }))
      .thenThrows('REFERRAL.TIME_BEFORE_RECEIVED');
  });
});

describe.each([
  ['acknowledged', events.handoffAcknowledged()],
  ['rejected', events.handoffRejected()],
])('an active referral with a handoff already %s', (_, answer) => {
  const answered = () => [...withConsentTo('share_with_camhs'), events.handoffRequested(), answer];

  it.each([
    ['AcknowledgeHandoff', command.acknowledgeHandoff()],
    ['RejectHandoff', command.rejectHandoff()],
  ])('when %s, then it was already answered', (_name, cmd) => {
    given(...answered())
      .when(cmd)
      .thenThrows('REFERRAL.HANDOFF_ALREADY_ANSWERED');
  });
});
