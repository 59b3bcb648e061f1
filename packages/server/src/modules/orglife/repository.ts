/**
 * Queries of organisational life that other modules reuse. (The module's other queries still sit
 * in service.ts and routes.ts until the module-shape refactor moves them here.)
 */
import { type VoterFacts, type VotingEntitlement, type VotingExclusion, compareDates, votingEntitlement } from '@hongyi/core';
import { type Kysely, type Transaction, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { escapeLike, inIds } from '../../lib/scope.js';
export { memberWithPath } from '../../lib/repository-orgs.js';

type Db = Kysely<DB> | Transaction<DB>;

export interface RosterMember extends VoterFacts {
  id: number;
  name: string;
  /** For search by what people type ('zhangsan', 'zs'). */
  namePinyin: string;
  nameInitials: string;
  /** The member's branch on the date (within the org asked for). */
  orgId: number;
  partyGroupId: number | null;
  /** Category on the date: a member full today who became full after it was probationary then. */
  categoryOn: 'full' | 'probationary';
  /** Exclusions covering the date (core VotingExclusion, with the row's id). */
  exclusions: Array<VotingExclusion & { id: number; reason: string; approvedBy: string }>;
  entitlement: VotingEntitlement;
}

/**
 * The roster of an org on a date (应到): the members who belonged to it (or to an org below it)
 * that day, each with whether they were entitled to vote then (core `votingEntitlement`).
 *
 * Belonging is read from the membership periods (member_org_periods: a period covers
 * from_on ≤ date < to_on), so a member who moved in after the date is not on it and one who moved
 * out after it still is; a member with no period recorded counts by their current branch. Members
 * who died, left or were expelled have no end date recorded here and are not on any roster; a
 * member who joined (入党) after the date is not either. A party group's roster is the members of
 * its branch on the date who are in the group (group history is not kept). A temporary branch
 * holds no membership (rules.md), so its roster is empty: its meetings list who came.
 *
 * The caller checks the org is in the user's scope. Used by organisational life (attendance and
 * the 党员大会 quorum) and by 换届 elections (more than 4/5 of those entitled present).
 */
export async function rosterOn(db: Db, tenantId: number, orgId: number, date: string): Promise<RosterMember[]> {
  const org = await db.selectFrom('orgs').select(['id', 'type', 'path', 'parent_id']).where('tenant_id', '=', tenantId).where('id', '=', orgId).executeTakeFirst();
  if (!org || org.type === 'temporary_branch') return [];
  let prefix = org.path;
  if (org.type === 'party_group') {
    const branch = org.parent_id === null ? null : await db.selectFrom('orgs').select('path').where('tenant_id', '=', tenantId).where('id', '=', org.parent_id).executeTakeFirst();
    if (!branch) return [];
    prefix = branch.path;
  }
  const like = `${escapeLike(prefix)}%`;
  const rows = await sql<MemberRow>`
    with scope_orgs as materialized (
      select id from orgs where tenant_id = ${tenantId} and path like ${like}
    ),
    in_period as (
      select p.member_id, p.org_id, p.to_on from member_org_periods p
      where p.tenant_id = ${tenantId} and p.org_id in (select id from scope_orgs)
        and p.from_on <= ${date}::date and (p.to_on is null or p.to_on > ${date}::date)
    )
    select m.id, m.name, m.name_pinyin, m.name_initials, m.category, m.full_on::text as full_on, m.party_group_id, coalesce(ip.org_id, m.org_id) as org_id
    from members m
    left join lateral (select i.org_id from in_period i where i.member_id = m.id and (m.status = 'active' or i.to_on is not null) limit 1) ip on true
    where m.tenant_id = ${tenantId}
      and m.id in (select member_id from in_period union select id from members where tenant_id = ${tenantId} and org_id in (select id from scope_orgs))
      and (m.joined_on is null or m.joined_on <= ${date}::date)
      and (ip.org_id is not null
        or (m.status = 'active' and m.org_id in (select id from scope_orgs)
          and not exists (select 1 from member_org_periods q where q.tenant_id = m.tenant_id and q.member_id = m.id)))
    order by m.party_group_id nulls first, m.name_sort, m.id`.execute(db);
  const members = org.type === 'party_group' ? rows.rows.filter((m) => Number(m.party_group_id) === org.id) : rows.rows;
  return withEntitlement(db, tenantId, members, date);
}

/**
 * Members by id as they stood on a date, whatever their branch (a temporary branch's meeting is
 * attended by members of other branches): active members who had joined by then. Ids not found
 * are left out.
 */
export async function membersOn(db: Db, tenantId: number, ids: readonly number[], date: string): Promise<RosterMember[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('members')
    .select(['id', 'name', 'name_pinyin', 'name_initials', 'category', 'full_on', 'party_group_id', 'org_id'])
    .where('tenant_id', '=', tenantId)
    .where(inIds('id', ids))
    .where('status', '=', 'active')
    .where((eb) => eb.or([eb('joined_on', 'is', null), eb('joined_on', '<=', date)]))
    .orderBy('name_sort')
    .orderBy('id')
    .execute();
  return withEntitlement(db, tenantId, rows, date);
}

type MemberRow = { id: number; name: string; name_pinyin: string; name_initials: string; category: 'full' | 'probationary'; full_on: string | null; party_group_id: number | null; org_id: number };

/** Adds the exclusions covering the date and the entitlement they give (core votingEntitlement). */
async function withEntitlement(db: Db, tenantId: number, members: readonly MemberRow[], date: string): Promise<RosterMember[]> {
  const ids = members.map((m) => Number(m.id));
  const exclusions =
    ids.length === 0
      ? []
      : await db
          .selectFrom('member_voting_exclusions')
          .select(['id', 'member_id', 'kind', 'from_on', 'to_on', 'reason', 'approval_ref', 'approved_on', 'approved_by'])
          .where('tenant_id', '=', tenantId)
          .where(inIds('member_id', ids))
          .where('from_on', '<=', date)
          .where((eb) => eb.or([eb('to_on', 'is', null), eb('to_on', '>=', date)]))
          .orderBy('from_on')
          .orderBy('id')
          .execute();
  const byMember = new Map<number, RosterMember['exclusions']>();
  for (const e of exclusions) {
    const list = byMember.get(Number(e.member_id)) ?? byMember.set(Number(e.member_id), []).get(Number(e.member_id))!;
    list.push({ id: Number(e.id), kind: e.kind, fromOn: e.from_on, toOn: e.to_on, approvalRef: e.approval_ref, approvedOn: e.approved_on, reason: e.reason, approvedBy: e.approved_by });
  }
  return members.map((m) => {
    const facts = { category: m.category, fullOn: m.full_on, exclusions: byMember.get(Number(m.id)) ?? [] };
    return {
      id: Number(m.id),
      name: m.name,
      namePinyin: m.name_pinyin,
      nameInitials: m.name_initials,
      orgId: Number(m.org_id),
      partyGroupId: m.party_group_id === null ? null : Number(m.party_group_id),
      ...facts,
      categoryOn: m.category === 'full' && (m.full_on === null || compareDates(m.full_on, date) <= 0) ? 'full' : 'probationary',
      entitlement: votingEntitlement(facts, date),
    };
  });
}

// ---------------------------------------------------------------------------------------
// Recorded exclusions from the vote (member_voting_exclusions)
// ---------------------------------------------------------------------------------------

export function votingExclusionsOf(db: Db, tenantId: number, memberId: number) {
  return db.selectFrom('member_voting_exclusions').selectAll().where('tenant_id', '=', tenantId).where('member_id', '=', memberId).orderBy('from_on', 'desc').orderBy('id', 'desc').execute();
}

export function votingExclusionById(db: Db, tenantId: number, id: number) {
  return db.selectFrom('member_voting_exclusions').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export interface VotingExclusionColumns {
  kind: 'rights_suspended' | 'away_approved';
  from_on: string;
  to_on: string | null;
  reason: string;
  approval_ref: string;
  approved_on: string;
  approved_by: string;
}

export function insertVotingExclusion(trx: Transaction<DB>, tenantId: number, memberId: number, userId: number, values: VotingExclusionColumns) {
  return trx
    .insertInto('member_voting_exclusions')
    .values({ tenant_id: tenantId, member_id: memberId, created_by: userId, ...values })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Updates at the version read; undefined when someone changed it first. */
export function updateVotingExclusion(trx: Transaction<DB>, tenantId: number, id: number, version: number, values: VotingExclusionColumns) {
  return trx
    .updateTable('member_voting_exclusions')
    .set({ ...values, version: version + 1 })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteVotingExclusion(trx: Transaction<DB>, tenantId: number, id: number, version: number): Promise<boolean> {
  const gone = await trx.deleteFrom('member_voting_exclusions').where('tenant_id', '=', tenantId).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(gone.numDeletedRows) > 0;
}

// ---------------------------------------------------------------------------------------
// A unit's orgs and members as meetings are held by them

/** The unit's orgs in tree order, with their life span (a meeting is held while the org exists). */
export function orgsForMeetings(db: Db, tenantId: number) {
  return db.selectFrom('orgs').select(['id', 'name', 'type', 'parent_id', 'established_on', 'ends_on']).where('tenant_id', '=', tenantId).orderBy('path').execute();
}

/**
 * The unit's active members with what a meeting's roster needs (and the ID number's lookup hash,
 * to match a list by number), in the order the table gives them (the demo's year of meetings was
 * drawn in that order; sorting them would draw another year).
 */
export function activeMembersForMeetings(db: Db, tenantId: number) {
  return db.selectFrom('members').select(['id', 'name', 'category', 'party_group_id', 'joined_on', 'org_id', 'id_number_hash']).where('tenant_id', '=', tenantId).where('status', '=', 'active').execute();
}

/** The 党委 中心组: active hospital leaders and heads of functional offices (院长, 书记, 部长), the first `limit` by id. */
export function studyGroupMembers(db: Db, tenantId: number, limit: number) {
  return db
    .selectFrom('members')
    .select(['id', 'name', 'category', 'party_group_id', 'joined_on'])
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'active')
    .where((eb) => eb.or([eb('post', 'like', '%院长%'), eb('post', 'like', '%书记%'), eb('post', 'like', '%部长%')]))
    .orderBy('id')
    .limit(limit)
    .execute();
}
