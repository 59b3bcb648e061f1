/**
 * Every query of party-work funds (党建经费): budget lines with what was spent against them,
 * requests with their payment, expenses, evidence files, and the counts the 三优先 report reads.
 * Each function takes the database or a transaction; scope conditions come from lib/scope (a
 * line, a request and an expense lie in a scope when their org does).
 */
import { type DataScope, FUND_REQUEST_ORG_TYPES, type FundRequestStatus, type OrgType } from '@hongyi/core';
import { type Kysely, type Transaction, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { deleteVersioned, updateVersioned } from '../../db/versioned.js';
import { liveEvidenceCount } from '../../db/evidence.js';
import { countUpTo } from '../../db/count.js';
import { escapeLike, subtree } from '../../lib/scope.js';

type Db = Kysely<DB> | Transaction<DB>;
type Page = { limit: number; offset: number };

export async function findOrg(db: Db, tenantId: number, orgId: number) {
  return db.selectFrom('orgs').select(['id', 'name', 'path', 'type', 'dissolved_on']).where('tenant_id', '=', tenantId).where('id', '=', orgId).executeTakeFirst();
}

const underPath = (column: string, path: string | undefined) => (path ? sql<boolean>`${sql.ref(column)} like ${`${escapeLike(path)}%`}` : sql<boolean>`true`);

// ---------------------------------------------------------------------------------------
// Budget lines

export interface LineFilter {
  year: number;
  /** Lines of orgs under this path (the org itself included). */
  orgPath?: string | undefined;
}

export interface LineRow {
  id: number;
  orgId: number;
  orgName: string;
  orgPath: string;
  orgType: OrgType;
  year: number;
  category: string;
  budgetCents: number;
  spentCents: number;
  committedCents: number;
  balanceCents: number;
  overrunCents: number;
  note: string;
  version: number;
}

function lineBase(db: Db, tenantId: number, scope: DataScope, f: Partial<LineFilter>) {
  let q = db
    .selectFrom('fund_budget_lines as l')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'l.tenant_id').onRef('o.id', '=', 'l.org_id'))
    .where('l.tenant_id', '=', tenantId)
    .where(subtree(scope, 'o.path'))
    .where(underPath('o.path', f.orgPath));
  if (f.year !== undefined) q = q.where('l.year', '=', f.year);
  return q;
}

function lineColumns(db: Db, tenantId: number, scope: DataScope, f: Partial<LineFilter>) {
  return lineBase(db, tenantId, scope, f).select([
    'l.id',
    'l.org_id',
    'o.name as org_name',
    'o.path as org_path',
    'o.type as org_type',
    'l.year',
    'l.category',
    'l.budget_cents',
    'l.note',
    'l.version',
    sql<number>`(select coalesce(sum(e.amount_cents), 0)::bigint from fund_expenses e where e.tenant_id = l.tenant_id and e.budget_line_id = l.id)`.as('spent'),
    sql<number>`(select coalesce(sum(e.overrun_cents), 0)::bigint from fund_expenses e where e.tenant_id = l.tenant_id and e.budget_line_id = l.id)`.as('overrun'),
    sql<number>`(select coalesce(sum(r.amount_cents), 0)::bigint from fund_requests r where r.tenant_id = l.tenant_id and r.budget_line_id = l.id and r.status = 'approved')`.as('committed'),
  ]);
}

type LineSelect = Awaited<ReturnType<ReturnType<typeof lineColumns>['execute']>>[number];

function toLine(r: LineSelect): LineRow {
  const spent = Number(r.spent);
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    orgPath: r.org_path,
    orgType: r.org_type,
    year: r.year,
    category: r.category,
    budgetCents: r.budget_cents,
    spentCents: spent,
    committedCents: Number(r.committed),
    balanceCents: r.budget_cents - spent,
    overrunCents: Number(r.overrun),
    note: r.note,
    version: r.version,
  };
}

export async function listLines(db: Db, tenantId: number, scope: DataScope, f: LineFilter, page: Page) {
  const total = await countUpTo(db, lineBase(db, tenantId, scope, f).select('l.id'));
  const rows = await lineColumns(db, tenantId, scope, f).orderBy('o.path').orderBy('l.category').orderBy('l.id').limit(page.limit).offset(page.offset).execute();
  return { items: rows.map(toLine), total };
}

/** Every line of the year in the scope (the export, the 三优先 report), at most 5,000. */
export async function allLines(db: Db, tenantId: number, scope: DataScope, f: LineFilter): Promise<LineRow[]> {
  return (await lineColumns(db, tenantId, scope, f).orderBy('o.path').orderBy('l.category').orderBy('l.id').limit(5000).execute()).map(toLine);
}

/** Sums over the filter: budget, spent, committed. */
export async function lineTotals(db: Db, tenantId: number, scope: DataScope, f: LineFilter) {
  const inner = lineColumns(db, tenantId, scope, f);
  const { rows } = await sql<{ budget: number; spent: number; committed: number }>`
    select coalesce(sum(x.budget_cents), 0)::bigint as budget, coalesce(sum(x.spent), 0)::bigint as spent, coalesce(sum(x.committed), 0)::bigint as committed
    from (${inner}) as x`.execute(db);
  const r = rows[0];
  const budget = Number(r?.budget ?? 0);
  const spent = Number(r?.spent ?? 0);
  return { budgetCents: budget, spentCents: spent, committedCents: Number(r?.committed ?? 0), balanceCents: budget - spent };
}

export async function findLine(db: Db, tenantId: number, id: number): Promise<LineRow | undefined> {
  const row = await lineColumns(db, tenantId, { kind: 'tenant' }, {}).where('l.id', '=', id).executeTakeFirst();
  return row && toLine(row);
}

/** Locks a line until the transaction ends, so two payments cannot both spend its last balance. */
export async function lockLine(trx: Db, tenantId: number, id: number): Promise<void> {
  await trx.selectFrom('fund_budget_lines').select('id').where('tenant_id', '=', tenantId).where('id', '=', id).forUpdate().execute();
}

export async function lineByKey(db: Db, tenantId: number, orgId: number, year: number, category: string) {
  return db.selectFrom('fund_budget_lines').select('id').where('tenant_id', '=', tenantId).where('org_id', '=', orgId).where('year', '=', year).where('category', '=', category).executeTakeFirst();
}

export interface LineValues {
  org_id: number;
  year: number;
  category: string;
  budget_cents: number;
  note: string;
}

export async function insertLine(db: Db, tenantId: number, v: LineValues, by: string): Promise<number> {
  return (await db.insertInto('fund_budget_lines').values({ tenant_id: tenantId, ...v, created_by_name: by }).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateLine(db: Db, tenantId: number, id: number, version: number, v: { budget_cents: number; note: string }): Promise<boolean> {
  return updateVersioned(db, 'fund_budget_lines', tenantId, id, version, v);
}

export async function deleteLine(db: Db, tenantId: number, id: number, version: number): Promise<boolean> {
  return deleteVersioned(db, 'fund_budget_lines', tenantId, id, version);
}

/** Requests and expenses recorded against a line (a line in use is not deleted). */
export async function lineUses(db: Db, tenantId: number, id: number): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select ((select count(*) from fund_requests where tenant_id = ${tenantId} and budget_line_id = ${id})
          + (select count(*) from fund_expenses where tenant_id = ${tenantId} and budget_line_id = ${id}))::bigint as n`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

// ---------------------------------------------------------------------------------------
// Requests

export interface RequestFilter {
  year: number;
  orgPath?: string | undefined;
  status?: FundRequestStatus | undefined;
}

export interface RequestRow {
  id: number;
  orgId: number;
  orgName: string;
  orgPath: string;
  budgetLineId: number;
  category: string;
  amountCents: number;
  purpose: string;
  status: FundRequestStatus;
  requestedOn: string;
  decidedOn: string | null;
  decisionNote: string;
  decidedByName: string;
  createdByName: string;
  expenseId: number | null;
  paidOn: string | null;
  paidCents: number | null;
  voucherNo: string;
  overrunCents: number;
  overrunReason: string;
  files: number;
  version: number;
}

function requestBase(db: Db, tenantId: number, scope: DataScope, f: Partial<RequestFilter>) {
  let q = db
    .selectFrom('fund_requests as r')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'r.tenant_id').onRef('o.id', '=', 'r.org_id'))
    .leftJoin('fund_expenses as e', (j) => j.onRef('e.tenant_id', '=', 'r.tenant_id').onRef('e.request_id', '=', 'r.id'))
    .where('r.tenant_id', '=', tenantId)
    .where(subtree(scope, 'o.path'))
    .where(underPath('o.path', f.orgPath));
  if (f.year !== undefined) q = q.where('r.requested_on', '>=', `${f.year}-01-01`).where('r.requested_on', '<=', `${f.year}-12-31`);
  if (f.status) q = q.where('r.status', '=', f.status);
  return q;
}

function requestColumns(db: Db, tenantId: number, scope: DataScope, f: Partial<RequestFilter>) {
  return requestBase(db, tenantId, scope, f).select([
    'r.id',
    'r.org_id',
    'o.name as org_name',
    'o.path as org_path',
    'r.budget_line_id',
    'r.category',
    'r.amount_cents',
    'r.purpose',
    'r.status',
    'r.requested_on',
    'r.decided_on',
    'r.decision_note',
    'r.decided_by_name',
    'r.created_by_name',
    'r.version',
    'e.id as expense_id',
    'e.spent_on as paid_on',
    'e.amount_cents as paid_cents',
    'e.voucher_no',
    'e.overrun_cents',
    'e.overrun_reason',
    liveEvidenceCount({ table: 'fund_files', owner: 'request_id' }, 'r').as('files'),
  ]);
}

type RequestSelect = Awaited<ReturnType<ReturnType<typeof requestColumns>['execute']>>[number];

function toRequest(r: RequestSelect): RequestRow {
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    orgPath: r.org_path,
    budgetLineId: r.budget_line_id,
    category: r.category,
    amountCents: r.amount_cents,
    purpose: r.purpose,
    status: r.status,
    requestedOn: r.requested_on,
    decidedOn: r.decided_on,
    decisionNote: r.decision_note,
    decidedByName: r.decided_by_name,
    createdByName: r.created_by_name,
    expenseId: r.expense_id,
    paidOn: r.paid_on,
    paidCents: r.paid_cents,
    voucherNo: r.voucher_no ?? '',
    overrunCents: r.overrun_cents ?? 0,
    overrunReason: r.overrun_reason ?? '',
    files: Number(r.files ?? 0),
    version: r.version,
  };
}

/** Newest first; the open ones (submitted, then approved) ahead of the closed. */
const openFirst = sql`case r.status when 'submitted' then 0 when 'approved' then 1 else 2 end`;

export async function listRequests(db: Db, tenantId: number, scope: DataScope, f: RequestFilter, page: Page) {
  const total = await countUpTo(db, requestBase(db, tenantId, scope, f).select('r.id'));
  const rows = await requestColumns(db, tenantId, scope, f).orderBy(openFirst).orderBy('r.requested_on', 'desc').orderBy('r.id', 'desc').limit(page.limit).offset(page.offset).execute();
  return { items: rows.map(toRequest), total };
}

/** Every request of the year in the scope, oldest first (the export), at most 10,000. */
export async function allRequests(db: Db, tenantId: number, scope: DataScope, f: RequestFilter): Promise<RequestRow[]> {
  return (await requestColumns(db, tenantId, scope, f).orderBy('r.requested_on').orderBy('r.id').limit(10_000).execute()).map(toRequest);
}

export async function findRequest(db: Db, tenantId: number, id: number): Promise<RequestRow | undefined> {
  const row = await requestColumns(db, tenantId, { kind: 'tenant' }, {}).where('r.id', '=', id).executeTakeFirst();
  return row && toRequest(row);
}

/** The dates the 三优先 figures read: requests made in the year or the one before (paid in this one), and every open request. */
export async function requestDates(db: Db, tenantId: number, scope: DataScope, year: number) {
  const rows = await requestBase(db, tenantId, scope, {})
    .select(['r.status', 'r.requested_on', 'r.decided_on', 'e.spent_on as paid_on'])
    .where((eb) => eb.or([eb.and([eb('r.requested_on', '>=', `${year - 1}-01-01`), eb('r.requested_on', '<=', `${year}-12-31`)]), eb('r.status', 'in', ['submitted', 'approved'])]))
    .limit(50_000)
    .execute();
  return rows.map((r) => ({
    status: r.status,
    requestedOn: r.requested_on,
    approvedOn: r.status === 'approved' || r.status === 'paid' ? r.decided_on : null,
    returnedOn: r.status === 'returned' ? r.decided_on : null,
    paidOn: r.paid_on,
  }));
}

export interface RequestValues {
  org_id: number;
  budget_line_id: number;
  category: string;
  amount_cents: number;
  purpose: string;
}

export async function insertRequest(db: Db, tenantId: number, v: RequestValues, requestedOn: string, by: { userId: number | null; username: string }): Promise<number> {
  return (
    await db
      .insertInto('fund_requests')
      .values({ tenant_id: tenantId, ...v, requested_on: requestedOn, created_by: by.userId, created_by_name: by.username })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

/** Changes a request still submitted, when nobody changed it since `version`. */
export async function updateRequest(db: Db, tenantId: number, id: number, version: number, v: RequestValues): Promise<boolean> {
  return updateVersioned(db, 'fund_requests', tenantId, id, version, v, 'submitted');
}

/** Moves a request from `from` to `to` (a decision names its day, note and who; a payment keeps them), when nobody changed it since `version`. */
export async function moveRequest(
  db: Db,
  tenantId: number,
  id: number,
  version: number,
  from: FundRequestStatus,
  to: FundRequestStatus,
  decision?: { decided_on: string; decision_note: string; decided_by_name: string },
): Promise<boolean> {
  const r = await db
    .updateTable('fund_requests')
    .set({ status: to, ...(decision ?? {}), version: version + 1, updated_at: new Date() })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

// ---------------------------------------------------------------------------------------
// Expenses

export interface ExpenseFilter {
  year: number;
  orgPath?: string | undefined;
  budgetLineId?: number | undefined;
}

export interface ExpenseRow {
  id: number;
  budgetLineId: number;
  orgId: number;
  orgName: string;
  orgPath: string;
  category: string;
  requestId: number | null;
  spentOn: string;
  amountCents: number;
  purpose: string;
  voucherNo: string;
  overrunCents: number;
  overrunReason: string;
  createdByName: string;
  files: number;
}

/** Expenses of the year's lines (a payment early in January may settle last year's line: it counts on its line). */
function expenseBase(db: Db, tenantId: number, scope: DataScope, f: Partial<ExpenseFilter>) {
  let q = db
    .selectFrom('fund_expenses as e')
    .innerJoin('fund_budget_lines as l', (j) => j.onRef('l.tenant_id', '=', 'e.tenant_id').onRef('l.id', '=', 'e.budget_line_id'))
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'l.tenant_id').onRef('o.id', '=', 'l.org_id'))
    .where('e.tenant_id', '=', tenantId)
    .where(subtree(scope, 'o.path'))
    .where(underPath('o.path', f.orgPath));
  if (f.year !== undefined) q = q.where('l.year', '=', f.year);
  if (f.budgetLineId !== undefined) q = q.where('e.budget_line_id', '=', f.budgetLineId);
  return q;
}

function expenseColumns(db: Db, tenantId: number, scope: DataScope, f: Partial<ExpenseFilter>) {
  return expenseBase(db, tenantId, scope, f).select([
    'e.id',
    'e.budget_line_id',
    'l.org_id',
    'o.name as org_name',
    'o.path as org_path',
    'l.category',
    'e.request_id',
    'e.spent_on',
    'e.amount_cents',
    'e.purpose',
    'e.voucher_no',
    'e.overrun_cents',
    'e.overrun_reason',
    'e.created_by_name',
    liveEvidenceCount({ table: 'fund_files', owner: 'expense_id' }, 'e').as('files'),
  ]);
}

type ExpenseSelect = Awaited<ReturnType<ReturnType<typeof expenseColumns>['execute']>>[number];

function toExpense(r: ExpenseSelect): ExpenseRow {
  return {
    id: r.id,
    budgetLineId: r.budget_line_id,
    orgId: r.org_id,
    orgName: r.org_name,
    orgPath: r.org_path,
    category: r.category,
    requestId: r.request_id,
    spentOn: r.spent_on,
    amountCents: r.amount_cents,
    purpose: r.purpose,
    voucherNo: r.voucher_no,
    overrunCents: r.overrun_cents,
    overrunReason: r.overrun_reason,
    createdByName: r.created_by_name,
    files: Number(r.files ?? 0),
  };
}

export async function listExpenses(db: Db, tenantId: number, scope: DataScope, f: ExpenseFilter, page: Page) {
  const total = await countUpTo(db, expenseBase(db, tenantId, scope, f).select('e.id'));
  const rows = await expenseColumns(db, tenantId, scope, f).orderBy('e.spent_on', 'desc').orderBy('e.id', 'desc').limit(page.limit).offset(page.offset).execute();
  return { items: rows.map(toExpense), total };
}

export async function allExpenses(db: Db, tenantId: number, scope: DataScope, f: ExpenseFilter): Promise<ExpenseRow[]> {
  return (await expenseColumns(db, tenantId, scope, f).orderBy('e.spent_on').orderBy('e.id').limit(20_000).execute()).map(toExpense);
}

export async function findExpense(db: Db, tenantId: number, id: number): Promise<ExpenseRow | undefined> {
  const row = await expenseColumns(db, tenantId, { kind: 'tenant' }, {}).where('e.id', '=', id).executeTakeFirst();
  return row && toExpense(row);
}

/** What a line has spent so far (read after lockLine, in the same transaction). */
export async function spentOf(db: Db, tenantId: number, lineId: number): Promise<number> {
  const row = await db
    .selectFrom('fund_expenses')
    .select(sql<number>`coalesce(sum(amount_cents), 0)::bigint`.as('n'))
    .where('tenant_id', '=', tenantId)
    .where('budget_line_id', '=', lineId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export interface ExpenseValues {
  budget_line_id: number;
  request_id: number | null;
  spent_on: string;
  amount_cents: number;
  purpose: string;
  voucher_no: string;
  overrun_cents: number;
  overrun_reason: string;
}

export async function insertExpense(db: Db, tenantId: number, v: ExpenseValues, by: { userId: number | null; username: string }): Promise<number> {
  return (await db.insertInto('fund_expenses').values({ tenant_id: tenantId, ...v, created_by: by.userId, created_by_name: by.username }).returning('id').executeTakeFirstOrThrow()).id;
}

// ---------------------------------------------------------------------------------------
// The branches a 三优先 report counts

/** Branch-level orgs in the scope that existed during the year, and how many of them hold a line of the year. */
export async function branchCoverage(db: Db, tenantId: number, scope: DataScope, year: number): Promise<{ branches: number; withLine: number }> {
  const row = await db
    .selectFrom('orgs as o')
    .select((eb) => [
      eb.fn.countAll<string>().as('branches'),
      sql<string>`count(*) filter (where ${eb.exists(eb.selectFrom('fund_budget_lines as l').select('l.id').whereRef('l.tenant_id', '=', 'o.tenant_id').whereRef('l.org_id', '=', 'o.id').where('l.year', '=', year))})`.as('with_line'),
    ])
    .where('o.tenant_id', '=', tenantId)
    .where('o.type', 'in', [...FUND_REQUEST_ORG_TYPES])
    .where(subtree(scope, 'o.path'))
    .where((eb) => eb.or([eb('o.dissolved_on', 'is', null), eb('o.dissolved_on', '>=', `${year}-01-01`)]))
    .where((eb) => eb.or([eb('o.established_on', 'is', null), eb('o.established_on', '<=', `${year}-12-31`)]))
    .executeTakeFirstOrThrow();
  return { branches: Number(row.branches), withLine: Number(row.with_line) };
}
