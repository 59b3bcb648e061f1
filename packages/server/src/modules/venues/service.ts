/**
 * Venues (活动阵地) of party branches, checked against the unit's 六有 standard (settings
 * 'venues'). Scope: orglife.read / orglife.write — organisational life happens there. A caller
 * sees a venue their scope reaches through its owner or through a branch sharing it, and changes
 * only a venue whose owner their write scope reaches. Photos are optional, never a condition.
 */
import { type VenueCheck, type VenuesSettings, compareDates, venueGaps } from '@hongyi/core';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Ctx } from '../../lib/context.js';
import { covers, requireInScope } from '../../lib/scope.js';
import { evidenceFiles } from '../../lib/evidence.js';
import { writeAudit } from '../../plugins/audit.js';
import { conflict, fieldError, notFound } from '../../plugins/errors.js';
import { loadSettings, saveSettings } from '../settings/service.js';
import {
  type VenueRow,
  type VenueValues,
  allVenues,
  deleteVenue,
  findOrg,
  findOrgs,
  findVenue,
  insertVenue,
  listVenues,
  replaceShares,
  shareCandidates,
  updateVenue,
} from './repository.js';

type Db = Ctx['db'] | Transaction<DB>;
type Permission = 'orglife.read' | 'orglife.write';

export async function venuesSettings(ctx: Ctx, db: Db = ctx.db) {
  return loadSettings(db, ctx.tenantId, 'venues');
}

export async function saveVenuesSettings(ctx: Ctx, value: VenuesSettings, version: number) {
  return ctx.db.transaction().execute((trx) => saveSettings(trx, ctx.auditor, 'venues', value, version, { summary: '修改活动阵地“六有”标准', language: ctx.language }));
}

export interface VenueInput {
  orgId: number;
  name: string;
  place: string;
  areaM2: number | null;
  seats: number | null;
  note: string;
  checklist: VenueCheck[];
  checkedOn: string | null;
  sharedWith: number[];
}

/** The org, when it exists in the unit (400 on the field) and the caller's scope reaches it (403). */
async function orgInScope(ctx: Ctx, db: Db, orgId: number, path: string, permission: Permission) {
  const org = await findOrg(db, ctx.tenantId, orgId);
  return requireInScope(ctx.scope(permission), org && { ...org, orgPath: org.path }, fieldError(ctx.language, path, 'VENUE_ORG_UNKNOWN', { id: orgId }));
}

/** The venue's values: its owner in the caller's write scope, checklist items from the unit's list (or already on the venue), shares with orgs of the unit. */
async function checkVenue(ctx: Ctx, db: Db, input: VenueInput, before: VenueRow | null): Promise<{ values: VenueValues; shares: number[] }> {
  const owner = await orgInScope(ctx, db, input.orgId, 'body.orgId', 'orglife.write');
  const { standard } = (await venuesSettings(ctx, db)).value;
  const kept = new Set(before?.checklist.map((c) => c.item) ?? []);
  const seen = new Set<string>();
  input.checklist.forEach((c, i) => {
    if (!standard.includes(c.item) && !kept.has(c.item)) throw fieldError(ctx.language, `body.checklist[${i}].item`, 'VENUE_ITEM_UNKNOWN', { item: c.item });
    if (seen.has(c.item)) throw fieldError(ctx.language, `body.checklist[${i}].item`, 'VENUE_ITEM_TWICE', { item: c.item });
    seen.add(c.item);
  });
  if (input.checkedOn && compareDates(input.checkedOn, ctx.today) > 0) throw fieldError(ctx.language, 'body.checkedOn', 'VENUE_DATE_FUTURE', { date: input.checkedOn });
  const shares = [...new Set(input.sharedWith)];
  const known = new Set((await findOrgs(db, ctx.tenantId, shares)).map((o) => o.id));
  input.sharedWith.forEach((orgId, i) => {
    if (orgId === owner.id) throw fieldError(ctx.language, `body.sharedWith[${i}]`, 'VENUE_SHARE_OWNER');
    if (!known.has(orgId)) throw fieldError(ctx.language, `body.sharedWith[${i}]`, 'VENUE_SHARE_UNKNOWN', { id: orgId });
  });
  return {
    values: {
      org_id: owner.id,
      name: input.name,
      place: input.place,
      area_m2: input.areaM2,
      seats: input.seats,
      note: input.note,
      checklist: input.checklist.map((c) => ({ item: c.item, met: c.met, note: c.note })),
      checked_on: input.checkedOn,
    },
    shares,
  };
}

/** Reading: the owner or a sharing org in the read scope. Writing: the owner in the write scope. */
async function visibleVenue(ctx: Ctx, db: Db, id: number, permission: Permission): Promise<VenueRow> {
  const venue = await findVenue(db, ctx.tenantId, id);
  if (!venue) throw notFound('VENUE_NOT_FOUND', id);
  const scope = ctx.scope(permission);
  if (permission === 'orglife.read' && venue.shares.some((s) => covers(scope, s.orgPath))) return venue;
  return requireInScope(scope, venue, notFound('VENUE_NOT_FOUND', id));
}

/** A venue as the API shows it: the standard's items it lacks (by the unit's current list), no paths. */
export function presentVenue(v: VenueRow, standard: readonly string[]) {
  const { orgPath: _p, shares, ...rest } = v;
  return { ...rest, sharedWith: shares.map((s) => ({ orgId: s.orgId, orgName: s.orgName })), gaps: venueGaps(standard, v.checklist) };
}

async function filterOf(ctx: Ctx, f: { orgId?: number | undefined; onlyGaps?: boolean | undefined }, standard: readonly string[]) {
  return {
    orgPath: f.orgId ? (await orgInScope(ctx, ctx.db, f.orgId, 'query.orgId', 'orglife.read')).path : undefined,
    gapsOf: f.onlyGaps ? standard : undefined,
  };
}

export async function venueList(ctx: Ctx, f: { orgId?: number | undefined; onlyGaps?: boolean | undefined }, page: { page: number; pageSize: number }) {
  const { standard } = (await venuesSettings(ctx)).value;
  const { items, total } = await listVenues(ctx.db, ctx.tenantId, ctx.scope('orglife.read'), await filterOf(ctx, f, standard), { limit: page.pageSize, offset: (page.page - 1) * page.pageSize });
  return { items: items.map((v) => presentVenue(v, standard)), total, standard };
}

/** Every venue under the filter, with the unit's standard, for the export. */
export async function venuesForExport(ctx: Ctx, f: { orgId?: number | undefined; onlyGaps?: boolean | undefined }) {
  const { standard } = (await venuesSettings(ctx)).value;
  return { standard, venues: await allVenues(ctx.db, ctx.tenantId, ctx.scope('orglife.read'), await filterOf(ctx, f, standard)) };
}

/** The orgs of the unit a venue may be shared with: a secretary shares with sibling branches outside their scope, so this names every branch (names only). */
export async function venueShareCandidates(ctx: Ctx) {
  return shareCandidates(ctx.db, ctx.tenantId);
}

export async function venueDetail(ctx: Ctx, id: number) {
  const venue = await visibleVenue(ctx, ctx.db, id, 'orglife.read');
  const { standard } = (await venuesSettings(ctx)).value;
  const photos = await venuePhotos.of(ctx, id);
  return { ...presentVenue(venue, standard), photoList: photos, canEdit: ctx.can('orglife.write') && covers(ctx.scope('orglife.write'), venue.orgPath) };
}

const auditView = (values: VenueValues, shares: readonly number[]) => ({ ...values, shared_with: shares });

export async function createVenue(ctx: Ctx, input: VenueInput): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const { values, shares } = await checkVenue(ctx, trx, input, null);
    const id = await insertVenue(trx, ctx.tenantId, values);
    await replaceShares(trx, ctx.tenantId, id, shares);
    await writeAudit(trx, ctx.auditor, { action: 'create', entityType: 'venue', entityId: id, summary: `登记活动阵地：${values.name}`, after: auditView(values, shares) });
    return id;
  });
}

export async function changeVenue(ctx: Ctx, id: number, version: number, input: VenueInput): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await visibleVenue(ctx, trx, id, 'orglife.write');
    const { values, shares } = await checkVenue(ctx, trx, input, before);
    if (!(await updateVenue(trx, ctx.tenantId, id, version, values))) throw conflict();
    await replaceShares(trx, ctx.tenantId, id, shares);
    await writeAudit(trx, ctx.auditor, { action: 'update', entityType: 'venue', entityId: id, summary: `修改活动阵地：${values.name}`, before, after: auditView(values, shares) });
  });
}

export async function removeVenue(ctx: Ctx, id: number, version: number): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await visibleVenue(ctx, trx, id, 'orglife.write');
    if (!(await deleteVenue(trx, ctx.tenantId, id, version))) throw conflict();
    await writeAudit(trx, ctx.auditor, { action: 'delete', entityType: 'venue', entityId: id, summary: `删除活动阵地：${before.name}`, before });
  });
}

// ---------------------------------------------------------------------------------------
// Photos (optional)

export const venuePhotos = evidenceFiles({
  store: { table: 'venue_photos', owner: 'venue_id' },
  entityType: 'venue_photo', notFound: 'VENUE_PHOTO_NOT_FOUND', added: '上传阵地照片', withdrawn: '撤回阵地照片',
  async owner(ctx, db, id: number, mode) {
    const venue = await visibleVenue(ctx, db, id, mode === 'read' ? 'orglife.read' : 'orglife.write');
    return { id: venue.id, label: venue.name, audit: { venueId: venue.id } };
  },
});
