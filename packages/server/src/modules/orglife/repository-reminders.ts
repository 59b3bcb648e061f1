/** Queries of reminder digests: channels, digests, deliveries and mutes. */
import type { DataScope } from '@hongyi/core';
import { type Kysely, type Transaction, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { subtree } from '../../lib/scope.js';

type Db = Kysely<DB> | Transaction<DB>;

export type ChannelKind = 'wecom' | 'dingtalk' | 'email';
export type DeliveryStatus = 'sent' | 'failed' | 'queued' | 'skipped_muted';

export function channelsOfOrg(db: Db, tenantId: number, orgId: number) {
  return db.selectFrom('orglife_channels').selectAll().where('tenant_id', '=', tenantId).where('org_id', '=', orgId).orderBy('id').execute();
}

export function channelById(db: Db, tenantId: number, id: number) {
  return db.selectFrom('orglife_channels').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export function insertChannel(trx: Transaction<DB>, tenantId: number, values: { org_id: number; kind: ChannelKind; target: string; user_id: number | null }) {
  return trx
    .insertInto('orglife_channels')
    .values({ tenant_id: tenantId, ...values })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteChannel(trx: Transaction<DB>, tenantId: number, id: number): Promise<void> {
  await trx.deleteFrom('orglife_channels').where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

/** Every active channel of a tenant, with the language of the person an e-mail channel belongs to. */
export function activeChannels(db: Db, tenantId: number) {
  return db
    .selectFrom('orglife_channels as c')
    .leftJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'c.tenant_id').onRef('u.id', '=', 'c.user_id'))
    .selectAll('c')
    .select('u.language')
    .where('c.tenant_id', '=', tenantId)
    .where('c.active', '=', true)
    .orderBy('c.id')
    .execute();
}

/** Deliveries within the scope, newest digest first, with the total. */
export async function deliveryPage(db: Db, tenantId: number, scope: DataScope, f: { orgId?: number; status?: DeliveryStatus }, limit: number, offset: number) {
  let q = db
    .selectFrom('orglife_deliveries as v')
    .innerJoin('orglife_digests as d', (j) => j.onRef('d.tenant_id', '=', 'v.tenant_id').onRef('d.id', '=', 'v.digest_id'))
    .innerJoin('orglife_channels as c', (j) => j.onRef('c.tenant_id', '=', 'v.tenant_id').onRef('c.id', '=', 'v.channel_id'))
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'd.tenant_id').onRef('o.id', '=', 'd.org_id'))
    .where('v.tenant_id', '=', tenantId)
    .where(subtree(scope, 'o.path'));
  if (f.orgId) q = q.where('d.org_id', '=', f.orgId);
  if (f.status) q = q.where('v.status', '=', f.status);
  const { total } = await q.select(sql<number>`count(*)`.as('total')).executeTakeFirstOrThrow();
  const rows = await q
    .select(['v.digest_id', 'v.channel_id', 'd.org_id', 'o.name', 'd.day', 'c.kind', 'c.target', 'v.status', 'v.detail', sql<number>`jsonb_array_length(d.items)`.as('n'), 'v.at'])
    .orderBy('d.day', 'desc')
    .orderBy('o.path')
    .orderBy('v.channel_id')
    .limit(limit)
    .offset(offset)
    .execute();
  return { rows, total: Number(total) };
}

/** Digests of the last days for orgs within the scope (a whole unit: its 党委 only), newest first. */
export function recentDigests(db: Db, tenantId: number, scope: DataScope, today: string, days: number) {
  return db
    .selectFrom('orglife_digests as d')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'd.tenant_id').onRef('o.id', '=', 'd.org_id'))
    .select(['d.id', 'd.org_id', 'o.name', 'd.day', 'd.items'])
    .where('d.tenant_id', '=', tenantId)
    .where('d.day', '>=', sql<string>`(${today}::date - ${days}::int)`)
    .where(subtree(scope, 'o.path'))
    .where(scope.kind === 'tenant' ? sql<boolean>`o.type in ('committee')` : sql<boolean>`true`)
    .orderBy('d.day', 'desc')
    .orderBy('o.path')
    .limit(50)
    .execute();
}

/** Stores an org's digest of the day; undefined when it already has one (at most one a day). */
export function insertDigest(db: Db, tenantId: number, orgId: number, day: string, items: unknown[]) {
  return db
    .insertInto('orglife_digests')
    .values({ tenant_id: tenantId, org_id: orgId, day, items: JSON.stringify(items) })
    .onConflict((oc) => oc.columns(['tenant_id', 'org_id', 'day']).doNothing())
    .returning('id')
    .executeTakeFirst();
}

/** Stores a person's own digest of the day; undefined when they already have one (at most one a day). */
export function insertPersonDigest(db: Db, tenantId: number, userId: number, day: string, items: unknown[]) {
  return db
    .insertInto('person_digests')
    .values({ tenant_id: tenantId, user_id: userId, day, items: JSON.stringify(items) })
    .onConflict((oc) => oc.columns(['tenant_id', 'user_id', 'day']).doNothing())
    .returning('id')
    .executeTakeFirst();
}

/** A person sees their own digests of the in-app window (at most one a day). */
const RECENT_PERSON_DIGESTS = 31;

/** A person's own digests of the last days, newest first. */
export function recentPersonDigests(db: Db, tenantId: number, userId: number, today: string, days: number) {
  return db
    .selectFrom('person_digests')
    .select(['id', 'day', 'items'])
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .where('day', '>=', sql<string>`(${today}::date - ${days}::int)`)
    .where('day', '<=', today)
    .orderBy('day', 'desc')
    .limit(RECENT_PERSON_DIGESTS)
    .execute();
}

/** The active accounts among these (a deactivated account gets no digest). */
export async function activeUsers(db: Db, tenantId: number, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  return new Set((await db.selectFrom('users').select('id').where('tenant_id', '=', tenantId).where('id', 'in', [...ids]).where('active', '=', true).execute()).map((u) => u.id));
}

export async function insertDelivery(db: Db, tenantId: number, values: { digest_id: number; channel_id: number; status: DeliveryStatus; detail: string }): Promise<void> {
  await db.insertInto('orglife_deliveries').values({ tenant_id: tenantId, ...values }).execute();
}

export async function isMuted(db: Db, tenantId: number, userId: number): Promise<boolean> {
  return !!(await db.selectFrom('orglife_mutes').select('user_id').where('tenant_id', '=', tenantId).where('user_id', '=', userId).executeTakeFirst());
}

export async function mutedUsers(db: Db, tenantId: number): Promise<Set<number>> {
  return new Set((await db.selectFrom('orglife_mutes').select('user_id').where('tenant_id', '=', tenantId).execute()).map((m) => m.user_id));
}

export async function setMuted(trx: Transaction<DB>, tenantId: number, userId: number, muted: boolean): Promise<void> {
  if (muted) await trx.insertInto('orglife_mutes').values({ tenant_id: tenantId, user_id: userId }).onConflict((oc) => oc.columns(['tenant_id', 'user_id']).doNothing()).execute();
  else await trx.deleteFrom('orglife_mutes').where('tenant_id', '=', tenantId).where('user_id', '=', userId).execute();
}

// ---------------------------------------------------------------------------------------
// E-mails queued while no mail server was configured

/** Marks claims older than ten minutes as interrupted (a server stopped mid-send): never sent twice. */
export async function markInterrupted(db: Db, tenantId: number, sending: string, interrupted: string): Promise<void> {
  await db
    .updateTable('orglife_deliveries')
    .set({ status: 'failed', detail: interrupted })
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'queued')
    .where('detail', '=', sending)
    .where('at', '<', sql<Date>`now() - interval '10 minutes'`)
    .execute();
}

/** E-mail deliveries waiting for a mail server, oldest first, with the user's language. */
export function queuedMail(db: Db, tenantId: number, waitingDetail: string) {
  return db
    .selectFrom('orglife_deliveries as v')
    .innerJoin('orglife_digests as d', (j) => j.onRef('d.tenant_id', '=', 'v.tenant_id').onRef('d.id', '=', 'v.digest_id'))
    .innerJoin('orglife_channels as c', (j) => j.onRef('c.tenant_id', '=', 'v.tenant_id').onRef('c.id', '=', 'v.channel_id'))
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'd.tenant_id').onRef('o.id', '=', 'd.org_id'))
    .leftJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'c.tenant_id').onRef('u.id', '=', 'c.user_id'))
    .select(['v.digest_id', 'v.channel_id', 'd.day', 'd.items', 'o.name', 'c.target', 'c.user_id', 'u.language'])
    .where('v.tenant_id', '=', tenantId)
    .where('v.status', '=', 'queued')
    .where('v.detail', '=', waitingDetail)
    .where('c.kind', '=', 'email')
    .where('c.active', '=', true)
    .orderBy('d.day')
    .orderBy('v.digest_id')
    .orderBy('v.channel_id')
    .execute();
}

/**
 * Claims a queued delivery (queued/waiting → the given change, in one conditional update), so two
 * runs at once never both send it; false when another run took it.
 */
export async function claimDelivery(db: Db, tenantId: number, digestId: number, channelId: number, waitingDetail: string, change: { status?: 'failed'; detail: string }): Promise<boolean> {
  const claimed = await db
    .updateTable('orglife_deliveries')
    .set({ ...change, at: sql<Date>`now()` })
    .where('tenant_id', '=', tenantId)
    .where('digest_id', '=', digestId)
    .where('channel_id', '=', channelId)
    .where('status', '=', 'queued')
    .where('detail', '=', waitingDetail)
    .returning('digest_id')
    .executeTakeFirst();
  return claimed !== undefined;
}

export async function finishDelivery(db: Db, tenantId: number, digestId: number, channelId: number, status: DeliveryStatus, detail: string): Promise<void> {
  await db.updateTable('orglife_deliveries').set({ status, detail, at: sql<Date>`now()` }).where('tenant_id', '=', tenantId).where('digest_id', '=', digestId).where('channel_id', '=', channelId).execute();
}
