import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp, errorOf } from '../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

interface MemberItem {
  id: number;
  name: string;
  idNumber: string;
  phone: string;
  orgName: string;
}

describe('GET /api/v1/members', () => {
  it('401 → 400 → 403 → 200', async () => {
    expect((await t.anonymous().get('/api/v1/members')).statusCode).toBe(401);
    const org = await t.login('org');
    const bad = await org.get('/api/v1/members?pageSize=5000');
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details).toEqual([{ path: 'query.pageSize', message: '不能大于 200' }]);
    const leader = await t.login('leader');
    expect((await leader.get('/api/v1/members')).statusCode).toBe(403);
    const res = await org.get('/api/v1/members?pageSize=50');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items).toHaveLength(50);
    expect(body.total).toBeGreaterThan(1000);
  });

  it('shows the organisation office full ID numbers and a branch secretary masked ones', async () => {
    const org = await t.login('org');
    const secretary = await t.login('secretary');
    const full = (await org.get(`/api/v1/members?q=${encodeURIComponent('急诊科')}&pageSize=5`)).json().items as MemberItem[];
    expect(full[0]!.idNumber).toMatch(/^\d{17}[\dX]$/);
    expect(full[0]!.phone).toMatch(/^1\d{10}$/);
    const masked = (await secretary.get('/api/v1/members?pageSize=5')).json().items as MemberItem[];
    expect(masked[0]!.idNumber).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    expect(masked[0]!.phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
  });

  it('limits a branch secretary to their branch and its party groups', async () => {
    const secretary = await t.login('secretary');
    const res = (await secretary.get('/api/v1/members?pageSize=200')).json();
    const expected = await t.database.db
      .selectFrom('members as m')
      .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'm.tenant_id').onRef('o.id', '=', 'm.org_id'))
      .select('m.id')
      .where('o.name', '=', '急诊科全科医学科党支部')
      .where('m.status', '=', 'active')
      .execute();
    expect(res.total).toBe(expected.length);
    expect(new Set(res.items.map((m: MemberItem) => m.orgName))).toEqual(new Set(['急诊科全科医学科党支部']));
  });

  it('filters by org subtree including party groups', async () => {
    const org = await t.login('org');
    const group = await t.database.db.selectFrom('orgs').select('id').where('name', '=', '重症监护室党小组').executeTakeFirstOrThrow();
    const res = (await org.get(`/api/v1/members?orgId=${group.id}&pageSize=200`)).json();
    const expected = await t.database.db.selectFrom('members').select('id').where('party_group_id', '=', group.id).where('status', '=', 'active').execute();
    expect(res.total).toBe(expected.length);
    expect(res.total).toBeGreaterThan(0);
  });

  it('exports the filtered list with masking applied', async () => {
    const secretary = await t.login('secretary');
    const res = await secretary.get('/api/v1/members/export');
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(4).value).toBe('公民身份号码');
    expect(String(sheet.getRow(2).getCell(4).value)).toMatch(/\*{8}/);
  });
});

describe('GET /api/v1/orgs/tree and dashboard', () => {
  it('gives the organisation office the whole tree and a member only their branch', async () => {
    const org = await t.login('org');
    const tree = (await org.get('/api/v1/orgs/tree')).json();
    expect(tree).toHaveLength(1);
    expect(tree[0].type).toBe('committee');
    expect(tree[0].children.map((c: { type: string }) => c.type)).toContain('general_branch');
    const member = await t.login('member');
    const own = (await member.get('/api/v1/orgs/tree')).json();
    expect(own).toHaveLength(1);
    expect(own[0].name).toBe('急诊科全科医学科党支部');
  });

  it('counts members by subtree consistently with the member list', async () => {
    const org = await t.login('org');
    const tree = (await org.get('/api/v1/orgs/tree')).json();
    const total = (await org.get('/api/v1/members?pageSize=1')).json().total;
    expect(tree[0].memberCount).toBe(total);
    const summary = (await org.get('/api/v1/dashboard/summary')).json();
    expect(summary.memberCount).toBe(total);
    expect(summary.fullCount + summary.probationaryCount).toBe(total);
    expect(summary.orgCounts.general_branch).toBe(3);
    expect(summary.education.reduce((s: number, e: { value: number }) => s + e.value, 0)).toBe(total);
  });

  it('denies a member the dashboard', async () => {
    const member = await t.login('member');
    expect((await member.get('/api/v1/dashboard/summary')).statusCode).toBe(403);
  });
});
