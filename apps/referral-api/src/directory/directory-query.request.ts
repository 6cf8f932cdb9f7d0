import { Type } from 'class-transformer';
import { IsInt, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsIsoDateTime } from '../http/validators';

/** Paging of every HSDS list: `page` from 1, `per_page` up to 200 (default 50). */
export class DirectoryPageRequest {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100_000) page?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) per_page?: number;
}

/** The filters of `GET /directory/services`, as in the HSDS 3.0 / Open Referral UK API reference. */
export class ServiceSearchRequest extends DirectoryPageRequest {
  @IsOptional() @IsString() @MaxLength(200) search?: string;
  @IsOptional() @IsString() @MaxLength(250) taxonomy_term_id?: string;
  @IsOptional() @IsString() @MaxLength(250) taxonomy_id?: string;
  @IsOptional() @IsString() @MaxLength(250) organization_id?: string;
  @IsOptional() @IsIsoDateTime() modified_after?: string;
  /** Services whose age range includes this age. */
  @IsOptional() @Type(() => Number) @IsNumber() @Min(0) @Max(120) age?: number;
  @IsOptional() @Type(() => Number) @IsNumber() @Min(0) @Max(120) minimum_age?: number;
  @IsOptional() @Type(() => Number) @IsNumber() @Min(0) @Max(120) maximum_age?: number;
  @IsOptional()
  @Matches(/^[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}$/, {
    message: 'postcode must be a UK postcode',
  })
  postcode?: string;
  @IsOptional() @Type(() => Number) @IsNumber() @Min(-90) @Max(90) lat?: number;
  @IsOptional() @Type(() => Number) @IsNumber() @Min(-180) @Max(180) lng?: number;
  /** Metres from the postcode or point (default 5,000; at most 100 km). */
  @IsOptional() @Type(() => Number) @IsNumber() @Min(1) @Max(100_000) proximity?: number;
}

export class TaxonomyTermsRequest extends DirectoryPageRequest {
  @IsOptional() @IsString() @MaxLength(250) taxonomy_id?: string;
}

export class ServiceAtLocationsRequest extends DirectoryPageRequest {
  @IsOptional()
  @Matches(/^[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}$/, {
    message: 'postcode must be a UK postcode',
  })
  postcode?: string;
  @IsOptional() @Type(() => Number) @IsNumber() @Min(1) @Max(100_000) proximity?: number;
}
