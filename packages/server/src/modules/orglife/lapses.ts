/**
 * 党章 第九条 flags: consecutive full months without organisational life, in one set-based query,
 * with leave (请假) kept apart from attendance.
 *
 * Same counting as memberLapse() / memberAttendance() in packages/core (which stay the reference,
 * and the tests check the two agree): the full calendar months before today's month, counted
 * backwards, in which the member neither attended nor was excused (请假 is a 正当理由), stopping
 * at the month of the unit's first record (the system's records begin there) or the member's
 * joining; taking part in the current month ends the run. Beside it, the run of months without
 * attending at all (leave included), and the last six months one by one.
 *
 * The query is shaped so that its plan does not depend on table statistics (PGlite has no
 * autovacuum, so an embedded database may never have been analysed): each member's months are
 * read through the member's index in a lateral subquery and the org by its key, so the work is
 * one index range per member whatever the planner believes about row counts. Planned with
 * estimates of one row everywhere, the earlier join-then-group shape re-read every member's
 * attendance once per org (4.5 s on the demo; bench/orglife.bench.ts keeps the figure).
 */
import { type DataScope, type LapseLevel, type MonthAttendance, duesArrears, memberAttendance } from '@hongyi/core';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { scopeCondition } from '../../lib/scope.js';
import { monthSums } from '../dues/repository.js';

export interface LapseFilters {
  scope?: DataScope;
  orgId?: number;
  memberId?: number;
  /** Members whose run without organisational life, or without attending (leave included), is at least this long. */
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
  /** 党章 第九条 run: months neither attended nor excused. */
  months: number;
  level: LapseLevel;
  /** Last month with organisational life (attended or excused). */
  lastMonth: string | null;
  lastAttendedMonth: string | null;
  /** Months not attended (excused or not) before this month, and how many of them were excused. */
  monthsNotAttended: number;
  excusedMonths: number;
  /** The six full months before this month, oldest first. */
  recent: Array<{ month: string; state: MonthAttendance }>;
}

/** The query behind lapses() (exported for the bench, which times it raw and reads its plan). */
export function lapseQuery(tenantId: number, today: string, f: LapseFilters) {
  const currentMonth = `${today.slice(0, 7)}-01`;
  const scope = f.scope ? scopeCondition(f.scope, 'o.path', 'm.id') : sql<boolean>`true`;
  const org = f.orgId ? sql<boolean>`o.path like (select x.path from orgs x where x.tenant_id = ${tenantId} and x.id = ${f.orgId}) || '%'` : sql<boolean>`true`;
  const member = f.memberId ? sql<boolean>`m.id = ${f.memberId}` : sql<boolean>`true`;
  const page = f.limit === undefined ? sql`` : sql`limit ${f.limit} offset ${f.offset ?? 0}`;
  const monthsFrom = (start: RawMonth) =>
    sql<number>`greatest(0, (extract(year from ${currentMonth}::date) - extract(year from ${start})) * 12 + extract(month from ${currentMonth}::date) - extract(month from ${start}))::int`;
  return sql<{ id: number; name: string; org_id: number; org_name: string; since_month: string; took_part: string | null; total: number }>`
    with bounds as (
      select date_trunc('month', min(held_on))::date as first_month from orglife_records where tenant_id = ${tenantId}
    ),
    people as (
      select m.id, m.name, m.org_id, o.name as org_name, o.path,
        greatest(b.first_month, date_trunc('month', m.joined_on)::date) as since_month,
        t.last_active, t.last_attended, t.took_part
      from members m
      cross join bounds b
      -- offset 0 keeps the org a lookup by its key (pulled up into a join, it is planned as a scan per member).
      cross join lateral (select x.name, x.path from orgs x where x.tenant_id = m.tenant_id and x.id = m.org_id offset 0) o
      cross join lateral (
        -- The member's months with organisational life: '2026-05+' attended, '2026-06-' excused only.
        select max(p.month) as last_active, max(p.month) filter (where p.attended) as last_attended,
          string_agg(to_char(p.month, 'YYYY-MM') || case when p.attended then '+' else '-' end, ',' order by p.month) as took_part
        from (
          select date_trunc('month', r.held_on)::date as month, bool_or(a.status = 'present') as attended
          from orglife_attendance a
          join orglife_records r on r.tenant_id = a.tenant_id and r.id = a.record_id
          where a.tenant_id = m.tenant_id and a.member_id = m.id and a.status in ('present', 'excused')
          group by 1
        ) p
      ) t
      where m.tenant_id = ${tenantId} and m.status = 'active' and b.first_month is not null and ${scope} and ${org} and ${member}
    ),
    counted as (
      select p.*,
        case when p.last_active >= ${currentMonth}::date then 0
          else ${monthsFrom(sql`greatest(p.since_month, (p.last_active + interval '1 month')::date)`)} end as months,
        case when p.last_attended >= ${currentMonth}::date then 0
          else ${monthsFrom(sql`greatest(p.since_month, (p.last_attended + interval '1 month')::date)`)} end as not_attended
      from people p
    )
    select id, name, org_id, org_name, since_month::text as since_month, took_part, count(*) over ()::int as total
    from counted
    where greatest(months, not_attended) >= ${f.minMonths ?? 0}
    order by months desc, not_attended desc, path, id
    ${page}`;
}

/** Months without organisational life per active member, worst first, paged in SQL. */
export async function lapses(db: Kysely<DB>, tenantId: number, today: string, f: LapseFilters): Promise<{ items: LapseRow[]; total: number }> {
  const rows = await lapseQuery(tenantId, today, f).execute(db);
  const items = rows.rows.map((r) => {
    const attendedMonths = new Set<string>();
    const excusedMonths = new Set<string>();
    for (const m of r.took_part ? r.took_part.split(',') : []) (m.endsWith('+') ? attendedMonths : excusedMonths).add(m.slice(0, 7));
    const a = memberAttendance({ attendedMonths, excusedMonths, today, since: r.since_month });
    return {
      id: Number(r.id),
      name: r.name,
      orgId: Number(r.org_id),
      orgName: r.org_name,
      months: a.months,
      level: a.level,
      lastMonth: a.lastMonth,
      lastAttendedMonth: a.lastAttendedMonth,
      monthsNotAttended: a.monthsNotAttended,
      excusedMonths: a.excusedMonths,
      recent: a.recent,
    };
  });
  let total = rows.rows[0]?.total ?? 0;
  if (rows.rows.length === 0 && (f.offset ?? 0) > 0) {
    // A page past the end still reports the total.
    total = (await lapses(db, tenantId, today, { ...f, limit: 1, offset: 0 })).total;
  }
  return { items, total: Number(total) };
}

type RawMonth = ReturnType<typeof sql>;

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
