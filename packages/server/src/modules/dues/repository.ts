/** Kysely queries for party dues (党费). Rules live in @hongyi/core and service.ts. */
import { DUES_BASE_CATEGORIES, type DataScope, type DuesMonth, duesArrears } from '@hongyi/core';
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
  const row = await db
    .selectFrom('members as m')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'm.tenant_id').onRef('o.id', '=', 'm.org_id'))
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('dues_bases as b')
          .select(['b.year'])
          .whereRef('b.tenant_id', '=', 'm.tenant_id')
          .whereRef('b.member_id', '=', 'm.id')
          .where('b.year', '<=', year)
          .orderBy('b.year', 'desc')
          .limit(1)
          .as('b'),
      (j) => j.onTrue(),
    )
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
export async function monthSums(db: Db, tenantId: number, memberIds: number[] | 'scope', scope?: DataScope, orgPath?: string | null) {
  let q = db
    .selectFrom('dues_entries as e')
    .select([
      'e.member_id',
      'e.month',
      sql<number>`sum(case when e.affects = 'due' then e.amount_cents else 0 end)::int8`.as('due_cents'),
      sql<number>`sum(case when e.affects = 'paid' then e.amount_cents else 0 end)::int8`.as('paid_cents'),
    ])
    .where('e.tenant_id', '=', tenantId)
    .where('e.affects', 'in', ['due', 'paid'])
    .groupBy(['e.member_id', 'e.month']);
  if (memberIds === 'scope') {
    q = q.where((eb) =>
      eb(
        'e.member_id',
        'in',
        eb
          .selectFrom('members as m')
          .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'm.tenant_id').onRef('o.id', '=', 'm.org_id'))
          .select('m.id')
          .where('m.tenant_id', '=', tenantId)
          .where('m.status', '=', 'active')
          .where(scopeCondition(scope as DataScope, 'o.path', 'm.id'))
          .where(orgPathCondition('o.path', orgPath ?? null)),
      ),
    );
  } else {
    if (memberIds.length === 0) return new Map<number, DuesMonth[]>();
    q = q.where('e.member_id', 'in', memberIds);
  }
  const rows = await q.execute();
  const byMember = new Map<number, DuesMonth[]>();
  for (const r of rows) {
    // Only months with something due count (a voluntary payment alone is not a dues month).
    const list = byMember.get(r.member_id) ?? [];
    list.push({ month: monthKey(r.month), dueCents: Number(r.due_cents), paidCents: Number(r.paid_cents) });
    byMember.set(r.member_id, list);
  }
  return byMember;
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
