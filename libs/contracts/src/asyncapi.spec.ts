import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HANDOFF_TARGETS, REFERRAL_REASONS, REFERRAL_SOURCE_KINDS } from '@app/referral-domain';
import { DLQ_HEADERS, HEADERS, TOPICS } from './topics';

// The AsyncAPI document is what partners build against: it must name what the code sends and reads.
const doc = readFileSync(join(__dirname, '../../../docs/asyncapi.yaml'), 'utf8');
const enumOf = (schema: string): string[] => {
  const match = new RegExp(`\\n    ${schema}:\\n      type: string\\n      enum: \\[([^\\]]*)\\]`).exec(doc);
  return match ? match[1]!.split(',').map((s) => s.trim()) : [];
};

describe('docs/asyncapi.yaml', () => {
  it('has a channel for every topic', () => {
    const topics = [
      TOPICS.referralsInbound,
      TOPICS.referralsInboundDlq,
      TOPICS.handoffResponses,
      TOPICS.handoffResponsesDlq,
      ...Object.values(TOPICS.handoffs),
      ...Object.values(TOPICS.handoffsFhir),
      TOPICS.referralStatus,
      TOPICS.waitingTimes,
    ];
    for (const topic of topics) expect(doc).toContain(`address: ${topic}\n`);
  });

  it('names every outbound and dead-letter header', () => {
    for (const header of [...Object.values(HEADERS), ...Object.values(DLQ_HEADERS)])
      expect(doc).toContain(`${header}:`);
  });

  it('lists the same source kinds, reasons and handoff targets as the domain', () => {
    expect(enumOf('SourceKind')).toEqual([...REFERRAL_SOURCE_KINDS]);
    expect(enumOf('ReferralReason')).toEqual([...REFERRAL_REASONS]);
    expect(enumOf('HandoffTarget')).toEqual([...HANDOFF_TARGETS]);
  });
});
