/**
 * A unit's summary (unit_summaries): its aggregate figures as of a day, computed by the unit's own
 * services — the dashboard's counts, the compliance matrix, the development funnel, the dues
 * collection, the work systems' progress, the year-end statistics — read as a tenant-wide reader
 * who may see no person (no member list, no name, no ID or phone number). Nothing here re-derives
 * an area's rule, and nothing reads another unit.
 */
import { type DataScope, type Permission, type RoleGrant, type UnitFigures, hasPermission, scopeFor, unitFiguresSchema } from '@hongyi/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Ctx } from '../../lib/context.js';
import { AppError } from '../../plugins/errors.js';
import { writeAudit } from '../../plugins/audit.js';
import { dashboardSummary } from '../dashboard/service.js';
import { pipelineBoard } from '../development/service-lists.js';
import { collection } from '../dues/service-reports.js';
import { matrix } from '../orglife/service-compliance.js';
import { liveStatistics } from '../statistics/service.js';
import { frameworkList } from '../worksystems/service.js';
import { commissionsOfUnit, latestSummaries, upsertSummary } from './repository.js';

/** The unit's services as a tenant-wide reader (纪检's reads): aggregates only, nothing sensitive. */
function readerCtx(db: Kysely<DB>, tenantId: number, today: string): Ctx {
  const grants: RoleGrant[] = [{ role: 'inspector', orgId: null }];
  const auditor = { tenantId, userId: 0, username: 'system', ip: '' };
  return {
    ...auditor,
    db,
    name: 'system',
    memberId: null,
    language: 'zh-CN',
    today,
    grants,
    scope(permission: Permission): DataScope {
      const scope = scopeFor(grants, permission, null);
      if (!scope) throw new AppError(403, 'FORBIDDEN');
      return scope;
    },
    can: (permission) => hasPermission(grants, permission),
    sensitive: false,
    auditor,
  };
}

/**
 * One unit's figures as of a day (the year of that day). Every part counts the records as they
 * stood that day, so that a past day's summary (backfillSummaries, the commission's trend) is not
 * today's figures under an old date: members who had joined by then in their category then, orgs
 * in force then, the development files' steps dated by then, dues of the months due by then and
 * paid by then, the compliance matrix up to that day. (The work systems and the statistics
 * tables are their services' figures for that day's year.)
 */
export async function computeFigures(db: Kysely<DB>, tenantId: number, asOf: string): Promise<UnitFigures> {
  const ctx = readerCtx(db, tenantId, asOf);
  const year = Number(asOf.slice(0, 4));
  const summary = await dashboardSummary(ctx);
  const m = await matrix(ctx, year, undefined);
  const board = await pipelineBoard(ctx, undefined, asOf);
  const dues = await collection(ctx, { year, asOf });
  const frameworks = await frameworkList(ctx, year);
  const adoptions = frameworks.items.flatMap((f) => f.adoptions);
  const progresses = adoptions.map((a) => a.progress).filter((p): p is number => p !== null);
  const stats = await liveStatistics(ctx, { year });
  return unitFiguresSchema.parse({
    year,
    members: { full: summary.fullCount, probationary: summary.probationaryCount },
    orgs: {
      committees: summary.orgCounts.committee,
      generalBranches: summary.orgCounts.general_branch,
      branches: summary.orgCounts.branch + summary.orgCounts.joint_branch + summary.orgCounts.temporary_branch,
    },
    compliance: { met: m.rows.filter((r) => r.missed === 0).length, of: m.rows.length },
    funnel: board.stages,
    dues: { dueCents: dues.items.reduce((a, x) => a + x.dueCents, 0), paidCents: dues.items.reduce((a, x) => a + x.paidCents, 0) },
    worksystems: { adoptions: adoptions.length, progress: progresses.length === 0 ? null : Math.round((progresses.reduce((a, p) => a + p, 0) / progresses.length) * 10) / 10 },
    statistics: Object.fromEntries(stats.tables.map((t) => [t.id, t.rows[0]?.count ?? 0])),
  });
}

/** Computes and stores one unit's summary as of a day. */
export async function refreshSummary(db: Kysely<DB>, tenantId: number, asOf: string): Promise<UnitFigures> {
  const figures = await computeFigures(db, tenantId, asOf);
  await upsertSummary(db, tenantId, asOf, figures);
  return figures;
}

/** The summary covers the whole unit: only the unit-wide office may read or refresh it. */
function unitWide(ctx: Ctx) {
  if (ctx.scope('statistics.write').kind !== 'tenant') throw new AppError(403, 'SUMMARY_UNIT_WIDE');
}

/** The unit's own latest summary and the commissions that read it (the organisation office). */
export async function ownSummary(ctx: Ctx) {
  unitWide(ctx);
  const [latest] = await latestSummaries(ctx.db, [ctx.tenantId]);
  return {
    commissions: await commissionsOfUnit(ctx.db, ctx.tenantId),
    asOf: latest?.as_of ?? null,
    computedAt: latest ? new Date(latest.computed_at).toISOString() : null,
    figures: latest ? unitFiguresSchema.parse(latest.figures) : null,
  };
}

/** The unit's office computes today's summary now (statistics.write, unit-wide); audited. */
export async function refreshOwnSummary(ctx: Ctx) {
  unitWide(ctx);
  await refreshSummary(ctx.db, ctx.tenantId, ctx.today);
  await writeAudit(ctx.db, ctx.auditor, { action: 'update', entityType: 'unit_summary', entityId: ctx.today, summary: ctx.language === 'zh-CN' ? `更新本单位汇总数据（${ctx.today}）` : `Unit summary refreshed (${ctx.today})` });
  return ownSummary(ctx);
}
