import { ageInYears } from '../shared/dates';
import type { ObtainConsent, WithdrawConsent } from './referral.commands';
import { ReferralErrors } from './referral.errors';
import type { ReferralEvent } from './referral.events';
import { requireStatus } from './referral.guards';
import type { OpenReferral } from './referral.state';

export function decideConsent(c: ObtainConsent | WithdrawConsent, s: OpenReferral): ReferralEvent[] {
  return c.type === 'ObtainConsent' ? obtain(c, s) : withdraw(c, s);
}

function obtain(c: ObtainConsent, s: OpenReferral): ReferralEvent[] {
  requireStatus(s, ['accepted', 'active'], ReferralErrors.notOpen, 'Recording consent');
  if (c.scopes.length === 0) throw ReferralErrors.consentScopesRequired('Consent needs at least one scope');
  checkBasis(c, ageInYears(s.youngPerson.dateOfBirth, c.at));
  const { referralId, at, givenBy, basis, competenceAssessedBy } = c;
  return [
    {
      type: 'ConsentObtained',
      data: { referralId, at, givenBy, basis, scopes: [...new Set(c.scopes)], competenceAssessedBy },
    },
  ];
}

/** Who may consent depends on age at the time of consent (Gillick competence and the 16+ rule). */
function checkBasis(c: ObtainConsent, age: number): void {
  switch (c.basis) {
    case 'aged_16_or_over':
      if (age < 16)
        throw ReferralErrors.consentBasisInvalid(
          `The young person is ${age}; aged_16_or_over needs 16 or over`,
        );
      if (c.givenBy !== 'young_person') {
        throw ReferralErrors.consentBasisInvalid('aged_16_or_over consent is given by the young person');
      }
      return;
    case 'gillick_competent':
      if (c.givenBy !== 'young_person') {
        throw ReferralErrors.consentBasisInvalid('gillick_competent consent is given by the young person');
      }
      if (age >= 16)
        throw ReferralErrors.consentBasisInvalid(`The young person is ${age}; use aged_16_or_over`);
      if (!c.competenceAssessedBy?.trim()) {
        throw ReferralErrors.competenceAssessorRequired(
          'Gillick competence needs competenceAssessedBy: who assessed it',
        );
      }
      return;
    case 'parental_responsibility':
      if (c.givenBy !== 'parent_carer') {
        throw ReferralErrors.consentBasisInvalid(
          'parental_responsibility consent is given by a parent or carer',
        );
      }
      if (age >= 16)
        throw ReferralErrors.consentBasisInvalid(
          `The young person is ${age}; at 16 or over they consent themselves`,
        );
      return;
  }
}

function withdraw(c: WithdrawConsent, s: OpenReferral): ReferralEvent[] {
  requireStatus(s, ['accepted', 'active'], ReferralErrors.notOpen, 'Withdrawing consent');
  const requested = c.scopes ?? s.consent.scopes;
  const scopes = [...new Set(requested)].filter((scope) => s.consent.scopes.includes(scope));
  if (scopes.length === 0) {
    throw ReferralErrors.noConsentToWithdraw(
      c.scopes ? `No consent is in force for ${c.scopes.join(', ')}` : 'No consent is in force',
    );
  }
  return [{ type: 'ConsentWithdrawn', data: { referralId: c.referralId, at: c.at, scopes } }];
}
