export const REFERRAL_SOURCE_KINDS = [
  'gp',
  'school',
  'parent_carer',
  'self',
  'camhs',
  'mhst',
  'youth_worker',
  'community_organisation',
  'health_visitor',
  'emergency_department',
  'social_care',
  'other',
] as const;
export type ReferralSourceKind = (typeof REFERRAL_SOURCE_KINDS)[number];

export const REFERRAL_REASONS = [
  'anxiety',
  'low_mood',
  'social_isolation',
  'bereavement',
  'bullying',
  'self_esteem',
  'peer_pressure',
  'relationships',
  'family_difficulties',
  'anger',
  'sleep',
  'school_attendance',
  'weight_management',
  'transition',
  'other',
] as const;
export type ReferralReason = (typeof REFERRAL_REASONS)[number];

export const URGENCIES = ['routine', 'urgent'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const CONSENT_GIVERS = ['young_person', 'parent_carer'] as const;
export type ConsentGiver = (typeof CONSENT_GIVERS)[number];

export const CONSENT_BASES = ['aged_16_or_over', 'gillick_competent', 'parental_responsibility'] as const;
export type ConsentBasis = (typeof CONSENT_BASES)[number];

export const CONSENT_SCOPES = [
  'support',
  'share_with_gp',
  'share_with_school',
  'share_with_camhs',
  'share_with_mhst',
] as const;
export type ConsentScope = (typeof CONSENT_SCOPES)[number];

export const SESSION_FORMATS = ['one_to_one', 'group', 'virtual', 'drop_in'] as const;
export type SessionFormat = (typeof SESSION_FORMATS)[number];

export const SESSION_SETTINGS = [
  'school',
  'gp_practice',
  'community_venue',
  'home',
  'outdoors',
  'online',
] as const;
export type SessionSetting = (typeof SESSION_SETTINGS)[number];

export const OUTCOME_MEASURES = ['GBO', 'ORS', 'CORS', 'SWEMWBS', 'ONS4', 'YP_CORE', 'OTHER'] as const;
export type OutcomeMeasure = (typeof OUTCOME_MEASURES)[number];

export const RATERS = ['young_person', 'parent_carer', 'practitioner'] as const;
export type Rater = (typeof RATERS)[number];

export const HANDOFF_TARGETS = ['camhs', 'mhst', 'school'] as const;
export type HandoffTarget = (typeof HANDOFF_TARGETS)[number];

export const END_REASONS = [
  'goals_achieved',
  'disengaged',
  'declined_further_support',
  'moved_away',
  'transferred_to_camhs',
  'transferred_to_mhst',
  'other',
] as const;
export type EndReason = (typeof END_REASONS)[number];

export const REFERRAL_STATUSES = [
  'received',
  'accepted',
  'active',
  'declined',
  'withdrawn',
  'merged',
  'ended',
] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/** Why a referrer withdraws a referral before it is accepted. */
export const WITHDRAWAL_REASONS = [
  'no_longer_needed',
  'referred_elsewhere',
  'family_declined',
  'made_in_error',
  'other',
] as const;
export type WithdrawalReason = (typeof WITHDRAWAL_REASONS)[number];

/** Who called off a booked appointment (docs/domain.md#appointments-and-did-not-attend). */
export const APPOINTMENT_CANCELLERS = ['young_person', 'family', 'service'] as const;
export type AppointmentCanceller = (typeof APPOINTMENT_CANCELLERS)[number];

/** SNOMED CT concepts coded once per episode (see docs/domain.md#snomed-ct-and-fhir-codes). */
export const SNOMED = {
  referralToSocialPrescribing: '871731000000106',
  socialPrescribingDeclined: '871711000000103',
} as const;
