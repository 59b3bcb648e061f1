/**
 * The commission's pages (卫健委, 教育工委): its units side by side, their trend, one unit's
 * figures, the Excel export. Everything comes from the units' stored summaries (service-summary.ts);
 * an answer carries unit names and figures, never a person.
 */
import { type UnitFigures, addDays, headlineOf, unitFiguresSchema } from '@hongyi/core';
import type { Ctx } from '../../lib/context.js';
import { type SheetColumn, type SheetSpec, sheetOf, workbookSheets } from '../../lib/excel.js';
import { AppError } from '../../plugins/errors.js';
import { writeAudit } from '../../plugins/audit.js';
import { commissionOfOffice, headlinesOf, latestSummaries, unitsOf } from './repository.js';

/** The caller's commission (the commission whose office tenant the account belongs to). */
async function ownCommission(ctx: Ctx) {
  ctx.scope('commission.read');
  const c = await commissionOfOffice(ctx.db, ctx.tenantId);
  if (!c) throw new AppError(403, 'COMMISSION_ONLY');
  return c;
}

type HeadlineRow = Awaited<ReturnType<typeof headlinesOf>>[number];

/** A day of a unit's trend: its headline (core's rule) from the inputs read for it. */
function point(r: HeadlineRow) {
  return {
    asOf: r.as_of,
    ...headlineOf({
      members: { full: r.members_full, probationary: r.members_probationary },
      orgs: { branches: r.branches },
      compliance: { met: r.compliance_met, of: r.compliance_of },
      funnel: [r.funnel_1, r.funnel_2, r.funnel_3, r.funnel_4, r.funnel_5],
      dues: { dueCents: r.due_cents, paidCents: r.paid_cents },
      worksystems: { progress: r.worksystems_progress },
    }),
  };
}

/** The units' trends over the days from `from`, by unit (each oldest first). */
async function trendsOf(ctx: Ctx, tenantIds: readonly number[], from: string) {
  const trends = new Map<number, ReturnType<typeof point>[]>();
  for (const r of await headlinesOf(ctx.db, tenantIds, from)) {
    let trend = trends.get(r.tenant_id);
    if (!trend) trends.set(r.tenant_id, (trend = []));
    trend.push(point(r));
  }
  return trends;
}

/** The units side by side (latest figures) and each unit's trend over the last `days` days. */
export async function commissionOverview(ctx: Ctx, days: number) {
  const c = await ownCommission(ctx);
  const units = await unitsOf(ctx.db, c.id);
  const ids = units.map((u) => u.id);
  const latest = new Map((await latestSummaries(ctx.db, ids)).map((r) => [r.tenant_id, r]));
  const trends = await trendsOf(ctx, ids, addDays(ctx.today, -days));
  return {
    commission: { name: c.name, kind: c.kind },
    today: ctx.today,
    units: units.map((u) => {
      const s = latest.get(u.id);
      const figures: UnitFigures | null = s ? unitFiguresSchema.parse(s.figures) : null;
      return {
        tenantId: u.id,
        code: u.code,
        name: u.name,
        asOf: s?.as_of ?? null,
        figures,
        headline: figures ? headlineOf(figures) : null,
        trend: trends.get(u.id) ?? [],
      };
    }),
  };
}

/** One unit's figures and its trend; 404 for a unit the commission does not group. */
export async function commissionUnit(ctx: Ctx, tenantId: number, days: number) {
  const c = await ownCommission(ctx);
  const unit = (await unitsOf(ctx.db, c.id)).find((u) => u.id === tenantId);
  if (!unit) throw new AppError(404, 'COMMISSION_UNIT_UNKNOWN');
  const [s] = await latestSummaries(ctx.db, [unit.id]);
  const figures = s ? unitFiguresSchema.parse(s.figures) : null;
  return {
    commission: { name: c.name, kind: c.kind },
    tenantId: unit.id,
    code: unit.code,
    name: unit.name,
    joinedOn: unit.joined_on,
    asOf: s?.as_of ?? null,
    computedAt: s ? new Date(s.computed_at).toISOString() : null,
    figures,
    headline: figures ? headlineOf(figures) : null,
    trend: (await trendsOf(ctx, [unit.id], addDays(ctx.today, -days))).get(unit.id) ?? [],
  };
}

const TEXT = {
  'zh-CN': {
    sheet: '各单位汇总',
    trend: '趋势',
    unit: '单位',
    asOf: '数据日期',
    members: '党员',
    full: '正式党员',
    probationary: '预备党员',
    branches: '支部',
    generalBranches: '党总支',
    compliance: '三会一课达标支部',
    complianceOf: '支部（矩阵）',
    complianceRate: '达标率%',
    funnel: '发展对象（各阶段合计）',
    stage: (n: number) => `第${n}阶段`,
    dues: '党费收缴率%',
    due: '应缴（元）',
    paid: '已缴（元）',
    ws: '工作体系推进度%',
    adoptions: '工作体系采用',
    file: '委员会汇总',
  },
  'en-US': {
    sheet: 'Units',
    trend: 'Trend',
    unit: 'Unit',
    asOf: 'As of',
    members: 'Members',
    full: 'Full members',
    probationary: 'Probationary',
    branches: 'Branches',
    generalBranches: 'General branches',
    compliance: 'Branches meeting 三会一课',
    complianceOf: 'Branches (matrix)',
    complianceRate: 'Compliance %',
    funnel: 'Development (all stages)',
    stage: (n: number) => `Stage ${n}`,
    dues: 'Dues collection %',
    due: 'Due (yuan)',
    paid: 'Paid (yuan)',
    ws: 'Work-system progress %',
    adoptions: 'Work-system adoptions',
    file: 'commission-summary',
  },
} as const;

/** The units' latest figures and their trend as Excel; audited as an export. */
export async function commissionWorkbook(ctx: Ctx, days: number): Promise<{ name: string; buffer: Buffer }> {
  const o = await commissionOverview(ctx, days);
  const t = TEXT[ctx.language];
  type Row = (typeof o.units)[number];
  const f = (r: Row) => r.figures;
  const columns: SheetColumn<Row>[] = [
    { header: t.unit, width: 28, value: (r) => r.name },
    { header: t.asOf, width: 12, value: (r) => r.asOf ?? '' },
    { header: t.members, width: 9, value: (r) => r.headline?.members ?? null },
    { header: t.full, width: 9, value: (r) => f(r)?.members.full ?? null },
    { header: t.probationary, width: 9, value: (r) => f(r)?.members.probationary ?? null },
    { header: t.generalBranches, width: 9, value: (r) => f(r)?.orgs.generalBranches ?? null },
    { header: t.branches, width: 9, value: (r) => f(r)?.orgs.branches ?? null },
    { header: t.compliance, width: 12, value: (r) => f(r)?.compliance.met ?? null },
    { header: t.complianceOf, width: 12, value: (r) => f(r)?.compliance.of ?? null },
    { header: t.complianceRate, width: 10, value: (r) => r.headline?.complianceRate ?? null },
    ...[0, 1, 2, 3, 4].map((i): SheetColumn<Row> => ({ header: t.stage(i + 1), width: 9, value: (r) => f(r)?.funnel[i] ?? null })),
    { header: t.funnel, width: 12, value: (r) => r.headline?.funnel ?? null },
    { header: t.due, width: 12, value: (r) => (f(r) ? f(r)!.dues.dueCents / 100 : null) },
    { header: t.paid, width: 12, value: (r) => (f(r) ? f(r)!.dues.paidCents / 100 : null) },
    { header: t.dues, width: 10, value: (r) => r.headline?.duesRate ?? null },
    { header: t.adoptions, width: 10, value: (r) => f(r)?.worksystems.adoptions ?? null },
    { header: t.ws, width: 10, value: (r) => r.headline?.worksystemsProgress ?? null },
  ];
  type TrendRow = { unit: string; asOf: string; members: number; complianceRate: number | null; duesRate: number | null; funnel: number };
  const trendRows: TrendRow[] = o.units.flatMap((u) => u.trend.map((p) => ({ unit: u.name, asOf: p.asOf, members: p.members, complianceRate: p.complianceRate, duesRate: p.duesRate, funnel: p.funnel })));
  const trendColumns: SheetColumn<TrendRow>[] = [
    { header: t.unit, width: 28, value: (r) => r.unit },
    { header: t.asOf, width: 12, value: (r) => r.asOf },
    { header: t.members, width: 9, value: (r) => r.members },
    { header: t.complianceRate, width: 10, value: (r) => r.complianceRate },
    { header: t.dues, width: 10, value: (r) => r.duesRate },
    { header: t.funnel, width: 12, value: (r) => r.funnel },
  ];
  const sheets: SheetSpec[] = [sheetOf({ name: t.sheet, title: `${o.commission.name}（${ctx.today}）`, columns, rows: o.units }), sheetOf({ name: t.trend, columns: trendColumns, rows: trendRows })];
  const buffer = await workbookSheets(sheets, { sensitive: false });
  await writeAudit(ctx.db, ctx.auditor, { action: 'export', entityType: 'commission_summary', entityId: ctx.today, summary: `${o.commission.name} ${t.file}` });
  return { name: `${t.file}-${ctx.today}.xlsx`, buffer };
}
