/**
 * Kysely queries for party dues (党费): members, bases, payroll matching, month sums and arrears.
 * The ledger's entries, closes and reports are in repository-ledger.ts. Rules live in
 * @hongyi/core and the services; scope is decided with lib/scope (subtree for lists, the
 * services' requireInScope for records).
 */
import {
  DUES_BASE_CATEGORIES,
  type DataScope,
  type DuesArrears,
  type DuesCategory,
  type DuesMonth,
  type DuesPayrollChoice,
  LAPSE_RULES,
  type LapseLevel,
  duesArrears,
  lapseLevel,
  lapseLevelBounds,
} from '@hongyi/core';
import { type Insertable, type Kysely, type Transaction, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { escapeLike, inIds, subtree } from '../../lib/scope.js';
import { openRow } from '../../db/sealed.js';

export type Db = Kysely<DB> | Transaction<DB>;

/** 'YYYY-MM' → 'YYYY-MM-01' (the ledger stores months as their first day). */
export const monthDate = (month: string) => `${month}-01`;
export const monthKey = (date: string) => date.slice(0, 7);

/** A member with their branch (orgPath and memberId for requireInScope); undefined when not in the unit. */
export async function memberRow(db: Db, tenantId: number, memberId: number) {
  const row = await db
    .selectFrom('members as m')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'm.tenant_id').onRef('o.id', '=', 'm.org_id'))
    .select([
      'm.id',
      'm.id as memberId',
      'm.name',
      'm.id_number_enc',
      'm.org_id',
      'm.status',
      'm.version',
      'm.dues_category',
      'm.dues_farmer_cents',
      'o.path as orgPath',
      'o.name as org_name',
    ])
    .where('m.tenant_id', '=', tenantId)
    .where('m.id', '=', memberId)
    .executeTakeFirst();
  return row && openRow(row);
}

export type MemberRow = NonNullable<Awaited<ReturnType<typeof memberRow>>>;

/** The unit's active members in id order: dues category, title and branch (a unit's bases as first recorded). */
export async function activeMembersForDues(db: Db, tenantId: number) {
  return db
    .selectFrom('members as m')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'm.tenant_id').onRef('o.id', '=', 'm.org_id'))
    .select(['m.id', 'm.dues_category', 'm.title', 'm.org_id', 'o.name as org_name'])
    .where('m.tenant_id', '=', tenantId)
    .where('m.status', '=', 'active')
    .orderBy('m.id')
    .execute();
}

/** An org of the unit (orgPath for requireInScope). */
export async function orgRow(db: Db, tenantId: number, orgId: number) {
  return db.selectFrom('orgs').select(['id', 'name', 'path as orgPath']).where('tenant_id', '=', tenantId).where('id', '=', orgId).executeTakeFirst();
}

/** The unit's top organisation (the 党委 a unit-wide month close covers). */
export async function rootOrg(db: Db, tenantId: number) {
  return db.selectFrom('orgs').select(['id', 'name', 'path as orgPath']).where('tenant_id', '=', tenantId).where('parent_id', 'is', null).orderBy('sort').orderBy('id').executeTakeFirst();
}

/** Names of orgs by id, or of the unit's standing top organisations when no ids are given; tree order. */
export async function orgNames(db: Db, tenantId: number, orgIds: readonly number[] | null): Promise<string[]> {
  let q = db.selectFrom('orgs').select('name').where('tenant_id', '=', tenantId).orderBy('path');
  q = orgIds ? q.where(inIds('id', orgIds)) : q.where('parent_id', 'is', null).where('dissolved_on', 'is', null);
  return (await q.execute()).map((x) => x.name);
}

export async function unitName(db: Db, tenantId: number): Promise<string> {
  return (await db.selectFrom('tenants').select('name').where('id', '=', tenantId).executeTakeFirstOrThrow()).name;
}

export function orgPathCondition(column: string, path: string | null) {
  return path ? sql<boolean>`${sql.ref(column)} like ${`${escapeLike(path)}%`}` : sql<boolean>`true`;
}

export interface BaseFilters {
  year: number;
  q?: string | undefined;
  /** set: 核定 for the year; carried: from an earlier year; missing: none although the category needs one. */
  status: 'all' | 'set' | 'carried' | 'missing';
}

/** SQL list of the categories whose dues are a share of a base (core's DUES_BASE_CATEGORIES). */
const baseCategories = sql.join(DUES_BASE_CATEGORIES.map((c) => sql.lit(c)));

/** Active members in scope with the base in force for a year (latest 核定 of the year, else carried). */
function basesQuery(db: Db, tenantId: number, scope: DataScope, f: BaseFilters, orgPath: string | null) {
  let q = db
    .selectFrom('members as m')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'm.tenant_id').onRef('o.id', '=', 'm.org_id'))
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('dues_bases as b')
          .select(['b.id', 'b.year', 'b.base_cents', 'b.rate_basis_points', 'b.monthly_cents', 'b.source', 'b.set_by_name', 'b.set_at'])
          .whereRef('b.tenant_id', '=', 'm.tenant_id')
          .whereRef('b.member_id', '=', 'm.id')
          .where('b.year', '<=', f.year)
          .orderBy('b.year', 'desc')
          .orderBy('b.id', 'desc')
          .limit(1)
          .as('b'),
      (j) => j.onTrue(),
    )
    .select([
      'm.id',
      'm.name',
      'm.org_id',
      'o.name as org_name',
      'm.dues_category',
      'm.dues_farmer_cents',
      'm.version',
      'b.id as base_id',
      'b.year as base_year',
      'b.base_cents',
      'b.rate_basis_points',
      'b.monthly_cents',
      'b.source',
      'b.set_by_name',
      'b.set_at',
    ])
    .where('m.tenant_id', '=', tenantId)
    .where('m.status', '=', 'active')
    .where(subtree(scope, 'o.path', 'm.id'))
    .where(orgPathCondition('o.path', orgPath));
  if (f.q) q = q.where('m.name', 'like', `%${escapeLike(f.q)}%`);
  if (f.status === 'set') q = q.where('b.year', '=', f.year);
  // Missing: the member's dues are a share of a base and none is in force (a student's fixed 0.2元 needs none).
  if (f.status === 'missing') q = q.where('b.id', 'is', null).where(sql<boolean>`m.dues_category in (${baseCategories})`);
  if (f.status === 'carried') q = q.where('b.year', '<', f.year);
  return q.orderBy('o.path').orderBy('m.id');
}

export type BaseRow = Awaited<ReturnType<ReturnType<typeof basesQuery>['execute']>>[number];

/** The bases list: a page with the number of rows matching, or every row (an export) without `page`. */
export async function basesList(db: Db, tenantId: number, scope: DataScope, f: BaseFilters, orgPath: string | null, page?: { limit: number; offset: number }) {
  const query = basesQuery(db, tenantId, scope, f, orgPath);
  if (!page) return { rows: await query.limit(200_000).execute(), total: null };
  const { total } = await query.clearSelect().clearOrderBy().select(sql<number>`count(*)`.as('total')).executeTakeFirstOrThrow();
  return { rows: await query.limit(page.limit).offset(page.offset).execute(), total: Number(total) };
}

/**
 * How many active members in scope have a base set for the year, carried from an earlier year,
 * or none although their category needs one (the month close then charges them nothing).
 */
export async function baseSummary(db: Db, tenantId: number, scope: DataScope, year: number, orgPath: string | null) {
  // One pass over the bases (the latest year ≤ the year, per member) joined to the members.
  const latest = db
    .selectFrom('dues_bases')
    .select(['member_id', sql<number>`max(year)`.as('year')])
    .where('tenant_id', '=', tenantId)
    .where('year', '<=', year)
    .groupBy('member_id')
    .as('b');
  const row = await db
    .selectFrom('members as m')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'm.tenant_id').onRef('o.id', '=', 'm.org_id'))
    .leftJoin(latest, 'b.member_id', 'm.id')
    .select([
      sql<number>`count(*)::int8`.as('members'),
      sql<number>`count(*) filter (where b.year = ${year})::int8`.as('set'),
      sql<number>`count(*) filter (where b.year < ${year})::int8`.as('carried'),
      sql<number>`count(*) filter (where b.year is null and m.dues_category in (${baseCategories}))::int8`.as('missing'),
    ])
    .where('m.tenant_id', '=', tenantId)
    .where('m.status', '=', 'active')
    .where(subtree(scope, 'o.path', 'm.id'))
    .where(orgPathCondition('o.path', orgPath))
    .executeTakeFirstOrThrow();
  return { year, members: Number(row.members), set: Number(row.set), carried: Number(row.carried), missing: Number(row.missing) };
}

/**
 * Who sets a member's base besides the organisation office: the secretaries of the nearest
 * org above the member (their own branch first) whose grant covers the member, by name.
 */
export async function baseSetters(db: Db, tenantId: number, orgPath: string): Promise<string[]> {
  const rows = await db
    .selectFrom('user_roles as r')
    .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'r.tenant_id').onRef('u.id', '=', 'r.user_id'))
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'r.tenant_id').onRef('o.id', '=', 'r.org_id'))
    .select(['u.name', 'o.depth'])
    .where('r.tenant_id', '=', tenantId)
    .where('r.role', '=', 'branch_secretary')
    .where('u.active', '=', true)
    .where(sql<boolean>`${orgPath} like o.path || '%'`)
    .orderBy('u.name')
    .execute();
  const nearest = Math.max(...rows.map((x) => x.depth));
  return [...new Set(rows.filter((x) => x.depth === nearest).map((x) => x.name))];
}

/** Every base ever set for a member, newest first. */
export async function memberBases(db: Db, tenantId: number, memberId: number) {
  return db.selectFrom('dues_bases').selectAll().where('tenant_id', '=', tenantId).where('member_id', '=', memberId).orderBy('year', 'desc').orderBy('id', 'desc').execute();
}

/** What a member paid voluntarily beyond the dues, in all. */
export async function voluntaryTotal(db: Db, tenantId: number, memberId: number): Promise<number> {
  const row = await db
    .selectFrom('dues_entries')
    .select(sql<number>`coalesce(sum(amount_cents), 0)::int8`.as('sum'))
    .where('tenant_id', '=', tenantId)
    .where('member_id', '=', memberId)
    .where('affects', '=', 'voluntary')
    .executeTakeFirstOrThrow();
  return Number(row.sum);
}

// ---------------------------------------------------------------------------------------
// Writes of a base 核定 and a payroll import

/** Sets the member's dues category over the version the caller read; false when it changed meanwhile. */
export async function updateMemberDuesCategory(db: Db, tenantId: number, memberId: number, version: number, category: DuesCategory, farmerMonthlyCents: number | null): Promise<boolean> {
  const updated = await db
    .updateTable('members')
    .set({ dues_category: category, dues_farmer_cents: farmerMonthlyCents, version: version + 1, updated_at: new Date() })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', memberId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}

export type NewBase = Omit<Insertable<DB['dues_bases']>, 'tenant_id'>;

export async function insertBase(db: Db, tenantId: number, base: NewBase) {
  return db.insertInto('dues_bases').values({ ...base, tenant_id: tenantId }).returningAll().executeTakeFirstOrThrow();
}

export async function insertBases(db: Db, tenantId: number, bases: NewBase[]): Promise<void> {
  if (bases.length > 0) await db.insertInto('dues_bases').values(bases.map((b) => ({ ...b, tenant_id: tenantId }))).execute();
}

export async function insertPayrollImport(db: Db, tenantId: number, row: { year: number; fileName: string; rowCount: number; choice: DuesPayrollChoice; createdBy: number }): Promise<number> {
  const imp = await db
    .insertInto('dues_imports')
    .values({
      tenant_id: tenantId,
      year: row.year,
      file_name: row.fileName,
      row_count: row.rowCount,
      items: JSON.stringify(row.choice.items),
      deductions: JSON.stringify(row.choice.deductions),
      created_by: row.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return imp.id;
}

/** Active members in scope a payroll sheet may name, by name. */
export async function payrollCandidates(db: Db, tenantId: number, scope: DataScope, names: readonly string[]) {
  if (names.length === 0) return [];
  const rows = await db
    .selectFrom('members as m')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'm.tenant_id').onRef('o.id', '=', 'm.org_id'))
    .select(['m.id', 'm.name', 'm.id_number_enc', 'm.dues_category', 'o.name as org_name'])
    .where('m.tenant_id', '=', tenantId)
    .where('m.status', '=', 'active')
    .where('m.name', 'in', names)
    .where(subtree(scope, 'o.path', 'm.id'))
    .execute();
  return rows.map(openRow);
}

/** Each member's monthly amount in force for a year before a new 核定 (the latest base of that year or earlier). */
export async function monthlyInForce(db: Db, tenantId: number, memberIds: readonly number[], year: number): Promise<Map<number, number>> {
  const previous = new Map<number, number>();
  if (memberIds.length === 0) return previous;
  const bases = await db
    .selectFrom('dues_bases')
    .select(['member_id', 'monthly_cents'])
    .where('tenant_id', '=', tenantId)
    .where(inIds('member_id', memberIds))
    .where('year', '<=', year)
    .orderBy('year')
    .orderBy('id')
    .execute();
  for (const b of bases) previous.set(b.member_id, b.monthly_cents);
  return previous;
}

/** Per member and month: what was due and what was paid, corrections included. */
export async function monthSums(db: Db, tenantId: number, memberIds: readonly number[]) {
  if (memberIds.length === 0) return new Map<number, DuesMonth[]>();
  const rows = await db
    .selectFrom('dues_entries as e')
    .select([
      'e.member_id',
      'e.month',
      sql<number>`sum(case when e.affects = 'due' then e.amount_cents else 0 end)::int8`.as('due_cents'),
      sql<number>`sum(case when e.affects = 'paid' then e.amount_cents else 0 end)::int8`.as('paid_cents'),
    ])
    .where('e.tenant_id', '=', tenantId)
    .where('e.affects', 'in', ['due', 'paid'])
    .where(inIds('e.member_id', memberIds))
    .groupBy(['e.member_id', 'e.month'])
    .execute();
  const byMember = new Map<number, DuesMonth[]>();
  for (const r of rows) {
    // Only months with something due count (a voluntary payment alone is not a dues month).
    const list = byMember.get(r.member_id) ?? [];
    list.push({ month: monthKey(r.month), dueCents: Number(r.due_cents), paidCents: Number(r.paid_cents) });
    byMember.set(r.member_id, list);
  }
  return byMember;
}

export interface ArrearsFilter {
  scope: DataScope;
  /** Limit to an org subtree (already checked against the scope). */
  orgPath: string | null;
  /** At least this many consecutive unpaid months (≥ 1). */
  minMonths: number;
  level?: LapseLevel | undefined;
  /** Paging; every row when absent. */
  limit?: number;
  offset?: number;
}

export interface ArrearsRow extends DuesArrears {
  id: number;
  name: string;
  orgId: number;
  orgName: string;
}

/**
 * Brings the kept dues positions (migrations 2026-12-05T0560 and 2026-12-06T0570) up to date: the
 * members whose ledger grew since (marked by the trigger on dues_entries) get their position from
 * their own ledger — the last month with something due or paid and whether it is unpaid, and for
 * the members whose last month is unpaid the arrears list's figures, counted as duesArrears() in
 * core counts them (which stays the reference; the tests check the two agree on every demo
 * member). Per month, due and paid are summed; a month is unpaid when paid < due; the unpaid months
 * that follow each other in the calendar form islands (month number − row number among the unpaid
 * months), and the run that counts is the island holding the last month. The outstanding amount is
 * owed over every unpaid month; 党费已交到 is the last month before the first unpaid one. One
 * statement takes the marks and writes the positions: a mark that a writer commits meanwhile stays
 * for the next call. After a month close every member is marked once; otherwise only those who
 * paid or were charged since.
 */
export async function refreshPositions(db: Db, tenantId: number): Promise<void> {
  await sql`
    with dirty as (
      delete from dues_position_dirty where tenant_id = ${tenantId} returning member_id
    ),
    marks as (
      select distinct d.member_id from dirty d join members m on m.tenant_id = ${tenantId} and m.id = d.member_id
    ),
    latest as (
      select d.member_id, l.month, coalesce(l.unpaid, false) as unpaid
      from marks d
      left join lateral (
        select e.month,
          sum(case when e.affects = 'paid' then e.amount_cents else 0 end) < sum(case when e.affects = 'due' then e.amount_cents else 0 end) as unpaid
        from dues_entries e
        where e.tenant_id = ${tenantId} and e.member_id = d.member_id and e.affects in ('due', 'paid')
        group by e.month
        order by e.month desc
        limit 1
      ) l on true
    ),
    -- Every month only of the members whose last month is unpaid (after a month close, every
    -- member is marked and a tenth or so are in arrears).
    months as (
      select l.member_id, l.month as last_month, s.month, s.unpaid, s.owed
      from latest l
      cross join lateral (
        select e.month,
          sum(case when e.affects = 'paid' then e.amount_cents else 0 end) < sum(case when e.affects = 'due' then e.amount_cents else 0 end) as unpaid,
          sum(case when e.affects = 'due' then e.amount_cents else -e.amount_cents end) as owed
        from dues_entries e
        where e.tenant_id = ${tenantId} and e.member_id = l.member_id and e.affects in ('due', 'paid')
        group by e.month
      ) s
      where l.unpaid
    ),
    marked as (
      select k.member_id, k.month, k.unpaid, k.owed, k.last_month,
        case when k.unpaid then (extract(year from k.month) * 12 + extract(month from k.month))::int - row_number() over (partition by k.member_id, k.unpaid order by k.month)::int end as island,
        min(k.month) filter (where k.unpaid) over (partition by k.member_id) as first_unpaid
      from months k
    ),
    tail as (
      select member_id, island from marked where month = last_month
    ),
    runs as (
      select k.member_id,
        count(*) filter (where k.unpaid and k.island = t.island)::int as consecutive,
        coalesce(sum(k.owed) filter (where k.unpaid), 0)::int8 as outstanding,
        max(k.month) filter (where k.month < k.first_unpaid) as paid_through
      from marked k join tail t on t.member_id = k.member_id
      group by k.member_id
    )
    insert into dues_positions (tenant_id, member_id, last_month, last_unpaid, consecutive, outstanding_cents, paid_through)
    select ${tenantId}, l.member_id, l.month, l.unpaid, coalesce(r.consecutive, 0), coalesce(r.outstanding, 0), r.paid_through
    from latest l
    left join runs r on r.member_id = l.member_id
    on conflict (tenant_id, member_id) do update set last_month = excluded.last_month, last_unpaid = excluded.last_unpaid,
      consecutive = excluded.consecutive, outstanding_cents = excluded.outstanding_cents, paid_through = excluded.paid_through`.execute(db);
}

/**
 * The members in scope whose last month of dues is unpaid (every member in arrears, at least one
 * month), with their kept run, amount and 党费已交到: the `people` and `candidates` of the arrears
 * queries, as their first CTEs. The caller refreshes the positions first.
 */
function arrearsCandidates(tenantId: number, f: Pick<ArrearsFilter, 'scope' | 'orgPath'>) {
  return sql`
    -- Not materialised: each use is planned with its join, so the candidates start from the few
    -- unpaid positions instead of every member in scope.
    people as not materialized (
      select m.id, m.name, m.org_id, o.name as org_name, o.path
      from members m join orgs o on o.tenant_id = m.tenant_id and o.id = m.org_id
      where m.tenant_id = ${tenantId} and m.status = 'active'
        and ${subtree(f.scope, 'o.path', 'm.id')} and ${orgPathCondition('o.path', f.orgPath)}
    ),
    candidates as (
      select p.id, p.name, p.org_id, p.org_name, p.path, x.consecutive, x.outstanding_cents, x.paid_through
      from dues_positions x join people p on p.id = x.member_id
      where x.tenant_id = ${tenantId} and x.last_unpaid
    )`;
}

/** How many members in scope are in arrears (at least one month): the list's total without the list. */
export async function arrearsCount(db: Db, tenantId: number, f: Pick<ArrearsFilter, 'scope' | 'orgPath'>): Promise<number> {
  // Its own statement, committed at once: the marks it takes are not held while the count runs.
  await refreshPositions(db, tenantId);
  const run = async (trx: Db) => (await sql<{ n: number }>`with ${arrearsCandidates(tenantId, f)} select count(*)::int as n from candidates`.execute(trx)).rows[0]?.n ?? 0;
  return db.isTransaction ? withoutJit(db, run) : (db as Kysely<DB>).transaction().execute((trx) => withoutJit(trx, run));
}

/**
 * Runs an arrears query with PostgreSQL's JIT off and more memory for its sums: the planner cannot
 * know how few members are in arrears, so its cost estimate is high enough to compile the query
 * with JIT (seconds of compiling for a fraction of one of running), and the latest month's sums
 * of a province's members (100,000 groups) fit in memory instead of spilling to disk.
 */
async function withoutJit<T>(trx: Db, run: (trx: Db) => Promise<T>): Promise<T> {
  await sql`set local jit = off`.execute(trx);
  await sql`set local work_mem = '32MB'`.execute(trx);
  return run(trx);
}

/**
 * Active members in scope with consecutive unpaid months, worst first, paged in SQL from the kept
 * positions (refreshPositions counts the runs, amounts and 党费已交到). Only the page's rows read
 * their ledger, for their list of unpaid months. `counts` tallies the levels of every member with
 * at least one unpaid month, whatever the level and minMonths filters (the page's headline),
 * within the org filter.
 */
export async function arrearsList(db: Db, tenantId: number, f: ArrearsFilter): Promise<{ items: ArrearsRow[]; total: number; counts: Record<LapseLevel, number> }> {
  const bounds = f.level ? lapseLevelBounds(f.level) : null;
  const min = Math.max(f.minMonths, bounds?.min ?? 0, 1);
  const below = bounds?.below ?? null;
  const page = f.limit === undefined ? sql`` : sql`limit ${f.limit} offset ${f.offset ?? 0}`;
  await refreshPositions(db, tenantId);
  const run = async (trx: Db) =>
    sql<{
    id: number;
    name: string;
    org_id: number;
    org_name: string;
    consecutive: number;
    outstanding: number;
    paid_through: string | null;
    unpaid_months: string[] | null;
    total: number;
    counts: Record<LapseLevel, number>;
  }>`
    with ${arrearsCandidates(tenantId, f)},
    tally as (
      select json_build_object(
        'none', count(*) filter (where consecutive < ${LAPSE_RULES.remindAtMonths}::int),
        'remind', count(*) filter (where consecutive >= ${LAPSE_RULES.remindAtMonths}::int and consecutive < ${LAPSE_RULES.warnAtMonths}::int),
        'warn', count(*) filter (where consecutive >= ${LAPSE_RULES.warnAtMonths}::int and consecutive < ${LAPSE_RULES.reportAtMonths}::int),
        'report', count(*) filter (where consecutive >= ${LAPSE_RULES.reportAtMonths}::int)) as counts
      from candidates
    ),
    listed as (
      select c.*, count(*) over ()::int as total
      from candidates c
      where c.consecutive >= ${min}::int and (${below}::int is null or c.consecutive < ${below}::int)
      order by c.consecutive desc, c.path, c.id
      ${page}
    )
    select l.id, l.name, l.org_id, l.org_name, l.consecutive, l.outstanding_cents as outstanding,
      to_char(l.paid_through, 'YYYY-MM') as paid_through, l.total, t.counts,
      (select array_agg(to_char(s.month, 'YYYY-MM') order by s.month)
        from (
          select e.month from dues_entries e
          where e.tenant_id = ${tenantId} and e.member_id = l.id and e.affects in ('due', 'paid')
          group by e.month
          having sum(case when e.affects = 'paid' then e.amount_cents else 0 end) < sum(case when e.affects = 'due' then e.amount_cents else 0 end)
        ) s) as unpaid_months
    from tally t left join listed l on true
    order by l.consecutive desc, l.path, l.id`.execute(trx);
  const { rows } = db.isTransaction ? await withoutJit(db, run) : await (db as Kysely<DB>).transaction().execute((trx) => withoutJit(trx, run));
  const [first] = rows;
  const counts = { none: 0, remind: 0, warn: 0, report: 0, ...(first?.counts ?? {}) };
  const items = rows
    .filter((r) => r.id !== null)
    .map((r) => ({
      id: Number(r.id),
      name: r.name,
      orgId: Number(r.org_id),
      orgName: r.org_name,
      consecutiveUnpaidMonths: r.consecutive,
      unpaidMonths: r.unpaid_months ?? [],
      outstandingCents: Number(r.outstanding),
      paidThrough: r.paid_through,
      level: lapseLevel(r.consecutive),
    }));
  let total = first?.id === null || first === undefined ? 0 : Number(first.total);
  if (items.length === 0 && (f.offset ?? 0) > 0) total = (await arrearsList(db, tenantId, { ...f, limit: 1, offset: 0 })).total;
  return { items, total, counts };
}

export async function arrearsOf(db: Db, tenantId: number, memberId: number) {
  const months = (await monthSums(db, tenantId, [memberId])).get(memberId) ?? [];
  return { months, arrears: duesArrears(months.filter((m) => m.dueCents > 0 || m.paidCents > 0)) };
}
