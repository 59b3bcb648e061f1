/**
 * Every query of training (党员培训): classes, their participants, and the members who may be
 * named as participants. Each function takes the database or a transaction and filters tenant_id.
 */
import type { TrainingKind, TrainingLevel } from '@hongyi/core';
import { type Kysely, type RawBuilder, type Transaction, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { deleteVersioned, updateVersioned } from '../../db/versioned.js';
import { countUpTo } from '../../lib/paging.js';
import { escapeLike, inIds } from '../../lib/scope.js';

export { findOrg } from '../../lib/repository-orgs.js';

type Db = Kysely<DB> | Transaction<DB>;

export interface ClassFilter {
  year?: number | undefined;
  orgId?: number | undefined;
  level?: string | undefined;
  kind?: string | undefined;
  q?: string | undefined;
}

export interface ClassValues {
  org_id: number;
  title: string;
  level: string;
  kind: string;
  organiser: string;
  starts_on: string;
  ends_on: string;
  hours: number;
  note: string;
}

/**
 * The classes a reader sees: `where` limits them (the caller's scope: the class's org path, or
 * for a member, the classes they took part in).
 */
function classBase(db: Db, tenantId: number, where: RawBuilder<boolean>, f: ClassFilter) {
  let q = db
    .selectFrom('training_classes as c')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'c.tenant_id').onRef('o.id', '=', 'c.org_id'))
    .where('c.tenant_id', '=', tenantId)
    .where(where);
  if (f.year) q = q.where('c.starts_on', '>=', `${f.year}-01-01`).where('c.starts_on', '<=', `${f.year}-12-31`);
  if (f.orgId) q = q.where('c.org_id', '=', f.orgId);
  if (f.level) q = q.where('c.level', '=', f.level);
  if (f.kind) q = q.where('c.kind', '=', f.kind);
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    q = q.where((eb) => eb.or([eb('c.title', 'like', like), eb('c.organiser', 'like', like)]));
  }
  return q;
}

function classColumns(db: Db, tenantId: number, where: RawBuilder<boolean>, f: ClassFilter) {
  return classBase(db, tenantId, where, f).select((eb) => [
    'c.id',
    'c.org_id as orgId',
    'o.name as orgName',
    'o.path as orgPath',
    'c.title',
    'c.level',
    'c.kind',
    'c.organiser',
    sql<string>`c.starts_on::text`.as('startsOn'),
    sql<string>`c.ends_on::text`.as('endsOn'),
    'c.hours',
    'c.note',
    'c.version',
    eb
      .selectFrom('training_participants as p')
      .select((x) => x.fn.countAll<number>().as('n'))
      .whereRef('p.tenant_id', '=', 'c.tenant_id')
      .whereRef('p.class_id', '=', 'c.id')
      .as('participants'),
  ]);
}

function normalise<R extends { id: number; level: string; kind: string; hours: number | string; participants: number | string | null }>(r: R) {
  // The table's checks hold level and kind to core's lists.
  return { ...r, id: Number(r.id), level: r.level as TrainingLevel, kind: r.kind as TrainingKind, hours: Number(r.hours), participants: Number(r.participants ?? 0) };
}

const ordered = <Q extends ReturnType<typeof classColumns>>(q: Q) => q.orderBy('c.starts_on', 'desc').orderBy('c.id', 'desc');

export async function listClasses(db: Db, tenantId: number, where: RawBuilder<boolean>, f: ClassFilter, page: { limit: number; offset: number }) {
  const rows = await ordered(classColumns(db, tenantId, where, f)).limit(page.limit).offset(page.offset).execute();
  const total = await countUpTo(db, classBase(db, tenantId, where, f));
  return { items: rows.map(normalise), total };
}

/** Every class under the filter (the export; at most 10,000). */
export async function allClasses(db: Db, tenantId: number, where: RawBuilder<boolean>, f: ClassFilter) {
  return (await ordered(classColumns(db, tenantId, where, f)).limit(10_000).execute()).map(normalise);
}

export async function findClass(db: Db, tenantId: number, id: number) {
  const row = await classColumns(db, tenantId, sql<boolean>`true`, {}).where('c.id', '=', id).executeTakeFirst();
  return row && normalise(row);
}

/** A member's classes (self scope): those they took part in. */
export function takenBy(tenantId: number, memberId: number | null): RawBuilder<boolean> {
  if (memberId === null) return sql<boolean>`false`;
  return sql<boolean>`exists (select 1 from training_participants p where p.tenant_id = ${tenantId} and p.class_id = c.id and p.member_id = ${memberId})`;
}

/**
 * An org subtree's classes (subtree scope): those its orgs ran (`inScope` on the class's org path
 * o.path), and those its members took part in (`memberInScope` on the member's org path mo.path).
 */
export function ranOrAttended(tenantId: number, inScope: RawBuilder<boolean>, memberInScope: RawBuilder<boolean>): RawBuilder<boolean> {
  return sql<boolean>`(${inScope} or exists (
    select 1 from training_participants p
    join members pm on pm.tenant_id = p.tenant_id and pm.id = p.member_id
    join orgs mo on mo.tenant_id = pm.tenant_id and mo.id = pm.org_id
    where p.tenant_id = ${tenantId} and p.class_id = c.id and ${memberInScope}))`;
}

/** The participants of classes, in roster order. */
export async function participantsOf(db: Db, tenantId: number, classIds: readonly number[]) {
  if (classIds.length === 0) return [];
  const rows = await db
    .selectFrom('training_participants as p')
    .innerJoin('members as m', (j) => j.onRef('m.tenant_id', '=', 'p.tenant_id').onRef('m.id', '=', 'p.member_id'))
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'm.tenant_id').onRef('o.id', '=', 'm.org_id'))
    .select(['p.class_id as classId', 'm.id as memberId', 'm.name', 'o.name as orgName', 'o.path as orgPath'])
    .where('p.tenant_id', '=', tenantId)
    .where(inIds('p.class_id', classIds))
    .orderBy('o.path')
    .orderBy('m.name_sort')
    .orderBy('m.id')
    .execute();
  return rows.map((r) => ({ ...r, classId: Number(r.classId), memberId: Number(r.memberId) }));
}

/** Members of the unit by id, with the path of their org (to check the writer's scope). */
export async function membersByIds(db: Db, tenantId: number, ids: readonly number[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('members as m')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'm.tenant_id').onRef('o.id', '=', 'm.org_id'))
    .select(['m.id', 'm.name', 'o.path as orgPath'])
    .where('m.tenant_id', '=', tenantId)
    .where(inIds('m.id', ids))
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

export async function insertClass(db: Db, tenantId: number, values: ClassValues & { created_by: number | null }) {
  const row = await db.insertInto('training_classes').values({ tenant_id: tenantId, ...values }).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function updateClass(db: Db, tenantId: number, id: number, version: number, values: ClassValues): Promise<boolean> {
  return updateVersioned(db, 'training_classes', tenantId, id, version, values);
}

export async function deleteClass(db: Db, tenantId: number, id: number, version: number): Promise<boolean> {
  return deleteVersioned(db, 'training_classes', tenantId, id, version);
}

/** Replaces a class's participants with these members. */
export async function replaceParticipants(db: Db, tenantId: number, classId: number, memberIds: readonly number[]) {
  await db.deleteFrom('training_participants').where('tenant_id', '=', tenantId).where('class_id', '=', classId).execute();
  for (let i = 0; i < memberIds.length; i += 1000) {
    await db
      .insertInto('training_participants')
      .values(memberIds.slice(i, i + 1000).map((m) => ({ tenant_id: tenantId, class_id: classId, member_id: m })))
      .execute();
  }
}

/** Whether the reader's condition lets them see a class. */
export async function classVisible(db: Db, tenantId: number, where: RawBuilder<boolean>, id: number): Promise<boolean> {
  const row = await classBase(db, tenantId, where, {}).select('c.id').where('c.id', '=', id).executeTakeFirst();
  return row !== undefined;
}

/** The unit's active members with their org (the demo picks participants from them), in a stable order. */
export async function activeMembers(db: Db, tenantId: number) {
  const rows = await db
    .selectFrom('members as m')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'm.tenant_id').onRef('o.id', '=', 'm.org_id'))
    .select(['m.id', 'm.org_id as orgId', 'o.type as orgType'])
    .where('m.tenant_id', '=', tenantId)
    .where('m.status', '=', 'active')
    .orderBy('m.org_id')
    .orderBy('m.id')
    .execute();
  return rows.map((r) => ({ id: Number(r.id), orgId: Number(r.orgId), orgType: r.orgType }));
}

/** The secretaries of the unit's orgs (their current seat), one per org. */
export async function secretaries(db: Db, tenantId: number) {
  const rows = await db
    .selectFrom('org_committee_seats')
    .select(['org_id as orgId', 'member_id as memberId'])
    .where('tenant_id', '=', tenantId)
    .where('post', '=', 'secretary')
    .where('member_id', 'is not', null)
    .orderBy('org_id')
    .orderBy('id')
    .execute();
  return [...new Map(rows.map((r) => [Number(r.orgId), Number(r.memberId)])).values()];
}
