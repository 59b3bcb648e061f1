/** Kysely queries for party dues (党费). Rules live in @hongyi/core and service.ts. */
import { DUES_BASE_CATEGORIES, type DataScope, type DuesArrears, type DuesMonth, LAPSE_RULES, type LapseLevel, duesArrears, lapseLevel, lapseLevelBounds } from '@hongyi/core';
import { type Kysely, type Transaction, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { escapeLike, inIds, scopeCondition } from '../../lib/scope.js';
import { AppError, notFound } from '../../plugins/errors.js';

export type Db = Kysely<DB> | Transaction<DB>;

/** 'YYYY-MM' → 'YYYY-MM-01' (the ledger stores months as their first day). */
export const monthDate = (month: string) => `${month}-01`;
export const monthKey = (date: string) => date.slice(0, 7);

/** A member with their branch path, or 404; 403 OUT_OF_SCOPE when the scope does not reach them. */
export async function memberInScope(db: Db, tenantId: number, scope: DataScope, memberId: number) {
  const row = await db
    .selectFrom('members as m')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'm.tenant_id').onRef('o.id', '=', 'm.org_id'))
    .select([
      'm.id',
      'm.name',
      'm.id_number',
      'm.org_id',
      'm.status',
      'm.version',
      'm.dues_category',
      'm.dues_farmer_cents',
      'o.path as org_path',
      'o.name as org_name',
    ])
    .where('m.tenant_id', '=', tenantId)
    .where('m.id', '=', memberId)
    .executeTakeFirst();
  if (!row) throw notFound('MEMBER_NOT_FOUND', memberId);
  const inScope =
    scope.kind === 'tenant' ||
    (scope.kind === 'self' && scope.memberId === row.id) ||
    (scope.kind === 'subtree' && scope.paths.some((p) => row.org_path.startsWith(p)));
  if (!inScope) throw new AppError(403, 'OUT_OF_SCOPE');
  return row;
}

/** The org subtree an optional orgId filter names, checked against the scope. */
export async function orgFilterPath(db: Db, tenantId: number, scope: DataScope, orgId: number | undefined): Promise<string | null> {
  if (!orgId) return null;
  const org = await db.selectFrom('orgs').select(['path']).where('tenant_id', '=', tenantId).where('id', '=', orgId).executeTakeFirst();
  if (!org) throw notFound('ORG_NOT_FOUND', orgId);
  if (scope.kind === 'subtree' && !scope.paths.some((p) => org.path.startsWith(p) || p.startsWith(org.path))) {
    throw new AppError(403, 'OUT_OF_SCOPE');
  }
  return org.path;
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
export function basesQuery(db: Db, tenantId: number, scope: DataScope, f: BaseFilters, orgPath: string | null) {
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
    .where(scopeCondition(scope, 'o.path', 'm.id'))
    .where(orgPathCondition('o.path', orgPath));
  if (f.q) q = q.where('m.name', 'like', `%${escapeLike(f.q)}%`);
  if (f.status === 'set') q = q.where('b.year', '=', f.year);
  // Missing: the member's dues are a share of a base and none is in force (a student's fixed 0.2元 needs none).
  if (f.status === 'missing') q = q.where('b.id', 'is', null).where(sql<boolean>`m.dues_category in (${baseCategories})`);
  if (f.status === 'carried') q = q.where('b.year', '<', f.year);
  return q.orderBy('o.path').orderBy('m.id');
}

export type BaseRow = Awaited<ReturnType<ReturnType<typeof basesQuery>['execute']>>[number];

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
    .where(scopeCondition(scope, 'o.path', 'm.id'))
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

/** The base in force for a year: the latest 核定 of that year, else carried from the latest earlier year. */
export async function baseInForce(db: Db, tenantId: number, memberId: number, year: number) {
  return db
    .selectFrom('dues_bases')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('member_id', '=', memberId)
    .where('year', '<=', year)
    .orderBy('year', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
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
 * Active members in scope with consecutive unpaid months, worst first, counted in one
 * set-based query: the same counting as duesArrears() in core (which stays the reference; the
 * tests check the two agree on every demo member). Per member and month, due and paid are
 * summed; a month is unpaid when paid < due; the unpaid months that follow each other in the
 * calendar form islands (month number − row number among the unpaid months), and the run that
 * counts is the island holding the member's last month, if that month is unpaid. 党费已交到 is
 * the last month before the first unpaid one. Only the page's rows carry their list of unpaid
 * months. `counts` tallies the levels of every member with at least one such month, whatever
 * the level and minMonths filters (the page's headline), within the org filter.
 */
export async function arrearsList(db: Db, tenantId: number, f: ArrearsFilter): Promise<{ items: ArrearsRow[]; total: number; counts: Record<LapseLevel, number> }> {
  const bounds = f.level ? lapseLevelBounds(f.level) : null;
  const min = Math.max(f.minMonths, bounds?.min ?? 0, 1);
  const below = bounds?.below ?? null;
  const page = f.limit === undefined ? sql`` : sql`limit ${f.limit} offset ${f.offset ?? 0}`;
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
    with people as (
      select m.id, m.name, m.org_id, o.name as org_name, o.path
      from members m join orgs o on o.tenant_id = m.tenant_id and o.id = m.org_id
      where m.tenant_id = ${tenantId} and m.status = 'active'
        and ${scopeCondition(f.scope, 'o.path', 'm.id')} and ${orgPathCondition('o.path', f.orgPath)}
    ),
    -- Only a member whose last month is unpaid has a run to count, and only their ledger is read
    -- whole. The month close charges every member at once, so nearly everyone's last month is
    -- the unit's latest: that month's entries (by the (month, org) index) settle them; the few
    -- without an entry in it get one backward probe of the (member, month) index each.
    at_latest as (
      select e.member_id,
        sum(case when e.affects = 'paid' then e.amount_cents else 0 end) < sum(case when e.affects = 'due' then e.amount_cents else 0 end) as unpaid
      from dues_entries e join people p on p.id = e.member_id
      where e.tenant_id = ${tenantId} and e.affects in ('due', 'paid')
        and e.month = (select max(x.month) from dues_entries x where x.tenant_id = ${tenantId} and x.affects in ('due', 'paid'))
      group by e.member_id
    ),
    candidates as (
      select member_id as id from at_latest where unpaid
      union all
      select p.id
      from (select p.id from people p where not exists (select 1 from at_latest a where a.member_id = p.id)) p
      cross join lateral (
        select sum(case when e.affects = 'paid' then e.amount_cents else 0 end) < sum(case when e.affects = 'due' then e.amount_cents else 0 end) as unpaid
        from dues_entries e
        where e.tenant_id = ${tenantId} and e.member_id = p.id and e.affects in ('due', 'paid')
        group by e.month
        order by e.month desc
        limit 1
      ) l
      where l.unpaid
    ),
    months as (
      select c.id as member_id, s.month, s.unpaid, s.owed
      from candidates c
      cross join lateral (
        select e.month,
          sum(case when e.affects = 'paid' then e.amount_cents else 0 end) < sum(case when e.affects = 'due' then e.amount_cents else 0 end) as unpaid,
          sum(case when e.affects = 'due' then e.amount_cents else -e.amount_cents end) as owed
        from dues_entries e
        where e.tenant_id = ${tenantId} and e.member_id = c.id and e.affects in ('due', 'paid')
        group by e.month
      ) s
    ),
    marked as (
      select member_id, month, unpaid, owed,
        case when unpaid then (extract(year from month) * 12 + extract(month from month))::int - row_number() over (partition by member_id, unpaid order by month)::int end as island,
        max(month) over (partition by member_id) as last_month,
        min(month) filter (where unpaid) over (partition by member_id) as first_unpaid
      from months
    ),
    tail as (
      select member_id, island from marked where month = last_month and unpaid
    ),
    flagged as (
      select k.member_id,
        count(*) filter (where k.unpaid and k.island = t.island)::int as consecutive,
        coalesce(sum(k.owed) filter (where k.unpaid), 0)::int8 as outstanding,
        to_char(max(k.month) filter (where k.first_unpaid is null or k.month < k.first_unpaid), 'YYYY-MM') as paid_through
      from marked k join tail t on t.member_id = k.member_id
      group by k.member_id
    ),
    tally as (
      select json_build_object(
        'none', count(*) filter (where consecutive < ${LAPSE_RULES.remindAtMonths}::int),
        'remind', count(*) filter (where consecutive >= ${LAPSE_RULES.remindAtMonths}::int and consecutive < ${LAPSE_RULES.warnAtMonths}::int),
        'warn', count(*) filter (where consecutive >= ${LAPSE_RULES.warnAtMonths}::int and consecutive < ${LAPSE_RULES.reportAtMonths}::int),
        'report', count(*) filter (where consecutive >= ${LAPSE_RULES.reportAtMonths}::int)) as counts
      from flagged
    ),
    listed as (
      select f.member_id, f.consecutive, f.outstanding, f.paid_through, p.name, p.org_id, p.org_name, p.path, count(*) over ()::int as total
      from flagged f join people p on p.id = f.member_id
      where f.consecutive >= ${min}::int and (${below}::int is null or f.consecutive < ${below}::int)
      order by f.consecutive desc, p.path, f.member_id
      ${page}
    )
    select l.member_id as id, l.name, l.org_id, l.org_name, l.consecutive, l.outstanding, l.paid_through, l.total, t.counts,
      (select array_agg(to_char(k.month, 'YYYY-MM') order by k.month) from marked k where k.member_id = l.member_id and k.unpaid) as unpaid_months
    from tally t left join listed l on true
    order by l.consecutive desc, l.path, l.member_id`.execute(trx);
  // The planner cannot know how few members are in arrears, so its cost estimate is high enough
  // for PostgreSQL to compile the query with JIT: seconds of compiling for a query that runs in
  // a fraction of one. Off for this query only; and the latest month's sums of a province's
  // members (100,000 groups) fit in memory instead of spilling to disk.
  const noJit = async (trx: Db) => {
    await sql`set local jit = off`.execute(trx);
    await sql`set local work_mem = '32MB'`.execute(trx);
    return run(trx);
  };
  const { rows } = db.isTransaction ? await noJit(db) : await (db as Kysely<DB>).transaction().execute(noJit);
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

/**
 * Month closes a scope sees, newest first, with the members and amounts due each one added.
 * A branch also sees the closes of the orgs above it that covered its members; their figures
 * are counted from the ledger within the branch's scope, never the whole close's (a close's
 * entries carry its closed_at as recorded_at: one transaction, one now()).
 */
export async function monthCloses(db: Db, tenantId: number, scope: DataScope, page: { limit: number; offset: number }) {
  if (scope.kind === 'self') return { items: [], total: 0 };
  const visible =
    scope.kind === 'subtree'
      ? sql<boolean>`(${scopeCondition(scope, 'o.path')} or ${sql.join(
          scope.paths.map((p) => sql`${p} like o.path || '%'`),
          sql` or `,
        )})`
      : sql<boolean>`true`;
  const base = db
    .selectFrom('dues_month_closes as c')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'c.tenant_id').onRef('o.id', '=', 'c.org_id'))
    .where('c.tenant_id', '=', tenantId)
    .where(visible);
  const { total } = await base.select(sql<number>`count(*)`.as('total')).executeTakeFirstOrThrow();
  const rows = await base
    .select(['c.id', 'c.month', 'c.org_id', 'o.name', 'c.member_count', 'c.due_cents', 'c.closed_by_name', 'c.closed_at'])
    .orderBy('c.month', 'desc')
    .orderBy('c.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  // Within a subtree, each close counts only the entries it made for members in the scope.
  const own = new Map<number, { n: number; cents: number }>();
  if (scope.kind === 'subtree' && rows.length > 0) {
    const shares = await db
      .selectFrom('dues_month_closes as c')
      .innerJoin('dues_entries as e', (j) =>
        j.onRef('e.tenant_id', '=', 'c.tenant_id').onRef('e.month', '=', 'c.month').onRef('e.recorded_at', '=', 'c.closed_at').on('e.kind', '=', 'due'),
      )
      .innerJoin('orgs as eo', (j) => j.onRef('eo.tenant_id', '=', 'e.tenant_id').onRef('eo.id', '=', 'e.org_id'))
      .select(['c.id', sql<number>`count(*)::int8`.as('n'), sql<number>`sum(e.amount_cents)::int8`.as('cents')])
      .where('c.tenant_id', '=', tenantId)
      .where(inIds('c.id', rows.map((x) => x.id)))
      .where(scopeCondition(scope, 'eo.path'))
      .groupBy('c.id')
      .execute();
    for (const x of shares) own.set(x.id, { n: Number(x.n), cents: Number(x.cents) });
  }
  return {
    items: rows.map((x) => ({
      id: x.id,
      month: monthKey(x.month),
      orgId: x.org_id,
      orgName: x.name,
      memberCount: scope.kind === 'subtree' ? (own.get(x.id)?.n ?? 0) : x.member_count,
      dueCents: scope.kind === 'subtree' ? (own.get(x.id)?.cents ?? 0) : Number(x.due_cents),
      closedBy: x.closed_by_name,
      closedAt: new Date(x.closed_at).toISOString(),
    })),
    total: Number(total),
  };
}

export async function arrearsOf(db: Db, tenantId: number, memberId: number) {
  const months = (await monthSums(db, tenantId, [memberId])).get(memberId) ?? [];
  return { months, arrears: duesArrears(months.filter((m) => m.dueCents > 0 || m.paidCents > 0)) };
}

/** Ledger entries with who recorded them and the effective amount after corrections. */
export function entriesQuery(db: Db, tenantId: number) {
  return db
    .selectFrom('dues_entries as e')
    .innerJoin('members as m', (j) => j.onRef('m.tenant_id', '=', 'e.tenant_id').onRef('m.id', '=', 'e.member_id'))
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'e.tenant_id').onRef('o.id', '=', 'e.org_id'))
    .select([
      'e.id',
      'e.member_id',
      'm.name as member_name',
      'e.org_id',
      'o.name as org_name',
      'e.month',
      'e.kind',
      'e.affects',
      'e.amount_cents',
      'e.method',
      'e.paid_on',
      'e.corrects_id',
      'e.to_centre',
      'e.reference',
      'e.note',
      'e.recorded_by_name',
      'e.recorded_at',
      sql<number>`(e.amount_cents + coalesce((select sum(c.amount_cents) from dues_entries c where c.tenant_id = e.tenant_id and c.corrects_id = e.id), 0))::int8`.as(
        'effective_cents',
      ),
    ])
    .where('e.tenant_id', '=', tenantId);
}

export type EntryRow = Awaited<ReturnType<ReturnType<typeof entriesQuery>['execute']>>[number];

export function presentEntry(r: EntryRow) {
  return {
    id: r.id,
    memberId: r.member_id,
    memberName: r.member_name,
    orgId: r.org_id,
    orgName: r.org_name,
    month: monthKey(r.month),
    kind: r.kind,
    affects: r.affects,
    amountCents: r.amount_cents,
    effectiveCents: r.kind === 'correction' ? r.amount_cents : Number(r.effective_cents),
    method: r.method,
    paidOn: r.paid_on,
    correctsId: r.corrects_id,
    toCentre: r.to_centre,
    reference: r.reference,
    note: r.note,
    recordedBy: r.recorded_by_name,
    recordedAt: new Date(r.recorded_at).toISOString(),
  };
}
