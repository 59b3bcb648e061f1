/** Kysely queries for party dues (党费). Rules live in @hongyi/core and service.ts. */
import { type DataScope, type DuesMonth, duesArrears } from '@hongyi/core';
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
