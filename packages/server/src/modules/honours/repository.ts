/**
 * Every query of honours and building programmes (培育创建), with their evidence files. Each
 * function takes the database or a transaction; scope conditions come from lib/scope.
 */
import type { DataScope, ProgrammeStage } from '@hongyi/core';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { groupByOwner, replaceOwnedRows } from '../../db/owned.js';
import { deleteVersioned, updateVersioned } from '../../db/versioned.js';
import { liveEvidenceCount } from '../../db/evidence.js';
import { countUpTo } from '../../lib/paging.js';
import { escapeLike, inIds, subtree } from '../../lib/scope.js';
export { findOrg, memberWithPath as findMember } from '../../lib/repository-orgs.js';

type Db = Kysely<DB> | Transaction<DB>;

// ---------------------------------------------------------------------------------------
// Honours

export interface HonourRow {
  id: number;
  orgId: number;
  orgName: string;
  orgPath: string;
  memberId: number | null;
  memberName: string | null;
  level: string;
  type: string;
  title: string;
  issuer: string;
  awardedOn: string;
  programmeId: number | null;
  note: string;
  version: number;
  files: number;
}

export interface HonourFilter {
  orgPath?: string | undefined;
  level?: string | undefined;
  type?: string | undefined;
  holder?: 'org' | 'member' | undefined;
  year?: number | undefined;
}

function honourBase(db: Db, tenantId: number, scope: DataScope, f: HonourFilter) {
  let q = db
    .selectFrom('honours as h')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'h.tenant_id').onRef('o.id', '=', 'h.org_id'))
    .leftJoin('members as m', (j) => j.onRef('m.tenant_id', '=', 'h.tenant_id').onRef('m.id', '=', 'h.member_id'))
    .where('h.tenant_id', '=', tenantId)
    .where(subtree(scope, 'o.path', 'h.member_id'));
  if (f.orgPath) q = q.where('o.path', 'like', `${escapeLike(f.orgPath)}%`);
  if (f.level) q = q.where('h.level', '=', f.level);
  if (f.type) q = q.where('h.type', '=', f.type);
  if (f.holder === 'org') q = q.where('h.member_id', 'is', null);
  if (f.holder === 'member') q = q.where('h.member_id', 'is not', null);
  if (f.year) q = q.where('h.awarded_on', '>=', `${f.year}-01-01`).where('h.awarded_on', '<=', `${f.year}-12-31`);
  return q;
}

function honourColumns(db: Db, tenantId: number, scope: DataScope, f: HonourFilter) {
  return honourBase(db, tenantId, scope, f).select([
    'h.id',
    'h.org_id',
    'o.name as org_name',
    'o.path as org_path',
    'h.member_id',
    'm.name as member_name',
    'h.level',
    'h.type',
    'h.title',
    'h.issuer',
    'h.awarded_on',
    'h.programme_id',
    'h.note',
    'h.version',
    liveEvidenceCount({ table: 'honour_files', owner: 'honour_id' }, 'h').as('files'),
  ]);
}

type HonourSelect = Awaited<ReturnType<ReturnType<typeof honourColumns>['execute']>>[number];
const presentHonour = (r: HonourSelect): HonourRow => ({
  id: r.id,
  orgId: r.org_id,
  orgName: r.org_name,
  orgPath: r.org_path,
  memberId: r.member_id,
  memberName: r.member_name,
  level: r.level,
  type: r.type,
  title: r.title,
  issuer: r.issuer,
  awardedOn: r.awarded_on,
  programmeId: r.programme_id,
  note: r.note,
  version: r.version,
  files: Number(r.files ?? 0),
});

export async function listHonours(db: Db, tenantId: number, scope: DataScope, f: HonourFilter, page: { limit: number; offset: number }) {
  const total = await countUpTo(db, honourBase(db, tenantId, scope, f).select('h.id'));
  const rows = await honourColumns(db, tenantId, scope, f).orderBy('h.awarded_on', 'desc').orderBy('h.id', 'desc').limit(page.limit).offset(page.offset).execute();
  return { items: rows.map(presentHonour), total };
}

/** Every honour in the scope (and under an org), for the ladder. */
export async function allHonours(db: Db, tenantId: number, scope: DataScope, f: HonourFilter): Promise<HonourRow[]> {
  return (await honourColumns(db, tenantId, scope, f).orderBy('h.awarded_on', 'desc').limit(5000).execute()).map(presentHonour);
}

export async function findHonour(db: Db, tenantId: number, id: number): Promise<HonourRow | undefined> {
  const row = await honourColumns(db, tenantId, { kind: 'tenant' }, {}).where('h.id', '=', id).executeTakeFirst();
  return row ? presentHonour(row) : undefined;
}

export interface HonourValues {
  org_id: number;
  member_id: number | null;
  level: string;
  type: string;
  title: string;
  issuer: string;
  awarded_on: string;
  note: string;
}

export async function insertHonour(db: Db, tenantId: number, v: HonourValues, programmeId: number | null = null): Promise<number> {
  return (await db.insertInto('honours').values({ tenant_id: tenantId, ...v, programme_id: programmeId }).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateHonour(db: Db, tenantId: number, id: number, version: number, v: HonourValues): Promise<boolean> {
  return updateVersioned(db, 'honours', tenantId, id, version, v);
}

export async function deleteHonour(db: Db, tenantId: number, id: number, version: number): Promise<boolean> {
  return deleteVersioned(db, 'honours', tenantId, id, version);
}

// ---------------------------------------------------------------------------------------
// Building programmes

export interface ProgrammeRow {
  id: number;
  orgId: number;
  orgName: string;
  orgPath: string;
  title: string;
  level: string;
  type: string;
  issuer: string;
  ownerMemberId: number | null;
  ownerName: string;
  startedOn: string;
  stage: ProgrammeStage;
  midtermOn: string | null;
  closedOn: string | null;
  note: string;
  version: number;
  honourId: number | null;
}

function programmeColumns(db: Db, tenantId: number) {
  return db
    .selectFrom('building_programmes as p')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'p.tenant_id').onRef('o.id', '=', 'p.org_id'))
    .leftJoin('members as m', (j) => j.onRef('m.tenant_id', '=', 'p.tenant_id').onRef('m.id', '=', 'p.owner_member_id'))
    .leftJoin('honours as h', (j) => j.onRef('h.tenant_id', '=', 'p.tenant_id').onRef('h.programme_id', '=', 'p.id'))
    .select([
      'p.id',
      'p.org_id',
      'o.name as org_name',
      'o.path as org_path',
      'p.title',
      'p.level',
      'p.type',
      'p.issuer',
      'p.owner_member_id',
      'm.name as member_name',
      'p.owner_name',
      'p.started_on',
      'p.stage',
      'p.midterm_on',
      'p.closed_on',
      'p.note',
      'p.version',
      'h.id as honour_id',
    ])
    .where('p.tenant_id', '=', tenantId);
}

type ProgrammeSelect = Awaited<ReturnType<ReturnType<typeof programmeColumns>['execute']>>[number];
const presentProgramme = (r: ProgrammeSelect): ProgrammeRow => ({
  id: r.id,
  orgId: r.org_id,
  orgName: r.org_name,
  orgPath: r.org_path,
  title: r.title,
  level: r.level,
  type: r.type,
  issuer: r.issuer,
  ownerMemberId: r.owner_member_id,
  ownerName: r.member_name ?? r.owner_name,
  startedOn: r.started_on,
  stage: r.stage,
  midtermOn: r.midterm_on,
  closedOn: r.closed_on,
  note: r.note,
  version: r.version,
  honourId: r.honour_id,
});

export async function listProgrammes(db: Db, tenantId: number, scope: DataScope, f: { orgPath?: string | undefined; stage?: ProgrammeStage | undefined }): Promise<ProgrammeRow[]> {
  let q = programmeColumns(db, tenantId).where(subtree(scope, 'o.path'));
  if (f.orgPath) q = q.where('o.path', 'like', `${escapeLike(f.orgPath)}%`);
  if (f.stage) q = q.where('p.stage', '=', f.stage);
  return (await q.orderBy('p.started_on', 'desc').orderBy('p.id', 'desc').limit(2000).execute()).map(presentProgramme);
}

export async function findProgramme(db: Db, tenantId: number, id: number): Promise<ProgrammeRow | undefined> {
  const row = await programmeColumns(db, tenantId).where('p.id', '=', id).executeTakeFirst();
  return row ? presentProgramme(row) : undefined;
}

export interface ProgrammeValues {
  org_id: number;
  title: string;
  level: string;
  type: string;
  issuer: string;
  owner_member_id: number | null;
  owner_name: string;
  started_on: string;
  note: string;
}

export async function insertProgramme(db: Db, tenantId: number, v: ProgrammeValues): Promise<number> {
  return (await db.insertInto('building_programmes').values({ tenant_id: tenantId, ...v }).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateProgramme(db: Db, tenantId: number, id: number, version: number, v: Partial<ProgrammeValues> & { stage?: ProgrammeStage; midterm_on?: string | null; closed_on?: string | null }): Promise<boolean> {
  return updateVersioned(db, 'building_programmes', tenantId, id, version, v);
}

export interface MilestoneRow {
  title: string;
  dueOn: string | null;
  doneOn: string | null;
  note: string;
}

export async function milestonesOf(db: Db, tenantId: number, programmeIds: readonly number[]): Promise<Map<number, MilestoneRow[]>> {
  if (programmeIds.length === 0) return new Map<number, MilestoneRow[]>();
  const rows = await db
    .selectFrom('programme_milestones')
    .select(['programme_id', 'title', 'due_on', 'done_on', 'note'])
    .where('tenant_id', '=', tenantId)
    .where(inIds('programme_id', programmeIds))
    .orderBy('programme_id')
    .orderBy('seq')
    .execute();
  return groupByOwner(rows, (r) => r.programme_id, (r) => ({ title: r.title, dueOn: r.due_on, doneOn: r.done_on, note: r.note }));
}

export async function replaceMilestones(db: Db, tenantId: number, programmeId: number, list: readonly MilestoneRow[]): Promise<void> {
  await replaceOwnedRows(db, 'programme_milestones', tenantId, 'programme_id', programmeId, list.map((m, i) => ({ seq: i + 1, title: m.title, due_on: m.dueOn, done_on: m.doneOn, note: m.note })));
}
