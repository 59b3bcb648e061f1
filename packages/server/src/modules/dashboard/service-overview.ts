/**
 * The overview (党委 and branch) and a member's own home: one request that asks each area's own
 * service for its figures, within the caller's scope. A card needs the area's read permission;
 * one the caller may not read is left out, not refused. Nothing here recomputes another area's
 * rule: the compliance matrix, the funnel, the collection, the ladder… are those areas' answers.
 * No rankings of people and no points: every card is a count, a share or a sum with its list.
 */
import type { DataScope, Permission } from '@hongyi/core';
import type { Ctx } from '../../lib/context.js';
import { AppError } from '../../plugins/errors.js';
import { myTasks as myDecisionTasks, taskFigures } from '../decisions/service-tasks.js';
import { dueCounts, funnelStages, myFile } from '../development/service-lists.js';
import { arrearsTotal, collection, collectionTotals, myDues } from '../dues/service-reports.js';
import { priorityReport } from '../funds/service-report.js';
import { ladder } from '../honours/service.js';
import { firstTopics, noteList } from '../learning/service.js';
import { followUpList, visitList } from '../contacts/service-visits.js';
import { type MatrixTally, matrix, matrixFigures } from '../orglife/service-compliance.js';
import { dualLeaderReport } from '../orgs/service-settings.js';
import { projectPage } from '../projects/service.js';
import { serviceTotals, serviceYearTotal } from '../service/service-totals.js';
import { venueList } from '../venues/service.js';
import { frameworkList } from '../worksystems/service.js';
import { loadSettings, saveSettings } from '../settings/service.js';
import { nextPlannedMeeting } from './repository.js';

export const OVERVIEW_CARDS = [
  'meetingsDue',
  'developmentDue',
  'duesArrears',
  'followUpsOpen',
  'compliance',
  'funnel',
  'duesRate',
  'dualLeader',
  'honours',
  'service',
  'projects',
  'decisionTasks',
  'venues',
  'funds',
  'firstTopics',
  'visits',
] as const;
export type OverviewCardKey = (typeof OVERVIEW_CARDS)[number];

export interface OverviewCard {
  key: OverviewCardKey;
  /** 'due': this month's work to do; 'year': the year's figures. */
  group: 'due' | 'year';
  value: number;
  /** The whole the value is a part of (branches, tasks, venues…); null for a plain count or sum. */
  of: number | null;
  unit: 'count' | 'percent' | 'hours' | 'days';
  /** The page listing the records behind the figure; '' for an aggregate the caller reads through the dashboard only (no list to open). */
  href: string;
  /** A breakdown for a chart (funnel stages, ladder levels), in order. */
  series: { name: string; value: number }[];
  /** The same figure by campus (院区), when the records span more than one. */
  byCampus: { name: string; value: number; of: number }[];
}

const pct = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0);

/** A card, when the caller may read its area; a refusal inside the area's service (no scope for it) leaves it out. */
async function card(ctx: Ctx, permission: Permission, build: () => Promise<OverviewCard | null>): Promise<OverviewCard | null> {
  if (!ctx.can(permission)) return null;
  try {
    return await build();
  } catch (e) {
    if (e instanceof AppError && (e.statusCode === 403 || e.statusCode === 404)) return null;
    throw e;
  }
}

/**
 * A leader (院领导) reads the overview (dashboard.read) but not the areas' records. The aggregate
 * cards (compliance summary, development funnel, dues collection rate, venues) ask the area's own
 * service with the dashboard's scope in place of the area's read permission: the card keeps only
 * counts and shares, never a person, and links to no list the caller may not open.
 */
function aggregateCtx(ctx: Ctx, permission: Permission): Ctx {
  const scope: DataScope = ctx.scope('dashboard.read');
  return { ...ctx, sensitive: false, can: (p) => p === permission || ctx.can(p), scope: (p) => (p === permission ? scope : ctx.scope(p)) };
}

/** A card with counts only: from the area's read permission when the caller has it, else (aggregate only, no link) from dashboard.read. */
async function aggregateCard(ctx: Ctx, permission: Permission, build: (c: Ctx) => Promise<OverviewCard | null>): Promise<OverviewCard | null> {
  if (ctx.can(permission)) return card(ctx, permission, () => build(ctx));
  const c = await card(ctx, 'dashboard.read', () => build(aggregateCtx(ctx, permission)));
  return c && { ...c, href: '' };
}

const base = (key: OverviewCardKey, group: 'due' | 'year', value: number, href: string, extra: Partial<OverviewCard> = {}): OverviewCard => ({ key, group, value, of: null, unit: 'count', href, series: [], byCampus: [], ...extra });

/** A count by campus (院区) for a card: none when the records sit on one campus (or none is recorded). */
function byCampus(tallies: readonly MatrixTally[], value: (t: MatrixTally) => number) {
  const named = tallies.filter((t) => t.campus !== null);
  return named.length > 1 ? named.map((t) => ({ name: t.campus!, value: value(t), of: t.rows })) : [];
}

const sum = (tallies: readonly MatrixTally[], value: (t: MatrixTally) => number) => tallies.reduce((a, t) => a + value(t), 0);

export async function overview(ctx: Ctx, year: number | undefined) {
  ctx.scope('dashboard.read');
  const y = year ?? Number(ctx.today.slice(0, 4));
  const thisYear = y === Number(ctx.today.slice(0, 4));
  const month = ctx.today.slice(0, 7);
  // The work systems' progress is read beside the cards, not after them.
  const frameworks = frameworkProgress(ctx, y);
  // The month's due meetings and the year's compliance count one matrix when the caller reads organisational life.
  let ownTally: ReturnType<typeof matrixFigures> | undefined;
  const tallyOf = (c: Ctx) => (c === ctx ? (ownTally ??= matrixFigures(ctx, y, month)) : matrixFigures(c, y, month));
  const cards = await Promise.all([
    // This month (the current year only): what is due, for the secretary and the office alike.
    thisYear
      ? card(ctx, 'orglife.read', async () => {
          const m = await tallyOf(ctx);
          return base('meetingsDue', 'due', sum(m, (t) => t.due), '/orglife/compliance', { of: sum(m, (t) => t.rows), byCampus: byCampus(m, (t) => t.due) });
        })
      : null,
    thisYear
      ? card(ctx, 'development.read', async () => {
          const d = await dueCounts(ctx, 30);
          return base('developmentDue', 'due', d.total, '/development?tab=due', { series: [{ name: 'overdue', value: d.overdue }] });
        })
      : null,
    thisYear
      ? card(ctx, 'dues.read', async () => base('duesArrears', 'due', await arrearsTotal(ctx), '/dues/manage?tab=arrears'))
      : null,
    thisYear
      ? card(ctx, 'contacts.read', async () => base('followUpsOpen', 'due', (await followUpList(ctx, { state: 'open' }, { page: 1, pageSize: 1 })).total, '/contacts?tab=followups'))
      : null,
    // The year.
    aggregateCard(ctx, 'orglife.read', async (c) => {
      const m = await tallyOf(c);
      return base('compliance', 'year', sum(m, (t) => t.clean), '/orglife/matrix', { of: sum(m, (t) => t.rows), byCampus: byCampus(m, (t) => t.clean) });
    }),
    aggregateCard(ctx, 'development.read', async (c) => {
      // The board's funnel, counted by step in the database (not the board's branches).
      const stages = await funnelStages(c);
      return base('funnel', 'year', stages.reduce((a, n) => a + n, 0), '/development', { series: stages.map((value, i) => ({ name: String(i + 1), value })) });
    }),
    aggregateCard(ctx, 'dues.read', async (cx) => {
      const t = await collectionTotals(cx, y);
      return base('duesRate', 'year', pct(t.paidCents, t.dueCents), '/dues/manage?tab=reports', { unit: 'percent' });
    }),
    card(ctx, 'orgs.read', async () => {
      const d = await dualLeaderReport(ctx);
      // Groups in tree order: the first is the widest (the 党委, or the secretary's 总支).
      const top = d.items[0];
      return top ? base('dualLeader', 'year', top.covered, '/orgs/dual-leaders', { of: top.branches }) : null;
    }),
    card(ctx, 'honours.read', async () => {
      const l = await ladder(ctx, undefined);
      return base('honours', 'year', l.rungs.reduce((a, r) => a + r.held.length, 0), '/honours/ladder', {
        series: l.rungs.map((r) => ({ name: r.level, value: r.held.length })),
      });
    }),
    card(ctx, 'service.read', async () => {
      if (ctx.scope('service.read').kind === 'self') return null;
      // The totals' whole for the year, summed in the database (not the totals' rows).
      const t = await serviceYearTotal(ctx, y);
      return base('service', 'year', t.hours, '/service/totals', { unit: 'hours', series: [{ name: 'events', value: t.events }] });
    }),
    card(ctx, 'projects.read', async () => {
      if (ctx.scope('projects.read').kind === 'self') return null;
      // The whole year's counts, from the database; the page of one project is not used.
      const counts = await projectPage(ctx, { year: y }, 1, 1);
      return base('projects', 'year', counts.total - counts.behind, '/projects/list', { of: counts.total });
    }),
    card(ctx, 'decisions.read', async () => {
      const d = await taskFigures(ctx, y);
      const campuses = d.byCampus.filter((c) => c.key !== '—');
      return base('decisionTasks', 'year', d.tasks.closedOnTime + d.tasks.open + d.tasks.dueSoon, '/decisions/dashboard', {
        of: d.tasks.total,
        byCampus: campuses.length > 1 ? campuses.map((c) => ({ name: c.key, value: c.tasks - c.overdue - c.closedLate, of: c.tasks })) : [],
      });
    }),
    aggregateCard(ctx, 'orglife.read', async (c) => {
      const all = await venueList(c, {}, { page: 1, pageSize: 1 });
      const gaps = await venueList(c, { onlyGaps: true }, { page: 1, pageSize: 1 });
      return base('venues', 'year', all.total - gaps.total, '/orglife/venues', { of: all.total });
    }),
    card(ctx, 'funds.read', async () => {
      const r = await priorityReport(ctx, { year: y });
      return base('funds', 'year', r.total.payment.avgDays ?? 0, '/funds?tab=priority', { unit: 'days', series: [{ name: 'paid', value: r.total.payment.count }, { name: 'overTarget', value: r.total.payment.overTarget }] });
    }),
    card(ctx, 'learning.read', async () => {
      // The 第一议题 of the 党委会: the 党委's own figure, not a branch's.
      if (ctx.scope('learning.read').kind !== 'tenant') return null;
      const f = await firstTopics(ctx, y);
      return base('firstTopics', 'year', f.coverage.covered, '/learning?tab=firstTopics', { of: f.coverage.meetings });
    }),
    card(ctx, 'contacts.read', async () => {
      const v = await visitList(ctx, { from: `${y}-01-01`, to: `${y}-12-31` }, { page: 1, pageSize: 1 });
      return base('visits', 'year', v.total, '/contacts');
    }),
  ]);
  return { year: y, month, cards: cards.filter((c): c is OverviewCard => c !== null), frameworks: await frameworks, comparison: await comparison(ctx, y) };
}

/** Each framework's adoptions of the year the caller reaches, with their average progress against the targets (the work-systems service's answer). */
async function frameworkProgress(ctx: Ctx, year: number) {
  if (!ctx.can('worksystems.read')) return [];
  const list = await frameworkList(ctx, year);
  return list.items.flatMap((f) => f.adoptions.map((a) => ({ frameworkId: f.id, name: f.name, adoptionId: a.id, orgName: a.orgName, progress: a.progress, indicators: a.indicators })));
}

/**
 * The branches side by side on the 党委's view, only when the unit turns it on (settings
 * dashboard.compareOrgs, off by default): in the org tree's order, never ranked, no points,
 * no person. Each figure is its area's answer (months missed in the compliance matrix, the dues
 * collection rate), read aggregate-only like the cards.
 */
async function comparison(ctx: Ctx, year: number) {
  if (ctx.scope('dashboard.read').kind !== 'tenant') return null;
  if (!(await loadSettings(ctx.db, ctx.tenantId, 'dashboard')).value.compareOrgs) return null;
  const withArea = (p: Permission) => (ctx.can(p) ? ctx : aggregateCtx(ctx, p));
  const m = await matrix(withArea('orglife.read'), year, undefined);
  const dues = await collection(withArea('dues.read'), { year });
  const duesOf = new Map(dues.items.map((d) => [d.id, d]));
  return {
    rows: m.rows.map((r) => {
      const d = duesOf.get(r.id);
      return { orgId: r.id, orgName: r.name, monthsMet: r.met, monthsMissed: r.missed, members: d?.memberCount ?? null, duesRate: d && d.dueCents > 0 ? pct(d.paidCents, d.dueCents) : null };
    }),
  };
}

/** The overview's unit settings (whether the 党委 view compares branches). */
export async function dashboardSettings(ctx: Ctx) {
  ctx.scope('dashboard.read');
  return loadSettings(ctx.db, ctx.tenantId, 'dashboard');
}

/** Save the overview's settings (settings.manage, unit-wide); 409 on a stale version; audited. */
export async function saveDashboardSettings(ctx: Ctx, value: { compareOrgs: boolean }, version: number) {
  if (ctx.scope('settings.manage').kind !== 'tenant') throw new AppError(403, 'SETTINGS_UNIT_WIDE');
  return ctx.db.transaction().execute((trx) => saveSettings(trx, ctx.auditor, 'dashboard', value, version, { summary: value.compareOrgs ? '党委总览：开启支部横向对照' : '党委总览：关闭支部横向对照', language: ctx.language }));
}

/** A member's own home: their branch's next planned meeting, their dues, their development step, their hours, notes and tasks. */
export async function memberHome(ctx: Ctx) {
  const year = Number(ctx.today.slice(0, 4));
  const memberId = ctx.memberId;
  const nextMeeting = memberId === null ? null : await nextPlannedMeeting(ctx.db, ctx.tenantId, memberId, ctx.today);
  const dues = memberId === null ? null : (await myDues(ctx)).arrears;
  const file = (await myFile(ctx)).file;
  const serviceHours = ctx.can('service.read') && memberId !== null ? (await serviceTotals(ctx, { groupBy: 'member', year })).total.hours : null;
  const notes = ctx.can('learning.read') && memberId !== null ? (await noteList(ctx, { page: 1, pageSize: 1 })).total : null;
  const tasks = ctx.can('decisions.tasks') ? (await myDecisionTasks(ctx)).filter((t) => t.state === 'open' || t.state === 'due_soon' || t.state === 'overdue').length : null;
  return {
    year,
    nextMeeting,
    dues: dues ? { paidThrough: dues.paidThrough, outstandingCents: dues.outstandingCents, unpaidMonths: dues.unpaidMonths.length } : null,
    development: file ? { status: file.status, step: file.lastStep, stage: file.stage } : null,
    serviceHours,
    notes,
    decisionTasks: tasks,
  };
}
