/** Queries of the yearly plan: its items, the records completing them, and the counts a generated plan starts from. */
import { type Kysely, type Transaction, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { bumpVersioned } from '../../db/versioned.js';
import { escapeLike } from '../../lib/scope.js';

type Db = Kysely<DB> | Transaction<DB>;

export type PlanItemsWhere = { orgId: number; year?: number; from?: string; to?: string } | { id: number };

/** Plan items of an org (a year, a date range, or one item) with the record completing each. */
export function planItemRows(db: Db, tenantId: number, where: PlanItemsWhere) {
  let q = db
    .selectFrom('orglife_plan_items as p')
    .leftJoin('orglife_plan_links as l', (j) => j.onRef('l.tenant_id', '=', 'p.tenant_id').onRef('l.plan_item_id', '=', 'p.id'))
    .leftJoin('orglife_records as r', (j) => j.onRef('r.tenant_id', '=', 'l.tenant_id').onRef('r.id', '=', 'l.record_id'))
    .select(['p.id', 'p.org_id', 'p.year', 'p.kind', 'p.planned_on', 'p.title', 'p.note', 'p.version', 'r.id as record_id', 'r.held_on', 'r.kinds'])
    .where('p.tenant_id', '=', tenantId);
  if ('id' in where) q = q.where('p.id', '=', where.id);
  else {
    q = q.where('p.org_id', '=', where.orgId);
    if (where.year !== undefined) q = q.where('p.year', '=', where.year);
    if (where.from) q = q.where('p.planned_on', '>=', where.from);
    if (where.to) q = q.where('p.planned_on', '<=', where.to);
  }
  return q.orderBy('p.planned_on').orderBy('p.id').execute();
}

export function planItemById(db: Db, tenantId: number, id: number) {
  return db.selectFrom('orglife_plan_items').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}
export type PlanItemRow = NonNullable<Awaited<ReturnType<typeof planItemById>>>;

/** Active full members in an org's subtree (the committee threshold of a generated plan). */
export async function fullMembersUnder(db: Db, tenantId: number, path: string): Promise<number> {
  const row = await db
    .selectFrom('members as m')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'm.tenant_id').onRef('o.id', '=', 'm.org_id'))
    .select(sql<number>`count(*)`.as('n'))
    .where('m.tenant_id', '=', tenantId)
    .where('m.status', '=', 'active')
    .where('m.category', '=', 'full')
    .where('o.path', 'like', `${escapeLike(path)}%`)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function hasPlanOfYear(trx: Transaction<DB>, tenantId: number, orgId: number, year: number): Promise<boolean> {
  const row = await trx.selectFrom('orglife_plan_items').select('id').where('tenant_id', '=', tenantId).where('org_id', '=', orgId).where('year', '=', year).limit(1).executeTakeFirst();
  return row !== undefined;
}

export interface PlanItemColumns {
  org_id: number;
  year: number;
  kind: string;
  planned_on: string;
  title: string;
  note?: string;
}

/** Inserts plan items; returns them with their ids, in the order given. */
export async function insertPlanItems(trx: Transaction<DB>, tenantId: number, items: readonly PlanItemColumns[]): Promise<Array<{ id: number; org_id: number; kind: string; planned_on: string }>> {
  if (items.length === 0) return [];
  // Ids come back in insertion order for a single multi-row INSERT … RETURNING in PostgreSQL.
  return trx
    .insertInto('orglife_plan_items')
    .values(items.map((i) => ({ tenant_id: tenantId, ...i })))
    .returning(['id', 'org_id', 'kind', 'planned_on'])
    .execute();
}

/** Links records to the plan items they complete, many at once. */
export async function insertPlanLinks(trx: Transaction<DB>, tenantId: number, links: ReadonlyArray<{ plan_item_id: number; record_id: number }>): Promise<void> {
  for (let i = 0; i < links.length; i += 4000) await trx.insertInto('orglife_plan_links').values(links.slice(i, i + 4000).map((l) => ({ tenant_id: tenantId, ...l }))).execute();
}

export function insertPlanItem(trx: Transaction<DB>, tenantId: number, item: PlanItemColumns) {
  return trx
    .insertInto('orglife_plan_items')
    .values({ tenant_id: tenantId, ...item })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Updates at the version read; false when someone changed it first. */
export async function updatePlanItem(trx: Transaction<DB>, tenantId: number, id: number, version: number, values: Partial<Pick<PlanItemColumns, 'planned_on' | 'kind' | 'title' | 'note'>>): Promise<boolean> {
  return bumpVersioned(trx, 'orglife_plan_items', tenantId, id, version, values);
}

/** The date of the record completing a plan item, if one does. */
export async function completingRecordOn(trx: Transaction<DB>, tenantId: number, planItemId: number): Promise<string | null> {
  const link = await trx
    .selectFrom('orglife_plan_links as l')
    .innerJoin('orglife_records as r', (j) => j.onRef('r.tenant_id', '=', 'l.tenant_id').onRef('r.id', '=', 'l.record_id'))
    .select(['r.held_on'])
    .where('l.tenant_id', '=', tenantId)
    .where('l.plan_item_id', '=', planItemId)
    .executeTakeFirst();
  return link?.held_on ?? null;
}

export async function deletePlanItem(trx: Transaction<DB>, tenantId: number, id: number, version: number): Promise<boolean> {
  const gone = await trx.deleteFrom('orglife_plan_items').where('tenant_id', '=', tenantId).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(gone.numDeletedRows) > 0;
}
