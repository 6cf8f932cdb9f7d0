import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Server, ServerResponse } from 'node:http';
import { APP_CONFIG, AppConfig } from '@app/config';
import type { InFlight } from './request-lifecycle';

/**
 * Drains HTTP before anything else shuts down. Provided by the root module, whose destroy hooks Nest
 * runs first: on SIGTERM (or `app.close()`) the server stops accepting connections, in-flight requests
 * finish (their responses say `Connection: close`), and only then do projections, integration and,
 * last, the stores close. Requests still running after the grace period lose their connections.
 */
@Injectable()
export class GracefulShutdown implements OnModuleDestroy, InFlight {
  private readonly logger = new Logger('Shutdown');
  private readonly inFlight = new Set<ServerResponse>();
  private draining?: Promise<void>;
  private whenIdle?: () => void;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  get isDraining(): boolean {
    return this.draining !== undefined;
  }

  /** A request arrived; it counts until its response has gone or its connection died (request-lifecycle.ts). */
  opened(res: ServerResponse): void {
    this.inFlight.add(res);
    if (this.draining) res.setHeader('Connection', 'close');
  }

  closed(res: ServerResponse): void {
    this.inFlight.delete(res);
    if (this.inFlight.size === 0) this.whenIdle?.();
  }

  onModuleDestroy(): Promise<void> {
    return this.drain();
  }

  drain(): Promise<void> {
    this.draining ??= this.stopAndWait();
    return this.draining;
  }

  private async stopAndWait(): Promise<void> {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    // Stops accepting and closes idle keep-alive connections; Nest's own close later finds it closed.
    if (server?.listening) server.close();
    for (const res of this.inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
    const waiting = this.inFlight.size;
    if (waiting > 0) this.logger.log({ inFlight: waiting }, 'Shutting down: finishing in-flight requests');
    const finished = await this.idle(this.config.shutdownGraceMs);
    if (!finished) {
      this.logger.warn(
        { inFlight: this.inFlight.size, graceMs: this.config.shutdownGraceMs },
        'Grace period over: closing connections of unfinished requests',
      );
      server?.closeAllConnections();
    } else {
      server?.closeIdleConnections();
    }
  }

  private idle(graceMs: number): Promise<boolean> {
    if (this.inFlight.size === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), graceMs);
      this.whenIdle = () => {
        clearTimeout(timer);
        resolve(true);
      };
    });
  }
}
