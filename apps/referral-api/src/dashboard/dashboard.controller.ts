import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength } from 'class-validator';
import type { FastifyRequest, FastifyReply } from 'fastify';
import jwt from 'jsonwebtoken';
import { APP_CONFIG } from '@app/config';
import type { AppConfig } from '@app/config';
import { Problems, ROLES } from '@app/application';
import type { Actor } from '@app/application';
import { CurrentActor, Public, Roles } from '../auth/auth.decorators';
import { JWT_SECRET, signToken } from '../auth/jwt-auth.guard';
import { Optional } from '../http/validators';
import { Asset, loadDashboardAssets } from './dashboard-assets';
import { DashboardSignIn } from './dashboard-sign-in';
import { SESSION_COOKIE, clearCookie, cookieValue, setCookie } from './session-cookie';

/** The roles the development sign-in offers: the dashboard's two audiences. */
const DEV_ROLES = ['commissioner', 'service_manager'] as const;

class DevelopmentSignInRequest {
  @IsIn(DEV_ROLES) role!: (typeof DEV_ROLES)[number];
}

class NextRequest {
  @Optional() @IsString() @MaxLength(2000) next?: string;
}

class CallbackRequest {
  @Optional() @IsString() @MaxLength(4000) code?: string;
  @Optional() @IsString() @MaxLength(200) state?: string;
  @Optional() @IsString() @MaxLength(200) error?: string;
}

/**
 * The browser dashboard for commissioners and service managers: its pages and files, and signing in.
 * The pages hold no data: their scripts call the report endpoints with the session cookie, so a role
 * sees in the dashboard exactly what the API lets it see. Not part of the partners' contract (OpenAPI).
 */
@ApiExcludeController()
@Controller('dashboard')
export class DashboardController {
  private readonly assets: Map<string, Asset> = loadDashboardAssets();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(JWT_SECRET) private readonly secret: string | null,
    @Inject(DashboardSignIn) private readonly signIn: DashboardSignIn,
  ) {}

  @Get()
  @Public()
  page(@Res() res: FastifyReply): void {
    this.send(res, 'index.html');
  }

  @Get('sign-in')
  @Public()
  signInPage(@Res() res: FastifyReply): void {
    this.send(res, 'sign-in.html');
  }

  @Get('assets/:name')
  @Public()
  asset(@Param('name') name: string, @Res() res: FastifyReply): void {
    if (name.endsWith('.html') || !this.assets.has(name))
      throw Problems.notFound(`The dashboard has no file named ${name.slice(0, 100)}`);
    this.send(res, name);
  }

  @Get('sign-in/options')
  @Public()
  options() {
    return {
      development: this.developmentSignIn(),
      oidc: this.config.dashboard.oidc !== undefined,
      roles: this.developmentSignIn() ? DEV_ROLES : [],
    };
  }

  /** Who the session is: the page shows the role and the pages it may open; 401 sends it to sign-in. */
  @Get('session')
  @Roles(...ROLES)
  session(@CurrentActor() actor: Actor, @Req() req: FastifyRequest) {
    const token = cookieValue(req.headers.cookie, SESSION_COOKIE);
    const exp = token ? (jwt.decode(token) as { exp?: number } | null)?.exp : undefined;
    return {
      sub: actor.sub,
      roles: actor.roles,
      expiresAt: exp ? new Date(exp * 1000).toISOString() : null,
    };
  }

  /** Pick-a-role sign-in for the embedded default (DASHBOARD_DEV_SIGN_IN; never in production). */
  @Post('sign-in/development')
  @Public()
  @HttpCode(204)
  development(
    @Body() body: DevelopmentSignInRequest,
    @Req() req: FastifyRequest,
    @Res() res: FastifyReply,
  ): void {
    if (!this.developmentSignIn() || !this.secret)
      throw Problems.notFound('Development sign-in is off: sign in with your organisation account');
    const seconds = this.config.dashboard.sessionMinutes * 60;
    const token = signToken(this.secret, `dashboard-${body.role}`, [body.role], seconds);
    this.setSession(req, res, token, seconds);
    void res.status(204).send();
  }

  @Post('sign-out')
  @Public()
  @HttpCode(204)
  signOut(@Req() req: FastifyRequest, @Res() res: FastifyReply): void {
    clearCookie(req, res, this.production(), SESSION_COOKIE);
    void res.status(204).send();
  }

  /** Sends the browser to the identity provider (authorisation code with PKCE). */
  @Get('oidc/login')
  @Public()
  login(@Query() q: NextRequest, @Req() req: FastifyRequest, @Res() res: FastifyReply): void {
    void res.redirect(this.signIn.begin(req, res, q.next), 303);
  }

  /** Where the provider sends the browser back: the code becomes the session, then the page asked for. */
  @Get('oidc/callback')
  @Public()
  async callback(
    @Query() q: CallbackRequest,
    @Req() req: FastifyRequest,
    @Res() res: FastifyReply,
  ): Promise<void> {
    const { token, expiresAt, next } = await this.signIn.complete(req, res, q);
    if (!token) return void res.redirect(next, 303);
    this.setSession(req, res, token, (expiresAt - Date.now()) / 1000);
    void res.redirect(next, 303);
  }

  private developmentSignIn(): boolean {
    return this.config.dashboard.devSignIn && !this.production();
  }

  private production(): boolean {
    return this.config.nodeEnv === 'production';
  }

  private setSession(req: FastifyRequest, res: FastifyReply, token: string, seconds: number): void {
    setCookie(req, res, this.production(), SESSION_COOKIE, token, {
      maxAgeSeconds: seconds,
      sameSite: 'Strict',
      path: '/',
    });
  }

  private send(res: FastifyReply, name: string): void {
    const asset = this.assets.get(name)!;
    res.header('Content-Type', asset.type);
    // Pages and scripts change with a deployment; the browser checks again rather than keep a stale one.
    res.header('Cache-Control', 'no-cache');
    res.status(200).send(asset.body);
  }
}
