/**
 * Service events and numbered series: the rules (kinds and place types from the unit's lists,
 * participants, the 主题党日 an event was held as, issue numbers), transactions and audit.
 *
 * Scope: a branch secretary records for their branch (and what is under it), the 党委's office for
 * all; a member reads the events they took part in. One event held as a 主题党日 links to its
 * organisational-life record: date and organiser come from that record (not typed twice), and a
 * record counts for at most one event.
 */
import { type DataScope, type ParticipantKind, type ServiceFigures, type ServiceSettings, compareDates, issueGaps, runningTotals } from '@hongyi/core';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Ctx } from '../../lib/context.js';
import { covers, requireInScope } from '../../lib/scope.js';
import { evidenceFiles } from '../../lib/evidence.js';
import { writeAudit } from '../../plugins/audit.js';
import { AppError, conflict, fieldError, notFound } from '../../plugins/errors.js';
import { loadSettings, saveSettings } from '../settings/service.js';
import {
  type EVENT_SORTS,
  type EventFilter,
  type EventRow,
  type EventValues,
  type ParticipantRow,
  type SeriesRow,
  deleteEvent,
  findEvent,
  findOrg,
  findOrglifeRecord,
  findSeries,
  insertEvent,
  insertSeries,
  listEvents,
  listSeries,
  membersByIds,
  participantsOf,
  replaceParticipants,
  seriesIssues,
  seriesNameTaken,
  settleLastIssue,
  takeIssueNumber,
  themeDayRecords,
  updateEvent,
  updateSeries,
} from './repository.js';

type Db = Ctx['db'] | Transaction<DB>;

/** A 400 naming the field, in the caller's language. */

// ---------------------------------------------------------------------------------------
// Settings (the unit's lists)

export async function serviceSettings(ctx: Ctx) {
  return loadSettings(ctx.db, ctx.tenantId, 'service');
}

export async function saveServiceSettings(ctx: Ctx, value: ServiceSettings, version: number) {
  return ctx.db.transaction().execute((trx) => saveSettings(trx, ctx.auditor, 'service', value, version, { summary: '修改服务活动设置', language: ctx.language }));
}

// ---------------------------------------------------------------------------------------
// Events

export interface ParticipantInput {
  kind: ParticipantKind;
  memberId?: number | null | undefined;
  name?: string | undefined;
  hours: number;
}

export interface EventInput {
  orgId: number;
  kind: string;
  title: string;
  heldOn: string;
  placeType: string;
  place: string;
  region: string;
  seriesId?: number | null | undefined;
  beneficiaries: number;
  trained: number;
  classHours: number;
  mediaReach?: number | null | undefined;
  orglifeRecordId?: number | null | undefined;
  note: string;
  participants: ParticipantInput[];
}

/** The org if it exists in the unit and the scope reaches it (400 on the field / 403). */
async function orgInScope(ctx: Ctx, db: Db, scope: DataScope, orgId: number, path: string) {
  const org = await findOrg(db, ctx.tenantId, orgId);
  if (!org) throw fieldError(ctx.language, path, 'SERVICE_ORG_UNKNOWN', { id: orgId });
  if (!covers(scope, org.path)) throw new AppError(403, 'OUT_OF_SCOPE');
  return org;
}

/** An event the caller may see: in their subtree, or (a member) one they took part in. */
async function visibleEvent(ctx: Ctx, db: Db, id: number, permission: 'service.read' | 'service.write'): Promise<EventRow & { people: ParticipantRow[] }> {
  const scope = ctx.scope(permission);
  const event = await findEvent(db, ctx.tenantId, id);
  if (!event) throw notFound('SERVICE_EVENT_NOT_FOUND', id);
  const people = await participantsOf(db, ctx.tenantId, id);
  const mine = scope.kind === 'self' && people.some((p) => p.memberId !== null && p.memberId === scope.memberId);
  requireInScope(scope, { orgPath: event.orgPath, memberId: mine ? scope.memberId : null }, notFound('SERVICE_EVENT_NOT_FOUND', id));
  return { ...event, people };
}

/** Checks an event's input against the unit's lists and the records it names; returns the columns and participants to store. */
async function checkEvent(ctx: Ctx, db: Db, input: EventInput, before: EventRow | null): Promise<{ values: EventValues; people: ParticipantRow[] }> {
  const scope = ctx.scope('service.write');
  const settings = (await loadSettings(db, ctx.tenantId, 'service')).value;
  // A kind or place type taken off the list stays valid on the events that already have it.
  if (!settings.eventKinds.includes(input.kind) && input.kind !== before?.kind) throw fieldError(ctx.language, 'body.kind', 'SERVICE_KIND_UNKNOWN', { kind: input.kind });
  if (input.placeType !== '' && !settings.placeTypes.includes(input.placeType) && input.placeType !== before?.placeType) {
    throw fieldError(ctx.language, 'body.placeType', 'SERVICE_PLACE_TYPE_UNKNOWN', { placeType: input.placeType });
  }
  let orgId = input.orgId;
  let heldOn = input.heldOn;
  const recordId = input.orglifeRecordId ?? null;
  if (recordId !== null) {
    // Held as a 主题党日: the organisational-life record decides the date and the organiser.
    const record = await findOrglifeRecord(db, ctx.tenantId, recordId);
    if (!record) throw fieldError(ctx.language, 'body.orglifeRecordId', 'SERVICE_ORGLIFE_RECORD_UNKNOWN', { id: recordId });
    if (!covers(scope, record.orgPath)) throw new AppError(403, 'OUT_OF_SCOPE');
    if (!record.kinds.includes('theme_party_day')) throw fieldError(ctx.language, 'body.orglifeRecordId', 'SERVICE_ORGLIFE_NOT_THEME_DAY', { date: record.heldOn });
    if (record.eventId !== null && record.eventId !== before?.id) throw fieldError(ctx.language, 'body.orglifeRecordId', 'SERVICE_ORGLIFE_LINKED', { date: record.heldOn });
    orgId = record.orgId;
    heldOn = record.heldOn;
  }
  await orgInScope(ctx, db, scope, orgId, 'body.orgId');
  if (compareDates(heldOn, ctx.today) > 0) throw fieldError(ctx.language, 'body.heldOn', 'SERVICE_HELD_IN_FUTURE', { date: heldOn });

  const memberIds = input.participants.flatMap((p) => (p.kind === 'member' && p.memberId ? [p.memberId] : []));
  const members = new Map((await membersByIds(db, ctx.tenantId, memberIds)).map((m) => [m.id, m]));
  const seen = new Set<string>();
  const people: ParticipantRow[] = input.participants.map((p, i) => {
    const path = `body.participants[${i}]`;
    let name: string;
    let memberId: number | null = null;
    if (p.kind === 'member') {
      const member = p.memberId ? members.get(p.memberId) : undefined;
      if (!p.memberId) throw fieldError(ctx.language, `${path}.memberId`, 'SERVICE_PARTICIPANT_MEMBER_REQUIRED', { row: i + 1 });
      if (!member) throw fieldError(ctx.language, `${path}.memberId`, 'SERVICE_PARTICIPANT_MEMBER_UNKNOWN', { row: i + 1, id: p.memberId });
      name = member.name;
      memberId = member.id;
    } else {
      name = (p.name ?? '').trim();
      if (!name) throw fieldError(ctx.language, `${path}.name`, 'SERVICE_PARTICIPANT_NAME_REQUIRED', { row: i + 1 });
    }
    const key = memberId !== null ? `m${memberId}` : `${p.kind}:${name}`;
    if (seen.has(key)) throw fieldError(ctx.language, path, 'SERVICE_PARTICIPANT_DUPLICATE', { row: i + 1, name });
    seen.add(key);
    return { kind: p.kind, memberId, name, hours: Math.round(p.hours * 10) / 10 };
  });
  return {
    values: {
      org_id: orgId,
      kind: input.kind,
      title: input.title,
      held_on: heldOn,
      place_type: input.placeType,
      place: input.place,
      region: input.region,
      beneficiaries: input.beneficiaries,
      trained: input.trained,
      class_hours: input.classHours,
      media_reach: input.mediaReach ?? null,
      orglife_record_id: recordId,
      note: input.note,
    },
    people,
  };
}

export async function eventDetail(ctx: Ctx, id: number) {
  const event = await visibleEvent(ctx, ctx.db, id, 'service.read');
  const photos = await eventPhotos.of(ctx, id);
  const record = event.orglifeRecordId !== null ? await findOrglifeRecord(ctx.db, ctx.tenantId, event.orglifeRecordId) : undefined;
  const canEdit = ctx.can('service.write') && covers(ctx.scope('service.write'), event.orgPath);
  return { event, photos, orglifeRecord: record ? { id: record.id, heldOn: record.heldOn, kinds: record.kinds } : null, canEdit };
}

export async function createEvent(ctx: Ctx, input: EventInput): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const { values, people } = await checkEvent(ctx, trx, input, null);
    let series: { id: number; issueNo: number } | null = null;
    if (input.seriesId) {
      const found = await findSeries(trx, ctx.tenantId, input.seriesId);
      if (!found) throw fieldError(ctx.language, 'body.seriesId', 'SERVICE_SERIES_UNKNOWN', { id: input.seriesId });
      if (!covers(ctx.scope('service.write'), found.orgPath)) throw new AppError(403, 'OUT_OF_SCOPE');
      series = { id: found.id, issueNo: await takeIssueNumber(trx, ctx.tenantId, found.id) };
    }
    const id = await insertEvent(trx, ctx.tenantId, values, series, ctx.userId);
    await replaceParticipants(trx, ctx.tenantId, id, people);
    await writeAudit(trx, ctx.auditor, {
      action: 'create',
      entityType: 'service_event',
      entityId: id,
      summary: `记录服务活动：${values.title}${series ? `（第 ${series.issueNo} 期）` : ''}`,
      after: { ...values, series, participants: people },
    });
    return id;
  });
}

export async function changeEvent(ctx: Ctx, id: number, version: number, input: EventInput): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await visibleEvent(ctx, trx, id, 'service.write');
    const { values, people } = await checkEvent(ctx, trx, input, before);
    if (!(await updateEvent(trx, ctx.tenantId, id, version, values))) throw conflict();
    await replaceParticipants(trx, ctx.tenantId, id, people);
    await writeAudit(trx, ctx.auditor, { action: 'update', entityType: 'service_event', entityId: id, summary: `修改服务活动：${values.title}`, before, after: { ...values, participants: people } });
  });
}

/**
 * Deletes an event. An issue of a series may go only when it is the latest (its number is given
 * back); an earlier one has been published under its number and is corrected, not removed.
 */
export async function removeEvent(ctx: Ctx, id: number, version: number): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await visibleEvent(ctx, trx, id, 'service.write');
    if (before.version !== version) throw conflict();
    if (before.seriesId !== null && before.issueNo !== null) {
      const series = await findSeries(trx, ctx.tenantId, before.seriesId);
      if (series && before.issueNo < series.lastIssue) throw new AppError(409, 'SERVICE_ISSUE_NOT_LAST', { issue: before.issueNo, last: series.lastIssue });
    }
    if (!(await deleteEvent(trx, ctx.tenantId, id, version))) throw conflict();
    if (before.seriesId !== null) await settleLastIssue(trx, ctx.tenantId, before.seriesId, 0);
    await writeAudit(trx, ctx.auditor, { action: 'delete', entityType: 'service_event', entityId: id, summary: `删除服务活动：${before.title}`, before });
  });
}

export async function eventList(ctx: Ctx, filter: EventFilter & { orgId?: number | undefined; year?: number | undefined }, page: { page: number; pageSize: number; sort: keyof typeof EVENT_SORTS; order: 'asc' | 'desc' }) {
  const scope = ctx.scope('service.read');
  const f: EventFilter = { ...filter };
  if (filter.orgId) {
    const org = await findOrg(ctx.db, ctx.tenantId, filter.orgId);
    if (!org) throw fieldError(ctx.language, 'query.orgId', 'SERVICE_ORG_UNKNOWN', { id: filter.orgId });
    if (scope.kind !== 'self' && !covers(scope, org.path)) throw new AppError(403, 'OUT_OF_SCOPE');
    f.orgPath = org.path;
  }
  if (filter.year) {
    f.from = `${filter.year}-01-01`;
    f.to = `${filter.year}-12-31`;
  }
  return listEvents(ctx.db, ctx.tenantId, scope, f, { limit: page.pageSize, offset: (page.page - 1) * page.pageSize, sort: page.sort, order: page.order });
}

/** The 主题党日 records of an org an event could be held as (those not counted by another event). */
export async function themeDayCandidates(ctx: Ctx, orgId: number) {
  const org = await orgInScope(ctx, ctx.db, ctx.scope('service.write'), orgId, 'query.orgId');
  const records = await themeDayRecords(ctx.db, ctx.tenantId, org.id);
  return records.map((r) => ({ id: r.id, heldOn: r.heldOn, kinds: r.kinds, eventId: r.eventId }));
}

// ---------------------------------------------------------------------------------------
// Photos

export const eventPhotos = evidenceFiles({
  store: { table: 'service_photos', owner: 'event_id' },
  entityType: 'service_photo', notFound: 'SERVICE_PHOTO_NOT_FOUND', added: '上传服务活动照片', withdrawn: '撤回服务活动照片',
  async owner(ctx, db, eventId: number, mode) {
    const event = await visibleEvent(ctx, db, eventId, mode === 'read' ? 'service.read' : 'service.write');
    return { id: event.id, label: event.title, audit: { eventId } };
  },
});

// ---------------------------------------------------------------------------------------
// Series

async function visibleSeries(ctx: Ctx, db: Db, id: number, permission: 'service.read' | 'service.write'): Promise<SeriesRow> {
  const scope = ctx.scope(permission);
  const series = await findSeries(db, ctx.tenantId, id);
  if (!series) throw notFound('SERVICE_SERIES_NOT_FOUND', id);
  if (scope.kind === 'self') {
    // A member sees a series they took part in.
    const mine = (await listSeries(db, ctx.tenantId, scope)).some((s) => s.id === id);
    if (!mine) throw new AppError(403, 'OUT_OF_SCOPE');
    return series;
  }
  return requireInScope(scope, series, notFound('SERVICE_SERIES_NOT_FOUND', id));
}

export async function seriesList(ctx: Ctx) {
  return listSeries(ctx.db, ctx.tenantId, ctx.scope('service.read'));
}

export interface SeriesInput {
  orgId: number;
  name: string;
  kind: string;
  description: string;
  /** The number of the last issue held before the series was recorded here (the next one follows it). */
  lastIssue: number;
}

export async function createSeries(ctx: Ctx, input: SeriesInput): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    await orgInScope(ctx, trx, ctx.scope('service.write'), input.orgId, 'body.orgId');
    if (await seriesNameTaken(trx, ctx.tenantId, input.name, null)) throw fieldError(ctx.language, 'body.name', 'SERVICE_SERIES_NAME_TAKEN', { name: input.name });
    const id = await insertSeries(trx, ctx.tenantId, { org_id: input.orgId, name: input.name, kind: input.kind, description: input.description, last_issue: input.lastIssue });
    await writeAudit(trx, ctx.auditor, { action: 'create', entityType: 'service_series', entityId: id, summary: `新建系列活动：${input.name}`, after: input });
    return id;
  });
}

export async function changeSeries(ctx: Ctx, id: number, version: number, input: { name: string; kind: string; description: string }): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await visibleSeries(ctx, trx, id, 'service.write');
    if (await seriesNameTaken(trx, ctx.tenantId, input.name, id)) throw fieldError(ctx.language, 'body.name', 'SERVICE_SERIES_NAME_TAKEN', { name: input.name });
    if (!(await updateSeries(trx, ctx.tenantId, id, version, input))) throw conflict();
    await writeAudit(trx, ctx.auditor, { action: 'update', entityType: 'service_series', entityId: id, summary: `修改系列活动：${input.name}`, before, after: input });
  });
}

/** The series page: every issue in number order with the running totals, and the numbers missing between them. */
export async function seriesPage(ctx: Ctx, id: number) {
  const series = await visibleSeries(ctx, ctx.db, id, 'service.read');
  const rows = await seriesIssues(ctx.db, ctx.tenantId, id);
  const issues = runningTotals(rows.map((e) => ({ ...e, issueNo: e.issueNo ?? 0, figures: figuresOf(e) })));
  return { series, issues, gaps: issueGaps(rows.map((e) => e.issueNo ?? 0)) };
}

/** The figures one event adds to any total. */
export function figuresOf(e: EventRow): ServiceFigures {
  return { events: 1, participations: e.participants, hours: e.hours, beneficiaries: e.beneficiaries, trained: e.trained, classHours: e.classHours, mediaReach: e.mediaReach ?? 0 };
}

