export { EncryptingEventStore, ERASED, SEALED, UNREADABLE } from './encrypting-event-store';
export type { EncryptingEventStoreOptions, PersonalDataProblem } from './encrypting-event-store';
export {
  DATA_KEY_STORE,
  KyselyDataKeyStore,
  createDataKeyStore,
  openSqliteDataKeyStore,
} from './data-key.store';
export type { DataKeyLookup, DataKeyStore, DataKeyStoreOptions } from './data-key.store';
export { migrateDataKeys } from './data-key.database';
export type { DataKeyTables, DataKeysTable } from './data-key.database';
export { MASTER_KEY_FILE, MASTER_KEY_SETTING, parseMasterKey, resolveMasterKey } from './master-key';
export type { MasterKey, ResolveMasterKeyOptions } from './master-key';
export {
  UnreadableCiphertextError,
  WRAPPED_KEY_VERSION,
  decrypt,
  encrypt,
  generateDataKey,
  unwrapDataKey,
  wrapDataKey,
} from './field-cipher';
export type { Sealed } from './field-cipher';
export {
  PERSONAL_DATA_FIELDS,
  maskPersonalData,
  mergePersonalData,
  splitPersonalData,
  subjectOf,
} from './personal-data.fields';
export type { PersonalDataSplit, PersonalFieldPath, PersonalValues } from './personal-data.fields';
export { ENVELOPE_FIELD } from './personal-envelope';
export type { PersonalEnvelope } from './personal-envelope';
export {
  DataKeyUnreadableError,
  MasterKeyMismatchError,
  PersonalDataErasedError,
  PersonalDataReservedFieldError,
  PersonalDataSubjectMissingError,
} from './privacy.errors';
export { openEventStoreLayers } from './event-store-layers';
export type { EventStoreLayers, EventStoreLayerSettings } from './event-store-layers';
export { LruCache } from './lru-cache';
export { PersonalDataOpener } from './personal-data.opener';
export type { OpenedPersonalData } from './personal-data.opener';
export { BlindIndex } from './blind-index';
