/**
 * 党章 第九条 flags: consecutive full months without organisational life, in one set-based query.
 *
 * Same counting as memberLapse() in packages/core (which stays the reference, and the tests
 * check the two agree): the full calendar months before today's month, counted backwards, in
 * which the member neither attended nor was excused (请假 is a 正当理由), stopping at the month
 * of the unit's first record (the system's records begin there) or the member's joining; taking
 * part in the current month ends the run.
 */
import { type DataScope, type LapseLevel, duesArrears, lapseLevel } from '@hongyi/core';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { inIds, scopeCondition } from '../../lib/scope.js';
import { monthSums } from '../dues/repository.js';

export interface LapseFilters {
  scope?: DataScope;
  orgId?: number;
  memberId?: number;
  /** Only these members (the rows of another list's page, e.g. the dues arrears). */
  memberIds?: readonly number[];
  minMonths?: number;
  /** Paging; all rows when absent. */
  limit?: number;
  offset?: number;
}

export interface LapseRow {
  id: number;
  name: string;
  orgId: number;
  orgName: string;
  months: number;
  level: LapseLevel;
  lastMonth: string | null;
}

/** Months without organisational life per active member, worst first, paged in SQL. */
export async function lapses(db: Kysely<DB>, tenantId: number, today: string, f: LapseFilters): Promise<{ items: LapseRow[]; total: number }> {
  const currentMonth = `${today.slice(0, 7)}-01`;
  const scope = f.scope ? scopeCondition(f.scope, 'o.path', 'm.id') : sql<boolean>`true`;
  const org = f.orgId ? sql<boolean>`o.path like (select x.path from orgs x where x.tenant_id = ${tenantId} and x.id = ${f.orgId}) || '%'` : sql<boolean>`true`;
  const member = f.memberId ? sql<boolean>`m.id = ${f.memberId}` : f.memberIds ? inIds('m.id', f.memberIds) : sql<boolean>`true`;
  const page = f.limit === undefined ? sql`` : sql`limit ${f.limit} offset ${f.offset ?? 0}`;
  const rows = await sql<{ id: number; name: string; org_id: number; org_name: string; months: number; last_month: string | null; total: number }>`
    with bounds as (
      select date_trunc('month', min(held_on))::date as first_month from orglife_records where tenant_id = ${tenantId}
    ),
    -- One pass over each member's attendance (by the member index), grouped per member: the plan
    -- stays linear even where the tables have no statistics yet (PGlite has no autovacuum).
    people as (
      select m.id, m.name, m.org_id, o.name as org_name, o.path,
        greatest(b.first_month, date_trunc('month', m.joined_on)::date) as since_month,
        max(r.held_on) filter (where r.held_on < ${currentMonth}::date) as last_before,
        max(r.held_on) as last_any
      from members m
      join orgs o on o.tenant_id = m.tenant_id and o.id = m.org_id
      cross join bounds b
      left join orglife_attendance a on a.tenant_id = m.tenant_id and a.member_id = m.id and a.status in ('present', 'excused')
      left join orglife_records r on r.tenant_id = a.tenant_id and r.id = a.record_id
      where m.tenant_id = ${tenantId} and m.status = 'active' and b.first_month is not null and ${scope} and ${org} and ${member}
      group by m.id, m.name, m.org_id, m.joined_on, o.name, o.path, b.first_month
    ),
    counted as (
      select p.id, p.name, p.org_id, p.org_name, p.path, to_char(p.last_any, 'YYYY-MM') as last_month,
        case when p.last_any >= ${currentMonth}::date then 0
          else greatest(0, (extract(year from ${currentMonth}::date) - extract(year from s.start)) * 12 + extract(month from ${currentMonth}::date) - extract(month from s.start))::int
        end as months
      from people p
      cross join lateral (select greatest(p.since_month, (date_trunc('month', p.last_before) + interval '1 month')::date) as start) s
    )
    select id, name, org_id, org_name, months, last_month, count(*) over ()::int as total
    from counted
    where months >= ${f.minMonths ?? 0}
    order by months desc, path, id
    ${page}`.execute(db);
  const items = rows.rows.map((r) => ({ id: Number(r.id), name: r.name, orgId: Number(r.org_id), orgName: r.org_name, months: r.months, level: lapseLevel(r.months), lastMonth: r.last_month }));
  let total = rows.rows[0]?.total ?? 0;
  if (rows.rows.length === 0 && (f.offset ?? 0) > 0) {
    // A page past the end still reports the total.
    total = (await lapses(db, tenantId, today, { ...f, limit: 1, offset: 0 })).total;
  }
  return { items, total: Number(total) };
}

export interface DuesFlag {
  consecutiveUnpaidMonths: number;
  level: LapseLevel;
  outstandingCents: number;
  paidThrough: string | null;
}

/**
 * Dues arrears of the given members (党章 第九条 counts not paying dues for six months too), from
 * the dues ledger; members with no dues entries get none.
 */
export async function duesFlags(db: Kysely<DB>, tenantId: number, memberIds: number[]): Promise<Map<number, DuesFlag>> {
  const out = new Map<number, DuesFlag>();
  if (memberIds.length === 0) return out;
  const sums = await monthSums(db, tenantId, memberIds);
  for (const [memberId, months] of sums) {
    const a = duesArrears(months);
    out.set(memberId, { consecutiveUnpaidMonths: a.consecutiveUnpaidMonths, level: a.level, outstandingCents: a.outstandingCents, paidThrough: a.paidThrough });
  }
  return out;
}
