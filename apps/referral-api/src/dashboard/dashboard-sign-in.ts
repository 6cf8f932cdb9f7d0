import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest, FastifyReply } from 'fastify';
import { APP_CONFIG } from '@app/config';
import type { AppConfig, DashboardOidcConfig } from '@app/config';
import { Problems } from '@app/application';
import { TokenVerifier } from '../auth/token-verifier';
import {
  SignInFailed,
  beginSignIn,
  decodePending,
  encodePending,
  exchangeCode,
  safeNext,
} from './oidc-sign-in';
import { SIGN_IN_COOKIE, clearCookie, cookieValue, setCookie } from './session-cookie';

const CALLBACK_PATH = '/dashboard/oidc';

/** Signing in through the identity provider: the state kept in a short-lived cookie, the token verified as the API verifies it. */
@Injectable()
export class DashboardSignIn {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly verifier: TokenVerifier,
  ) {}

  /** The provider's authorisation URL; the state and PKCE verifier wait in a cookie for the callback. */
  begin(req: FastifyRequest, res: FastifyReply, next: string | undefined): string {
    const oidc = this.oidc();
    const { url, pending } = beginSignIn(oidc, safeNext(next));
    // Lax: the provider's redirect back is a top-level navigation from another site.
    setCookie(req, res, this.production(), SIGN_IN_COOKIE, encodePending(pending), {
      maxAgeSeconds: 600,
      sameSite: 'Lax',
      path: CALLBACK_PATH,
    });
    return url;
  }

  /** The session token and where to go; without a token, `next` is the sign-in page saying what went wrong. */
  async complete(
    req: FastifyRequest,
    res: FastifyReply,
    q: { code?: string; state?: string; error?: string },
  ): Promise<{ token?: string; expiresAt: number; next: string }> {
    const oidc = this.oidc();
    const pending = decodePending(cookieValue(req.headers.cookie, SIGN_IN_COOKIE));
    clearCookie(req, res, this.production(), SIGN_IN_COOKIE, CALLBACK_PATH);
    try {
      if (q.error !== undefined || q.code === undefined) throw new SignInFailed('provider');
      if (!pending || q.state !== pending.state) throw new SignInFailed('state');
      const token = await exchangeCode(oidc, q.code, pending);
      const verified = await this.verify(token);
      return { token, expiresAt: verified.expiresAt, next: pending.next };
    } catch (e) {
      if (!(e instanceof SignInFailed)) throw e;
      const back = new URLSearchParams({ error: e.reason, next: pending?.next ?? '/dashboard' });
      return { expiresAt: 0, next: `/dashboard/sign-in?${back.toString()}` };
    }
  }

  private async verify(token: string) {
    try {
      return await this.verifier.verify(`Bearer ${token}`);
    } catch {
      throw new SignInFailed('token');
    }
  }

  private oidc(): DashboardOidcConfig {
    const oidc = this.config.dashboard.oidc;
    if (!oidc)
      throw Problems.notFound('Sign-in through an identity provider is not configured (AUTH_CLIENT_ID)');
    return oidc;
  }

  private production(): boolean {
    return this.config.nodeEnv === 'production';
  }
}
