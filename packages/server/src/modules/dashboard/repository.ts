/**
 * The dashboard's figures, read from the orgs and members tables within the caller's scope
 * (lib/scope.ts subtree): the dashboard owns these reads; it writes nothing.
 */
import type { DataScope, MeetingKind } from '@hongyi/core';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { subtree } from '../../lib/scope.js';

/** Organisations in force (not dissolved) by type. */
export async function orgCountsByType(db: Kysely<DB>, tenantId: number, scope: DataScope) {
  const rows = await db
    .selectFrom('orgs as o')
    .select(['o.type', sql<number>`count(*)`.as('n')])
    .where('o.tenant_id', '=', tenantId)
    .where('o.dissolved_on', 'is', null)
    .where(subtree(scope, 'o.path'))
    .groupBy('o.type')
    .execute();
  return rows.map((r) => ({ type: r.type, count: Number(r.n) }));
}

function activeMembers(db: Kysely<DB>, tenantId: number, scope: DataScope) {
  return db
    .selectFrom('members as m')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'm.tenant_id').onRef('o.id', '=', 'm.org_id'))
    .where('m.tenant_id', '=', tenantId)
    .where('m.status', '=', 'active')
    .where(subtree(scope, 'o.path', 'm.id'));
}

/** Active members by category (full, probationary). */
export async function memberCountsByCategory(db: Kysely<DB>, tenantId: number, scope: DataScope) {
  const rows = await activeMembers(db, tenantId, scope).select(['m.category', sql<number>`count(*)`.as('n')]).groupBy('m.category').execute();
  return rows.map((r) => ({ category: r.category, count: Number(r.n) }));
}

/** Active members by education, the most common first ('未填写' where none is recorded). */
export async function membersByEducation(db: Kysely<DB>, tenantId: number, scope: DataScope) {
  const rows = await activeMembers(db, tenantId, scope)
    .select([sql<string>`coalesce(m.education, '未填写')`.as('name'), sql<number>`count(*)`.as('value')])
    .groupBy(sql`coalesce(m.education, '未填写')`)
    .orderBy(sql`count(*)`, 'desc')
    .execute();
  return rows.map((r) => ({ name: r.name, value: Number(r.value) }));
}

/**
 * The next meeting planned in the yearly plan of a member's own branch (today or later): what a
 * member's home shows. The member's branch is where they are, not a scope to check.
 */
export async function nextPlannedMeeting(db: Kysely<DB>, tenantId: number, memberId: number, today: string) {
  const row = await db
    .selectFrom('orglife_plan_items as p')
    .innerJoin('members as m', (j) => j.onRef('m.tenant_id', '=', 'p.tenant_id').onRef('m.org_id', '=', 'p.org_id'))
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'p.tenant_id').onRef('o.id', '=', 'p.org_id'))
    .select(['p.id', 'p.kind', 'p.planned_on', 'p.title', 'o.name as org_name'])
    .where('p.tenant_id', '=', tenantId)
    .where('m.id', '=', memberId)
    .where('p.planned_on', '>=', today)
    .orderBy('p.planned_on')
    .orderBy('p.id')
    .limit(1)
    .executeTakeFirst();
  return row ? { id: Number(row.id), kind: row.kind as MeetingKind, plannedOn: String(row.planned_on).slice(0, 10), title: row.title, orgName: row.org_name } : null;
}

/** The campus (院区) of each org, by its own campus: for the overview's figures by campus. */
export async function campusOfOrgs(db: Kysely<DB>, tenantId: number, orgIds: readonly number[]): Promise<Map<number, string>> {
  if (orgIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('orgs as o')
    .innerJoin('campuses as c', (j) => j.onRef('c.tenant_id', '=', 'o.tenant_id').onRef('c.id', '=', 'o.campus_id'))
    .select(['o.id', 'c.name'])
    .where('o.tenant_id', '=', tenantId)
    .where('o.id', 'in', [...orgIds])
    .execute();
  return new Map(rows.map((r) => [Number(r.id), r.name]));
}
