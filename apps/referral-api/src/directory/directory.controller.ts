import { Controller, Get, Header, Inject, Param, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Problems } from '@app/application';
import { APP_CONFIG } from '@app/config';
import type { AppConfig } from '@app/config';
import { DirectoryStore, freshSince, isStale, normalisePostcode, servicePageJson } from '@app/directory';
import type { Paging, Point, ServiceFilter } from '@app/directory';
import type { FastifyRequest } from 'fastify';
import { Public } from '../auth/auth.decorators';
import { ApiQueryFrom } from '../http/openapi-schemas';
import {
  DirectoryPageRequest,
  ServiceAtLocationsRequest,
  ServiceSearchRequest,
  TaxonomyTermsRequest,
} from './directory-query.request';

export const DIRECTORY = Symbol('DIRECTORY');
const DEFAULT_PROXIMITY_M = 5_000;
const HSDS_PROFILE = 'https://openreferraluk.org/';

const paging = (q: DirectoryPageRequest): Paging => ({ page: q.page ?? 1, perPage: q.per_page ?? 50 });
const found = <T>(value: T | undefined, what: string): T => {
  if (value === undefined) throw Problems.notFound(`No ${what} with this id in the directory`);
  return value;
};

/**
 * The community directory as the HSDS 3.0 / Open Referral UK read API: services (full nested HSDS
 * services), organisations, service_at_locations, taxonomies and terms, in HSDS pages. Public, or
 * behind DIRECTORY_READ_TOKEN (or any valid user token) when that is set. No personal data here.
 */
@ApiTags('directory')
@Controller('directory')
export class DirectoryController {
  constructor(
    @Inject(DIRECTORY) private readonly directory: DirectoryStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private allow(req: FastifyRequest & { actor?: unknown }): void {
    const token = this.config.directory.readToken;
    if (!token || req.actor) return;
    if (req.headers.authorization !== `Bearer ${token}`)
      throw Problems.unauthorized(
        'The directory needs Authorization: Bearer <DIRECTORY_READ_TOKEN> or a user token',
      );
  }

  @Get()
  @Public()
  @ApiOperation({
    operationId: 'directoryRoot',
    summary: 'The HSDS API version and profile of the directory',
  })
  root(@Req() req: FastifyRequest) {
    this.allow(req);
    return { version: '3.0', profile: HSDS_PROFILE, openapi_url: '/docs-json' };
  }

  /**
   * Services flagged (extensions to HSDS): `stale` when not assured within DIRECTORY_FRESHNESS_MONTHS, and
   * `reported_issues` while a link worker's report that it closed or changed awaits a directory editor.
   */
  private async flagged<T extends { id: string; assured_date?: string }>(services: T[]) {
    const since = freshSince(this.config.directory.freshnessMonths);
    const issues = await this.directory.openIssues(services.map((s) => s.id));
    return services.map((s) => ({ ...s, stale: isStale(s, since), reported_issues: issues.get(s.id) ?? [] }));
  }

  @Get('services')
  @Public()
  @ApiQueryFrom(ServiceSearchRequest)
  @ApiOperation({
    operationId: 'directoryServices',
    summary:
      'Services by text, taxonomy, organisation, age and distance (nearest first when a place is given)',
  })
  @Header('Content-Type', 'application/json; charset=utf-8')
  async services(@Query() q: ServiceSearchRequest, @Req() req: FastifyRequest): Promise<string> {
    this.allow(req);
    const page = await this.directory.storedServices(await this.filterOf(q), paging(q));
    const since = freshSince(this.config.directory.freshnessMonths);
    const issues = await this.directory.openIssues(page.contents.map((s) => s.id));
    // The stored documents spliced in as they are: parsing and re-serialising them was most of the cost.
    return servicePageJson(page, (hit) => ({
      stale: isStale({ assured_date: hit.assuredDate ?? undefined }, since),
      reported_issues: issues.get(hit.id) ?? [],
    }));
  }

  @Get('services/:id')
  @Public()
  @ApiOperation({
    operationId: 'directoryService',
    summary: 'One service, fully nested as HSDS 3.0 service.json',
  })
  async service(@Param('id') id: string, @Req() req: FastifyRequest) {
    this.allow(req);
    const [service] = await this.flagged([found(await this.directory.service(id), 'service')]);
    return service;
  }

  @Get('organizations')
  @Public()
  @ApiQueryFrom(DirectoryPageRequest)
  @ApiOperation({ operationId: 'directoryOrganizations', summary: 'The organisations that run services' })
  organizations(@Query() q: DirectoryPageRequest, @Req() req: FastifyRequest) {
    this.allow(req);
    return this.directory.docs('directory_organization', paging(q));
  }

  @Get('organizations/:id')
  @Public()
  @ApiOperation({ operationId: 'directoryOrganization', summary: 'One organisation' })
  async organization(@Param('id') id: string, @Req() req: FastifyRequest) {
    this.allow(req);
    return found(await this.directory.doc('directory_organization', id), 'organization');
  }

  @Get('service_at_locations')
  @Public()
  @ApiQueryFrom(ServiceAtLocationsRequest)
  @ApiOperation({
    operationId: 'directoryServiceAtLocations',
    summary: 'Where services are delivered (near a postcode with proximity)',
  })
  async serviceAtLocations(@Query() q: ServiceAtLocationsRequest, @Req() req: FastifyRequest) {
    this.allow(req);
    const near = q.postcode
      ? { ...(await this.postcode(q.postcode)), proximity: q.proximity ?? DEFAULT_PROXIMITY_M }
      : undefined;
    return this.directory.serviceAtLocations(paging(q), near);
  }

  @Get('service_at_locations/:id')
  @Public()
  @ApiOperation({ operationId: 'directoryServiceAtLocation', summary: 'One service at one location' })
  async serviceAtLocation(@Param('id') id: string, @Req() req: FastifyRequest) {
    this.allow(req);
    return found(await this.directory.serviceAtLocation(id), 'service_at_location');
  }

  @Get('taxonomies')
  @Public()
  @ApiQueryFrom(DirectoryPageRequest)
  @ApiOperation({
    operationId: 'directoryTaxonomies',
    summary: 'The taxonomies (OpenActive activities, needs)',
  })
  taxonomies(@Query() q: DirectoryPageRequest, @Req() req: FastifyRequest) {
    this.allow(req);
    return this.directory.docs('directory_taxonomy', paging(q));
  }

  @Get('taxonomies/:id')
  @Public()
  @ApiOperation({ operationId: 'directoryTaxonomy', summary: 'One taxonomy' })
  async taxonomy(@Param('id') id: string, @Req() req: FastifyRequest) {
    this.allow(req);
    return found(await this.directory.doc('directory_taxonomy', id), 'taxonomy');
  }

  @Get('taxonomy_terms')
  @Public()
  @ApiQueryFrom(TaxonomyTermsRequest)
  @ApiOperation({
    operationId: 'directoryTaxonomyTerms',
    summary: 'Taxonomy terms, of one taxonomy if asked',
  })
  taxonomyTerms(@Query() q: TaxonomyTermsRequest, @Req() req: FastifyRequest) {
    this.allow(req);
    return this.directory.terms(paging(q), q.taxonomy_id);
  }

  @Get('taxonomy_terms/:id')
  @Public()
  @ApiOperation({ operationId: 'directoryTaxonomyTerm', summary: 'One taxonomy term' })
  async taxonomyTerm(@Param('id') id: string, @Req() req: FastifyRequest) {
    this.allow(req);
    return found(await this.directory.doc('directory_taxonomy_term', id), 'taxonomy_term');
  }

  private async postcode(raw: string): Promise<Point> {
    const postcode = normalisePostcode(raw);
    const point = postcode ? await this.directory.postcode(postcode) : undefined;
    if (!point)
      throw Problems.badRequest(
        'postcode is not in the postcode table (load one with npm run directory:postcodes)',
        [{ field: 'postcode', message: 'is not a known postcode' }],
      );
    return point;
  }

  private async filterOf(q: ServiceSearchRequest): Promise<ServiceFilter> {
    if ((q.lat === undefined) !== (q.lng === undefined))
      throw Problems.badRequest('lat and lng go together', [
        { field: q.lat === undefined ? 'lat' : 'lng', message: 'is required with the other' },
      ]);
    if (q.postcode && q.lat !== undefined)
      throw Problems.badRequest('Give a postcode or lat and lng, not both', [
        { field: 'postcode', message: 'cannot be given with lat and lng' },
      ]);
    const point = q.postcode
      ? await this.postcode(q.postcode)
      : q.lat !== undefined
        ? { latitude: q.lat, longitude: q.lng! }
        : undefined;
    return {
      search: q.search,
      taxonomyTermId: q.taxonomy_term_id,
      taxonomyId: q.taxonomy_id,
      organizationId: q.organization_id,
      modifiedAfter: q.modified_after,
      age: q.age,
      minimumAge: q.minimum_age,
      maximumAge: q.maximum_age,
      near: point ? { ...point, proximity: q.proximity ?? DEFAULT_PROXIMITY_M } : undefined,
    };
  }
}
