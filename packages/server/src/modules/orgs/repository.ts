/**
 * Every query of the orgs area (the org tree, its lifecycle, committees and elections,
 * departments). Each function takes the database or the caller's transaction.
 */
import type { DataScope } from '@hongyi/core';
import { type Kysely, type Transaction, sql } from 'kysely';
import type { CommitteePost, DB, DepartmentKind, OrgType } from '../../db/schema.js';
import { replaceOwnedRows } from '../../db/owned.js';
import { updateVersioned } from '../../db/versioned.js';
import { inIds, subtree } from '../../lib/scope.js';

type Db = Kysely<DB> | Transaction<DB>;

// ---------------------------------------------------------------------------------------
// Orgs

export async function orgById(db: Db, tenantId: number, id: number) {
  return db.selectFrom('orgs').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}
export type OrgRow = NonNullable<Awaited<ReturnType<typeof orgById>>>;

/** The org holding a member's record (a member's own branch). */
export async function memberOrgId(db: Db, tenantId: number, memberId: number | null): Promise<number | null> {
  if (memberId === null) return null;
  const row = await db.selectFrom('members').select('org_id').where('tenant_id', '=', tenantId).where('id', '=', memberId).executeTakeFirst();
  return row?.org_id ?? null;
}

/** Orgs the scope reaches, in tree order. A member (self scope) sees their own branch. */
export async function orgsVisible(db: Db, tenantId: number, scope: DataScope, memberId: number | null) {
  let query = db
    .selectFrom('orgs as o')
    .select(['o.id', 'o.parent_id', 'o.type', 'o.name', 'o.path', 'o.depth', 'o.sort'])
    .where('o.tenant_id', '=', tenantId)
    .where('o.dissolved_on', 'is', null);
  if (scope.kind === 'self') {
    const own = await memberOrgId(db, tenantId, memberId);
    if (own === null) return [];
    query = query.where('o.id', '=', own);
  } else {
    query = query.where(subtree(scope, 'o.path'));
  }
  return query.orderBy('o.depth').orderBy('o.sort').orderBy('o.id').execute();
}

/** Active members per org and per party group (a group's members are also counted in their branch's org_id). */
export async function activeMemberCounts(db: Db, tenantId: number) {
  const rows = await db
    .selectFrom('members')
    .select(['org_id', 'party_group_id', sql<number>`count(*)`.as('n'), sql<number>`count(*) filter (where category = 'full')`.as('full')])
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'active')
    .groupBy(['org_id', 'party_group_id'])
    .execute();
  return rows.map((r) => ({ orgId: r.org_id, partyGroupId: r.party_group_id, count: Number(r.n), full: Number(r.full) }));
}

export async function parentName(db: Db, tenantId: number, parentId: number | null): Promise<string | null> {
  if (parentId === null) return null;
  const row = await db.selectFrom('orgs').select('name').where('tenant_id', '=', tenantId).where('id', '=', parentId).executeTakeFirst();
  return row?.name ?? null;
}

export async function campusName(db: Db, tenantId: number, campusId: number | null): Promise<string | null> {
  if (campusId === null) return null;
  const row = await db.selectFrom('campuses').select('name').where('tenant_id', '=', tenantId).where('id', '=', campusId).executeTakeFirst();
  return row?.name ?? null;
}

export async function orgDepartments(db: Db, tenantId: number, orgId: number) {
  return db
    .selectFrom('org_departments as od')
    .innerJoin('departments as d', (j) => j.onRef('d.tenant_id', '=', 'od.tenant_id').onRef('d.id', '=', 'od.department_id'))
    .select(['d.id', 'd.name', 'd.kind', 'd.is_teaching_office', 'd.trinity'])
    .where('od.tenant_id', '=', tenantId)
    .where('od.org_id', '=', orgId)
    .execute();
}

/** Committee seats in order (of one org, or of one post in every org), with what 双带头人 looks at of each holder. */
export async function seatHolders(db: Db, tenantId: number, filter: { orgId?: number; post?: CommitteePost }) {
  let q = db
    .selectFrom('org_committee_seats as s')
    .leftJoin('members as m', (j) => j.onRef('m.tenant_id', '=', 's.tenant_id').onRef('m.id', '=', 's.member_id'))
    .select(['s.id', 's.org_id', 's.post', 's.member_id', 's.started_on', 'm.name', 'm.title', 'm.post as job_post', 'm.academic_leader'])
    .where('s.tenant_id', '=', tenantId);
  if (filter.orgId !== undefined) q = q.where('s.org_id', '=', filter.orgId);
  if (filter.post !== undefined) q = q.where('s.post', '=', filter.post);
  return q.orderBy('s.sort').orderBy('s.id').execute();
}

export async function electionsOf(db: Db, tenantId: number, orgId: number) {
  return db.selectFrom('org_elections').selectAll().where('tenant_id', '=', tenantId).where('org_id', '=', orgId).orderBy('held_on', 'desc').orderBy('id', 'desc').execute();
}

export async function eventsOf(db: Db, tenantId: number, orgId: number) {
  return db.selectFrom('org_events').selectAll().where('tenant_id', '=', tenantId).where('org_id', '=', orgId).orderBy('id', 'desc').execute();
}

export async function activeChildren(db: Db, tenantId: number, orgId: number) {
  return db
    .selectFrom('orgs')
    .select(['id', 'name', 'type', 'path', 'depth'])
    .where('tenant_id', '=', tenantId)
    .where('parent_id', '=', orgId)
    .where('dissolved_on', 'is', null)
    .orderBy('sort')
    .orderBy('id')
    .execute();
}

// ---------------------------------------------------------------------------------------
// Term and committee facts (orgFacts in service.ts)

/** Live orgs within the scope, in path order. */
export async function liveOrgs(db: Db, tenantId: number, scope: DataScope) {
  return db
    .selectFrom('orgs as o')
    .select(['o.id', 'o.name', 'o.type', 'o.path', 'o.parent_id', 'o.ends_on', 'o.term_years', 'o.term_delayed_until'])
    .where('o.tenant_id', '=', tenantId)
    .where('o.dissolved_on', 'is', null)
    .where(subtree(scope, 'o.path'))
    .orderBy('o.path')
    .execute();
}

/** Seats, vacancies and ordinary members (not 书记/副书记) of each org's committee. */
export async function seatCounts(db: Db, tenantId: number) {
  const rows = await db
    .selectFrom('org_committee_seats')
    .select(['org_id', sql<number>`count(*)`.as('n'), sql<number>`count(*) filter (where member_id is null)`.as('vacant'), sql<number>`count(*) filter (where post not in ('secretary', 'deputy_secretary'))`.as('members')])
    .where('tenant_id', '=', tenantId)
    .groupBy('org_id')
    .execute();
  return rows.map((r) => ({ orgId: r.org_id, seats: Number(r.n), vacant: Number(r.vacant), members: Number(r.members) }));
}

/** Each org's latest election (date and term). */
export async function latestElections(db: Db, tenantId: number): Promise<Map<number, { held_on: string; term_years: number }>> {
  const rows = await db.selectFrom('org_elections').select(['org_id', 'held_on', 'term_years']).where('tenant_id', '=', tenantId).orderBy('held_on', 'desc').orderBy('id', 'desc').execute();
  const latest = new Map<number, { held_on: string; term_years: number }>();
  for (const e of rows) if (!latest.has(e.org_id)) latest.set(e.org_id, e);
  return latest;
}

// ---------------------------------------------------------------------------------------
// Lifecycle writes

export type OrgColumns = Partial<{
  name: string;
  short_name: string;
  campus_id: number | null;
  established_on: string | null;
  ends_on: string | null;
  contact_name: string;
  contact_phone: string;
  unit_situation: 'same_as_parent' | 'legal_entity' | 'joint';
  unit_nature: string;
  term_years: number | null;
  term_delayed_until: string | null;
  sort: number;
}>;

/** Inserts an org under its parent and sets its materialised path. */
export async function insertOrg(trx: Transaction<DB>, tenantId: number, parent: { id: number; path: string; depth: number }, type: OrgType, columns: OrgColumns & { name: string }): Promise<number> {
  const row = await trx
    .insertInto('orgs')
    .values({ tenant_id: tenantId, parent_id: parent.id, type, ...columns, depth: parent.depth + 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.updateTable('orgs').set({ path: `${parent.path}${row.id}/` }).where('tenant_id', '=', tenantId).where('id', '=', row.id).execute();
  return row.id;
}

/** Updates an org over the version read; false when someone else saved first. */
export async function updateOrgVersioned(trx: Transaction<DB>, tenantId: number, id: number, version: number, set: OrgColumns & { parent_id?: number }): Promise<boolean> {
  return updateVersioned(trx, 'orgs', tenantId, id, version, set);
}

export async function departmentIdsFound(trx: Transaction<DB>, tenantId: number, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await trx.selectFrom('departments').select('id').where('tenant_id', '=', tenantId).where(inIds('id', ids)).execute();
  return new Set(rows.map((r) => r.id));
}

export async function replaceOrgDepartments(trx: Transaction<DB>, tenantId: number, orgId: number, departmentIds: readonly number[]): Promise<void> {
  await replaceOwnedRows(trx, 'org_departments', tenantId, 'org_id', orgId, [...new Set(departmentIds)].map((d) => ({ department_id: d })));
}

export async function insertOrgEvent(trx: Transaction<DB>, tenantId: number, orgId: number, kind: 'create' | 'update' | 'move' | 'merge' | 'dissolve', onDate: string, detail: unknown, username: string): Promise<void> {
  await trx.insertInto('org_events').values({ tenant_id: tenantId, org_id: orgId, kind, on_date: onDate, detail: JSON.stringify(detail), username }).execute();
}

/** Rewrites the materialised paths and depths of an org's subtree after a move. */
export async function rebuildPaths(trx: Transaction<DB>, tenantId: number, oldPath: string, newPath: string, depthDelta: number): Promise<void> {
  await sql`
    update orgs set path = ${newPath} || substr(path, ${oldPath.length + 1}), depth = depth + ${depthDelta}, updated_at = now()
    where tenant_id = ${tenantId} and path like ${`${oldPath}%`}`.execute(trx);
}

/** Moves a child org under a new parent (paths rebuilt for its subtree). */
export async function reparent(trx: Transaction<DB>, tenantId: number, child: { id: number; path: string; depth: number }, parent: { id: number; path: string; depth: number }): Promise<void> {
  await trx.updateTable('orgs').set({ parent_id: parent.id }).where('tenant_id', '=', tenantId).where('id', '=', child.id).execute();
  await rebuildPaths(trx, tenantId, child.path, `${parent.path}${child.id}/`, parent.depth + 1 - child.depth);
}

/** Members whose record is held by the org, or who are in it as a party group. */
export async function membersOfOrgOrGroup(trx: Transaction<DB>, tenantId: number, orgId: number) {
  return trx
    .selectFrom('members')
    .select(['id', 'org_id', 'party_group_id'])
    .where('tenant_id', '=', tenantId)
    .where((eb) => eb.or([eb('org_id', '=', orgId), eb('party_group_id', '=', orgId)]))
    .execute();
}

/** Moves a member's record to another org from a date: the branch history closes the old period and opens the new one. */
export async function moveMemberRecord(trx: Transaction<DB>, tenantId: number, memberId: number, toOrgId: number, onDate: string): Promise<void> {
  await trx.updateTable('members').set({ org_id: toOrgId, party_group_id: null, version: sql`version + 1`, updated_at: new Date() }).where('tenant_id', '=', tenantId).where('id', '=', memberId).execute();
  await trx.updateTable('member_org_periods').set({ to_on: onDate }).where('tenant_id', '=', tenantId).where('member_id', '=', memberId).where('to_on', 'is', null).execute();
  await trx.insertInto('member_org_periods').values({ tenant_id: tenantId, member_id: memberId, org_id: toOrgId, from_on: onDate }).execute();
}

export async function setMemberPartyGroup(trx: Transaction<DB>, tenantId: number, memberId: number, partyGroupId: number | null): Promise<void> {
  await trx.updateTable('members').set({ party_group_id: partyGroupId }).where('tenant_id', '=', tenantId).where('id', '=', memberId).execute();
}

export async function vacateSeats(trx: Transaction<DB>, tenantId: number, orgId: number): Promise<void> {
  await trx.updateTable('org_committee_seats').set({ member_id: null }).where('tenant_id', '=', tenantId).where('org_id', '=', orgId).execute();
}

export async function markDissolved(trx: Transaction<DB>, tenantId: number, orgId: number, onDate: string, mergedIntoId: number | null): Promise<void> {
  await trx.updateTable('orgs').set({ dissolved_on: onDate, merged_into_id: mergedIntoId, version: sql`version + 1`, updated_at: new Date() }).where('tenant_id', '=', tenantId).where('id', '=', orgId).execute();
}

// ---------------------------------------------------------------------------------------
// Committees and elections

/** The members named for seats, with the path of the org holding their record. */
export async function seatCandidates(trx: Transaction<DB>, tenantId: number, memberIds: readonly number[]) {
  if (memberIds.length === 0) return [];
  return trx
    .selectFrom('members as m')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'm.tenant_id').onRef('o.id', '=', 'm.org_id'))
    .select(['m.id', 'm.name', 'o.path', 'm.status'])
    .where('m.tenant_id', '=', tenantId)
    .where(inIds('m.id', memberIds))
    .execute();
}

/** Replaces the committee's seats; returns those it held before. */
export async function replaceSeats(trx: Transaction<DB>, tenantId: number, orgId: number, seats: readonly { post: CommitteePost; memberId: number | null; startedOn?: string | null }[]) {
  const before = await trx.selectFrom('org_committee_seats').select(['post', 'member_id', 'started_on']).where('tenant_id', '=', tenantId).where('org_id', '=', orgId).orderBy('sort').execute();
  await trx.deleteFrom('org_committee_seats').where('tenant_id', '=', tenantId).where('org_id', '=', orgId).execute();
  if (seats.length) {
    await trx
      .insertInto('org_committee_seats')
      .values(seats.map((s, sort) => ({ tenant_id: tenantId, org_id: orgId, post: s.post, member_id: s.memberId, started_on: s.startedOn ?? null, sort })))
      .execute();
  }
  return before;
}

/** The unit's orgs in id order, with their founding date (the first term's start). */
export async function orgsWithFounding(db: Db, tenantId: number) {
  return db.selectFrom('orgs').select(['id', 'name', 'type', 'established_on']).where('tenant_id', '=', tenantId).orderBy('id').execute();
}

/** Seats of many committees at once (a unit's committees as first recorded), 500 per statement. */
export async function insertSeats(trx: Transaction<DB>, tenantId: number, seats: readonly { org_id: number; post: CommitteePost; member_id: number | null; started_on: string | null; sort: number }[]): Promise<void> {
  for (let i = 0; i < seats.length; i += 500) await trx.insertInto('org_committee_seats').values(seats.slice(i, i + 500).map((s) => ({ tenant_id: tenantId, ...s }))).execute();
}

/** The latest elections of many orgs at once (a unit's terms as first recorded), 500 per statement. */
export async function insertElections(
  trx: Transaction<DB>,
  actor: { tenantId: number; username: string },
  elections: readonly { org_id: number; held_on: string; term_years: number; voters_due: number; voters_present: number; results: string }[],
): Promise<void> {
  for (let i = 0; i < elections.length; i += 500) {
    await trx.insertInto('org_elections').values(elections.slice(i, i + 500).map((e) => ({ tenant_id: actor.tenantId, ...e, username: actor.username }))).execute();
  }
}

/** Inserts an election; the new term clears an approved delay of the old one and restarts the committee's seats. */
export async function insertElection(
  trx: Transaction<DB>,
  actor: { tenantId: number; username: string },
  orgId: number,
  e: { heldOn: string; termYears: number; votersDue: number; votersPresent: number; results: string; notes: string; excluded: unknown[]; candidates: unknown[] },
): Promise<number> {
  const row = await trx
    .insertInto('org_elections')
    .values({
      tenant_id: actor.tenantId,
      org_id: orgId,
      held_on: e.heldOn,
      term_years: e.termYears,
      voters_due: e.votersDue,
      voters_present: e.votersPresent,
      results: e.results,
      notes: e.notes,
      excluded: JSON.stringify(e.excluded),
      candidates: JSON.stringify(e.candidates),
      username: actor.username,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.updateTable('orgs').set({ term_delayed_until: null }).where('tenant_id', '=', actor.tenantId).where('id', '=', orgId).execute();
  await trx.updateTable('org_committee_seats').set({ started_on: e.heldOn }).where('tenant_id', '=', actor.tenantId).where('org_id', '=', orgId).execute();
  return row.id;
}

// ---------------------------------------------------------------------------------------
// 双带头人

/** The department kinds each org is built on. */
export async function departmentKindsByOrg(db: Db, tenantId: number) {
  return db
    .selectFrom('org_departments as od')
    .innerJoin('departments as d', (j) => j.onRef('d.tenant_id', '=', 'od.tenant_id').onRef('d.id', '=', 'od.department_id'))
    .select(['od.org_id', 'd.kind'])
    .where('od.tenant_id', '=', tenantId)
    .execute();
}

// ---------------------------------------------------------------------------------------
// Departments

/**
 * Departments the scope reaches, each with the branches on it that the scope reaches. The whole
 * unit's for tenant-wide roles; for a branch secretary the departments their branches are built
 * on or their members work in; for a member those of their own branch and their own.
 */
export async function departmentsVisible(db: Db, tenantId: number, scope: DataScope, memberId: number | null) {
  const orgs = scope.kind === 'tenant' ? null : await orgsVisible(db, tenantId, scope, memberId);
  const orgIds = orgs?.filter((o) => o.type !== 'party_group').map((o) => o.id) ?? null;
  let deps = db.selectFrom('departments as d').selectAll('d').where('d.tenant_id', '=', tenantId);
  let links = db
    .selectFrom('org_departments as od')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'od.tenant_id').onRef('o.id', '=', 'od.org_id'))
    .select(['od.department_id', 'o.id', 'o.name'])
    .where('od.tenant_id', '=', tenantId)
    .where('o.dissolved_on', 'is', null);
  if (orgIds !== null) {
    const ids = orgIds.length > 0 ? orgIds : [0];
    links = links.where('o.id', 'in', ids);
    deps = deps.where((eb) =>
      eb.or([
        eb.exists(eb.selectFrom('org_departments as x').select(sql`1`.as('one')).where('x.tenant_id', '=', tenantId).whereRef('x.department_id', '=', 'd.id').where('x.org_id', 'in', ids)),
        eb.exists(
          (scope.kind === 'self'
            ? eb.selectFrom('members as m').where('m.id', '=', memberId ?? 0)
            : eb.selectFrom('members as m').where('m.org_id', 'in', ids).where('m.status', '=', 'active')
          )
            .select(sql`1`.as('one'))
            .where('m.tenant_id', '=', tenantId)
            .whereRef('m.department_id', '=', 'd.id'),
        ),
      ]),
    );
  }
  const [departments, branchLinks, campuses] = await Promise.all([
    deps.orderBy('d.sort').orderBy('d.id').execute(),
    links.execute(),
    db.selectFrom('campuses').select(['id', 'name']).where('tenant_id', '=', tenantId).orderBy('sort').execute(),
  ]);
  return { departments, links: branchLinks, campuses };
}

export async function departmentById(db: Db, tenantId: number, id: number) {
  return db.selectFrom('departments').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export async function setDepartmentTrinity(trx: Transaction<DB>, tenantId: number, id: number, trinity: boolean): Promise<void> {
  await trx.updateTable('departments').set({ trinity }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

// ---------------------------------------------------------------------------------------
// A unit's structure written at once (campuses, departments, the org tree): the demo's load

/** Inserts campuses; returns their ids by name. */
export async function insertCampuses(trx: Transaction<DB>, tenantId: number, campuses: ReadonlyArray<{ name: string; address: string; sort: number }>) {
  if (campuses.length === 0) return [];
  return trx.insertInto('campuses').values(campuses.map((c) => ({ tenant_id: tenantId, ...c }))).returning(['id', 'name']).execute();
}

/** Inserts departments; returns their ids by name. */
export async function insertDepartments(
  trx: Transaction<DB>,
  tenantId: number,
  departments: ReadonlyArray<{ name: string; kind: DepartmentKind; campus_id: number | null; is_teaching_office: boolean; trinity: boolean; sort: number }>,
) {
  if (departments.length === 0) return [];
  return trx.insertInto('departments').values(departments.map((d) => ({ tenant_id: tenantId, ...d }))).returning(['id', 'name']).execute();
}

/** Draws `n` org ids from the identity sequence (a tree written at once knows each path before its insert). */
export async function drawOrgIds(trx: Transaction<DB>, n: number): Promise<number[]> {
  const { rows } = await sql<{ id: number | string }>`select nextval(pg_get_serial_sequence('orgs', 'id')) as id from generate_series(1, ${n})`.execute(trx);
  return rows.map((r) => {
    const id = Number(r.id);
    if (!Number.isSafeInteger(id)) throw new Error('could not draw org ids');
    return id;
  });
}

export interface OrgWithId {
  id: number;
  parent_id: number | null;
  type: OrgType;
  name: string;
  short_name: string;
  path: string;
  depth: number;
  sort: number;
  campus_id: number | null;
  established_on: string | null;
  ends_on: string | null;
}

/** Inserts a whole org tree with drawn ids and paths (parents first), in one statement. */
export async function insertOrgTree(trx: Transaction<DB>, tenantId: number, orgs: readonly OrgWithId[]): Promise<void> {
  if (orgs.length > 0) await trx.insertInto('orgs').values(orgs.map((o) => ({ tenant_id: tenantId, ...o }))).execute();
}

/** Binds orgs to the departments they are built on, many at once. */
export async function insertOrgDepartments(trx: Transaction<DB>, tenantId: number, bindings: ReadonlyArray<{ org_id: number; department_id: number }>): Promise<void> {
  if (bindings.length > 0) await trx.insertInto('org_departments').values(bindings.map((b) => ({ tenant_id: tenantId, ...b }))).execute();
}
