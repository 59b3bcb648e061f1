import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../plugins/auth.js';
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

  it('locks an address after 5 failures whatever the usernames', async () => {
    for (let i = 0; i < 5; i++) await loginFrom('10.2.0.1', `ghost${i}`, 'bad');
    expect((await loginFrom('10.2.0.1', 'org', DEMO_PASSWORD)).statusCode).toBe(429);
    expect((await loginFrom('10.2.0.2', 'org', DEMO_PASSWORD)).statusCode).toBe(200);
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
    const wrong = await first.post('/api/v1/auth/password', { currentPassword: 'nope', newPassword: 'Better2026' });
    expect(errorOf(wrong).code).toBe('PASSWORD_WRONG');
    const weak = await first.post('/api/v1/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'abcdefgh' });
    expect(errorOf(weak)).toMatchObject({ code: 'PASSWORD_TOO_SIMPLE', message: '密码须同时包含字母和数字' });
    expect((await first.post('/api/v1/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'Better2026' })).statusCode).toBe(200);
    expect((await first.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect((await second.get('/api/v1/auth/me')).statusCode).toBe(401);
    await expect(t.login('secretary')).rejects.toThrow(/401/);
    await t.login('secretary', 'Better2026');
    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'username']).where('action', '=', 'password_change').execute();
    expect(audit).toContainEqual({ action: 'password_change', username: 'secretary' });
  });
});
