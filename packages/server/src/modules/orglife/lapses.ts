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
 * demo): the members in scope are read joined by key with their kept last days
 * (orglife_member_last: last day present, last day present or excused, kept by triggers on the
 * attendance in the writer's transaction), those not present for minMonths only; the runs, order
 * and page are worked out here (core monthsSinceLast); then the months of the page's members are
 * read by the partial index orglife_attendance_took_part (the date is on the attendance row).
 * bench/orglife.bench.ts times it.
 */
import { type DataScope, type LapseLevel, type MonthAttendance, duesArrears, memberAttendance, monthsSinceLast } from '@hongyi/core';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Ctx } from '../../lib/context.js';
import { monthSums } from '../dues/repository.js';
import { firstRecordDay, lapseCandidates, lapseOrgs, memberNames, monthsWithLife } from './repository-compliance.js';

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

/** Months without organisational life per active member, worst first, paged. */
export async function lapses(db: Db, tenantId: number, today: string, f: LapseFilters): Promise<{ items: LapseRow[]; total: number }> {
  // The orgs in scope (a few thousand at most), once: the members are then read by org id.
  const orgs = await lapseOrgs(db, tenantId, f.scope, f.orgId);
  if (!orgs) return { items: [], total: 0 };
  // The unit's records begin with its first one: nobody is counted for months before it.
  const first = await firstRecordDay(db, tenantId);
  if (!first) return { items: [], total: 0 };
  const orgById = new Map(orgs.map((o) => [Number(o.id), o]));
  // Self scope: the member's own row only.
  const memberId = f.scope?.kind === 'self' ? (f.scope.memberId ?? -1) : (f.memberId ?? f.memberIds);
  // The whole unit: every member's org is in it, no list of orgs to check against.
  const wholeUnit = (!f.scope || f.scope.kind !== 'subtree') && !f.orgId;
  const candidates = orgs.length === 0 ? [] : await lapseCandidates(db, tenantId, first, wholeUnit ? null : [...orgById.keys()], today, f.minMonths ?? 0, memberId);

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
    monthsWithLife(db, tenantId, ids),
    memberNames(db, tenantId, ids),
  ]);
  const attendedMonths = new Map<number, Set<string>>();
  const excusedMonths = new Map<number, Set<string>>();
  for (const m of months) {
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

/**
 * The 党章 第九条 list of the caller's scope, a page of it, with each member's dues arrears when
 * the caller may read dues (the article names both: six months without organisational life, or
 * without paying dues).
 */
export async function lapseList(ctx: Ctx, q: { orgId?: number; minMonths: number; page: number; pageSize: number }) {
  const result = await lapses(ctx.db, ctx.tenantId, ctx.today, { scope: ctx.scope('orglife.read'), orgId: q.orgId, minMonths: q.minMonths, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  const duesShown = ctx.can('dues.read');
  const dues = duesShown ? await duesFlags(ctx.db, ctx.tenantId, result.items.map((x) => x.id)) : new Map<number, DuesFlag>();
  return { items: result.items.map((x) => ({ ...x, dues: dues.get(x.id) ?? null })), total: result.total, duesShown };
}
