/**
 * Queries of organisational-life records: the list, one record with everything on it, writing a
 * record and its attendance, resolutions, reviews and plan links, QR check-in, a member's own
 * meetings (the attachments kept as evidence are the evidence-files kit's: service-attachments.ts).
 */
import type { DataScope } from '@hongyi/core';
import { type Kysely, type Transaction, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { bumpVersioned } from '../../db/versioned.js';
import { escapeLike, subtree } from '../../lib/scope.js';
import type { RecordFilters } from './schemas.js';

type Db = Kysely<DB> | Transaction<DB>;

/** Records in scope, filtered, newest first. */
export function recordListQuery(db: Db, tenantId: number, scope: DataScope, f: RecordFilters) {
  let q = db
    .selectFrom('orglife_records as r')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'r.tenant_id').onRef('o.id', '=', 'r.org_id'))
    .leftJoin('orgs as g', (j) => j.onRef('g.tenant_id', '=', 'r.tenant_id').onRef('g.id', '=', 'r.party_group_id'))
    .select([
      'r.id',
      'r.org_id',
      'o.name as org_name',
      'g.name as group_name',
      'r.kinds',
      'r.held_on',
      'r.place',
      'r.scene_tag',
      'r.host_name',
      'r.topics',
      'r.expected_count',
      'r.present_count',
      'r.excused_count',
      'r.absent_count',
      sql<boolean>`r.minutes <> '' and r.present_count > 0 and (not ('party_lecture' = any(r.kinds)) or r.speaker_name <> '')`.as('complete'),
    ])
    .where('r.tenant_id', '=', tenantId)
    .where(subtree(scope, 'o.path'));
  if (f.orgId) q = q.where(sql<boolean>`(o.path like (select f.path from orgs f where f.tenant_id = ${tenantId} and f.id = ${f.orgId}) || '%' or r.party_group_id = ${f.orgId})`);
  if (f.kind) q = q.where(sql<boolean>`${f.kind} = any(r.kinds)`);
  if (f.from) q = q.where('r.held_on', '>=', f.from);
  if (f.to) q = q.where('r.held_on', '<=', f.to);
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    q = q.where((eb) => eb.or([eb('r.place', 'like', like), eb('r.host_name', 'like', like), eb(sql<string>`r.topics::text`, 'like', like), eb('o.name', 'like', like)]));
  }
  return q.orderBy('r.held_on', 'desc').orderBy('r.id', 'desc');
}
export type RecordListRow = Awaited<ReturnType<ReturnType<typeof recordListQuery>['execute']>>[number];

/** A page of the list and the total. */
export async function recordPage(db: Db, tenantId: number, scope: DataScope, f: RecordFilters, limit: number, offset: number) {
  const base = recordListQuery(db, tenantId, scope, f);
  const { total } = await base.clearSelect().clearOrderBy().select(sql<number>`count(*)`.as('total')).executeTakeFirstOrThrow();
  const rows = await base.limit(limit).offset(offset).execute();
  return { rows, total: Number(total) };
}

/** The record's own row with its org's name and path and its party group's name. */
export function recordRow(db: Db, tenantId: number, id: number) {
  return db
    .selectFrom('orglife_records as r')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'r.tenant_id').onRef('o.id', '=', 'r.org_id'))
    .leftJoin('orgs as g', (j) => j.onRef('g.tenant_id', '=', 'r.tenant_id').onRef('g.id', '=', 'r.party_group_id'))
    .selectAll('r')
    .select(['o.name as org_name', 'o.path as org_path', 'g.name as group_name'])
    .where('r.tenant_id', '=', tenantId)
    .where('r.id', '=', id)
    .executeTakeFirst();
}

/** Everything hanging off a record: attendance (roster order), resolutions, plan items, reviews. */
export async function recordParts(db: Db, tenantId: number, id: number) {
  const [attendance, resolutions, planItems, reviews] = await Promise.all([
    db
      .selectFrom('orglife_attendance as a')
      .innerJoin('members as m', (j) => j.onRef('m.tenant_id', '=', 'a.tenant_id').onRef('m.id', '=', 'a.member_id'))
      .select(['a.member_id', 'm.name', 'm.name_pinyin', 'm.name_initials', 'm.party_group_id', 'm.category', 'a.status', 'a.reason', 'a.via_qr', 'a.voting'])
      .where('a.tenant_id', '=', tenantId)
      .where('a.record_id', '=', id)
      .orderBy('m.name_sort')
      .execute(),
    db.selectFrom('orglife_resolutions').selectAll().where('tenant_id', '=', tenantId).where('record_id', '=', id).orderBy('seq').execute(),
    db
      .selectFrom('orglife_plan_links as l')
      .innerJoin('orglife_plan_items as p', (j) => j.onRef('p.tenant_id', '=', 'l.tenant_id').onRef('p.id', '=', 'l.plan_item_id'))
      .select(['p.id', 'p.kind', 'p.planned_on', 'p.title'])
      .where('l.tenant_id', '=', tenantId)
      .where('l.record_id', '=', id)
      .orderBy('p.planned_on')
      .orderBy('p.id')
      .execute(),
    db
      .selectFrom('orglife_reviews as v')
      .innerJoin('members as m', (j) => j.onRef('m.tenant_id', '=', 'v.tenant_id').onRef('m.id', '=', 'v.member_id'))
      .select(['v.member_id', 'm.name', 'v.grade'])
      .where('v.tenant_id', '=', tenantId)
      .where('v.record_id', '=', id)
      .orderBy('m.name_sort')
      .execute(),
  ]);
  return { attendance, resolutions, planItems, reviews };
}

/** Ids of an org's records of a year (its own and its party group's meetings), in date order. */
export async function recordIdsOfYear(db: Db, tenantId: number, orgId: number, year: number): Promise<number[]> {
  const rows = await db
    .selectFrom('orglife_records')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where((eb) => eb.or([eb('org_id', '=', orgId), eb('party_group_id', '=', orgId)]))
    .where('held_on', '>=', `${year}-01-01`)
    .where('held_on', '<=', `${year}-12-31`)
    .orderBy('held_on')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/** 民主评议 results of a branch's records of a year. */
export function reviewsOfYear(db: Db, tenantId: number, orgId: number, year: number) {
  return db
    .selectFrom('orglife_reviews as v')
    .innerJoin('orglife_records as r', (j) => j.onRef('r.tenant_id', '=', 'v.tenant_id').onRef('r.id', '=', 'v.record_id'))
    .innerJoin('members as m', (j) => j.onRef('m.tenant_id', '=', 'v.tenant_id').onRef('m.id', '=', 'v.member_id'))
    .select(['m.name', 'v.grade', 'r.held_on'])
    .where('v.tenant_id', '=', tenantId)
    .where('r.org_id', '=', orgId)
    .where('r.held_on', '>=', `${year}-01-01`)
    .where('r.held_on', '<=', `${year}-12-31`)
    .orderBy('r.held_on')
    .orderBy('m.name_sort')
    .execute();
}

// ---------------------------------------------------------------------------------------
// Writing

/** The plan items a record names, locked so two meetings saved at once cannot both complete one. */
export function lockPlanItems(trx: Transaction<DB>, tenantId: number, ids: readonly number[]) {
  return trx.selectFrom('orglife_plan_items').select(['id', 'org_id', 'kind', 'planned_on']).where('tenant_id', '=', tenantId).where('id', 'in', [...ids]).forUpdate().execute();
}

/** The records completing these plan items. */
export function planLinksOf(db: Db, tenantId: number, planItemIds: readonly number[]) {
  return db
    .selectFrom('orglife_plan_links as l')
    .innerJoin('orglife_records as r', (j) => j.onRef('r.tenant_id', '=', 'l.tenant_id').onRef('r.id', '=', 'l.record_id'))
    .select(['l.plan_item_id', 'r.id', 'r.held_on'])
    .where('l.tenant_id', '=', tenantId)
    .where('l.plan_item_id', 'in', [...planItemIds])
    .execute();
}

export interface RecordColumns {
  org_id: number;
  party_group_id: number | null;
  kinds: string[];
  held_on: string;
  start_time: string;
  end_time: string;
  place: string;
  scene_tag: string;
  host_name: string;
  recorder_name: string;
  topics: string;
  minutes: string;
  speaker_name: string;
  speaker_is_secretary: boolean;
  lecture_title: string;
  study_content: string;
  expected_count: number;
  present_count: number;
  excused_count: number;
  absent_count: number;
}

export interface RecordChildren {
  heldOn: string;
  planItemIds: readonly number[];
  attendance: ReadonlyArray<{ memberId: number; status: 'present' | 'excused' | 'absent'; reason: string; viaQr: boolean; voting: boolean }>;
  resolutions: ReadonlyArray<{
    seq: number;
    title: string;
    kind: 'ordinary' | 'election';
    votingMembers: number;
    present: number;
    votesFor: number;
    votesAgainst: number;
    votesAbstain: number;
    passed: boolean;
  }>;
  reviews: ReadonlyArray<{ memberId: number; grade: 'excellent' | 'qualified' | 'basically_qualified' | 'unqualified' }>;
}

/** Inserts a record (new) or replaces its columns and children (existing); returns its id. */
export async function saveRecord(trx: Transaction<DB>, tenantId: number, userId: number, existingId: number | null, values: RecordColumns, children: RecordChildren): Promise<number> {
  let id: number;
  if (existingId === null) {
    const row = await trx.insertInto('orglife_records').values({ tenant_id: tenantId, created_by: userId, ...values, qr_token: null, qr_expires_at: null }).returning('id').executeTakeFirstOrThrow();
    id = row.id;
  } else {
    id = existingId;
    await trx.updateTable('orglife_records').set({ ...values, updated_at: sql`now()` }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
    await trx.deleteFrom('orglife_attendance').where('tenant_id', '=', tenantId).where('record_id', '=', id).execute();
    await trx.deleteFrom('orglife_resolutions').where('tenant_id', '=', tenantId).where('record_id', '=', id).execute();
    await trx.deleteFrom('orglife_reviews').where('tenant_id', '=', tenantId).where('record_id', '=', id).execute();
    await trx.deleteFrom('orglife_plan_links').where('tenant_id', '=', tenantId).where('record_id', '=', id).execute();
  }
  if (children.planItemIds.length > 0) {
    await trx.insertInto('orglife_plan_links').values(children.planItemIds.map((planItemId) => ({ tenant_id: tenantId, plan_item_id: planItemId, record_id: id }))).execute();
  }
  if (children.attendance.length > 0) {
    await trx
      .insertInto('orglife_attendance')
      .values(children.attendance.map((a) => ({ tenant_id: tenantId, record_id: id, held_on: children.heldOn, member_id: a.memberId, status: a.status, reason: a.reason, via_qr: a.viaQr, voting: a.voting })))
      .execute();
  }
  if (children.resolutions.length > 0) {
    await trx
      .insertInto('orglife_resolutions')
      .values(
        children.resolutions.map((r) => ({
          tenant_id: tenantId,
          record_id: id,
          seq: r.seq,
          title: r.title,
          kind: r.kind,
          voting_members: r.votingMembers,
          present: r.present,
          votes_for: r.votesFor,
          votes_against: r.votesAgainst,
          abstain: r.votesAbstain,
          passed: r.passed,
        })),
      )
      .execute();
  }
  if (children.reviews.length > 0) {
    await trx.insertInto('orglife_reviews').values(children.reviews.map((r) => ({ tenant_id: tenantId, record_id: id, member_id: r.memberId, grade: r.grade }))).execute();
  }
  return id;
}

export interface RecordInBulk {
  values: RecordColumns;
  attendance: ReadonlyArray<{ member_id: number; status: 'present' | 'excused' | 'absent'; reason: string; voting: boolean }>;
  reviews: ReadonlyArray<{ member_id: number; grade: 'excellent' | 'qualified' | 'basically_qualified' | 'unqualified' }>;
}

/**
 * Inserts many records with their attendance and reviews (a unit's past meetings entered at
 * once, no one's hand): one statement for the records, then the attendance and reviews 4,000
 * rows per statement. Returns the new ids in the order given.
 */
export async function insertRecordsInBulk(trx: Transaction<DB>, tenantId: number, records: readonly RecordInBulk[]): Promise<number[]> {
  if (records.length === 0) return [];
  const rows = await trx
    .insertInto('orglife_records')
    .values(records.map((r) => ({ tenant_id: tenantId, ...r.values, qr_token: null, qr_expires_at: null, created_by: null })))
    .returning('id')
    .execute();
  // Ids come back in insertion order for a single multi-row INSERT … RETURNING in PostgreSQL.
  const ids = rows.map((r) => r.id);
  const attendance = records.flatMap((r, i) => r.attendance.map((a) => ({ tenant_id: tenantId, record_id: ids[i]!, held_on: r.values.held_on, ...a })));
  for (let a = 0; a < attendance.length; a += 4000) await trx.insertInto('orglife_attendance').values(attendance.slice(a, a + 4000)).execute();
  const reviews = records.flatMap((r, i) => r.reviews.map((v) => ({ tenant_id: tenantId, record_id: ids[i]!, ...v })));
  for (let a = 0; a < reviews.length; a += 4000) await trx.insertInto('orglife_reviews').values(reviews.slice(a, a + 4000)).execute();
  return ids;
}

/** The unit's records held on or after a day, oldest first (the plan items they complete). */
export function recordsHeldFrom(db: Db, tenantId: number, from: string) {
  return db.selectFrom('orglife_records').select(['id', 'org_id', 'kinds', 'held_on']).where('tenant_id', '=', tenantId).where('held_on', '>=', from).orderBy('held_on').orderBy('id').execute();
}

/** Claims the version the caller read (bumps it); false when someone changed the record first. */
export async function bumpRecordVersion(trx: Transaction<DB>, tenantId: number, id: number, version: number): Promise<boolean> {
  return bumpVersioned(trx, 'orglife_records', tenantId, id, version, {});
}

/** Deletes at the version read; false when someone changed it first. */
export async function deleteRecord(trx: Transaction<DB>, tenantId: number, id: number, version: number): Promise<boolean> {
  const gone = await trx.deleteFrom('orglife_records').where('tenant_id', '=', tenantId).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(gone.numDeletedRows) > 0;
}

// ---------------------------------------------------------------------------------------
// QR attendance

export async function setQrToken(db: Db, tenantId: number, id: number, token: string, expiresAt: Date): Promise<void> {
  await db.updateTable('orglife_records').set({ qr_token: token, qr_expires_at: expiresAt }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

export function recordByQrToken(db: Db, tenantId: number, token: string) {
  return db
    .selectFrom('orglife_records as r')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'r.tenant_id').onRef('o.id', '=', 'r.org_id'))
    .select(['r.id', 'r.kinds', 'r.held_on', 'r.place', 'o.name as org_name', 'r.qr_expires_at'])
    .where('r.tenant_id', '=', tenantId)
    .where('r.qr_token', '=', token)
    .executeTakeFirst();
}

export function attendanceOf(db: Db, tenantId: number, recordId: number, memberId: number) {
  return db.selectFrom('orglife_attendance').select(['status']).where('tenant_id', '=', tenantId).where('record_id', '=', recordId).where('member_id', '=', memberId).executeTakeFirst();
}

/** Marks the member present by QR and recounts the record (its version moves on). */
export async function checkIn(trx: Transaction<DB>, tenantId: number, recordId: number, memberId: number): Promise<void> {
  await trx.updateTable('orglife_attendance').set({ status: 'present', reason: '', via_qr: true }).where('tenant_id', '=', tenantId).where('record_id', '=', recordId).where('member_id', '=', memberId).execute();
  await trx
    .updateTable('orglife_records')
    .set({
      present_count: sql`(select count(*) from orglife_attendance a where a.tenant_id = ${tenantId} and a.record_id = ${recordId} and a.status = 'present')`,
      excused_count: sql`(select count(*) from orglife_attendance a where a.tenant_id = ${tenantId} and a.record_id = ${recordId} and a.status = 'excused')`,
      absent_count: sql`(select count(*) from orglife_attendance a where a.tenant_id = ${tenantId} and a.record_id = ${recordId} and a.status = 'absent')`,
      version: sql`version + 1`,
    })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', recordId)
    .execute();
}

/** A member's meetings of a year with their attendance, newest first. */
export function meetingsOfMember(db: Db, tenantId: number, memberId: number, year: number) {
  return db
    .selectFrom('orglife_attendance as a')
    .innerJoin('orglife_records as r', (j) => j.onRef('r.tenant_id', '=', 'a.tenant_id').onRef('r.id', '=', 'a.record_id'))
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'r.tenant_id').onRef('o.id', '=', 'r.org_id'))
    .select(['r.id', 'o.name as org_name', 'r.kinds', 'r.held_on', 'r.place', 'a.status', 'a.reason', 'r.topics'])
    .where('a.tenant_id', '=', tenantId)
    .where('a.member_id', '=', memberId)
    .where('r.held_on', '>=', `${year}-01-01`)
    .where('r.held_on', '<=', `${year}-12-31`)
    .orderBy('r.held_on', 'desc')
    .execute();
}
