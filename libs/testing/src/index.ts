export { tempDir } from './temp-dir';
export type { TempDir } from './temp-dir';
export { eventually } from './eventually';
export { generateReferralHistories, generatedMetadata, seededRandom } from './referral-history.generator';
export type { GenerateOptions, GeneratedReferral } from './referral-history.generator';
export {
  deleteKafkaTopics,
  describeWithKafka,
  kafkaTestBrokers,
  recordTopics,
  sweepStaleTestTopics,
  uniqueKafkaPrefix,
} from './kafka-broker';
export type { TopicRecorder } from './kafka-broker';
export {
  testDatabaseUrl,
  uniqueName,
  dropSchema,
  createTestDatabase,
  localPostgresCluster,
  queryDatabase,
} from './postgres';
export type { TestDatabase } from './postgres';
export { fhirInboundMessage, fhirReferralBundle, nativeInboundMessage } from './inbound-messages';
export { fhirMessageBundle } from './fhir-messages';
export { PrivateKafka } from './private-kafka';
export { TEST_PARTNERS, signedAs, testPartnersEnv } from './test-partners';
export type { TestPartnerName } from './test-partners';
export { fhirIssues } from './fhir-validator';
