import { ApiQueryFrom } from '../../http/openapi-schemas';
import { Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { referralStreamName } from '@app/referral-domain';
import { Problems } from '@app/application';
import { Public, Roles } from '../../auth/auth.decorators';
import { uuidParam } from '../../referrals/shared/timed.request';
import { CheckpointsService } from './checkpoints.service';
import { ConsistencyRequest, InclusionRequest } from './checkpoints.request';

const count = (name: string) =>
  new ParseIntPipe({
    exceptionFactory: () =>
      Problems.badRequest(`${name} must be a whole number`, [
        { field: name, message: `${name} must be a whole number` },
      ]),
  });

/**
 * Signed checkpoints of the whole event log and proofs against them, for auditors: what they keep
 * outside the service, so a later rewrite of the database is detectable (docs/audit.md).
 */
@ApiTags('audit')
@Controller('v1/audit')
export class CheckpointsController {
  constructor(private readonly checkpoints: CheckpointsService) {}

  /** The Ed25519 key checkpoints are signed with: published, so anyone can check a checkpoint. */
  @Get('public-key')
  @ApiOperation({
    operationId: 'getAuditPublicKey',
    summary: 'The Ed25519 public key that verifies signed checkpoints',
  })
  @Public()
  publicKey() {
    return this.checkpoints.publicKey;
  }

  /** Signs and returns a checkpoint covering every event stored so far. */
  @Post('checkpoints')
  @ApiOperation({
    operationId: 'signCheckpoint',
    summary: 'Signs a checkpoint (tree head) of the event log now',
  })
  @HttpCode(201)
  @ApiBearerAuth()
  @Roles('auditor')
  sign() {
    return this.checkpoints.sign();
  }

  @Get('checkpoints/latest')
  @ApiOperation({
    operationId: 'getLatestCheckpoint',
    summary: 'The latest signed checkpoint of the event log',
  })
  @ApiBearerAuth()
  @Roles('auditor')
  latest() {
    return this.checkpoints.latest();
  }

  /** That the checkpoint of `from` events is the start of the one of `to` events. */
  @Get('checkpoints/consistency')
  @ApiOperation({
    operationId: 'getCheckpointConsistency',
    summary: 'A consistency proof between two tree sizes',
  })
  @ApiQueryFrom(ConsistencyRequest)
  @ApiBearerAuth()
  @Roles('auditor')
  consistency(@Query() q: ConsistencyRequest) {
    if (q.from > q.to)
      throw Problems.badRequest('`from` must not be larger than `to`', [
        { field: 'from', message: 'must not be larger than to' },
      ]);
    return this.checkpoints.consistency(q.from, q.to);
  }

  @Get('checkpoints/:treeSize')
  @ApiOperation({ operationId: 'getCheckpoint', summary: 'The signed checkpoint of one tree size' })
  @ApiBearerAuth()
  @Roles('auditor')
  ofSize(@Param('treeSize', count('treeSize')) treeSize: number) {
    return this.checkpoints.ofSize(treeSize);
  }

  /** That one event of a referral is in a signed checkpoint (the newest, or `treeSize`). */
  @Get('referrals/:id/events/:version/proof')
  @ApiOperation({
    operationId: 'getEventInclusionProof',
    summary: 'An inclusion proof of one event of a referral in a signed checkpoint',
  })
  @ApiQueryFrom(InclusionRequest)
  @ApiBearerAuth()
  @Roles('auditor')
  inclusion(
    @Param('id', uuidParam('id')) id: string,
    @Param('version', count('version')) version: number,
    @Query() q: InclusionRequest,
  ) {
    return this.checkpoints.inclusion(referralStreamName(id), version, q.treeSize);
  }
}
