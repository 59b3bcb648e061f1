/**
 * The operator's commission page: 401 → 400 → 403 → success per route, on a real database. The
 * demo hospital is the operating unit (the first created); the county hospital's administrator is
 * a unit's administrator, not the operator's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, createTestApp, errorOf } from '../../test/harness.js';

let t: TestApp;
let admin: Client;
let countyAdmin: Client;
let org: Client;
let countyId: number;

const BASE = '/api/v1/commission-admin/commissions';
type Commission = { id: number; code: string; name: string; kind: string; officeName: string; version: number; units: Array<{ tenantId: number; code: string; name: string; joinedOn: string }>; accounts: Array<{ id: number; username: string; active: boolean; mustChangePassword: boolean }> };

beforeAll(async () => {
  t = await createTestApp();
  countyId = (await t.database.db.selectFrom('tenants').select('id').where('code', '=', 'county').executeTakeFirstOrThrow()).id;
  admin = await t.login('admin');
  countyAdmin = await t.login('county.admin');
  org = await t.login('org');
}, 120_000);
afterAll(() => t.close());

async function officeNameOf(id: number) {
  return (await t.database.db.selectFrom('commissions as c').innerJoin('tenants as t', 't.id', 'c.office_tenant_id').select('t.name').where('c.id', '=', id).executeTakeFirstOrThrow()).name;
}

async function auditOf(entityType: string) {
  return t.database.db.selectFrom('audit_log').select(['action', 'summary', 'username']).where('entity_type', '=', entityType).orderBy('id').execute();
}

describe('who may keep commissions', () => {
  it('tells the operating unit’s administrator so (me), and no one else', async () => {
    expect((await admin.get('/api/v1/auth/me')).json().tenant.operator).toBe(true);
    expect((await countyAdmin.get('/api/v1/auth/me')).json().tenant.operator).toBe(false);
  });

  it('refuses without a session (401), another unit’s administrator (403 OPERATOR_ONLY) and a role without accounts (403)', async () => {
    expect((await t.anonymous().get(BASE)).statusCode).toBe(401);
    const refused = await countyAdmin.get(BASE);
    expect(refused.statusCode).toBe(403);
    expect(errorOf(refused).code).toBe('OPERATOR_ONLY');
    const created = await countyAdmin.post(BASE, { code: 'county-wjw', name: '县卫健委', kind: 'health' });
    expect(created.statusCode).toBe(403);
    expect((await org.get(BASE)).statusCode).toBe(403);
    expect(errorOf(await org.post(BASE, { code: 'org-wjw', name: '组织部卫健委', kind: 'health' })).code).toBe('FORBIDDEN');
    expect(await auditOf('commission')).toEqual([]);
  });
});

describe('commissions, their units and accounts', () => {
  let c: Commission;

  it('creates a commission with its office; bad input and a duplicate name or code are 400s naming the field', async () => {
    const bad = await admin.post(BASE, { code: 'Bad Code', name: '', kind: 'city' });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details?.map((d) => d.path).sort()).toEqual(['body.code', 'body.kind', 'body.name']);

    const res = await admin.post(BASE, { code: 'sx-jwgw', name: '省委教育工委', kind: 'education' });
    expect(res.statusCode).toBe(201);
    c = res.json();
    expect(c).toMatchObject({ code: 'sx-jwgw', name: '省委教育工委', kind: 'education', version: 1, units: [], accounts: [] });
    const office = await t.database.db.selectFrom('commissions as c').innerJoin('tenants as t', 't.id', 'c.office_tenant_id').select(['t.code', 't.name']).where('c.id', '=', c.id).executeTakeFirstOrThrow();
    expect(office).toEqual({ code: 'sx-jwgw', name: '省委教育工委机关' });

    const sameName = await admin.post(BASE, { code: 'sx-jwgw2', name: '省委教育工委', kind: 'education' });
    expect(sameName.statusCode).toBe(400);
    expect(errorOf(sameName)).toMatchObject({ code: 'COMMISSION_NAME_TAKEN', message: '已有名为“省委教育工委”的委员会，请换一个名称', details: [{ path: 'body.name' }] });
    // A unit's code names a tenant too: an office may not take it.
    const unitCode = await admin.post(BASE, { code: 'county', name: '县委教育工委', kind: 'education' });
    expect(unitCode.statusCode).toBe(400);
    expect(errorOf(unitCode)).toMatchObject({ code: 'COMMISSION_CODE_TAKEN', details: [{ path: 'body.code' }] });

    const list = (await admin.get(BASE)).json() as { items: Commission[]; units: Array<{ code: string }> };
    expect(list.items.map((x) => x.name)).toContain('省委教育工委');
    // The units that may join: units, not offices.
    expect(list.units.map((u) => u.code)).toEqual(expect.arrayContaining(['demo', 'county']));
    expect(list.units.map((u) => u.code)).not.toContain('sx-jwgw');
    expect((await auditOf('commission')).map((a) => a.summary)).toEqual(['创建委员会 省委教育工委']);
  });

  it('renames (409 on a stale version, 404 when unknown, 400 on a taken name)', async () => {
    await admin.post(BASE, { code: 'sx-wjw', name: '省卫健委', kind: 'health' });
    const renamed = await admin.patch(`${BASE}/${c.id}`, { version: 1, name: '省委教育工作委员会' });
    expect(renamed.statusCode).toBe(200);
    // The office bore the name made from the commission's: it follows.
    expect(renamed.json()).toMatchObject({ name: '省委教育工作委员会', officeName: '省委教育工作委员会机关', version: 2 });
    expect(await officeNameOf(c.id)).toBe('省委教育工作委员会机关');
    const stale = await admin.patch(`${BASE}/${c.id}`, { version: 1, name: '旧版本' });
    expect(stale.statusCode).toBe(409);
    expect(errorOf(stale).code).toBe('VERSION_CONFLICT');
    // One transaction: a refused rename leaves the office's name as it was.
    expect(await officeNameOf(c.id)).toBe('省委教育工作委员会机关');
    expect(errorOf(await admin.patch(`${BASE}/${c.id}`, { version: 2, name: '省卫健委' })).code).toBe('COMMISSION_NAME_TAKEN');
    const unknown = await admin.patch(`${BASE}/999999`, { version: 1, name: '无' });
    expect(unknown.statusCode).toBe(404);
    expect(errorOf(unknown).code).toBe('COMMISSION_NOT_FOUND');
    expect((await countyAdmin.patch(`${BASE}/${c.id}`, { version: 2, name: '县改名' })).statusCode).toBe(403);
    const audit = await t.database.db.selectFrom('audit_log').select(['before', 'after']).where('entity_type', '=', 'commission').where('action', '=', 'update').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ before: { name: '省委教育工委', officeName: '省委教育工委机关' }, after: { name: '省委教育工作委员会', officeName: '省委教育工作委员会机关' } });
  });

  it('keeps an office named otherwise when the commission is renamed, and renames it when a name is given', async () => {
    const own = (await admin.post(BASE, { code: 'sz-wjw', name: '市卫健委', kind: 'health', officeName: '市卫生健康委员会办公室' })).json() as Commission;
    expect(own.officeName).toBe('市卫生健康委员会办公室');
    const kept = (await admin.patch(`${BASE}/${own.id}`, { version: 1, name: '市卫生健康委员会' })).json() as Commission;
    expect(kept).toMatchObject({ name: '市卫生健康委员会', officeName: '市卫生健康委员会办公室' });
    const given = (await admin.patch(`${BASE}/${own.id}`, { version: 2, name: '市卫生健康委员会', officeName: '市卫健委机关党委' })).json() as Commission;
    expect(given).toMatchObject({ officeName: '市卫健委机关党委', version: 3 });
    expect(await officeNameOf(own.id)).toBe('市卫健委机关党委');
  });

  it('attaches a unit by its code and detaches it; an unknown code, an office or a unit already attached are 400s', async () => {
    const attached = await admin.post(`${BASE}/${c.id}/units`, { unitCode: 'county', joinedOn: '2026-01-01' });
    expect(attached.statusCode).toBe(200);
    expect(attached.json().units).toEqual([{ tenantId: countyId, code: 'county', name: expect.any(String), joinedOn: '2026-01-01' }]);
    const again = await admin.post(`${BASE}/${c.id}/units`, { unitCode: 'county' });
    expect(again.statusCode).toBe(400);
    expect(errorOf(again)).toMatchObject({ code: 'COMMISSION_UNIT_ATTACHED', details: [{ path: 'body.unitCode' }] });
    const unknown = await admin.post(`${BASE}/${c.id}/units`, { unitCode: 'nowhere' });
    expect(unknown.statusCode).toBe(400);
    expect(errorOf(unknown)).toMatchObject({ code: 'COMMISSION_UNIT_CODE_UNKNOWN', message: '本平台没有代码为“nowhere”的单位' });
    expect(errorOf(await admin.post(`${BASE}/${c.id}/units`, { unitCode: 'sx-wjw' })).code).toBe('COMMISSION_UNIT_CODE_UNKNOWN');
    expect((await admin.post(`${BASE}/${c.id}/units`, { unitCode: 'demo', joinedOn: '2026-02-30' })).statusCode).toBe(400);
    expect((await admin.post(`${BASE}/999999/units`, { unitCode: 'demo' })).statusCode).toBe(404);
    expect((await admin.post(`${BASE}/${c.id}/units`, { unitCode: 'demo' })).json().units.map((u: { code: string }) => u.code)).toEqual(['county', 'demo']);

    expect((await countyAdmin.delete(`${BASE}/${c.id}/units/${countyId}`)).statusCode).toBe(403);
    expect((await admin.delete(`${BASE}/${c.id}/units/${countyId}`)).statusCode).toBe(204);
    const gone = await admin.delete(`${BASE}/${c.id}/units/${countyId}`);
    expect(gone.statusCode).toBe(404);
    expect(errorOf(gone).code).toBe('COMMISSION_UNIT_NOT_ATTACHED');
    expect((await admin.post(`${BASE}/${c.id}/units`, { unitCode: 'county' })).statusCode).toBe(200);
    expect((await auditOf('commission_unit')).map((a) => a.action)).toEqual(['create', 'create', 'delete', 'create']);
  });

  it('creates an account that must change its password and reads only its commission; resets it', async () => {
    const weak = await admin.post(`${BASE}/${c.id}/accounts`, { username: 'sx.jwgw', name: '教育工委', password: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(errorOf(weak)).toMatchObject({ code: 'PASSWORD_TOO_SHORT', details: [{ path: 'body.password', message: '密码至少 8 位' }] });
    const taken = await admin.post(`${BASE}/${c.id}/accounts`, { username: 'County.Admin', name: '重名', password: 'Kaiyuan-2026' });
    expect(taken.statusCode).toBe(409);
    expect(errorOf(taken).code).toBe('USERNAME_TAKEN');
    expect((await admin.post(`${BASE}/999999/accounts`, { username: 'sx.none', name: '无', password: 'Kaiyuan-2026' })).statusCode).toBe(404);
    expect((await countyAdmin.post(`${BASE}/${c.id}/accounts`, { username: 'sx.county', name: '县', password: 'Kaiyuan-2026' })).statusCode).toBe(403);

    const res = await admin.post(`${BASE}/${c.id}/accounts`, { username: 'sx.jwgw', name: '教育工委', password: 'Kaiyuan-2026' });
    expect(res.statusCode).toBe(201);
    const account = (res.json() as Commission).accounts[0]!;
    expect(account).toMatchObject({ username: 'sx.jwgw', mustChangePassword: true });
    const role = await t.database.db.selectFrom('user_roles').select('role').where('user_id', '=', account.id).execute();
    expect(role).toEqual([{ role: 'commission' }]);

    // The account signs in, must change its password first, then reads its units.
    const jwgw = await t.login('sx.jwgw', 'Kaiyuan-2026');
    expect((await jwgw.get('/api/v1/auth/me')).json().user.mustChangePassword).toBe(true);
    expect((await jwgw.post('/api/v1/auth/password', { currentPassword: 'Kaiyuan-2026', newPassword: 'Jiaoyu#2027x' })).statusCode).toBeLessThan(300);
    const overview = await (await t.login('sx.jwgw', 'Jiaoyu#2027x')).get('/api/v1/commission/overview');
    expect(overview.statusCode).toBe(200);
    expect(overview.json().commission.name).toBe('省委教育工作委员会');
    expect(overview.json().units.map((u: { code: string }) => u.code)).toEqual(['demo', 'county']);
    // A commission account is no operator.
    expect(errorOf(await jwgw.get(BASE)).code).toBe('COMMISSION_ONLY');

    const reset = await admin.post(`${BASE}/${c.id}/accounts/${account.id}/reset-password`);
    expect(reset.statusCode).toBe(200);
    const temporary = reset.json().temporaryPassword as string;
    expect((await t.login('sx.jwgw', temporary).then((x) => x.get('/api/v1/auth/me'))).json().user.mustChangePassword).toBe(true);
    const other = await admin.get(BASE).then((r) => (r.json() as { items: Commission[] }).items.find((x) => x.code === 'sx-wjw')!);
    // Another commission's route does not reach this commission's account.
    expect((await admin.post(`${BASE}/${other.id}/accounts/${account.id}/reset-password`)).statusCode).toBe(404);
    expect((await countyAdmin.post(`${BASE}/${c.id}/accounts/${account.id}/reset-password`)).statusCode).toBe(403);
    expect((await auditOf('commission_account')).map((a) => a.action)).toEqual(['create', 'password_reset']);
  });

  it('disables an account (its sessions end, it cannot sign in) and enables it again', async () => {
    const account = (await admin.get(BASE).then((r) => (r.json() as { items: Commission[] }).items.find((x) => x.id === c.id)!)).accounts[0]!;
    const reset = (await admin.post(`${BASE}/${c.id}/accounts/${account.id}/reset-password`)).json().temporaryPassword as string;
    const session = await t.login('sx.jwgw', reset);
    expect((await session.get('/api/v1/auth/me')).statusCode).toBe(200);

    const disabled = await admin.patch(`${BASE}/${c.id}/accounts/${account.id}`, { active: false });
    expect(disabled.statusCode).toBe(200);
    expect((disabled.json() as Commission).accounts[0]).toMatchObject({ username: 'sx.jwgw', active: false });
    expect((await session.get('/api/v1/auth/me')).statusCode).toBe(401);
    const refused = await t.anonymous().post('/api/v1/auth/login', { username: 'sx.jwgw', password: reset });
    expect(refused.statusCode).toBe(401);

    expect((await admin.patch(`${BASE}/${c.id}/accounts/${account.id}`, { active: 'no' })).statusCode).toBe(400);
    expect((await countyAdmin.patch(`${BASE}/${c.id}/accounts/${account.id}`, { active: true })).statusCode).toBe(403);
    const other = await admin.get(BASE).then((r) => (r.json() as { items: Commission[] }).items.find((x) => x.code === 'sx-wjw')!);
    expect(errorOf(await admin.patch(`${BASE}/${other.id}/accounts/${account.id}`, { active: true })).code).toBe('COMMISSION_ACCOUNT_NOT_FOUND');

    expect((await admin.patch(`${BASE}/${c.id}/accounts/${account.id}`, { active: true })).json().accounts[0].active).toBe(true);
    expect((await (await t.login('sx.jwgw', reset)).get('/api/v1/auth/me')).statusCode).toBe(200);
    const audit = await auditOf('commission_account');
    expect(audit.map((a) => a.summary).slice(-2)).toEqual(['省委教育工作委员会 停用账号 sx.jwgw', '省委教育工作委员会 启用账号 sx.jwgw']);
  });

  it('deletes only an empty commission, with its office; the code is free again', async () => {
    const full = await admin.delete(`${BASE}/${c.id}?version=2`);
    expect(full.statusCode).toBe(409);
    // The refusal names what remains: the units and the accounts.
    const [demoName, countyName] = await Promise.all(['demo', 'county'].map(async (code) => (await t.database.db.selectFrom('tenants').select('name').where('code', '=', code).executeTakeFirstOrThrow()).name));
    expect(errorOf(full)).toMatchObject({ code: 'COMMISSION_NOT_EMPTY', message: `该委员会还有 2 个所属单位（${demoName}、${countyName}）、1 个账号（sx.jwgw），不能删除：请先移出所属单位；开过账号的委员会保留其记录（账号的登录和操作记在其机关），请停用其账号` });
    expect(await t.database.db.selectFrom('commissions').select('id').where('id', '=', c.id).executeTakeFirst()).toBeDefined();

    const empty = (await admin.post(BASE, { code: 'tmp-wjw', name: '误建卫健委', kind: 'health' })).json() as Commission;
    expect((await countyAdmin.delete(`${BASE}/${empty.id}?version=1`)).statusCode).toBe(403);
    expect(errorOf(await admin.delete(`${BASE}/${empty.id}?version=7`)).code).toBe('VERSION_CONFLICT');
    expect((await admin.delete(`${BASE}/${empty.id}`)).statusCode).toBe(400);
    expect((await admin.delete(`${BASE}/${empty.id}?version=1`)).statusCode).toBe(204);
    expect(errorOf(await admin.delete(`${BASE}/${empty.id}?version=1`)).code).toBe('COMMISSION_NOT_FOUND');
    expect(await t.database.db.selectFrom('tenants').select('id').where('code', '=', 'tmp-wjw').executeTakeFirst()).toBeUndefined();
    expect((await admin.post(BASE, { code: 'tmp-wjw', name: '误建卫健委', kind: 'health' })).statusCode).toBe(201);
    expect((await auditOf('commission')).filter((a) => a.action === 'delete').map((a) => a.summary)).toEqual(['删除委员会 误建卫健委']);
  });

  it('says it in the caller’s language', async () => {
    expect((await admin.put('/api/v1/auth/language', { language: 'en-US' })).statusCode).toBe(200);
    try {
      expect(errorOf(await admin.post(BASE, { code: 'sx-jwgw3', name: '省卫健委', kind: 'health' })).message).toBe('A commission named "省卫健委" already exists; choose another name');
      expect(errorOf(await admin.post(`${BASE}/${c.id}/units`, { unitCode: 'nowhere' })).message).toBe('There is no unit with the code "nowhere" on this platform');
      expect(errorOf(await admin.post(`${BASE}/${c.id}/units`, { unitCode: 'county' })).message).toMatch(/already belongs to 省委教育工作委员会$/);
      const full = (await admin.get(BASE)).json().items.find((x: Commission) => x.id === c.id) as Commission;
      expect(errorOf(await admin.delete(`${BASE}/${c.id}?version=${full.version}`)).message).toMatch(/^This commission still has 2 unit\(s\) \(.+, .+\) and 1 account\(s\) \(sx\.jwgw\) and cannot be deleted/);
    } finally {
      await admin.put('/api/v1/auth/language', { language: 'zh-CN' });
    }
  });
});
