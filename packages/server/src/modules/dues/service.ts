/**
 * Dues rules applied to the ledger: every write is one transaction with its audit row.
 * The ledger is append-only (党费规定): payments and corrections are new rows.
 */
import {
  type ApiErrorDetail,
  DUES_PAY_ITEMS,
  DUES_RULES,
  type DataScope,
  type DuesCategory,
  type DuesPayrollChoice,
  type Language,
  type LapseLevel,
  backPaymentSpan,
  duesArrears,
  duesInputProblems,
  duesNeedsBase,
  isDuesBaseDeduction,
  isLargeVoluntaryExtra,
  monthlyDues,
} from '@hongyi/core';
import { type Kysely, sql } from 'kysely';
import { analyzeTables } from '../../db/analyze.js';
import type { DB } from '../../db/schema.js';
import { scopeCondition } from '../../lib/scope.js';
import { writeAudit } from '../../plugins/audit.js';
import { loadSettings, saveSettings } from '../settings/service.js';
import { AppError, conflict, notFound } from '../../plugins/errors.js';
import { translate } from '../../plugins/i18n.js';
import { lapses } from '../orglife/lapses.js';
import { parsePayroll } from './payroll.js';
import { type Db, arrearsOf, baseSetters, entriesQuery, memberBases, memberInScope, monthDate, monthKey, monthSums, presentEntry, voluntaryTotal } from './repository.js';

export interface Actor {
  tenantId: number;
  userId: number;
  username: string;
  name: string;
  ip: string;
  language: Language;
}

const auditor = (a: Actor) => ({ tenantId: a.tenantId, userId: a.userId, username: a.username, ip: a.ip });

/** Throws the calculator's first problem as a 400 naming the field. */
export function assertDuesInput(input: { category: DuesCategory; baseCents: number; farmerMonthlyCents?: number | null }, language: Language, prefix = 'body') {
  const [problem] = duesInputProblems(input);
  if (problem) {
    throw new AppError(400, problem.code, problem.params, [{ path: `${prefix}.${problem.field}`, message: translate(problem.code, language, problem.params) }]);
  }
}

// ---------------------------------------------------------------------------------------
// One member's dues (the member's own page and the collector's view)

/**
 * A member's bases, months, entries and arrears, and whether a base is missing: a member whose
 * dues are a share of a base owes nothing the ledger can show until one is set, so "all paid"
 * would be false comfort; the page says who sets it instead.
 */
export async function memberDuesOf(db: Db, tenantId: number, scope: DataScope, memberId: number, today: string) {
  const member = await memberInScope(db, tenantId, scope, memberId);
  const year = Number(today.slice(0, 4));
  const bases = await memberBases(db, tenantId, memberId);
  const months = ((await monthSums(db, tenantId, [memberId])).get(memberId) ?? []).sort((a, b) => b.month.localeCompare(a.month));
  const entries = await entriesQuery(db, tenantId).where('e.member_id', '=', memberId).orderBy('e.id', 'desc').limit(200).execute();
  const needed = duesNeedsBase(member.dues_category);
  const missing = needed && !bases.some((b) => b.year <= year);
  return {
    member: { id: member.id, name: member.name, orgName: member.org_name, category: member.dues_category, farmerMonthlyCents: member.dues_farmer_cents, version: member.version },
    bases: bases.map((b) => ({
      id: b.id,
      year: b.year,
      category: b.category,
      baseCents: b.base_cents,
      rateBasisPoints: b.rate_basis_points,
      monthlyCents: b.monthly_cents,
      source: b.source,
      setBy: b.set_by_name,
      setAt: new Date(b.set_at).toISOString(),
    })),
    months,
    voluntaryCents: await voluntaryTotal(db, tenantId, memberId),
    entries: entries.map(presentEntry),
    arrears: duesArrears(months),
    base: { year, needed, missing, setters: missing ? await baseSetters(db, tenantId, member.org_path) : [] },
  };
}

/**
 * Months without organisational life of the given members (the rows of an arrears page), as the
 * orglife lapses list counts them; members outside the orglife scope get none.
 */
export async function orglifeFlags(db: Kysely<DB>, tenantId: number, today: string, scope: DataScope, memberIds: number[]) {
  const out = new Map<number, { months: number; level: LapseLevel }>();
  if (memberIds.length === 0) return out;
  const { items } = await lapses(db, tenantId, today, { scope, memberIds });
  for (const x of items) out.set(x.id, { months: x.months, level: x.level });
  return out;
}

// ---------------------------------------------------------------------------------------
// Yearly base 核定

export interface SetBaseInput {
  memberId: number;
  memberVersion: number;
  year: number;
  category: DuesCategory;
  baseCents: number;
  farmerMonthlyCents?: number | null;
  note?: string;
}

export async function setBase(db: Kysely<DB>, actor: Actor, scope: DataScope, input: SetBaseInput) {
  const baseCents = input.category === 'employed' || input.category === 'retired' ? input.baseCents : 0;
  const calc = { category: input.category, baseCents, farmerMonthlyCents: input.farmerMonthlyCents ?? null };
  assertDuesInput(calc, actor.language);
  const result = monthlyDues(calc);
  return db.transaction().execute(async (trx) => {
    const member = await memberInScope(trx, actor.tenantId, scope, input.memberId);
    const updated = await trx
      .updateTable('members')
      .set({
        dues_category: input.category,
        dues_farmer_cents: input.category === 'farmer' ? (input.farmerMonthlyCents ?? null) : null,
        version: input.memberVersion + 1,
        updated_at: new Date(),
      })
      .where('tenant_id', '=', actor.tenantId)
      .where('id', '=', input.memberId)
      .where('version', '=', input.memberVersion)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw conflict();
    const base = await trx
      .insertInto('dues_bases')
      .values({
        tenant_id: actor.tenantId,
        member_id: input.memberId,
        year: input.year,
        category: input.category,
        base_cents: baseCents,
        rate_basis_points: result.rateBasisPoints,
        monthly_cents: result.monthlyCents,
        source: 'manual',
        import_id: null,
        note: input.note ?? '',
        set_by: actor.userId,
        set_by_name: actor.name,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(trx, auditor(actor), {
      action: 'create',
      entityType: 'dues_base',
      entityId: base.id,
      summary: `核定党费基数 ${member.name} ${input.year}年`,
      before: { category: member.dues_category, farmerMonthlyCents: member.dues_farmer_cents },
      after: { category: input.category, baseCents, rateBasisPoints: result.rateBasisPoints, monthlyCents: result.monthlyCents },
    });
    return { base, memberVersion: input.memberVersion + 1 };
  });
}

// ---------------------------------------------------------------------------------------
// Payroll settings (the unit chooses once which items count and which deductions apply)

export async function payrollChoice(db: Db, tenantId: number): Promise<DuesPayrollChoice & { version: number }> {
  const { value, version } = await loadSettings(db, tenantId, 'duesPayroll');
  return { ...value, version };
}

export async function savePayrollChoice(db: Kysely<DB>, actor: Actor, input: DuesPayrollChoice & { version: number }) {
  const items = DUES_PAY_ITEMS.filter((i) => input.items.includes(i));
  if (items.length === 0) throw new AppError(400, 'DUES_PAYROLL_NO_ITEMS', {}, [{ path: 'body.items', message: translate('DUES_PAYROLL_NO_ITEMS', actor.language) }]);
  const deductions = [...new Set(input.deductions)].filter(isDuesBaseDeduction);
  // 党费规定: the base is pay after individual income tax, so the tax is always deducted.
  if (!deductions.includes('income_tax')) {
    throw new AppError(400, 'DUES_PAYROLL_TAX_REQUIRED', {}, [{ path: 'body.deductions', message: translate('DUES_PAYROLL_TAX_REQUIRED', actor.language) }]);
  }
  return db.transaction().execute(async (trx) => {
    const saved = await saveSettings(trx, auditor(actor), 'duesPayroll', { items, deductions }, input.version, { summary: '修改党费基数计算口径', language: actor.language });
    return { ...saved.value, version: saved.version };
  });
}

/**
 * Imports a payroll sheet: every row becomes the year's base in one transaction, or nothing
 * does (400 with every row's errors).
 */
export async function commitPayroll(db: Kysely<DB>, actor: Actor, scope: DataScope, input: { year: number; fileName: string; fileBase64: string }) {
  const result = await db.transaction().execute(async (trx) => {
    const choice = await payrollChoice(trx, actor.tenantId);
    const rows = await parsePayroll(trx, actor.tenantId, scope, input.fileBase64, choice, input.year, actor.language);
    const details = rows.flatMap((x) => x.errors);
    if (details.length > 0) throw new AppError(400, 'DUES_PAYROLL_ROWS_INVALID', { count: details.length }, details);
    const imp = await trx
      .insertInto('dues_imports')
      .values({
        tenant_id: actor.tenantId,
        year: input.year,
        file_name: input.fileName,
        row_count: rows.length,
        items: JSON.stringify(choice.items),
        deductions: JSON.stringify(choice.deductions),
        created_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('dues_bases')
      .values(
        rows.map((x) => ({
          tenant_id: actor.tenantId,
          member_id: x.memberId as number,
          year: input.year,
          category: 'employed' as const,
          base_cents: x.baseCents as number,
          rate_basis_points: x.rateBasisPoints,
          monthly_cents: x.monthlyCents as number,
          source: 'payroll' as const,
          import_id: imp.id,
          note: input.fileName,
          set_by: actor.userId,
          set_by_name: actor.name,
        })),
      )
      .execute();
    await writeAudit(trx, auditor(actor), {
      action: 'import',
      entityType: 'dues_import',
      entityId: imp.id,
      summary: `工资表导入党费基数 ${input.year}年 ${rows.length} 人`,
      after: { year: input.year, fileName: input.fileName, choice, rows: rows.map((x) => ({ memberId: x.memberId, baseCents: x.baseCents, monthlyCents: x.monthlyCents })) },
    });
    return { importId: imp.id, count: rows.length };
  });
  await analyzeTables(db, ['dues_bases', 'dues_imports']);
  return result;
}

// ---------------------------------------------------------------------------------------
// Month close: each active member's amount due, in one statement

/** `today` is the app's China date (app.today()): a month that has not begun cannot be closed. */
export async function closeMonth(db: Kysely<DB>, actor: Actor, scope: DataScope, month: string, orgId: number | undefined, today: string) {
  if (month > today.slice(0, 7)) {
    throw new AppError(400, 'DUES_MONTH_IN_FUTURE', { month }, [{ path: 'params.month', message: translate('DUES_MONTH_IN_FUTURE', actor.language, { month }) }]);
  }
  const result = await db.transaction().execute(async (trx) => {
    const org = await closeTarget(trx, actor.tenantId, scope, orgId);
    const first = monthDate(month);
    const year = Number(month.slice(0, 4));
    const fixed = DUES_RULES.fixedMonthlyCents;
    // Members who joined after the month, or left before it, owe nothing for it. The base in
    // force is the latest 核定 of that year or, until re-assessed, of an earlier year.
    // The entries' recorded_at and the close's closed_at are both this transaction's now(): the
    // list of closes counts a branch's share of a 党委-wide close by it (monthCloses).
    const result = await sql<{ n: number; total: number | null }>`
      with candidates as (
        select m.tenant_id, m.id as member_id, m.org_id, m.dues_category, m.dues_farmer_cents, b.id as base_id, b.monthly_cents
        from members m
        join orgs o on o.tenant_id = m.tenant_id and o.id = m.org_id
        left join lateral (
          select b.id, b.monthly_cents from dues_bases b
          where b.tenant_id = m.tenant_id and b.member_id = m.id and b.year <= ${year}
          order by b.year desc, b.id desc limit 1
        ) b on true
        where m.tenant_id = ${actor.tenantId} and m.status = 'active'
          and o.path like ${`${org.path}%`}
          and (m.joined_on is null or m.joined_on < (${first}::date + interval '1 month'))
      ), inserted as (
        insert into dues_entries (tenant_id, member_id, org_id, month, kind, affects, amount_cents, base_id, recorded_by, recorded_by_name)
        select tenant_id, member_id, org_id, ${first}::date, 'due', 'due',
          case when dues_category in ('student', 'unemployed', 'low_income') then ${fixed}::int
               when dues_category = 'farmer' then coalesce(dues_farmer_cents, ${fixed}::int)
               else monthly_cents end,
          base_id, ${actor.userId}, ${actor.name}
        from candidates
        where dues_category not in ('employed', 'retired') or base_id is not null
        on conflict (tenant_id, member_id, month) where kind = 'due' do nothing
        returning amount_cents
      )
      select count(*)::int8 as n, sum(amount_cents)::int8 as total from inserted
    `.execute(trx);
    const created = Number(result.rows[0]?.n ?? 0);
    const total = Number(result.rows[0]?.total ?? 0);
    const missing = await sql<{ id: number; name: string }>`
      select m.id, m.name from members m join orgs o on o.tenant_id = m.tenant_id and o.id = m.org_id
      where m.tenant_id = ${actor.tenantId} and m.status = 'active' and o.path like ${`${org.path}%`}
        and m.dues_category in ('employed', 'retired')
        and (m.joined_on is null or m.joined_on < (${first}::date + interval '1 month'))
        and not exists (select 1 from dues_bases b where b.tenant_id = m.tenant_id and b.member_id = m.id and b.year <= ${year})
      order by m.id
    `.execute(trx);
    // A close that adds nobody (everyone already has the month) leaves no row in the closes list.
    const close =
      created > 0
        ? await trx
            .insertInto('dues_month_closes')
            .values({ tenant_id: actor.tenantId, month: first, org_id: org.id, member_count: created, due_cents: total, closed_by: actor.userId, closed_by_name: actor.name })
            .returning('id')
            .executeTakeFirstOrThrow()
        : null;
    await writeAudit(trx, auditor(actor), {
      action: 'create',
      entityType: 'dues_month_close',
      entityId: close?.id ?? '',
      summary: `党费月结 ${month} ${org.name}：新增应缴 ${created} 人`,
      after: { month, orgId: org.id, created, dueCents: total, withoutBase: missing.rows.length },
    });
    return { id: close?.id ?? null, month, orgId: org.id, orgName: org.name, created, dueCents: total, withoutBase: missing.rows.map((r) => ({ id: Number(r.id), name: r.name })) };
  });
  // A close adds a month for every member at once: the ledger's statistics must follow, once the
  // ledger has grown by a tenth since they were taken (autovacuum's rule; PGlite has none).
  if (result.created > 0) await analyzeTables(db, ['dues_entries'], { whenGrownBy: 0.1 });
  return result;
}

async function closeTarget(db: Db, tenantId: number, scope: DataScope, orgId: number | undefined) {
  let query = db.selectFrom('orgs').select(['id', 'name', 'path']).where('tenant_id', '=', tenantId);
  if (orgId) query = query.where('id', '=', orgId);
  else if (scope.kind === 'subtree') query = query.where('id', '=', scope.orgIds[0] as number);
  else query = query.where('parent_id', 'is', null).orderBy('sort').orderBy('id');
  const org = await query.executeTakeFirst();
  if (!org) throw notFound('ORG_NOT_FOUND', orgId ?? 0);
  if (scope.kind === 'self' || (scope.kind === 'subtree' && !scope.paths.some((p) => org.path.startsWith(p)))) throw new AppError(403, 'OUT_OF_SCOPE');
  return org;
}

// ---------------------------------------------------------------------------------------
// Payments, voluntary extras, corrections

export interface PaymentInput {
  memberId: number;
  months: string[];
  method: 'cash' | 'transfer' | 'statement';
  paidOn: string;
  /** Only for a single month: a partial payment. Default: what is outstanding. */
  amountCents?: number;
  reference?: string;
  note?: string;
}

export interface Warning {
  code: string;
  message: string;
}

async function outstandingByMonth(db: Db, tenantId: number, memberId: number, months: string[]) {
  const rows = await db
    .selectFrom('dues_entries')
    .select([
      'month',
      sql<number>`sum(case when affects = 'due' then amount_cents else 0 end)::int8`.as('due'),
      sql<number>`sum(case when affects = 'paid' then amount_cents else 0 end)::int8`.as('paid'),
      sql<number>`count(*) filter (where kind = 'due')::int8`.as('due_entries'),
    ])
    .where('tenant_id', '=', tenantId)
    .where('member_id', '=', memberId)
    .where('month', 'in', months.map(monthDate))
    .groupBy('month')
    .execute();
  return new Map(rows.map((r) => [monthKey(r.month), { due: Number(r.due), paid: Number(r.paid), hasDue: Number(r.due_entries) > 0 }]));
}

/** Locks the member's ledger for the transaction, so two collectors cannot pay the same month twice. */
async function lockMember(db: Db, tenantId: number, memberId: number) {
  await sql`select id from members where tenant_id = ${tenantId} and id = ${memberId} for update`.execute(db);
}

export async function recordPayments(db: Kysely<DB>, actor: Actor, scope: DataScope, input: PaymentInput) {
  const months = [...new Set(input.months)].sort();
  return db.transaction().execute(async (trx) => {
    const member = await memberInScope(trx, actor.tenantId, scope, input.memberId);
    await lockMember(trx, actor.tenantId, member.id);
    const sums = await outstandingByMonth(trx, actor.tenantId, member.id, months);
    const details: ApiErrorDetail[] = [];
    const problems: { code: string; month: string }[] = [];
    const values = months.map((month, i) => {
      const s = sums.get(month);
      if (!s?.hasDue) {
        problems.push({ code: 'DUES_MONTH_NOT_DUE', month });
        details.push({ path: `body.months[${i}]`, message: translate('DUES_MONTH_NOT_DUE', actor.language, { name: member.name, month }) });
        return null;
      }
      const outstanding = s.due - s.paid;
      if (outstanding <= 0) {
        problems.push({ code: 'DUES_MONTH_ALREADY_PAID', month });
        details.push({ path: `body.months[${i}]`, message: translate('DUES_MONTH_ALREADY_PAID', actor.language, { name: member.name, month }) });
        return null;
      }
      return {
        tenant_id: actor.tenantId,
        member_id: member.id,
        org_id: member.org_id,
        month: monthDate(month),
        kind: 'payment' as const,
        affects: 'paid' as const,
        amount_cents: months.length === 1 && input.amountCents !== undefined ? input.amountCents : outstanding,
        method: input.method,
        paid_on: input.paidOn,
        reference: input.reference ?? '',
        note: input.note ?? '',
        recorded_by: actor.userId,
        recorded_by_name: actor.name,
      };
    });
    const [firstProblem] = problems;
    if (firstProblem) throw new AppError(400, firstProblem.code, { name: member.name, month: firstProblem.month }, details);
    const rows = values.filter((v) => v !== null);
    const inserted = await trx.insertInto('dues_entries').values(rows).returning(['id', 'month', 'amount_cents']).execute();
    const warnings: Warning[] = [];
    const span = backPaymentSpan(months, input.paidOn.slice(0, 7));
    // 党费规定: back-payment generally covers at most 6 months; more is recorded with a warning.
    if (span > DUES_RULES.backPaymentMaxMonths) {
      warnings.push({ code: 'DUES_BACK_PAYMENT_OVER_LIMIT', message: translate('DUES_BACK_PAYMENT_OVER_LIMIT', actor.language, { months: span, limit: DUES_RULES.backPaymentMaxMonths }) });
    }
    await writeAudit(trx, auditor(actor), {
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
  db: Kysely<DB>,
  actor: Actor,
  scope: DataScope,
  input: { memberId: number; amountCents: number; paidOn: string; method: 'cash' | 'transfer' | 'statement'; note?: string; reference?: string },
) {
  // 党费规定: a one-off voluntary extra of ≥1000元 goes entirely to the Centre (recorded separately).
  const toCentre = isLargeVoluntaryExtra(input.amountCents);
  return db.transaction().execute(async (trx) => {
    const member = await memberInScope(trx, actor.tenantId, scope, input.memberId);
    const entry = await trx
      .insertInto('dues_entries')
      .values({
        tenant_id: actor.tenantId,
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
        recorded_by: actor.userId,
        recorded_by_name: actor.name,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, auditor(actor), {
      action: 'create',
      entityType: 'dues_voluntary',
      entityId: entry.id,
      summary: `自愿多交党费 ${member.name} ${(input.amountCents / 100).toFixed(2)}元${toCentre ? '（全部上缴中央）' : ''}`,
      after: { memberId: member.id, amountCents: input.amountCents, toCentre },
    });
    return { id: entry.id, toCentre };
  });
}

/**
 * A correction is a new entry referring to the one it corrects, carrying the difference. The
 * caller sends the effective amount they saw: if someone corrected it meanwhile, 409.
 */
export async function correctEntry(
  db: Kysely<DB>,
  actor: Actor,
  scope: DataScope,
  entryId: number,
  input: { amountCents: number; expectedCents: number; reason: string },
) {
  return db.transaction().execute(async (trx) => {
    const original = await sql<{ id: number; member_id: number; org_id: number; month: string; kind: string; affects: 'due' | 'paid' | 'voluntary'; to_centre: boolean; amount_cents: number }>`
      select id, member_id, org_id, month, kind, affects, to_centre, amount_cents from dues_entries
      where tenant_id = ${actor.tenantId} and id = ${entryId} for update
    `.execute(trx);
    const entry = original.rows[0];
    if (!entry) throw notFound('DUES_ENTRY_NOT_FOUND', entryId);
    const member = await memberInScope(trx, actor.tenantId, scope, Number(entry.member_id));
    if (entry.kind === 'correction') throw new AppError(400, 'DUES_CORRECTION_OF_CORRECTION', { id: entry.id });
    const corrections = await trx
      .selectFrom('dues_entries')
      .select(sql<number>`coalesce(sum(amount_cents), 0)::int8`.as('sum'))
      .where('tenant_id', '=', actor.tenantId)
      .where('corrects_id', '=', entryId)
      .executeTakeFirstOrThrow();
    const current = entry.amount_cents + Number(corrections.sum);
    if (current !== input.expectedCents) throw conflict();
    const delta = input.amountCents - current;
    if (delta === 0) throw new AppError(400, 'DUES_CORRECTION_ZERO');
    const row = await trx
      .insertInto('dues_entries')
      .values({
        tenant_id: actor.tenantId,
        member_id: member.id,
        org_id: Number(entry.org_id),
        month: entry.month,
        kind: 'correction',
        affects: entry.affects,
        amount_cents: delta,
        corrects_id: entry.id,
        to_centre: entry.to_centre,
        note: input.reason,
        recorded_by: actor.userId,
        recorded_by_name: actor.name,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, auditor(actor), {
      action: 'create',
      entityType: 'dues_correction',
      entityId: row.id,
      summary: `更正党费台账 #${entry.id} ${member.name}：${(current / 100).toFixed(2)} → ${(input.amountCents / 100).toFixed(2)} 元`,
      before: { entryId: entry.id, effectiveCents: current },
      after: { entryId: entry.id, effectiveCents: input.amountCents, reason: input.reason },
    });
    return { id: row.id, correctsId: entry.id, deltaCents: delta, effectiveCents: input.amountCents };
  });
}

// ---------------------------------------------------------------------------------------
// Bank / online statement: rows matched by name and ID number, paying the oldest months first

export interface StatementRow {
  name: string;
  idNumber: string;
  amountCents: number;
  paidOn: string;
  reference?: string;
  /** Excel row when read from a sheet (errors then name the sheet row). */
  sheetRow?: number;
}

export async function importStatement(db: Kysely<DB>, actor: Actor, scope: DataScope, rows: StatementRow[], commit: boolean) {
  const result = await db.transaction().execute(async (trx) => {
    const ids = [...new Set(rows.map((r) => r.idNumber.trim().toUpperCase()))];
    const members = await trx
      .selectFrom('members as m')
      .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'm.tenant_id').onRef('o.id', '=', 'm.org_id'))
      .select(['m.id', 'm.name', 'm.id_number', 'm.org_id'])
      .where('m.tenant_id', '=', actor.tenantId)
      .where('m.id_number', 'in', ids)
      .where(scopeCondition(scope, 'o.path', 'm.id'))
      .execute();
    const details: ApiErrorDetail[] = [];
    const plan: { row: number; memberId: number; name: string; months: { month: string; cents: number }[]; extraCents: number }[] = [];
    const owed = new Map<number, { month: string; outstanding: number }[]>();
    for (const [i, r] of rows.entries()) {
      const member = members.find((m) => m.id_number === r.idNumber.trim().toUpperCase() && m.name === r.name.trim());
      if (!member) {
        details.push({ path: r.sheetRow ? `rows[${r.sheetRow}].身份证号码` : `body.rows[${i}].idNumber`, message: translate('DUES_STATEMENT_NO_MATCH', actor.language, { name: r.name }) });
        continue;
      }
      if (!owed.has(member.id)) {
        const { months } = await arrearsOf(trx, actor.tenantId, member.id);
        owed.set(
          member.id,
          months.filter((m) => m.paidCents < m.dueCents).map((m) => ({ month: m.month, outstanding: m.dueCents - m.paidCents })),
        );
      }
      const queue = owed.get(member.id) ?? [];
      let left = r.amountCents;
      const paid: { month: string; cents: number }[] = [];
      // Oldest months first; a remainder smaller than the next month pays that month in part.
      while (left > 0 && queue.length > 0) {
        const next = queue[0] as { month: string; outstanding: number };
        const cents = Math.min(left, next.outstanding);
        paid.push({ month: next.month, cents });
        left -= cents;
        next.outstanding -= cents;
        if (next.outstanding === 0) queue.shift();
      }
      if (paid.length === 0) {
        details.push({ path: r.sheetRow ? `rows[${r.sheetRow}].金额` : `body.rows[${i}].amountCents`, message: translate('DUES_STATEMENT_NOTHING_DUE', actor.language, { name: r.name }) });
        continue;
      }
      plan.push({ row: i, memberId: member.id, name: member.name, months: paid, extraCents: left });
    }
    if (commit && details.length > 0) throw new AppError(400, 'DUES_STATEMENT_ROWS_INVALID', { count: details.length }, details);
    if (commit) {
      for (const p of plan) {
        const r = rows[p.row] as StatementRow;
        const member = members.find((m) => m.id === p.memberId)!;
        await trx
          .insertInto('dues_entries')
          .values(
            p.months.map((m) => ({
              tenant_id: actor.tenantId,
              member_id: p.memberId,
              org_id: member.org_id,
              month: monthDate(m.month),
              kind: 'payment' as const,
              affects: 'paid' as const,
              amount_cents: m.cents,
              method: 'statement' as const,
              paid_on: r.paidOn,
              reference: r.reference ?? '',
              recorded_by: actor.userId,
              recorded_by_name: actor.name,
            })),
          )
          .execute();
        if (p.extraCents > 0) {
          await trx
            .insertInto('dues_entries')
            .values({
              tenant_id: actor.tenantId,
              member_id: p.memberId,
              org_id: member.org_id,
              month: monthDate(r.paidOn.slice(0, 7)),
              kind: 'voluntary',
              affects: 'voluntary',
              amount_cents: p.extraCents,
              method: 'statement',
              paid_on: r.paidOn,
              to_centre: isLargeVoluntaryExtra(p.extraCents),
              reference: r.reference ?? '',
              note: '对账单超出应缴部分',
              recorded_by: actor.userId,
              recorded_by_name: actor.name,
            })
            .execute();
        }
      }
      await writeAudit(trx, auditor(actor), {
        action: 'import',
        entityType: 'dues_statement',
        entityId: '',
        summary: `导入缴费对账单 ${plan.length} 笔`,
        after: plan.map((p) => ({ memberId: p.memberId, months: p.months, extraCents: p.extraCents })),
      });
    }
    return { rows: plan.map((p) => ({ row: rows[p.row]?.sheetRow ?? p.row, memberId: p.memberId, name: p.name, months: p.months, extraCents: p.extraCents })), errors: details, committed: commit };
  });
  if (commit && result.rows.length > 0) await analyzeTables(db, ['dues_entries'], { whenGrownBy: 0.1 });
  return result;
}
