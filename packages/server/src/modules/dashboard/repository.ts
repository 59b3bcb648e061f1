/**
 * The dashboard's figures, read from the orgs and members tables within the caller's scope
 * (lib/scope.ts subtree): the dashboard owns these reads; it writes nothing.
 */
import type { DataScope, MeetingKind } from '@hongyi/core';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { subtree } from '../../lib/scope.js';

/**
 * Organisations in force on a day by type: set up by then (or with no date recorded) and not
 * dissolved by then. The dashboard asks for today; a unit's summary for a past day (the
 * commission's trend) gets the orgs as they stood on it.
 */
export async function orgCountsByType(db: Kysely<DB>, tenantId: number, scope: DataScope, on: string) {
  const rows = await db
    .selectFrom('orgs as o')
    .select(['o.type', sql<number>`count(*)`.as('n')])
    .where('o.tenant_id', '=', tenantId)
    .where((eb) => eb.or([eb('o.dissolved_on', 'is', null), eb('o.dissolved_on', '>', on)]))
    .where((eb) => eb.or([eb('o.established_on', 'is', null), eb('o.established_on', '<=', on)]))
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

/**
 * Active members by their category on a day: those who had joined (入党) by then, full from the
 * day they became full (转正), probationary before it. Like the roster on a date (orglife
 * rosterOn), members who have since left carry no end date and are not counted.
 */
export async function memberCountsByCategory(db: Kysely<DB>, tenantId: number, scope: DataScope, on: string) {
  const row = await activeMembers(db, tenantId, scope)
    .where((eb) => eb.or([eb('m.joined_on', 'is', null), eb('m.joined_on', '<=', on)]))
    .select([
      sql<number>`count(*) filter (where m.category = 'full' and (m.full_on is null or m.full_on <= ${on}::date))`.as('full'),
      sql<number>`count(*)`.as('all'),
    ])
    .executeTakeFirstOrThrow();
  const full = Number(row.full);
  return [
    { category: 'full' as const, count: full },
    { category: 'probationary' as const, count: Number(row.all) - full },
  ];
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
