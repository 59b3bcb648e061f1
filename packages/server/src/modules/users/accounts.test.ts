import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp, errorOf } from '../../test/harness.js';
import { proposeUsername } from './service-accounts.js';
import { openIdNumber } from '../../db/sealed.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function orgId(name: string) {
  return (await t.database.db.selectFrom('orgs').select(['id', 'path']).where('name', '=', name).executeTakeFirstOrThrow());
}

describe('linking an account to a member', () => {
  it('GET /users/member-candidates: 401 → 403 → 200 by pinyin, ID numbers masked, with the account already linked', async () => {
    const linked = await t.database.db
      .selectFrom('users as u')
      .innerJoin('members as m', (j) => j.onRef('m.tenant_id', '=', 'u.tenant_id').onRef('m.id', '=', 'u.member_id'))
      .select(['u.username', 'm.id', 'm.name', 'm.name_initials', 'm.id_number_enc'])
      .where('u.username', '=', 'member')
      .executeTakeFirstOrThrow();
    expect((await t.anonymous().get('/api/v1/users/member-candidates?q=a')).statusCode).toBe(401);
    expect((await (await t.login('org')).get('/api/v1/users/member-candidates?q=a')).statusCode).toBe(403);
    const admin = await t.login('admin');
    const res = await admin.get(`/api/v1/users/member-candidates?q=${linked.name_initials}`);
    expect(res.statusCode).toBe(200);
    const found = res.json().items.find((i: { id: number }) => i.id === linked.id);
    expect(found).toMatchObject({ name: linked.name, account: { username: 'member' } });
    expect(found.idNumber).toBe(`${openIdNumber(linked.id_number_enc).slice(0, 6)}********${openIdNumber(linked.id_number_enc).slice(-4)}`);
    expect(res.body).not.toContain(openIdNumber(linked.id_number_enc));
    const byName = (await admin.get(`/api/v1/users/member-candidates?q=${encodeURIComponent(linked.name)}`)).json().items;
    expect(byName.map((i: { id: number }) => i.id)).toContain(linked.id);
  });

  it('PUT /users/:id/member links and unlinks, one account per member, with 409 on a stale version, audited', async () => {
    const admin = await t.login('admin');
    const created = (await admin.post('/api/v1/users', { username: 'link.test', name: '关联测试', password: 'Start2026x', roles: [{ role: 'member' }] })).json();
    const free = await t.database.db
      .selectFrom('members as m')
      .select(['m.id', 'm.name'])
      .where('m.status', '=', 'active')
      .where((eb) => eb.not(eb.exists(eb.selectFrom('users as u').select('u.id').whereRef('u.member_id', '=', 'm.id'))))
      .orderBy('m.id')
      .executeTakeFirstOrThrow();
    const taken = await t.database.db.selectFrom('users').select('member_id').where('username', '=', 'member').executeTakeFirstOrThrow();
    const url = `/api/v1/users/${created.id}/member`;
    expect((await t.anonymous().put(url, { version: created.version, memberId: free.id })).statusCode).toBe(401);
    expect((await admin.put(url, { version: created.version, memberId: 'x' })).statusCode).toBe(400);
    expect((await (await t.login('org')).put(url, { version: created.version, memberId: free.id })).statusCode).toBe(403);
    const twice = await admin.put(url, { version: created.version, memberId: taken.member_id });
    expect(twice.statusCode).toBe(409);
    expect(errorOf(twice)).toMatchObject({ code: 'USER_MEMBER_ALREADY_LINKED' });
    expect(errorOf(twice).message).toContain('“member”');
    const ok = await admin.put(url, { version: created.version, memberId: free.id });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ memberId: free.id, memberName: free.name, version: created.version + 1 });
    expect((await admin.put(url, { version: created.version, memberId: null })).statusCode).toBe(409);
    // The account's own pages now know the member.
    const me = (await (await t.login('link.test', 'Start2026x')).get('/api/v1/auth/me')).json();
    expect(me.user.memberId).toBe(free.id);
    const list = (await admin.get('/api/v1/users?q=link.test')).json().items[0];
    expect(list).toMatchObject({ memberId: free.id, memberName: free.name });
    const audit = await t.database.db.selectFrom('audit_log').select(['summary', 'before', 'after']).where('entity_type', '=', 'user').where('entity_id', '=', String(created.id)).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit.summary).toContain(free.name);
    expect(audit.after).toEqual({ memberId: free.id });
    expect((await admin.put(url, { version: created.version + 1, memberId: null })).json()).toMatchObject({ memberId: null });
  });
});

describe('accounts in bulk from a branch roster', () => {
  it('proposes pinyin usernames that no unit uses', () => {
    const taken = new Set(['zhangsan', 'zhangsan2']);
    expect(proposeUsername('zhangsan', 1, taken)).toBe('zhangsan3');
    expect(proposeUsername('lisi', 2, taken)).toBe('lisi');
    expect(proposeUsername('lisi', 3, taken)).toBe('lisi2');
    expect(proposeUsername('e', 42, taken)).toBe('edy42');
  });

  it('lists the members without an account, refuses a bad list whole, creates all with one-time passwords', async () => {
    const branch = await orgId('心血管内科党支部');
    expect((await t.anonymous().get(`/api/v1/users/bulk/candidates?orgId=${branch.id}`)).statusCode).toBe(401);
    expect((await (await t.login('secretary')).get(`/api/v1/users/bulk/candidates?orgId=${branch.id}`)).statusCode).toBe(403);
    const admin = await t.login('admin');
    expect((await admin.get('/api/v1/users/bulk/candidates?orgId=abc')).statusCode).toBe(400);
    const res = await admin.get(`/api/v1/users/bulk/candidates?orgId=${branch.id}`);
    expect(res.statusCode).toBe(200);
    const { items, withAccount } = res.json() as { items: { memberId: number; name: string; username: string; idNumber: string }[]; withAccount: number };
    const active = await t.database.db.selectFrom('members as m').innerJoin('orgs as o', 'o.id', 'm.org_id').select('m.id').where('o.path', 'like', `${branch.path}%`).where('m.status', '=', 'active').execute();
    expect(items.length + withAccount).toBe(active.length);
    expect(items.length).toBeGreaterThan(10);
    expect(new Set(items.map((i) => i.username)).size).toBe(items.length);
    expect(items.every((i) => /^\d{6}\*{8}[\dX]{4}$/.test(i.idNumber))).toBe(true);
    const existing = new Set((await t.database.db.selectFrom('users').select('username').execute()).map((u) => u.username));
    expect(items.some((i) => existing.has(i.username))).toBe(false);

    const chosen = items.slice(0, 5);
    const users = async () => Number((await t.database.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await users();
    const bad = await admin.post('/api/v1/users/bulk', { orgId: branch.id, accounts: chosen.map((c, i) => ({ memberId: c.memberId, username: i === 3 ? 'org' : i === 4 ? chosen[0]!.username : c.username })) });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).code).toBe('USERS_BULK_INVALID');
    expect(errorOf(bad).details).toEqual([
      { path: 'accounts[3].username', message: '用户名“org”已被使用（用户名在本平台所有单位中唯一，不区分大小写），请换一个，例如加上单位简称' },
      { path: 'accounts[4].username', message: `用户名“${chosen[0]!.username}”与列表第 1 行重复` },
    ]);
    expect(await users()).toBe(before);

    const ok = await admin.post('/api/v1/users/bulk', { orgId: branch.id, accounts: chosen.map((c) => ({ memberId: c.memberId, username: c.username })) });
    expect(ok.statusCode).toBe(201);
    expect(ok.headers['cache-control']).toBe('no-store');
    const body = ok.json() as { created: { userId: number; memberId: number; username: string; temporaryPassword: string }[]; workbookBase64: string };
    expect(body.created).toHaveLength(5);
    expect(await users()).toBe(before + 5);
    // Each signs in with the one-time password and must change it first.
    const first = body.created[0]!;
    const session = await t.login(first.username, first.temporaryPassword);
    const me = (await session.get('/api/v1/auth/me')).json().user;
    expect(me).toMatchObject({ memberId: first.memberId, mustChangePassword: true });
    // The list to hand out, as Excel.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(body.workbookBase64, 'base64') as unknown as ArrayBuffer);
    const cells = JSON.stringify(wb.worksheets[0]!.getSheetValues());
    for (const c of body.created) {
      expect(cells).toContain(c.username);
      expect(cells).toContain(c.temporaryPassword);
    }
    // Audited one by one, without the passwords.
    const audit = await t.database.db.selectFrom('audit_log').select(['summary', 'after']).where('entity_type', '=', 'user').where('summary', 'like', '从名册批量创建账号%').execute();
    expect(audit).toHaveLength(5);
    expect(JSON.stringify(audit)).not.toContain(first.temporaryPassword);
    // They are no longer offered; a second run for them is refused.
    const again = (await admin.get(`/api/v1/users/bulk/candidates?orgId=${branch.id}`)).json();
    expect(again.withAccount).toBe(withAccount + 5);
    const repeat = await admin.post('/api/v1/users/bulk', { orgId: branch.id, accounts: [{ memberId: first.memberId, username: 'another.name' }] });
    expect(errorOf(repeat).details?.[0]?.message).toContain(`已有账号“${first.username}”`);
    // Another unit's administrator learns nothing of this unit's branch or members.
    const county = await t.login('county.admin');
    const foreign = await county.get(`/api/v1/users/bulk/candidates?orgId=${branch.id}`);
    expect(foreign.statusCode).toBe(400);
    expect(foreign.body).not.toContain(chosen[0]!.name);
    expect((await county.post('/api/v1/users/bulk', { orgId: branch.id, accounts: [{ memberId: items[6]!.memberId, username: 'foreign.one' }] })).statusCode).toBe(400);
    const countyUser = (await county.get('/api/v1/users?pageSize=1')).json().items[0];
    expect((await county.put(`/api/v1/users/${countyUser.id}/member`, { version: countyUser.version, memberId: items[6]!.memberId })).statusCode).toBe(400);
    // A member of another branch cannot be slipped in.
    const outsider = await t.database.db.selectFrom('members as m').innerJoin('orgs as o', 'o.id', 'm.org_id').select('m.id').where('o.name', '=', '急诊科全科医学科党支部').orderBy('m.id', 'desc').executeTakeFirstOrThrow();
    const slipped = await admin.post('/api/v1/users/bulk', { orgId: branch.id, accounts: [{ memberId: outsider.id, username: 'slipped.in' }] });
    expect(errorOf(slipped).details?.[0]?.path).toBe('accounts[0].memberId');
  });
});
