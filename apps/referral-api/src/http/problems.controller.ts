import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Problems } from '@app/application';
import { Public } from '../auth/auth.decorators';
import { problemsPage } from './problem-types';

/** The page every problem `type` points to: each error code, what it means and what to do, by anchor. */
@ApiTags('operations')
@Controller('problems')
export class ProblemsController {
  @Get()
  @Public()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=3600')
  @ApiProduces('text/html')
  @ApiOperation({
    operationId: 'getProblemTypes',
    summary: 'The error codes (docs/errors.md) that problem `type` URIs point to',
  })
  page(): string {
    const html = problemsPage();
    if (html === undefined)
      throw Problems.notFound('The error catalogue (docs/errors.md) is not installed here');
    return html;
  }
}
