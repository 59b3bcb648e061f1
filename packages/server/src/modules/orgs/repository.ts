import type { DataScope } from '@hongyi/core';
import type { Kysely, Transaction } from 'kysely';
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
