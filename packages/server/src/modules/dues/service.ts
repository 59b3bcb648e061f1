/**
 * Dues (党费): the calculator, the yearly bases (核定) by hand and from the payroll sheet, and the
 * scope checks every dues service shares. Rules come from @hongyi/core; every write is one
 * transaction with its audit row. The ledger (closes, payments, corrections, statements) is in
 * service-ledger.ts, what is read from it (a member's dues, arrears, the yearly ledger and
 * reports) in service-reports.ts.
 */
import {
  type DataScope,
  type DuesCategory,
  type DuesPayrollChoice,
  DUES_PAY_ITEMS,
  type Language,
  duesInputProblems,
  isDuesBaseDeduction,
  monthlyDues,
} from '@hongyi/core';
import { analyzeTables } from '../../db/analyze.js';
import type { Ctx } from '../../lib/context.js';
import { covers, requireInScope } from '../../lib/scope.js';
import { writeAudit } from '../../plugins/audit.js';
import { AppError, conflict, notFound } from '../../plugins/errors.js';
import { translate } from '../../plugins/i18n.js';
import { loadSettings, saveSettings } from '../settings/service.js';
import { checkPayroll, readPayroll } from './payroll.js';
import {
  type BaseFilters,
  type BaseRow,
  type Db,
  baseSummary,
  basesList,
  insertBase,
  insertBases,
  insertPayrollImport,
  memberRow,
  monthlyInForce,
  orgRow,
  payrollCandidates,
  updateMemberDuesCategory,
} from './repository.js';

/** Throws the calculator's first problem as a 400 naming the field. */
export function assertDuesInput(input: { category: DuesCategory; baseCents: number; farmerMonthlyCents?: number | null }, language: Language, prefix = 'body') {
  const [problem] = duesInputProblems(input);
  if (problem) {
    throw new AppError(400, problem.code, problem.params, [{ path: `${prefix}.${problem.field}`, message: translate(problem.code, language, problem.params) }]);
  }
}

/** The monthly dues for a category and base, as the calculator gives them (400 naming the field). */
export function previewDues(ctx: Ctx, input: { category: DuesCategory; baseCents: number; farmerMonthlyCents?: number | null }) {
  assertDuesInput(input, ctx.language);
  return monthlyDues(input);
}

// ---------------------------------------------------------------------------------------
// Scope, shared by the dues services

/** A member in the caller's scope for the permission: 404 when not in the unit, 403 outside the scope. */
export async function memberInScope(db: Db, ctx: Ctx, scope: DataScope, memberId: number) {
  return requireInScope(scope, await memberRow(db, ctx.tenantId, memberId), notFound('MEMBER_NOT_FOUND', memberId));
}

/**
 * The org subtree an optional orgId filter names, or null without one. The filter may name an
 * org in the scope or one above it (a secretary's view of the 党委 is their own branch, which the
 * list's scope condition keeps it to); any other org is 403.
 */
export async function orgFilterPath(ctx: Ctx, scope: DataScope, orgId: number | undefined): Promise<string | null> {
  if (!orgId) return null;
  const org = await orgRow(ctx.db, ctx.tenantId, orgId);
  if (!org) throw notFound('ORG_NOT_FOUND', orgId);
  const filter: DataScope = { kind: 'subtree', orgIds: [org.id], paths: [org.orgPath] };
  const reaches = scope.kind !== 'subtree' || covers(scope, org.orgPath) || scope.paths.some((p) => covers(filter, p));
  if (!reaches) throw new AppError(403, 'OUT_OF_SCOPE');
  return org.orgPath;
}

/** The current year of the server's today when a filter leaves it out. */
export function yearOf(ctx: Ctx, year: number | undefined): number {
  return year ?? Number(ctx.today.slice(0, 4));
}

// ---------------------------------------------------------------------------------------
// Yearly bases (核定)

export type BaseListFilters = Omit<BaseFilters, 'year'> & { year?: number | undefined; orgId?: number | undefined };

function presentBase(x: BaseRow) {
  return {
    id: x.id,
    name: x.name,
    orgId: x.org_id,
    orgName: x.org_name,
    category: x.dues_category,
    farmerMonthlyCents: x.dues_farmer_cents,
    memberVersion: x.version,
    baseId: x.base_id,
    baseYear: x.base_year,
    baseCents: x.base_cents,
    rateBasisPoints: x.rate_basis_points,
    monthlyCents: x.monthly_cents,
    source: x.source,
    setBy: x.set_by_name,
    setAt: x.set_at ? new Date(x.set_at).toISOString() : null,
  };
}

export type PresentedBase = ReturnType<typeof presentBase>;

/** Members in scope with the base in force for the year; a page of them, or (without `page`) all for an export. */
export async function listBases(ctx: Ctx, f: BaseListFilters, page?: { limit: number; offset: number }) {
  const scope = ctx.scope('dues.read');
  const year = yearOf(ctx, f.year);
  const { rows, total } = await basesList(ctx.db, ctx.tenantId, scope, { ...f, year }, await orgFilterPath(ctx, scope, f.orgId), page);
  return { year, items: rows.map(presentBase), total };
}

export async function summariseBases(ctx: Ctx, f: { year?: number | undefined; orgId?: number | undefined }) {
  const scope = ctx.scope('dues.read');
  return baseSummary(ctx.db, ctx.tenantId, scope, yearOf(ctx, f.year), await orgFilterPath(ctx, scope, f.orgId));
}

export interface SetBaseInput {
  memberId: number;
  memberVersion: number;
  year: number;
  category: DuesCategory;
  baseCents: number;
  farmerMonthlyCents?: number | null | undefined;
  note?: string | undefined;
}

export async function setBase(ctx: Ctx, input: SetBaseInput) {
  const scope = ctx.scope('dues.write');
  const baseCents = input.category === 'employed' || input.category === 'retired' ? input.baseCents : 0;
  const calc = { category: input.category, baseCents, farmerMonthlyCents: input.farmerMonthlyCents ?? null };
  assertDuesInput(calc, ctx.language);
  const result = monthlyDues(calc);
  return ctx.db.transaction().execute(async (trx) => {
    const member = await memberInScope(trx, ctx, scope, input.memberId);
    const farmerCents = input.category === 'farmer' ? (input.farmerMonthlyCents ?? null) : null;
    if (!(await updateMemberDuesCategory(trx, ctx.tenantId, input.memberId, input.memberVersion, input.category, farmerCents))) throw conflict();
    const base = await insertBase(trx, ctx.tenantId, {
      member_id: input.memberId,
      year: input.year,
      category: input.category,
      base_cents: baseCents,
      rate_basis_points: result.rateBasisPoints,
      monthly_cents: result.monthlyCents,
      source: 'manual',
      import_id: null,
      note: input.note ?? '',
      set_by: ctx.userId,
      set_by_name: ctx.name,
    });
    await writeAudit(trx, ctx.auditor, {
      action: 'create',
      entityType: 'dues_base',
      entityId: base.id,
      summary: `核定党费基数 ${member.name} ${input.year}年`,
      before: { category: member.dues_category, farmerMonthlyCents: member.dues_farmer_cents },
      after: { category: input.category, baseCents, rateBasisPoints: result.rateBasisPoints, monthlyCents: result.monthlyCents },
    });
    return { id: base.id, monthlyCents: base.monthly_cents, rateBasisPoints: base.rate_basis_points, memberVersion: input.memberVersion + 1 };
  });
}

// ---------------------------------------------------------------------------------------
// Payroll settings (the unit chooses once which items count and which deductions apply)

export async function payrollChoice(db: Db, tenantId: number): Promise<DuesPayrollChoice & { version: number }> {
  const { value, version } = await loadSettings(db, tenantId, 'duesPayroll');
  return { ...value, version };
}

/** The unit's choice as the settings page reads it. */
export function payrollSettings(ctx: Ctx) {
  return payrollChoice(ctx.db, ctx.tenantId);
}

export async function savePayrollChoice(ctx: Ctx, input: DuesPayrollChoice & { version: number }) {
  const items = DUES_PAY_ITEMS.filter((i) => input.items.includes(i));
  if (items.length === 0) throw new AppError(400, 'DUES_PAYROLL_NO_ITEMS', {}, [{ path: 'body.items', message: translate('DUES_PAYROLL_NO_ITEMS', ctx.language) }]);
  const deductions = [...new Set(input.deductions)].filter(isDuesBaseDeduction);
  // 党费规定: the base is pay after individual income tax, so the tax is always deducted.
  if (!deductions.includes('income_tax')) {
    throw new AppError(400, 'DUES_PAYROLL_TAX_REQUIRED', {}, [{ path: 'body.deductions', message: translate('DUES_PAYROLL_TAX_REQUIRED', ctx.language) }]);
  }
  return ctx.db.transaction().execute(async (trx) => {
    const saved = await saveSettings(trx, ctx.auditor, 'duesPayroll', { items, deductions }, input.version, { summary: '修改党费基数计算口径', language: ctx.language });
    return { ...saved.value, version: saved.version };
  });
}

// ---------------------------------------------------------------------------------------
// Payroll import

export interface PayrollInput {
  year: number;
  fileName: string;
  content: Buffer;
}

/** Each row of the sheet with its member, base, rate and monthly dues under the unit's choice. */
async function payrollRows(db: Db, ctx: Ctx, scope: DataScope, choice: DuesPayrollChoice, input: PayrollInput) {
  const parsed = await readPayroll(input.content, choice, ctx.language);
  const candidates = await payrollCandidates(db, ctx.tenantId, scope, [...new Set(parsed.map((p) => p.name))]);
  const previous = await monthlyInForce(db, ctx.tenantId, candidates.map((c) => c.id), input.year);
  return checkPayroll(parsed, candidates, previous, choice, ctx.language);
}

export async function previewPayroll(ctx: Ctx, input: PayrollInput) {
  const rows = await payrollRows(ctx.db, ctx, ctx.scope('dues.write'), await payrollChoice(ctx.db, ctx.tenantId), input);
  return { rows, errorCount: rows.reduce((n, x) => n + x.errors.length, 0) };
}

/**
 * Imports a payroll sheet: every row becomes the year's base in one transaction, or nothing
 * does (400 with every row's errors).
 */
export async function commitPayroll(ctx: Ctx, input: PayrollInput) {
  const scope = ctx.scope('dues.write');
  const result = await ctx.db.transaction().execute(async (trx) => {
    const choice = await payrollChoice(trx, ctx.tenantId);
    const rows = await payrollRows(trx, ctx, scope, choice, input);
    const details = rows.flatMap((x) => x.errors);
    if (details.length > 0) throw new AppError(400, 'DUES_PAYROLL_ROWS_INVALID', { count: details.length }, details);
    const importId = await insertPayrollImport(trx, ctx.tenantId, { year: input.year, fileName: input.fileName, rowCount: rows.length, choice, createdBy: ctx.userId });
    await insertBases(
      trx,
      ctx.tenantId,
      rows.map((x) => ({
        member_id: x.memberId as number,
        year: input.year,
        category: 'employed' as const,
        base_cents: x.baseCents as number,
        rate_basis_points: x.rateBasisPoints,
        monthly_cents: x.monthlyCents as number,
        source: 'payroll' as const,
        import_id: importId,
        note: input.fileName,
        set_by: ctx.userId,
        set_by_name: ctx.name,
      })),
    );
    await writeAudit(trx, ctx.auditor, {
      action: 'import',
      entityType: 'dues_import',
      entityId: importId,
      summary: `工资表导入党费基数 ${input.year}年 ${rows.length} 人`,
      after: { year: input.year, fileName: input.fileName, choice, rows: rows.map((x) => ({ memberId: x.memberId, baseCents: x.baseCents, monthlyCents: x.monthlyCents })) },
    });
    return { importId, count: rows.length };
  });
  await analyzeTables(ctx.db, ['dues_bases', 'dues_imports']);
  return result;
}
