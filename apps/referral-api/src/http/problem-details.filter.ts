import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Inject, Logger } from '@nestjs/common';
import { MasterKeyMismatchError } from '@app/privacy';
import { ReadModelsUnavailableError } from '@app/read-models';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Metrics } from '../operations/metrics';
import { Problem, problemOf } from '@app/application';
import { operationOutcomeOf } from '../fhir/operation-outcome';
import { frameworkProblem } from './json-body';
import { problemType } from './problem-types';

/** Seconds a client should wait before retrying a 503: long enough for a pool to reconnect or a failover. */
const RETRY_AFTER_UNAVAILABLE = '2';

/** Maps every error to RFC 9457 problem+json; only unexpected errors become 500. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  constructor(@Inject(Metrics) private readonly metrics: Metrics) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const res = http.getResponse<FastifyReply>();
    const req = http.getRequest<FastifyRequest>();
    const problem = this.toProblem(error);
    if (problem.status >= 500 && !(error instanceof Problem)) {
      this.logger.error({ err: error, correlationId: req.id }, 'Unhandled error');
    }
    if (error instanceof MasterKeyMismatchError) {
      this.metrics.masterKeyMismatches.inc();
      this.logger.error(
        { correlationId: req.id, configured: error.configuredId, stored: error.storedId },
        error.message,
      );
    }
    if (problem.status === 503 && !res.getHeader('retry-after'))
      res.header('retry-after', RETRY_AFTER_UNAVAILABLE);
    const { code, errors } = problem.extras;
    if (req.url.startsWith('/fhir/')) {
      // FHIR clients read errors as an OperationOutcome, whatever failed (auth, body, mapping, domain rule).
      res
        .status(problem.status)
        .type('application/fhir+json')
        .send(operationOutcomeOf({ status: problem.status, detail: problem.detail, code, errors }));
      return;
    }
    res
      .status(problem.status)
      .type('application/problem+json')
      .send({
        type: problemType(code, problem.status),
        title: problem.title,
        status: problem.status,
        detail: problem.detail,
        instance: req.url,
        ...(code ? { code } : {}),
        ...(errors ? { errors } : {}),
        correlationId: req.id,
      });
  }

  private toProblem(error: unknown): Problem {
    const known = problemOf(error) ?? frameworkProblem(error);
    if (known) return known;
    if (error instanceof MasterKeyMismatchError) {
      return new Problem(
        503,
        'Service unavailable',
        'This instance cannot read personal data: it was started with another DATA_KEY_MASTER than the stored data keys',
        { code: error.code },
      );
    }
    if (error instanceof ReadModelsUnavailableError)
      return new Problem(503, 'Service unavailable', 'The read models are unavailable; retry shortly');
    if (error instanceof HttpException)
      return new Problem(error.getStatus(), error.name.replace(/Exception$/, ''), error.message);
    return new Problem(500, 'Internal server error', 'An unexpected error occurred');
  }
}
