import type { ObtainConsent } from './referral.commands';
import { command } from './referral.test-commands';
import {
  NEARLY_SIXTEEN,
  SEVENTEEN,
  aReceivedReferral,
  anAcceptedReferral,
  anActiveReferral,
  day,
  events,
} from './referral.test-events';
import { given } from './referral.test-kit';

const byYoungPerson16 = { givenBy: 'young_person', basis: 'aged_16_or_over' } as const;
const byGillick = {
  givenBy: 'young_person',
  basis: 'gillick_competent',
  competenceAssessedBy: 'lw-ada',
} as const;
const byParent = { givenBy: 'parent_carer', basis: 'parental_responsibility' } as const;
const obtained = (c: ObtainConsent) =>
  events.consentObtained({
    at: c.at,
    givenBy: c.givenBy,
    basis: c.basis,
    scopes: c.scopes,
    competenceAssessedBy: c.competenceAssessedBy,
  });

describe('a received referral', () => {
  it('when ObtainConsent, then it is refused until the referral is accepted', () => {
    given(...aReceivedReferral())
      .when(command.obtainConsent())
      .thenThrows('REFERRAL.NOT_OPEN');
  });

  it('when WithdrawConsent, then it is refused until the referral is accepted', () => {
    given(...aReceivedReferral())
      .when(command.withdrawConsent())
      .thenThrows('REFERRAL.NOT_OPEN');
  });
});

describe('an accepted referral for a 13-year-old', () => {
  const accepted = anAcceptedReferral;

  it('when ObtainConsent from a parent with parental responsibility, then the consent and its scopes are recorded', () => {
    given(...accepted())
      .when(command.obtainConsent({ ...byParent, at: day(2), scopes: ['support', 'share_with_gp'] }))
      .then([
        {
          type: 'ConsentObtained',
          data: {
            referralId: 'referral-0001',
            at: day(2),
            givenBy: 'parent_carer',
            basis: 'parental_responsibility',
            scopes: ['support', 'share_with_gp'],
            competenceAssessedBy: undefined,
          },
        },
      ]);
  });

  it('when ObtainConsent names a scope twice, then it is recorded once', () => {
    given(...accepted())
      .when(command.obtainConsent({ scopes: ['support', 'share_with_gp', 'support'] }))
      .then([events.consentObtained({ at: day(10), scopes: ['support', 'share_with_gp'] })]);
  });

  it('when ObtainConsent has no scopes, then it is refused', () => {
    given(...accepted())
      .when(command.obtainConsent({ scopes: [] }))
      .thenThrows('REFERRAL.CONSENT_SCOPES_REQUIRED');
  });

  it('when ObtainConsent with parental responsibility is given by the young person, then the basis is invalid', () => {
    given(...accepted())
      .when(command.obtainConsent({ ...byParent, givenBy: 'young_person' }))
      .thenThrows('REFERRAL.CONSENT_BASIS_INVALID');
  });

  it('when ObtainConsent as Gillick competent with who assessed it, then it is recorded', () => {
    const c = command.obtainConsent({ ...byGillick });
    given(...accepted())
      .when(c)
      .then([obtained(c)]);
  });

  it.each([undefined, '', '   '])(
    'when ObtainConsent as Gillick competent with assessor %p, then the assessor is required',
    (assessor) => {
      given(...accepted())
        .when(command.obtainConsent({ ...byGillick, competenceAssessedBy: assessor }))
        .thenThrows('REFERRAL.COMPETENCE_ASSESSOR_REQUIRED');
    },
  );

  it('when ObtainConsent as Gillick competent is given by a parent, then the basis is invalid', () => {
    given(...accepted())
      .when(command.obtainConsent({ ...byGillick, givenBy: 'parent_carer' }))
      .thenThrows('REFERRAL.CONSENT_BASIS_INVALID');
  });

  it('when ObtainConsent as aged 16 or over, then the basis is invalid', () => {
    given(...accepted())
      .when(command.obtainConsent({ ...byYoungPerson16 }))
      .thenThrows('REFERRAL.CONSENT_BASIS_INVALID');
  });

  it('when WithdrawConsent with no consent in force, then there is nothing to withdraw', () => {
    given(...accepted())
      .when(command.withdrawConsent())
      .thenThrows('REFERRAL.NO_CONSENT_TO_WITHDRAW');
    given(...accepted())
      .when(command.withdrawConsent({ scopes: ['support'] }))
      .thenThrows('REFERRAL.NO_CONSENT_TO_WITHDRAW');
  });
});

describe('an accepted referral for a 17-year-old', () => {
  const accepted = () => anAcceptedReferral({ youngPerson: SEVENTEEN });

  it('when ObtainConsent from the young person as aged 16 or over, then it is recorded', () => {
    const c = command.obtainConsent({ ...byYoungPerson16 });
    given(...accepted())
      .when(c)
      .then([obtained(c)]);
  });

  it('when ObtainConsent as aged 16 or over is given by a parent, then the basis is invalid', () => {
    given(...accepted())
      .when(command.obtainConsent({ ...byYoungPerson16, givenBy: 'parent_carer' }))
      .thenThrows('REFERRAL.CONSENT_BASIS_INVALID');
  });

  it.each([
    ['Gillick competence', byGillick],
    ['parental responsibility', byParent],
  ])('when ObtainConsent on %s, then the basis is invalid because they consent themselves', (_, basis) => {
    given(...accepted())
      .when(command.obtainConsent({ ...basis }))
      .thenThrows('REFERRAL.CONSENT_BASIS_INVALID');
  });
});

describe('an accepted referral for a young person who turns 16 on day 18', () => {
  const accepted = () => anAcceptedReferral({ youngPerson: NEARLY_SIXTEEN });
  const dayBefore = day(17, '23:59:59.000');
  const birthday = day(18, '00:00:00.000');

  it('when ObtainConsent the day before the 16th birthday, then only under-16 bases are valid', () => {
    given(...accepted())
      .when(command.obtainConsent({ ...byYoungPerson16, at: dayBefore }))
      .thenThrows('REFERRAL.CONSENT_BASIS_INVALID');
    const gillick = command.obtainConsent({ ...byGillick, at: dayBefore });
    given(...accepted())
      .when(gillick)
      .then([obtained(gillick)]);
    const parent = command.obtainConsent({ ...byParent, at: dayBefore });
    given(...accepted())
      .when(parent)
      .then([obtained(parent)]);
  });

  it('when ObtainConsent on the 16th birthday, then only the young person consents, as aged 16 or over', () => {
    const own = command.obtainConsent({ ...byYoungPerson16, at: birthday });
    given(...accepted())
      .when(own)
      .then([obtained(own)]);
    given(...accepted())
      .when(command.obtainConsent({ ...byGillick, at: birthday }))
      .thenThrows('REFERRAL.CONSENT_BASIS_INVALID');
    given(...accepted())
      .when(command.obtainConsent({ ...byParent, at: birthday }))
      .thenThrows('REFERRAL.CONSENT_BASIS_INVALID');
  });
});

describe('an active referral with support and GP sharing consented', () => {
  const active = () => [
    ...anAcceptedReferral(),
    events.consentObtained({ scopes: ['support', 'share_with_gp'] }),
  ];

  it('when ObtainConsent for another scope, then it is recorded', () => {
    const c = command.obtainConsent({ scopes: ['share_with_school'] });
    given(...active())
      .when(c)
      .then([obtained(c)]);
  });

  it('when WithdrawConsent for support, then only support is withdrawn', () => {
    given(...active())
      .when(command.withdrawConsent({ scopes: ['support'] }))
      .then([
        { type: 'ConsentWithdrawn', data: { referralId: 'referral-0001', at: day(10), scopes: ['support'] } },
      ]);
  });

  it('when WithdrawConsent without scopes, then every scope in force is withdrawn', () => {
    given(...active())
      .when(command.withdrawConsent())
      .then([events.consentWithdrawn({ at: day(10), scopes: ['support', 'share_with_gp'] })]);
  });

  it('when WithdrawConsent names scopes in force and not, then only those in force are withdrawn, once each', () => {
    given(...active())
      .when(command.withdrawConsent({ scopes: ['share_with_gp', 'share_with_camhs', 'share_with_gp'] }))
      .then([events.consentWithdrawn({ at: day(10), scopes: ['share_with_gp'] })]);
  });

  it('when WithdrawConsent names only scopes not in force, then there is nothing to withdraw', () => {
    given(...active())
      .when(command.withdrawConsent({ scopes: ['share_with_camhs'] }))
      .thenThrows('REFERRAL.NO_CONSENT_TO_WITHDRAW');
  });
});

describe('an active referral whose support consent was withdrawn', () => {
  it('when ObtainConsent for support again, then it is recorded', () => {
    const c = command.obtainConsent();
    given(...anActiveReferral(), events.consentWithdrawn())
      .when(c)
      .then([obtained(c)]);
  });

  it('when WithdrawConsent for support again, then there is nothing to withdraw', () => {
    given(...anActiveReferral(), events.consentWithdrawn())
      .when(command.withdrawConsent({ scopes: ['support'] }))
      .thenThrows('REFERRAL.NO_CONSENT_TO_WITHDRAW');
  });
});
