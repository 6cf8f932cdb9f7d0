import { Body, Controller, Get, Header, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Problem, ReferralApplication } from '@app/application';
import type { HttpOrigin } from '@app/application';
import { APP_CONFIG } from '@app/config';
import type { AppConfig } from '@app/config';
import { MessageRejected, parseFhirReferral, receiveCommandOf } from '@app/contracts';
import type { InboundReferral } from '@app/contracts';
import type { FastifyReply } from 'fastify';
import { Public, Roles } from '../auth/auth.decorators';
import { IDS } from '../infrastructure/clock';
import type { IdGenerator } from '../infrastructure/clock';
import type { CommandContext } from '../referrals/shared/command-context';
import { CommandCtx } from '../referrals/shared/command-context.decorator';
import { capabilityStatement } from './capability-statement';
import { informationOutcome } from './operation-outcome';

const FHIR_JSON = 'application/fhir+json';
/** The software version the CapabilityStatement names: the FHIR intake's contract version. */
const VERSION = '1.0.0';
const STARTED = new Date().toISOString().slice(0, 10);

/** A FHIR payload refused: 422 with every element at fault (the filter answers it as an OperationOutcome). */
function parsed(parse: () => InboundReferral): InboundReferral {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof MessageRejected)) throw error;
    throw new Problem(422, 'Unprocessable referral', error.message, {
      code: 'FHIR.INVALID_REFERRAL',
      errors: error.issues.map((i) => ({ field: i.path, message: i.message })),
    });
  }
}

/**
 * FHIR R4 intake over HTTP, the same mapping as the Kafka topic: `POST /fhir/R4/ServiceRequest` (a
 * ServiceRequest with its resources contained, or a collection Bundle) and `POST /fhir/R4/$process-message`
 * (a BaRS-style message Bundle). The referral id derives from the caller and the request's identifier
 * (message: `Bundle.id`), so a resend answers 200 with the same referral. Errors are OperationOutcomes.
 */
@ApiTags('fhir')
@Controller('fhir/R4')
export class FhirController {
  constructor(
    @Inject(ReferralApplication) private readonly app: ReferralApplication,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(IDS) private readonly ids: IdGenerator,
  ) {}

  @Public()
  @Get('metadata')
  @Header('Content-Type', FHIR_JSON)
  @ApiOperation({ operationId: 'fhirCapabilities', summary: 'The FHIR CapabilityStatement of the intake' })
  metadata() {
    return capabilityStatement(VERSION, STARTED);
  }

  @Post('ServiceRequest')
  @HttpCode(201)
  @Roles('referrer', 'integration', 'service_manager')
  @ApiBearerAuth()
  @ApiOperation({
    operationId: 'fhirCreateServiceRequest',
    summary: 'Receives a referral as a UK Core ServiceRequest (Patient contained) or a collection Bundle',
  })
  @ApiBody({
    schema: { type: 'object', description: 'FHIR R4 ServiceRequest or Bundle (application/fhir+json)' },
  })
  async createServiceRequest(
    @Body() body: unknown,
    @CommandCtx() ctx: CommandContext,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const inbound = parsed(() => parseFhirReferral(body, this.senderOf(ctx), 'request'));
    const result = await this.receive(inbound, ctx);
    res
      .status(result.created ? 201 : 200)
      .header('location', `/v1/referrals/${result.id}`)
      .type(FHIR_JSON);
    res.header('ETag', `W/"${result.version}"`);
    return informationOutcome(
      `Referral ${result.id} ${result.created ? 'received' : 'already received'}; status ${result.status}`,
    );
  }

  @Post('$process-message')
  @HttpCode(200)
  @Roles('referrer', 'integration', 'service_manager')
  @ApiBearerAuth()
  @ApiOperation({
    operationId: 'fhirProcessMessage',
    summary: 'Receives a referral as a FHIR message Bundle (BaRS servicerequest-request)',
  })
  @ApiBody({ schema: { type: 'object', description: 'FHIR R4 message Bundle (application/fhir+json)' } })
  async processMessage(
    @Body() body: unknown,
    @CommandCtx() ctx: CommandContext,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const inbound = parsed(() => parseFhirReferral(body, this.senderOf(ctx), 'message'));
    const result = await this.receive(inbound, ctx);
    res.header('location', `/v1/referrals/${result.id}`).type(FHIR_JSON);
    const outcomeId = this.ids.uuid();
    return {
      resourceType: 'Bundle',
      id: this.ids.uuid(),
      type: 'message',
      timestamp: new Date().toISOString(),
      entry: [
        {
          fullUrl: `urn:uuid:${this.ids.uuid()}`,
          resource: {
            resourceType: 'MessageHeader',
            eventCoding: {
              system: 'https://fhir.nhs.uk/CodeSystem/message-events-bars',
              code: 'servicerequest-response',
            },
            source: { endpoint: '/fhir/R4/$process-message' },
            response: { identifier: inbound.messageId, code: 'ok' },
            focus: [{ reference: `urn:uuid:${outcomeId}` }],
          },
        },
        {
          fullUrl: `urn:uuid:${outcomeId}`,
          resource: informationOutcome(
            `Referral ${result.id} ${result.created ? 'received' : 'already received'}; status ${result.status}`,
          ),
        },
      ],
    };
  }

  private senderOf(ctx: CommandContext) {
    return { sourceSystem: ctx.actor.sub };
  }

  private receive(inbound: InboundReferral, ctx: CommandContext) {
    const origin: HttpOrigin = {
      channel: 'http',
      actor: ctx.actor,
      correlationId: ctx.correlationId,
      requestHash: inbound.contentHash,
    };
    return this.app.receive(origin, inbound.referralId, (now) =>
      receiveCommandOf(inbound, now, inbound.referral.receivedAt ?? now, this.config.intake),
    );
  }
}
