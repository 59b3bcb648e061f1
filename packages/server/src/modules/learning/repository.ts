/**
 * Every query of learning: materials, study series, the meetings that studied a material, and
 * members' own notes. Each function takes the database or a transaction. Materials are the
 * unit's shared reading (no scope condition on reading them); a note is read by its member only.
 */
import { type Kysely, type Transaction, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { deleteVersioned, updateVersioned } from '../../db/versioned.js';
import { countUpTo } from '../../lib/paging.js';
import { escapeLike, inIds } from '../../lib/scope.js';

export { findOrg, rootOrg } from '../../lib/repository-orgs.js';

type Db = Kysely<DB> | Transaction<DB>;
interface Page {
  limit: number;
  offset: number;
}

/**
 * Which orgs' materials a reader sees: 'all' (a unit-wide role), or the orgs on the way to and
 * under these paths (a secretary's branches; a member's own branch): the 党委's materials reach
 * every branch below it, a branch's stay with the branch and those above it.
 */
export type Readable = 'all' | readonly string[];

function onPath(readable: Readable, column: string) {
  if (readable === 'all') return sql<boolean>`true`;
  if (readable.length === 0) return sql<boolean>`false`;
  const ref = sql.ref(column);
  return sql<boolean>`(${sql.join(
    readable.map((p) => sql`(${ref} like ${`${escapeLike(p)}%`} or ${p} like ${ref} || '%')`),
    sql` or `,
  )})`;
}

/** The path of a member's org (a member reads the materials of their own branch and those above it). */
export async function memberOrgPath(db: Db, tenantId: number, memberId: number) {
  const row = await db
    .selectFrom('members as m')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'm.tenant_id').onRef('o.id', '=', 'm.org_id'))
    .select('o.path')
    .where('m.tenant_id', '=', tenantId)
    .where('m.id', '=', memberId)
    .executeTakeFirst();
  return row?.path ?? null;
}

export interface MaterialFilter {
  kind?: string | undefined;
  seriesId?: number | undefined;
  firstTopic?: boolean | undefined;
  year?: number | undefined;
  q?: string | undefined;
}

export interface MaterialValues {
  org_id: number;
  kind: string;
  title: string;
  source: string;
  url: string;
  summary: string;
  published_on: string;
  first_topic: boolean;
}

function materialBase(db: Db, tenantId: number, readable: Readable, f: MaterialFilter) {
  let q = db
    .selectFrom('learning_materials as m')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'm.tenant_id').onRef('o.id', '=', 'm.org_id'))
    .leftJoin('learning_series as s', (j) => j.onRef('s.tenant_id', '=', 'm.tenant_id').onRef('s.id', '=', 'm.series_id'))
    .where('m.tenant_id', '=', tenantId)
    .where(onPath(readable, 'o.path'));
  if (f.kind) q = q.where('m.kind', '=', f.kind);
  if (f.seriesId) q = q.where('m.series_id', '=', f.seriesId);
  if (f.firstTopic !== undefined) q = q.where('m.first_topic', '=', f.firstTopic);
  if (f.year) q = q.where('m.published_on', '>=', `${f.year}-01-01`).where('m.published_on', '<=', `${f.year}-12-31`);
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    q = q.where((eb) => eb.or([eb('m.title', 'like', like), eb('m.source', 'like', like), eb('s.name', 'like', like)]));
  }
  return q;
}

function materialColumns(db: Db, tenantId: number, readable: Readable, f: MaterialFilter) {
  return materialBase(db, tenantId, readable, f).select((eb) => [
    'm.id',
    'm.org_id as orgId',
    'o.name as orgName',
    'o.path as orgPath',
    'm.kind',
    'm.title',
    'm.source',
    'm.url',
    'm.summary',
    'm.published_on as publishedOn',
    'm.first_topic as firstTopic',
    'm.series_id as seriesId',
    's.name as seriesName',
    'm.issue_no as issueNo',
    'm.version',
    eb
      .selectFrom('learning_studies as st')
      .select((x) => x.fn.countAll<number>().as('n'))
      .whereRef('st.tenant_id', '=', 'm.tenant_id')
      .whereRef('st.material_id', '=', 'm.id')
      .as('studies'),
  ]);
}

export type MaterialRow = Awaited<ReturnType<typeof findMaterial>> & object;

const ordered = <Q extends ReturnType<typeof materialColumns>>(q: Q) => q.orderBy('m.published_on', 'desc').orderBy('m.id', 'desc');

export async function listMaterials(db: Db, tenantId: number, readable: Readable, f: MaterialFilter, page: Page) {
  const rows = await ordered(materialColumns(db, tenantId, readable, f)).limit(page.limit).offset(page.offset).execute();
  const total = await countUpTo(db, materialBase(db, tenantId, readable, f));
  return { items: rows.map(normalise), total };
}

/** Every material under the filter (the export; at most 10,000). */
export async function allMaterials(db: Db, tenantId: number, readable: Readable, f: MaterialFilter) {
  return (await ordered(materialColumns(db, tenantId, readable, f)).limit(10_000).execute()).map(normalise);
}

function normalise<R extends { studies: number | string | null; id: number }>(r: R) {
  return { ...r, id: Number(r.id), studies: Number(r.studies ?? 0) };
}

/** A material of the unit, whoever may read it (the service decides). */
export async function findMaterial(db: Db, tenantId: number, id: number) {
  const row = await materialColumns(db, tenantId, 'all', {}).where('m.id', '=', id).executeTakeFirst();
  return row && normalise(row);
}

export async function insertMaterial(db: Db, tenantId: number, values: MaterialValues & { series_id: number | null; issue_no: number | null; created_by: number | null }) {
  const row = await db.insertInto('learning_materials').values({ tenant_id: tenantId, ...values }).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function updateMaterial(db: Db, tenantId: number, id: number, version: number, values: MaterialValues & { series_id: number | null; issue_no: number | null }): Promise<boolean> {
  return updateVersioned(db, 'learning_materials', tenantId, id, version, values);
}

export async function deleteMaterial(db: Db, tenantId: number, id: number, version: number): Promise<boolean> {
  return deleteVersioned(db, 'learning_materials', tenantId, id, version);
}

// ---------------------------------------------------------------------------------------
// Series

export async function listSeries(db: Db, tenantId: number, readable: Readable) {
  const rows = await db
    .selectFrom('learning_series as s')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 's.tenant_id').onRef('o.id', '=', 's.org_id'))
    .select((eb) => [
      's.id',
      's.org_id as orgId',
      'o.name as orgName',
      's.name',
      's.description',
      's.planned_issues as plannedIssues',
      's.last_issue as lastIssue',
      's.version',
      eb
        .selectFrom('learning_materials as m')
        .select((x) => x.fn.countAll<number>().as('n'))
        .whereRef('m.tenant_id', '=', 's.tenant_id')
        .whereRef('m.series_id', '=', 's.id')
        .as('issues'),
    ])
    .where('s.tenant_id', '=', tenantId)
    .where(onPath(readable, 'o.path'))
    .orderBy('s.created_at', 'desc')
    .orderBy('s.id', 'desc')
    .limit(1000)
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id), issues: Number(r.issues ?? 0) }));
}

export async function findSeries(db: Db, tenantId: number, id: number) {
  return db
    .selectFrom('learning_series as s')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 's.tenant_id').onRef('o.id', '=', 's.org_id'))
    .select(['s.id', 's.org_id as orgId', 'o.path as orgPath', 's.name', 's.description', 's.planned_issues as plannedIssues', 's.last_issue as lastIssue', 's.version'])
    .where('s.tenant_id', '=', tenantId)
    .where('s.id', '=', id)
    .executeTakeFirst();
}

export async function seriesNamed(db: Db, tenantId: number, orgId: number, name: string) {
  return db.selectFrom('learning_series').select('id').where('tenant_id', '=', tenantId).where('org_id', '=', orgId).where('name', '=', name).executeTakeFirst();
}

export interface SeriesValues {
  org_id: number;
  name: string;
  description: string;
  planned_issues: number | null;
}

export async function insertSeries(db: Db, tenantId: number, values: SeriesValues) {
  return Number((await db.insertInto('learning_series').values({ tenant_id: tenantId, ...values }).returning('id').executeTakeFirstOrThrow()).id);
}

export async function updateSeries(db: Db, tenantId: number, id: number, version: number, values: Omit<SeriesValues, 'org_id'>) {
  const row = await db.updateTable('learning_series').set({ ...values, version: sql`version + 1` }).where('tenant_id', '=', tenantId).where('id', '=', id).where('version', '=', version).returning('id').executeTakeFirst();
  return row !== undefined;
}

/** The next issue number of a series, taken under the row's lock: two materials added at once get two numbers. */
export async function takeIssueNumber(db: Db, tenantId: number, seriesId: number): Promise<number> {
  const row = await db.updateTable('learning_series').set({ last_issue: sql`last_issue + 1` }).where('tenant_id', '=', tenantId).where('id', '=', seriesId).returning('last_issue').executeTakeFirstOrThrow();
  return row.last_issue;
}

// ---------------------------------------------------------------------------------------
// Studies: the meetings that studied a material

export interface StudyRow {
  id: number;
  materialId: number;
  kind: 'orglife' | 'decision';
  recordId: number;
  heldOn: string;
  /** The branch (organisational life) or the body (党委会, 院长办公会) that met. */
  where: string;
  /** The org path of an organisational-life record ('' for a decisions meeting). */
  orgPath: string;
  /** The kinds of an organisational-life record; the number of a decisions meeting. */
  what: string[];
}

export async function studiesOf(db: Db, tenantId: number, materialIds: readonly number[]): Promise<StudyRow[]> {
  if (materialIds.length === 0) return [];
  const rows = await db
    .selectFrom('learning_studies as st')
    .leftJoin('orglife_records as r', (j) => j.onRef('r.tenant_id', '=', 'st.tenant_id').onRef('r.id', '=', 'st.orglife_record_id'))
    .leftJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'r.tenant_id').onRef('o.id', '=', 'r.org_id'))
    .leftJoin('decision_meetings as dm', (j) => j.onRef('dm.tenant_id', '=', 'st.tenant_id').onRef('dm.id', '=', 'st.decision_meeting_id'))
    .leftJoin('decision_bodies as b', (j) => j.onRef('b.tenant_id', '=', 'dm.tenant_id').onRef('b.id', '=', 'dm.body_id'))
    .select([
      'st.id',
      'st.material_id',
      'st.orglife_record_id',
      'st.decision_meeting_id',
      sql<string>`coalesce(r.held_on, dm.held_on)`.as('held_on'),
      sql<string>`coalesce(o.name, b.name, '')`.as('where_name'),
      sql<string>`coalesce(o.path, '')`.as('org_path'),
      'r.kinds',
      'dm.number',
    ])
    .where('st.tenant_id', '=', tenantId)
    .where(inIds('st.material_id', materialIds))
    .orderBy(sql`coalesce(r.held_on, dm.held_on)`, 'desc')
    .orderBy('st.id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    materialId: r.material_id,
    kind: r.orglife_record_id !== null ? 'orglife' : 'decision',
    recordId: Number(r.orglife_record_id ?? r.decision_meeting_id),
    heldOn: r.held_on,
    where: r.where_name,
    orgPath: r.org_path,
    what: r.orglife_record_id !== null ? (r.kinds ?? []) : r.number ? [r.number] : [],
  }));
}

export async function findOrglifeRecord(db: Db, tenantId: number, id: number) {
  return db
    .selectFrom('orglife_records as r')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'r.tenant_id').onRef('o.id', '=', 'r.org_id'))
    .select(['r.id', 'r.held_on as heldOn', 'o.path as orgPath', 'o.name as orgName'])
    .where('r.tenant_id', '=', tenantId)
    .where('r.id', '=', id)
    .executeTakeFirst();
}

export async function findDecisionMeeting(db: Db, tenantId: number, id: number) {
  return db
    .selectFrom('decision_meetings as dm')
    .innerJoin('decision_bodies as b', (j) => j.onRef('b.tenant_id', '=', 'dm.tenant_id').onRef('b.id', '=', 'dm.body_id'))
    .select(['dm.id', 'dm.held_on as heldOn', 'b.name as bodyName', 'b.kind'])
    .where('dm.tenant_id', '=', tenantId)
    .where('dm.id', '=', id)
    .executeTakeFirst();
}

export async function insertStudy(db: Db, tenantId: number, materialId: number, link: { orglife_record_id: number | null; decision_meeting_id: number | null }, createdBy: number | null) {
  const row = await db
    .insertInto('learning_studies')
    .values({ tenant_id: tenantId, material_id: materialId, ...link, created_by: createdBy })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return row ? Number(row.id) : null;
}

/** Many study links at once (the demo's year of meetings); a link already there is skipped. */
export async function insertStudies(db: Db, tenantId: number, rows: ReadonlyArray<{ material_id: number; orglife_record_id: number | null; decision_meeting_id: number | null }>) {
  if (rows.length === 0) return;
  await db
    .insertInto('learning_studies')
    .values(rows.map((r) => ({ tenant_id: tenantId, ...r, created_by: null })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** The organisational-life records since a day that studied a 第一议题 (kind 'first_topic_study'), in id order. */
export async function firstTopicStudyRecords(db: Db, tenantId: number, from: string) {
  return db
    .selectFrom('orglife_records')
    .select(['id', 'held_on as heldOn'])
    .where('tenant_id', '=', tenantId)
    .where(sql<boolean>`kinds @> array['first_topic_study']::text[]`)
    .where('held_on', '>=', from)
    .orderBy('id')
    .execute();
}

/** The member record an account is linked to, by the account's name. */
export async function memberOfAccount(db: Db, tenantId: number, username: string) {
  return (await db.selectFrom('users').select('member_id').where('tenant_id', '=', tenantId).where('username', '=', username).executeTakeFirst())?.member_id ?? null;
}

export async function findStudy(db: Db, tenantId: number, materialId: number, studyId: number) {
  const [row] = await studiesOf(db, tenantId, [materialId]).then((list) => list.filter((s) => s.id === studyId));
  return row;
}

export async function deleteStudy(db: Db, tenantId: number, studyId: number) {
  await db.deleteFrom('learning_studies').where('tenant_id', '=', tenantId).where('id', '=', studyId).execute();
}

/** The 党委会 held in a period with the 第一议题 materials linked to each and the topic written on the meeting. */
export async function partyCommitteeMeetings(db: Db, tenantId: number, from: string, to: string) {
  return db
    .selectFrom('decision_meetings as dm')
    .innerJoin('decision_bodies as b', (j) => j.onRef('b.tenant_id', '=', 'dm.tenant_id').onRef('b.id', '=', 'dm.body_id'))
    .select([
      'dm.id',
      'dm.held_on as heldOn',
      'dm.number',
      'dm.first_topic as written',
      'b.name as bodyName',
      sql<string[]>`coalesce((select array_agg(m.title order by m.title) from learning_studies st join learning_materials m on m.tenant_id = st.tenant_id and m.id = st.material_id where st.tenant_id = dm.tenant_id and st.decision_meeting_id = dm.id and m.first_topic), '{}')`.as('studied'),
    ])
    .where('dm.tenant_id', '=', tenantId)
    .where('b.kind', '=', 'party_committee')
    .where('dm.held_on', '>=', from)
    .where('dm.held_on', '<=', to)
    .orderBy('dm.held_on')
    .orderBy('dm.id')
    .limit(1000)
    .execute();
}

// ---------------------------------------------------------------------------------------
// A member's own notes

export interface NoteValues {
  material_id: number | null;
  noted_on: string;
  content: string;
}

function noteColumns(db: Db, tenantId: number, memberId: number) {
  return db
    .selectFrom('learning_notes as n')
    .leftJoin('learning_materials as m', (j) => j.onRef('m.tenant_id', '=', 'n.tenant_id').onRef('m.id', '=', 'n.material_id'))
    .select(['n.id', 'n.material_id as materialId', 'm.title as materialTitle', 'n.noted_on as notedOn', 'n.content', 'n.version'])
    .where('n.tenant_id', '=', tenantId)
    .where('n.member_id', '=', memberId);
}

export async function listNotes(db: Db, tenantId: number, memberId: number, page: Page) {
  const items = await noteColumns(db, tenantId, memberId).orderBy('n.noted_on', 'desc').orderBy('n.id', 'desc').limit(page.limit).offset(page.offset).execute();
  const total = await countUpTo(db, db.selectFrom('learning_notes').where('tenant_id', '=', tenantId).where('member_id', '=', memberId));
  return { items: items.map((n) => ({ ...n, id: Number(n.id) })), total };
}

export async function findNote(db: Db, tenantId: number, memberId: number, id: number) {
  return noteColumns(db, tenantId, memberId).where('n.id', '=', id).executeTakeFirst();
}

export async function insertNote(db: Db, tenantId: number, memberId: number, values: NoteValues) {
  return Number((await db.insertInto('learning_notes').values({ tenant_id: tenantId, member_id: memberId, ...values }).returning('id').executeTakeFirstOrThrow()).id);
}

export async function updateNote(db: Db, tenantId: number, memberId: number, id: number, version: number, values: NoteValues) {
  const row = await db
    .updateTable('learning_notes')
    .set({ ...values, version: sql`version + 1`, updated_at: sql`now()` })
    .where('tenant_id', '=', tenantId)
    .where('member_id', '=', memberId)
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function deleteNote(db: Db, tenantId: number, memberId: number, id: number, version: number) {
  const result = await db.deleteFrom('learning_notes').where('tenant_id', '=', tenantId).where('member_id', '=', memberId).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Whether a material exists in the unit (a note may name one). */
export async function materialExists(db: Db, tenantId: number, id: number) {
  return (await db.selectFrom('learning_materials').select('id').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst()) !== undefined;
}
