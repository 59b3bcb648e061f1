/**
 * Every query of service and volunteer work: events with their participants and photos, numbered
 * series, the totals, and the two reads of other areas it needs (orgs and members by id, the
 * 主题党日 record an event was held as — read here, orglife's code stays as it is).
 * Each function takes the database or a transaction.
 */
import type { DataScope, ParticipantKind, ServiceFigures } from '@hongyi/core';
import { type Kysely, type RawBuilder, type Transaction, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { bumpVersioned, deleteVersioned, updateVersioned } from '../../db/versioned.js';
import { countWithPage } from '../../db/count.js';
import { escapeLike, inIds, subtree } from '../../lib/scope.js';
import type { OrgRef as LibOrgRef } from '../../lib/repository-orgs.js';
export { findOrg } from '../../lib/repository-orgs.js';

type Db = Kysely<DB> | Transaction<DB>;

// ---------------------------------------------------------------------------------------
// Orgs, members and the 主题党日 records (other areas, read only)

/** An org as the series and events name it (lib/repository-orgs' OrgRef without its parent). */
export type OrgRef = Omit<LibOrgRef, 'parentId'>;

export async function orgsOfTenant(db: Db, tenantId: number): Promise<OrgRef[]> {
  return db.selectFrom('orgs').select(['id', 'name', 'path', 'type']).where('tenant_id', '=', tenantId).orderBy('path').execute();
}

export async function membersByIds(db: Db, tenantId: number, ids: readonly number[]): Promise<Array<{ id: number; name: string; orgId: number }>> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('members').select(['id', 'name', 'org_id']).where('tenant_id', '=', tenantId).where(inIds('id', ids)).execute();
  return rows.map((r) => ({ id: r.id, name: r.name, orgId: r.org_id }));
}

/** Active members of an org's subtree by name (the series import matches participants' names). */
export async function membersUnder(db: Db, tenantId: number, path: string): Promise<Array<{ id: number; name: string }>> {
  return db
    .selectFrom('members as m')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'm.tenant_id').onRef('o.id', '=', 'm.org_id'))
    .select(['m.id', 'm.name'])
    .where('m.tenant_id', '=', tenantId)
    .where('m.status', '=', 'active')
    .where('o.path', 'like', `${escapeLike(path)}%`)
    .orderBy('m.id')
    .execute();
}

export interface OrglifeRecordRef {
  id: number;
  orgId: number;
  orgPath: string;
  orgName: string;
  heldOn: string;
  kinds: string[];
  /** The service event already linked to it, if any. */
  eventId: number | null;
}

const orglifeRecordQuery = (db: Db, tenantId: number) =>
  db
    .selectFrom('orglife_records as r')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'r.tenant_id').onRef('o.id', '=', 'r.org_id'))
    .leftJoin('service_events as e', (j) => j.onRef('e.tenant_id', '=', 'r.tenant_id').onRef('e.orglife_record_id', '=', 'r.id'))
    .select(['r.id', 'r.org_id', 'o.path', 'o.name', 'r.held_on', 'r.kinds', 'e.id as event_id'])
    .where('r.tenant_id', '=', tenantId);

const presentRecordRef = (r: { id: number; org_id: number; path: string; name: string; held_on: string; kinds: string[]; event_id: number | null }): OrglifeRecordRef => ({
  id: r.id,
  orgId: r.org_id,
  orgPath: r.path,
  orgName: r.name,
  heldOn: r.held_on,
  kinds: r.kinds,
  eventId: r.event_id,
});

export async function findOrglifeRecord(db: Db, tenantId: number, recordId: number): Promise<OrglifeRecordRef | undefined> {
  const row = await orglifeRecordQuery(db, tenantId).where('r.id', '=', recordId).executeTakeFirst();
  return row ? presentRecordRef(row) : undefined;
}

/** An org's 主题党日 records (newest first) that a service event could be held as. */
export async function themeDayRecords(db: Db, tenantId: number, orgId: number, limit = 50): Promise<OrglifeRecordRef[]> {
  const rows = await orglifeRecordQuery(db, tenantId)
    .where('r.org_id', '=', orgId)
    .where(sql<boolean>`'theme_party_day' = any(r.kinds)`)
    .orderBy('r.held_on', 'desc')
    .limit(limit)
    .execute();
  return rows.map(presentRecordRef);
}

// ---------------------------------------------------------------------------------------
// Events

/** Rows an event list may show: in the scope's subtree, or, for a member, the events they took part in. */
export function eventScope(scope: DataScope, tenantId: number): RawBuilder<boolean> {
  if (scope.kind !== 'self') return subtree(scope, 'o.path');
  if (scope.memberId === null) return sql<boolean>`false`;
  return sql<boolean>`exists (select 1 from service_participants sp where sp.tenant_id = ${tenantId} and sp.event_id = e.id and sp.member_id = ${scope.memberId})`;
}

export interface EventFilter {
  orgId?: number | undefined;
  /** The org and everything under it (its path). */
  orgPath?: string | undefined;
  kind?: string | undefined;
  seriesId?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
  q?: string | undefined;
}

function eventBase(db: Db, tenantId: number, scope: DataScope, f: EventFilter) {
  let q = db
    .selectFrom('service_events as e')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'e.tenant_id').onRef('o.id', '=', 'e.org_id'))
    .leftJoin('service_series as s', (j) => j.onRef('s.tenant_id', '=', 'e.tenant_id').onRef('s.id', '=', 'e.series_id'))
    .where('e.tenant_id', '=', tenantId)
    .where(eventScope(scope, tenantId));
  if (f.orgPath) q = q.where('o.path', 'like', `${escapeLike(f.orgPath)}%`);
  if (f.kind) q = q.where('e.kind', '=', f.kind);
  if (f.seriesId) q = q.where('e.series_id', '=', f.seriesId);
  if (f.from) q = q.where('e.held_on', '>=', f.from);
  if (f.to) q = q.where('e.held_on', '<=', f.to);
  if (f.q) q = q.where((eb) => eb.or([eb('e.title', 'ilike', `%${escapeLike(f.q!)}%`), eb('e.place', 'ilike', `%${escapeLike(f.q!)}%`)]));
  return q;
}

export interface EventRow {
  id: number;
  orgId: number;
  orgName: string;
  orgPath: string;
  kind: string;
  title: string;
  heldOn: string;
  placeType: string;
  place: string;
  region: string;
  seriesId: number | null;
  seriesName: string | null;
  issueNo: number | null;
  beneficiaries: number;
  trained: number;
  classHours: number;
  mediaReach: number | null;
  orglifeRecordId: number | null;
  note: string;
  version: number;
  participants: number;
  hours: number;
}

function eventColumns(db: Db, tenantId: number, scope: DataScope, f: EventFilter) {
  return eventBase(db, tenantId, scope, f)
    .select([
      'e.id',
      'e.org_id',
      'o.name as org_name',
      'o.path as org_path',
      'e.kind',
      'e.title',
      sql<string>`e.held_on::text`.as('held_on'),
      'e.place_type',
      'e.place',
      'e.region',
      'e.series_id',
      's.name as series_name',
      'e.issue_no',
      'e.beneficiaries',
      'e.trained',
      'e.class_hours',
      'e.media_reach',
      'e.orglife_record_id',
      'e.note',
      'e.version',
      'e.participations as n',
      sql<number>`e.participant_hours::float8`.as('hours'),
    ]);
}

type EventSelect = Awaited<ReturnType<ReturnType<typeof eventColumns>['execute']>>[number];

function presentEventRow(r: EventSelect): EventRow {
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    orgPath: r.org_path,
    kind: r.kind,
    title: r.title,
    heldOn: r.held_on,
    placeType: r.place_type,
    place: r.place,
    region: r.region,
    seriesId: r.series_id,
    seriesName: r.series_name,
    issueNo: r.issue_no,
    beneficiaries: r.beneficiaries,
    trained: r.trained,
    classHours: r.class_hours,
    mediaReach: r.media_reach,
    orglifeRecordId: r.orglife_record_id,
    note: r.note,
    version: r.version,
    participants: Number(r.n ?? 0),
    hours: Number(r.hours ?? 0),
  };
}

export const EVENT_SORTS = { heldOn: 'e.held_on', title: 'e.title', issueNo: 'e.issue_no' } as const;

export async function listEvents(
  db: Db,
  tenantId: number,
  scope: DataScope,
  f: EventFilter,
  page: { limit: number; offset: number; sort: keyof typeof EVENT_SORTS; order: 'asc' | 'desc' },
): Promise<{ items: EventRow[]; total: number }> {
  const [total, rows] = await countWithPage(db, eventBase(db, tenantId, scope, f).select('e.id'), eventColumns(db, tenantId, scope, f).orderBy(EVENT_SORTS[page.sort], page.order).orderBy('e.id', page.order).limit(page.limit).offset(page.offset).execute());
  return { items: rows.map(presentEventRow), total };
}

/** One event as the caller's tenant holds it (scope is checked by the service). */
export async function findEvent(db: Db, tenantId: number, id: number): Promise<EventRow | undefined> {
  const row = await eventColumns(db, tenantId, { kind: 'tenant' }, {}).where('e.id', '=', id).executeTakeFirst();
  return row ? presentEventRow(row) : undefined;
}

export interface ParticipantRow {
  kind: ParticipantKind;
  memberId: number | null;
  name: string;
  hours: number;
}

export async function participantsOf(db: Db, tenantId: number, eventId: number): Promise<ParticipantRow[]> {
  const rows = await db
    .selectFrom('service_participants')
    .select(['kind', 'member_id', 'name', sql<number>`hours::float8`.as('hours')])
    .where('tenant_id', '=', tenantId)
    .where('event_id', '=', eventId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({ kind: r.kind, memberId: r.member_id, name: r.name, hours: Number(r.hours) }));
}

export interface EventValues {
  org_id: number;
  kind: string;
  title: string;
  held_on: string;
  place_type: string;
  place: string;
  region: string;
  beneficiaries: number;
  trained: number;
  class_hours: number;
  media_reach: number | null;
  orglife_record_id: number | null;
  note: string;
}

export async function insertEvent(db: Db, tenantId: number, values: EventValues, series: { id: number; issueNo: number } | null, userId: number | null): Promise<number> {
  const row = await db
    .insertInto('service_events')
    .values({ tenant_id: tenantId, ...values, series_id: series?.id ?? null, issue_no: series?.issueNo ?? null, created_by: userId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Updates over the version read; false when it has moved on. */
export async function updateEvent(db: Db, tenantId: number, id: number, version: number, values: EventValues): Promise<boolean> {
  return updateVersioned(db, 'service_events', tenantId, id, version, values);
}

export async function deleteEvent(db: Db, tenantId: number, id: number, version: number): Promise<boolean> {
  return deleteVersioned(db, 'service_events', tenantId, id, version);
}

export async function replaceParticipants(db: Db, tenantId: number, eventId: number, people: readonly ParticipantRow[]): Promise<void> {
  await db.deleteFrom('service_participants').where('tenant_id', '=', tenantId).where('event_id', '=', eventId).execute();
  // The event keeps its participants' count and hours for the totals (summed as the column rounds them).
  const hours = people.reduce((sum, p) => sum + Math.round(p.hours * 10), 0) / 10;
  await db.updateTable('service_events').set({ participations: people.length, participant_hours: String(hours) }).where('tenant_id', '=', tenantId).where('id', '=', eventId).execute();
  if (people.length === 0) return;
  await db
    .insertInto('service_participants')
    .values(people.map((p, i) => ({ tenant_id: tenantId, event_id: eventId, seq: i + 1, kind: p.kind, member_id: p.memberId, name: p.name, hours: p.hours })))
    .execute();
}

// ---------------------------------------------------------------------------------------
// Series

export interface SeriesRow {
  id: number;
  orgId: number;
  orgName: string;
  orgPath: string;
  name: string;
  kind: string;
  description: string;
  lastIssue: number;
  version: number;
  issues: number;
  lastHeldOn: string | null;
}

function seriesQuery(db: Db, tenantId: number) {
  return db
    .selectFrom('service_series as s')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 's.tenant_id').onRef('o.id', '=', 's.org_id'))
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('service_events as e')
          .select([sql<number>`count(*)::int`.as('issues'), sql<string | null>`max(e.held_on)::text`.as('last_held_on')])
          .whereRef('e.tenant_id', '=', 's.tenant_id')
          .whereRef('e.series_id', '=', 's.id')
          .as('c'),
      (j) => j.onTrue(),
    )
    .select(['s.id', 's.org_id', 'o.name as org_name', 'o.path as org_path', 's.name', 's.kind', 's.description', 's.last_issue', 's.version', 'c.issues', 'c.last_held_on'])
    .where('s.tenant_id', '=', tenantId);
}

type SeriesSelect = Awaited<ReturnType<ReturnType<typeof seriesQuery>['execute']>>[number];
const presentSeries = (r: SeriesSelect): SeriesRow => ({
  id: r.id,
  orgId: r.org_id,
  orgName: r.org_name,
  orgPath: r.org_path,
  name: r.name,
  kind: r.kind,
  description: r.description,
  lastIssue: r.last_issue,
  version: r.version,
  issues: Number(r.issues ?? 0),
  lastHeldOn: r.last_held_on ?? null,
});

/** Series in the scope (a member: the series of events they took part in), by name. */
export async function listSeries(db: Db, tenantId: number, scope: DataScope): Promise<SeriesRow[]> {
  let q = seriesQuery(db, tenantId);
  if (scope.kind === 'self') {
    q = q.where(
      sql<boolean>`exists (select 1 from service_events e2 join service_participants sp on sp.tenant_id = e2.tenant_id and sp.event_id = e2.id
        where e2.tenant_id = ${tenantId} and e2.series_id = s.id and sp.member_id = ${scope.memberId ?? 0})`,
    );
  } else q = q.where(subtree(scope, 'o.path'));
  const rows = await q.orderBy('s.name').execute();
  return rows.map(presentSeries);
}

export async function findSeries(db: Db, tenantId: number, id: number): Promise<SeriesRow | undefined> {
  const row = await seriesQuery(db, tenantId).where('s.id', '=', id).executeTakeFirst();
  return row ? presentSeries(row) : undefined;
}

export async function seriesNameTaken(db: Db, tenantId: number, name: string, exceptId: number | null): Promise<boolean> {
  let q = db.selectFrom('service_series').select('id').where('tenant_id', '=', tenantId).where('name', '=', name);
  if (exceptId !== null) q = q.where('id', '<>', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function insertSeries(db: Db, tenantId: number, v: { org_id: number; name: string; kind: string; description: string; last_issue: number }): Promise<number> {
  const row = await db.insertInto('service_series').values({ tenant_id: tenantId, ...v }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateSeries(db: Db, tenantId: number, id: number, version: number, v: { name: string; kind: string; description: string }): Promise<boolean> {
  return bumpVersioned(db, 'service_series', tenantId, id, version, v);
}

/**
 * The next issue number of a series, taken in the caller's transaction: the update locks the
 * series row until the transaction ends, so concurrent inserts queue and each gets the next number
 * (no gap, no duplicate); a rolled-back insert gives its number back with the rollback.
 */
export async function takeIssueNumber(trx: Transaction<DB>, tenantId: number, seriesId: number): Promise<number> {
  const row = await trx
    .updateTable('service_series')
    .set({ last_issue: sql<number>`last_issue + 1` })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', seriesId)
    .returning('last_issue')
    .executeTakeFirstOrThrow();
  return row.last_issue;
}

/** After the last issue is deleted or past issues imported: the counter is the highest number held (or what was set before, if higher). */
export async function settleLastIssue(db: Db, tenantId: number, seriesId: number, floor: number): Promise<void> {
  await sql`update service_series set last_issue = greatest(${floor}::int, coalesce((select max(issue_no) from service_events where tenant_id = ${tenantId} and series_id = ${seriesId}), 0))
    where tenant_id = ${tenantId} and id = ${seriesId}`.execute(db);
}

export async function lockSeries(trx: Transaction<DB>, tenantId: number, seriesId: number): Promise<number | undefined> {
  const row = await trx.selectFrom('service_series').select('last_issue').where('tenant_id', '=', tenantId).where('id', '=', seriesId).forUpdate().executeTakeFirst();
  return row?.last_issue;
}

export async function issueNumbersOf(db: Db, tenantId: number, seriesId: number): Promise<number[]> {
  const rows = await db.selectFrom('service_events').select('issue_no').where('tenant_id', '=', tenantId).where('series_id', '=', seriesId).execute();
  return rows.map((r) => r.issue_no as number);
}

/** A series' issues in number order, each with its figures. */
export async function seriesIssues(db: Db, tenantId: number, seriesId: number): Promise<EventRow[]> {
  const rows = await eventColumns(db, tenantId, { kind: 'tenant' }, { seriesId }).orderBy('e.issue_no').execute();
  return rows.map(presentEventRow);
}

export async function insertImportedIssue(trx: Transaction<DB>, tenantId: number, seriesId: number, issueNo: number, values: EventValues, people: ParticipantRow[], userId: number | null): Promise<number> {
  const id = await insertEvent(trx, tenantId, values, { id: seriesId, issueNo }, userId);
  await replaceParticipants(trx, tenantId, id, people);
  return id;
}

// ---------------------------------------------------------------------------------------
// Totals

export interface OrgYearFigures extends ServiceFigures {
  orgId: number;
  year: number;
}

/**
 * The figures of every organiser org and year in the scope (the totals roll these up to branches,
 * 党委 and years): one pass over the events with their participants aggregated per event first.
 */
export async function figuresByOrgYear(db: Db, tenantId: number, scope: DataScope, f: { from?: string; to?: string; orgPath?: string }): Promise<OrgYearFigures[]> {
  const within = scope.kind === 'self' ? sql<boolean>`false` : subtree(scope, 'o.path');
  const rows = await sql<{ org_id: number; year: number; events: number; participations: number; hours: number; beneficiaries: number; trained: number; class_hours: number; media_reach: number }>`
    select e.org_id, extract(year from e.held_on)::int as year, count(*)::int as events,
      sum(e.participations)::int as participations, sum(e.participant_hours)::float8 as hours,
      sum(e.beneficiaries)::bigint as beneficiaries, sum(e.trained)::bigint as trained,
      sum(e.class_hours)::bigint as class_hours, coalesce(sum(e.media_reach), 0)::bigint as media_reach
    from service_events e
    join orgs o on o.tenant_id = e.tenant_id and o.id = e.org_id
    where e.tenant_id = ${tenantId} and ${within}
      ${f.from ? sql`and e.held_on >= ${f.from}::date` : sql``}
      ${f.to ? sql`and e.held_on <= ${f.to}::date` : sql``}
      ${f.orgPath ? sql`and o.path like ${`${escapeLike(f.orgPath)}%`}` : sql``}
    group by e.org_id, extract(year from e.held_on)`.execute(db);
  return rows.rows.map((r) => ({
    orgId: Number(r.org_id),
    year: Number(r.year),
    events: Number(r.events),
    participations: Number(r.participations),
    hours: Number(r.hours),
    beneficiaries: Number(r.beneficiaries),
    trained: Number(r.trained),
    classHours: Number(r.class_hours),
    mediaReach: Number(r.media_reach),
  }));
}

/** The events and hours of every organiser in the scope between two days, summed: the overview's card (the totals' whole, without their rows). */
export async function eventsAndHours(db: Db, tenantId: number, scope: DataScope, f: { from: string; to: string }): Promise<{ events: number; hours: number }> {
  const within = scope.kind === 'self' ? sql<boolean>`false` : subtree(scope, 'o.path');
  const rows = await sql<{ events: number; hours: number | null }>`
    select count(*)::int as events, sum(e.participant_hours)::float8 as hours
    from service_events e
    join orgs o on o.tenant_id = e.tenant_id and o.id = e.org_id
    where e.tenant_id = ${tenantId} and ${within} and e.held_on >= ${f.from}::date and e.held_on <= ${f.to}::date`.execute(db);
  return { events: Number(rows.rows[0]?.events ?? 0), hours: Number(rows.rows[0]?.hours ?? 0) };
}

export interface PersonFigures {
  memberId: number | null;
  name: string;
  kind: ParticipantKind;
  orgName: string | null;
  events: number;
  hours: number;
}

/**
 * Hours and events per person (members by record, others by name and kind), for the events in the
 * scope, by name — never ordered by amount (no rankings of people, rules.md). A member's self
 * scope sees only their own line.
 */
export async function figuresByPerson(db: Db, tenantId: number, scope: DataScope, f: { from?: string; to?: string; orgPath?: string }): Promise<PersonFigures[]> {
  const within =
    scope.kind === 'self' ? (scope.memberId === null ? sql<boolean>`false` : sql<boolean>`sp.member_id = ${scope.memberId}`) : subtree(scope, 'o.path');
  const rows = await sql<{ member_id: number | null; name: string; kind: ParticipantKind; org_name: string | null; events: number; hours: number }>`
    select max(sp.member_id) as member_id, min(coalesce(m.name, sp.name)) as name, min(sp.kind) as kind, min(mo.name) as org_name,
      count(distinct e.id)::int as events, sum(sp.hours)::float8 as hours, min(coalesce(m.name_sort, sp.name)) as sort
    from service_participants sp
    join service_events e on e.tenant_id = sp.tenant_id and e.id = sp.event_id
    join orgs o on o.tenant_id = e.tenant_id and o.id = e.org_id
    left join members m on m.tenant_id = sp.tenant_id and m.id = sp.member_id
    left join orgs mo on mo.tenant_id = m.tenant_id and mo.id = m.org_id
    where sp.tenant_id = ${tenantId} and ${within}
      ${f.from ? sql`and e.held_on >= ${f.from}::date` : sql``}
      ${f.to ? sql`and e.held_on <= ${f.to}::date` : sql``}
      ${f.orgPath ? sql`and o.path like ${`${escapeLike(f.orgPath)}%`}` : sql``}
    group by coalesce(sp.member_id::text, sp.kind || ':' || sp.name)
    order by sort, name`.execute(db);
  return rows.rows.map((r) => ({ memberId: r.member_id === null ? null : Number(r.member_id), name: r.name, kind: r.kind, orgName: r.org_name, events: Number(r.events), hours: Number(r.hours) }));
}

export interface MyEventRow {
  id: number;
  title: string;
  kind: string;
  heldOn: string;
  orgName: string;
  seriesName: string | null;
  issueNo: number | null;
  hours: number;
}

/** A member's own service, newest first (the phone page). */
export async function eventsOfMember(db: Db, tenantId: number, memberId: number, limit = 200): Promise<MyEventRow[]> {
  const rows = await db
    .selectFrom('service_participants as sp')
    .innerJoin('service_events as e', (j) => j.onRef('e.tenant_id', '=', 'sp.tenant_id').onRef('e.id', '=', 'sp.event_id'))
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'e.tenant_id').onRef('o.id', '=', 'e.org_id'))
    .leftJoin('service_series as s', (j) => j.onRef('s.tenant_id', '=', 'e.tenant_id').onRef('s.id', '=', 'e.series_id'))
    .select(['e.id', 'e.title', 'e.kind', sql<string>`e.held_on::text`.as('held_on'), 'o.name as org_name', 's.name as series_name', 'e.issue_no', sql<number>`sp.hours::float8`.as('hours')])
    .where('sp.tenant_id', '=', tenantId)
    .where('sp.member_id', '=', memberId)
    .orderBy('e.held_on', 'desc')
    .orderBy('e.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, title: r.title, kind: r.kind, heldOn: r.held_on, orgName: r.org_name, seriesName: r.series_name, issueNo: r.issue_no, hours: Number(r.hours) }));
}

// ---------------------------------------------------------------------------------------
// For the demo loader (demo/service.ts, demo/honours.ts)

export async function tenantIdByCode(db: Db, code: string): Promise<number | undefined> {
  return (await db.selectFrom('tenants').select('id').where('code', '=', code).executeTakeFirst())?.id;
}

/** Inserts a series as the demo has it (no caller, no audit). */
export async function insertDemoSeries(db: Db, tenantId: number, v: { org_id: number; name: string; kind: string; description: string; last_issue: number }): Promise<number> {
  return insertSeries(db, tenantId, v);
}
