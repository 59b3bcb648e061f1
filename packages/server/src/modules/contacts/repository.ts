/**
 * Every query of contact points (联系点), their visits and the visits' follow-ups. Each function
 * takes the database or a transaction. Who sees what is a ContactView (service.ts): the whole
 * unit or a branch subtree (lib/scope), or a leader's own contact points; whoever owns a
 * follow-up sees it and its visit besides.
 */
import type { DataScope } from '@hongyi/core';
import { type Kysely, type Transaction, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { deleteVersioned, updateVersioned } from '../../db/versioned.js';
import { countUpTo } from '../../lib/paging.js';
import { escapeLike, inIds, subtree } from '../../lib/scope.js';

type Db = Kysely<DB> | Transaction<DB>;

/** What a caller sees of contact points and visits: a scope of orgs (office, inspector, secretary), or a leader's own links. */
export type ContactView = { kind: 'scope'; scope: DataScope; userId: number } | { kind: 'leader'; userId: number };

export async function findOrg(db: Db, tenantId: number, orgId: number) {
  return db.selectFrom('orgs').select(['id', 'name', 'path', 'type', 'dissolved_on']).where('tenant_id', '=', tenantId).where('id', '=', orgId).executeTakeFirst();
}

/** Active accounts of the unit with their roles (and the role's org), for the leader and owner pickers. */
export async function accountsWithRoles(db: Db, tenantId: number, roles: readonly string[]) {
  return db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', (j) => j.onRef('r.tenant_id', '=', 'u.tenant_id').onRef('r.user_id', '=', 'u.id'))
    .leftJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'r.tenant_id').onRef('o.id', '=', 'r.org_id'))
    .select(['u.id', 'u.name', 'r.role', 'o.id as org_id', 'o.name as org_name', 'o.path as org_path'])
    .where('u.tenant_id', '=', tenantId)
    .where('u.active', '=', true)
    .where('r.role', 'in', roles as never)
    .orderBy('u.name')
    .orderBy('u.id')
    .limit(5000)
    .execute();
}

/** Active accounts whose member holds a seat on the committee at the root of the unit (党委委员). */
export async function committeeMemberAccounts(db: Db, tenantId: number) {
  return db
    .selectFrom('users as u')
    .innerJoin('org_committee_seats as s', (j) => j.onRef('s.tenant_id', '=', 'u.tenant_id').onRef('s.member_id', '=', 'u.member_id'))
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 's.tenant_id').onRef('o.id', '=', 's.org_id'))
    .select(['u.id', 'u.name', 's.post'])
    .where('u.tenant_id', '=', tenantId)
    .where('u.active', '=', true)
    .where('o.parent_id', 'is', null)
    .orderBy('u.name')
    .execute();
}

export async function findAccount(db: Db, tenantId: number, userId: number) {
  return db.selectFrom('users').select(['id', 'name', 'active']).where('tenant_id', '=', tenantId).where('id', '=', userId).executeTakeFirst();
}

export async function findAccounts(db: Db, tenantId: number, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('users').select(['id', 'name', 'active']).where('tenant_id', '=', tenantId).where(inIds('id', ids)).execute();
}

// ---------------------------------------------------------------------------------------
// Contact points

export interface PointRow {
  id: number;
  userId: number;
  leaderName: string;
  orgId: number;
  orgName: string;
  orgPath: string;
  fromOn: string;
  toOn: string | null;
  note: string;
  version: number;
  visits: number;
  lastVisitOn: string | null;
  openFollowUps: number;
}

export interface PointFilter {
  userId?: number | undefined;
  orgPath?: string | undefined;
  /** Links whose period holds this day. */
  activeOn?: string | undefined;
}

function pointView(view: ContactView) {
  return view.kind === 'leader' ? sql<boolean>`p.user_id = ${view.userId}` : subtree(view.scope, 'o.path');
}

function pointBase(db: Db, tenantId: number) {
  return db
    .selectFrom('contact_points as p')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'p.tenant_id').onRef('o.id', '=', 'p.org_id'))
    .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'p.tenant_id').onRef('u.id', '=', 'p.user_id'))
    .where('p.tenant_id', '=', tenantId);
}

function pointColumns(db: Db, tenantId: number) {
  return pointBase(db, tenantId).select([
    'p.id',
    'p.user_id',
    'u.name as leader_name',
    'p.org_id',
    'o.name as org_name',
    'o.path as org_path',
    'p.from_on',
    'p.to_on',
    'p.note',
    'p.version',
    sql<number>`(select count(*) from contact_visits v where v.tenant_id = p.tenant_id and v.point_id = p.id)`.as('visits'),
    sql<string | null>`(select max(v.visited_on)::text from contact_visits v where v.tenant_id = p.tenant_id and v.point_id = p.id)`.as('last_visit_on'),
    sql<number>`(select count(*) from contact_followups f join contact_visits v on v.tenant_id = f.tenant_id and v.id = f.visit_id where f.tenant_id = p.tenant_id and v.point_id = p.id and f.status = 'open')`.as('open_follow_ups'),
  ]);
}

type PointSelect = Awaited<ReturnType<ReturnType<typeof pointColumns>['execute']>>[number];

const presentPointRow = (r: PointSelect): PointRow => ({
  id: r.id,
  userId: r.user_id,
  leaderName: r.leader_name,
  orgId: r.org_id,
  orgName: r.org_name,
  orgPath: r.org_path,
  fromOn: r.from_on,
  toOn: r.to_on,
  note: r.note,
  version: r.version,
  visits: Number(r.visits),
  lastVisitOn: r.last_visit_on,
  openFollowUps: Number(r.open_follow_ups),
});

export async function listPoints(db: Db, tenantId: number, view: ContactView, f: PointFilter): Promise<PointRow[]> {
  let q = pointColumns(db, tenantId).where(pointView(view));
  if (f.userId) q = q.where('p.user_id', '=', f.userId);
  if (f.orgPath) q = q.where('o.path', 'like', `${escapeLike(f.orgPath)}%`);
  if (f.activeOn) q = q.where('p.from_on', '<=', f.activeOn).where((eb) => eb.or([eb('p.to_on', 'is', null), eb('p.to_on', '>=', f.activeOn!)]));
  const rows = await q.orderBy('u.name').orderBy('o.path').orderBy('p.from_on', 'desc').limit(2000).execute();
  return rows.map(presentPointRow);
}

export async function findPoint(db: Db, tenantId: number, id: number): Promise<PointRow | undefined> {
  const row = await pointColumns(db, tenantId).where('p.id', '=', id).executeTakeFirst();
  return row && presentPointRow(row);
}

/** The other links of the same leader and branch (for the overlap check). */
export async function siblingPoints(db: Db, tenantId: number, userId: number, orgId: number, exceptId: number | null) {
  let q = db.selectFrom('contact_points').select(['id', 'from_on', 'to_on']).where('tenant_id', '=', tenantId).where('user_id', '=', userId).where('org_id', '=', orgId);
  if (exceptId !== null) q = q.where('id', '<>', exceptId);
  return q.execute();
}

/** The first and last visit day under a link (a changed period must still hold them). */
export async function visitSpan(db: Db, tenantId: number, pointId: number) {
  const row = await db
    .selectFrom('contact_visits')
    .select([sql<string | null>`min(visited_on)::text`.as('first'), sql<string | null>`max(visited_on)::text`.as('last'), (eb) => eb.fn.countAll<number>().as('n')])
    .where('tenant_id', '=', tenantId)
    .where('point_id', '=', pointId)
    .executeTakeFirstOrThrow();
  return { first: row.first, last: row.last, count: Number(row.n) };
}

export interface PointValues {
  user_id: number;
  org_id: number;
  from_on: string;
  to_on: string | null;
  note: string;
}

export async function insertPoint(db: Db, tenantId: number, v: PointValues): Promise<number> {
  return (await db.insertInto('contact_points').values({ tenant_id: tenantId, ...v }).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updatePoint(db: Db, tenantId: number, id: number, version: number, v: PointValues): Promise<boolean> {
  return updateVersioned(db, 'contact_points', tenantId, id, version, v);
}

export async function deletePoint(db: Db, tenantId: number, id: number, version: number): Promise<boolean> {
  return deleteVersioned(db, 'contact_points', tenantId, id, version);
}

// ---------------------------------------------------------------------------------------
// Visits

export interface FollowUpRow {
  id: number;
  visitId: number;
  text: string;
  ownerUserId: number;
  ownerName: string;
  dueOn: string;
  status: 'open' | 'done';
  doneOn: string | null;
  doneNote: string;
  version: number;
}

export interface VisitRow {
  id: number;
  pointId: number;
  userId: number;
  leaderName: string;
  orgId: number;
  orgName: string;
  orgPath: string;
  pointFromOn: string;
  pointToOn: string | null;
  visitedOn: string;
  purpose: string;
  participants: string;
  notes: string;
  version: number;
  createdByName: string;
  followUps: FollowUpRow[];
}

export interface VisitFilter {
  pointId?: number | undefined;
  userId?: number | undefined;
  orgPath?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** The caller owns a follow-up of the visit `v`. */
const ownsFollowUp = (userId: number) => sql<boolean>`exists (select 1 from contact_followups f where f.tenant_id = v.tenant_id and f.visit_id = v.id and f.owner_user_id = ${userId})`;

function visitBase(db: Db, tenantId: number, view: ContactView, f: VisitFilter) {
  let q = db
    .selectFrom('contact_visits as v')
    .innerJoin('contact_points as p', (j) => j.onRef('p.tenant_id', '=', 'v.tenant_id').onRef('p.id', '=', 'v.point_id'))
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'p.tenant_id').onRef('o.id', '=', 'p.org_id'))
    .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'p.tenant_id').onRef('u.id', '=', 'p.user_id'))
    .where('v.tenant_id', '=', tenantId)
    .where(sql<boolean>`(${pointView(view)} or ${ownsFollowUp(view.userId)})`);
  if (f.pointId) q = q.where('v.point_id', '=', f.pointId);
  if (f.userId) q = q.where('p.user_id', '=', f.userId);
  if (f.orgPath) q = q.where('o.path', 'like', `${escapeLike(f.orgPath)}%`);
  if (f.from) q = q.where('v.visited_on', '>=', f.from);
  if (f.to) q = q.where('v.visited_on', '<=', f.to);
  return q;
}

function visitColumns<T extends ReturnType<typeof visitBase>>(q: T) {
  return q.select([
    'v.id',
    'v.point_id',
    'p.user_id',
    'u.name as leader_name',
    'p.org_id',
    'o.name as org_name',
    'o.path as org_path',
    'p.from_on',
    'p.to_on',
    'v.visited_on',
    'v.purpose',
    'v.participants',
    'v.notes',
    'v.version',
    'v.created_by_name',
  ]);
}

type VisitSelect = Awaited<ReturnType<ReturnType<typeof visitColumns>['execute']>>[number];

export async function followUpsOfVisits(db: Db, tenantId: number, visitIds: readonly number[]): Promise<FollowUpRow[]> {
  if (visitIds.length === 0) return [];
  const rows = await db
    .selectFrom('contact_followups as f')
    .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'f.tenant_id').onRef('u.id', '=', 'f.owner_user_id'))
    .select(['f.id', 'f.visit_id', 'f.text', 'f.owner_user_id', 'u.name as owner_name', 'f.due_on', 'f.status', 'f.done_on', 'f.done_note', 'f.version'])
    .where('f.tenant_id', '=', tenantId)
    .where(inIds('f.visit_id', visitIds))
    .orderBy('f.due_on')
    .orderBy('f.id')
    .execute();
  return rows.map((r) => ({ id: r.id, visitId: r.visit_id, text: r.text, ownerUserId: r.owner_user_id, ownerName: r.owner_name, dueOn: r.due_on, status: r.status, doneOn: r.done_on, doneNote: r.done_note, version: r.version }));
}

async function withFollowUps(db: Db, tenantId: number, rows: VisitSelect[]): Promise<VisitRow[]> {
  const followUps = await followUpsOfVisits(db, tenantId, rows.map((r) => r.id));
  return rows.map((r) => ({
    id: r.id,
    pointId: r.point_id,
    userId: r.user_id,
    leaderName: r.leader_name,
    orgId: r.org_id,
    orgName: r.org_name,
    orgPath: r.org_path,
    pointFromOn: r.from_on,
    pointToOn: r.to_on,
    visitedOn: r.visited_on,
    purpose: r.purpose,
    participants: r.participants,
    notes: r.notes,
    version: r.version,
    createdByName: r.created_by_name,
    followUps: followUps.filter((x) => x.visitId === r.id),
  }));
}

export async function listVisits(db: Db, tenantId: number, view: ContactView, f: VisitFilter, page: { limit: number; offset: number }) {
  const total = await countUpTo(db, visitBase(db, tenantId, view, f).select('v.id'));
  const rows = await visitColumns(visitBase(db, tenantId, view, f)).orderBy('v.visited_on', 'desc').orderBy('v.id', 'desc').limit(page.limit).offset(page.offset).execute();
  return { items: await withFollowUps(db, tenantId, rows), total };
}

/** Every visit in the view under the filter (for the export), newest first. */
export async function allVisits(db: Db, tenantId: number, view: ContactView, f: VisitFilter): Promise<VisitRow[]> {
  const rows = await visitColumns(visitBase(db, tenantId, view, f)).orderBy('v.visited_on', 'desc').orderBy('v.id', 'desc').limit(5000).execute();
  return withFollowUps(db, tenantId, rows);
}

export async function findVisit(db: Db, tenantId: number, id: number): Promise<VisitRow | undefined> {
  const rows = await visitColumns(visitBase(db, tenantId, { kind: 'scope', scope: { kind: 'tenant' }, userId: 0 }, {}))
    .where('v.id', '=', id)
    .execute();
  return (await withFollowUps(db, tenantId, rows))[0];
}

export interface VisitValues {
  point_id: number;
  visited_on: string;
  purpose: string;
  participants: string;
  notes: string;
}

export async function insertVisit(db: Db, tenantId: number, v: VisitValues, by: { userId: number | null; username: string }): Promise<number> {
  return (await db.insertInto('contact_visits').values({ tenant_id: tenantId, ...v, created_by: by.userId, created_by_name: by.username }).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateVisit(db: Db, tenantId: number, id: number, version: number, v: VisitValues): Promise<boolean> {
  return updateVersioned(db, 'contact_visits', tenantId, id, version, v);
}

export async function deleteVisit(db: Db, tenantId: number, id: number, version: number): Promise<boolean> {
  return deleteVersioned(db, 'contact_visits', tenantId, id, version);
}

// ---------------------------------------------------------------------------------------
// Follow-ups

export interface FollowUpValues {
  text: string;
  owner_user_id: number;
  due_on: string;
}

export async function insertFollowUps(db: Db, tenantId: number, visitId: number, list: readonly FollowUpValues[]): Promise<number[]> {
  if (list.length === 0) return [];
  const rows = await db
    .insertInto('contact_followups')
    .values(list.map((f) => ({ tenant_id: tenantId, visit_id: visitId, ...f })))
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** A follow-up with what decides who may touch it: its visit's link (leader, org path). */
export async function findFollowUp(db: Db, tenantId: number, id: number) {
  const row = await db
    .selectFrom('contact_followups as f')
    .innerJoin('contact_visits as v', (j) => j.onRef('v.tenant_id', '=', 'f.tenant_id').onRef('v.id', '=', 'f.visit_id'))
    .innerJoin('contact_points as p', (j) => j.onRef('p.tenant_id', '=', 'v.tenant_id').onRef('p.id', '=', 'v.point_id'))
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'p.tenant_id').onRef('o.id', '=', 'p.org_id'))
    .select(['f.id', 'f.visit_id', 'f.text', 'f.owner_user_id', 'f.due_on', 'f.status', 'f.done_on', 'f.done_note', 'f.version', 'v.visited_on', 'p.user_id as leader_user_id', 'o.name as org_name', 'o.path as org_path'])
    .where('f.tenant_id', '=', tenantId)
    .where('f.id', '=', id)
    .executeTakeFirst();
  return row;
}

export async function updateFollowUp(db: Db, tenantId: number, id: number, version: number, v: FollowUpValues): Promise<boolean> {
  return updateVersioned(db, 'contact_followups', tenantId, id, version, v, 'open');
}

/** Closes (doneOn set) or reopens (null) a follow-up over the version read. */
export async function setFollowUpDone(db: Db, tenantId: number, id: number, version: number, done: { on: string; note: string } | null): Promise<boolean> {
  const change = done ? { status: 'done' as const, done_on: done.on, done_note: done.note } : { status: 'open' as const, done_on: null, done_note: '' };
  return updateVersioned(db, 'contact_followups', tenantId, id, version, change, done ? 'open' : 'done');
}

export async function deleteFollowUp(db: Db, tenantId: number, id: number, version: number): Promise<boolean> {
  return deleteVersioned(db, 'contact_followups', tenantId, id, version);
}

export interface FollowUpListRow extends FollowUpRow {
  visitedOn: string;
  pointId: number;
  leaderUserId: number;
  leaderName: string;
  orgId: number;
  orgName: string;
  orgPath: string;
}

export interface FollowUpFilter {
  /** Only the caller's own. */
  mine?: boolean | undefined;
  status?: 'open' | 'done' | undefined;
  /** Open and due between these days (overdue: up to yesterday; due soon: today to a week ahead). */
  dueFrom?: string | undefined;
  dueTo?: string | undefined;
  orgPath?: string | undefined;
}

function followUpBase(db: Db, tenantId: number, view: ContactView, f: FollowUpFilter) {
  let q = db
    .selectFrom('contact_followups as f')
    .innerJoin('contact_visits as v', (j) => j.onRef('v.tenant_id', '=', 'f.tenant_id').onRef('v.id', '=', 'f.visit_id'))
    .innerJoin('contact_points as p', (j) => j.onRef('p.tenant_id', '=', 'v.tenant_id').onRef('p.id', '=', 'v.point_id'))
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'p.tenant_id').onRef('o.id', '=', 'p.org_id'))
    .innerJoin('users as lu', (j) => j.onRef('lu.tenant_id', '=', 'p.tenant_id').onRef('lu.id', '=', 'p.user_id'))
    .innerJoin('users as ou', (j) => j.onRef('ou.tenant_id', '=', 'f.tenant_id').onRef('ou.id', '=', 'f.owner_user_id'))
    .where('f.tenant_id', '=', tenantId)
    .where(sql<boolean>`(${pointView(view)} or f.owner_user_id = ${view.userId})`);
  if (f.mine) q = q.where('f.owner_user_id', '=', view.userId);
  if (f.status) q = q.where('f.status', '=', f.status);
  if (f.dueFrom || f.dueTo) q = q.where('f.status', '=', 'open');
  if (f.dueFrom) q = q.where('f.due_on', '>=', f.dueFrom);
  if (f.dueTo) q = q.where('f.due_on', '<=', f.dueTo);
  if (f.orgPath) q = q.where('o.path', 'like', `${escapeLike(f.orgPath)}%`);
  return q;
}

export async function listFollowUps(db: Db, tenantId: number, view: ContactView, f: FollowUpFilter, page: { limit: number; offset: number }) {
  const total = await countUpTo(db, followUpBase(db, tenantId, view, f).select('f.id'));
  const rows = await followUpBase(db, tenantId, view, f)
    .select(['f.id', 'f.visit_id', 'f.text', 'f.owner_user_id', 'ou.name as owner_name', 'f.due_on', 'f.status', 'f.done_on', 'f.done_note', 'f.version', 'v.visited_on', 'v.point_id', 'p.user_id as leader_user_id', 'lu.name as leader_name', 'p.org_id', 'o.name as org_name', 'o.path as org_path'])
    // Open ones first, the most urgent on top; then the done ones, the latest first.
    .orderBy(sql`f.status = 'done'`)
    .orderBy(sql`case when f.status = 'open' then f.due_on end`)
    .orderBy('f.done_on', 'desc')
    .orderBy('f.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const items: FollowUpListRow[] = rows.map((r) => ({
    id: r.id,
    visitId: r.visit_id,
    text: r.text,
    ownerUserId: r.owner_user_id,
    ownerName: r.owner_name,
    dueOn: r.due_on,
    status: r.status,
    doneOn: r.done_on,
    doneNote: r.done_note,
    version: r.version,
    visitedOn: r.visited_on,
    pointId: r.point_id,
    leaderUserId: r.leader_user_id,
    leaderName: r.leader_name,
    orgId: r.org_id,
    orgName: r.org_name,
    orgPath: r.org_path,
  }));
  return { items, total };
}

/** Open follow-ups due between two days (inclusive), for the reminder digest. */
export async function openFollowUpsDue(db: Db, tenantId: number, from: string, to: string) {
  return db
    .selectFrom('contact_followups as f')
    .innerJoin('contact_visits as v', (j) => j.onRef('v.tenant_id', '=', 'f.tenant_id').onRef('v.id', '=', 'f.visit_id'))
    .innerJoin('contact_points as p', (j) => j.onRef('p.tenant_id', '=', 'v.tenant_id').onRef('p.id', '=', 'v.point_id'))
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'p.tenant_id').onRef('o.id', '=', 'p.org_id'))
    .innerJoin('users as lu', (j) => j.onRef('lu.tenant_id', '=', 'p.tenant_id').onRef('lu.id', '=', 'p.user_id'))
    .innerJoin('users as ou', (j) => j.onRef('ou.tenant_id', '=', 'f.tenant_id').onRef('ou.id', '=', 'f.owner_user_id'))
    .select(['f.id', 'f.visit_id', 'f.text', 'f.owner_user_id', 'ou.name as owner_name', 'f.due_on', 'v.visited_on', 'lu.name as leader_name', 'p.org_id', 'o.name as org_name'])
    .where('f.tenant_id', '=', tenantId)
    .where('f.status', '=', 'open')
    .where('f.due_on', '>=', from)
    .where('f.due_on', '<=', to)
    .orderBy('f.due_on')
    .orderBy('f.id')
    .execute();
}
