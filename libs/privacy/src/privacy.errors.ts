/** New personal data was written for a subject whose data key has been erased; it would be unreadable at once. */
export class PersonalDataErasedError extends Error {
  readonly code = 'PRIVACY.SUBJECT_ERASED';
  constructor(readonly subjectId: string) {
    super(`Personal data of ${subjectId} has been erased; no new personal data can be stored for it`);
    this.name = 'PersonalDataErasedError';
  }
}

/** The subject's stored data key cannot be unwrapped (corrupt, or another master key): nothing new can be sealed with it. */
export class DataKeyUnreadableError extends Error {
  readonly code = 'PRIVACY.DATA_KEY_UNREADABLE';
  constructor(readonly subjectId: string) {
    super(`The data key of ${subjectId} cannot be read (corrupt, or wrapped by another master key)`);
    this.name = 'DataKeyUnreadableError';
  }
}

/** An event holding personal data has no subject (`data.referralId`) whose key could seal it. */
export class PersonalDataSubjectMissingError extends Error {
  readonly code = 'PRIVACY.SUBJECT_MISSING';
  constructor(stream: string, index: number, type: string) {
    super(
      `Event ${index} (${type}) appended to stream ${stream} holds personal data but no data.referralId to key it by`,
    );
    this.name = 'PersonalDataSubjectMissingError';
  }
}

/** An event holding personal data already uses `data.personal`, where its sealed personal data must go. */
export class PersonalDataReservedFieldError extends Error {
  readonly code = 'PRIVACY.RESERVED_FIELD';
  constructor(stream: string, index: number, type: string) {
    super(
      `Event ${index} (${type}) appended to stream ${stream} uses data.personal, which is reserved for its sealed personal data`,
    );
    this.name = 'PersonalDataReservedFieldError';
  }
}

/**
 * This process's master key is not the one that wrapped the stored data keys: instances sharing a
 * database were started with different `DATA_KEY_MASTER` values. Names fingerprints, never keys.
 */
export class MasterKeyMismatchError extends Error {
  readonly code = 'PRIVACY.MASTER_KEY_MISMATCH';
  constructor(
    readonly configuredId: string,
    readonly storedId: string,
  ) {
    super(
      `DATA_KEY_MASTER (fingerprint ${configuredId}) is not the master key of the stored data keys (fingerprint ${storedId}); ` +
        'every instance sharing a database must be started with the same DATA_KEY_MASTER',
    );
    this.name = 'MasterKeyMismatchError';
  }
}
