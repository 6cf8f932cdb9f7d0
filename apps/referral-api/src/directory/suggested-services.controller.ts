import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';
import { Problem, Problems, authorizeReferral, referralAccess } from '@app/application';
import type { Actor } from '@app/application';
import { APP_CONFIG } from '@app/config';
import type { AppConfig } from '@app/config';
import { DirectoryStore, freshSince, normalisePostcode, suggestServices } from '@app/directory';
import { DeciderStore } from '@app/event-store';
import {
  ageInYears,
  isCalendarDate,
  isReceived,
  referralDecider,
  referralStreamName,
} from '@app/referral-domain';
import { RecordsAccess } from '../audit/access-log/access-log.interceptor';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { teamRouting } from '../auth/team-routing';
import { ApiQueryFrom } from '../http/openapi-schemas';
import { uuidParam } from '../referrals/shared/timed.request';
import { DIRECTORY } from './directory.controller';

export class SuggestedServicesRequest {
  /** Metres from the young person's postcode (default DIRECTORY_MATCH_DISTANCE_M, 8,000). */
  @IsOptional() @Type(() => Number) @IsInt() @Min(100) @Max(100_000) proximity?: number;
  /** Also services not assured within the freshness period (flagged `stale`). */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'include_stale must be true or false' })
  include_stale?: boolean;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(50) limit?: number;
}

/**
 * Community services that fit a referral: the young person's age today, the referral's needs and the distance
 * from their postcode, best first with why. It reads personal data (age, postcode), so it is access-logged.
 */
@ApiTags('directory')
@Controller('v1/referrals')
export class SuggestedServicesController {
  constructor(
    @Inject(DIRECTORY) private readonly directory: DirectoryStore,
    private readonly deciderStore: DeciderStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get(':id/suggested-services')
  @ApiOperation({
    operationId: 'suggestServices',
    summary:
      "Open community services that fit the young person's age, the referral's needs and where they live; access-logged",
  })
  @ApiQueryFrom(SuggestedServicesRequest)
  @RecordsAccess()
  @Roles('link_worker', 'service_manager')
  async suggest(
    @Param('id', uuidParam('id')) id: string,
    @Query() q: SuggestedServicesRequest,
    @CurrentActor() actor: Actor,
  ) {
    const loaded = await this.deciderStore.load(referralDecider, referralStreamName(id));
    authorizeReferral(actor, 'read', referralAccess(loaded, actor, teamRouting(this.config)));
    const { state } = loaded;
    if (!isReceived(state)) throw Problems.notFound(`No referral ${id}`);
    const { dateOfBirth, postcode: raw } = state.youngPerson;
    if (!isCalendarDate(dateOfBirth))
      throw new Problem(410, 'Gone', "The young person's personal data was erased: nothing can be matched", {
        code: 'REFERRAL.ERASED',
      });
    const now = new Date();
    const age = ageInYears(dateOfBirth, now.toISOString());
    const postcode = raw ? normalisePostcode(raw) : undefined;
    const point = postcode ? await this.directory.postcode(postcode) : undefined;
    const proximity = q.proximity ?? this.config.directory.matchDistanceMetres;
    const since = freshSince(this.config.directory.freshnessMonths, now);
    const suggestions = await suggestServices(this.directory, {
      age,
      reasons: state.reasons.filter((r) => r !== 'other'),
      goals: state.goals.flatMap((g) =>
        g.need && g.need !== 'other' ? [{ goalId: g.goalId, need: g.need }] : [],
      ),
      near: point ? { ...point, proximity } : undefined,
      freshSince: since,
      includeStale: q.include_stale === true,
      limit: q.limit ?? 20,
    });
    return {
      referralId: id,
      ageYears: age,
      reasons: state.reasons,
      place: point ? { postcodeKnown: true, proximity } : { postcodeKnown: false, proximity: null },
      freshSince: since,
      suggestions,
    };
  }
}
