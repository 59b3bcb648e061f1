/**
 * Totals of service work per person, organiser (branch), 党委 and year — hours, person-times,
 * people served, class hours, trainees — read from the events, never typed in; the same figures
 * as an Excel sheet. People are listed by name, never ranked (rules.md "Burden reduction").
 */
import { type ServiceFigures, type ServiceTotalGroup, ZERO_FIGURES, addFigures, roundHours } from '@hongyi/core';
import type { Ctx } from '../../lib/context.js';
import { type SheetColumn, workbookBuffer } from '../../lib/excel.js';
import { covers } from '../../lib/scope.js';
import { AppError, fieldError } from '../../plugins/errors.js';
import { eventsAndHours, eventsOfMember, figuresByOrgYear, figuresByPerson, findOrg, orgsOfTenant } from './repository.js';
import {  } from './service.js';

export interface TotalsQuery {
  groupBy: ServiceTotalGroup;
  year?: number | undefined;
  orgId?: number | undefined;
}

export interface TotalsRow {
  key: string;
  label: string;
  /** The person's branch (member rows) or the org's parent line. */
  detail: string;
  figures: ServiceFigures;
}

export interface Totals {
  groupBy: ServiceTotalGroup;
  year: number | null;
  orgName: string | null;
  rows: TotalsRow[];
  total: ServiceFigures;
}

export async function serviceTotals(ctx: Ctx, q: TotalsQuery): Promise<Totals> {
  const scope = ctx.scope('service.read');
  let orgPath: string | undefined;
  let orgName: string | null = null;
  if (q.orgId) {
    const org = await findOrg(ctx.db, ctx.tenantId, q.orgId);
    if (!org) throw fieldError(ctx.language, 'query.orgId', 'SERVICE_ORG_UNKNOWN', { id: q.orgId });
    if (scope.kind !== 'self' && !covers(scope, org.path)) throw new AppError(403, 'OUT_OF_SCOPE');
    orgPath = org.path;
    orgName = org.name;
  }
  const range = q.year ? { from: `${q.year}-01-01`, to: `${q.year}-12-31` } : {};
  const filter = { ...range, ...(orgPath ? { orgPath } : {}) };

  if (q.groupBy === 'member' || scope.kind === 'self') {
    // A member sees only their own line, whatever grouping they ask for.
    const people = await figuresByPerson(ctx.db, ctx.tenantId, scope, filter);
    const rows = people.map((p) => ({
      key: p.memberId !== null ? `m${p.memberId}` : `${p.kind}:${p.name}`,
      label: p.name,
      detail: p.orgName ?? p.kind,
      figures: { ...ZERO_FIGURES, events: p.events, participations: p.events, hours: p.hours },
    }));
    return { groupBy: 'member', year: q.year ?? null, orgName, rows, total: rows.reduce((a, r) => addFigures(a, r.figures), { ...ZERO_FIGURES }) };
  }

  const cells = await figuresByOrgYear(ctx.db, ctx.tenantId, scope, filter);
  const orgs = await orgsOfTenant(ctx.db, ctx.tenantId);
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const committees = orgs.filter((o) => o.type === 'committee').sort((a, b) => b.path.length - a.path.length);
  const groups = new Map<string, TotalsRow & { sort: string }>();
  for (const cell of cells) {
    const org = byId.get(cell.orgId);
    let key: string;
    let label: string;
    let detail = '';
    let sort: string;
    if (q.groupBy === 'year') {
      key = String(cell.year);
      label = String(cell.year);
      sort = String(9999 - cell.year).padStart(4, '0');
    } else if (q.groupBy === 'committee') {
      // The deepest 党委 above (or at) the organiser: a university's 学院党委, a hospital's 院党委.
      const committee = org ? committees.find((c) => org.path.startsWith(c.path)) : undefined;
      key = `o${committee?.id ?? 0}`;
      label = committee?.name ?? '';
      sort = committee?.path ?? '';
    } else {
      key = `o${cell.orgId}`;
      label = org?.name ?? '';
      const parentId = org ? Number(org.path.split('/').filter(Boolean).at(-2) ?? 0) : 0;
      detail = byId.get(parentId)?.name ?? '';
      sort = org?.path ?? '';
    }
    const { orgId: _o, year: _y, ...figures } = cell;
    const row = groups.get(key) ?? { key, label, detail, sort, figures: { ...ZERO_FIGURES } };
    row.figures = addFigures(row.figures, figures);
    groups.set(key, row);
  }
  const rows = [...groups.values()].sort((a, b) => a.sort.localeCompare(b.sort)).map(({ sort: _s, ...r }) => r);
  return { groupBy: q.groupBy, year: q.year ?? null, orgName, rows, total: rows.reduce((a, r) => addFigures(a, r.figures), { ...ZERO_FIGURES }) };
}

/** The year's events and hours in the caller's scope (the overview's card): the totals' whole, summed in the database. */
export async function serviceYearTotal(ctx: Ctx, year: number): Promise<{ events: number; hours: number }> {
  const t = await eventsAndHours(ctx.db, ctx.tenantId, ctx.scope('service.read'), { from: `${year}-01-01`, to: `${year}-12-31` });
  return { events: t.events, hours: roundHours(t.hours) };
}

const HEADINGS = {
  'zh-CN': { member: '姓名', org: '组织', committee: '党委', year: '年度', detail: '所在组织', events: '活动次数', participations: '参与人次', hours: '服务时长（小时）', beneficiaries: '服务群众（人次）', trained: '培训人数', classHours: '授课课时', mediaReach: '浏览量', total: '合计', sheet: '服务工作统计' },
  'en-US': { member: 'Name', org: 'Organisation', committee: 'Party committee', year: 'Year', detail: 'Organisation', events: 'Events', participations: 'Person-times', hours: 'Hours', beneficiaries: 'People served', trained: 'Trainees', classHours: 'Class hours', mediaReach: 'Views', total: 'Total', sheet: 'Service totals' },
} as const;

/** The totals as a workbook (the person column carries no ID or phone number; masking applies all the same). */
export async function totalsWorkbook(ctx: Ctx, q: TotalsQuery): Promise<{ name: string; buffer: Buffer }> {
  const totals = await serviceTotals(ctx, q);
  const h = HEADINGS[ctx.language];
  const perPerson = totals.groupBy === 'member';
  const columns: SheetColumn<TotalsRow>[] = [
    { header: h[totals.groupBy], width: 28, value: (r) => r.label },
    ...(totals.groupBy === 'year' ? [] : [{ header: h.detail, width: 24, value: (r: TotalsRow) => r.detail }]),
    { header: h.events, value: (r) => r.figures.events },
    ...(perPerson ? [] : [{ header: h.participations, value: (r: TotalsRow) => r.figures.participations }]),
    { header: h.hours, value: (r) => r.figures.hours },
    ...(perPerson
      ? []
      : [
          { header: h.beneficiaries, value: (r: TotalsRow) => r.figures.beneficiaries },
          { header: h.trained, value: (r: TotalsRow) => r.figures.trained },
          { header: h.classHours, value: (r: TotalsRow) => r.figures.classHours },
          { header: h.mediaReach, value: (r: TotalsRow) => r.figures.mediaReach },
        ]),
  ];
  const rows = [...totals.rows, { key: 'total', label: h.total, detail: '', figures: totals.total }];
  const buffer = await workbookBuffer(h.sheet, columns, rows, { sensitive: ctx.sensitive });
  const name = `${totals.orgName ?? ''}${h.sheet}${totals.year ? `-${totals.year}` : ''}.xlsx`;
  return { name, buffer };
}

/** A member's own service (the phone page): this year's and all-time figures and the events, newest first. */
export async function myService(ctx: Ctx) {
  if (ctx.memberId === null) return { linked: false, year: Number(ctx.today.slice(0, 4)), thisYear: { ...ZERO_FIGURES }, allTime: { ...ZERO_FIGURES }, events: [] };
  const self = { kind: 'self', memberId: ctx.memberId } as const;
  const year = Number(ctx.today.slice(0, 4));
  const figures = async (range: { from?: string; to?: string }) => {
    const [mine] = await figuresByPerson(ctx.db, ctx.tenantId, self, range);
    return { ...ZERO_FIGURES, events: mine?.events ?? 0, participations: mine?.events ?? 0, hours: mine?.hours ?? 0 };
  };
  return {
    linked: true,
    year,
    thisYear: await figures({ from: `${year}-01-01`, to: `${year}-12-31` }),
    allTime: await figures({}),
    events: await eventsOfMember(ctx.db, ctx.tenantId, ctx.memberId),
  };
}
