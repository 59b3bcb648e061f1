import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, createTestApp, errorOf } from '../../test/harness.js';
import { nameColumns } from './pinyin.js';
import { fillNameColumns } from './repository-roster.js';
import { idFor } from './testRoster.js';
import { idNumberColumns } from '../../db/sealed.js';
import { workbookOf } from '../../test/workbook.js';

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
    const workbook = await workbookOf(res);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(4).value).toBe('公民身份号码');
    expect(String(sheet.getRow(2).getCell(4).value)).toMatch(/\*{8}/);
  });
});

describe('name order (sort=name)', () => {
  // The roster order: 安 an, 白 bai, 陈 chen, 邓 deng, 李 li, 林 lin, 万 wan, 王 wang, then 张/章 (both
  // zhang1: by character, then by id for the same name). Code points put 万 first and 陈 after
  // 邓; joined toneless pinyin puts 林安 'linan' before 李宁 'lining' and 王安 'wangan' before
  // 万里 'wanli'.
  const ROSTER = ['安娜', '白雪', '陈晨', '邓刚', '李宁', '林安', '万里', '王安', '张伟', '张伟', '章伟'];
  let branch: number;
  let org: Client;

  /** Every page of the branch's list, pageSize 3, in the given order. */
  async function walk(order: 'asc' | 'desc') {
    const out: { id: number; name: string }[] = [];
    for (let page = 1; ; page++) {
      const res = (await org.get(`/api/v1/members?orgId=${branch}&sort=name&order=${order}&page=${page}&pageSize=3`)).json();
      expect(res.total).toBe(ROSTER.length);
      out.push(...res.items.map((m: MemberItem) => ({ id: m.id, name: m.name })));
      if (res.items.length < 3) return out;
    }
  }

  beforeAll(async () => {
    org = await t.login('org');
    const general = await t.database.db.selectFrom('orgs').select('id').where('type', '=', 'general_branch').orderBy('id').executeTakeFirstOrThrow();
    const created = await org.post('/api/v1/orgs', { parentId: general.id, type: 'branch', name: '姓名排序测试党支部' });
    expect(created.statusCode).toBe(201);
    branch = created.json().id;
    // Added out of order, so that neither insertion order nor ids give the answer.
    const order = [10, 6, 2, 8, 0, 4, 9, 1, 7, 3, 5];
    for (const [n, i] of order.entries()) {
      const res = await org.post('/api/v1/members', { name: ROSTER[i], idNumber: idFor('1985-03-04', 101 + n * 2), category: 'full', orgId: branch, joinedOn: '2010-07-01', fullOn: '2011-07-01' });
      expect(res.statusCode).toBe(201);
    }
  });

  it('orders by pinyin as a Chinese roster does, ascending and descending, with stable pages', async () => {
    const asc = await walk('asc');
    expect(asc.map((m) => m.name)).toEqual(ROSTER);
    const twins = asc.filter((m) => m.name === '张伟').map((m) => m.id);
    expect(twins[0]).toBeLessThan(twins[1]!);
    const desc = await walk('desc');
    expect(desc).toEqual([...asc].reverse());
    expect(new Set(asc.map((m) => m.id)).size).toBe(ROSTER.length);
  });

  it('moves a renamed member to the new name’s place', async () => {
    const bai = (await walk('asc')).find((m) => m.name === '白雪')!;
    const { version } = (await org.get(`/api/v1/members/${bai.id}`)).json();
    expect((await org.patch(`/api/v1/members/${bai.id}`, { version, name: '赵雪' })).statusCode).toBe(200);
    const names = (await walk('asc')).map((m) => m.name);
    expect(names.at(-1)).toBe('赵雪');
    expect(names.slice(0, 2)).toEqual(['安娜', '陈晨']);
  });

  it('refuses a member without a sort key, and fills the rows written before the key existed', async () => {
    const db = t.database.db;
    const sample = await db.selectFrom('members').select(['tenant_id', 'org_id']).where('org_id', '=', branch).executeTakeFirstOrThrow();
    const sealed = idNumberColumns(idFor('1990-01-01', 2));
    const bare = sql`insert into members (tenant_id, name, gender, id_number_enc, id_number_hash, id_number_tail, category, org_id)
      values (${sample.tenant_id}, '欧阳娜', 'female', ${sealed.id_number_enc}, ${sealed.id_number_hash}, ${sealed.id_number_tail}, 'full', ${sample.org_id})`;
    await expect(bare.execute(db)).rejects.toThrow(/members_name_sort_filled/);
    // As right after the migration: rows from before it have empty name columns.
    await sql`alter table members drop constraint members_name_sort_filled`.execute(db);
    await sql`update members set name_pinyin = '', name_initials = '', name_sort = '' where org_id = ${branch}`.execute(db);
    await sql`alter table members add constraint members_name_sort_filled check (name_sort <> '' or name = '') not valid`.execute(db);
    expect(await fillNameColumns(db)).toBe(ROSTER.length);
    const rows = await db.selectFrom('members').select(['name', 'name_pinyin', 'name_initials', 'name_sort']).where('org_id', '=', branch).execute();
    for (const r of rows) expect(r).toEqual({ name: r.name, ...nameColumns(r.name) });
    expect(await fillNameColumns(db)).toBe(0);
    expect((await walk('asc')).map((m) => m.name).slice(0, 3)).toEqual(['安娜', '陈晨', '邓刚']);
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
