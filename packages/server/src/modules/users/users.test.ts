import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_PASSWORD, createAccount, createUnit } from '../../test/fixture.js';
import { type StaffedUnit, createStaffedUnit } from '../../test/fixtures/staff.js';
import { type TestApp, createTestApp, errorOf } from '../../test/harness.js';

let t: TestApp;
let s: StaffedUnit;
beforeAll(async () => {
  t = await createTestApp({ empty: true });
  s = await createStaffedUnit(t, 'users', '账号医院');
});
afterAll(() => t.close());

describe('POST /api/v1/users', () => {
  it('401 → 400 → 403 → 201', async () => {
    const body = { username: 'zhang.wei', name: '张伟', password: 'Qiushi2026', roles: [{ role: 'org_office' }] };
    expect((await t.anonymous().post('/api/v1/users', body)).statusCode).toBe(401);
    const admin = await t.login(s.username('admin'));
    const bad = await admin.post('/api/v1/users', { ...body, username: 'x', roles: [] });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details?.map((d) => d.path).sort()).toEqual(['body.roles', 'body.username']);
    const org = await t.login(s.username('org'));
    expect((await org.post('/api/v1/users', body)).statusCode).toBe(403);
    const created = await admin.post('/api/v1/users', body);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ username: 'zhang.wei', name: '张伟', active: true, roles: [{ role: 'org_office', orgId: null }] });
    // The new account signs in and must change the password.
    const zhang = await t.login('zhang.wei', 'Qiushi2026');
    expect((await zhang.get('/api/v1/auth/me')).json().user.mustChangePassword).toBe(true);
  });

  it('refuses a taken username and a branch role without an org', async () => {
    const admin = await t.login(s.username('admin'));
    const taken = await admin.post('/api/v1/users', { username: 'USERS.org', name: '重复', password: 'Qiushi2026', roles: [{ role: 'member' }] });
    expect(taken.statusCode).toBe(409);
    expect(errorOf(taken).message).toMatch(/^用户名“USERS.org”已被使用（用户名在本平台所有单位中唯一/);
    expect(errorOf(taken).details).toEqual([{ path: 'body.username', message: errorOf(taken).message }]);
    const noOrg = await admin.post('/api/v1/users', { username: 'li.na', name: '李娜', password: 'Qiushi2026', roles: [{ role: 'branch_secretary' }] });
    expect(errorOf(noOrg).code).toBe('ORG_REQUIRED_FOR_ROLE');
  });

  it('writes the account and its audit row together', async () => {
    const admin = await t.login(s.username('admin'));
    const res = await admin.post('/api/v1/users', {
      username: 'wang.fang',
      name: '王芳',
      password: 'Qiushi2026',
      roles: [{ role: 'branch_secretary', orgId: s.branchId }],
    });
    const id = res.json().id as number;
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'username', 'after'])
      .where('entity_type', '=', 'user')
      .where('entity_id', '=', String(id))
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create', username: s.username('admin'), after: { username: 'wang.fang', roles: [{ role: 'branch_secretary', orgName: s.branchName }] } });
  });
});

describe('PATCH /api/v1/users/:id', () => {
  it('updates with the current version and answers 409 to a stale one', async () => {
    const admin = await t.login(s.username('admin'));
    const list = (await admin.get('/api/v1/users?q=leader')).json();
    const leader = list.items.find((u: { username: string }) => u.username === s.username('leader'));
    const first = await admin.patch(`/api/v1/users/${leader.id}`, { version: leader.version, name: '院领导（改）' });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ name: '院领导（改）', version: leader.version + 1 });
    const stale = await admin.patch(`/api/v1/users/${leader.id}`, { version: leader.version, name: '覆盖' });
    expect(stale.statusCode).toBe(409);
    expect(errorOf(stale).code).toBe('VERSION_CONFLICT');
    const audit = await t.database.db.selectFrom('audit_log').select(['before', 'after']).where('entity_type', '=', 'user').where('entity_id', '=', String(leader.id)).where('action', '=', 'update').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ before: { name: leader.name }, after: { name: '院领导（改）' } });
  });

  it('disabling an account ends its sessions and blocks sign-in', async () => {
    const admin = await t.login(s.username('admin'));
    const jijian = await t.login(s.username('jijian'));
    const user = (await admin.get('/api/v1/users?q=jijian')).json().items[0];
    expect((await admin.patch(`/api/v1/users/${user.id}`, { version: user.version, active: false })).statusCode).toBe(200);
    expect((await jijian.get('/api/v1/auth/me')).statusCode).toBe(401);
    // Refused like a wrong password, whether or not the password was right (no oracle for disabled accounts).
    await expect(t.login(s.username('jijian'), FIXTURE_PASSWORD)).rejects.toThrow(/401.*LOGIN_FAILED/);
    await expect(t.login(s.username('jijian'), 'not-the-password')).rejects.toThrow(/401.*LOGIN_FAILED/);
  });

  it('a change of roles holds from the signed-in user’s next request, in the same session', async () => {
    const admin = await t.login(s.username('admin'));
    const created = await admin.post('/api/v1/users', { username: 'role.change', name: '换角色', password: 'Qiushi2026', roles: [{ role: 'org_office' }] });
    expect(created.statusCode).toBe(201);
    const user = await t.login('role.change', 'Qiushi2026');
    // An account an administrator makes starts with a one-time password.
    expect((await user.post('/api/v1/auth/password', { currentPassword: 'Qiushi2026', newPassword: 'Huanjuese-2027' })).statusCode).toBe(200);
    const before = (await user.get('/api/v1/auth/me')).json();
    expect(before.roles).toEqual([{ role: 'org_office', orgId: null, orgName: null }]);
    expect(before.permissions).toContain('members.read');
    expect((await user.get('/api/v1/members')).statusCode).toBe(200);
    const row = (await admin.get('/api/v1/users?q=role.change')).json().items[0];
    expect((await admin.patch(`/api/v1/users/${row.id}`, { version: row.version, roles: [{ role: 'member' }] })).statusCode).toBe(200);
    const after = (await user.get('/api/v1/auth/me')).json();
    expect(after.roles).toEqual([{ role: 'member', orgId: null, orgName: null }]);
    expect(after.permissions).not.toContain('members.read');
    expect((await user.get('/api/v1/members')).statusCode).toBe(403);
  });

  it('404 for another tenant’s user id', async () => {
    const admin = await t.login(s.username('admin'));
    const otherUnit = await createUnit(t.database.db, 'users-other', '外院');
    const otherId = await createAccount(t.database.db, otherUnit, 'other.admin', [{ role: 'sys_admin' }]);
    const res = await admin.patch(`/api/v1/users/${otherId}`, { version: 1, name: '越权' });
    expect(res.statusCode).toBe(404);
  });
});

describe('POST /api/v1/users/:id/reset-password', () => {
  it('gives a one-time password that works and must be changed', async () => {
    const admin = await t.login(s.username('admin'));
    const member = await t.login(s.username('member'));
    const user = (await admin.get('/api/v1/users?q=member')).json().items.find((u: { username: string }) => u.username === s.username('member'));
    const res = await admin.post(`/api/v1/users/${user.id}/reset-password`);
    expect(res.statusCode).toBe(200);
    const { temporaryPassword } = res.json();
    expect(temporaryPassword).toMatch(/^[A-Za-z2-9]{10}$/);
    expect((await member.get('/api/v1/auth/me')).statusCode).toBe(401);
    const again = await t.login(s.username('member'), temporaryPassword);
    expect((await again.get('/api/v1/auth/me')).json().user.mustChangePassword).toBe(true);
  });
});
