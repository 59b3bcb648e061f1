import ExcelJS from 'exceljs';
import { DEFAULT_FUNDS_SETTINGS } from '@hongyi/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, createTestApp, errorOf } from '../../test/harness.js';
import { createAccount, createOrg, signIn } from '../../test/fixture.js';
import { PNG_BYTES, postFile } from '../../test/multipart.js';
import { type ServiceUnit, serviceUnit } from '../../test/fixtures/service.js';
import { workbookOf } from '../../test/workbook.js';

const TODAY = '2026-11-23';

let today = TODAY;
let t: TestApp;
let u: ServiceUnit;
let leader: Client;
/** The secretary of the sibling branch (心内科党支部). */
let sibling: Client;
let foreign: ServiceUnit;
let partyGroupId: number;

beforeAll(async () => {
  t = await createTestApp({ empty: true, today: () => today });
  u = await serviceUnit(t, 'fun');
  await createAccount(t.database.db, u.unit, 'fun.leader', [{ role: 'leader' }]);
  await createAccount(t.database.db, u.unit, 'fun.sibling', [{ role: 'branch_secretary', orgId: u.otherBranchId }]);
  leader = await signIn(t, 'fun.leader');
  sibling = await signIn(t, 'fun.sibling');
  partyGroupId = await createOrg(u.office, u.branchId, 'party_group', '急诊党小组');
  foreign = await serviceUnit(t, 'fux', 300);
}, 120_000);
afterAll(() => t?.close());

async function auditOf(entityType: string, entityId: number) {
  return t.database.db
    .selectFrom('audit_log')
    .select(['action', 'summary'])
    .where('tenant_id', '=', u.unit.tenantId)
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', String(entityId))
    .orderBy('id')
    .execute();
}

/** A line through the API (the office). */
async function line(orgId: number, category: string, budgetCents: number, year = 2026, client = u.office): Promise<number> {
  const res = await client.post('/api/v1/funds/lines', { orgId, year, category, budgetCents });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

/** A request through the API (the branch's secretary by default). */
async function request(lineId: number, amountCents: number, extra: Record<string, unknown> = {}, client = u.secretary): Promise<{ id: number }> {
  const res = await client.post('/api/v1/funds/requests', { orgId: u.branchId, budgetLineId: lineId, category: '支部活动', amountCents, purpose: '主题党日活动交通及资料费', ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const versionOf = async (id: number) => (await u.office.get(`/api/v1/funds/requests/${id}`)).json().version as number;
const lineOf = async (id: number, client = u.office) => ((await client.get('/api/v1/funds/lines?pageSize=200&year=2026')).json().items as Array<{ id: number; balanceCents: number; spentCents: number; overrunCents: number; committedCents: number; version: number }>).find((l) => l.id === id)!;

describe('funds settings', () => {
  it('GET/PUT /funds/settings: the office edits the categories and targets, everyone with funds.read reads them', async () => {
    expect((await t.anonymous().get('/api/v1/funds/settings')).statusCode).toBe(401);
    expect((await u.member.get('/api/v1/funds/settings')).statusCode).toBe(403);
    expect((await u.secretary.get('/api/v1/funds/settings')).json()).toEqual({ ...DEFAULT_FUNDS_SETTINGS, version: 0 });
    const bad = await u.office.put('/api/v1/funds/settings', { ...DEFAULT_FUNDS_SETTINGS, approvalTargetDays: 0, version: 0 });
    expect(errorOf(bad).details?.[0]?.path).toBe('body.approvalTargetDays');
    expect((await u.office.put('/api/v1/funds/settings', { ...DEFAULT_FUNDS_SETTINGS, categories: ['其他', '其他'], version: 0 })).statusCode).toBe(400);
    expect((await u.secretary.put('/api/v1/funds/settings', { ...DEFAULT_FUNDS_SETTINGS, version: 0 })).statusCode).toBe(403);
    const next = { ...DEFAULT_FUNDS_SETTINGS, categories: [...DEFAULT_FUNDS_SETTINGS.categories, '困难党员慰问'], version: 0 };
    expect((await u.office.put('/api/v1/funds/settings', next)).statusCode).toBe(200);
    expect((await u.office.put('/api/v1/funds/settings', next)).statusCode).toBe(409);
    expect((await leader.get('/api/v1/funds/settings')).json()).toMatchObject({ categories: next.categories, version: 1 });
  });
});

describe('budget lines', () => {
  it('POST /funds/lines: 401 → 400 naming the field → 403 → 201, audited; one line per org, year and category', async () => {
    const body = { orgId: u.branchId, year: 2026, category: '党员教育', budgetCents: 800_000, note: '全年党员教育' };
    expect((await t.anonymous().post('/api/v1/funds/lines', body)).statusCode).toBe(401);
    expect(errorOf(await u.office.post('/api/v1/funds/lines', { ...body, budgetCents: -1 })).details?.[0]?.path).toBe('body.budgetCents');
    expect(errorOf(await u.office.post('/api/v1/funds/lines', { ...body, category: '旅游' })).details?.[0]?.path).toBe('body.category');
    expect(errorOf(await u.office.post('/api/v1/funds/lines', { ...body, orgId: partyGroupId })).details?.[0]?.path).toBe('body.orgId');
    expect(errorOf(await u.office.post('/api/v1/funds/lines', { ...body, orgId: foreign.branchId })).details?.[0]?.path).toBe('body.orgId');
    expect((await u.secretary.post('/api/v1/funds/lines', body)).statusCode).toBe(403);
    expect((await u.inspector.post('/api/v1/funds/lines', body)).statusCode).toBe(403);
    expect((await leader.post('/api/v1/funds/lines', body)).statusCode).toBe(403);
    const created = await u.office.post('/api/v1/funds/lines', body);
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const twice = await u.office.post('/api/v1/funds/lines', body);
    expect(twice.statusCode).toBe(400);
    expect(errorOf(twice)).toMatchObject({ code: 'FUNDS_LINE_EXISTS', details: [{ path: 'body.category' }] });
    expect(await auditOf('fund_budget_line', id)).toEqual([{ action: 'create', summary: '新增党建经费预算：急诊科全科医学科党支部 2026 年 党员教育 8,000.00 元' }]);
    expect(await lineOf(id)).toMatchObject({ budgetCents: 800_000, spentCents: 0, balanceCents: 800_000, version: 1 });
  });

  it('GET /funds/lines: a secretary sees only their branch; the leader and the inspector read everything, write nothing', async () => {
    const own = await line(u.branchId, '关怀帮扶', 300_000);
    const other = await line(u.otherBranchId, '关怀帮扶', 200_000);
    const committee = await line(u.unit.rootOrgId, '表彰奖励', 1_000_000);
    expect((await t.anonymous().get('/api/v1/funds/lines')).statusCode).toBe(401);
    expect((await u.member.get('/api/v1/funds/lines')).statusCode).toBe(403);
    expect((await u.secretary.get('/api/v1/funds/lines?year=1999')).statusCode).toBe(400);
    const mine = (await u.secretary.get('/api/v1/funds/lines?pageSize=200')).json();
    expect(mine.year).toBe(2026);
    expect(mine.items.map((l: { id: number }) => l.id)).toContain(own);
    expect(mine.items.map((l: { id: number }) => l.id)).not.toContain(other);
    expect(mine.items.map((l: { id: number }) => l.id)).not.toContain(committee);
    expect(mine.items.every((l: { orgId: number }) => l.orgId === u.branchId)).toBe(true);
    expect((await u.secretary.get(`/api/v1/funds/lines?orgId=${u.otherBranchId}`)).statusCode).toBe(403);
    for (const reader of [leader, u.inspector]) {
      const all = (await reader.get('/api/v1/funds/lines?pageSize=200')).json();
      expect(all.items.map((l: { id: number }) => l.id)).toEqual(expect.arrayContaining([own, other, committee]));
      expect(all.totals.budgetCents).toBe(all.items.reduce((n: number, l: { budgetCents: number }) => n + l.budgetCents, 0));
    }
    const under = (await u.office.get(`/api/v1/funds/lines?orgId=${u.generalId}&pageSize=200`)).json().items.map((l: { id: number }) => l.id);
    expect(under).toEqual(expect.arrayContaining([own, other]));
    expect(under).not.toContain(committee);
  });

  it('PUT /funds/lines/:id 409 on a stale version, no cut below what is spent; DELETE only an unused line', async () => {
    const id = await line(u.branchId, '阵地建设', 500_000);
    expect((await u.secretary.put(`/api/v1/funds/lines/${id}`, { budgetCents: 600_000, version: 1 })).statusCode).toBe(403);
    expect((await u.office.put(`/api/v1/funds/lines/${id}`, { budgetCents: 600_000, version: 1 })).statusCode).toBe(200);
    expect((await u.office.put(`/api/v1/funds/lines/${id}`, { budgetCents: 700_000, version: 1 })).statusCode).toBe(409);
    await u.office.post('/api/v1/funds/expenses', { budgetLineId: id, spentOn: '2026-06-01', amountCents: 450_000, purpose: '党员活动室桌椅', voucherNo: '记-2026-0601' });
    const cut = await u.office.put(`/api/v1/funds/lines/${id}`, { budgetCents: 400_000, version: 2 });
    expect(cut.statusCode).toBe(400);
    expect(errorOf(cut)).toMatchObject({ code: 'FUNDS_BUDGET_BELOW_SPENT', details: [{ path: 'body.budgetCents' }] });
    expect(errorOf(cut).message).toContain('4,500.00 元');
    expect((await u.office.put(`/api/v1/funds/lines/${id}`, { budgetCents: 450_000, version: 2 })).statusCode).toBe(200);
    expect((await u.office.delete(`/api/v1/funds/lines/${id}?version=3`)).statusCode).toBe(409);
    const unused = await line(u.otherBranchId, '阵地建设', 100_000);
    expect((await u.office.delete(`/api/v1/funds/lines/${unused}?version=2`)).statusCode).toBe(409);
    expect((await u.office.delete(`/api/v1/funds/lines/${unused}?version=1`)).statusCode).toBe(204);
    expect(await auditOf('fund_budget_line', unused)).toMatchObject([{ action: 'create' }, { action: 'delete' }]);
    expect((await foreign.office.put(`/api/v1/funds/lines/${id}`, { budgetCents: 1, version: 3 })).statusCode).toBe(404);
  });
});

describe('requests', () => {
  let lineId: number;
  beforeAll(async () => {
    lineId = await line(u.branchId, '支部活动', 1_000_000);
  });

  it('POST /funds/requests: 401 → 400 naming the field → 403 → 201 dated today, audited', async () => {
    const body = { orgId: u.branchId, budgetLineId: lineId, category: '支部活动', amountCents: 120_000, purpose: '“七一”主题党日参观红色教育基地' };
    expect((await t.anonymous().post('/api/v1/funds/requests', body)).statusCode).toBe(401);
    expect(errorOf(await u.secretary.post('/api/v1/funds/requests', { ...body, purpose: ' ' })).details?.[0]?.path).toBe('body.purpose');
    expect(errorOf(await u.secretary.post('/api/v1/funds/requests', { ...body, amountCents: 0 })).details?.[0]?.path).toBe('body.amountCents');
    expect(errorOf(await u.secretary.post('/api/v1/funds/requests', { ...body, category: '党员教育' })).details?.[0]?.path).toBe('body.category');
    const otherLine = await line(u.otherBranchId, '支部活动', 500_000);
    expect(errorOf(await u.secretary.post('/api/v1/funds/requests', { ...body, budgetLineId: otherLine })).details?.[0]?.path).toBe('body.budgetLineId');
    expect(errorOf(await u.secretary.post('/api/v1/funds/requests', { ...body, budgetLineId: 999_999_999 })).details?.[0]?.path).toBe('body.budgetLineId');
    const committeeLine = await line(u.unit.rootOrgId, '支部活动', 500_000);
    expect(errorOf(await u.office.post('/api/v1/funds/requests', { ...body, orgId: u.unit.rootOrgId, budgetLineId: committeeLine })).details?.[0]?.path).toBe('body.orgId');
    const lastYear = await line(u.branchId, '支部活动', 100_000, 2024);
    expect(errorOf(await u.secretary.post('/api/v1/funds/requests', { ...body, budgetLineId: lastYear })).code).toBe('FUNDS_LINE_OTHER_YEAR');
    expect((await u.member.post('/api/v1/funds/requests', body)).statusCode).toBe(403);
    expect((await u.inspector.post('/api/v1/funds/requests', body)).statusCode).toBe(403);
    expect((await leader.post('/api/v1/funds/requests', body)).statusCode).toBe(403);
    expect((await u.secretary.post('/api/v1/funds/requests', { ...body, orgId: u.otherBranchId, budgetLineId: otherLine })).statusCode).toBe(403);
    const created = await u.secretary.post('/api/v1/funds/requests', body);
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const detail = (await u.secretary.get(`/api/v1/funds/requests/${id}`)).json();
    expect(detail).toMatchObject({ status: 'submitted', requestedOn: TODAY, amountCents: 120_000, canEdit: true, canUpload: true, canDecide: false, canPay: false, approvalDays: null, line: { id: lineId } });
    expect((await u.office.get(`/api/v1/funds/requests/${id}`)).json()).toMatchObject({ canDecide: true, canPay: false });
    expect(await auditOf('fund_request', id)).toEqual([{ action: 'create', summary: '提交党建经费申请：急诊科全科医学科党支部 支部活动 1,200.00 元' }]);
    // The office may ask for a branch too.
    expect((await u.office.post('/api/v1/funds/requests', { ...body, orgId: u.otherBranchId, budgetLineId: otherLine })).statusCode).toBe(201);
  });

  it('GET /funds/requests: scoped; another branch’s request is refused to a secretary; status filter', async () => {
    const otherLine = (await u.office.get(`/api/v1/funds/lines?orgId=${u.otherBranchId}&pageSize=200`)).json().items.find((l: { category: string }) => l.category === '支部活动').id;
    const theirs = (await request(otherLine, 50_000, { orgId: u.otherBranchId }, sibling)).id;
    const mine = (await request(lineId, 30_000)).id;
    expect((await u.secretary.get(`/api/v1/funds/requests/${theirs}`)).statusCode).toBe(403);
    expect((await u.secretary.get(`/api/v1/funds/requests/${999_999_999}`)).statusCode).toBe(404);
    expect((await foreign.office.get(`/api/v1/funds/requests/${mine}`)).statusCode).toBe(404);
    const list = (await u.secretary.get('/api/v1/funds/requests?pageSize=200')).json();
    expect(list.items.map((r: { id: number }) => r.id)).toContain(mine);
    expect(list.items.every((r: { orgId: number }) => r.orgId === u.branchId)).toBe(true);
    expect((await u.secretary.get('/api/v1/funds/requests?status=lost')).statusCode).toBe(400);
    const submitted = (await u.office.get('/api/v1/funds/requests?status=submitted&pageSize=200')).json().items;
    expect(submitted.map((r: { id: number }) => r.id)).toEqual(expect.arrayContaining([mine, theirs]));
    expect((await leader.get(`/api/v1/funds/requests/${theirs}`)).json()).toMatchObject({ canEdit: false, canDecide: false, canUpload: false });
  });

  it('PUT /funds/requests/:id while it waits; 409 on a stale version or once decided', async () => {
    const { id } = await request(lineId, 40_000);
    const body = { orgId: u.branchId, budgetLineId: lineId, category: '支部活动', amountCents: 45_000, purpose: '支部书记讲党课资料印制', version: 1 };
    expect((await sibling.put(`/api/v1/funds/requests/${id}`, body)).statusCode).toBe(403);
    expect((await u.secretary.put(`/api/v1/funds/requests/${id}`, body)).statusCode).toBe(200);
    expect((await u.secretary.put(`/api/v1/funds/requests/${id}`, body)).statusCode).toBe(409);
    // The office approves with the version it read before the secretary's change: stale.
    expect((await u.office.post(`/api/v1/funds/requests/${id}/approve`, { version: 1 })).statusCode).toBe(409);
    expect((await u.office.post(`/api/v1/funds/requests/${id}/approve`, { version: 2 })).statusCode).toBe(200);
    const late = await u.secretary.put(`/api/v1/funds/requests/${id}`, { ...body, version: 3 });
    expect(late.statusCode).toBe(409);
    expect(errorOf(late)).toMatchObject({ code: 'FUNDS_REQUEST_STATE' });
    expect(errorOf(late).message).toContain('已批准待拨付');
  });

  it('approve / return / pay: 401 → 400 → 403 → 200, audited; the payment becomes an expense in the same transaction', async () => {
    const { id } = await request(lineId, 200_000);
    expect((await t.anonymous().post(`/api/v1/funds/requests/${id}/approve`, { version: 1 })).statusCode).toBe(401);
    expect(errorOf(await u.office.post(`/api/v1/funds/requests/${id}/approve`, {})).details?.[0]?.path).toBe('body.version');
    expect((await u.secretary.post(`/api/v1/funds/requests/${id}/approve`, { version: 1 })).statusCode).toBe(403);
    expect((await leader.post(`/api/v1/funds/requests/${id}/approve`, { version: 1 })).statusCode).toBe(403);
    expect((await u.inspector.post(`/api/v1/funds/requests/${id}/pay`, { version: 1, paidOn: TODAY, amountCents: 1, voucherNo: 'x' })).statusCode).toBe(403);
    expect((await foreign.office.post(`/api/v1/funds/requests/${id}/approve`, { version: 1 })).statusCode).toBe(404);
    // Paying before approval: the state refuses.
    expect(errorOf(await u.office.post(`/api/v1/funds/requests/${id}/pay`, { version: 1, paidOn: TODAY, amountCents: 200_000, voucherNo: '记-11-001' })).code).toBe('FUNDS_REQUEST_STATE');
    expect((await u.office.post(`/api/v1/funds/requests/${id}/approve`, { version: 1, note: '同意，按标准报销' })).statusCode).toBe(200);
    expect((await u.office.post(`/api/v1/funds/requests/${id}/return`, { version: 2, reason: '重复' })).statusCode).toBe(409);

    const pay = { version: 2, paidOn: TODAY, amountCents: 200_000, voucherNo: '记-2026-11-031' };
    expect(errorOf(await u.office.post(`/api/v1/funds/requests/${id}/pay`, { ...pay, voucherNo: '' })).details?.[0]?.path).toBe('body.voucherNo');
    expect(errorOf(await u.office.post(`/api/v1/funds/requests/${id}/pay`, { ...pay, paidOn: '2026-11-22' })).details?.[0]?.path).toBe('body.paidOn');
    expect(errorOf(await u.office.post(`/api/v1/funds/requests/${id}/pay`, { ...pay, paidOn: '2026-11-24' })).details?.[0]?.path).toBe('body.paidOn');
    expect(errorOf(await u.office.post(`/api/v1/funds/requests/${id}/pay`, { ...pay, amountCents: 200_001 })).details?.[0]?.path).toBe('body.amountCents');
    const before = await lineOf(lineId);
    const paid = await u.office.post(`/api/v1/funds/requests/${id}/pay`, { ...pay, amountCents: 188_000 });
    expect(paid.statusCode).toBe(200);
    const { expenseId } = paid.json();
    expect((await u.office.post(`/api/v1/funds/requests/${id}/pay`, pay)).statusCode).toBe(409);
    const detail = (await u.secretary.get(`/api/v1/funds/requests/${id}`)).json();
    expect(detail).toMatchObject({ status: 'paid', decidedOn: TODAY, decisionNote: '同意，按标准报销', expenseId, paidOn: TODAY, paidCents: 188_000, voucherNo: '记-2026-11-031', approvalDays: 0, paymentDays: 0, canEdit: false, canPay: false });
    expect((await u.secretary.get(`/api/v1/funds/expenses/${expenseId}`)).json()).toMatchObject({ requestId: id, amountCents: 188_000, budgetLineId: lineId, overrunCents: 0 });
    expect((await lineOf(lineId)).spentCents).toBe(before.spentCents + 188_000);
    expect((await auditOf('fund_request', id)).map((a) => a.summary)).toEqual([
      '提交党建经费申请：急诊科全科医学科党支部 支部活动 2,000.00 元',
      '批准党建经费申请：急诊科全科医学科党支部 支部活动 2,000.00 元（同意，按标准报销）',
      '拨付党建经费：急诊科全科医学科党支部 支部活动 1,880.00 元，凭证号 记-2026-11-031',
    ]);

    const returned = (await request(lineId, 10_000)).id;
    expect(errorOf(await u.office.post(`/api/v1/funds/requests/${returned}/return`, { version: 1, reason: '' })).details?.[0]?.path).toBe('body.reason');
    expect((await u.office.post(`/api/v1/funds/requests/${returned}/return`, { version: 1, reason: '用途不在党建经费范围，请改由工会经费列支' })).statusCode).toBe(200);
    expect((await u.office.post(`/api/v1/funds/requests/${returned}/approve`, { version: 2 })).statusCode).toBe(409);
    expect((await u.secretary.get(`/api/v1/funds/requests/${returned}`)).json()).toMatchObject({ status: 'returned', decisionNote: '用途不在党建经费范围，请改由工会经费列支', approvalDays: null });
  });
});

describe('the balance never goes below zero unless an overrun is recorded', () => {
  it('refuses a payment and a direct expense that would overdraw without a reason; takes them with one', async () => {
    const id = await line(u.otherBranchId, '表彰奖励', 100_000);
    const first = (await request(id, 80_000, { orgId: u.otherBranchId, category: '表彰奖励' }, sibling)).id;
    const second = (await request(id, 30_000, { orgId: u.otherBranchId, category: '表彰奖励' }, sibling)).id;
    for (const r of [first, second]) expect((await u.office.post(`/api/v1/funds/requests/${r}/approve`, { version: 1 })).statusCode).toBe(200);
    expect(await lineOf(id)).toMatchObject({ balanceCents: 100_000, committedCents: 110_000 });
    expect((await u.office.post(`/api/v1/funds/requests/${first}/pay`, { version: 2, paidOn: TODAY, amountCents: 80_000, voucherNo: '记-001' })).statusCode).toBe(200);

    const refused = await u.office.post(`/api/v1/funds/requests/${second}/pay`, { version: 2, paidOn: TODAY, amountCents: 30_000, voucherNo: '记-002' });
    expect(refused.statusCode).toBe(400);
    expect(errorOf(refused)).toMatchObject({ code: 'FUNDS_OVERDRAW', details: [{ path: 'body.overrunReason', message: '该预算余额为 200.00 元，支出 300.00 元将超支 100.00 元：如确需超支，请填写超支原因' }] });
    // Nothing of the refused payment stayed: the request is still approved, no expense, the balance as it was.
    expect((await u.office.get(`/api/v1/funds/requests/${second}`)).json()).toMatchObject({ status: 'approved', version: 2, expenseId: null });
    expect(await lineOf(id)).toMatchObject({ balanceCents: 20_000, spentCents: 80_000 });

    // A direct expense that fits takes the balance to zero; one more 分 is refused.
    expect((await u.office.post('/api/v1/funds/expenses', { budgetLineId: id, spentOn: TODAY, amountCents: 20_000, purpose: '优秀党员证书', voucherNo: '记-003' })).statusCode).toBe(201);
    const oneMore = await u.office.post('/api/v1/funds/expenses', { budgetLineId: id, spentOn: TODAY, amountCents: 1, purpose: '证书框', voucherNo: '记-004' });
    expect(errorOf(oneMore)).toMatchObject({ code: 'FUNDS_OVERDRAW', details: [{ path: 'body.overrunReason' }] });
    expect((await lineOf(id)).balanceCents).toBe(0);

    // With the reason the overrun is recorded, on the expense and the line.
    const overrun = await u.office.post(`/api/v1/funds/requests/${second}/pay`, { version: 2, paidOn: TODAY, amountCents: 30_000, voucherNo: '记-002', overrunReason: '党委会议定追加表彰名额' });
    expect(overrun.statusCode).toBe(200);
    expect(await lineOf(id)).toMatchObject({ balanceCents: -30_000, overrunCents: 30_000, spentCents: 130_000 });
    expect((await u.office.get(`/api/v1/funds/expenses/${overrun.json().expenseId}`)).json()).toMatchObject({ overrunCents: 30_000, overrunReason: '党委会议定追加表彰名额' });
    expect((await auditOf('fund_request', second)).at(-1)?.summary).toContain('超支原因：党委会议定追加表彰名额');
    // The English message reads in English.
    await t.database.db.updateTable('users').set({ language: 'en-US' }).where('tenant_id', '=', u.unit.tenantId).where('username', '=', 'fun.office').execute();
    const english = await (await signIn(t, 'fun.office')).post('/api/v1/funds/expenses', { budgetLineId: id, spentOn: TODAY, amountCents: 100, purpose: '证书框', voucherNo: '记-005' });
    expect(errorOf(english).details?.[0]?.message).toBe('The line has -300.00 yuan left; spending 1.00 yuan would overrun it by 1.00 yuan. To overrun it, give the reason');
    await t.database.db.updateTable('users').set({ language: 'zh-CN' }).where('tenant_id', '=', u.unit.tenantId).where('username', '=', 'fun.office').execute();
  });

  it('two payments at once cannot both spend the last of a line', async () => {
    const id = await line(u.otherBranchId, '党员教育', 50_000);
    const a = (await request(id, 30_000, { orgId: u.otherBranchId, category: '党员教育' }, sibling)).id;
    const b = (await request(id, 30_000, { orgId: u.otherBranchId, category: '党员教育' }, sibling)).id;
    for (const r of [a, b]) await u.office.post(`/api/v1/funds/requests/${r}/approve`, { version: 1 });
    const results = await Promise.all([a, b].map((r, i) => u.office.post(`/api/v1/funds/requests/${r}/pay`, { version: 2, paidOn: TODAY, amountCents: 30_000, voucherNo: `记-并发-${i}` })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 400]);
    expect(await lineOf(id)).toMatchObject({ spentCents: 30_000, balanceCents: 20_000 });
  });

  it('POST /funds/expenses: 401 → 400 → 403; a date not yet come or before the line’s year is refused', async () => {
    const id = await line(u.unit.rootOrgId, '党员教育', 2_000_000);
    const body = { budgetLineId: id, spentOn: '2026-09-10', amountCents: 350_000, purpose: '全院党员冬训教材', voucherNo: '记-2026-09-012' };
    expect((await t.anonymous().post('/api/v1/funds/expenses', body)).statusCode).toBe(401);
    expect(errorOf(await u.office.post('/api/v1/funds/expenses', { ...body, spentOn: '2026-12-01' })).details?.[0]?.path).toBe('body.spentOn');
    expect(errorOf(await u.office.post('/api/v1/funds/expenses', { ...body, spentOn: '2025-12-31' })).details?.[0]?.path).toBe('body.spentOn');
    expect(errorOf(await u.office.post('/api/v1/funds/expenses', { ...body, budgetLineId: 999_999_999 })).details?.[0]?.path).toBe('body.budgetLineId');
    expect((await u.secretary.post('/api/v1/funds/expenses', body)).statusCode).toBe(403);
    expect((await foreign.office.post('/api/v1/funds/expenses', body)).statusCode).toBe(400);
    const created = await u.office.post('/api/v1/funds/expenses', body);
    expect(created.statusCode).toBe(201);
    expect(await auditOf('fund_expense', created.json().id)).toEqual([{ action: 'create', summary: '登记党建经费支出：中共fun医院委员会 党员教育 3,500.00 元，凭证号 记-2026-09-012' }]);
    expect((await u.secretary.get(`/api/v1/funds/expenses/${created.json().id}`)).statusCode).toBe(403);
    const mine = (await u.secretary.get('/api/v1/funds/expenses?pageSize=200')).json().items;
    expect(mine.every((e: { orgId: number }) => e.orgId === u.branchId)).toBe(true);
    expect((await leader.get(`/api/v1/funds/expenses?budgetLineId=${id}`)).json().items.map((e: { id: number }) => e.id)).toEqual([created.json().id]);
  });
});

describe('evidence files', () => {
  it('a request’s invoice: 400 on a file that is not evidence → 403 → 201 → download → withdraw; an expense’s by the office', async () => {
    const lineId = await line(u.branchId, '其他', 100_000);
    const { id } = await request(lineId, 5_000, { category: '其他' });
    expect((await t.anonymous().post(`/api/v1/funds/requests/${id}/files`, {})).statusCode).toBe(401);
    expect((await postFile(u.secretary, `/api/v1/funds/requests/${id}/files`, { name: 'a.svg', content: Buffer.from('<svg/>') })).statusCode).toBe(400);
    expect((await postFile(sibling, `/api/v1/funds/requests/${id}/files`, { name: '发票.png', content: PNG_BYTES })).statusCode).toBe(403);
    expect((await postFile(leader, `/api/v1/funds/requests/${id}/files`, { name: '发票.png', content: PNG_BYTES })).statusCode).toBe(403);
    const file = await postFile(u.secretary, `/api/v1/funds/requests/${id}/files`, { name: '发票.png', content: PNG_BYTES });
    expect(file.statusCode).toBe(201);
    const fileId = file.json().id;
    expect((await leader.get(`/api/v1/funds/requests/${id}/files/${fileId}`)).headers['content-type']).toBe('image/png');
    expect((await sibling.get(`/api/v1/funds/requests/${id}/files/${fileId}`)).statusCode).toBe(403);
    expect((await u.secretary.get(`/api/v1/funds/requests/${id}`)).json()).toMatchObject({ files: 1, fileList: [{ id: fileId, name: '发票.png' }] });
    expect((await u.secretary.post(`/api/v1/funds/requests/${id}/files/${fileId}/withdraw`, { reason: '传错了' })).json().withdrawn).toBe(true);
    expect((await u.secretary.get(`/api/v1/funds/requests/${id}/files/${fileId}`)).statusCode).toBe(404);

    const expense = (await u.office.post('/api/v1/funds/expenses', { budgetLineId: lineId, spentOn: TODAY, amountCents: 1_000, purpose: '党旗', voucherNo: '记-旗' })).json().id;
    expect((await postFile(u.secretary, `/api/v1/funds/expenses/${expense}/files`, { name: '发票.png', content: PNG_BYTES })).statusCode).toBe(403);
    const onExpense = await postFile(u.office, `/api/v1/funds/expenses/${expense}/files`, { name: '发票.png', content: PNG_BYTES });
    expect(onExpense.statusCode).toBe(201);
    expect((await u.secretary.get(`/api/v1/funds/expenses/${expense}/files/${onExpense.json().id}`)).statusCode).toBe(200);
    expect((await u.secretary.get(`/api/v1/funds/expenses/${expense}`)).json()).toMatchObject({ files: 1, canUpload: false });
  });
});

describe('三优先', () => {
  it('counts the days from a branch’s request to its approval and its payment per quarter, in calendar and working days, against the targets', async () => {
    today = '2025-01-06';
    await line(u.unit.rootOrgId, '支部活动', 300_000, 2025);
    const branchLine = await line(u.branchId, '党员教育', 500_000, 2025);
    await line(u.otherBranchId, '党员教育', 200_000, 2025);
    const ask = async (on: string) => {
      today = on;
      return (await request(branchLine, 10_000, { category: '党员教育' })).id;
    };
    const approve = async (id: number, on: string) => {
      today = on;
      expect((await u.office.post(`/api/v1/funds/requests/${id}/approve`, { version: await versionOf(id) })).statusCode).toBe(200);
    };
    const pay = async (id: number, paidOn: string, on = paidOn) => {
      today = on;
      expect((await u.office.post(`/api/v1/funds/requests/${id}/pay`, { version: await versionOf(id), paidOn, amountCents: 10_000, voucherNo: `记-${paidOn}` })).statusCode).toBe(200);
    };
    try {
      // Q1: asked Mon 01-06, approved Thu 01-09 (3 days, 3 working), paid Thu 01-16, recorded on 01-20 (10 days, 8 working).
      const r1 = await ask('2025-01-06');
      await approve(r1, '2025-01-09');
      await pay(r1, '2025-01-16', '2025-01-20');
      // Q1: asked Mon 03-03, approved Wed 03-12 (9 days: over the 5), paid Tue 04-01 in Q2 (29 days: over the 10).
      const r2 = await ask('2025-03-03');
      await approve(r2, '2025-03-12');
      await pay(r2, '2025-04-01');
      // Q1: asked 02-10, returned the next day.
      const r3 = await ask('2025-02-10');
      today = '2025-02-11';
      expect((await u.office.post(`/api/v1/funds/requests/${r3}/return`, { version: 1, reason: '请补充活动方案' })).statusCode).toBe(200);
      // Q4: asked Thu 2025-09-25, approved Thu 10-09 (14 days; the National Day holiday in between), not yet paid.
      const r4 = await ask('2025-09-25');
      await approve(r4, '2025-10-09');
      today = '2025-12-31';

      expect((await t.anonymous().get('/api/v1/funds/priority')).statusCode).toBe(401);
      expect((await u.member.get('/api/v1/funds/priority')).statusCode).toBe(403);
      expect((await u.office.get('/api/v1/funds/priority?year=20x5')).statusCode).toBe(400);
      const report = (await u.office.get('/api/v1/funds/priority?year=2025')).json();
      expect(report.targets).toEqual({ approvalTargetDays: 5, paymentTargetDays: 10, targetUnit: 'calendar_days' });
      // 预算优先安排: 5,000 + 2,000 of 10,000 on branch lines; two of three branches (the general branch has none) hold a line.
      expect(report.budget).toEqual({ totalCents: 1_000_000, branchCents: 700_000, committeeCents: 300_000, branchShare: 0.7, branchesWithLine: 2, branches: 3 });
      const [q1, q2, q3, q4] = report.quarters;
      expect(q1).toEqual({
        quarter: '2025-Q1',
        requested: 3,
        returned: 1,
        approval: { count: 2, avgDays: 6, maxDays: 9, avgWorkingDays: 5, maxWorkingDays: 7, overTarget: 1 },
        payment: { count: 1, avgDays: 10, maxDays: 10, avgWorkingDays: 8, maxWorkingDays: 8, overTarget: 0 },
      });
      expect(q2).toMatchObject({ requested: 0, approval: { count: 0, avgDays: null }, payment: { count: 1, avgDays: 29, maxDays: 29, overTarget: 1 } });
      expect(q3).toMatchObject({ requested: 1, approval: { count: 0 }, payment: { count: 0 } });
      expect(q4.approval).toEqual({ count: 1, avgDays: 14, maxDays: 14, avgWorkingDays: 5, maxWorkingDays: 5, overTarget: 1 });
      expect(report.total).toMatchObject({ quarter: '2025', requested: 4, returned: 1, approval: { count: 3, maxDays: 14 }, payment: { count: 2, avgDays: 19.5 } });
      // Waiting on 2025-12-31: r4 approved on 10-09 and unpaid, long past the 10 days (the other tests' requests are of 2026).
      expect(report.waiting).toMatchObject({ awaitingPaymentLate: 1 });
      // The same requests carry their days.
      const listed = (await u.secretary.get('/api/v1/funds/requests?year=2025&pageSize=200')).json().items;
      expect(listed.find((r: { id: number }) => r.id === r1)).toMatchObject({ approvalDays: 3, approvalWorkingDays: 3, paymentDays: 10, paymentWorkingDays: 8 });

      // Targets in working days: the National Day approval (5 working days) is within 5; the March one (7) is not.
      const settings = (await u.office.get('/api/v1/funds/settings')).json();
      expect((await u.office.put('/api/v1/funds/settings', { ...settings, targetUnit: 'working_days' })).statusCode).toBe(200);
      const working = (await u.office.get('/api/v1/funds/priority?year=2025')).json();
      expect(working.quarters[3].approval.overTarget).toBe(0);
      expect(working.quarters[0].approval.overTarget).toBe(1);
      await u.office.put('/api/v1/funds/settings', { ...settings, version: settings.version + 1 });

      // A secretary's report covers their branch only: no 党委 line in it.
      const own = (await u.secretary.get('/api/v1/funds/priority?year=2025')).json();
      expect(own.budget).toMatchObject({ totalCents: 500_000, committeeCents: 0, branchShare: 1, branches: 1, branchesWithLine: 1 });
      expect(own.quarters[0].approval.count).toBe(2);
    } finally {
      today = TODAY;
    }
  });

  it('GET /funds/export: one workbook — budget lines with balance, requests with days, expenses, quarters; 401 → 400 → 403 → 200', async () => {
    expect((await t.anonymous().get('/api/v1/funds/export')).statusCode).toBe(401);
    expect((await u.office.get('/api/v1/funds/export?orgId=x')).statusCode).toBe(400);
    expect((await u.member.get('/api/v1/funds/export')).statusCode).toBe(403);
    expect((await u.secretary.get(`/api/v1/funds/export?orgId=${u.otherBranchId}`)).statusCode).toBe(403);
    const res = await u.office.get('/api/v1/funds/export?year=2025');
    expect(res.statusCode).toBe(200);
    const book = await workbookOf(res);
    expect(book.worksheets.map((s) => s.name)).toEqual(['预算', '经费申请', '支出', '三优先']);
    const rows = (sheet: ExcelJS.Worksheet) => Array.from({ length: sheet.rowCount - 1 }, (_, i) => (sheet.getRow(i + 2).values as unknown[]).slice(1));
    const [lines, requests, expenses, priority] = book.worksheets as [ExcelJS.Worksheet, ExcelJS.Worksheet, ExcelJS.Worksheet, ExcelJS.Worksheet];
    expect(rows(lines)[0]).toEqual(['党组织', '类别', '预算', '已支出', '已批未付', '余额', '其中超支', '备注']);
    expect(rows(lines).find((r) => r[0] === '急诊科全科医学科党支部' && r[1] === '党员教育')).toEqual(['急诊科全科医学科党支部', '党员教育', 5000, 200, 100, 4800, 0, '']);
    const header = rows(requests)[0]!;
    const first = rows(requests).find((r) => r[6] === '2025-01-06')!;
    expect(first[header.indexOf('审批天数')]).toBe(3);
    expect(first[header.indexOf('拨付天数')]).toBe(10);
    expect(first[header.indexOf('拨付工作日')]).toBe(8);
    expect(rows(expenses).length).toBe(3);
    expect(priority.getRow(1).getCell(1).text).toContain('支部预算占 70.0%');
    expect(rows(priority)[1]!.slice(0, 8)).toEqual(['2025-Q1', 3, 1, 2, 6, 9, 5, 1]);
    expect(rows(priority).at(-1)![0]).toBe('全年');
  });
});
