import type { HandoffTarget } from '@app/referral-domain';

/** Every topic the service reads or writes, without the deployment's prefix. Names follow `<domain>.<entity>.v<major>`. */
export const TOPICS = {
  referralsInbound: 'referrals.inbound.v1',
  referralsInboundDlq: 'referrals.inbound.dlq.v1',
  handoffResponses: 'handoffs.responses.v1',
  handoffResponsesDlq: 'handoffs.responses.dlq.v1',
  handoffs: {
    camhs: 'handoffs.camhs.v1',
    mhst: 'handoffs.mhst.v1',
    school: 'handoffs.school.v1',
  } satisfies Record<HandoffTarget, string>,
  /** The same handoffs as FHIR R4 message Bundles, for targets configured for FHIR (HANDOFF_FORMATS). */
  handoffsFhir: {
    camhs: 'handoffs.camhs.fhir.v1',
    mhst: 'handoffs.mhst.fhir.v1',
    school: 'handoffs.school.fhir.v1',
  } satisfies Record<HandoffTarget, string>,
  referralStatus: 'referrals.status.v1',
  waitingTimes: 'reports.waiting-times.v1',
} as const;

/** The major version every v1 topic's messages carry in the `schemaVersion` header. */
export const SCHEMA_VERSION = 1;

/** Headers of every outbound message. */
export const HEADERS = {
  eventId: 'eventId',
  correlationId: 'correlationId',
  schemaVersion: 'schemaVersion',
  messageType: 'messageType',
  contentType: 'content-type',
} as const;

/** Headers a dead-lettered message gains; the original key, value and headers are kept unchanged. */
export const DLQ_HEADERS = {
  reasonCode: 'dlq.reason.code',
  reason: 'dlq.reason',
  originalTopic: 'dlq.original.topic',
  originalPartition: 'dlq.original.partition',
  originalOffset: 'dlq.original.offset',
  originalTimestamp: 'dlq.original.timestamp',
  consumerGroup: 'dlq.consumer.group',
  failedAt: 'dlq.failed.at',
  /** JSON array of every earlier failure of a replayed message: `{code, reason, failedAt}`, oldest first. */
  history: 'dlq.history',
  /** On a replayed message: the dead letter it was replayed from, `<topic>/<partition>/<offset>`. */
  replayedFrom: 'dlq.replayed.from',
} as const;

export type TopicNames = {
  referralsInbound: string;
  referralsInboundDlq: string;
  handoffResponses: string;
  handoffResponsesDlq: string;
  handoffs: Record<HandoffTarget, string>;
  handoffsFhir: Record<HandoffTarget, string>;
  referralStatus: string;
  waitingTimes: string;
};

/** The topic names of one deployment: every name with its prefix (e.g. `staging.`), or as is. */
export function topicNames(prefix = ''): TopicNames {
  const t = TOPICS;
  return {
    referralsInbound: prefix + t.referralsInbound,
    referralsInboundDlq: prefix + t.referralsInboundDlq,
    handoffResponses: prefix + t.handoffResponses,
    handoffResponsesDlq: prefix + t.handoffResponsesDlq,
    handoffs: {
      camhs: prefix + t.handoffs.camhs,
      mhst: prefix + t.handoffs.mhst,
      school: prefix + t.handoffs.school,
    },
    handoffsFhir: {
      camhs: prefix + t.handoffsFhir.camhs,
      mhst: prefix + t.handoffsFhir.mhst,
      school: prefix + t.handoffsFhir.school,
    },
    referralStatus: prefix + t.referralStatus,
    waitingTimes: prefix + t.waitingTimes,
  };
}
