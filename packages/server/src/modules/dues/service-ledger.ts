/**
 * The dues ledger (党费收缴台账): month closes, payments, voluntary extras, corrections and
 * bank statements. Every write is one transaction with its audit row. The ledger is
 * append-only (党费规定): payments and corrections are new rows.
 */
import { type ApiErrorDetail, DUES_RULES, type DataScope, backPaymentSpan, isLargeVoluntaryExtra } from '@hongyi/core';
import { analyzeTables } from '../../db/analyze.js';
import type { Ctx } from '../../lib/context.js';
import { requireInScope } from '../../lib/scope.js';
import { writeAudit } from '../../plugins/audit.js';
import { AppError, conflict, notFound } from '../../plugins/errors.js';
import { translate } from '../../plugins/i18n.js';
import { type Db, arrearsOf, monthDate, orgRow, refreshPositions, rootOrg } from './repository.js';
import {
  type EntryFilters,
  type NewEntry,
  chargeMonth,
  entriesPage,
  entryForCorrection,
  insertEntries,
  insertMonthClose,
  lockMember,
  membersByIdNumber,
  membersWithoutBase,
  monthCloses,
  outstandingByMonth,
} from './repository-ledger.js';
import { memberInScope, orgFilterPath } from './service.js';
import { type StatementRow, readStatement } from './statement.js';

/** Who recorded an entry, as the ledger keeps it. */
const recordedBy = (ctx: Ctx) => ({ recorded_by: ctx.userId, recorded_by_name: ctx.name });

// ---------------------------------------------------------------------------------------
// Month close: each active member's amount due, in one statement

/** The org a close covers: the one named, else the secretary's branch, else the unit's 党委; 403 outside the scope. */
async function closeTarget(db: Db, ctx: Ctx, scope: DataScope, orgId: number | undefined) {
  const id = orgId ?? (scope.kind === 'subtree' ? scope.orgIds[0] : undefined);
  const org = id ? await orgRow(db, ctx.tenantId, id) : await rootOrg(db, ctx.tenantId);
  return requireInScope(scope, org, notFound('ORG_NOT_FOUND', orgId ?? 0));
}

/** A month that has not begun (by the server's today) cannot be closed. */
export async function closeMonth(ctx: Ctx, month: string, orgId: number | undefined) {
  const scope = ctx.scope('dues.write');
  if (month > ctx.today.slice(0, 7)) {
    throw new AppError(400, 'DUES_MONTH_IN_FUTURE', { month }, [{ path: 'params.month', message: translate('DUES_MONTH_IN_FUTURE', ctx.language, { month }) }]);
  }
  const result = await ctx.db.transaction().execute(async (trx) => {
    const org = await closeTarget(trx, ctx, scope, orgId);
    const { created, dueCents } = await chargeMonth(trx, ctx.tenantId, org.orgPath, month, DUES_RULES.fixedMonthlyCents, { userId: ctx.userId, name: ctx.name });
    const withoutBase = await membersWithoutBase(trx, ctx.tenantId, org.orgPath, month);
    // A close that adds nobody (everyone already has the month) leaves no row in the closes list.
    const closeId = created > 0 ? await insertMonthClose(trx, ctx.tenantId, { month, orgId: org.id, memberCount: created, dueCents, userId: ctx.userId, name: ctx.name }) : null;
    await writeAudit(trx, ctx.auditor, {
      action: 'create',
      entityType: 'dues_month_close',
      entityId: closeId ?? '',
      summary: `党费月结 ${month} ${org.name}：新增应缴 ${created} 人`,
      after: { month, orgId: org.id, created, dueCents, withoutBase: withoutBase.length },
    });
    return { id: closeId, month, orgId: org.id, orgName: org.name, created, dueCents, withoutBase };
  });
  // A close adds a month for every member at once: the ledger's statistics must follow, once the
  // ledger has grown by a tenth since they were taken (autovacuum's rule; PGlite has none).
  if (result.created > 0) {
    await analyzeTables(ctx.db, ['dues_entries'], { whenGrownBy: 0.1 });
    // Every charged member's position is marked: the close brings them up to date itself, so the
    // first arrears list or overview after it reads them fresh instead of recomputing them all.
    await refreshPositions(ctx.db, ctx.tenantId);
  }
  return result;
}

export async function listCloses(ctx: Ctx, page: { limit: number; offset: number }) {
  return monthCloses(ctx.db, ctx.tenantId, ctx.scope('dues.read'), page);
}

// ---------------------------------------------------------------------------------------
// Payments, voluntary extras, corrections

export interface PaymentInput {
  memberId: number;
  months: string[];
  method: 'cash' | 'transfer' | 'statement';
  paidOn: string;
  /** Only for a single month: a partial payment. Default: what is outstanding. */
  amountCents?: number | undefined;
  reference?: string | undefined;
  note?: string | undefined;
}

export interface Warning {
  code: string;
  message: string;
}

export async function recordPayments(ctx: Ctx, input: PaymentInput) {
  const scope = ctx.scope('dues.write');
  const months = [...new Set(input.months)].sort();
  return ctx.db.transaction().execute(async (trx) => {
    const member = await memberInScope(trx, ctx, scope, input.memberId);
    await lockMember(trx, ctx.tenantId, member.id);
    const sums = await outstandingByMonth(trx, ctx.tenantId, member.id, months);
    const details: ApiErrorDetail[] = [];
    const problems: { code: string; month: string }[] = [];
    const refuse = (code: string, month: string, i: number) => {
      problems.push({ code, month });
      details.push({ path: `body.months[${i}]`, message: translate(code, ctx.language, { name: member.name, month }) });
      return null;
    };
    const values = months.map((month, i): NewEntry | null => {
      const s = sums.get(month);
      if (!s?.hasDue) return refuse('DUES_MONTH_NOT_DUE', month, i);
      const outstanding = s.due - s.paid;
      if (outstanding <= 0) return refuse('DUES_MONTH_ALREADY_PAID', month, i);
      return {
        member_id: member.id,
        org_id: member.org_id,
        month: monthDate(month),
        kind: 'payment',
        affects: 'paid',
        amount_cents: months.length === 1 && input.amountCents !== undefined ? input.amountCents : outstanding,
        method: input.method,
        paid_on: input.paidOn,
        reference: input.reference ?? '',
        note: input.note ?? '',
        ...recordedBy(ctx),
      };
    });
    const [firstProblem] = problems;
    if (firstProblem) throw new AppError(400, firstProblem.code, { name: member.name, month: firstProblem.month }, details);
    const inserted = await insertEntries(trx, ctx.tenantId, values.filter((v) => v !== null));
    const warnings: Warning[] = [];
    const span = backPaymentSpan(months, input.paidOn.slice(0, 7));
    // 党费规定: back-payment generally covers at most 6 months; more is recorded with a warning.
    if (span > DUES_RULES.backPaymentMaxMonths) {
      warnings.push({ code: 'DUES_BACK_PAYMENT_OVER_LIMIT', message: translate('DUES_BACK_PAYMENT_OVER_LIMIT', ctx.language, { months: span, limit: DUES_RULES.backPaymentMaxMonths }) });
    }
    await writeAudit(trx, ctx.auditor, {
      action: 'create',
      entityType: 'dues_payment',
      entityId: inserted.map((e) => e.id).join(','),
      summary: `登记党费 ${member.name} ${months.join('、')}`,
      after: { memberId: member.id, months, method: input.method, paidOn: input.paidOn, cents: inserted.map((e) => e.amount_cents), warnings: warnings.map((w) => w.code) },
    });
    return { entryIds: inserted.map((e) => e.id), totalCents: inserted.reduce((s, e) => s + e.amount_cents, 0), warnings };
  });
}

export async function recordVoluntary(
  ctx: Ctx,
  input: { memberId: number; amountCents: number; paidOn: string; method: 'cash' | 'transfer' | 'statement'; note?: string | undefined; reference?: string | undefined },
) {
  const scope = ctx.scope('dues.write');
  // 党费规定: a one-off voluntary extra of ≥1000元 goes entirely to the Centre (recorded separately).
  const toCentre = isLargeVoluntaryExtra(input.amountCents);
  return ctx.db.transaction().execute(async (trx) => {
    const member = await memberInScope(trx, ctx, scope, input.memberId);
    const [entry] = await insertEntries(trx, ctx.tenantId, [
      {
        member_id: member.id,
        org_id: member.org_id,
        month: monthDate(input.paidOn.slice(0, 7)),
        kind: 'voluntary',
        affects: 'voluntary',
        amount_cents: input.amountCents,
        method: input.method,
        paid_on: input.paidOn,
        to_centre: toCentre,
        reference: input.reference ?? '',
        note: input.note ?? '',
        ...recordedBy(ctx),
      },
    ]);
    const id = entry!.id;
    await writeAudit(trx, ctx.auditor, {
      action: 'create',
      entityType: 'dues_voluntary',
      entityId: id,
      summary: `自愿多交党费 ${member.name} ${(input.amountCents / 100).toFixed(2)}元${toCentre ? '（全部上缴中央）' : ''}`,
      after: { memberId: member.id, amountCents: input.amountCents, toCentre },
    });
    return { id, toCentre };
  });
}

/**
 * A correction is a new entry referring to the one it corrects, carrying the difference. The
 * caller sends the effective amount they saw: if someone corrected it meanwhile, 409.
 */
export async function correctEntry(ctx: Ctx, entryId: number, input: { amountCents: number; expectedCents: number; reason: string }) {
  const scope = ctx.scope('dues.write');
  return ctx.db.transaction().execute(async (trx) => {
    const entry = await entryForCorrection(trx, ctx.tenantId, entryId);
    if (!entry) throw notFound('DUES_ENTRY_NOT_FOUND', entryId);
    const member = await memberInScope(trx, ctx, scope, entry.member_id);
    if (entry.kind === 'correction') throw new AppError(400, 'DUES_CORRECTION_OF_CORRECTION', { id: entry.id });
    const current = entry.amount_cents + entry.correctedCents;
    if (current !== input.expectedCents) throw conflict();
    const delta = input.amountCents - current;
    if (delta === 0) throw new AppError(400, 'DUES_CORRECTION_ZERO');
    const [row] = await insertEntries(trx, ctx.tenantId, [
      {
        member_id: member.id,
        org_id: entry.org_id,
        month: entry.month,
        kind: 'correction',
        affects: entry.affects,
        amount_cents: delta,
        corrects_id: entry.id,
        to_centre: entry.to_centre,
        note: input.reason,
        ...recordedBy(ctx),
      },
    ]);
    const id = row!.id;
    await writeAudit(trx, ctx.auditor, {
      action: 'create',
      entityType: 'dues_correction',
      entityId: id,
      summary: `更正党费台账 #${entry.id} ${member.name}：${(current / 100).toFixed(2)} → ${(input.amountCents / 100).toFixed(2)} 元`,
      before: { entryId: entry.id, effectiveCents: current },
      after: { entryId: entry.id, effectiveCents: input.amountCents, reason: input.reason },
    });
    return { id, correctsId: entry.id, deltaCents: delta, effectiveCents: input.amountCents };
  });
}

// ---------------------------------------------------------------------------------------
// Bank / online statement: rows matched by name and ID number, paying the oldest months first

interface PlannedPayment {
  row: number;
  memberId: number;
  orgId: number;
  name: string;
  months: { month: string; cents: number }[];
  extraCents: number;
}

/** Oldest months first; a remainder smaller than the next month pays that month in part; what is left over is a voluntary extra. */
function payOldestFirst(queue: { month: string; outstanding: number }[], amountCents: number) {
  let left = amountCents;
  const paid: { month: string; cents: number }[] = [];
  while (left > 0 && queue.length > 0) {
    const next = queue[0] as { month: string; outstanding: number };
    const cents = Math.min(left, next.outstanding);
    paid.push({ month: next.month, cents });
    left -= cents;
    next.outstanding -= cents;
    if (next.outstanding === 0) queue.shift();
  }
  return { paid, left };
}

/** The entries a planned statement row makes: its months paid, and any remainder as a voluntary extra. */
function statementEntries(ctx: Ctx, p: PlannedPayment, r: StatementRow): NewEntry[] {
  const common = { member_id: p.memberId, org_id: p.orgId, method: 'statement' as const, paid_on: r.paidOn, reference: r.reference ?? '', ...recordedBy(ctx) };
  const entries: NewEntry[] = p.months.map((m) => ({ ...common, month: monthDate(m.month), kind: 'payment', affects: 'paid', amount_cents: m.cents }));
  if (p.extraCents > 0) {
    entries.push({
      ...common,
      month: monthDate(r.paidOn.slice(0, 7)),
      kind: 'voluntary',
      affects: 'voluntary',
      amount_cents: p.extraCents,
      to_centre: isLargeVoluntaryExtra(p.extraCents),
      note: '对账单超出应缴部分',
    });
  }
  return entries;
}

export async function importStatement(ctx: Ctx, rows: StatementRow[], commit: boolean) {
  const scope = ctx.scope('dues.write');
  const result = await ctx.db.transaction().execute(async (trx) => {
    const members = await membersByIdNumber(trx, ctx.tenantId, scope, [...new Set(rows.map((r) => r.idNumber.trim().toUpperCase()))]);
    const details: ApiErrorDetail[] = [];
    const plan: PlannedPayment[] = [];
    const owed = new Map<number, { month: string; outstanding: number }[]>();
    for (const [i, r] of rows.entries()) {
      const member = members.find((m) => m.id_number === r.idNumber.trim().toUpperCase() && m.name === r.name.trim());
      if (!member) {
        details.push({ path: r.sheetRow ? `rows[${r.sheetRow}].身份证号码` : `body.rows[${i}].idNumber`, message: translate('DUES_STATEMENT_NO_MATCH', ctx.language, { name: r.name }) });
        continue;
      }
      if (!owed.has(member.id)) {
        const { months } = await arrearsOf(trx, ctx.tenantId, member.id);
        // Oldest first: the ledger's month sums come in no particular order.
        const unpaid = months.filter((m) => m.paidCents < m.dueCents).sort((a, b) => a.month.localeCompare(b.month));
        owed.set(
          member.id,
          unpaid.map((m) => ({ month: m.month, outstanding: m.dueCents - m.paidCents })),
        );
      }
      const { paid, left } = payOldestFirst(owed.get(member.id) ?? [], r.amountCents);
      if (paid.length === 0) {
        details.push({ path: r.sheetRow ? `rows[${r.sheetRow}].金额` : `body.rows[${i}].amountCents`, message: translate('DUES_STATEMENT_NOTHING_DUE', ctx.language, { name: r.name }) });
        continue;
      }
      plan.push({ row: i, memberId: member.id, orgId: member.org_id, name: member.name, months: paid, extraCents: left });
    }
    if (commit && details.length > 0) throw new AppError(400, 'DUES_STATEMENT_ROWS_INVALID', { count: details.length }, details);
    if (commit) {
      for (const p of plan) await insertEntries(trx, ctx.tenantId, statementEntries(ctx, p, rows[p.row] as StatementRow));
      await writeAudit(trx, ctx.auditor, {
        action: 'import',
        entityType: 'dues_statement',
        entityId: '',
        summary: `导入缴费对账单 ${plan.length} 笔`,
        after: plan.map((p) => ({ memberId: p.memberId, months: p.months, extraCents: p.extraCents })),
      });
    }
    return { rows: plan.map((p) => ({ row: rows[p.row]?.sheetRow ?? p.row, memberId: p.memberId, name: p.name, months: p.months, extraCents: p.extraCents })), errors: details, committed: commit };
  });
  if (commit && result.rows.length > 0) await analyzeTables(ctx.db, ['dues_entries'], { whenGrownBy: 0.1 });
  return result;
}

/** The same from a statement sheet (.xlsx). */
export async function importStatementFile(ctx: Ctx, file: Buffer, commit: boolean) {
  return importStatement(ctx, await readStatement(file, ctx.language), commit);
}

// ---------------------------------------------------------------------------------------
// Entries

export async function listEntries(ctx: Ctx, f: EntryFilters & { orgId?: number | undefined }, page: { limit: number; offset: number }) {
  const scope = ctx.scope('dues.read');
  const orgPath = await orgFilterPath(ctx, scope, f.orgId);
  return entriesPage(ctx.db, ctx.tenantId, scope, orgPath, f, page);
}
