/**
 * Every query of the commission level. A commission reads its units' summary rows (aggregate
 * figures, one row per unit and day) and the units' names; never a unit's personal rows.
 */
import { type Kysely, type Transaction, sql } from 'kysely';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

/** The commission whose office tenant this is (the caller's tenant), if any. */
export async function commissionOfOffice(db: Db, officeTenantId: number) {
  return db.selectFrom('commissions').select(['id', 'code', 'name', 'kind']).where('office_tenant_id', '=', officeTenantId).executeTakeFirst();
}

/** The units a commission groups, in the order they joined. */
export async function unitsOf(db: Db, commissionId: number) {
  return db
    .selectFrom('commission_units as u')
    .innerJoin('tenants as t', 't.id', 'u.tenant_id')
    .select(['t.id', 't.code', 't.name', 'u.joined_on'])
    .where('u.commission_id', '=', commissionId)
    .orderBy('u.joined_on')
    .orderBy('t.id')
    .execute();
}

/** The commissions a unit belongs to. */
export async function commissionsOfUnit(db: Db, tenantId: number) {
  return db
    .selectFrom('commission_units as u')
    .innerJoin('commissions as c', 'c.id', 'u.commission_id')
    .select(['c.id', 'c.name'])
    .where('u.tenant_id', '=', tenantId)
    .orderBy('c.id')
    .execute();
}

/**
 * The units' headline inputs (core's HeadlineInputs) day by day from a day on, oldest first: the
 * columns generated from each day's figures, not the whole figures document (whose statistics part
 * alone is a table's worth), so that 200 units × 180 days stay a light read.
 */
export async function headlinesOf(db: Db, tenantIds: readonly number[], from: string) {
  if (tenantIds.length === 0) return [];
  return db
    .selectFrom('unit_summaries')
    .select([
      'tenant_id',
      'as_of',
      'members_full',
      'members_probationary',
      'branches',
      'compliance_met',
      'compliance_of',
      'funnel_1',
      'funnel_2',
      'funnel_3',
      'funnel_4',
      'funnel_5',
      'due_cents',
      'paid_cents',
      'worksystems_progress',
    ])
    .where('tenant_id', 'in', tenantIds)
    .where('as_of', '>=', from)
    .orderBy('tenant_id')
    .orderBy('as_of')
    .execute();
}

/** Each unit's latest summary: one probe of the (tenant_id, as_of) key per unit, newest first. */
export async function latestSummaries(db: Db, tenantIds: readonly number[]) {
  if (tenantIds.length === 0) return [];
  return db
    .selectFrom('tenants as t')
    .innerJoinLateral(
      (eb) => eb.selectFrom('unit_summaries as s').select(['s.tenant_id', 's.as_of', 's.figures', 's.computed_at']).whereRef('s.tenant_id', '=', 't.id').orderBy('s.as_of', 'desc').limit(1).as('s'),
      (join) => join.onTrue(),
    )
    .select(['s.tenant_id', 's.as_of', 's.figures', 's.computed_at'])
    .where('t.id', 'in', tenantIds)
    .orderBy('s.tenant_id')
    .execute();
}

/** Stores a unit's figures as of a day, replacing that day's row. */
export async function upsertSummary(db: Db, tenantId: number, asOf: string, figures: unknown) {
  await db
    .insertInto('unit_summaries')
    .values({ tenant_id: tenantId, as_of: asOf, figures: JSON.stringify(figures) })
    .onConflict((oc) => oc.columns(['tenant_id', 'as_of']).doUpdateSet({ figures: JSON.stringify(figures), computed_at: sql`now()` }))
    .execute();
}

/** A commission with its office tenant (which holds its accounts and nothing of a unit). */
export async function insertCommission(trx: Transaction<DB>, c: { code: string; name: string; kind: 'health' | 'education'; officeName: string }): Promise<{ id: number; officeTenantId: number }> {
  const office = await trx.insertInto('tenants').values({ code: c.code, name: c.officeName }).returning('id').executeTakeFirstOrThrow();
  const row = await trx.insertInto('commissions').values({ code: c.code, name: c.name, kind: c.kind, office_tenant_id: office.id }).returning('id').executeTakeFirstOrThrow();
  return { id: row.id, officeTenantId: office.id };
}

/** A commission account: a user of the office tenant whose one grant is the commission role. */
export async function insertCommissionAccount(
  trx: Transaction<DB>,
  officeTenantId: number,
  a: { username: string; name: string; passwordHash: string; mustChangePassword?: boolean },
): Promise<number> {
  // An operator's initial password must be changed at the first sign-in; the demo's and the
  // fixtures' accounts sign in with their known password.
  const mustChange = a.mustChangePassword === true;
  const user = await trx
    .insertInto('users')
    .values({ tenant_id: officeTenantId, username: a.username, name: a.name, password_hash: a.passwordHash, member_id: null, must_change_password: mustChange, password_changed_at: mustChange ? null : new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.insertInto('user_roles').values({ tenant_id: officeTenantId, user_id: user.id, role: 'commission', org_id: null }).execute();
  return user.id;
}

/** A unit joins a commission. */
export async function addCommissionUnit(trx: Transaction<DB>, commissionId: number, tenantId: number, joinedOn: string): Promise<void> {
  await trx.insertInto('commission_units').values({ tenant_id: tenantId, commission_id: commissionId, joined_on: joinedOn }).execute();
}

// ---- The operator's page: commissions, their units and accounts ----------------------------

/** Every commission of the deployment, by name. */
export async function allCommissions(db: Db) {
  return db
    .selectFrom('commissions as c')
    .innerJoin('tenants as t', 't.id', 'c.office_tenant_id')
    .select(['c.id', 'c.code', 'c.name', 'c.kind', 'c.office_tenant_id', 't.name as office_name', 'c.version', 'c.created_at'])
    .orderBy('c.id')
    .execute();
}

export async function commissionById(db: Db, id: number) {
  return db
    .selectFrom('commissions as c')
    .innerJoin('tenants as t', 't.id', 'c.office_tenant_id')
    .select(['c.id', 'c.code', 'c.name', 'c.kind', 'c.office_tenant_id', 't.name as office_name', 'c.version'])
    .where('c.id', '=', id)
    .executeTakeFirst();
}

/** Another commission of that name (names are unique), if any. */
export async function commissionNamed(db: Db, name: string, except?: number) {
  let q = db.selectFrom('commissions').select('id').where('name', '=', name);
  if (except !== undefined) q = q.where('id', '!=', except);
  return (await q.executeTakeFirst()) !== undefined;
}

/** Whether a code is taken by a unit, an office or a commission (codes name tenants across the deployment). */
export async function codeTaken(db: Db, code: string): Promise<boolean> {
  const tenant = await db.selectFrom('tenants').select('id').where('code', '=', code).executeTakeFirst();
  const commission = await db.selectFrom('commissions').select('id').where('code', '=', code).executeTakeFirst();
  return tenant !== undefined || commission !== undefined;
}

/** The units of the deployment (tenants that are not a commission's office), by code. */
export async function deploymentUnits(db: Db) {
  return db
    .selectFrom('tenants as t')
    .select(['t.id', 't.code', 't.name'])
    .where((eb) => eb.not(eb.exists(eb.selectFrom('commissions as c').select('c.id').whereRef('c.office_tenant_id', '=', 't.id'))))
    .orderBy('t.id')
    .execute();
}

/** Every commission's units (for the operator's list). */
export async function unitsOfAll(db: Db) {
  return db
    .selectFrom('commission_units as u')
    .innerJoin('tenants as t', 't.id', 'u.tenant_id')
    .select(['u.commission_id', 't.id', 't.code', 't.name', 'u.joined_on'])
    .orderBy('u.joined_on')
    .orderBy('t.id')
    .execute();
}

/** The accounts of the offices (commission accounts), by username. */
export async function officeAccounts(db: Db, officeTenantIds: readonly number[]) {
  if (officeTenantIds.length === 0) return [];
  return db
    .selectFrom('users')
    .select(['tenant_id', 'id', 'username', 'name', 'active', 'must_change_password'])
    .where('tenant_id', 'in', officeTenantIds)
    .orderBy('tenant_id')
    .orderBy('username')
    .execute();
}

export async function officeAccount(db: Db, officeTenantId: number, userId: number) {
  return db.selectFrom('users').select(['id', 'username', 'name', 'active']).where('tenant_id', '=', officeTenantId).where('id', '=', userId).executeTakeFirst();
}

/** Renames a commission at the version read; false when the version is stale. */
export async function renameCommission(trx: Transaction<DB>, id: number, version: number, name: string): Promise<boolean> {
  const r = await trx
    .updateTable('commissions')
    .set({ name, version: (eb) => eb('version', '+', 1) })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Names a commission's office tenant (the name its accounts see as their unit). */
export async function renameOffice(trx: Transaction<DB>, officeTenantId: number, name: string): Promise<void> {
  await trx.updateTable('tenants').set({ name }).where('id', '=', officeTenantId).execute();
}

/** Enables or disables an office account; false when the office has no such account. */
export async function setOfficeAccountActive(trx: Transaction<DB>, officeTenantId: number, userId: number, active: boolean): Promise<boolean> {
  const r = await trx.updateTable('users').set({ active }).where('tenant_id', '=', officeTenantId).where('id', '=', userId).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Deletes a commission at the version read, with its office tenant; false when the version is
 * stale. The caller has checked that no unit belongs to it and its office holds no account.
 */
export async function deleteCommission(trx: Transaction<DB>, id: number, version: number, officeTenantId: number): Promise<boolean> {
  const r = await trx.deleteFrom('commissions').where('id', '=', id).where('version', '=', version).executeTakeFirst();
  if (Number(r.numDeletedRows) !== 1) return false;
  await trx.deleteFrom('tenants').where('id', '=', officeTenantId).execute();
  return true;
}

/** A unit by its code, with whether it is some commission's office (no unit then). */
export async function unitByCode(db: Db, code: string) {
  return db
    .selectFrom('tenants as t')
    .select(['t.id', 't.code', 't.name'])
    .select((eb) => eb.exists(eb.selectFrom('commissions as c').select('c.id').whereRef('c.office_tenant_id', '=', 't.id')).as('office'))
    .where('t.code', '=', code)
    .executeTakeFirst();
}

export async function isCommissionUnit(db: Db, commissionId: number, tenantId: number): Promise<boolean> {
  const row = await db.selectFrom('commission_units').select('tenant_id').where('tenant_id', '=', tenantId).where('commission_id', '=', commissionId).executeTakeFirst();
  return row !== undefined;
}

/** A unit leaves a commission; false when it did not belong to it. */
export async function removeCommissionUnit(trx: Transaction<DB>, commissionId: number, tenantId: number): Promise<boolean> {
  const r = await trx.deleteFrom('commission_units').where('tenant_id', '=', tenantId).where('commission_id', '=', commissionId).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}
