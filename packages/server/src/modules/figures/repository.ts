/**
 * Every query of departments' business figures: the unit's catalogue, monthly values per
 * department, the departments a scope reaches (through the orgs bound to them in
 * org_departments) and a branch's party work per month counted from the records.
 */
import type { DataScope, FigureDefinitionInput, FigureKind } from '@hongyi/core';
import { type Kysely, type Transaction, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { updateVersioned } from '../../db/versioned.js';
import { escapeLike, inIds, subtree } from '../../lib/scope.js';
export { findOrg } from '../../lib/repository-orgs.js';

type Db = Kysely<DB> | Transaction<DB>;

export interface FigureRow {
  id: number;
  code: string;
  name: string;
  unit: string;
  kind: FigureKind;
  gkCode: string | null;
  active: boolean;
  sort: number;
  version: number;
}

const figureColumns = ['id', 'code', 'name', 'unit', 'kind', 'gk_code as gkCode', 'active', 'sort', 'version'] as const;

export async function listFigures(db: Db, tenantId: number): Promise<FigureRow[]> {
  return db.selectFrom('figure_definitions').select(figureColumns).where('tenant_id', '=', tenantId).orderBy('sort').orderBy('id').execute();
}

export async function findFigure(db: Db, tenantId: number, id: number): Promise<FigureRow | undefined> {
  return db.selectFrom('figure_definitions').select(figureColumns).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

const stored = (f: FigureDefinitionInput) => ({ code: f.code, name: f.name, unit: f.unit, kind: f.kind, gk_code: f.gkCode, active: f.active, sort: f.sort });

/** Inserts the figures that are not there yet (by code or name); a concurrent first read inserts nothing twice. */
export async function seedFigures(db: Db, tenantId: number, figures: readonly FigureDefinitionInput[]): Promise<void> {
  if (figures.length === 0) return;
  await db
    .insertInto('figure_definitions')
    .values(figures.map((f) => ({ tenant_id: tenantId, ...stored(f) })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** The figure with this code or name (another than `exceptId`). */
export async function figureClash(db: Db, tenantId: number, f: { code: string; name: string }, exceptId: number | null) {
  let q = db
    .selectFrom('figure_definitions')
    .select(['id', 'code', 'name'])
    .where('tenant_id', '=', tenantId)
    .where((eb) => eb.or([eb(sql`lower(code)`, '=', f.code.toLowerCase()), eb('name', '=', f.name)]));
  if (exceptId !== null) q = q.where('id', '<>', exceptId);
  return q.executeTakeFirst();
}

export async function insertFigure(db: Db, tenantId: number, f: FigureDefinitionInput): Promise<number> {
  return (await db.insertInto('figure_definitions').values({ tenant_id: tenantId, ...stored(f) }).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateFigure(db: Db, tenantId: number, id: number, version: number, f: FigureDefinitionInput): Promise<boolean> {
  return updateVersioned(db, 'figure_definitions', tenantId, id, version, stored(f));
}

export interface DepartmentRow {
  id: number;
  name: string;
  kind: string;
  orgs: { id: number; name: string; path: string }[];
}

/**
 * The unit's departments with the orgs bound to them; for a subtree scope only those bound to an
 * org inside it (a secretary sees their own department's figures).
 */
export async function departmentsInScope(db: Db, tenantId: number, scope: DataScope): Promise<DepartmentRow[]> {
  const departments = await db.selectFrom('departments').select(['id', 'name', 'kind']).where('tenant_id', '=', tenantId).orderBy('sort').orderBy('id').limit(2000).execute();
  const bindings = await db
    .selectFrom('org_departments as od')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'od.tenant_id').onRef('o.id', '=', 'od.org_id'))
    .select(['od.department_id', 'o.id', 'o.name', 'o.path'])
    .where('od.tenant_id', '=', tenantId)
    .orderBy('o.path')
    .execute();
  const orgs = new Map<number, DepartmentRow['orgs']>();
  for (const b of bindings) orgs.set(b.department_id, [...(orgs.get(b.department_id) ?? []), { id: b.id, name: b.name, path: b.path }]);
  const rows = departments.map((d) => ({ ...d, orgs: orgs.get(d.id) ?? [] }));
  if (scope.kind === 'tenant') return rows;
  if (scope.kind === 'self') return [];
  return rows.filter((d) => d.orgs.some((o) => scope.paths.some((p) => o.path.startsWith(p))));
}

/** The unit's clinical departments (the demo's figures). */
export async function clinicalDepartments(db: Db, tenantId: number) {
  return db.selectFrom('departments').select(['id', 'name']).where('tenant_id', '=', tenantId).where('kind', '=', 'clinical').orderBy('id').execute();
}

/** The departments bound to an org. */
export async function departmentsOfOrg(db: Db, tenantId: number, orgId: number) {
  return db
    .selectFrom('org_departments as od')
    .innerJoin('departments as d', (j) => j.onRef('d.tenant_id', '=', 'od.tenant_id').onRef('d.id', '=', 'od.department_id'))
    .select(['d.id', 'd.name'])
    .where('od.tenant_id', '=', tenantId)
    .where('od.org_id', '=', orgId)
    .orderBy('d.sort')
    .orderBy('d.id')
    .execute();
}

/** The orgs in the scope bound to a department (the branches the page offers). */
export async function boundOrgs(db: Db, tenantId: number, scope: DataScope) {
  return db
    .selectFrom('orgs as o')
    .select(['o.id', 'o.name', 'o.path'])
    .where('o.tenant_id', '=', tenantId)
    .where(subtree(scope, 'o.path'))
    .where((eb) => eb.exists(eb.selectFrom('org_departments as od').select('od.org_id').whereRef('od.tenant_id', '=', 'o.tenant_id').whereRef('od.org_id', '=', 'o.id')))
    .orderBy('o.path')
    .limit(2000)
    .execute();
}

export interface ValueRow {
  departmentId: number;
  figureId: number;
  month: string;
  value: number;
}

export async function valuesOf(db: Db, tenantId: number, departmentIds: readonly number[], from: string, to: string): Promise<ValueRow[]> {
  if (departmentIds.length === 0) return [];
  const rows = await db
    .selectFrom('figure_values')
    .select(['department_id', 'figure_id', 'month', sql<number>`value::float8`.as('value')])
    .where('tenant_id', '=', tenantId)
    .where(inIds('department_id', departmentIds))
    .where('month', '>=', from)
    .where('month', '<=', to)
    .orderBy('department_id')
    .orderBy('month')
    .execute();
  return rows.map((r) => ({ departmentId: r.department_id, figureId: r.figure_id, month: r.month, value: Number(r.value) }));
}

/** The figures of a department in a month that an import replaces (the columns of the file). */
export interface ValueTarget {
  departmentId: number;
  month: string;
  figureIds: number[];
}

/** Existing values of these targets (the preview's "before" and the audit's). */
export async function valuesAt(db: Db, tenantId: number, targets: readonly ValueTarget[]): Promise<ValueRow[]> {
  if (targets.length === 0) return [];
  const rows = await db
    .selectFrom('figure_values')
    .select(['department_id', 'figure_id', 'month', sql<number>`value::float8`.as('value')])
    .where('tenant_id', '=', tenantId)
    .where((eb) => eb.or(targets.map((p) => eb.and([eb('department_id', '=', p.departmentId), eb('month', '=', p.month), inIds('figure_id', p.figureIds)]))))
    .execute();
  return rows.map((r) => ({ departmentId: r.department_id, figureId: r.figure_id, month: r.month, value: Number(r.value) }));
}

/** Replaces the targets' values: what was there for those figures goes (a blank cell clears it), the file's come. */
export async function replaceValues(db: Db, tenantId: number, targets: readonly ValueTarget[], values: readonly ValueRow[], userId: number | null): Promise<void> {
  for (const p of targets) {
    await db.deleteFrom('figure_values').where('tenant_id', '=', tenantId).where('department_id', '=', p.departmentId).where('month', '=', p.month).where(inIds('figure_id', p.figureIds)).execute();
  }
  for (let i = 0; i < values.length; i += 1000) {
    await db
      .insertInto('figure_values')
      .values(values.slice(i, i + 1000).map((v) => ({ tenant_id: tenantId, department_id: v.departmentId, figure_id: v.figureId, month: v.month, value: v.value, updated_by: userId })))
      .execute();
  }
}

export interface ActivityMonth {
  month: string;
  meetings: number;
  serviceEvents: number;
  serviceHours: number;
  studies: number;
  developmentSteps: number;
}

/** The party work of an org and the orgs below it per month of a year, counted from the records. */
export async function activityOf(db: Db, tenantId: number, orgPath: string, year: number): Promise<Map<string, Omit<ActivityMonth, 'month'>>> {
  const like = `${escapeLike(orgPath)}%`;
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const month = (col: string) => sql<string>`to_char(${sql.ref(col)}, 'YYYY-MM')`;
  const under = (col: string) => sql<boolean>`exists (select 1 from orgs o where o.tenant_id = ${tenantId} and o.id = ${sql.ref(col)} and o.path like ${like})`;
  const meetings = await db
    .selectFrom('orglife_records as r')
    .select([month('r.held_on').as('m'), sql<number>`count(*)::int`.as('n')])
    .where('r.tenant_id', '=', tenantId)
    .where('r.held_on', '>=', from)
    .where('r.held_on', '<=', to)
    .where(under('r.org_id'))
    .groupBy(sql`1`)
    .execute();
  const service = await db
    .selectFrom('service_events as e')
    .select([month('e.held_on').as('m'), sql<number>`count(*)::int`.as('n'), sql<number>`coalesce(sum(e.participant_hours), 0)::float8`.as('h')])
    .where('e.tenant_id', '=', tenantId)
    .where('e.held_on', '>=', from)
    .where('e.held_on', '<=', to)
    .where(under('e.org_id'))
    .groupBy(sql`1`)
    .execute();
  const studies = await db
    .selectFrom('learning_studies as s')
    .innerJoin('orglife_records as r', (j) => j.onRef('r.tenant_id', '=', 's.tenant_id').onRef('r.id', '=', 's.orglife_record_id'))
    .select([month('r.held_on').as('m'), sql<number>`count(*)::int`.as('n')])
    .where('s.tenant_id', '=', tenantId)
    .where('r.held_on', '>=', from)
    .where('r.held_on', '<=', to)
    .where(under('r.org_id'))
    .groupBy(sql`1`)
    .execute();
  const steps = await db
    .selectFrom('development_entries as d')
    .innerJoin('development_files as f', (j) => j.onRef('f.tenant_id', '=', 'd.tenant_id').onRef('f.id', '=', 'd.file_id'))
    .select([month('d.date').as('m'), sql<number>`count(*)::int`.as('n')])
    .where('d.tenant_id', '=', tenantId)
    .where('d.kind', '=', 'step')
    .where('d.corrects_id', 'is', null)
    .where('d.date', '>=', from)
    .where('d.date', '<=', to)
    .where(under('f.org_id'))
    .groupBy(sql`1`)
    .execute();
  const out = new Map<string, Omit<ActivityMonth, 'month'>>();
  const at = (m: string) => {
    let v = out.get(m);
    if (!v) out.set(m, (v = { meetings: 0, serviceEvents: 0, serviceHours: 0, studies: 0, developmentSteps: 0 }));
    return v;
  };
  for (const r of meetings) at(r.m).meetings = Number(r.n);
  for (const r of service) {
    at(r.m).serviceEvents = Number(r.n);
    at(r.m).serviceHours = Math.round(Number(r.h) * 10) / 10;
  }
  for (const r of studies) at(r.m).studies = Number(r.n);
  for (const r of steps) at(r.m).developmentSteps = Number(r.n);
  return out;
}
