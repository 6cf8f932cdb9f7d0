import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DiagnosticSeverity, Parser } from '@asyncapi/parser';
import type { AsyncAPIDocumentInterface, Diagnostic, MessageInterface } from '@asyncapi/parser';
import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { ReferralEvent } from '@app/referral-domain';
import { events, foldReceived } from '@app/referral-domain/testing';
import { fhirInboundMessage, fhirMessageBundle, nativeInboundMessage } from '@app/testing';
// The gateway's own builders of the answer and the dead letter (not exported by @app/integration).
import { acknowledgement, deadLetter } from '../../integration/src/gateway/dead-letter';
import { inboundReferralId } from './formats';
import { parseHandoffResponse } from './inbound/handoff-response.message';
import { parseInboundReferral } from './inbound/inbound-referral.message';
import { handoffRequestMessage } from './outbound/handoff-request.message';
import { handoffFhirMessage } from './outbound/handoff-fhir.message';
import { intakeAck } from './outbound/intake-ack.message';
import { referralStatusMessage } from './outbound/referral-status.message';
import { TOPICS, topicNames } from './topics';

// docs/asyncapi.yaml is what partners build against: it must be valid AsyncAPI, every message must have
// an example, every example must match its schemas, and what the code sends and reads must match them too.
const text = readFileSync(join(__dirname, '../../../docs/asyncapi.yaml'), 'utf8');
type Json = Record<string, unknown>;
type Part = 'payload' | 'headers';

let document: AsyncAPIDocumentInterface | undefined;
let diagnostics: Diagnostic[] = [];
beforeAll(async () => {
  ({ document, diagnostics } = await new Parser().parse(text));
}, 60_000);

const ERROR: number = DiagnosticSeverity.Error;
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const compiled = new Map<unknown, ValidateFunction>();

/** Every message of the document once, by name (channels share the components' messages). */
function messages(): Map<string, MessageInterface> {
  const byName = new Map<string, MessageInterface>();
  for (const m of document?.allMessages().all() ?? []) byName.set(m.name() ?? m.id(), m);
  return byName;
}

function message(name: string): MessageInterface {
  const found = messages().get(name);
  if (!found) throw new Error(`docs/asyncapi.yaml has no message ${name}`);
  return found;
}

/** The ajv errors of `value` against the message's payload or headers schema, as readable lines. */
function problems(name: string, part: Part, value: unknown): string[] {
  const m = message(name);
  const schema = part === 'payload' ? m.payload()?.json() : m.headers()?.json();
  if (schema === undefined) return part === 'headers' ? [] : [`${name} has no payload schema`];
  let validate = compiled.get(schema);
  if (!validate) compiled.set(schema, (validate = ajv.compile(schema)));
  if (validate(value)) return [];
  return (validate.errors ?? []).map(
    (e) => `${name} ${part}${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
  );
}

const expectValid = (name: string, part: Part, value: unknown) =>
  expect(problems(name, part, value)).toEqual([]);

/** The examples of a message, as written in the document. */
type Example = { name?: string; headers?: Json; payload?: unknown };
const examplesOf = (name: string): Example[] =>
  message(name)
    .examples()
    .all()
    .map((e) => e.json<Example>());

describe('docs/asyncapi.yaml (parsed)', () => {
  it('is valid AsyncAPI: the parser reports no errors', () => {
    const errors = diagnostics
      .filter((d) => Number(d.severity) === ERROR)
      .map((d) => `${d.code} at ${d.path.join('.')}: ${d.message}`);
    expect(errors).toEqual([]);
    expect(document).toBeDefined();
  });

  it('gives every message at least one named example', () => {
    const names = [...messages().keys()];
    expect(names.sort()).toEqual(
      [
        'DeadLetter',
        'HandoffRequested',
        'HandoffRequestedFhir',
        'HandoffResponse',
        'HandoffStatusFhir',
        'InboundReferral',
        'IntakeAcknowledged',
        'ReferralStatusChanged',
        'WaitingTimeRow',
      ].sort(),
    );
    const without = names.filter((n) => examplesOf(n).length === 0 || examplesOf(n).some((e) => !e.name));
    expect(without).toEqual([]);
  });

  it("validates every example against its message's payload and headers schemas", () => {
    const failures = [...messages().keys()].flatMap((name) =>
      examplesOf(name).flatMap((example) => {
        const at = `${name}.examples[${example.name}]`;
        if (!('payload' in example)) return [`${at} has no payload`];
        return [
          ...problems(name, 'payload', example.payload),
          ...problems(name, 'headers', example.headers ?? {}),
        ].map((p) => `${at}: ${p}`);
      }),
    );
    expect(failures).toEqual([]);
  });
});

describe('docs/asyncapi.yaml examples and the code', () => {
  const value = (payload: unknown) => JSON.stringify(payload);
  const headersOf = (e: { headers?: Json }) => (e.headers ?? {}) as Record<string, string>;

  it('every inbound referral and handoff answer example is accepted by the parsers', () => {
    for (const e of examplesOf('InboundReferral')) {
      const h = headersOf(e);
      const parsed = parseInboundReferral(value(e.payload), h, { sourceSystem: h['x-partner-id']! });
      expect(parsed.referralId).toBe(inboundReferralId(parsed.sourceSystem, parsed.messageId));
    }
    for (const e of examplesOf('HandoffResponse'))
      expect(() => parseHandoffResponse(value(e.payload), headersOf(e))).not.toThrow();
    // A dead letter's value was refused by a business rule or a signature, not by the message parsers.
    for (const e of examplesOf('DeadLetter')) {
      const h = headersOf(e);
      const parse =
        h['dlq.original.topic'] === TOPICS.referralsInbound
          ? () => parseInboundReferral(value(e.payload), h)
          : () => parseHandoffResponse(value(e.payload), h);
      expect(parse).not.toThrow();
    }
  });

  it('every answer to an inbound referral names the referral id its sender ids derive', () => {
    for (const e of examplesOf('IntakeAcknowledged')) {
      const ack = e.payload as { referralId?: string; inReplyTo: Json };
      const { topic, sourceSystem, messageId } = ack.inReplyTo as Record<string, string>;
      if (topic === TOPICS.referralsInbound)
        expect(ack.referralId).toBe(inboundReferralId(sourceSystem!, messageId!));
    }
  });

  it('the testing fixtures validate against the inbound referral payload schema', () => {
    expectValid('InboundReferral', 'payload', nativeInboundMessage());
    expectValid('InboundReferral', 'payload', fhirInboundMessage());
    expectValid('InboundReferral', 'payload', fhirInboundMessage({ referral: fhirMessageBundle() }));
    expectValid('InboundReferral', 'payload', fhirMessageBundle());
  });

  it('binds format to its payload and describes the FHIR message Bundle', () => {
    const invalid = (payload: unknown) =>
      expect(problems('InboundReferral', 'payload', payload)).not.toEqual([]);
    invalid(nativeInboundMessage({ format: 'fhir-r4' }));
    invalid(fhirInboundMessage({ format: 'native' }));
    invalid(nativeInboundMessage({ sourceKind: 'gp' }));
    invalid({ ...fhirMessageBundle(), id: undefined });
    invalid({ ...fhirMessageBundle(), type: 'collection' });
    invalid(
      fhirMessageBundle((r) => {
        r.MessageHeader = { ...r.MessageHeader, eventCoding: { system: 'https://example.org', code: 'x' } };
      }),
    );
    invalid(
      fhirMessageBundle((r) => {
        r.ServiceRequest = {
          ...r.ServiceRequest,
          code: { coding: [{ system: 'http://snomed.info/sct', code: '168537006' }] },
        };
      }),
    );
  });

  describe('messages the code builds', () => {
    const referralId = 'f086fcf2-db10-5bc3-ad85-d2f46a3e1b51';
    const handoffId = '8671631b-19c7-47f8-8452-8a5d0e9b50ed';
    const withIds = <E extends ReferralEvent>(e: E): E => ({ ...e, data: { ...e.data, referralId } });
    const history = [
      events.received(),
      events.accepted(),
      events.consentObtained({ scopes: ['support', 'share_with_camhs'] }),
      events.goalsSet(),
      events.sessionHeld(),
    ].map(withIds);
    const referral = foldReceived(history);

    it('handoff requests validate against HandoffRequested', () => {
      const camhs = withIds(events.handoffRequested({ handoffId }));
      const school = withIds(
        events.handoffRequested({
          handoffId,
          target: 'school',
          consentScope: null,
          safeguarding: { justification: 'Risk disclosed at home' },
        }),
      );
      for (const e of [camhs, school]) {
        expectValid('HandoffRequested', 'payload', handoffRequestMessage(referral, e.data));
        const fhir = handoffFhirMessage(
          handoffRequestMessage(referral, e.data),
          '0b8d2f4a-6c1e-4a3b-9d5f-7e9a1c3b5d02',
        );
        expectValid('HandoffRequestedFhir', 'payload', fhir);
      }
    });

    it('status messages validate against ReferralStatusChanged', () => {
      const origin = { sourceSystem: 'school-mis-lancs', messageId: 'school-42-2026-0917' };
      for (const e of [
        events.accepted(),
        events.declined({ signpostedTo: 'Kooth' }),
        events.withdrawn(),
        events.ended(),
      ])
        expectValid('ReferralStatusChanged', 'payload', referralStatusMessage(referral, withIds(e), origin));
      expectValid(
        'ReferralStatusChanged',
        'payload',
        referralStatusMessage(referral, withIds(events.accepted())),
      );
    });

    const inbound = {
      topic: TOPICS.referralsInbound,
      partition: 0,
      offset: '1287',
      key: null,
      value: Buffer.from(value(nativeInboundMessage())),
      headers: { 'x-partner-id': 'school-mis-lancs', correlationId: 'school-42-2026-0917' },
      timestamp: '1790842500000',
    };
    const now = '2026-10-01T08:15:00.412Z';
    const ids = { sourceSystem: 'school-mis-lancs', messageId: 'school-42-2026-0917', referralId };
    const refused = {
      code: 'MESSAGE.INVALID',
      detail: 'The inbound referral message is invalid: referral.reasons must not be empty',
      issues: [{ path: 'referral.reasons', message: 'must not be empty' }],
    };

    it('answers validate against IntakeAcknowledged', () => {
      const answers = [
        acknowledgement(topicNames(), inbound, { outcome: 'created', ids }, now),
        acknowledgement(topicNames(), inbound, { outcome: 'duplicate', ids }, now),
        acknowledgement(
          topicNames(),
          { ...inbound, headers: {} },
          { outcome: 'dead_letter', ids: {}, reason: refused },
          now,
        ),
      ];
      for (const answer of answers) {
        expectValid('IntakeAcknowledged', 'payload', JSON.parse(String(answer.value)));
        expectValid('IntakeAcknowledged', 'headers', answer.headers);
      }
      const bare = intakeAck({
        status: 'received',
        inReplyTo: { topic: TOPICS.handoffResponses, partition: 3, offset: '7' },
        at: now,
      });
      expectValid('IntakeAcknowledged', 'payload', bare);
    });

    it('dead letters validate against DeadLetter', () => {
      const first = deadLetter(
        TOPICS.referralsInboundDlq,
        inbound,
        refused,
        'integration-gateway.inbound',
        now,
      );
      expectValid('DeadLetter', 'headers', first.headers);
      const again = deadLetter(
        TOPICS.referralsInboundDlq,
        { ...inbound, headers: first.headers ?? {} },
        refused,
        'integration-gateway.inbound',
        now,
      );
      expectValid('DeadLetter', 'headers', again.headers);
    });
  });
});
