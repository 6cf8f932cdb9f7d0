import { Module } from '@nestjs/common';
import { DashboardController } from './dashboard.controller';
import { DashboardSignIn } from './dashboard-sign-in';

/** The browser dashboard served by the API at /dashboard (ADR 0015). */
@Module({ controllers: [DashboardController], providers: [DashboardSignIn] })
export class DashboardModule {}
