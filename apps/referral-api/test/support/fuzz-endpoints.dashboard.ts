import fc from 'fast-check';
import type { FuzzEndpoint } from './fuzz-endpoints';
import { maybe, text } from './fuzz-endpoints.pathway';
import { junk } from './fuzz-inputs';

const viewer: FuzzEndpoint['roles'] = ['commissioner', 'service_manager'];
const nextPage = maybe(
  fc.oneof(fc.constantFrom('/dashboard?page=equity', '//evil.example', 'https://evil.example/'), text(0, 40)),
);

/** The browser dashboard: its pages and files, the session, development and identity-provider sign-in. */
export const DASHBOARD_ENDPOINTS: FuzzEndpoint[] = [
  { name: 'dashboard page', method: 'GET', path: '/dashboard', roles: viewer },
  { name: 'dashboard sign-in page', method: 'GET', path: '/dashboard/sign-in', roles: viewer },
  { name: 'dashboard file', method: 'GET', path: '/dashboard/assets/:name', roles: viewer },
  { name: 'dashboard sign-in options', method: 'GET', path: '/dashboard/sign-in/options', roles: viewer },
  { name: 'dashboard session', method: 'GET', path: '/dashboard/session', roles: viewer },
  {
    name: 'dashboard development sign-in',
    method: 'POST',
    path: '/dashboard/sign-in/development',
    roles: viewer,
    body: fc.oneof(
      junk,
      fc.record({
        role: fc.oneof(fc.constantFrom('commissioner', 'service_manager', 'auditor'), text(0, 20)),
      }),
    ),
  },
  { name: 'dashboard sign-out', method: 'POST', path: '/dashboard/sign-out', roles: viewer },
  {
    name: 'dashboard provider sign-in',
    method: 'GET',
    path: '/dashboard/oidc/login',
    roles: viewer,
    query: nextPage.map((next): Record<string, string> => (next === undefined ? {} : { next })),
  },
  {
    name: 'dashboard provider callback',
    method: 'GET',
    path: '/dashboard/oidc/callback',
    roles: viewer,
    query: fc
      .record({ code: maybe(text(0, 60)), state: maybe(text(0, 60)), error: maybe(text(0, 20)) })
      .map(
        (q) =>
          Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined)) as Record<string, string>,
      ),
  },
];
