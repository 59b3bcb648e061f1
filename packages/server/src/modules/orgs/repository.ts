import type { DataScope } from '@hongyi/core';
import { type Kysely, type Transaction, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { scopeCondition } from '../../lib/scope.js';

/** Orgs the scope reaches, in tree order. A member (self scope) sees their own branch. */
export async function orgsVisible(db: Kysely<DB>, tenantId: number, scope: DataScope, memberId: number | null) {
  let query = db
    .selectFrom('orgs as o')
    .select(['o.id', 'o.parent_id', 'o.type', 'o.name', 'o.path', 'o.depth', 'o.sort'])
    .where('o.tenant_id', '=', tenantId)
    .where('o.dissolved_on', 'is', null);
  if (scope.kind === 'self') {
    const own = memberId
      ? await db.selectFrom('members').select('org_id').where('tenant_id', '=', tenantId).where('id', '=', memberId).executeTakeFirst()
      : undefined;
    if (!own) return [];
    query = query.where('o.id', '=', own.org_id);
  } else {
    query = query.where(scopeCondition(scope, 'o.path'));
  }
  return query.orderBy('o.depth').orderBy('o.sort').orderBy('o.id').execute();
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

/**
 * Departments the scope reaches, each with the branches on it that the scope reaches. The whole
 * unit's for tenant-wide roles; for a branch secretary the departments their branches are built
 * on or their members work in; for a member those of their own branch and their own.
 */
export async function departmentsVisible(db: Kysely<DB>, tenantId: number, scope: DataScope, memberId: number | null) {
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
