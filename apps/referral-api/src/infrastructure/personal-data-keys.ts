/** Destroys the key that encrypts a referral's personal data (crypto-shredding). */
export type PersonalDataKeys = { erase(subjectId: string): Promise<void> };

export const PERSONAL_DATA_KEYS = Symbol('PERSONAL_DATA_KEYS');
