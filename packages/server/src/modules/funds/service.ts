/**
 * Party-work funds (党建经费, core funds.ts): budget lines, branch requests, expenses and their
 * evidence. Permissions (core access.ts):
 * - funds.read: the lines, requests and expenses of the orgs in the caller's scope;
 * - funds.write: a branch requests money for itself (a branch secretary within their subtree, or
 *   the office for any branch), changes a request while it waits, adds its invoices;
 * - funds.approve (the organisation office): budget lines, approving or returning a request,
 *   recording its payment, and expenses recorded directly.
 * A payment or an expense that would take a line's balance below zero is refused on its
 * overrunReason field unless it names one (core expenseCheck); the line is locked meanwhile.
 */
import {
  type FundRequestStatus,
  FUND_LINE_ORG_TYPES,
  FUND_REQUEST_ORG_TYPES,
  type FundsSettings,
  type WorkingDayCalendar,
  compareDates,
  elapsedDays,
  expenseCheck,
  mayMoveRequest,
} from '@hongyi/core';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Ctx } from '../../lib/context.js';
import { covers, requireInScope } from '../../lib/scope.js';
import { evidenceFiles } from '../../lib/evidence.js';
import { writeAudit } from '../../plugins/audit.js';
import { AppError, conflict, fieldError, notFound } from '../../plugins/errors.js';
import { loadCalendar } from '../development/service.js';
import { loadSettings, saveSettings } from '../settings/service.js';
import {
  type ExpenseRow,
  type LineRow,
  type RequestRow,
  type RequestValues,
  deleteLine,
  findExpense,
  findLine,
  findOrg,
  findRequest,
  insertExpense,
  insertLine,
  insertRequest,
  lineByKey,
  lineTotals,
  lineUses,
  listExpenses,
  listLines,
  listRequests,
  lockLine,
  moveRequest,
  spentOf,
  updateLine,
  updateRequest,
} from './repository.js';

type Db = Ctx['db'] | Transaction<DB>;
type Permission = 'funds.read' | 'funds.write' | 'funds.approve';
type PageArgs = { page: number; pageSize: number };
const paging = (p: PageArgs) => ({ limit: p.pageSize, offset: (p.page - 1) * p.pageSize });

/** 123456 分 → '1,234.56 元' (audit summaries, and error texts in the caller's language). */
export function yuanText(cents: number, language: Ctx['language'] = 'zh-CN'): string {
  const amount = (cents / 100).toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return language === 'en-US' ? `${amount} yuan` : `${amount} 元`;
}

const STATUS_TEXT: Record<Ctx['language'], Record<FundRequestStatus, string>> = {
  'zh-CN': { submitted: '待审批', approved: '已批准待拨付', returned: '已退回', paid: '已拨付' },
  'en-US': { submitted: 'awaiting approval', approved: 'approved, awaiting payment', returned: 'returned', paid: 'paid' },
};

/** 409: the request is no longer in the state the step needs (someone else took a step first). */
const wrongState = (ctx: Ctx, status: FundRequestStatus) => new AppError(409, 'FUNDS_REQUEST_STATE', { status: STATUS_TEXT[ctx.language][status] });

const yearOf = (date: string) => Number(date.slice(0, 4));

// ---------------------------------------------------------------------------------------
// Settings

export async function fundsSettings(ctx: Ctx, db: Db = ctx.db) {
  return loadSettings(db, ctx.tenantId, 'funds');
}

export async function saveFundsSettings(ctx: Ctx, value: FundsSettings, version: number) {
  return ctx.db.transaction().execute((trx) => saveSettings(trx, ctx.auditor, 'funds', value, version, { summary: '修改党建经费类别和“三优先”时限', language: ctx.language }));
}

// ---------------------------------------------------------------------------------------
// Scope helpers

/** The org, when it exists in the unit (400 on the field) and the scope reaches it (403). */
async function orgInScope(ctx: Ctx, db: Db, orgId: number, path: string, permission: Permission) {
  const org = await findOrg(db, ctx.tenantId, orgId);
  return requireInScope(ctx.scope(permission), org && { ...org, orgPath: org.path }, fieldError(ctx.language, path, 'FUNDS_ORG_UNKNOWN', { id: orgId }));
}

/** The path a list's org filter narrows to (the org in the read scope). */
async function orgFilter(ctx: Ctx, orgId: number | undefined) {
  return orgId ? (await orgInScope(ctx, ctx.db, orgId, 'query.orgId', 'funds.read')).path : undefined;
}

async function visibleLine(ctx: Ctx, db: Db, id: number, permission: Permission): Promise<LineRow> {
  return requireInScope(ctx.scope(permission), await findLine(db, ctx.tenantId, id), notFound('FUNDS_LINE_NOT_FOUND', id));
}

async function visibleRequest(ctx: Ctx, db: Db, id: number, permission: Permission): Promise<RequestRow> {
  return requireInScope(ctx.scope(permission), await findRequest(db, ctx.tenantId, id), notFound('FUNDS_REQUEST_NOT_FOUND', id));
}

async function visibleExpense(ctx: Ctx, db: Db, id: number, permission: Permission): Promise<ExpenseRow> {
  return requireInScope(ctx.scope(permission), await findExpense(db, ctx.tenantId, id), notFound('FUNDS_EXPENSE_NOT_FOUND', id));
}

const presentLine = ({ orgPath: _p, ...line }: LineRow) => line;
const presentExpense = ({ orgPath: _p, ...expense }: ExpenseRow) => expense;

/** A request as the API shows it: no path; the 三优先 days from its dates. */
export function presentRequest({ orgPath: _p, ...r }: RequestRow, calendar: WorkingDayCalendar) {
  const approvedOn = r.status === 'approved' || r.status === 'paid' ? r.decidedOn : null;
  const approval = approvedOn ? elapsedDays(r.requestedOn, approvedOn, calendar) : null;
  const payment = r.paidOn ? elapsedDays(r.requestedOn, r.paidOn, calendar) : null;
  return {
    ...r,
    approvalDays: approval?.days ?? null,
    approvalWorkingDays: approval?.workingDays ?? null,
    paymentDays: payment?.days ?? null,
    paymentWorkingDays: payment?.workingDays ?? null,
  };
}

// ---------------------------------------------------------------------------------------
// Budget lines

export interface LineInput {
  orgId: number;
  year: number;
  category: string;
  budgetCents: number;
  note: string;
}

export async function lineList(ctx: Ctx, f: { year?: number | undefined; orgId?: number | undefined }, page: PageArgs) {
  const filter = { year: f.year ?? yearOf(ctx.today), orgPath: await orgFilter(ctx, f.orgId) };
  const scope = ctx.scope('funds.read');
  const { items, total } = await listLines(ctx.db, ctx.tenantId, scope, filter, paging(page));
  return { items: items.map(presentLine), total, year: filter.year, totals: await lineTotals(ctx.db, ctx.tenantId, scope, filter) };
}

export async function createLine(ctx: Ctx, input: LineInput): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const org = await orgInScope(ctx, trx, input.orgId, 'body.orgId', 'funds.approve');
    if (!FUND_LINE_ORG_TYPES.includes(org.type)) throw fieldError(ctx.language, 'body.orgId', 'FUNDS_ORG_NO_LINES');
    const { categories } = (await fundsSettings(ctx, trx)).value;
    if (!categories.includes(input.category)) throw fieldError(ctx.language, 'body.category', 'FUNDS_CATEGORY_UNKNOWN', { category: input.category });
    if (await lineByKey(trx, ctx.tenantId, org.id, input.year, input.category)) throw fieldError(ctx.language, 'body.category', 'FUNDS_LINE_EXISTS', { name: org.name, year: input.year, category: input.category });
    const values = { org_id: org.id, year: input.year, category: input.category, budget_cents: input.budgetCents, note: input.note };
    const id = await insertLine(trx, ctx.tenantId, values, ctx.username);
    await writeAudit(trx, ctx.auditor, { action: 'create', entityType: 'fund_budget_line', entityId: id, summary: `新增党建经费预算：${org.name} ${input.year} 年 ${input.category} ${yuanText(input.budgetCents)}`, after: values });
    return id;
  });
}

/** Changes a line's amount and note (its org, year and category stay). A cut may not leave less than is spent. */
export async function changeLine(ctx: Ctx, id: number, version: number, input: { budgetCents: number; note: string }): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await visibleLine(ctx, trx, id, 'funds.approve');
    await lockLine(trx, ctx.tenantId, id);
    const spent = await spentOf(trx, ctx.tenantId, id);
    if (input.budgetCents < before.budgetCents && input.budgetCents < spent) {
      throw fieldError(ctx.language, 'body.budgetCents', 'FUNDS_BUDGET_BELOW_SPENT', { spent: yuanText(spent, ctx.language) });
    }
    if (!(await updateLine(trx, ctx.tenantId, id, version, { budget_cents: input.budgetCents, note: input.note }))) throw conflict();
    await writeAudit(trx, ctx.auditor, {
      action: 'update',
      entityType: 'fund_budget_line',
      entityId: id,
      summary: `调整党建经费预算：${before.orgName} ${before.year} 年 ${before.category} ${yuanText(before.budgetCents)} → ${yuanText(input.budgetCents)}`,
      before: { budget_cents: before.budgetCents, note: before.note },
      after: { budget_cents: input.budgetCents, note: input.note },
    });
  });
}

export async function removeLine(ctx: Ctx, id: number, version: number): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await visibleLine(ctx, trx, id, 'funds.approve');
    if ((await lineUses(trx, ctx.tenantId, id)) > 0) throw new AppError(409, 'FUNDS_LINE_IN_USE');
    if (!(await deleteLine(trx, ctx.tenantId, id, version))) throw conflict();
    await writeAudit(trx, ctx.auditor, { action: 'delete', entityType: 'fund_budget_line', entityId: id, summary: `删除党建经费预算：${before.orgName} ${before.year} 年 ${before.category}`, before: presentLine(before) });
  });
}

// ---------------------------------------------------------------------------------------
// Requests

export interface RequestInput {
  orgId: number;
  budgetLineId: number;
  category: string;
  amountCents: number;
  purpose: string;
}

/** A request's values: a branch in the write scope asking on its own line of the year, in the line's category. */
async function checkRequest(ctx: Ctx, db: Db, input: RequestInput, year: number): Promise<RequestValues> {
  const org = await orgInScope(ctx, db, input.orgId, 'body.orgId', 'funds.write');
  if (!FUND_REQUEST_ORG_TYPES.includes(org.type)) throw fieldError(ctx.language, 'body.orgId', 'FUNDS_ORG_NOT_BRANCH');
  const line = await findLine(db, ctx.tenantId, input.budgetLineId);
  if (!line || line.orgId !== org.id) throw fieldError(ctx.language, 'body.budgetLineId', 'FUNDS_LINE_NOT_OF_ORG', { id: input.budgetLineId, name: org.name });
  if (line.year !== year) throw fieldError(ctx.language, 'body.budgetLineId', 'FUNDS_LINE_OTHER_YEAR', { year: line.year, current: year });
  if (line.category !== input.category) throw fieldError(ctx.language, 'body.category', 'FUNDS_LINE_OTHER_CATEGORY', { category: input.category, line: line.category });
  return { org_id: org.id, budget_line_id: line.id, category: line.category, amount_cents: input.amountCents, purpose: input.purpose };
}

export async function requestList(ctx: Ctx, f: { year?: number | undefined; orgId?: number | undefined; status?: FundRequestStatus | undefined }, page: PageArgs) {
  const filter = { year: f.year ?? yearOf(ctx.today), orgPath: await orgFilter(ctx, f.orgId), status: f.status };
  const { items, total } = await listRequests(ctx.db, ctx.tenantId, ctx.scope('funds.read'), filter, paging(page));
  const calendar = await loadCalendar(ctx.db);
  return { items: items.map((r) => presentRequest(r, calendar)), total, year: filter.year };
}

export async function requestDetail(ctx: Ctx, id: number) {
  const request = await visibleRequest(ctx, ctx.db, id, 'funds.read');
  const line = await findLine(ctx.db, ctx.tenantId, request.budgetLineId);
  const files = await requestFiles.of(ctx, id);
  const writes = ctx.can('funds.write') && covers(ctx.scope('funds.write'), request.orgPath);
  const approves = ctx.can('funds.approve');
  return {
    ...presentRequest(request, await loadCalendar(ctx.db)),
    line: line ? presentLine(line) : null,
    fileList: files,
    canEdit: writes && request.status === 'submitted',
    canUpload: writes,
    canDecide: approves && request.status === 'submitted',
    canPay: approves && request.status === 'approved',
  };
}

export async function createRequest(ctx: Ctx, input: RequestInput): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const values = await checkRequest(ctx, trx, input, yearOf(ctx.today));
    const id = await insertRequest(trx, ctx.tenantId, values, ctx.today, { userId: ctx.userId, username: ctx.name || ctx.username });
    const org = await findOrg(trx, ctx.tenantId, values.org_id);
    await writeAudit(trx, ctx.auditor, { action: 'create', entityType: 'fund_request', entityId: id, summary: `提交党建经费申请：${org?.name ?? ''} ${values.category} ${yuanText(values.amount_cents)}`, after: { ...values, requested_on: ctx.today } });
    return id;
  });
}

/** The request in the state `status`: 409 naming its state otherwise (someone decided it first). */
function requireStatus(ctx: Ctx, request: RequestRow, status: FundRequestStatus): void {
  if (request.status !== status) throw wrongState(ctx, request.status);
}

export async function changeRequest(ctx: Ctx, id: number, version: number, input: RequestInput): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await visibleRequest(ctx, trx, id, 'funds.write');
    if (before.version !== version) throw conflict();
    requireStatus(ctx, before, 'submitted');
    const values = await checkRequest(ctx, trx, input, yearOf(before.requestedOn));
    if (!(await updateRequest(trx, ctx.tenantId, id, version, values))) throw conflict();
    await writeAudit(trx, ctx.auditor, {
      action: 'update',
      entityType: 'fund_request',
      entityId: id,
      summary: `修改党建经费申请：${before.orgName} ${values.category} ${yuanText(values.amount_cents)}`,
      before: { budget_line_id: before.budgetLineId, category: before.category, amount_cents: before.amountCents, purpose: before.purpose },
      after: values,
    });
  });
}

/** Approves (流程优先办理: today is the day it is counted to) or returns with a reason. */
export async function decideRequest(ctx: Ctx, id: number, version: number, decision: { to: 'approved' | 'returned'; note: string }): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await visibleRequest(ctx, trx, id, 'funds.approve');
    if (before.version !== version) throw conflict();
    if (!mayMoveRequest(before.status, decision.to)) throw wrongState(ctx, before.status);
    const moved = await moveRequest(trx, ctx.tenantId, id, version, 'submitted', decision.to, { decided_on: ctx.today, decision_note: decision.note, decided_by_name: ctx.name || ctx.username });
    if (!moved) throw conflict();
    const verb = decision.to === 'approved' ? '批准' : '退回';
    await writeAudit(trx, ctx.auditor, {
      action: 'update',
      entityType: 'fund_request',
      entityId: id,
      summary: `${verb}党建经费申请：${before.orgName} ${before.category} ${yuanText(before.amountCents)}${decision.note ? `（${decision.note}）` : ''}`,
      before: { status: before.status },
      after: { status: decision.to, decided_on: ctx.today, decision_note: decision.note },
    });
  });
}

export interface ExpenseInput {
  budgetLineId: number;
  spentOn: string;
  amountCents: number;
  purpose: string;
  voucherNo: string;
  overrunReason: string;
}

/**
 * Records an expense on a locked line: refused on `overrunReason` when it would take the balance
 * below zero without one. Returns the expense's id.
 */
async function spend(ctx: Ctx, trx: Transaction<DB>, line: LineRow, requestId: number | null, input: ExpenseInput, paths: { date: string; reason: string }): Promise<number> {
  if (compareDates(input.spentOn, ctx.today) > 0) throw fieldError(ctx.language, paths.date, 'FUNDS_DATE_FUTURE', { date: input.spentOn });
  if (yearOf(input.spentOn) < line.year) throw fieldError(ctx.language, paths.date, 'FUNDS_DATE_BEFORE_YEAR', { date: input.spentOn, year: line.year });
  await lockLine(trx, ctx.tenantId, line.id);
  const balance = line.budgetCents - (await spentOf(trx, ctx.tenantId, line.id));
  const check = expenseCheck(balance, input.amountCents, input.overrunReason);
  if (check.outcome === 'refused') {
    throw fieldError(ctx.language, paths.reason, 'FUNDS_OVERDRAW', { balance: yuanText(balance, ctx.language), amount: yuanText(input.amountCents, ctx.language), overrun: yuanText(check.overrunCents, ctx.language) });
  }
  return insertExpense(
    trx,
    ctx.tenantId,
    {
      budget_line_id: line.id,
      request_id: requestId,
      spent_on: input.spentOn,
      amount_cents: input.amountCents,
      purpose: input.purpose,
      voucher_no: input.voucherNo,
      overrun_cents: check.overrunCents,
      overrun_reason: check.outcome === 'overrun' ? input.overrunReason.trim() : '',
    },
    { userId: ctx.userId, username: ctx.name || ctx.username },
  );
}

/** Records the payment of an approved request (资金优先拨付): it becomes an expense of its line in the same transaction. */
export async function payRequest(ctx: Ctx, id: number, input: { version: number; paidOn: string; amountCents: number; voucherNo: string; overrunReason: string }): Promise<{ expenseId: number }> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await visibleRequest(ctx, trx, id, 'funds.approve');
    if (before.version !== input.version) throw conflict();
    if (!mayMoveRequest(before.status, 'paid')) throw wrongState(ctx, before.status);
    if (before.decidedOn && compareDates(input.paidOn, before.decidedOn) < 0) throw fieldError(ctx.language, 'body.paidOn', 'FUNDS_PAID_BEFORE_APPROVAL', { date: input.paidOn, approvedOn: before.decidedOn });
    if (input.amountCents > before.amountCents) throw fieldError(ctx.language, 'body.amountCents', 'FUNDS_PAID_MORE_THAN_REQUESTED', { requested: yuanText(before.amountCents, ctx.language) });
    const line = await findLine(trx, ctx.tenantId, before.budgetLineId);
    if (!line) throw notFound('FUNDS_LINE_NOT_FOUND', before.budgetLineId);
    // The request first: a second payment of it waits on this row, then finds the version moved on.
    if (!(await moveRequest(trx, ctx.tenantId, id, input.version, 'approved', 'paid'))) throw conflict();
    const expenseId = await spend(
      ctx,
      trx,
      line,
      id,
      { budgetLineId: line.id, spentOn: input.paidOn, amountCents: input.amountCents, purpose: before.purpose, voucherNo: input.voucherNo, overrunReason: input.overrunReason },
      { date: 'body.paidOn', reason: 'body.overrunReason' },
    );
    await writeAudit(trx, ctx.auditor, {
      action: 'update',
      entityType: 'fund_request',
      entityId: id,
      summary: `拨付党建经费：${before.orgName} ${before.category} ${yuanText(input.amountCents)}，凭证号 ${input.voucherNo}${input.overrunReason.trim() ? `，超支原因：${input.overrunReason.trim()}` : ''}`,
      before: { status: before.status },
      after: { status: 'paid', expense_id: expenseId, paid_on: input.paidOn, amount_cents: input.amountCents, voucher_no: input.voucherNo, overrun_reason: input.overrunReason },
    });
    return { expenseId };
  });
}

// ---------------------------------------------------------------------------------------
// Expenses

export async function expenseList(ctx: Ctx, f: { year?: number | undefined; orgId?: number | undefined; budgetLineId?: number | undefined }, page: PageArgs) {
  const filter = { year: f.year ?? yearOf(ctx.today), orgPath: await orgFilter(ctx, f.orgId), budgetLineId: f.budgetLineId };
  const { items, total } = await listExpenses(ctx.db, ctx.tenantId, ctx.scope('funds.read'), filter, paging(page));
  return { items: items.map(presentExpense), total, year: filter.year };
}

export async function expenseDetail(ctx: Ctx, id: number) {
  const expense = await visibleExpense(ctx, ctx.db, id, 'funds.read');
  const files = await expenseFiles.of(ctx, id);
  return { ...presentExpense(expense), fileList: files, canUpload: ctx.can('funds.approve') };
}

/** The office records an expense directly (no request): the same balance rule. */
export async function recordExpense(ctx: Ctx, input: ExpenseInput): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const line = await findLine(trx, ctx.tenantId, input.budgetLineId);
    const inScope = requireInScope(ctx.scope('funds.approve'), line, fieldError(ctx.language, 'body.budgetLineId', 'FUNDS_LINE_UNKNOWN', { id: input.budgetLineId }));
    const id = await spend(ctx, trx, inScope, null, input, { date: 'body.spentOn', reason: 'body.overrunReason' });
    await writeAudit(trx, ctx.auditor, {
      action: 'create',
      entityType: 'fund_expense',
      entityId: id,
      summary: `登记党建经费支出：${inScope.orgName} ${inScope.category} ${yuanText(input.amountCents)}，凭证号 ${input.voucherNo}${input.overrunReason.trim() ? `，超支原因：${input.overrunReason.trim()}` : ''}`,
      after: input,
    });
    return id;
  });
}

// ---------------------------------------------------------------------------------------
// Evidence files (optional): a request's by whoever may write it, an expense's by the office

const fundFileWords = { entityType: 'fund_file', notFound: 'FUNDS_FILE_NOT_FOUND', added: '上传经费佐证', withdrawn: '撤回经费佐证' };

export const requestFiles = evidenceFiles({
  store: { table: 'fund_files', owner: 'request_id' },
  ...fundFileWords,
  async owner(ctx, db, id: number, mode) {
    const r = await visibleRequest(ctx, db, id, mode === 'read' ? 'funds.read' : 'funds.write');
    return { id: r.id, label: `${r.orgName} ${r.category}申请`, audit: { requestId: r.id } };
  },
});

export const expenseFiles = evidenceFiles({
  store: { table: 'fund_files', owner: 'expense_id' },
  ...fundFileWords,
  async owner(ctx, db, id: number, mode) {
    const e = await visibleExpense(ctx, db, id, mode === 'read' ? 'funds.read' : 'funds.approve');
    return { id: e.id, label: `${e.orgName} ${e.category}支出`, audit: { expenseId: e.id } };
  },
});
