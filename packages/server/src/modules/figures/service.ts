/**
 * Departments' business figures (业务指标) beside the party work. The catalogue is the unit's
 * own (seeded with core's DEFAULT_FIGURES on first read), edited by the organisation office
 * (figures.write); values are monthly per department. Scope: figures.read reaches a department
 * when one of the orgs bound to it (org_departments) lies in the caller's scope — a branch
 * secretary sees their own department. The branch view puts a department's figures beside the
 * branch's party work counted from the records; they are shown together, not as cause and effect.
 */
import { DEFAULT_FIGURES, type FigureDefinitionInput, monthsOfYear } from '@hongyi/core';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Ctx } from '../../lib/context.js';
import { covers } from '../../lib/scope.js';
import { writeAudit } from '../../plugins/audit.js';
import { AppError, conflict, fieldError, notFound } from '../../plugins/errors.js';
import { type FigureRow, activityOf, departmentsInScope, departmentsOfOrg, boundOrgs, figureClash, findFigure, findOrg, insertFigure, listFigures, seedFigures, updateFigure, valuesOf } from './repository.js';

type Db = Ctx['db'] | Transaction<DB>;

/** The unit's catalogue; a unit reading it for the first time gets the defaults. */
export async function figureCatalogue(ctx: Ctx, db: Db = ctx.db): Promise<FigureRow[]> {
  ctx.scope('figures.read');
  const figures = await listFigures(db, ctx.tenantId);
  if (figures.length > 0) return figures;
  await seedFigures(db, ctx.tenantId, DEFAULT_FIGURES);
  return listFigures(db, ctx.tenantId);
}

async function checkClash(ctx: Ctx, db: Db, input: FigureDefinitionInput, exceptId: number | null) {
  const clash = await figureClash(db, ctx.tenantId, input, exceptId);
  if (!clash) return;
  if (clash.code.toLowerCase() === input.code.toLowerCase()) throw fieldError(ctx.language, 'body.code', 'FIGURE_CODE_TAKEN', { code: input.code });
  throw fieldError(ctx.language, 'body.name', 'FIGURE_NAME_TAKEN', { name: input.name });
}

export async function createFigure(ctx: Ctx, input: FigureDefinitionInput): Promise<number> {
  ctx.scope('figures.write');
  return ctx.db.transaction().execute(async (trx) => {
    await figureCatalogue(ctx, trx);
    await checkClash(ctx, trx, input, null);
    const id = await insertFigure(trx, ctx.tenantId, input);
    await writeAudit(trx, ctx.auditor, { action: 'create', entityType: 'figure_definition', entityId: id, summary: `新增业务指标：${input.name}`, after: input });
    return id;
  });
}

export async function changeFigure(ctx: Ctx, id: number, version: number, input: FigureDefinitionInput): Promise<void> {
  ctx.scope('figures.write');
  await ctx.db.transaction().execute(async (trx) => {
    const before = await findFigure(trx, ctx.tenantId, id);
    if (!before) throw notFound('FIGURE_NOT_FOUND', id);
    await checkClash(ctx, trx, input, id);
    if (!(await updateFigure(trx, ctx.tenantId, id, version, input))) throw conflict();
    await writeAudit(trx, ctx.auditor, { action: 'update', entityType: 'figure_definition', entityId: id, summary: `修改业务指标：${input.name}`, before, after: input });
  });
}

/** The departments the caller's read scope reaches, with the orgs bound to them (names only). */
export async function figureDepartments(ctx: Ctx, permission: 'figures.read' | 'figures.write' = 'figures.read') {
  return (await departmentsInScope(ctx.db, ctx.tenantId, ctx.scope(permission))).map((d) => ({ id: d.id, name: d.name, kind: d.kind, orgs: d.orgs.map((o) => ({ id: o.id, name: o.name })) }));
}

/** The branches in the caller's scope bound to a department (the page's choice). */
export async function figureBranches(ctx: Ctx) {
  return (await boundOrgs(ctx.db, ctx.tenantId, ctx.scope('figures.read'))).map((o) => ({ id: o.id, name: o.name }));
}

/** The values of a year for the departments in scope (or one of them). */
export async function figureValues(ctx: Ctx, year: number, departmentId?: number) {
  const figures = await figureCatalogue(ctx);
  let departments = await departmentsInScope(ctx.db, ctx.tenantId, ctx.scope('figures.read'));
  if (departmentId !== undefined) {
    departments = departments.filter((d) => d.id === departmentId);
    if (departments.length === 0) throw fieldError(ctx.language, 'query.departmentId', 'FIGURE_DEPARTMENT_UNKNOWN', { id: departmentId });
  }
  const items = await valuesOf(ctx.db, ctx.tenantId, departments.map((d) => d.id), `${year}-01`, `${year}-12`);
  return { figures, departments: departments.map((d) => ({ id: d.id, name: d.name })), months: monthsOfYear(year), items };
}

/**
 * A branch's page: its department's figures per month of the year and, beside them, the
 * branch's party work per month (meetings held, service events and participant hours, studies
 * of learning material, development steps) counted from the records of the branch and below.
 */
export async function branchFigures(ctx: Ctx, orgId: number, year: number) {
  const scope = ctx.scope('figures.read');
  const org = await findOrg(ctx.db, ctx.tenantId, orgId);
  if (!org) throw notFound('FIGURE_ORG_UNKNOWN', orgId);
  if (!covers(scope, org.path)) throw new AppError(403, 'OUT_OF_SCOPE');
  const figures = (await figureCatalogue(ctx)).filter((f) => f.active);
  const departments = await departmentsOfOrg(ctx.db, ctx.tenantId, orgId);
  const last = `${year}-12` < ctx.today.slice(0, 7) ? undefined : ctx.today.slice(0, 7);
  const months = monthsOfYear(year, last);
  const values = await valuesOf(ctx.db, ctx.tenantId, departments.map((d) => d.id), `${year}-01`, `${year}-12`);
  const activity = await activityOf(ctx.db, ctx.tenantId, org.path, year);
  return {
    org: { id: org.id, name: org.name },
    departments,
    figures,
    months,
    values,
    activity: months.map((month) => ({ month, ...(activity.get(month) ?? { meetings: 0, serviceEvents: 0, serviceHours: 0, studies: 0, developmentSteps: 0 }) })),
  };
}
