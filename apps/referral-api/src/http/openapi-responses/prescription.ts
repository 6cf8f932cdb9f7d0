import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { UPTAKE_STATUSES } from '@app/referral-domain';
import { arrayOf, dateTime, objectOf, oneOfValues, text, uuid } from './primitives';

const sealedText: SchemaObject = { type: 'string', description: 'Sealed at rest; `[erased]` after erasure' };

/** A social prescription on the referral: the directory service, the goals it serves, and its uptake. */
export const PRESCRIPTION: SchemaObject = objectOf(
  {
    prescriptionId: uuid,
    serviceId: text,
    serviceName: sealedText,
    goalIds: arrayOf(text),
    prescribedAt: dateTime,
    uptake: objectOf(
      {
        status: oneOfValues(UPTAKE_STATUSES),
        at: dateTime,
        startedOn: { type: 'string', format: 'date' },
        endedOn: { type: 'string', format: 'date' },
        feedbackScore: { type: 'integer', minimum: 0, maximum: 10 },
      },
      { optional: ['startedOn', 'endedOn', 'feedbackScore'] },
    ),
  },
  { optional: ['uptake'] },
);
