import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../plugins/auth.js';
import { LOGIN_ACCOUNT_MAX_ATTEMPTS, LOGIN_ADDRESS_MAX_ATTEMPTS, lockMinutes } from './service.js';
import { readTrustProxy } from '../../config.js';
import { DEMO_PASSWORD, DEMO_TODAY, type TestApp, createTestApp, errorOf } from '../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ sessionIdleMinutes: 30 });
});
afterAll(() => t.close());

const loginFrom = (ip: string, username: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress: ip });

describe('sign-in', () => {
  it('sets an httpOnly SameSite=Lax session cookie and returns the user through /me', async () => {
    const res = await loginFrom('10.0.0.1', 'secretary', DEMO_PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies: { [SESSION_COOKIE]: cookie!.value } });
    expect(me.statusCode).toBe(200);
    const body = me.json();
    expect(body.user.username).toBe('secretary');
    expect(body.tenant.code).toBe('demo');
    expect(body.roles).toEqual([{ role: 'branch_secretary', orgId: expect.any(Number), orgName: '急诊科全科医学科党支部' }]);
    expect(body.permissions).toContain('members.read');
    expect(body.permissions).not.toContain('users.manage');
    // The web app takes its today from here: the server's date rules, not the browser's clock.
    expect(body.today).toBe(DEMO_TODAY);
  });

  it('refuses a wrong password without saying which part was wrong', async () => {
    const res = await loginFrom('10.0.0.2', 'admin', 'wrong-password');
    expect(res.statusCode).toBe(401);
    expect(errorOf(res)).toMatchObject({ code: 'LOGIN_FAILED', message: '用户名或密码错误' });
    const unknown = await loginFrom('10.0.0.2', 'nobody', 'wrong-password');
    expect(errorOf(unknown).code).toBe('LOGIN_FAILED');
  });

  it('locks a username after 5 failures in 15 minutes, from any address, and says when to retry', async () => {
    for (let i = 0; i < 5; i++) expect((await loginFrom(`10.1.0.${i}`, 'leader', 'bad')).statusCode).toBe(401);
    const blocked = await loginFrom('10.1.0.99', 'leader', DEMO_PASSWORD);
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(800);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(900);
    expect(errorOf(blocked).message).toMatch(/登录失败次数过多，请在 15 分钟后（\d\d:\d\d）重试/);
  });

  // 52 sign-ins, each checking a password hash (unknown names too, so that timing tells nothing): slow on a loaded machine.
  it('locks an address after 50 failures whatever the usernames; a success gives its attempt back', { timeout: 120_000 }, async () => {
    expect(LOGIN_ADDRESS_MAX_ATTEMPTS).toBe(50);
    expect((await loginFrom('10.2.0.1', 'org', DEMO_PASSWORD)).statusCode).toBe(200);
    for (let i = 0; i < LOGIN_ADDRESS_MAX_ATTEMPTS; i++) expect((await loginFrom('10.2.0.1', `ghost${i}`, 'bad')).statusCode).toBe(401);
    const blocked = await loginFrom('10.2.0.1', 'org', DEMO_PASSWORD);
    expect(blocked.statusCode).toBe(429);
    expect((await loginFrom('10.2.0.2', 'org', DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('checks at most 5 passwords of a burst of 40 concurrent attempts on one account, then backs off', async () => {
    const burst = await Promise.all(Array.from({ length: 40 }, (_, i) => loginFrom(`10.3.${Math.floor(i / 10)}.${i}`, 'member', `guess-${i}`)));
    const statuses = burst.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 401)).toHaveLength(LOGIN_ACCOUNT_MAX_ATTEMPTS);
    expect(statuses.filter((s) => s === 429)).toHaveLength(40 - LOGIN_ACCOUNT_MAX_ATTEMPTS);
    // Even the right password waits for the lock to end.
    expect((await loginFrom('10.3.9.9', 'member', DEMO_PASSWORD)).statusCode).toBe(429);
    // Back-off: each further lock of the account lasts twice as long, up to a day.
    expect([0, 1, 2, 3, 6, 20].map(lockMinutes)).toEqual([15, 30, 60, 120, 960, 1440]);
    const row = await t.database.db.selectFrom('login_throttle').select(['lockouts']).where('key', 'like', 'account:%:member').executeTakeFirstOrThrow();
    expect(row.lockouts).toBe(1);
    await t.database.db.updateTable('login_throttle').set({ blocked_until: new Date(Date.now() - 1000) }).where('key', 'like', 'account:%:member').execute();
    for (let i = 0; i < LOGIN_ACCOUNT_MAX_ATTEMPTS; i++) expect((await loginFrom('10.3.9.9', 'member', 'bad')).statusCode).toBe(401);
    const second = await loginFrom('10.3.9.9', 'member', DEMO_PASSWORD);
    expect(second.statusCode).toBe(429);
    expect(Number(second.headers['retry-after'])).toBeGreaterThan(29 * 60);
    // Once the lock ends, signing in clears the count and the back-off.
    await t.database.db.updateTable('login_throttle').set({ blocked_until: new Date(Date.now() - 1000) }).where('key', 'like', 'account:%:member').execute();
    expect((await loginFrom('10.3.9.9', 'member', DEMO_PASSWORD)).statusCode).toBe(200);
    expect(await t.database.db.selectFrom('login_throttle').select('key').where('key', 'like', 'account:%:member').execute()).toEqual([]);
  });

  it('takes as long to refuse an unknown username as a known one (both check a password hash)', async () => {
    const time = async (username: string, ip: string) => {
      const started = performance.now();
      expect((await loginFrom(ip, username, 'wrong-password')).statusCode).toBe(401);
      return performance.now() - started;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 4; i++) {
      known.push(await time('jijian', `10.4.0.${i}`));
      unknown.push(await time(`nobody${i}`, `10.4.1.${i}`));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
    // Without the dummy hash an unknown name answered in a fraction of the time (no argon2 at all).
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.5);
  });

  it('answers a disabled account exactly like a wrong password, right password or not', async () => {
    await t.database.db.updateTable('users').set({ active: false }).where('username', '=', 'secretary').execute();
    try {
      const right = await loginFrom('10.5.0.1', 'secretary', DEMO_PASSWORD);
      const wrong = await loginFrom('10.5.0.2', 'secretary', 'wrong-password');
      expect([right.statusCode, wrong.statusCode]).toEqual([401, 401]);
      expect(right.json()).toEqual(wrong.json());
      expect(errorOf(right).code).toBe('LOGIN_FAILED');
    } finally {
      await t.database.db.updateTable('users').set({ active: true }).where('username', '=', 'secretary').execute();
      await t.database.db.deleteFrom('login_throttle').execute();
    }
  });

  it('refuses a NUL byte in the login name with 400 naming the field', async () => {
    const res = await loginFrom('10.6.0.1', 'admin\u0000', DEMO_PASSWORD);
    expect(res.statusCode).toBe(400);
    expect(errorOf(res)).toMatchObject({ code: 'TEXT_NUL', details: [{ path: 'body.username' }] });
  });

  it('ends the session on logout', async () => {
    const c = await t.login('member');
    expect((await c.post('/api/v1/auth/logout')).statusCode).toBe(200);
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('ends an idle session', async () => {
    const c = await t.login('jijian');
    await t.database.db.updateTable('sessions').set({ last_seen_at: new Date(Date.now() - 31 * 60_000) }).execute();
    const res = await c.get('/api/v1/auth/me');
    expect(res.statusCode).toBe(401);
    expect(errorOf(res).code).toBe('SESSION_EXPIRED');
  });
});

describe('CSRF protection', () => {
  it('refuses a write without the session’s token and accepts it with the token', async () => {
    const c = await t.login('org');
    const without = await c.request({ method: 'PUT', url: '/api/v1/auth/language', payload: { language: 'en-US' }, headers: { 'x-csrf-token': '' } });
    expect(without.statusCode).toBe(403);
    expect(errorOf(without).code).toBe('CSRF_INVALID');
    const forged = await c.request({ method: 'PUT', url: '/api/v1/auth/language', payload: { language: 'en-US' }, headers: { 'x-csrf-token': 'forged-token-value' } });
    expect(forged.statusCode).toBe(403);
    expect((await c.put('/api/v1/auth/language', { language: 'en-US' })).statusCode).toBe(200);
  });
});

describe('language and password', () => {
  it('saves the language per user and answers errors in it', async () => {
    const c = await t.login('admin');
    expect((await c.put('/api/v1/auth/language', { language: 'fr-FR' })).statusCode).toBe(400);
    await c.put('/api/v1/auth/language', { language: 'en-US' });
    expect((await c.get('/api/v1/auth/me')).json().user.language).toBe('en-US');
    const res = await c.get('/api/v1/users/999999/nothing');
    expect(errorOf(res).message).toMatch(/^No such endpoint/);
    await c.put('/api/v1/auth/language', { language: 'zh-CN' });
  });

  it('changes the password: checks the current one and the strength, signs other sessions out, audits', async () => {
    const first = await t.login('secretary');
    const second = await t.login('secretary');
    const wrong = await first.post('/api/v1/auth/password', { currentPassword: 'nope', newPassword: 'Kaiyuan2026' });
    expect(errorOf(wrong).code).toBe('PASSWORD_WRONG');
    expect(errorOf(wrong).details).toEqual([{ path: 'body.currentPassword', message: '当前密码不正确' }]);
    const weak = await first.post('/api/v1/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'abcdefgh' });
    expect(errorOf(weak)).toMatchObject({ code: 'PASSWORD_TOO_SIMPLE', message: '密码须同时包含字母和数字' });
    // Common passwords and their variants, and the username with a digit, are refused on the field.
    for (const [newPassword, code] of [
      ['password1', 'PASSWORD_TOO_COMMON'],
      ['Passw0rd', 'PASSWORD_TOO_COMMON'],
      ['qwerty123', 'PASSWORD_TOO_COMMON'],
      ['secretary1', 'PASSWORD_CONTAINS_USERNAME'],
      ['Secretary2026', 'PASSWORD_CONTAINS_USERNAME'],
    ] as const) {
      const res = await first.post('/api/v1/auth/password', { currentPassword: DEMO_PASSWORD, newPassword });
      expect(res.statusCode, newPassword).toBe(400);
      expect(errorOf(res).code, newPassword).toBe(code);
      expect(errorOf(res).details, newPassword).toEqual([{ path: 'body.newPassword', message: errorOf(res).message }]);
    }
    expect(errorOf(await first.post('/api/v1/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'Passw0rd' })).message).toMatch(/太常见/);
    expect((await first.post('/api/v1/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'Kaiyuan2026' })).statusCode).toBe(200);
    expect((await first.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect((await second.get('/api/v1/auth/me')).statusCode).toBe(401);
    await expect(t.login('secretary')).rejects.toThrow(/401/);
    await t.login('secretary', 'Kaiyuan2026');
    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'username']).where('action', '=', 'password_change').execute();
    expect(audit).toContainEqual({ action: 'password_change', username: 'secretary' });
  });
});

describe('a temporary password', () => {
  it('opens only what replacing it needs until it is changed', async () => {
    const admin = await t.login('admin');
    const user = (await admin.get('/api/v1/users?q=leader')).json().items.find((u: { username: string }) => u.username === 'leader');
    const { temporaryPassword } = (await admin.post(`/api/v1/users/${user.id}/reset-password`)).json();
    const leader = await t.login('leader', temporaryPassword);
    // Who am I, the language, the password form and signing out work …
    expect((await leader.get('/api/v1/auth/me')).json().user.mustChangePassword).toBe(true);
    expect((await leader.put('/api/v1/auth/language', { language: 'zh-CN' })).statusCode).toBe(200);
    // … everything else answers 403 until the password is changed.
    for (const url of ['/api/v1/dashboard/summary', '/api/v1/members', '/api/v1/orgs/tree']) {
      const res = await leader.get(url);
      expect(res.statusCode, url).toBe(403);
      expect(errorOf(res).code, url).toBe('PASSWORD_CHANGE_REQUIRED');
    }
    expect((await leader.post('/api/v1/auth/password', { currentPassword: temporaryPassword, newPassword: 'Kaiyuan-2026' })).statusCode).toBe(200);
    expect((await leader.get('/api/v1/dashboard/summary')).statusCode).toBe(200);
    expect((await leader.post('/api/v1/auth/logout')).statusCode).toBe(200);
  });

  it('every route but those is closed to it (route table)', () => {
    const allowed = t.app.routeAccess.filter((r) => r.beforePasswordChange).map((r) => `${r.method} ${r.url}`).sort();
    expect(allowed).toEqual(['GET /api/v1/auth/me', 'POST /api/v1/auth/logout', 'POST /api/v1/auth/password', 'PUT /api/v1/auth/language']);
  });
});

describe('usernames across units', () => {
  it('one unit cannot create a name another unit signs in with, in any case', async () => {
    const county = await t.login('county.admin');
    for (const username of ['leader', 'LEADER', 'Org']) {
      const res = await county.post('/api/v1/users', { username, name: '重名', password: 'Qiushi-2026', roles: [{ role: 'leader' }] });
      expect(res.statusCode, username).toBe(409);
      expect(errorOf(res)).toMatchObject({ code: 'USERNAME_TAKEN', details: [{ path: 'body.username' }] });
      // Nothing about the other unit is told.
      expect(errorOf(res).message).not.toMatch(/示例|demo/);
    }
    expect((await loginFrom('10.7.0.1', 'org', DEMO_PASSWORD)).statusCode).toBe(200);
    const created = await county.post('/api/v1/users', { username: 'county.leader', name: '县院领导', password: 'Qiushi-2026', roles: [{ role: 'leader' }] });
    expect(created.statusCode).toBe(201);
    const me = (await (await t.login('County.Leader', 'Qiushi-2026')).get('/api/v1/auth/me')).json();
    expect(me.tenant.code).toBe('county');
  });

  it('two units creating the same new name at once: one gets it, the other a 409', async () => {
    const [a, b] = [await t.login('admin'), await t.login('county.admin')];
    const body = { username: 'same.name', name: '同名', password: 'Qiushi-2026', roles: [{ role: 'member' }] };
    const results = await Promise.all([a.post('/api/v1/users', body), b.post('/api/v1/users', body)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(errorOf(results.find((r) => r.statusCode === 409)!).code).toBe('USERNAME_TAKEN');
    // The database itself refuses a second account with the name, whoever writes it.
    const county = await t.database.db.selectFrom('tenants').select('id').where('code', '=', 'county').executeTakeFirstOrThrow();
    await expect(
      t.database.db.insertInto('users').values({ tenant_id: county.id, username: 'SAME.NAME', name: 'x', password_hash: 'x', member_id: null, password_changed_at: null }).execute(),
    ).rejects.toThrow(/login_names_pkey/);
  });

  it('names that several units already shared before names became unique sign in with the unit code', async () => {
    const { sql } = await import('kysely');
    const db = t.database.db;
    const tenants = await db.selectFrom('tenants').select(['id', 'code']).orderBy('id').execute();
    const hash = (await db.selectFrom('users').select('password_hash').where('username', '=', 'admin').executeTakeFirstOrThrow()).password_hash;
    // As the migration leaves such a name: in the directory with no account.
    await sql`alter table users disable trigger users_login_name`.execute(db);
    try {
      for (const tenant of tenants) {
        await db.insertInto('users').values({ tenant_id: tenant.id, username: 'legacy', name: '旧账号', password_hash: hash, member_id: null, password_changed_at: null }).execute();
      }
    } finally {
      await sql`alter table users enable trigger users_login_name`.execute(db);
    }
    await db.insertInto('login_names').values({ name: 'legacy', tenant_id: null, user_id: null }).execute();
    const ambiguous = await loginFrom('10.8.0.1', 'legacy', DEMO_PASSWORD);
    expect(ambiguous.statusCode).toBe(400);
    expect(errorOf(ambiguous).code).toBe('TENANT_REQUIRED');
    for (const tenant of tenants) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'legacy', password: DEMO_PASSWORD, tenant: tenant.code }, remoteAddress: '10.8.0.2' });
      expect(res.statusCode, tenant.code).toBe(200);
    }
    // And no unit can create it again.
    const res = await (await t.login('admin')).post('/api/v1/users', { username: 'Legacy', name: '新', password: 'Qiushi-2026', roles: [{ role: 'member' }] });
    expect(errorOf(res).code).toBe('USERNAME_TAKEN');
  });
});

describe('the operating unit', () => {
  // Told by the session lookup of each request (no second query, nothing kept between requests).
  it('is the first unit created unless HONGYI_OPERATOR_TENANT names another, from the next request on', async () => {
    const [demo, county] = [await t.login('admin'), await t.login('county.admin')];
    const operatorOf = async (client: typeof demo) => (await client.get('/api/v1/auth/me')).json().tenant.operator as boolean;
    expect(await operatorOf(demo)).toBe(true);
    expect(await operatorOf(county)).toBe(false);
    const was = process.env.HONGYI_OPERATOR_TENANT;
    process.env.HONGYI_OPERATOR_TENANT = 'county';
    try {
      expect(await operatorOf(demo)).toBe(false);
      expect(await operatorOf(county)).toBe(true);
      process.env.HONGYI_OPERATOR_TENANT = 'no-such-unit';
      expect(await operatorOf(demo)).toBe(false);
      expect(await operatorOf(county)).toBe(false);
    } finally {
      if (was === undefined) delete process.env.HONGYI_OPERATOR_TENANT;
      else process.env.HONGYI_OPERATOR_TENANT = was;
    }
    expect(await operatorOf(demo)).toBe(true);
  });
});

describe('proxy headers', () => {
  it('reads TRUST_PROXY as a hop count or addresses, never "anyone"', () => {
    expect(readTrustProxy(undefined)).toBe(false);
    expect(readTrustProxy('')).toBe(false);
    expect(readTrustProxy('1')).toBe(1);
    expect(readTrustProxy(' 10.0.0.5, 192.168.10.0/24 ,::1,loopback')).toEqual(['10.0.0.5', '192.168.10.0/24', '::1', 'loopback']);
    expect(() => readTrustProxy('true')).toThrow(/TRUST_PROXY/);
    expect(() => readTrustProxy('10.0.0.0/40')).toThrow(/10.0.0.0\/40/);
    expect(() => readTrustProxy('proxy.example.org')).toThrow(/TRUST_PROXY/);
  });

  const auditedAddress = async (app: TestApp, remoteAddress: string, forwarded: string) => {
    const res = await app.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'org', password: DEMO_PASSWORD }, remoteAddress, headers: { 'x-forwarded-for': forwarded } });
    expect(res.statusCode).toBe(200);
    const row = await app.database.db.selectFrom('audit_log').select('ip').where('action', '=', 'login').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    return row.ip;
  };

  it('ignores X-Forwarded-For unless TRUST_PROXY names the proxy', async () => {
    // Not configured (the default): the header is anyone's to forge.
    expect(await auditedAddress(t, '10.9.0.1', '203.0.113.7')).toBe('10.9.0.1');
    const proxied = await createTestApp({ trustProxy: ['10.9.0.254'] });
    try {
      expect(await auditedAddress(proxied, '10.9.0.254', '203.0.113.7')).toBe('203.0.113.7');
      // The same header from anyone else is ignored.
      expect(await auditedAddress(proxied, '10.9.0.1', '203.0.113.7')).toBe('10.9.0.1');
    } finally {
      await proxied.close();
    }
  });
});
