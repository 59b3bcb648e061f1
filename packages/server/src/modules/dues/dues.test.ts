/**
 * Dues over HTTP on a migrated empty database: each test builds a small unit of its own
 * (test/fixtures/dues.ts) and the rows it needs, so no test depends on another or on the demo
 * (dues-demo.test.ts keeps a smoke test on the demo hospital).
 */
import { duesArrears } from '@hongyi/core';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, createUnit, signIn } from '../../test/fixture.js';
import { type DuesWorld, closeMonth, dueEntries, duesWorld, pay, postSheet, setBase, sheetFile } from '../../test/fixtures/dues.js';
import { type Client, type TestApp, createTestApp, errorOf } from '../../test/harness.js';
import { monthSums } from './repository.js';

let t: TestApp;
let worlds = 0;
/** A unit of the test's own. */
const world = () => duesWorld(t, `dues${++worlds}`);

beforeAll(async () => {
  t = await createTestApp({ empty: true });
});
afterAll(() => t?.close());

/** Org ids grow with each test's unit, and paths compare as text ('/1/10/' < '/1/9/'): compare rows of several orgs in id order. */
const byId = (a: { id: number }, b: { id: number }) => a.id - b.id;
const byFirst = (a: number[], b: number[]) => a[0]! - b[0]!;

async function workbook(payload: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(payload as unknown as ArrayBuffer);
  return wb.worksheets[0]!;
}

describe('POST /api/v1/dues/preview', () => {
  let w: DuesWorld;
  beforeAll(async () => {
    w = await world();
  });

  it('401 → 400 → 403 → 200', async () => {
    expect((await t.anonymous().post('/api/v1/dues/preview', { category: 'employed', baseCents: 1 })).statusCode).toBe(401);
    const bad = await w.office.post('/api/v1/dues/preview', { category: 'employed', baseCents: -1 });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).code).toBe('DUES_BASE_NEGATIVE');
    expect(errorOf(bad).details).toEqual([{ path: 'body.baseCents', message: '缴费基数不能为负数（-1 分）' }]);
    expect((await w.leader.post('/api/v1/dues/preview', { category: 'employed', baseCents: 1 })).statusCode).toBe(403);
    expect((await w.office.post('/api/v1/dues/preview', { category: 'employed', baseCents: 300000 })).json()).toEqual({ rateBasisPoints: 50, monthlyCents: 1500 });
  });

  // 党费规定: ≤3000元 0.5%; 3000–5000 1%; 5000–10000 1.5%; >10000 2%; inclusive at the top; half-up.
  it.each([
    ['employed', 0, 50, 0],
    ['employed', 299_999, 50, 1500],
    ['employed', 300_000, 50, 1500],
    ['employed', 300_001, 100, 3000],
    ['employed', 500_000, 100, 5000],
    ['employed', 500_001, 150, 7500],
    ['employed', 1_000_000, 150, 15_000],
    ['employed', 1_000_001, 200, 20_000],
    ['employed', 333_333, 100, 3333],
    ['retired', 500_000, 50, 2500],
    ['retired', 500_001, 100, 5000],
  ])('%s base %i 分 → %i bp, %i 分', async (category, baseCents, rate, monthly) => {
    const res = await w.secretary.post('/api/v1/dues/preview', { category, baseCents });
    expect(res.json()).toEqual({ rateBasisPoints: rate, monthlyCents: monthly });
  });

  it('fixed categories pay 0.2元 whatever the base; farmers choose 20–100 分', async () => {
    for (const category of ['student', 'unemployed', 'low_income']) {
      expect((await w.office.post('/api/v1/dues/preview', { category, baseCents: 999_999 })).json()).toEqual({ rateBasisPoints: null, monthlyCents: 20 });
    }
    expect((await w.office.post('/api/v1/dues/preview', { category: 'farmer', baseCents: 0, farmerMonthlyCents: 20 })).json().monthlyCents).toBe(20);
    expect((await w.office.post('/api/v1/dues/preview', { category: 'farmer', baseCents: 0, farmerMonthlyCents: 100 })).json().monthlyCents).toBe(100);
    for (const amount of [19, 101]) {
      const res = await w.office.post('/api/v1/dues/preview', { category: 'farmer', baseCents: 0, farmerMonthlyCents: amount });
      expect(res.statusCode).toBe(400);
      expect(errorOf(res).code).toBe('DUES_FARMER_AMOUNT_OUT_OF_RANGE');
      expect(errorOf(res).details?.[0]?.path).toBe('body.farmerMonthlyCents');
    }
  });

  it('rejects absurd and fractional bases', async () => {
    expect(errorOf(await w.office.post('/api/v1/dues/preview', { category: 'employed', baseCents: 100_000_001 })).code).toBe('DUES_BASE_TOO_LARGE');
    expect(errorOf(await w.office.post('/api/v1/dues/preview', { category: 'employed', baseCents: 12.5 })).code).toBe('DUES_BASE_NOT_INTEGER');
  });
});

describe('yearly bases', () => {
  it('sets a base with who and when, guards versions (409) and scope (403)', async () => {
    const w = await world();
    const m = await w.member();
    const res = await w.secretary.post('/api/v1/dues/bases', { memberId: m.id, memberVersion: m.version, year: 2026, category: 'employed', baseCents: 650_000 });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ monthlyCents: 9750, rateBasisPoints: 150, memberVersion: m.version + 1 });
    const stale = await w.office.post('/api/v1/dues/bases', { memberId: m.id, memberVersion: m.version, year: 2026, category: 'retired', baseCents: 400_000 });
    expect(stale.statusCode).toBe(409);
    const row = await t.database.db.selectFrom('dues_bases').selectAll().where('member_id', '=', m.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ set_by_name: w.secretaryName, source: 'manual', base_cents: 650_000, monthly_cents: 9750 });
    const audit = await t.database.db.selectFrom('audit_log').select('summary').where('entity_type', '=', 'dues_base').where('entity_id', '=', String(row.id)).execute();
    expect(audit).toEqual([{ summary: `核定党费基数 ${m.name} 2026年` }]);

    const elsewhere = await w.member({ orgId: w.otherBranchId });
    const out = await w.secretary.post('/api/v1/dues/bases', { memberId: elsewhere.id, memberVersion: elsewhere.version, year: 2026, category: 'employed', baseCents: 1 });
    expect(out.statusCode).toBe(403);
    expect((await w.inspector.post('/api/v1/dues/bases', { memberId: m.id, memberVersion: m.version + 1, year: 2026, category: 'employed', baseCents: 1 })).statusCode).toBe(403);
    const bad = await w.office.post('/api/v1/dues/bases', { memberId: m.id, memberVersion: m.version + 1, year: 2026, category: 'employed', baseCents: -5 });
    expect(errorOf(bad).code).toBe('DUES_BASE_NEGATIVE');
    expect((await w.office.post('/api/v1/dues/bases', { memberId: 999_999, memberVersion: 1, year: 2026, category: 'employed', baseCents: 1 })).statusCode).toBe(404);
  });

  it('lists bases within scope, filters set / carried / missing, and exports them', async () => {
    const w = await world();
    const set = await w.member();
    const carried = await w.member();
    const missing = await w.member();
    const elsewhere = await w.member({ orgId: w.otherBranchId });
    await setBase(w.office, set, 2026, 400_000);
    await setBase(w.office, carried, 2025, 200_000);
    await setBase(w.office, elsewhere, 2026, 400_000);
    expect((await t.anonymous().get('/api/v1/dues/bases?year=2026')).statusCode).toBe(401);
    expect((await w.office.get('/api/v1/dues/bases?year=1800')).statusCode).toBe(400);
    expect((await w.leader.get('/api/v1/dues/bases?year=2026')).statusCode).toBe(403);

    const ids = async (client: Client, query: string) => ((await client.get(`/api/v1/dues/bases?${query}`)).json().items as { id: number }[]).map((x) => x.id);
    expect(await ids(w.secretary, 'year=2026')).toEqual([set.id, carried.id, missing.id]);
    expect((await ids(w.office, 'year=2026')).sort()).toEqual([set.id, carried.id, missing.id, elsewhere.id].sort());
    expect(await ids(w.office, `year=2026&status=set&orgId=${w.branchId}`)).toEqual([set.id]);
    expect(await ids(w.office, `year=2026&status=carried&orgId=${w.branchId}`)).toEqual([carried.id]);
    expect(await ids(w.office, `year=2026&status=missing&orgId=${w.branchId}`)).toEqual([missing.id]);
    expect(await ids(w.secretary, `year=2026&q=${encodeURIComponent(set.name)}`)).toEqual([set.id]);
    expect((await w.secretary.get(`/api/v1/dues/bases?orgId=${w.otherBranchId}`)).statusCode).toBe(403);
    const row = (await w.secretary.get('/api/v1/dues/bases?year=2026')).json().items.find((x: { id: number }) => x.id === carried.id);
    expect(row).toMatchObject({ baseYear: 2025, baseCents: 200_000, rateBasisPoints: 50, monthlyCents: 1000, source: 'manual', setBy: `${w.unit.code}组织部` });

    const xlsx = await w.secretary.get('/api/v1/dues/bases/export?year=2026');
    const sheet = await workbook(xlsx.rawPayload);
    expect(sheet.getRow(1).getCell(6).value).toBe('党费计算基数（元）');
    expect(sheet.rowCount).toBe(4);
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual([1, set.name, '急诊科党支部', '在职', 2026, 4000, '1.0%', 40, `${w.unit.code}组织部`]);
  });

  it('tells a member with no base that none is set and who sets it; the office and the branch see how many lack one', async () => {
    const w = await world();
    const m = await w.member();
    const student = await w.member();
    const withBase = await w.member();
    const elsewhere = await w.member({ orgId: w.otherBranchId });
    await setBase(w.secretary, student, 2026, 0, 'student');
    await setBase(w.secretary, withBase, 2026, 500_000);

    const mine = (await (await w.memberAccount(m)).get('/api/v1/dues/my')).json();
    expect(mine.months).toEqual([]);
    expect(mine.base).toEqual({ year: 2026, needed: true, missing: true, setters: [w.secretaryName] });
    // A fixed-amount category needs no base; a member with one has none missing.
    expect((await w.secretary.get(`/api/v1/dues/members/${student.id}`)).json().base).toMatchObject({ needed: false, missing: false });
    expect((await (await w.memberAccount(withBase)).get('/api/v1/dues/my')).json().base).toMatchObject({ needed: true, missing: false, setters: [] });
    // Outside any secretary's branch, the page names the organisation office alone.
    expect((await (await w.memberAccount(elsewhere)).get('/api/v1/dues/my')).json().base.setters).toEqual([]);

    expect((await t.anonymous().get('/api/v1/dues/bases/summary')).statusCode).toBe(401);
    expect((await w.office.get('/api/v1/dues/bases/summary?year=1800')).statusCode).toBe(400);
    expect((await w.leader.get('/api/v1/dues/bases/summary')).statusCode).toBe(403);
    expect((await w.secretary.get('/api/v1/dues/bases/summary')).json()).toEqual({ year: 2026, members: 3, set: 2, carried: 0, missing: 1 });
    expect((await w.office.get('/api/v1/dues/bases/summary')).json()).toEqual({ year: 2026, members: 4, set: 2, carried: 0, missing: 2 });
    expect((await w.office.get('/api/v1/dues/bases/summary?year=2027')).json()).toEqual({ year: 2027, members: 4, set: 0, carried: 2, missing: 2 });
    expect((await w.office.get(`/api/v1/dues/bases/summary?orgId=${w.branchId}`)).json()).toEqual((await w.secretary.get('/api/v1/dues/bases/summary')).json());
    expect((await w.secretary.get(`/api/v1/dues/bases/summary?orgId=${w.otherBranchId}`)).statusCode).toBe(403);
    // The secretary may name the 党委 above their branch: their branch is what they see of it.
    expect((await w.secretary.get(`/api/v1/dues/bases/summary?orgId=${w.unit.rootOrgId}`)).json().members).toBe(3);
    const missingList = (await w.secretary.get('/api/v1/dues/bases?status=missing')).json();
    expect(missingList.items.map((x: { id: number }) => x.id)).toEqual([m.id]);
  });
});

describe('payroll import', () => {
  const headers = ['序号', '姓名', '岗位工资', '薪级工资', '基础性绩效工资', '养老保险', '住房公积金', '所得税'];
  const payroll = (rows: (string | number)[][], heads = headers) => sheetFile('2026年1月工资表（党费核定用）', heads, rows);

  it('previews each row’s base, rate and monthly dues, then commits in one transaction', async () => {
    const w = await world();
    const a = await w.member();
    const b = await w.member();
    await setBase(w.secretary, b, 2025, 200_000);
    const file = await payroll([
      [1, a.name, 3000, 1500.5, 2000, 800, 900, 120.5],
      [2, b.name, 2000, 500, 600, 300, 400, 0],
      ['', '合计', 5000, 2000.5, 2600, 1100, 1300, 120.5],
    ]);
    expect((await postSheet(t.anonymous(), '/api/v1/dues/payroll/preview', file, { year: '2026' })).statusCode).toBe(401);
    expect((await w.office.post('/api/v1/dues/payroll/preview', { year: 2026 })).statusCode).toBe(400);
    expect((await postSheet(w.inspector, '/api/v1/dues/payroll/preview', file, { year: '2026' })).statusCode).toBe(403);
    const preview = await postSheet(w.secretary, '/api/v1/dues/payroll/preview', file, { year: '2026' });
    expect(preview.statusCode, preview.body).toBe(200);
    const { rows, errorCount } = preview.json();
    expect(errorCount).toBe(0);
    // Default choice: 岗位+薪级+基础性绩效, only the income tax deducted (税后); the 合计 line ends the list.
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ row: 3, memberId: a.id, orgName: '急诊科党支部', baseCents: 650_050 - 12_050, rateBasisPoints: 150, monthlyCents: 9570, previousMonthlyCents: null });
    expect(rows[1]).toMatchObject({ row: 4, memberId: b.id, baseCents: 310_000, rateBasisPoints: 100, monthlyCents: 3100, previousMonthlyCents: 1000 });
    expect(await t.database.db.selectFrom('dues_bases').select('id').where('member_id', '=', a.id).execute()).toEqual([]);

    const commit = await postSheet(w.secretary, '/api/v1/dues/payroll/commit', file, { year: '2026' }, '2026-01.xlsx');
    expect(commit.statusCode, commit.body).toBe(201);
    expect(commit.json()).toMatchObject({ count: 2 });
    const bases = await t.database.db.selectFrom('dues_bases').selectAll().where('member_id', 'in', [a.id, b.id]).where('year', '=', 2026).orderBy('member_id').execute();
    expect(bases.map((x) => [x.base_cents, x.monthly_cents, x.source, x.import_id, x.note])).toEqual([
      [638_000, 9570, 'payroll', commit.json().importId, '2026-01.xlsx'],
      [310_000, 3100, 'payroll', commit.json().importId, '2026-01.xlsx'],
    ]);
    const audit = await t.database.db.selectFrom('audit_log').select('summary').where('entity_type', '=', 'dues_import').where('entity_id', '=', String(commit.json().importId)).execute();
    expect(audit).toEqual([{ summary: '工资表导入党费基数 2026年 2 人' }]);
  });

  it('lets only the organisation office change the unit’s choice: a branch secretary reads it, and is refused (403)', async () => {
    const w = await world();
    const current = (await w.secretary.get('/api/v1/dues/payroll/settings')).json();
    expect(current).toEqual({ items: ['post_pay', 'grade_pay', 'performance_pay'], deductions: ['income_tax'], version: 0 });
    const refused = await w.secretary.put('/api/v1/dues/payroll/settings', { items: ['post_pay'], deductions: ['income_tax'], version: current.version });
    expect(refused.statusCode).toBe(403);
    expect(errorOf(refused)).toMatchObject({ code: 'SETTINGS_UNIT_WIDE', message: '这是全单位的设置，只有党委组织部门可以修改' });
    expect((await w.office.get('/api/v1/dues/payroll/settings')).json()).toEqual(current);
    expect((await w.leader.get('/api/v1/dues/payroll/settings')).statusCode).toBe(403);
  });

  it('applies the deductions the unit chose once (409 on a stale version)', async () => {
    const w = await world();
    const noTax = await w.office.put('/api/v1/dues/payroll/settings', { items: ['post_pay'], deductions: ['housing_fund'], version: 0 });
    expect(errorOf(noTax).code).toBe('DUES_PAYROLL_TAX_REQUIRED');
    expect(errorOf(await w.office.put('/api/v1/dues/payroll/settings', { items: [], deductions: ['income_tax'], version: 0 })).code).toBe('DUES_PAYROLL_NO_ITEMS');
    const saved = await w.office.put('/api/v1/dues/payroll/settings', { items: ['post_pay', 'grade_pay', 'performance_pay'], deductions: ['income_tax', 'housing_fund'], version: 0 });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().version).toBe(1);
    expect((await w.office.put('/api/v1/dues/payroll/settings', { items: ['post_pay'], deductions: ['income_tax'], version: 0 })).statusCode).toBe(409);
    const a = await w.member();
    const file = await payroll([[1, a.name, 3000, 1500.5, 2000, 800, 900, 120.5]]);
    const rows = (await postSheet(w.secretary, '/api/v1/dues/payroll/preview', file, { year: '2026' })).json().rows;
    expect(rows[0].baseCents).toBe(650_050 - 12_050 - 90_000);
  });

  it('names a wrong column and imports nothing', async () => {
    const w = await world();
    const a = await w.member();
    const file = await payroll([[1, a.name, 3000, 1500, 2000, 800, 900, 120]], headers.map((h) => (h === '薪级工资' ? '薪级工资额' : h)));
    const res = await postSheet(w.secretary, '/api/v1/dues/payroll/commit', file, { year: '2026' });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('DUES_PAYROLL_COLUMNS');
    expect(errorOf(res).details!.map((d) => d.path)).toEqual(['columns.薪级工资额', 'columns.薪级工资']);
    expect(errorOf(res).details![1]!.message).toBe('缺少列“薪级工资”');
    const noName = await postSheet(w.secretary, '/api/v1/dues/payroll/preview', await payroll([[1, 'x']], ['序号', '名字']), { year: '2026' });
    expect(errorOf(noName).details).toEqual([{ path: 'columns.姓名', message: '缺少列“姓名”' }]);
    const notXlsx = await postSheet(w.secretary, '/api/v1/dues/payroll/preview', Buffer.from('not a workbook'), { year: '2026' });
    // The upload kit reads the bytes: not a workbook, refused before the sheet is read.
    expect(errorOf(notXlsx).code).toBe('UPLOAD_TYPE_ONLY');
    expect(errorOf(notXlsx).details?.[0]?.path).toBe('body.file');
  });

  it('reports problems by row and column — a negative deduction, an unknown name, someone outside the branch — and no row lands', async () => {
    const w = await world();
    const a = await w.member();
    const b = await w.member();
    const elsewhere = await w.member({ orgId: w.otherBranchId });
    const file = await payroll([
      [1, a.name, 3000, 1500, 2000, 800, 900, 120],
      [2, b.name, 3000, 1500, 2000, 800, 900, -35.2],
      [3, '查无此人', 3000, 1500, 2000, 800, 900, 100],
      [4, elsewhere.name, 3000, 1500, 2000, 800, 900, 100],
    ]);
    const preview = (await postSheet(w.secretary, '/api/v1/dues/payroll/preview', file, { year: '2026' })).json();
    expect(preview.errorCount).toBe(3);
    expect(preview.rows[0].errors).toEqual([]);
    const res = await postSheet(w.secretary, '/api/v1/dues/payroll/commit', file, { year: '2026' });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('DUES_PAYROLL_ROWS_INVALID');
    expect(errorOf(res).details).toEqual([
      { path: 'rows[4].所得税', message: '扣除项“所得税”不能为负数（扣除额应填正数）' },
      { path: 'rows[5].姓名', message: '在您的管理范围内找不到党员“查无此人”' },
      { path: 'rows[6].姓名', message: `在您的管理范围内找不到党员“${elsewhere.name}”` },
    ]);
    expect(await t.database.db.selectFrom('dues_bases').select('id').where('member_id', 'in', [a.id, b.id]).execute()).toEqual([]);
    // The office reaches the other branch's member.
    expect((await postSheet(w.office, '/api/v1/dues/payroll/preview', file, { year: '2026' })).json().rows[3].memberId).toBe(elsewhere.id);
  });
});

describe('month close, payments and arrears', () => {
  it('closes a month once per member, for the caller’s subtree only, and lists members without a base', async () => {
    const w = await world();
    const withBase = await w.member();
    const noBase = await w.member();
    const student = await w.member();
    const elsewhere = await w.member({ orgId: w.otherBranchId });
    await setBase(w.secretary, withBase, 2026, 400_000);
    await setBase(w.secretary, student, 2026, 0, 'student');
    await setBase(w.office, elsewhere, 2026, 400_000);
    expect((await t.anonymous().post('/api/v1/dues/months/2026-10/close', {})).statusCode).toBe(401);
    expect((await w.secretary.post('/api/v1/dues/months/2026-13/close', {})).statusCode).toBe(400);
    expect(errorOf(await w.secretary.post('/api/v1/dues/months/2026-12/close', {})).code).toBe('DUES_MONTH_IN_FUTURE');
    expect((await w.inspector.post('/api/v1/dues/months/2026-10/close', {})).statusCode).toBe(403);
    expect((await w.secretary.post('/api/v1/dues/months/2026-10/close', { orgId: w.otherBranchId })).statusCode).toBe(403);
    expect((await w.secretary.post('/api/v1/dues/months/2026-10/close', { orgId: 999_999 })).statusCode).toBe(404);

    const first = await closeMonth(w.secretary, '2026-10');
    expect(first).toMatchObject({ created: 2, dueCents: 4000 + 20, withoutBase: [{ id: noBase.id, name: noBase.name }] });
    expect(await dueEntries(t, withBase.id)).toMatchObject([{ month: '2026-10-01', amount_cents: 4000, org_id: w.branchId, recorded_by_name: w.secretaryName }]);
    expect(await dueEntries(t, elsewhere.id)).toEqual([]);
    // The close brings the charged members' dues positions up to date itself: no mark is left for
    // the next arrears list or overview to recompute.
    const db = t.database.db;
    expect(await db.selectFrom('dues_position_dirty').select('member_id').where('tenant_id', '=', w.unit.tenantId).execute()).toEqual([]);
    const kept = await db.selectFrom('dues_positions').select(['member_id', 'last_month', 'last_unpaid', 'consecutive', 'outstanding_cents']).where('tenant_id', '=', w.unit.tenantId).where('member_id', 'in', [withBase.id, noBase.id, student.id]).orderBy('member_id').execute();
    // The member without a base was not charged and has no position.
    expect(kept.map((k) => [Number(k.member_id), String(k.last_month), k.last_unpaid, k.consecutive, Number(k.outstanding_cents)])).toEqual(
      [
        [withBase.id, '2026-10-01', true, 1, 4000],
        [student.id, '2026-10-01', true, 1, 20],
      ].sort((a, b) => Number(a[0]) - Number(b[0])),
    );
    // Closing again adds nobody and leaves no empty row in the closes list.
    expect((await closeMonth(w.secretary, '2026-10')).created).toBe(0);
    const months = (await w.secretary.get('/api/v1/dues/months')).json();
    expect(months.total).toBe(1);
    expect(months.items[0]).toMatchObject({ id: first.id, month: '2026-10', orgId: w.branchId, orgName: '急诊科党支部', memberCount: 2, dueCents: 4020, closedBy: w.secretaryName });
    expect(await dueEntries(t, withBase.id)).toHaveLength(1);
  });

  it('does not charge members who joined after the month', async () => {
    const w = await world();
    const late = await w.member({ joinedOn: '2026-11-10', probationary: true });
    await setBase(w.office, late, 2026, 400_000);
    await closeMonth(w.office, '2026-10', w.branchId);
    expect(await dueEntries(t, late.id)).toHaveLength(0);
    await closeMonth(w.office, '2026-11', w.branchId);
    expect(await dueEntries(t, late.id)).toHaveLength(1);
  });

  it('counts arrears across a year boundary: remind at 3, warn at 5, report at 6', async () => {
    const w = await world();
    const m = await w.member({ joinedOn: '2024-05-01' });
    await setBase(w.secretary, m, 2025, 280_000);
    for (const month of ['2025-10', '2025-11', '2025-12', '2026-01']) await closeMonth(w.secretary, month);
    await pay(w.secretary, m, ['2025-10'], '2025-10-20');
    const arrearsOf = async () => (await w.secretary.get(`/api/v1/dues/members/${m.id}`)).json().arrears;
    expect(await arrearsOf()).toMatchObject({ consecutiveUnpaidMonths: 3, level: 'remind', paidThrough: '2025-10', outstandingCents: 3 * 1400 });
    await closeMonth(w.secretary, '2026-02');
    await closeMonth(w.secretary, '2026-03');
    expect((await arrearsOf()).level).toBe('warn');
    await closeMonth(w.secretary, '2026-04');
    expect(await arrearsOf()).toMatchObject({ consecutiveUnpaidMonths: 6, level: 'report' });
    const list = (await w.secretary.get('/api/v1/dues/arrears?level=report')).json();
    expect(list.items.map((x: { id: number }) => x.id)).toEqual([m.id]);
    expect(list.counts).toEqual({ none: 0, remind: 0, warn: 0, report: 1 });
    const sheet = await workbook((await w.secretary.get('/api/v1/dues/arrears/export?level=report')).rawPayload);
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual([1, m.name, '急诊科党支部', 6, '2025-11、2025-12、2026-01、2026-02、2026-03、2026-04', 84, '2025-10', '报告']);

    // Back-payment of more than 6 months is recorded, with a warning (党费规定).
    const back = await pay(w.secretary, m, ['2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04'], '2026-11-20');
    expect(back.totalCents).toBe(6 * 1400);
    expect(back.warnings.map((x) => x.code)).toEqual(['DUES_BACK_PAYMENT_OVER_LIMIT']);
    expect(await arrearsOf()).toMatchObject({ consecutiveUnpaidMonths: 0, level: 'none', paidThrough: '2026-04' });
    const through = (await w.secretary.get(`/api/v1/dues/members/${m.id}/paid-through`)).json();
    expect(through).toEqual({ memberId: m.id, name: m.name, paidThrough: '2026-04', outstandingCents: 0, unpaidMonths: [] });
    expect((await w.leader.get(`/api/v1/dues/members/${m.id}/paid-through`)).statusCode).toBe(403);

    const twice = await w.secretary.post('/api/v1/dues/payments', { memberId: m.id, months: ['2026-01'], method: 'cash', paidOn: '2026-11-20' });
    expect(errorOf(twice).code).toBe('DUES_MONTH_ALREADY_PAID');
    const notDue = await w.secretary.post('/api/v1/dues/payments', { memberId: m.id, months: ['2026-11'], method: 'cash', paidOn: '2026-11-20' });
    expect(errorOf(notDue).code).toBe('DUES_MONTH_NOT_DUE');
    expect(errorOf(notDue).details?.[0]?.path).toBe('body.months[0]');
  });

  it('counts arrears in SQL exactly as core’s duesArrears does, for every member, gaps and partial payments included', async () => {
    const w = await world();
    const ledgers: Record<string, [string, 'due' | 'payment', number][]> = {
      // A calendar gap (no due in 2025-12), a partial payment and a paid month in between.
      gaps: [
        ['2025-09-01', 'due', 1000],
        ['2025-09-01', 'payment', 1000],
        ['2025-10-01', 'due', 1000],
        ['2025-11-01', 'due', 1000],
        ['2025-11-01', 'payment', 400],
        ['2026-01-01', 'due', 1000],
        ['2026-02-01', 'due', 1000],
        ['2026-03-01', 'due', 1000],
      ],
      seven: ['2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03'].map((m) => [`${m}-01`, 'due', 500] as [string, 'due', number]),
      paid: [
        ['2026-02-01', 'due', 800],
        ['2026-02-01', 'payment', 800],
        ['2026-03-01', 'due', 800],
        ['2026-03-01', 'payment', 800],
      ],
      five: ['2025-11', '2025-12', '2026-01', '2026-02', '2026-03'].map((m) => [`${m}-01`, 'due', 300] as [string, 'due', number]),
      // The last month is earlier than the unit's latest: found by the backward probe.
      earlier: [
        ['2025-12-01', 'due', 200],
        ['2026-01-01', 'due', 200],
        ['2026-01-01', 'payment', 100],
      ],
      elsewhere: ['2025-12', '2026-01', '2026-02', '2026-03'].map((m) => [`${m}-01`, 'due', 700] as [string, 'due', number]),
      none: [],
    };
    const ids: Record<string, number> = {};
    for (const [key, rows] of Object.entries(ledgers)) {
      const m = await w.member(key === 'elsewhere' ? { orgId: w.otherBranchId } : {});
      ids[key] = m.id;
      if (rows.length === 0) continue;
      await t.database.db
        .insertInto('dues_entries')
        .values(rows.map(([month, kind, cents]) => ({ tenant_id: w.unit.tenantId, member_id: m.id, org_id: m.orgId, month, kind, affects: kind === 'due' ? ('due' as const) : ('paid' as const), amount_cents: cents })))
        .execute();
    }
    const mine = (await w.secretary.get('/api/v1/dues/arrears')).json();
    expect(mine.items.find((x: { id: number }) => x.id === ids.gaps)).toMatchObject({
      consecutiveUnpaidMonths: 3,
      unpaidMonths: ['2025-10', '2025-11', '2026-01', '2026-02', '2026-03'],
      outstandingCents: 4600,
      paidThrough: '2025-09',
      level: 'remind',
    });
    expect(mine.items.map((x: { id: number }) => x.id)).not.toContain(ids.elsewhere);

    // Every active member of the unit: the SQL list against core on the ledger's month sums.
    const sums = await monthSums(t.database.db, w.unit.tenantId, Object.values(ids));
    const expected = [...sums.entries()].map(([id, months]) => ({ id, ...duesArrears(months) })).filter((x) => x.consecutiveUnpaidMonths >= 1);
    expect(expected.map((x) => x.id).sort()).toEqual([ids.gaps, ids.seven, ids.five, ids.earlier, ids.elsewhere].sort());
    const counts = { none: 0, remind: 0, warn: 0, report: 0 };
    for (const x of expected) counts[x.level]++;
    expect(counts).toEqual({ none: 1, remind: 2, warn: 1, report: 1 });
    const all = (await w.office.get('/api/v1/dues/arrears?pageSize=2')).json();
    expect(all.counts).toEqual(counts);
    expect(all.total).toBe(expected.length);
    const pages = [];
    for (let page = 1; page <= Math.ceil(all.total / 2); page++) pages.push(...(await w.office.get(`/api/v1/dues/arrears?pageSize=2&page=${page}`)).json().items);
    const strip = ({ id, consecutiveUnpaidMonths, unpaidMonths, outstandingCents, paidThrough, level }: (typeof expected)[number]) => ({ id, consecutiveUnpaidMonths, unpaidMonths, outstandingCents, paidThrough, level });
    expect(pages.map(strip).sort((a, b) => a.id - b.id)).toEqual(expected.map(strip).sort((a, b) => a.id - b.id));
    // Worst first; the level filter and minMonths agree with the counts.
    expect(pages.map((x: { id: number }) => x.id)).toEqual([ids.seven, ids.five, ids.elsewhere, ids.gaps, ids.earlier]);
    for (const level of ['remind', 'warn', 'report'] as const) {
      const filtered = (await w.office.get(`/api/v1/dues/arrears?pageSize=1&level=${level}`)).json();
      expect(filtered.total, level).toBe(counts[level]);
      expect(filtered.counts).toEqual(counts);
    }
    expect((await w.office.get('/api/v1/dues/arrears?minMonths=4')).json().items.map((x: { id: number }) => x.id)).toEqual([ids.seven, ids.five, ids.elsewhere]);
    expect((await w.office.get(`/api/v1/dues/arrears?orgId=${w.otherBranchId}`)).json()).toMatchObject({ total: 1, counts: { none: 0, remind: 1, warn: 0, report: 0 } });
    // A page past the end still says how many there are.
    expect((await w.office.get('/api/v1/dues/arrears?pageSize=2&page=40')).json()).toMatchObject({ items: [], total: expected.length });
    expect((await t.anonymous().get('/api/v1/dues/arrears')).statusCode).toBe(401);
    expect((await w.office.get('/api/v1/dues/arrears?minMonths=0')).statusCode).toBe(400);
    expect((await w.leader.get('/api/v1/dues/arrears')).statusCode).toBe(403);
  });

  it('keeps each member’s run of unpaid months and amount with their position, and the org’s month sums: a new charge or payment changes them', async () => {
    const w = await world();
    const m = await w.member({});
    const db = t.database.db;
    const entry = (month: string, kind: 'due' | 'payment', cents: number) =>
      db
        .insertInto('dues_entries')
        .values({ tenant_id: w.unit.tenantId, member_id: m.id, org_id: m.orgId, month: `${month}-01`, kind, affects: kind === 'due' ? 'due' : 'paid', amount_cents: cents })
        .execute();
    // What the list shows (the positions refresh first), what is kept, and core's count on the ledger.
    const state = async () => {
      const row = (await w.office.get('/api/v1/dues/arrears')).json().items.find((x: { id: number }) => x.id === m.id) ?? null;
      const kept = await db.selectFrom('dues_positions').select(['last_unpaid', 'consecutive', 'outstanding_cents', 'paid_through']).where('tenant_id', '=', w.unit.tenantId).where('member_id', '=', m.id).executeTakeFirstOrThrow();
      const core = duesArrears((await monthSums(db, w.unit.tenantId, [m.id])).get(m.id) ?? []);
      if (row) expect(row).toMatchObject({ consecutiveUnpaidMonths: core.consecutiveUnpaidMonths, unpaidMonths: core.unpaidMonths, outstandingCents: core.outstandingCents, paidThrough: core.paidThrough });
      else expect(core.consecutiveUnpaidMonths).toBe(0);
      return { listed: row !== null, unpaid: kept.last_unpaid, months: kept.consecutive, cents: Number(kept.outstanding_cents) };
    };
    for (const month of ['2026-01', '2026-02', '2026-03']) await entry(month, 'due', 1000);
    expect(await state()).toEqual({ listed: true, unpaid: true, months: 3, cents: 3000 });
    await entry('2026-01', 'payment', 1000);
    expect(await state()).toEqual({ listed: true, unpaid: true, months: 2, cents: 2000 });
    await entry('2026-04', 'due', 1000);
    expect(await state()).toEqual({ listed: true, unpaid: true, months: 3, cents: 3000 });
    // A partial payment of the last month leaves it unpaid and lowers the amount.
    await entry('2026-04', 'payment', 400);
    expect(await state()).toEqual({ listed: true, unpaid: true, months: 3, cents: 2600 });
    await entry('2026-04', 'payment', 600);
    expect(await state()).toEqual({ listed: false, unpaid: false, months: 0, cents: 0 });
    // A new month's charge starts a run of one (the older unpaid months are no longer consecutive to it).
    await entry('2026-05', 'due', 1000);
    expect(await state()).toEqual({ listed: true, unpaid: true, months: 1, cents: 3000 });
    // The sums kept per org and month (the overview's collection rate) are the ledger's.
    const kept = await db.selectFrom('dues_month_totals').select(['month', 'due_cents', 'paid_cents']).where('tenant_id', '=', w.unit.tenantId).where('org_id', '=', m.orgId).orderBy('month').execute();
    expect(kept.map((r) => [r.month, Number(r.due_cents), Number(r.paid_cents)])).toEqual([
      ['2026-01-01', 1000, 1000],
      ['2026-02-01', 1000, 0],
      ['2026-03-01', 1000, 0],
      ['2026-04-01', 1000, 1000],
      ['2026-05-01', 1000, 0],
    ]);
  });

  it('shows each arrears row’s months without organisational life to those who read it', async () => {
    const w = await world();
    const members = [await w.member(), await w.member({ joinedOn: '2025-06-01' })];
    for (const m of members) await setBase(w.secretary, m, 2026, 300_000);
    for (const month of ['2026-08', '2026-09', '2026-10']) await closeMonth(w.secretary, month);
    const page = (await w.secretary.get('/api/v1/dues/arrears')).json();
    expect(page.items.map((x: { id: number }) => x.id).sort()).toEqual(members.map((m) => m.id).sort());
    const lapses = (await w.secretary.get('/api/v1/orglife/lapses?pageSize=200')).json().items as { id: number; months: number; level: string }[];
    for (const row of page.items) {
      const lapse = lapses.find((x) => x.id === row.id);
      expect(row.orglife, row.name).toEqual(lapse ? { months: lapse.months, level: lapse.level } : { months: 0, level: 'none' });
    }
    // 纪检 reads both; a caller without orglife.read would get null (no such role reads dues alone today).
    expect((await w.inspector.get('/api/v1/dues/arrears?pageSize=5')).json().items[0].orglife).not.toBeNull();
  });

  it('keeps one due per month for a member transferred mid-month; each branch keeps what it collected', async () => {
    const w = await world();
    const m = await w.member();
    await setBase(w.office, m, 2026, 300_000);
    await closeMonth(w.secretary, '2026-11');
    // Transferred to the other branch on the 15th (the transfer module moves org_id).
    await t.database.db.updateTable('members').set({ org_id: w.otherBranchId }).where('id', '=', m.id).execute();
    const other = await closeMonth(w.office, '2026-11', w.otherBranchId);
    expect(other).toMatchObject({ created: 0, withoutBase: [] });
    expect((await dueEntries(t, m.id)).map((d) => [d.month, d.org_id])).toEqual([['2026-11-01', w.branchId]]);
    // The old branch no longer reaches the member; the office records the payment in the new branch.
    expect((await w.secretary.post('/api/v1/dues/payments', { memberId: m.id, months: ['2026-11'], method: 'cash', paidOn: '2026-11-23' })).statusCode).toBe(403);
    await pay(w.office, m, ['2026-11'], '2026-11-23');
    const report = (await w.office.get('/api/v1/dues/reports/collection?year=2026&month=11')).json().items as { id: number; dueCents: number; paidCents: number }[];
    expect(report.map((x) => [x.id, x.dueCents, x.paidCents]).sort(byFirst)).toEqual([
      [w.branchId, 1500, 0],
      [w.otherBranchId, 0, 1500],
    ]);
    expect((await w.office.get(`/api/v1/dues/members/${m.id}`)).json().arrears.paidThrough).toBe('2026-11');
  });
});

describe('corrections, voluntary extras and statements', () => {
  it('corrects with a new entry referring to the old one; the ledger refuses updates', async () => {
    const w = await world();
    const m = await w.member();
    await setBase(w.secretary, m, 2026, 600_000);
    await closeMonth(w.secretary, '2026-09');
    const [due] = await dueEntries(t, m.id);
    expect(due!.amount_cents).toBe(9000);
    expect((await t.anonymous().post(`/api/v1/dues/entries/${due!.id}/corrections`, {})).statusCode).toBe(401);
    expect((await w.secretary.post(`/api/v1/dues/entries/${due!.id}/corrections`, { amountCents: 1 })).statusCode).toBe(400);
    expect((await w.inspector.post(`/api/v1/dues/entries/${due!.id}/corrections`, { amountCents: 6000, expectedCents: 9000, reason: '基数录入有误' })).statusCode).toBe(403);
    const fix = await w.secretary.post(`/api/v1/dues/entries/${due!.id}/corrections`, { amountCents: 6000, expectedCents: 9000, reason: '基数录入有误' });
    expect(fix.statusCode, fix.body).toBe(201);
    expect(fix.json()).toMatchObject({ correctsId: due!.id, deltaCents: -3000, effectiveCents: 6000 });
    expect((await w.office.post(`/api/v1/dues/entries/${due!.id}/corrections`, { amountCents: 5000, expectedCents: 9000, reason: '再改' })).statusCode).toBe(409);
    expect(errorOf(await w.office.post(`/api/v1/dues/entries/${due!.id}/corrections`, { amountCents: 6000, expectedCents: 6000, reason: '同额' })).code).toBe('DUES_CORRECTION_ZERO');
    expect(errorOf(await w.office.post(`/api/v1/dues/entries/${fix.json().id}/corrections`, { amountCents: 0, expectedCents: -3000, reason: 'x' })).code).toBe('DUES_CORRECTION_OF_CORRECTION');
    expect((await w.office.post('/api/v1/dues/entries/999999/corrections', { amountCents: 1, expectedCents: 1, reason: 'x' })).statusCode).toBe(404);
    const entries = (await w.secretary.get(`/api/v1/dues/entries?memberId=${m.id}`)).json();
    expect(entries.total).toBe(2);
    expect(entries.items.find((e: { id: number }) => e.id === due!.id)).toMatchObject({ amountCents: 9000, effectiveCents: 6000, kind: 'due' });
    expect(entries.items.find((e: { id: number }) => e.id === fix.json().id)).toMatchObject({ kind: 'correction', amountCents: -3000, correctsId: due!.id, note: '基数录入有误' });
    expect((await w.secretary.get(`/api/v1/dues/entries?kind=correction&month=2026-09`)).json().total).toBe(1);
    const month = (await w.secretary.get(`/api/v1/dues/members/${m.id}`)).json().months.find((x: { month: string }) => x.month === '2026-09');
    expect(month).toEqual({ month: '2026-09', dueCents: 6000, paidCents: 0 });
    await expect(sql`update dues_entries set amount_cents = 1 where id = ${due!.id}`.execute(t.database.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from dues_entries where id = ${due!.id}`.execute(t.database.db)).rejects.toThrow(/append-only/);
  });

  it('flags a one-off voluntary extra of 1000元 or more as going to the Centre', async () => {
    const w = await world();
    const m = await w.member();
    const small = await w.secretary.post('/api/v1/dues/voluntary', { memberId: m.id, amountCents: 99_999, paidOn: '2026-11-01', method: 'cash' });
    expect(small.statusCode).toBe(201);
    expect(small.json().toCentre).toBe(false);
    const large = await w.secretary.post('/api/v1/dues/voluntary', { memberId: m.id, amountCents: 100_000, paidOn: '2026-11-01', method: 'transfer' });
    expect(large.json().toCentre).toBe(true);
    expect((await w.secretary.post('/api/v1/dues/voluntary', { memberId: m.id, amountCents: 0, paidOn: '2026-11-01', method: 'cash' })).statusCode).toBe(400);
    const detail = (await w.secretary.get(`/api/v1/dues/members/${m.id}`)).json();
    expect(detail.voluntaryCents).toBe(199_999);
    expect(detail.entries.map((e: { kind: string; toCentre: boolean }) => [e.kind, e.toCentre])).toEqual([
      ['voluntary', true],
      ['voluntary', false],
    ]);
  });

  it('matches a statement by name and ID number and pays the oldest months first', async () => {
    const w = await world();
    const m = await w.member({ joinedOn: '2024-01-01' });
    await setBase(w.office, m, 2025, 200_000);
    await closeMonth(w.office, '2025-12', w.branchId);
    await closeMonth(w.office, '2026-01', w.branchId);
    const rows = [
      { name: m.name, idNumber: m.idNumber, amountCents: 1500, paidOn: '2026-11-02', reference: 'T001' },
      { name: '某某', idNumber: '110101199001011234', amountCents: 100, paidOn: '2026-11-02' },
    ];
    const preview = (await w.secretary.post('/api/v1/dues/statements', { commit: false, rows })).json();
    expect(preview.rows[0].months).toEqual([
      { month: '2025-12', cents: 1000 },
      { month: '2026-01', cents: 500 },
    ]);
    expect(preview.errors.map((e: { path: string }) => e.path)).toEqual(['body.rows[1].idNumber']);
    expect(errorOf(await w.secretary.post('/api/v1/dues/statements', { commit: true, rows })).code).toBe('DUES_STATEMENT_ROWS_INVALID');
    const ok = await w.secretary.post('/api/v1/dues/statements', { commit: true, rows: [{ ...rows[0]!, amountCents: 102_000 }] });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().rows[0]).toMatchObject({ memberId: m.id, extraCents: 100_000 });
    const detail = (await w.secretary.get(`/api/v1/dues/members/${m.id}`)).json();
    expect(detail.arrears).toMatchObject({ paidThrough: '2026-01', unpaidMonths: [], outstandingCents: 0 });
    // What is left over after the months owed is a voluntary extra (≥1000元: to the Centre).
    expect(detail.entries.find((e: { kind: string }) => e.kind === 'voluntary')).toMatchObject({ amountCents: 100_000, toCentre: true, method: 'statement', reference: 'T001' });
    const nothing = (await w.secretary.post('/api/v1/dues/statements', { commit: false, rows: rows.slice(0, 1) })).json();
    expect(nothing.errors.map((e: { path: string }) => e.path)).toEqual(['body.rows[0].amountCents']);
  });

  it('reads a bank statement sheet, names bad rows by Excel row, and records matched rows', async () => {
    const w = await world();
    const m = await w.member({ joinedOn: '2024-01-01' });
    await setBase(w.office, m, 2025, 200_000);
    await closeMonth(w.office, '2025-11', w.branchId);
    const sheet = (rows: (string | number)[][]) => sheetFile('某银行代收党费明细', ['姓名', '身份证号码', '金额', '缴纳日期', '流水号'], rows);
    const bad = await postSheet(w.secretary, '/api/v1/dues/statements/file', await sheet([[m.name, m.idNumber, '10.001', '2026/11/02', 'B1']]), { commit: 'false' });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details).toEqual([{ path: 'rows[3].金额', message: '“金额”应为金额（元，最多两位小数）' }]);
    const missing = await postSheet(w.secretary, '/api/v1/dues/statements/file', await sheetFile('', ['姓名', '金额'], []), { commit: 'false' });
    expect(errorOf(missing).details!.map((d) => d.path)).toEqual(['columns.身份证号码', 'columns.缴纳日期']);
    const ok = await postSheet(w.secretary, '/api/v1/dues/statements/file', await sheet([[m.name, m.idNumber, 10, '2026/11/02', 'B1']]), { commit: 'true' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().rows).toEqual([{ row: 3, memberId: m.id, name: m.name, months: [{ month: '2025-11', cents: 1000 }], extraCents: 0 }]);
    const payment = await t.database.db.selectFrom('dues_entries').selectAll().where('member_id', '=', m.id).where('kind', '=', 'payment').executeTakeFirstOrThrow();
    expect(payment).toMatchObject({ method: 'statement', paid_on: '2026-11-02', reference: 'B1', amount_cents: 1000 });
  });
});

describe('ledger, reports and the member’s own page', () => {
  it('gives the yearly ledger in the 党费收缴台账 format, per member and within scope', async () => {
    const w = await world();
    const a = await w.member();
    const b = await w.member();
    const elsewhere = await w.member({ orgId: w.otherBranchId });
    await setBase(w.secretary, a, 2026, 600_000);
    await setBase(w.secretary, b, 2026, 0, 'student');
    await setBase(w.office, elsewhere, 2026, 300_000);
    await closeMonth(w.office, '2026-01');
    await closeMonth(w.office, '2026-02');
    await pay(w.secretary, a, ['2026-01'], '2026-01-20');
    expect((await w.secretary.post('/api/v1/dues/voluntary', { memberId: b.id, amountCents: 100_000, paidOn: '2026-03-01', method: 'transfer' })).statusCode).toBe(201);

    expect((await t.anonymous().get('/api/v1/dues/ledger?year=2026')).statusCode).toBe(401);
    expect((await w.office.get('/api/v1/dues/ledger?year=abc')).statusCode).toBe(400);
    expect((await w.leader.get('/api/v1/dues/ledger?year=2026')).statusCode).toBe(403);
    expect((await w.secretary.get(`/api/v1/dues/ledger?orgId=${w.otherBranchId}`)).statusCode).toBe(403);
    const res = (await w.secretary.get('/api/v1/dues/ledger?year=2026')).json();
    expect(res).toEqual({
      total: 2,
      items: [
        { id: a.id, no: 1, name: a.name, orgName: '急诊科党支部', category: 'employed', baseCents: 600_000, rateBasisPoints: 150, monthlyCents: 9000, yearDueCents: 18_000, yearPaidCents: 9000, voluntaryCents: 0, toCentreCents: 0 },
        { id: b.id, no: 2, name: b.name, orgName: '急诊科党支部', category: 'student', baseCents: 0, rateBasisPoints: null, monthlyCents: 20, yearDueCents: 40, yearPaidCents: 0, voluntaryCents: 100_000, toCentreCents: 100_000 },
      ],
    });
    expect((await w.office.get('/api/v1/dues/ledger')).json().total).toBe(3);
    expect((await w.office.get('/api/v1/dues/ledger?year=2025')).json()).toEqual({ items: [], total: 0 });

    const sheet = await workbook((await w.secretary.get('/api/v1/dues/ledger/export?year=2026')).rawPayload);
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['序号', '姓名', '月工资收入', '执行标准（比例）', '月应缴党费', '全年应缴', '全年实缴', '备注']);
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual([1, a.name, 6000, '1.5%', 90, 180, 90, '欠缴 90.00']);
    expect((sheet.getRow(3).values as unknown[]).slice(1)).toEqual([2, b.name, 0, '定额', 0.2, 0.4, 0, '欠缴 0.40；自愿多交 1000.00；含上缴中央部分']);
  });

  it('shows a member their own dues and nothing else', async () => {
    const w = await world();
    const m = await w.member();
    await setBase(w.secretary, m, 2026, 300_000);
    await closeMonth(w.secretary, '2026-10');
    expect((await t.anonymous().get('/api/v1/dues/my')).statusCode).toBe(401);
    const client = await w.memberAccount(m);
    const mine = await client.get('/api/v1/dues/my');
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json()).toMatchObject({
      member: { id: m.id, name: m.name, orgName: '急诊科党支部', category: 'employed' },
      months: [{ month: '2026-10', dueCents: 1500, paidCents: 0 }],
      arrears: { consecutiveUnpaidMonths: 1, level: 'none', outstandingCents: 1500 },
    });
    expect((await client.get(`/api/v1/dues/members/${m.id}`)).statusCode).toBe(403);
    expect((await w.office.get('/api/v1/dues/my')).statusCode).toBe(404);
    // Another unit's office does not find the member at all.
    const other = await createUnit(t.database.db, `${w.unit.code}-x`, '另一医院');
    await createAccount(t.database.db, other, `${w.unit.code}-x.office`, [{ role: 'org_office' }]);
    expect((await (await signIn(t, `${w.unit.code}-x.office`)).get(`/api/v1/dues/members/${m.id}`)).statusCode).toBe(404);
  });

  it('counts a 党委-wide month close within a secretary’s scope: their members and amounts only', async () => {
    const w = await world();
    const a = await w.member();
    const b = await w.member();
    const elsewhere = await w.member({ orgId: w.otherBranchId });
    await setBase(w.office, a, 2026, 400_000);
    await setBase(w.office, b, 2026, 0, 'student');
    await setBase(w.office, elsewhere, 2026, 1_200_000);
    const whole = await closeMonth(w.office, '2026-10');
    expect(whole).toMatchObject({ created: 3, dueCents: 4000 + 20 + 24_000 });
    const own = await closeMonth(w.secretary, '2026-11');
    expect(own).toMatchObject({ created: 2, dueCents: 4020 });
    const theirs = (await w.secretary.get('/api/v1/dues/months')).json();
    expect(theirs.items.map((x: { id: number; orgId: number; memberCount: number; dueCents: number }) => [x.id, x.orgId, x.memberCount, x.dueCents])).toEqual([
      [own.id, w.branchId, 2, 4020],
      [whole.id, w.unit.rootOrgId, 2, 4020],
    ]);
    const hospital = (await w.office.get('/api/v1/dues/months')).json();
    expect(hospital.items.map((x: { id: number; memberCount: number; dueCents: number }) => [x.id, x.memberCount, x.dueCents])).toEqual([
      [own.id, 2, 4020],
      [whole.id, 3, 28_020],
    ]);
    expect((await w.leader.get('/api/v1/dues/months')).statusCode).toBe(403);
    const entries = (await w.secretary.get('/api/v1/dues/entries')).json();
    expect(entries.total).toBe(4);
    expect(entries.items.every((x: { orgId: number }) => x.orgId === w.branchId)).toBe(true);
    expect((await w.office.get(`/api/v1/dues/entries?orgId=${w.otherBranchId}`)).json().total).toBe(1);
  });

  it('reports branch collection and remittance within scope', async () => {
    const w = await world();
    const a = await w.member();
    const elsewhere = await w.member({ orgId: w.otherBranchId });
    await setBase(w.office, a, 2026, 300_000);
    await setBase(w.office, elsewhere, 2026, 300_000);
    await closeMonth(w.office, '2026-10');
    await pay(w.secretary, a, ['2026-10'], '2026-10-20');
    await w.secretary.post('/api/v1/dues/voluntary', { memberId: a.id, amountCents: 5000, paidOn: '2026-10-25', method: 'cash' });
    await w.office.post('/api/v1/dues/voluntary', { memberId: elsewhere.id, amountCents: 100_000, paidOn: '2026-10-25', method: 'transfer' });

    expect((await t.anonymous().get('/api/v1/dues/reports/collection?year=2026')).statusCode).toBe(401);
    expect((await w.office.get('/api/v1/dues/reports/collection?month=13')).statusCode).toBe(400);
    expect((await w.leader.get('/api/v1/dues/reports/collection?year=2026')).statusCode).toBe(403);
    const branch = { id: w.branchId, orgName: '急诊科党支部', parentName: `中共${w.unit.name}委员会`, memberCount: 1, dueCents: 1500, paidCents: 1500, voluntaryCents: 5000, toCentreCents: 0, remitCents: 6500 };
    const other = { id: w.otherBranchId, orgName: '神经内科党支部', parentName: `中共${w.unit.name}委员会`, memberCount: 1, dueCents: 1500, paidCents: 0, voluntaryCents: 0, toCentreCents: 100_000, remitCents: 0 };
    expect((await w.secretary.get('/api/v1/dues/reports/collection?year=2026')).json()).toEqual({ items: [branch], total: 1 });
    const whole = (await w.office.get('/api/v1/dues/reports/collection')).json();
    expect(whole.total).toBe(2);
    expect(whole.items.sort(byId)).toEqual([branch, other]);
    expect((await w.office.get('/api/v1/dues/reports/collection?year=2026&month=10')).json().items.sort(byId)).toEqual([branch, other]);
    expect((await w.office.get('/api/v1/dues/reports/collection?year=2026&month=11')).json()).toEqual({ items: [], total: 0 });
    const xlsx = await w.office.get('/api/v1/dues/reports/collection/export?year=2026&month=10');
    expect(decodeURIComponent(String(xlsx.headers['content-disposition']))).toContain('党费收缴2026-10.xlsx');
    const sheet = await workbook(xlsx.rawPayload);
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual(['急诊科党支部', `中共${w.unit.name}委员会`, 1, 15, 15, 50, 0, 65]);
  });
});
