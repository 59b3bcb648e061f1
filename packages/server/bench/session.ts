import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../src/db/schema.js';
import { hashPassword } from '../src/plugins/password.js';

/** Every bench account's password. */
export const BENCH_PASSWORD = 'Bench2026x';

type Role = Insertable<DB['user_roles']>['role'];

/** An account of the bench tenant with one role: unit-wide unless an org is given. */
export async function benchAccount(db: Kysely<DB>, tenantId: number, username: string, role: Role = 'org_office', orgId: number | null = null): Promise<void> {
  const user = await db
    .insertInto('users')
    .values({ tenant_id: tenantId, username, name: '基准', password_hash: await hashPassword(BENCH_PASSWORD), member_id: null, password_changed_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('user_roles').values({ tenant_id: tenantId, user_id: user.id, role, org_id: orgId }).execute();
}

/** Signs an account in over HTTP, as a browser does: its session cookie (`name=value`) and CSRF token. */
export async function httpSignIn(base: string, username: string, password = BENCH_PASSWORD): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`sign-in of ${username}: ${res.status} ${(await res.text()).slice(0, 200)}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('hongyi_session='))!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
}

/** Requests as a signed-in account: they carry its session cookie and CSRF token. */
export interface BenchClient {
  request(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, options?: { payload?: unknown; headers?: Record<string, string> }): Promise<LightMyRequestResponse>;
  /** A GET that throws unless the answer has the expected status (200 by default). */
  get(url: string, expected?: number): Promise<LightMyRequestResponse>;
}

/** Signs an account in through the API, as the web does. */
export async function signIn(app: FastifyInstance, username: string, tenant?: string): Promise<BenchClient> {
  const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: BENCH_PASSWORD, ...(tenant ? { tenant } : {}) } });
  if (login.statusCode !== 200) throw new Error(`sign-in of ${username}: ${login.statusCode} ${login.body.slice(0, 200)}`);
  const cookies = { hongyi_session: login.cookies.find((c) => c.name === 'hongyi_session')!.value };
  const csrf = (login.json() as { csrfToken: string }).csrfToken;
  const request: BenchClient['request'] = (method, url, options = {}) =>
    app.inject({
      method,
      url,
      cookies,
      headers: { ...(method === 'GET' ? {} : { 'x-csrf-token': csrf }), ...options.headers },
      ...(options.payload === undefined ? {} : { payload: options.payload as string }),
    });
  return {
    request,
    async get(url, expected = 200) {
      const res = await request('GET', url);
      if (res.statusCode !== expected) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      return res;
    },
  };
}
