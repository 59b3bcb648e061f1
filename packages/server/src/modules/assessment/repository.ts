/**
 * Every query of the yearly assessment: schemes and the branches' sheets. Each function takes the
 * database or a transaction; scope conditions come from lib/scope. The figures of a sheet are read
 * through the work systems' measure queries (re-exported here).
 */
import type { DataScope } from '@hongyi/core';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { updateVersioned } from '../../db/versioned.js';
import { subtree } from '../../lib/scope.js';
export { findOrg, rootOrg } from '../../lib/repository-orgs.js';
export { branchesUnder, findAdoption, manualValuesOf, measureRows, versionsOf } from '../worksystems/repository.js';

type Db = Kysely<DB> | Transaction<DB>;

export interface SchemeRow {
  id: number;
  orgId: number;
  orgName: string;
  orgPath: string;
  year: number;
  title: string;
  status: 'draft' | 'published';
  items: unknown;
  publishedOn: string | null;
  version: number;
}

const schemeQuery = (db: Db, tenantId: number) =>
  db
    .selectFrom('assessment_schemes as s')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 's.tenant_id').onRef('o.id', '=', 's.org_id'))
    .select(['s.id', 's.org_id as orgId', 'o.name as orgName', 'o.path as orgPath', 's.year', 's.title', 's.status', 's.items', 's.published_on as publishedOn', 's.version'])
    .where('s.tenant_id', '=', tenantId);

const schemeOf = (r: { id: number; orgId: number; year: number; version: number } & Omit<SchemeRow, 'id' | 'orgId' | 'year' | 'version'>): SchemeRow => ({ ...r, id: Number(r.id), orgId: Number(r.orgId) });

export async function listSchemes(db: Db, tenantId: number, year: number | undefined): Promise<SchemeRow[]> {
  let q = schemeQuery(db, tenantId);
  if (year !== undefined) q = q.where('s.year', '=', year);
  return (await q.orderBy('s.year', 'desc').orderBy('s.id', 'desc').limit(200).execute()).map(schemeOf);
}

export async function findScheme(db: Db, tenantId: number, id: number): Promise<SchemeRow | undefined> {
  const r = await schemeQuery(db, tenantId).where('s.id', '=', id).executeTakeFirst();
  return r && schemeOf(r);
}

export async function schemeTitled(db: Db, tenantId: number, orgId: number, year: number, title: string) {
  return db.selectFrom('assessment_schemes').select('id').where('tenant_id', '=', tenantId).where('org_id', '=', orgId).where('year', '=', year).where('title', '=', title).executeTakeFirst();
}

export async function insertScheme(db: Db, tenantId: number, v: { orgId: number; year: number; title: string; items: unknown }): Promise<number> {
  const r = await db.insertInto('assessment_schemes').values({ tenant_id: tenantId, org_id: v.orgId, year: v.year, title: v.title, items: JSON.stringify(v.items) }).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function updateScheme(db: Db, tenantId: number, id: number, version: number, v: { year: number; title: string; items: unknown }): Promise<boolean> {
  return updateVersioned(db, 'assessment_schemes', tenantId, id, version, { year: v.year, title: v.title, items: JSON.stringify(v.items) }, 'draft');
}

export async function markPublished(db: Db, tenantId: number, id: number, version: number, on: string): Promise<boolean> {
  return updateVersioned(db, 'assessment_schemes', tenantId, id, version, { status: 'published', published_on: on }, 'draft');
}

export async function deleteScheme(db: Db, tenantId: number, id: number, version: number): Promise<boolean> {
  const r = await db.deleteFrom('assessment_schemes').where('tenant_id', '=', tenantId).where('id', '=', id).where('version', '=', version).where('status', '=', 'draft').executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

export interface SheetRow {
  id: number;
  schemeId: number;
  orgId: number;
  orgName: string;
  orgPath: string;
  status: 'draft' | 'submitted' | 'returned' | 'graded';
  figures: unknown;
  selfAssessment: string;
  returnReason: string;
  scores: unknown;
  total: number | null;
  grade: string | null;
  gradeReason: string;
  submittedAt: Date | null;
  gradedAt: Date | null;
  gradedByName: string;
  version: number;
}

const sheetQuery = (db: Db, tenantId: number) =>
  db
    .selectFrom('assessment_sheets as h')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'h.tenant_id').onRef('o.id', '=', 'h.org_id'))
    .select((eb) => [
      'h.id',
      'h.scheme_id as schemeId',
      'h.org_id as orgId',
      'o.name as orgName',
      'o.path as orgPath',
      'h.status',
      'h.figures',
      'h.self_assessment as selfAssessment',
      'h.return_reason as returnReason',
      'h.scores',
      eb.cast<number | null>('h.total', 'float8').as('total'),
      'h.grade',
      'h.grade_reason as gradeReason',
      'h.submitted_at as submittedAt',
      'h.graded_at as gradedAt',
      'h.graded_by_name as gradedByName',
      'h.version',
    ])
    .where('h.tenant_id', '=', tenantId);

const sheetOf = (r: Omit<SheetRow, 'id' | 'schemeId' | 'orgId' | 'total'> & { id: number; schemeId: number; orgId: number; total: number | string | null }): SheetRow => ({
  ...r,
  id: Number(r.id),
  schemeId: Number(r.schemeId),
  orgId: Number(r.orgId),
  total: r.total === null ? null : Number(r.total),
});

export async function sheetsOf(db: Db, tenantId: number, schemeId: number, scope: DataScope): Promise<SheetRow[]> {
  return (await sheetQuery(db, tenantId).where('h.scheme_id', '=', schemeId).where(subtree(scope, 'o.path')).orderBy('o.path').limit(2000).execute()).map(sheetOf);
}

export async function findSheet(db: Db, tenantId: number, id: number): Promise<SheetRow | undefined> {
  const r = await sheetQuery(db, tenantId).where('h.id', '=', id).executeTakeFirst();
  return r && sheetOf(r);
}

export async function insertSheet(db: Db, tenantId: number, v: { schemeId: number; orgId: number; figures: unknown }): Promise<number> {
  const r = await db.insertInto('assessment_sheets').values({ tenant_id: tenantId, scheme_id: v.schemeId, org_id: v.orgId, figures: JSON.stringify(v.figures) }).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export interface SheetChange {
  status?: SheetRow['status'];
  figures?: unknown;
  selfAssessment?: string;
  returnReason?: string;
  scores?: unknown;
  total?: number | null;
  grade?: string | null;
  gradeReason?: string;
  submittedAt?: string | null;
  gradedAt?: string | null;
  gradedByName?: string;
}

export async function updateSheet(db: Db, tenantId: number, id: number, version: number, c: SheetChange): Promise<boolean> {
  const r = await db
    .updateTable('assessment_sheets')
    .set({
      ...(c.status !== undefined && { status: c.status }),
      ...(c.figures !== undefined && { figures: JSON.stringify(c.figures) }),
      ...(c.selfAssessment !== undefined && { self_assessment: c.selfAssessment }),
      ...(c.returnReason !== undefined && { return_reason: c.returnReason }),
      ...(c.scores !== undefined && { scores: JSON.stringify(c.scores) }),
      ...(c.total !== undefined && { total: c.total }),
      ...(c.grade !== undefined && { grade: c.grade }),
      ...(c.gradeReason !== undefined && { grade_reason: c.gradeReason }),
      ...(c.submittedAt !== undefined && { submitted_at: c.submittedAt }),
      ...(c.gradedAt !== undefined && { graded_at: c.gradedAt }),
      ...(c.gradedByName !== undefined && { graded_by_name: c.gradedByName }),
      version: version + 1,
      updated_at: new Date(),
    })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
