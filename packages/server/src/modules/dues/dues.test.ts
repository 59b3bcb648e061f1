import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, createTestApp, errorOf } from '../../test/harness.js';
import { nameColumns } from '../members/pinyin.js';
import { hashPassword } from '../../plugins/password.js';

let t: TestApp;
let org: Client;
let secretary: Client;
let erBranchId: number;
let neurologyBranchId: number;
let tenantId: number;

beforeAll(async () => {
  t = await createTestApp();
  org = await t.login('org');
  secretary = await t.login('secretary');
  const db = t.database.db;
  const er = await db.selectFrom('orgs').select(['id', 'tenant_id']).where('name', '=', '急诊科全科医学科党支部').executeTakeFirstOrThrow();
  erBranchId = er.id;
  tenantId = er.tenant_id;
  neurologyBranchId = (await db.selectFrom('orgs').select('id').where('tenant_id', '=', tenantId).where('name', '=', '神经内科党支部').executeTakeFirstOrThrow()).id;
});
afterAll(() => t.close());

let serial = 0;
/** A fresh active member in a branch (ID numbers outside the demo range), employed. */
async function newMember(orgId: number, joinedOn = '2020-01-01') {
  serial++;
  const row = await t.database.db
    .insertInto('members')
    .values({
      tenant_id: tenantId,
      name: `测试党员${serial}`,
      ...nameColumns(`测试党员${serial}`),
      gender: 'male',
      id_number: `99000019900101${String(1000 + serial).slice(-4)}`,
      category: 'full',
      org_id: orgId,
      joined_on: joinedOn,
    })
    .returning(['id', 'name', 'id_number', 'version'])
    .executeTakeFirstOrThrow();
  return row;
}

async function setBase(client: Client, member: { id: number }, year: number, baseCents: number, category = 'employed') {
  const version = (await t.database.db.selectFrom('members').select('version').where('id', '=', member.id).executeTakeFirstOrThrow()).version;
  const res = await client.post('/api/v1/dues/bases', { memberId: member.id, memberVersion: version, year, category, baseCents });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; monthlyCents: number; rateBasisPoints: number | null };
}

async function close(client: Client, month: string, orgId?: number) {
  const res = await client.post(`/api/v1/dues/months/${month}/close`, orgId ? { orgId } : {});
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { created: number; dueCents: number; withoutBase: { id: number }[] };
}

async function dueEntries(memberId: number) {
  return t.database.db.selectFrom('dues_entries').selectAll().where('member_id', '=', memberId).where('kind', '=', 'due').orderBy('month').execute();
}

describe('POST /api/v1/dues/preview', () => {
  it('401 → 400 → 403 → 200', async () => {
    expect((await t.anonymous().post('/api/v1/dues/preview', { category: 'employed', baseCents: 1 })).statusCode).toBe(401);
    const bad = await org.post('/api/v1/dues/preview', { category: 'employed', baseCents: -1 });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).code).toBe('DUES_BASE_NEGATIVE');
    expect(errorOf(bad).details).toEqual([{ path: 'body.baseCents', message: '缴费基数不能为负数（-1 分）' }]);
    const leader = await t.login('leader');
    expect((await leader.post('/api/v1/dues/preview', { category: 'employed', baseCents: 1 })).statusCode).toBe(403);
    expect((await org.post('/api/v1/dues/preview', { category: 'employed', baseCents: 300000 })).json()).toEqual({ rateBasisPoints: 50, monthlyCents: 1500 });
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
    const res = await secretary.post('/api/v1/dues/preview', { category, baseCents });
    expect(res.json()).toEqual({ rateBasisPoints: rate, monthlyCents: monthly });
  });

  it('fixed categories pay 0.2元 whatever the base; farmers choose 20–100 分', async () => {
    for (const category of ['student', 'unemployed', 'low_income']) {
      expect((await org.post('/api/v1/dues/preview', { category, baseCents: 999_999 })).json()).toEqual({ rateBasisPoints: null, monthlyCents: 20 });
    }
    expect((await org.post('/api/v1/dues/preview', { category: 'farmer', baseCents: 0, farmerMonthlyCents: 20 })).json().monthlyCents).toBe(20);
    expect((await org.post('/api/v1/dues/preview', { category: 'farmer', baseCents: 0, farmerMonthlyCents: 100 })).json().monthlyCents).toBe(100);
    for (const amount of [19, 101]) {
      const res = await org.post('/api/v1/dues/preview', { category: 'farmer', baseCents: 0, farmerMonthlyCents: amount });
      expect(res.statusCode).toBe(400);
      expect(errorOf(res).code).toBe('DUES_FARMER_AMOUNT_OUT_OF_RANGE');
      expect(errorOf(res).details?.[0]?.path).toBe('body.farmerMonthlyCents');
    }
  });

  it('rejects absurd and fractional bases', async () => {
    const tooLarge = await org.post('/api/v1/dues/preview', { category: 'employed', baseCents: 100_000_001 });
    expect(errorOf(tooLarge).code).toBe('DUES_BASE_TOO_LARGE');
    const fraction = await org.post('/api/v1/dues/preview', { category: 'employed', baseCents: 12.5 });
    expect(errorOf(fraction).code).toBe('DUES_BASE_NOT_INTEGER');
  });
});

describe('yearly bases', () => {
  it('sets a base with who and when, guards versions (409) and scope (403)', async () => {
    const m = await newMember(erBranchId);
    const res = await secretary.post('/api/v1/dues/bases', { memberId: m.id, memberVersion: m.version, year: 2026, category: 'employed', baseCents: 650_000 });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ monthlyCents: 9750, rateBasisPoints: 150, memberVersion: m.version + 1 });
    const stale = await org.post('/api/v1/dues/bases', { memberId: m.id, memberVersion: m.version, year: 2026, category: 'retired', baseCents: 400_000 });
    expect(stale.statusCode).toBe(409);
    const row = await t.database.db.selectFrom('dues_bases').selectAll().where('member_id', '=', m.id).executeTakeFirstOrThrow();
    expect(row.set_by_name).not.toBe('');
    const audit = await t.database.db.selectFrom('audit_log').select('summary').where('entity_type', '=', 'dues_base').where('entity_id', '=', String(row.id)).execute();
    expect(audit).toHaveLength(1);

    const elsewhere = await newMember(neurologyBranchId);
    const out = await secretary.post('/api/v1/dues/bases', { memberId: elsewhere.id, memberVersion: elsewhere.version, year: 2026, category: 'employed', baseCents: 1 });
    expect(out.statusCode).toBe(403);
    const jijian = await t.login('jijian');
    expect((await jijian.post('/api/v1/dues/bases', { memberId: m.id, memberVersion: 2, year: 2026, category: 'employed', baseCents: 1 })).statusCode).toBe(403);
    const bad = await org.post('/api/v1/dues/bases', { memberId: m.id, memberVersion: m.version + 1, year: 2026, category: 'employed', baseCents: -5 });
    expect(errorOf(bad).code).toBe('DUES_BASE_NEGATIVE');
  });

  it('lists bases within scope and exports them', async () => {
    expect((await t.anonymous().get('/api/v1/dues/bases?year=2026')).statusCode).toBe(401);
    expect((await org.get('/api/v1/dues/bases?year=1800')).statusCode).toBe(400);
    const member = await t.login('member');
    expect((await member.get('/api/v1/dues/bases?year=2026')).statusCode).toBe(403);
    const res = (await secretary.get('/api/v1/dues/bases?year=2026&pageSize=200')).json();
    expect(res.total).toBeGreaterThan(0);
    expect(new Set(res.items.map((x: { orgName: string }) => x.orgName))).toEqual(new Set(['急诊科全科医学科党支部']));
    const missing = (await org.get(`/api/v1/dues/bases?year=2026&status=missing&orgId=${erBranchId}&pageSize=200`)).json();
    for (const x of missing.items) expect(x.baseId).toBeNull();
    const xlsx = await secretary.get('/api/v1/dues/bases/export?year=2026');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.getRow(1).getCell(6).value).toBe('党费计算基数（元）');
    expect(wb.worksheets[0]!.rowCount).toBe(res.total + 1);
  });
});

async function payrollSheet(headers: string[], rows: (string | number)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('工资表');
  sheet.addRow(['2026年1月工资表（党费核定用）']);
  sheet.addRow(headers);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

describe('payroll import', () => {
  const headers = ['序号', '姓名', '岗位工资', '薪级工资', '基础性绩效工资', '养老保险', '住房公积金', '所得税'];

  it('previews each row’s base, rate and monthly dues, then commits in one transaction', async () => {
    const a = await newMember(erBranchId);
    const b = await newMember(erBranchId);
    const file = await payrollSheet(headers, [
      [1, a.name, 3000, 1500.5, 2000, 800, 900, 120.5],
      [2, b.name, 2000, 500, 600, 300, 400, 0],
    ]);
    expect((await t.anonymous().post('/api/v1/dues/payroll/preview', { year: 2026, fileBase64: file })).statusCode).toBe(401);
    expect((await org.post('/api/v1/dues/payroll/preview', { year: 2026 })).statusCode).toBe(400);
    expect((await (await t.login('jijian')).post('/api/v1/dues/payroll/preview', { year: 2026, fileBase64: file })).statusCode).toBe(403);
    const preview = await secretary.post('/api/v1/dues/payroll/preview', { year: 2026, fileBase64: file });
    expect(preview.statusCode, preview.body).toBe(200);
    const rows = preview.json().rows;
    // Default choice: 岗位+薪级+基础性绩效, only the income tax deducted (税后).
    expect(rows[0]).toMatchObject({ row: 3, memberId: a.id, baseCents: 650_050 - 12_050, rateBasisPoints: 150, monthlyCents: 9570 });
    expect(rows[1]).toMatchObject({ row: 4, memberId: b.id, baseCents: 310_000, rateBasisPoints: 100, monthlyCents: 3100 });
    expect(await t.database.db.selectFrom('dues_bases').select('id').where('member_id', 'in', [a.id, b.id]).execute()).toEqual([]);

    const commit = await secretary.post('/api/v1/dues/payroll/commit', { year: 2026, fileName: '2026-01.xlsx', fileBase64: file });
    expect(commit.statusCode, commit.body).toBe(201);
    const bases = await t.database.db.selectFrom('dues_bases').selectAll().where('member_id', 'in', [a.id, b.id]).orderBy('member_id').execute();
    expect(bases.map((x) => [x.base_cents, x.monthly_cents, x.source, x.import_id])).toEqual([
      [638_000, 9570, 'payroll', commit.json().importId],
      [310_000, 3100, 'payroll', commit.json().importId],
    ]);
  });

  it('lets only the organisation office change the unit’s choice: a branch secretary reads it, and is refused (403)', async () => {
    const current = (await secretary.get('/api/v1/dues/payroll/settings')).json();
    const refused = await secretary.put('/api/v1/dues/payroll/settings', { items: ['post_pay'], deductions: ['income_tax'], version: current.version });
    expect(refused.statusCode).toBe(403);
    expect(errorOf(refused)).toMatchObject({ code: 'SETTINGS_UNIT_WIDE', message: '这是全单位的设置，只有党委组织部门可以修改' });
    expect((await org.get('/api/v1/dues/payroll/settings')).json()).toEqual(current);
    const me = (await secretary.get('/api/v1/auth/me')).json();
    expect(me.permissions).toContain('dues.write');
    expect(me.permissions).not.toContain('settings.manage');
    expect((await org.get('/api/v1/auth/me')).json().permissions).toContain('settings.manage');
  });

  it('applies the deductions the unit chose once (409 on a stale version)', async () => {
    const current = (await org.get('/api/v1/dues/payroll/settings')).json();
    const noTax = await org.put('/api/v1/dues/payroll/settings', { items: ['post_pay'], deductions: ['housing_fund'], version: current.version });
    expect(errorOf(noTax).code).toBe('DUES_PAYROLL_TAX_REQUIRED');
    const saved = await org.put('/api/v1/dues/payroll/settings', {
      items: ['post_pay', 'grade_pay', 'performance_pay'],
      deductions: ['income_tax', 'housing_fund'],
      version: current.version,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await org.put('/api/v1/dues/payroll/settings', { items: ['post_pay'], deductions: ['income_tax'], version: current.version })).statusCode).toBe(409);
    const a = await newMember(erBranchId);
    const file = await payrollSheet(headers, [[1, a.name, 3000, 1500.5, 2000, 800, 900, 120.5]]);
    const rows = (await secretary.post('/api/v1/dues/payroll/preview', { year: 2026, fileBase64: file })).json().rows;
    expect(rows[0].baseCents).toBe(650_050 - 12_050 - 90_000);
    // Back to the default so other tests read the national rule.
    await org.put('/api/v1/dues/payroll/settings', { items: ['post_pay', 'grade_pay', 'performance_pay'], deductions: ['income_tax'], version: saved.json().version });
  });

  it('names a wrong column and imports nothing', async () => {
    const a = await newMember(erBranchId);
    const wrong = headers.map((h) => (h === '薪级工资' ? '薪级工资额' : h));
    const file = await payrollSheet(wrong, [[1, a.name, 3000, 1500, 2000, 800, 900, 120]]);
    const res = await secretary.post('/api/v1/dues/payroll/commit', { year: 2026, fileBase64: file });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('DUES_PAYROLL_COLUMNS');
    const paths = errorOf(res).details!.map((d) => d.path);
    expect(paths).toEqual(['columns.薪级工资额', 'columns.薪级工资']);
    expect(errorOf(res).details![1]!.message).toBe('缺少列“薪级工资”');
  });

  it('reports a negative deduction by row and column, and no row lands', async () => {
    const a = await newMember(erBranchId);
    const b = await newMember(erBranchId);
    const file = await payrollSheet(headers, [
      [1, a.name, 3000, 1500, 2000, 800, 900, 120],
      [2, b.name, 3000, 1500, 2000, 800, 900, -35.2],
      [3, '查无此人', 3000, 1500, 2000, 800, 900, 100],
    ]);
    const preview = (await secretary.post('/api/v1/dues/payroll/preview', { year: 2026, fileBase64: file })).json();
    expect(preview.errorCount).toBe(2);
    expect(preview.rows[0].errors).toEqual([]);
    const res = await secretary.post('/api/v1/dues/payroll/commit', { year: 2026, fileBase64: file });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('DUES_PAYROLL_ROWS_INVALID');
    expect(errorOf(res).details).toEqual([
      { path: 'rows[4].所得税', message: '扣除项“所得税”不能为负数（扣除额应填正数）' },
      { path: 'rows[5].姓名', message: '在您的管理范围内找不到党员“查无此人”' },
    ]);
    expect(await t.database.db.selectFrom('dues_bases').select('id').where('member_id', 'in', [a.id, b.id]).execute()).toEqual([]);
  });
});

describe('month close, payments and arrears', () => {
  it('closes a month once per member, for the caller’s subtree only', async () => {
    const m = await newMember(erBranchId);
    await setBase(secretary, m, 2026, 400_000);
    expect((await t.anonymous().post('/api/v1/dues/months/2026-10/close', {})).statusCode).toBe(401);
    expect((await secretary.post('/api/v1/dues/months/2026-13/close', {})).statusCode).toBe(400);
    expect(errorOf(await secretary.post('/api/v1/dues/months/2099-01/close', {})).code).toBe('DUES_MONTH_IN_FUTURE');
    expect((await (await t.login('jijian')).post('/api/v1/dues/months/2026-10/close', {})).statusCode).toBe(403);
    expect((await secretary.post('/api/v1/dues/months/2026-10/close', { orgId: neurologyBranchId })).statusCode).toBe(403);
    // The demo already closed October; only members added since (with a base) are new.
    const eligible = await sql<{ n: number }>`
      select count(*)::int8 as n from members m
      where m.org_id = ${erBranchId} and m.status = 'active' and (m.joined_on is null or m.joined_on < '2026-11-01')
        and (m.dues_category not in ('employed', 'retired') or exists (select 1 from dues_bases b where b.member_id = m.id and b.year <= 2026))
        and not exists (select 1 from dues_entries e where e.member_id = m.id and e.month = '2026-10-01' and e.kind = 'due')
    `.execute(t.database.db);
    const first = await close(secretary, '2026-10');
    expect(first.created).toBe(Number(eligible.rows[0]!.n));
    expect(first.created).toBeGreaterThanOrEqual(1);
    const [due] = await dueEntries(m.id);
    expect(due).toMatchObject({ month: '2026-10-01', amount_cents: 4000, org_id: erBranchId });
    const closesBefore = (await secretary.get('/api/v1/dues/months')).json().total;
    const again = await close(secretary, '2026-10');
    expect(again.created).toBe(0);
    // Closing again adds nobody and leaves no empty row in the closes list.
    expect((await secretary.get('/api/v1/dues/months')).json().total).toBe(closesBefore);
    expect(await dueEntries(m.id)).toHaveLength(1);
    const months = (await secretary.get('/api/v1/dues/months')).json();
    expect(months.items[0]).toMatchObject({ month: '2026-10', orgId: erBranchId });
  });

  it('does not charge members who joined after the month, and lists members without a base', async () => {
    const late = await newMember(erBranchId, '2026-11-10');
    await setBase(org, late, 2026, 400_000);
    const noBase = await newMember(erBranchId);
    const res = await close(org, '2026-10', erBranchId);
    expect(await dueEntries(late.id)).toHaveLength(0);
    expect(res.withoutBase.map((x) => x.id)).toContain(noBase.id);
  });

  it('counts arrears across a year boundary: remind at 3, warn at 5, report at 6', async () => {
    const m = await newMember(erBranchId, '2024-05-01');
    await setBase(secretary, m, 2025, 280_000);
    for (const month of ['2025-10', '2025-11', '2025-12', '2026-01']) await close(secretary, month);
    const pay = await secretary.post('/api/v1/dues/payments', { memberId: m.id, months: ['2025-10'], method: 'cash', paidOn: '2025-10-20' });
    expect(pay.statusCode, pay.body).toBe(201);
    const arrearsOf = async () => (await secretary.get(`/api/v1/dues/members/${m.id}`)).json().arrears;
    expect(await arrearsOf()).toMatchObject({ consecutiveUnpaidMonths: 3, level: 'remind', paidThrough: '2025-10', outstandingCents: 3 * 1400 });
    await close(secretary, '2026-02');
    await close(secretary, '2026-03');
    expect((await arrearsOf()).level).toBe('warn');
    await close(secretary, '2026-04');
    expect(await arrearsOf()).toMatchObject({ consecutiveUnpaidMonths: 6, level: 'report' });
    const list = (await secretary.get('/api/v1/dues/arrears?level=report&pageSize=200')).json();
    expect(list.items.map((x: { id: number }) => x.id)).toContain(m.id);
    expect(list.counts.report).toBeGreaterThanOrEqual(1);
    const xlsx = await secretary.get('/api/v1/dues/arrears/export?level=report');
    expect(xlsx.statusCode).toBe(200);

    // Back-payment of more than 6 months is recorded, with a warning (党费规定).
    const back = await secretary.post('/api/v1/dues/payments', {
      memberId: m.id,
      months: ['2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04'],
      method: 'transfer',
      paidOn: '2026-11-20',
    });
    expect(back.statusCode, back.body).toBe(201);
    expect(back.json().totalCents).toBe(6 * 1400);
    expect(back.json().warnings.map((w: { code: string }) => w.code)).toEqual(['DUES_BACK_PAYMENT_OVER_LIMIT']);
    expect(await arrearsOf()).toMatchObject({ consecutiveUnpaidMonths: 0, level: 'none', paidThrough: '2026-04' });
    const through = (await secretary.get(`/api/v1/dues/members/${m.id}/paid-through`)).json();
    expect(through).toMatchObject({ paidThrough: '2026-04', outstandingCents: 0 });

    const twice = await secretary.post('/api/v1/dues/payments', { memberId: m.id, months: ['2026-01'], method: 'cash', paidOn: '2026-11-20' });
    expect(errorOf(twice).code).toBe('DUES_MONTH_ALREADY_PAID');
    const notDue = await secretary.post('/api/v1/dues/payments', { memberId: m.id, months: ['2026-11'], method: 'cash', paidOn: '2026-11-20' });
    expect(errorOf(notDue).code).toBe('DUES_MONTH_NOT_DUE');
    expect(errorOf(notDue).details?.[0]?.path).toBe('body.months[0]');
  });

  it('counts arrears in SQL exactly as core’s duesArrears does, for every member, gaps and partial payments included', async () => {
    // A member with a calendar gap (no due in 2025-12), a partial payment and a paid month in between.
    const m = await newMember(erBranchId, '2024-01-01');
    const rows: [string, 'due' | 'payment', number][] = [
      ['2025-09-01', 'due', 1000],
      ['2025-09-01', 'payment', 1000],
      ['2025-10-01', 'due', 1000],
      ['2025-11-01', 'due', 1000],
      ['2025-11-01', 'payment', 400],
      ['2026-01-01', 'due', 1000],
      ['2026-02-01', 'due', 1000],
      ['2026-03-01', 'due', 1000],
    ];
    await t.database.db
      .insertInto('dues_entries')
      .values(rows.map(([month, kind, cents]) => ({ tenant_id: tenantId, member_id: m.id, org_id: erBranchId, month, kind, affects: kind === 'due' ? ('due' as const) : ('paid' as const), amount_cents: cents })))
      .execute();
    const all = (await org.get('/api/v1/dues/arrears?pageSize=200&minMonths=1')).json();
    const mine = (await secretary.get(`/api/v1/dues/arrears?pageSize=200&minMonths=1`)).json();
    const row = mine.items.find((x: { id: number }) => x.id === m.id);
    expect(row).toMatchObject({ consecutiveUnpaidMonths: 3, unpaidMonths: ['2025-10', '2025-11', '2026-01', '2026-02', '2026-03'], outstandingCents: 4600, paidThrough: '2025-09', level: 'remind' });

    // Every active member of the hospital: the SQL list against core on the ledger's month sums.
    const active = await t.database.db.selectFrom('members').select('id').where('tenant_id', '=', tenantId).where('status', '=', 'active').execute();
    const { monthSums } = await import('./repository.js');
    const { duesArrears } = await import('@hongyi/core');
    const sums = await monthSums(t.database.db, tenantId, active.map((x) => x.id));
    const expected = [...sums.entries()].map(([id, months]) => ({ id, ...duesArrears(months) })).filter((x) => x.consecutiveUnpaidMonths >= 1);
    const counts = { none: 0, remind: 0, warn: 0, report: 0 };
    for (const x of expected) counts[x.level]++;
    expect(all.counts).toEqual(counts);
    expect(all.total).toBe(expected.length);
    const pages = [];
    for (let page = 1; page <= Math.ceil(all.total / 200); page++) pages.push(...(await org.get(`/api/v1/dues/arrears?pageSize=200&page=${page}`)).json().items);
    const strip = ({ id, consecutiveUnpaidMonths, unpaidMonths, outstandingCents, paidThrough, level }: (typeof expected)[number]) => ({ id, consecutiveUnpaidMonths, unpaidMonths, outstandingCents, paidThrough, level });
    expect(pages.map(strip).sort((a, b) => a.id - b.id)).toEqual(expected.map(strip).sort((a, b) => a.id - b.id));
    // Worst first; the level filter and minMonths agree with the counts.
    expect(pages.map((x: { consecutiveUnpaidMonths: number }) => x.consecutiveUnpaidMonths)).toEqual([...pages.map((x: { consecutiveUnpaidMonths: number }) => x.consecutiveUnpaidMonths)].sort((a, b) => b - a));
    for (const level of ['remind', 'warn', 'report'] as const) {
      const filtered = (await org.get(`/api/v1/dues/arrears?pageSize=1&level=${level}`)).json();
      expect(filtered.total, level).toBe(counts[level]);
      expect(filtered.counts).toEqual(counts);
    }
    expect((await org.get('/api/v1/dues/arrears?pageSize=1&minMonths=6')).json().total).toBe(counts.report);
    // A page past the end still says how many there are.
    expect((await org.get('/api/v1/dues/arrears?pageSize=200&page=40')).json()).toMatchObject({ items: [], total: expected.length });
  });

  it('shows each arrears row’s months without organisational life to those who read it', async () => {
    const page = (await secretary.get('/api/v1/dues/arrears?pageSize=50')).json();
    expect(page.items.length).toBeGreaterThan(0);
    const lapses = (await secretary.get('/api/v1/orglife/lapses?pageSize=200')).json().items as { id: number; months: number; level: string }[];
    for (const row of page.items) {
      const lapse = lapses.find((x) => x.id === row.id);
      expect(row.orglife, row.name).toEqual(lapse ? { months: lapse.months, level: lapse.level } : { months: 0, level: 'none' });
    }
    // 纪检 reads both; a caller without orglife.read would get null (no such role reads dues alone today).
    const jijian = await t.login('jijian');
    expect((await jijian.get('/api/v1/dues/arrears?pageSize=5')).json().items[0].orglife).not.toBeNull();
  });

  it('keeps one due per month for a member transferred mid-month; each branch keeps what it collected', async () => {
    const m = await newMember(erBranchId);
    await setBase(org, m, 2026, 300_000);
    await close(secretary, '2026-11');
    // Transferred to neurology on the 15th (the transfer module moves org_id).
    await t.database.db.updateTable('members').set({ org_id: neurologyBranchId }).where('id', '=', m.id).execute();
    const neurology = await close(org, '2026-11', neurologyBranchId);
    expect(neurology.withoutBase.map((x) => x.id)).not.toContain(m.id);
    const dues = await dueEntries(m.id);
    expect(dues.map((d) => [d.month, d.org_id])).toEqual([['2026-11-01', erBranchId]]);
    // The old branch no longer reaches the member; the office records the payment in the new branch.
    expect((await secretary.post('/api/v1/dues/payments', { memberId: m.id, months: ['2026-11'], method: 'cash', paidOn: '2026-11-23' })).statusCode).toBe(403);
    const paid = await org.post('/api/v1/dues/payments', { memberId: m.id, months: ['2026-11'], method: 'cash', paidOn: '2026-11-23' });
    expect(paid.statusCode, paid.body).toBe(201);
    const report = (await org.get('/api/v1/dues/reports/collection?year=2026&month=11')).json().items as { id: number; dueCents: number; paidCents: number }[];
    const er = report.find((x) => x.id === erBranchId)!;
    const neuro = report.find((x) => x.id === neurologyBranchId)!;
    const fromDb = async (orgId: number, affects: 'due' | 'paid') =>
      Number(
        (
          await t.database.db
            .selectFrom('dues_entries')
            .select(sql<number>`coalesce(sum(amount_cents), 0)::int8`.as('s'))
            .where('org_id', '=', orgId)
            .where('month', '=', '2026-11-01')
            .where('affects', '=', affects)
            .executeTakeFirstOrThrow()
        ).s,
      );
    expect(er.dueCents).toBe(await fromDb(erBranchId, 'due'));
    expect(neuro.paidCents).toBe(await fromDb(neurologyBranchId, 'paid'));
    expect(neuro.paidCents).toBeGreaterThanOrEqual(1500);
    expect((await org.get(`/api/v1/dues/members/${m.id}`)).json().arrears.paidThrough).toBe('2026-11');
  });
});

describe('corrections, voluntary extras and statements', () => {
  it('corrects with a new entry referring to the old one; the ledger refuses updates', async () => {
    const m = await newMember(erBranchId);
    await setBase(secretary, m, 2026, 600_000);
    await close(secretary, '2026-09');
    const [due] = await dueEntries(m.id);
    expect(due!.amount_cents).toBe(9000);
    expect((await t.anonymous().post(`/api/v1/dues/entries/${due!.id}/corrections`, {})).statusCode).toBe(401);
    expect((await secretary.post(`/api/v1/dues/entries/${due!.id}/corrections`, { amountCents: 1 })).statusCode).toBe(400);
    const fix = await secretary.post(`/api/v1/dues/entries/${due!.id}/corrections`, { amountCents: 6000, expectedCents: 9000, reason: '基数录入有误' });
    expect(fix.statusCode, fix.body).toBe(201);
    expect(fix.json()).toMatchObject({ correctsId: due!.id, deltaCents: -3000, effectiveCents: 6000 });
    const stale = await org.post(`/api/v1/dues/entries/${due!.id}/corrections`, { amountCents: 5000, expectedCents: 9000, reason: '再改' });
    expect(stale.statusCode).toBe(409);
    const ofCorrection = await org.post(`/api/v1/dues/entries/${fix.json().id}/corrections`, { amountCents: 0, expectedCents: -3000, reason: 'x' });
    expect(errorOf(ofCorrection).code).toBe('DUES_CORRECTION_OF_CORRECTION');
    const entries = (await secretary.get(`/api/v1/dues/entries?memberId=${m.id}`)).json().items;
    expect(entries.find((e: { id: number }) => e.id === due!.id)).toMatchObject({ amountCents: 9000, effectiveCents: 6000 });
    const month = (await secretary.get(`/api/v1/dues/members/${m.id}`)).json().months.find((x: { month: string }) => x.month === '2026-09');
    expect(month).toEqual({ month: '2026-09', dueCents: 6000, paidCents: 0 });
    await expect(sql`update dues_entries set amount_cents = 1 where id = ${due!.id}`.execute(t.database.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from dues_entries where id = ${due!.id}`.execute(t.database.db)).rejects.toThrow(/append-only/);
  });

  it('flags a one-off voluntary extra of 1000元 or more as going to the Centre', async () => {
    const m = await newMember(erBranchId);
    const small = await secretary.post('/api/v1/dues/voluntary', { memberId: m.id, amountCents: 99_999, paidOn: '2026-11-01', method: 'cash' });
    expect(small.statusCode).toBe(201);
    expect(small.json().toCentre).toBe(false);
    const large = await secretary.post('/api/v1/dues/voluntary', { memberId: m.id, amountCents: 100_000, paidOn: '2026-11-01', method: 'transfer' });
    expect(large.json().toCentre).toBe(true);
    expect((await secretary.post('/api/v1/dues/voluntary', { memberId: m.id, amountCents: 0, paidOn: '2026-11-01', method: 'cash' })).statusCode).toBe(400);
    const detail = (await secretary.get(`/api/v1/dues/members/${m.id}`)).json();
    expect(detail.voluntaryCents).toBe(199_999);
  });

  it('matches a statement by name and ID number and pays the oldest months first', async () => {
    const m = await newMember(erBranchId, '2024-01-01');
    await setBase(org, m, 2025, 200_000);
    await close(org, '2025-12', erBranchId);
    await close(org, '2026-01', erBranchId);
    const rows = [
      { name: m.name, idNumber: m.id_number, amountCents: 1500, paidOn: '2026-11-02', reference: 'T001' },
      { name: '某某', idNumber: '110101199001011234', amountCents: 100, paidOn: '2026-11-02' },
    ];
    const preview = (await secretary.post('/api/v1/dues/statements', { commit: false, rows })).json();
    expect(preview.rows[0].months).toEqual([
      { month: '2025-12', cents: 1000 },
      { month: '2026-01', cents: 500 },
    ]);
    expect(preview.errors.map((e: { path: string }) => e.path)).toEqual(['body.rows[1].idNumber']);
    const refused = await secretary.post('/api/v1/dues/statements', { commit: true, rows });
    expect(errorOf(refused).code).toBe('DUES_STATEMENT_ROWS_INVALID');
    const ok = await secretary.post('/api/v1/dues/statements', { commit: true, rows: rows.slice(0, 1) });
    expect(ok.statusCode, ok.body).toBe(200);
    const arrears = (await secretary.get(`/api/v1/dues/members/${m.id}`)).json().arrears;
    expect(arrears).toMatchObject({ paidThrough: '2025-12', unpaidMonths: ['2026-01'], outstandingCents: 500 });
  });
});

describe('statement sheet', () => {
  it('reads a bank statement sheet, names bad rows by Excel row, and records matched rows', async () => {
    const m = await newMember(erBranchId, '2024-01-01');
    await setBase(org, m, 2025, 200_000);
    await close(org, '2025-11', erBranchId);
    const sheet = async (rows: (string | number)[][]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('对账单');
      ws.addRow(['某银行代收党费明细']);
      ws.addRow(['姓名', '身份证号码', '金额', '缴纳日期', '流水号']);
      for (const r of rows) ws.addRow(r);
      return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    };
    const bad = await secretary.post('/api/v1/dues/statements/file', { commit: false, fileBase64: await sheet([[m.name, m.id_number, '10.001', '2026/11/02', 'B1']]) });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details).toEqual([{ path: 'rows[3].金额', message: '“金额”应为金额（元，最多两位小数）' }]);
    const twoColumns = new ExcelJS.Workbook();
    twoColumns.addWorksheet('x').addRow(['姓名', '金额']);
    const missing = await secretary.post('/api/v1/dues/statements/file', {
      commit: false,
      fileBase64: Buffer.from(await twoColumns.xlsx.writeBuffer()).toString('base64'),
    });
    expect(errorOf(missing).details!.map((d) => d.path)).toEqual(['columns.身份证号码', 'columns.缴纳日期']);
    const ok = await secretary.post('/api/v1/dues/statements/file', { commit: true, fileBase64: await sheet([[m.name, m.id_number, 10, '2026/11/02', 'B1']]) });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().rows).toEqual([{ row: 3, memberId: m.id, name: m.name, months: [{ month: '2025-11', cents: 1000 }], extraCents: 0 }]);
    const payment = await t.database.db.selectFrom('dues_entries').selectAll().where('member_id', '=', m.id).where('kind', '=', 'payment').executeTakeFirstOrThrow();
    expect(payment).toMatchObject({ method: 'statement', paid_on: '2026-11-02', reference: 'B1', amount_cents: 1000 });
  });
});

describe('ledger, reports and the member’s own page', () => {
  it('gives the yearly ledger in the 党费收缴台账 format, totals matching the entries', async () => {
    expect((await t.anonymous().get('/api/v1/dues/ledger?year=2026')).statusCode).toBe(401);
    expect((await org.get('/api/v1/dues/ledger?year=abc')).statusCode).toBe(400);
    expect((await (await t.login('member')).get('/api/v1/dues/ledger?year=2026')).statusCode).toBe(403);
    const res = (await secretary.get('/api/v1/dues/ledger?year=2026')).json();
    expect(res.total).toBeGreaterThan(10);
    const sums = await t.database.db
      .selectFrom('dues_entries')
      .select([sql<number>`sum(case when affects = 'due' then amount_cents else 0 end)::int8`.as('due')])
      .where('org_id', '=', erBranchId)
      .where('month', '>=', '2026-01-01')
      .where('month', '<=', '2026-12-01')
      .executeTakeFirstOrThrow();
    expect(res.items.reduce((s: number, x: { yearDueCents: number }) => s + x.yearDueCents, 0)).toBe(Number(sums.due));
    const xlsx = await secretary.get('/api/v1/dues/ledger/export?year=2026');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const header = (wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(['序号', '姓名', '月工资收入', '执行标准（比例）', '月应缴党费', '全年应缴', '全年实缴', '备注']);
  });

  it('shows a member their own dues and nothing else', async () => {
    expect((await t.anonymous().get('/api/v1/dues/my')).statusCode).toBe(401);
    const member = await t.login('member');
    const mine = await member.get('/api/v1/dues/my');
    expect(mine.statusCode, mine.body).toBe(200);
    const user = await t.database.db.selectFrom('users').select('member_id').where('username', '=', 'member').where('tenant_id', '=', tenantId).executeTakeFirstOrThrow();
    expect(mine.json().member.id).toBe(user.member_id);
    expect(mine.json().months.length).toBeGreaterThan(0);
    expect((await member.get(`/api/v1/dues/members/${user.member_id}`)).statusCode).toBe(403);
    const admin = await t.login('county.admin');
    expect((await admin.get(`/api/v1/dues/members/${user.member_id}`)).statusCode).toBe(404);
  });

  it('keeps every dues figure within a secretary’s scope, including the 党委-wide month closes', async () => {
    const inBranch = async (month: string) => {
      const { rows } = await sql<{ n: number; cents: number }>`
        select count(*)::int8 as n, coalesce(sum(amount_cents), 0)::int8 as cents from dues_entries
        where tenant_id = ${tenantId} and org_id = ${erBranchId} and kind = 'due' and month = ${`${month}-01`} and recorded_by_name = '演示数据'`.execute(t.database.db);
      return { n: Number(rows[0]!.n), cents: Number(rows[0]!.cents) };
    };
    const root = await t.database.db.selectFrom('orgs').select('id').where('tenant_id', '=', tenantId).where('parent_id', 'is', null).executeTakeFirstOrThrow();
    const theirs = (await secretary.get('/api/v1/dues/months?pageSize=200')).json();
    const hospital = (await org.get('/api/v1/dues/months?pageSize=200')).json();
    const rootCloses = theirs.items.filter((x: { orgId: number }) => x.orgId === root.id);
    expect(rootCloses.length).toBeGreaterThanOrEqual(10);
    for (const close of rootCloses) {
      const whole = hospital.items.find((x: { id: number }) => x.id === close.id);
      const own = await inBranch(close.month);
      expect(own.n).toBeGreaterThan(0);
      expect({ month: close.month, n: close.memberCount, cents: close.dueCents }).toEqual({ month: close.month, n: own.n, cents: own.cents });
      expect(whole.memberCount).toBeGreaterThan(close.memberCount * 10);
    }
    // The other figures: only the secretary's branch appears.
    const ids = new Set(
      (await t.database.db.selectFrom('members').select('id').where('tenant_id', '=', tenantId).where('org_id', '=', erBranchId).execute()).map((x) => x.id),
    );
    const ledger = (await secretary.get('/api/v1/dues/ledger?year=2026')).json();
    expect(ledger.items.length).toBeGreaterThan(0);
    for (const x of ledger.items) expect(x.orgName).toBe('急诊科全科医学科党支部');
    const arrears = (await secretary.get('/api/v1/dues/arrears?pageSize=200')).json();
    expect(arrears.items.length).toBeGreaterThan(0);
    for (const x of arrears.items) expect(x.orgId).toBe(erBranchId);
    const bases = (await secretary.get('/api/v1/dues/bases?pageSize=200')).json();
    for (const x of bases.items) expect(ids.has(x.id)).toBe(true);
    const entries = (await secretary.get('/api/v1/dues/entries?pageSize=200')).json();
    for (const x of entries.items) expect(x.orgId).toBe(erBranchId);
    const collection = (await secretary.get('/api/v1/dues/reports/collection?year=2026&month=10')).json();
    expect(collection.items.map((x: { id: number }) => x.id)).toEqual([erBranchId]);
    const october = await t.database.db
      .selectFrom('dues_entries')
      .select(sql<number>`sum(amount_cents)::int8`.as('cents'))
      .where('tenant_id', '=', tenantId)
      .where('org_id', '=', erBranchId)
      .where('affects', '=', 'due')
      .where('month', '=', '2026-10-01')
      .executeTakeFirstOrThrow();
    expect(collection.items[0].dueCents).toBe(Number(october.cents));
  });

  it('tells a member with no base that none is set and who sets it; the office and the branch see how many lack one', async () => {
    const m = await newMember(erBranchId);
    const student = await newMember(erBranchId);
    await t.database.db.updateTable('members').set({ dues_category: 'student' }).where('id', '=', student.id).execute();
    const user = await t.database.db
      .insertInto('users')
      .values({ tenant_id: tenantId, username: `nobase${m.id}`, name: m.name, password_hash: await hashPassword('Nobase@2026x'), member_id: m.id, password_changed_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.database.db.insertInto('user_roles').values({ tenant_id: tenantId, user_id: user.id, role: 'member', org_id: null }).execute();
    const secretaryName = (await t.database.db.selectFrom('users').select('name').where('tenant_id', '=', tenantId).where('username', '=', 'secretary').executeTakeFirstOrThrow()).name;

    const mine = (await (await t.login(`nobase${m.id}`, 'Nobase@2026x')).get('/api/v1/dues/my')).json();
    expect(mine.months).toEqual([]);
    expect(mine.base).toEqual({ year: 2026, needed: true, missing: true, setters: [secretaryName] });
    // A fixed-amount category needs no base; a member with one has none missing.
    expect((await secretary.get(`/api/v1/dues/members/${student.id}`)).json().base).toMatchObject({ needed: false, missing: false });
    const member = await t.login('member');
    expect((await member.get('/api/v1/dues/my')).json().base).toMatchObject({ needed: true, missing: false, setters: [] });

    expect((await t.anonymous().get('/api/v1/dues/bases/summary')).statusCode).toBe(401);
    expect((await org.get('/api/v1/dues/bases/summary?year=1800')).statusCode).toBe(400);
    expect((await member.get('/api/v1/dues/bases/summary')).statusCode).toBe(403);
    const missingList = async (client: Client) => (await client.get('/api/v1/dues/bases?status=missing&pageSize=200')).json() as { items: { id: number; category: string }[]; total: number };
    for (const client of [org, secretary]) {
      const summary = (await client.get('/api/v1/dues/bases/summary')).json();
      const list = await missingList(client);
      expect(summary.year).toBe(2026);
      expect(summary.missing).toBe(list.total);
      expect(list.items.map((x) => x.id)).toContain(m.id);
      expect(list.items.map((x) => x.id)).not.toContain(student.id);
      expect(list.items.every((x) => x.category === 'employed' || x.category === 'retired')).toBe(true);
    }
    const hospital = (await org.get('/api/v1/dues/bases/summary')).json();
    const branch = (await secretary.get('/api/v1/dues/bases/summary')).json();
    expect(branch.members).toBeLessThan(hospital.members);
    expect(branch.missing).toBeLessThanOrEqual(hospital.missing);
    expect((await org.get(`/api/v1/dues/bases/summary?orgId=${erBranchId}`)).json()).toEqual(branch);
    expect((await secretary.get(`/api/v1/dues/bases/summary?orgId=${neurologyBranchId}`)).statusCode).toBe(403);
  });

  it('reports branch collection and remittance within scope', async () => {
    const res = (await secretary.get('/api/v1/dues/reports/collection?year=2026')).json();
    expect(res.items.map((x: { id: number }) => x.id)).toEqual([erBranchId]);
    const row = res.items[0];
    expect(row.remitCents).toBe(row.paidCents + row.voluntaryCents);
    const all = (await org.get('/api/v1/dues/reports/collection?year=2026')).json();
    expect(all.items.length).toBeGreaterThan(20);
    expect(all.items.some((x: { toCentreCents: number }) => x.toCentreCents >= 100_000)).toBe(true);
    const xlsx = await org.get('/api/v1/dues/reports/collection/export?year=2026');
    expect(xlsx.statusCode).toBe(200);
  });
});
