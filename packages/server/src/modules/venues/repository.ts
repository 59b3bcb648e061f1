/**
 * Every query of venues (活动阵地), their shares between branches and their photos. Each function
 * takes the database or a transaction; scope conditions come from lib/scope. A venue lies in a
 * scope when its owning org does, or when one of the orgs sharing it does.
 */
import type { DataScope, VenueCheck } from '@hongyi/core';
import { type Kysely, type Transaction, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { replaceOwnedRows } from '../../db/owned.js';
import { deleteVersioned, updateVersioned } from '../../db/versioned.js';
import { liveEvidenceCount } from '../../db/evidence.js';
import { countUpTo } from '../../lib/paging.js';
import { escapeLike, inIds, subtree } from '../../lib/scope.js';
export { findOrg } from '../../lib/repository-orgs.js';

type Db = Kysely<DB> | Transaction<DB>;

export async function findOrgs(db: Db, tenantId: number, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('orgs').select(['id', 'name', 'path']).where('tenant_id', '=', tenantId).where(inIds('id', ids)).execute();
}

/** The unit's branches and general branches, which a venue may be shared with (names only). */
export async function shareCandidates(db: Db, tenantId: number) {
  return db
    .selectFrom('orgs')
    .select(['id', 'name'])
    .where('tenant_id', '=', tenantId)
    .where('type', 'in', ['general_branch', 'branch', 'joint_branch', 'temporary_branch'])
    .orderBy('path')
    .limit(2000)
    .execute();
}

export interface VenueShare {
  orgId: number;
  orgName: string;
  orgPath: string;
}

export interface VenueRow {
  id: number;
  orgId: number;
  orgName: string;
  orgPath: string;
  name: string;
  place: string;
  areaM2: number | null;
  seats: number | null;
  note: string;
  checklist: VenueCheck[];
  checkedOn: string | null;
  version: number;
  photos: number;
  shares: VenueShare[];
}

export interface VenueFilter {
  /** Venues owned by or shared with an org under this path. */
  orgPath?: string | undefined;
  /** Only venues missing one of these items (the unit's standard). */
  gapsOf?: readonly string[] | undefined;
}

/** Some org sharing the venue lies under the condition. */
const sharedWhere = (condition: ReturnType<typeof subtree>) =>
  sql<boolean>`exists (select 1 from venue_shares s join orgs so on so.tenant_id = s.tenant_id and so.id = s.org_id where s.tenant_id = v.tenant_id and s.venue_id = v.id and ${condition})`;

function venueBase(db: Db, tenantId: number, scope: DataScope, f: VenueFilter) {
  let q = db
    .selectFrom('venues as v')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'v.tenant_id').onRef('o.id', '=', 'v.org_id'))
    .where('v.tenant_id', '=', tenantId);
  if (scope.kind !== 'tenant') q = q.where(sql<boolean>`(${subtree(scope, 'o.path')} or ${sharedWhere(subtree(scope, 'so.path'))})`);
  if (f.orgPath) {
    const like = `${escapeLike(f.orgPath)}%`;
    q = q.where(sql<boolean>`(o.path like ${like} or ${sharedWhere(sql<boolean>`so.path like ${like}`)})`);
  }
  if (f.gapsOf && f.gapsOf.length > 0) {
    const met = f.gapsOf.map((item) => sql<boolean>`v.checklist @> ${JSON.stringify([{ item, met: true }])}::jsonb`);
    q = q.where(sql<boolean>`not (${sql.join(met, sql` and `)})`);
  }
  return q;
}

function venueColumns(db: Db, tenantId: number, scope: DataScope, f: VenueFilter) {
  return venueBase(db, tenantId, scope, f).select([
    'v.id',
    'v.org_id',
    'o.name as org_name',
    'o.path as org_path',
    'v.name',
    'v.place',
    sql<number | null>`v.area_m2::float8`.as('area_m2'),
    'v.seats',
    'v.note',
    'v.checklist',
    'v.checked_on',
    'v.version',
    liveEvidenceCount({ table: 'venue_photos', owner: 'venue_id' }, 'v').as('photos'),
  ]);
}

type VenueSelect = Awaited<ReturnType<ReturnType<typeof venueColumns>['execute']>>[number];

async function withShares(db: Db, tenantId: number, rows: VenueSelect[]): Promise<VenueRow[]> {
  const shares = new Map<number, VenueShare[]>();
  if (rows.length > 0) {
    const list = await db
      .selectFrom('venue_shares as s')
      .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 's.tenant_id').onRef('o.id', '=', 's.org_id'))
      .select(['s.venue_id', 's.org_id', 'o.name', 'o.path'])
      .where('s.tenant_id', '=', tenantId)
      .where(inIds('s.venue_id', rows.map((r) => r.id)))
      .orderBy('o.path')
      .execute();
    for (const s of list) shares.set(s.venue_id, [...(shares.get(s.venue_id) ?? []), { orgId: s.org_id, orgName: s.name, orgPath: s.path }]);
  }
  return rows.map((r) => ({
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    orgPath: r.org_path,
    name: r.name,
    place: r.place,
    areaM2: r.area_m2 === null ? null : Number(r.area_m2),
    seats: r.seats,
    note: r.note,
    checklist: (r.checklist ?? []) as VenueCheck[],
    checkedOn: r.checked_on,
    version: r.version,
    photos: Number(r.photos ?? 0),
    shares: shares.get(r.id) ?? [],
  }));
}

export async function listVenues(db: Db, tenantId: number, scope: DataScope, f: VenueFilter, page: { limit: number; offset: number }) {
  const total = await countUpTo(db, venueBase(db, tenantId, scope, f).select('v.id'));
  const rows = await venueColumns(db, tenantId, scope, f).orderBy('o.path').orderBy('v.name').orderBy('v.id').limit(page.limit).offset(page.offset).execute();
  return { items: await withShares(db, tenantId, rows), total };
}

/** Every venue in the scope (and under the filter), for the export. */
export async function allVenues(db: Db, tenantId: number, scope: DataScope, f: VenueFilter): Promise<VenueRow[]> {
  const rows = await venueColumns(db, tenantId, scope, f).orderBy('o.path').orderBy('v.name').orderBy('v.id').limit(5000).execute();
  return withShares(db, tenantId, rows);
}

export async function findVenue(db: Db, tenantId: number, id: number): Promise<VenueRow | undefined> {
  const rows = await venueColumns(db, tenantId, { kind: 'tenant' }, {}).where('v.id', '=', id).execute();
  return (await withShares(db, tenantId, rows))[0];
}

export interface VenueValues {
  org_id: number;
  name: string;
  place: string;
  area_m2: number | null;
  seats: number | null;
  note: string;
  checklist: VenueCheck[];
  checked_on: string | null;
}

const stored = (v: VenueValues) => ({ ...v, checklist: JSON.stringify(v.checklist) });

export async function insertVenue(db: Db, tenantId: number, v: VenueValues): Promise<number> {
  return (await db.insertInto('venues').values({ tenant_id: tenantId, ...stored(v) }).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateVenue(db: Db, tenantId: number, id: number, version: number, v: VenueValues): Promise<boolean> {
  return updateVersioned(db, 'venues', tenantId, id, version, stored(v));
}

export async function deleteVenue(db: Db, tenantId: number, id: number, version: number): Promise<boolean> {
  return deleteVersioned(db, 'venues', tenantId, id, version);
}

export async function replaceShares(db: Db, tenantId: number, venueId: number, orgIds: readonly number[]): Promise<void> {
  await replaceOwnedRows(db, 'venue_shares', tenantId, 'venue_id', venueId, orgIds.map((orgId) => ({ org_id: orgId })));
}
