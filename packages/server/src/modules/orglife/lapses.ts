/**
 * 党章 第九条 flags: consecutive full months without organisational life, with leave (请假) kept
 * apart from attendance.
 *
 * Same counting as memberLapse() / memberAttendance() in packages/core (which stay the reference,
 * and the tests check the two agree): the full calendar months before today's month, counted
 * backwards, in which the member neither attended nor was excused (请假 is a 正当理由), stopping
 * at the month of the unit's first record (the system's records begin there) or the member's
 * joining; taking part in the current month ends the run. Beside it, the run of months without
 * attending at all (leave included), and the last six months one by one.
 *
 * Shaped so that no plan depends on table statistics (PGlite has no autovacuum, so an embedded
 * database may never have been analysed, and planned with estimates of one row everywhere the
 * earlier join-then-group query re-read every member's attendance once per org: 4.5 s on the
 * demo): the members in scope are read with, for each, two probes of the partial index
 * orglife_attendance_took_part (last month present, and for those who can be listed, last month
 * taken part in: the date is on the attendance row); the runs, order and page are worked out here
 * (core monthsSinceLast); then the months of the page's members are read by the same index. bench/orglife.bench.ts times it.
 */
import { type DataScope, type LapseLevel, type MonthAttendance, addMonths, duesArrears, memberAttendance, monthsSinceLast } from '@hongyi/core';
import { type Kysely, type Transaction, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { escapeLike, inIds, scopeCondition } from '../../lib/scope.js';
import { monthSums } from '../dues/repository.js';

type Db = Kysely<DB> | Transaction<DB>;

export interface LapseFilters {
  scope?: DataScope;
  orgId?: number;
  memberId?: number;
  /** Only these members (the rows of another list's page, e.g. the dues arrears). */
  memberIds?: readonly number[];
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

/**
 * The members in scope with the day their records begin (since), the last month they were present
 * and, for those not present for at least `minMonths` full months (only they can be listed: a run
 * of months without organisational life is never longer than the run without attending), the last
 * month they took part in at all: one index probe per member, a second for those listed (exported
 * for the bench, which reads its plan).
 */
export function lapseCandidatesQuery(tenantId: number, firstRecord: string, orgIds: readonly number[] | null, today: string, minMonths: number, members?: number | readonly number[]) {
  // Not present since before this month's start less minMonths months (or never, since then): months not attended ≥ minMonths.
  const cutoff = addMonths(`${today.slice(0, 7)}-01`, -minMonths);
  return sql<{ id: number; org_id: number; since: string; last_active: string | null; last_attended: string | null }>`
    select c.id, c.org_id, c.since::text as since, c.last_attended,
      to_char((select max(a.held_on) from orglife_attendance a
        where a.tenant_id = ${tenantId} and a.member_id = c.id and a.status in ('present', 'excused')), 'YYYY-MM') as last_active
    from (
      select m.id, m.org_id, greatest(${firstRecord}::date, m.joined_on) as since,
        to_char((select max(a.held_on) from orglife_attendance a
          where a.tenant_id = m.tenant_id and a.member_id = m.id and a.status in ('present', 'excused') and a.status = 'present'), 'YYYY-MM') as last_attended
      from members m
      where m.tenant_id = ${tenantId} and m.status = 'active' ${orgIds === null ? sql`` : sql`and ${inIds('m.org_id', orgIds)}`}
        ${members === undefined ? sql`` : typeof members === 'number' ? sql`and m.id = ${members}` : sql`and ${inIds('m.id', members)}`}
      offset 0
    ) c
    ${
      minMonths <= 0
        ? sql``
        : sql`where greatest(date_trunc('month', c.since), coalesce(to_date(c.last_attended, 'YYYY-MM') + interval '1 month', date_trunc('month', c.since))) <= ${cutoff}::date`
    }`;
}

/** The months of these members with organisational life: '2026-05' attended or excused only. */
function monthsOf(db: Db, tenantId: number, memberIds: readonly number[]) {
  return sql<{ member_id: number; month: string; attended: boolean }>`
    select a.member_id, to_char(a.held_on, 'YYYY-MM') as month, bool_or(a.status = 'present') as attended
    from orglife_attendance a
    where a.tenant_id = ${tenantId} and ${inIds('a.member_id', memberIds)} and a.status in ('present', 'excused')
    group by a.member_id, to_char(a.held_on, 'YYYY-MM')`.execute(db);
}

/** Months without organisational life per active member, worst first, paged. */
export async function lapses(db: Db, tenantId: number, today: string, f: LapseFilters): Promise<{ items: LapseRow[]; total: number }> {
  // The orgs in scope (a few thousand at most), once: the members are then read by org id.
  let orgQuery = db.selectFrom('orgs as o').select(['o.id', 'o.name', 'o.path']).where('o.tenant_id', '=', tenantId);
  if (f.scope) orgQuery = orgQuery.where(f.scope.kind === 'self' ? sql<boolean>`true` : scopeCondition(f.scope, 'o.path'));
  if (f.orgId) {
    const org = await db.selectFrom('orgs').select('path').where('tenant_id', '=', tenantId).where('id', '=', f.orgId).executeTakeFirst();
    if (!org) return { items: [], total: 0 };
    orgQuery = orgQuery.where('o.path', 'like', `${escapeLike(org.path)}%`);
  }
  // The unit's records begin with its first one: nobody is counted for months before it.
  const first = await db.selectFrom('orglife_records').select(sql<string | null>`min(held_on)::text`.as('first')).where('tenant_id', '=', tenantId).executeTakeFirst();
  if (!first?.first) return { items: [], total: 0 };
  const orgs = await orgQuery.execute();
  const orgById = new Map(orgs.map((o) => [Number(o.id), o]));
  // Self scope: the member's own row only.
  const memberId = f.scope?.kind === 'self' ? (f.scope.memberId ?? -1) : (f.memberId ?? f.memberIds);
  // The whole unit: every member's org is in it, no list of orgs to check against.
  const wholeUnit = (!f.scope || f.scope.kind !== 'subtree') && !f.orgId;
  const candidates = orgs.length === 0 ? [] : (await lapseCandidatesQuery(tenantId, first.first, wholeUnit ? null : [...orgById.keys()], today, f.minMonths ?? 0, memberId).execute(db)).rows;

  const min = f.minMonths ?? 0;
  const flagged = candidates
    .filter((c) => orgById.has(Number(c.org_id)))
    .map((c) => {
      const since = c.since;
      return { c, months: monthsSinceLast(c.last_active, today, since), notAttended: monthsSinceLast(c.last_attended, today, since), path: orgById.get(Number(c.org_id))!.path };
    })
    .filter((x) => Math.max(x.months, x.notAttended) >= min)
    .sort((a, b) => b.months - a.months || b.notAttended - a.notAttended || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) || Number(a.c.id) - Number(b.c.id));
  const offset = f.offset ?? 0;
  const page = f.limit === undefined ? flagged.slice(offset) : flagged.slice(offset, offset + f.limit);
  if (page.length === 0) return { items: [], total: flagged.length };

  const ids = page.map((x) => Number(x.c.id));
  const [months, names] = await Promise.all([
    monthsOf(db, tenantId, ids),
    db.selectFrom('members').select(['id', 'name']).where('tenant_id', '=', tenantId).where(inIds('id', ids)).execute(),
  ]);
  const attendedMonths = new Map<number, Set<string>>();
  const excusedMonths = new Map<number, Set<string>>();
  for (const m of months.rows) {
    const into = m.attended ? attendedMonths : excusedMonths;
    const id = Number(m.member_id);
    (into.get(id) ?? into.set(id, new Set()).get(id)!).add(m.month);
  }
  const nameOf = new Map(names.map((n) => [Number(n.id), n.name]));
  const items = page.map(({ c }) => {
    const id = Number(c.id);
    const org = orgById.get(Number(c.org_id))!;
    const a = memberAttendance({ attendedMonths: attendedMonths.get(id) ?? new Set(), excusedMonths: excusedMonths.get(id) ?? new Set(), today, since: c.since });
    return {
      id,
      name: nameOf.get(id) ?? '',
      orgId: Number(c.org_id),
      orgName: org.name,
      months: a.months,
      level: a.level,
      lastMonth: a.lastMonth,
      lastAttendedMonth: a.lastAttendedMonth,
      monthsNotAttended: a.monthsNotAttended,
      excusedMonths: a.excusedMonths,
      recent: a.recent,
    };
  });
  return { items, total: flagged.length };
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
export async function duesFlags(db: Db, tenantId: number, memberIds: number[]): Promise<Map<number, DuesFlag>> {
  const out = new Map<number, DuesFlag>();
  if (memberIds.length === 0) return out;
  const sums = await monthSums(db, tenantId, memberIds);
  for (const [memberId, months] of sums) {
    const a = duesArrears(months);
    out.set(memberId, { consecutiveUnpaidMonths: a.consecutiveUnpaidMonths, level: a.level, outstandingCents: a.outstandingCents, paidThrough: a.paidThrough });
  }
  return out;
}
