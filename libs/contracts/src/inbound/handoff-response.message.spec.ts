import { MessageRejected } from '../validation';
import { parseHandoffResponse } from './handoff-response.message';

const response = (overrides: Record<string, unknown> = {}) =>
  Buffer.from(
    JSON.stringify({
      messageId: 'camhs-1',
      sourceSystem: 'camhs-north',
      referralId: '3F1C2A9E-5B7D-4C11-9A8E-2D4F6B8C0A11',
      handoffId: '0b9d7a1e-5a59-4c7e-9d3f-1d2c3b4a5f60',
      target: 'camhs',
      outcome: 'acknowledged',
      reference: 'CAMHS-77',
      at: '2026-09-06T11:00:00+01:00',
      ...overrides,
    }),
  );

describe('a handoff response message', () => {
  it('is accepted with its ids lower-cased and its time in UTC', () => {
    expect(parseHandoffResponse(response())).toEqual({
      messageId: 'camhs-1',
      sourceSystem: 'camhs-north',
      referralId: '3f1c2a9e-5b7d-4c11-9a8e-2d4f6b8c0a11',
      handoffId: '0b9d7a1e-5a59-4c7e-9d3f-1d2c3b4a5f60',
      target: 'camhs',
      outcome: 'acknowledged',
      reference: 'CAMHS-77',
      at: '2026-09-06T10:00:00.000Z',
    });
  });

  it('is rejected naming every field at fault, with the field rules of the HTTP answer', () => {
    try {
      parseHandoffResponse(
        response({
          handoffId: 'h-1',
          outcome: 'maybe',
          at: 'yesterday',
          reason: 'x'.repeat(2001),
          extra: true,
        }),
      );
      throw new Error('expected a rejection');
    } catch (error) {
      expect(error).toBeInstanceOf(MessageRejected);
      expect((error as MessageRejected).issues.map((i) => i.path)).toEqual([
        'extra',
        'at',
        'handoffId',
        'outcome',
        'reason',
      ]);
    }
  });
});
