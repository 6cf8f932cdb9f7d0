export { tempDir } from './temp-dir';
export type { TempDir } from './temp-dir';
export { eventually } from './eventually';
export { generateReferralHistories, seededRandom } from './referral-history.generator';
export type { GeneratedReferral } from './referral-history.generator';
