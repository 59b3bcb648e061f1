/**
 * Every query of member development: files and their entries, the people entries name, the
 * member a file becomes, the lookups of the import. Uploaded documents are in
 * repository-documents.ts, the holiday calendar in repository-holidays.ts. Each function
 * takes the database or a transaction.
 */
import { DEVELOPMENT_STATUSES, type DataScope, type DevelopmentStage, stageSteps } from '@hongyi/core';
import { type Insertable, type Kysely, type Transaction, sql } from 'kysely';
import { z } from 'zod';
import type { DB, DevelopmentEntriesTable, DevelopmentFileStatus, DevelopmentFilesTable } from '../../db/schema.js';
import { bumpVersioned, updateVersioned } from '../../db/versioned.js';
import { IdNumberSet, idNumberHash, openRow, sealRow } from '../../db/sealed.js';
import { escapeLike, inIds, subtree } from '../../lib/scope.js';

type Db = Kysely<DB> | Transaction<DB>;

export const FILE_STATUSES = DEVELOPMENT_STATUSES;

export const fileFilters = z.object({
  q: z.string().trim().max(50).optional(),
  orgId: z.coerce.number().int().positive().optional(),
  status: z.enum(FILE_STATUSES).optional(),
  stage: z.coerce.number().int().min(1).max(5).optional(),
});
export type FileFilters = z.infer<typeof fileFilters>;

/** Development files in scope; a member (self scope) sees only the file that became theirs. */
export function fileListQuery(db: Db, tenantId: number, scope: DataScope, f: FileFilters) {
  let q = db
    .selectFrom('development_files as f')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'f.tenant_id').onRef('o.id', '=', 'f.org_id'))
    .leftJoin('departments as d', (j) => j.onRef('d.tenant_id', '=', 'f.tenant_id').onRef('d.id', '=', 'f.department_id'))
    .select([
      'f.id',
      'f.name',
      'f.gender',
      'f.id_number_enc',
      'f.birth_date',
      'f.education',
      'f.phone_enc',
      'f.org_id',
      'o.name as org_name',
      'o.path as org_path',
      'd.name as department_name',
      'f.member_id',
      'f.last_step',
      'f.status',
      'f.version',
    ])
    .where('f.tenant_id', '=', tenantId)
    .where(subtree(scope, 'o.path', 'f.member_id'));
  if (f.orgId) {
    q = q.where(sql<boolean>`o.path like (select x.path from orgs x where x.tenant_id = ${tenantId} and x.id = ${f.orgId}) || '%'`);
  }
  if (f.status) q = q.where('f.status', '=', f.status);
  if (f.stage) {
    const { first, last } = stageSteps(f.stage as DevelopmentStage);
    q = q.where('f.last_step', '>=', first).where('f.last_step', '<=', last);
  }
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    q = q.where((eb) => eb.or([eb('f.name', 'like', like), eb('o.name', 'like', like)]));
  }
  return q;
}
type Opened<T> = Omit<T, 'id_number_enc' | 'phone_enc'> & { id_number: string; phone: string };
export type FileListRow = Opened<Awaited<ReturnType<ReturnType<typeof fileListQuery>['execute']>>[number]>;

/** A page of the list (in tree order, furthest along first) and its total. */
export async function filePage(db: Db, tenantId: number, scope: DataScope, f: FileFilters, page: number, pageSize: number) {
  const base = fileListQuery(db, tenantId, scope, f);
  const { total } = await base.clearSelect().select(sql<number>`count(*)`.as('total')).executeTakeFirstOrThrow();
  const rows = await base.orderBy('o.path').orderBy('f.last_step', 'desc').orderBy('f.id').limit(pageSize).offset((page - 1) * pageSize).execute();
  return { total: Number(total), rows: rows.map(openRow) };
}

/** Every file the list would show, in tree order (the 台账 and the board). */
export async function fileRows(db: Db, tenantId: number, scope: DataScope, f: FileFilters, limit: number) {
  return (await fileListQuery(db, tenantId, scope, f).orderBy('o.path').orderBy('f.id').limit(limit).execute()).map(openRow);
}

/** How many files each branch holds at each status and last step (the funnel): counts, no person. */
export async function fileCounts(db: Db, tenantId: number, scope: DataScope, orgId: number | undefined) {
  const rows = await fileListQuery(db, tenantId, scope, { orgId })
    .clearSelect()
    .select(['f.org_id', 'o.name as org_name', 'o.path as org_path', 'f.status', 'f.last_step', (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy(['f.org_id', 'o.name', 'o.path', 'f.status', 'f.last_step'])
    .execute();
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

/** How many files in scope stand at each last step (the overview's funnel): one row per step, no branch, no person. */
export async function stepCounts(db: Db, tenantId: number, scope: DataScope) {
  const rows = await fileListQuery(db, tenantId, scope, {})
    .clearSelect()
    .select(['f.last_step', (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy('f.last_step')
    .execute();
  return rows.map((r) => ({ lastStep: r.last_step, n: Number(r.n) }));
}

/** Each file's branch, status and last step: no person (the funnel as of a past day re-reads the steps). */
export async function fileSteps(db: Db, tenantId: number, scope: DataScope, orgId: number | undefined) {
  return fileListQuery(db, tenantId, scope, { orgId }).clearSelect().select(['f.id', 'f.org_id', 'o.name as org_name', 'o.path as org_path', 'f.status', 'f.last_step']).orderBy('f.id').execute();
}

/** A file with its branch's name and path and its department's name; undefined when the unit has none with this id. */
export async function fileRecord(db: Db, tenantId: number, id: number) {
  const row = await db
    .selectFrom('development_files as f')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'f.tenant_id').onRef('o.id', '=', 'f.org_id'))
    .leftJoin('departments as d', (j) => j.onRef('d.tenant_id', '=', 'f.tenant_id').onRef('d.id', '=', 'f.department_id'))
    .selectAll('f')
    .select(['o.name as org_name', 'o.path as org_path', 'd.name as department_name'])
    .where('f.tenant_id', '=', tenantId)
    .where('f.id', '=', id)
    .executeTakeFirst();
  return row && openRow(row);
}
export type FileRecord = NonNullable<Awaited<ReturnType<typeof fileRecord>>>;

/** The file that became this member's, if any. */
export async function fileIdOfMember(db: Db, tenantId: number, memberId: number): Promise<number | null> {
  const row = await db.selectFrom('development_files').select('id').where('tenant_id', '=', tenantId).where('member_id', '=', memberId).executeTakeFirst();
  return row?.id ?? null;
}

/** Another file for this ID number (its branch's path for the scope check). */
export function fileByIdNumber(db: Db, tenantId: number, idNumber: string, exceptId?: number) {
  let query = db
    .selectFrom('development_files as f')
    .innerJoin('orgs as o', (join) => join.onRef('o.tenant_id', '=', 'f.tenant_id').onRef('o.id', '=', 'f.org_id'))
    .select(['f.id', 'o.path'])
    .where('f.tenant_id', '=', tenantId)
    .where('f.id_number_hash', '=', idNumberHash(idNumber));
  if (exceptId !== undefined) query = query.where('f.id', '!=', exceptId);
  return query.executeTakeFirst();
}

/** An org as a file's branch is checked: its path and type. */
export function orgForFile(db: Db, tenantId: number, orgId: number) {
  return db.selectFrom('orgs').select(['id', 'path', 'type']).where('tenant_id', '=', tenantId).where('id', '=', orgId).executeTakeFirst();
}

export async function departmentExists(db: Db, tenantId: number, id: number): Promise<boolean> {
  return (await db.selectFrom('departments').select('id').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** A new file's row, with the ID and phone numbers in plaintext: sealed here (decision 0005). */
export type NewFileRow = Omit<Insertable<DevelopmentFilesTable>, 'tenant_id' | 'id' | 'id_number_enc' | 'id_number_hash' | 'id_number_tail' | 'phone_enc'> & { id_number: string; phone?: string };

export async function insertFile(db: Db, tenantId: number, row: NewFileRow): Promise<number> {
  return (await db.insertInto('development_files').values({ tenant_id: tenantId, ...sealRow(row) } as never).returning('id').executeTakeFirstOrThrow()).id;
}

/** Sets a file's personal details over the version read; false when the version has moved on. */
export async function updateFileDetails(db: Db, tenantId: number, id: number, version: number, changes: Record<string, unknown>): Promise<boolean> {
  return updateVersioned(db, 'development_files', tenantId, id, version, sealRow(changes));
}

/** Bumps the file's version; false when it is no longer the one read (serialises writes to one file). */
export async function claimFileVersion(db: Db, tenantId: number, fileId: number, version: number): Promise<boolean> {
  return bumpVersioned(db, 'development_files', tenantId, fileId, version, {});
}

/** The columns derived from the history: the last step, the status and the member the file became. */
export async function setFileProgress(db: Db, tenantId: number, fileId: number, progress: { last_step: number; status: DevelopmentFileStatus; member_id: number | null }): Promise<void> {
  await db.updateTable('development_files').set({ ...progress, updated_at: new Date() }).where('tenant_id', '=', tenantId).where('id', '=', fileId).execute();
}

/** A file's own row (no joins), for the sync of its derived columns. */
export async function fileRow(db: Db, tenantId: number, fileId: number) {
  return openRow(await db.selectFrom('development_files').selectAll().where('tenant_id', '=', tenantId).where('id', '=', fileId).executeTakeFirstOrThrow());
}

// ---------------------------------------------------------------------------------------
// Entries (append-only: the database refuses to change them)

/** A file's entries in date order. */
export function entriesOf(db: Db, tenantId: number, fileId: number) {
  return db.selectFrom('development_entries').selectAll().where('tenant_id', '=', tenantId).where('file_id', '=', fileId).orderBy('date').orderBy('id').execute();
}
export type EntryRow = Awaited<ReturnType<typeof entriesOf>>[number];

/** What the rules read of an entry (progress, deadlines, the 台账's dates and people). */
export type EntryFactsRow = Pick<EntryRow, 'id' | 'file_id' | 'corrects_id' | 'kind' | 'step' | 'date' | 'people' | 'details'>;

/**
 * What the rules read of every entry of these files, in date order, grouped by file (for lists,
 * the due list and the 台账): a 100,000-member unit's open files hold ~100,000 entries, and the
 * rest of each row (times, notes, who recorded it) was most of the reading.
 */
export async function entriesByFile(db: Db, tenantId: number, fileIds: readonly number[]): Promise<Map<number, EntryFactsRow[]>> {
  const entries = fileIds.length
    ? await db
        .selectFrom('development_entries')
        .select(['id', 'file_id', 'corrects_id', 'kind', 'step', 'date', 'people', 'details'])
        .where('tenant_id', '=', tenantId)
        .where(inIds('file_id', fileIds))
        .orderBy('date')
        .orderBy('id')
        .execute()
    : [];
  const byFile = new Map<number, EntryFactsRow[]>();
  for (const e of entries) {
    const list = byFile.get(e.file_id);
    if (list) list.push(e);
    else byFile.set(e.file_id, [e]);
  }
  return byFile;
}

export async function entryOfFile(db: Db, tenantId: number, fileId: number, entryId: number): Promise<boolean> {
  return (await db.selectFrom('development_entries').select('id').where('tenant_id', '=', tenantId).where('file_id', '=', fileId).where('id', '=', entryId).executeTakeFirst()) !== undefined;
}

export type NewEntryRow = Omit<Insertable<DevelopmentEntriesTable>, 'tenant_id' | 'id'>;

export async function insertEntries(db: Db, tenantId: number, rows: readonly NewEntryRow[]): Promise<number[]> {
  if (rows.length === 0) return [];
  return (await db.insertInto('development_entries').values(rows.map((r) => ({ tenant_id: tenantId, ...r }))).returning('id').execute()).map((r) => r.id);
}

// ---------------------------------------------------------------------------------------
// Members: the people entries name, and the member a file becomes

/** Members by id, with what the rules ask of a mentor or sponsor. */
export function membersByIds(db: Db, tenantId: number, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('members').select(['id', 'name', 'category', 'full_on', 'status']).where('tenant_id', '=', tenantId).where(inIds('id', [...new Set(ids)])).execute();
}

/** The member a file is linked to, or else the one holding its ID number. */
export function memberForFile(db: Db, tenantId: number, file: { member_id: number | null; id_number: string }) {
  const q = db.selectFrom('members').select(['id', 'version', 'category', 'joined_on', 'full_on', 'status']).where('tenant_id', '=', tenantId);
  return (file.member_id ? q.where('id', '=', file.member_id) : q.where('id_number_hash', '=', idNumberHash(file.id_number))).executeTakeFirst();
}

/** Sets what the file decides of a member's record (category, 入党 and 转正 dates, status), the version going up. */
export async function setMemberStanding(db: Db, tenantId: number, memberId: number, version: number, standing: Record<string, unknown>): Promise<void> {
  await db.updateTable('members').set({ ...standing, version: version + 1, updated_at: new Date() }).where('tenant_id', '=', tenantId).where('id', '=', memberId).execute();
}

/** ID numbers of the unit's members who are still Party members (active, transferred out, suspended): no new file for them. */
export async function memberIdNumbersBlockingFiles(db: Db, tenantId: number): Promise<IdNumberSet> {
  const rows = await db.selectFrom('members').select('id_number_hash').where('tenant_id', '=', tenantId).where('status', 'in', ['active', 'transferred_out', 'stopped']).execute();
  return new IdNumberSet(rows.map((r) => r.id_number_hash));
}

// ---------------------------------------------------------------------------------------
// The unit's branches and members a file can be opened in or name

/** The unit's branches (and joint branches) in tree order: where a file can be kept. */
export function branchesForFiles(db: Db, tenantId: number) {
  return db.selectFrom('orgs').select(['id', 'name']).where('tenant_id', '=', tenantId).where('type', 'in', ['branch', 'joint_branch']).orderBy('path').execute();
}

/** The unit's active members in id order, with the identity a file of theirs carries (ID number and phone opened) and their standing. */
export async function activeMembersForFiles(db: Db, tenantId: number) {
  const rows = await db
    .selectFrom('members')
    .select(['id', 'org_id', 'name', 'gender', 'id_number_enc', 'birth_date', 'education', 'phone_enc', 'department_id', 'category', 'joined_on', 'full_on'])
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'active')
    .orderBy('id')
    .execute();
  return rows.map(openRow);
}

// ---------------------------------------------------------------------------------------
// The import's lookups

/** What an imported row names: branches by name, active members by name (mentors, sponsors), ID numbers already on file. */
export async function importLookups(db: Db, tenantId: number) {
  const [orgs, members, files, blocking] = await Promise.all([
    db.selectFrom('orgs').select(['id', 'name', 'path']).where('tenant_id', '=', tenantId).execute(),
    db.selectFrom('members').select(['id', 'name']).where('tenant_id', '=', tenantId).where('status', '=', 'active').execute(),
    db.selectFrom('development_files').select('id_number_hash').where('tenant_id', '=', tenantId).execute(),
    memberIdNumbersBlockingFiles(db, tenantId),
  ]);
  return { orgs, members, fileIdNumbers: new IdNumberSet(files.map((r) => r.id_number_hash)), memberIdNumbers: blocking };
}
