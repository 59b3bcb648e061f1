/**
 * Visits (调研/走访) under contact points, and their follow-ups (整改/督办事项). The office records
 * them for any contact point; a leader only under their own. A follow-up is closed by its owner
 * (usually the branch secretary), the leader of the contact point or the office; it reaches its
 * owner through the reminder digest (digest.ts) when it is due soon or overdue.
 */
import { FOLLOW_UP_DUE_SOON_DAYS, addDays, compareDates, followUpState, periodHolds } from '@hongyi/core';
import type { Ctx } from '../../lib/context.js';
import { covers } from '../../lib/scope.js';
import { writeAudit } from '../../plugins/audit.js';
import { AppError, conflict, fieldError, notFound } from '../../plugins/errors.js';
import {
  type FollowUpListRow,
  type FollowUpRow,
  type FollowUpValues,
  type PointRow,
  type VisitRow,
  type VisitValues,
  deleteFollowUp,
  deleteVisit,
  findAccounts,
  findFollowUp,
  findPoint,
  findVisit,
  insertFollowUps,
  insertVisit,
  listFollowUps,
  listVisits,
  allVisits,
  setFollowUpDone,
  updateFollowUp,
  updateVisit,
} from './repository.js';
import { type Db, contactView, contactsSettings, orgInScope, viewCovers } from './service.js';

export interface FollowUpInput {
  text: string;
  ownerUserId: number;
  /** Null: the visit's day plus the unit's follow-up days. */
  dueOn: string | null;
}

export interface VisitInput {
  pointId: number;
  visitedOn: string;
  purpose: string;
  participants: string;
  notes: string;
}

export interface VisitListFilter {
  pointId?: number | undefined;
  userId?: number | undefined;
  orgId?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

// ---------------------------------------------------------------------------------------
// Who may do what

/** The office for any contact point in its write scope; a leader for their own. */
function mayRecord(ctx: Ctx, point: Pick<PointRow, 'userId' | 'orgPath'>): boolean {
  if (ctx.can('contacts.write')) return covers(ctx.scope('contacts.write'), point.orgPath);
  return ctx.can('contacts.visit') && point.userId === ctx.userId;
}

/** 403 unless the caller records visits (office or leader) and this contact point is one they may record for. */
function requireRecorder(ctx: Ctx, point: Pick<PointRow, 'userId' | 'orgPath'>): void {
  if (!ctx.can('contacts.write') && !ctx.can('contacts.visit')) throw new AppError(403, 'FORBIDDEN');
  if (!mayRecord(ctx, point)) throw new AppError(403, 'CONTACT_NOT_OWN_POINT');
}

function seesVisit(ctx: Ctx, visit: VisitRow): boolean {
  return viewCovers(contactView(ctx), { userId: visit.userId, orgPath: visit.orgPath }) || visit.followUps.some((f) => f.ownerUserId === ctx.userId);
}

async function visibleVisit(ctx: Ctx, db: Db, id: number): Promise<VisitRow> {
  const visit = await findVisit(db, ctx.tenantId, id);
  if (!visit) throw notFound('CONTACT_VISIT_NOT_FOUND', id);
  if (!seesVisit(ctx, visit)) throw new AppError(403, 'OUT_OF_SCOPE');
  return visit;
}

/** A visit the caller may change: they see it and record for its contact point. */
async function writableVisit(ctx: Ctx, db: Db, id: number): Promise<VisitRow> {
  const visit = await findVisit(db, ctx.tenantId, id);
  if (!visit) throw notFound('CONTACT_VISIT_NOT_FOUND', id);
  if (!ctx.can('contacts.write') && !ctx.can('contacts.visit')) throw new AppError(403, 'FORBIDDEN');
  if (!seesVisit(ctx, visit)) throw new AppError(403, 'OUT_OF_SCOPE');
  requireRecorder(ctx, visit);
  return visit;
}

// ---------------------------------------------------------------------------------------
// Presenting

export function presentFollowUp(f: FollowUpRow, today: string, ctx: Ctx, point: Pick<PointRow, 'userId' | 'orgPath'>) {
  const recorder = mayRecord(ctx, point);
  return {
    ...f,
    state: followUpState(f.dueOn, f.doneOn, today),
    canEdit: recorder && f.status === 'open',
    canClose: recorder || f.ownerUserId === ctx.userId,
  };
}

function presentVisit(ctx: Ctx, v: VisitRow) {
  const { orgPath: _p, pointFromOn: _f, pointToOn: _t, followUps, ...rest } = v;
  return { ...rest, followUps: followUps.map((f) => presentFollowUp(f, ctx.today, ctx, v)), canEdit: mayRecord(ctx, v) };
}

// ---------------------------------------------------------------------------------------
// Visits

async function filterOf(ctx: Ctx, f: VisitListFilter) {
  return { pointId: f.pointId, userId: f.userId, orgPath: f.orgId ? (await orgInScope(ctx, ctx.db, f.orgId, 'query.orgId', 'contacts.read')).path : undefined, from: f.from, to: f.to };
}

export async function visitList(ctx: Ctx, f: VisitListFilter, page: { page: number; pageSize: number }) {
  const { items, total } = await listVisits(ctx.db, ctx.tenantId, contactView(ctx), await filterOf(ctx, f), { limit: page.pageSize, offset: (page.page - 1) * page.pageSize });
  return { items: items.map((v) => presentVisit(ctx, v)), total };
}

/** Every visit the caller sees under the filter, with its follow-ups, for the export. */
export async function visitsForExport(ctx: Ctx, f: VisitListFilter) {
  return allVisits(ctx.db, ctx.tenantId, contactView(ctx), await filterOf(ctx, f));
}

export async function visitDetail(ctx: Ctx, id: number) {
  return presentVisit(ctx, await visibleVisit(ctx, ctx.db, id));
}

/** The contact point of a visit: known in the unit (400 on body.pointId), recorded for by the caller (403), holding the day. */
async function pointForVisit(ctx: Ctx, db: Db, input: VisitInput): Promise<PointRow> {
  const point = await findPoint(db, ctx.tenantId, input.pointId);
  if (!point) throw fieldError(ctx.language, 'body.pointId', 'CONTACT_POINT_UNKNOWN', { id: input.pointId });
  requireRecorder(ctx, point);
  if (compareDates(input.visitedOn, ctx.today) > 0) throw fieldError(ctx.language, 'body.visitedOn', 'CONTACT_DATE_FUTURE', { date: input.visitedOn });
  if (!periodHolds(point.fromOn, point.toOn, input.visitedOn)) throw fieldError(ctx.language, 'body.visitedOn', 'CONTACT_VISIT_OUTSIDE_POINT', { from: point.fromOn, to: point.toOn ?? '—' });
  return point;
}

async function checkVisit(ctx: Ctx, db: Db, input: VisitInput, before: VisitRow | null): Promise<VisitValues> {
  await pointForVisit(ctx, db, input);
  if (input.purpose) {
    const { visitPurposes } = (await contactsSettings(ctx, db)).value;
    if (!visitPurposes.includes(input.purpose) && before?.purpose !== input.purpose) throw fieldError(ctx.language, 'body.purpose', 'CONTACT_PURPOSE_UNKNOWN', { purpose: input.purpose });
  }
  return { point_id: input.pointId, visited_on: input.visitedOn, purpose: input.purpose, participants: input.participants, notes: input.notes };
}

/** Follow-ups' values: owners that are active accounts of the unit, due dates not before the visit (default: the unit's follow-up days after it). */
async function checkFollowUps(ctx: Ctx, db: Db, list: readonly FollowUpInput[], visitedOn: string, path: (i: number) => string): Promise<FollowUpValues[]> {
  if (list.length === 0) return [];
  const { followUpDays } = (await contactsSettings(ctx, db)).value;
  const accounts = new Map((await findAccounts(db, ctx.tenantId, [...new Set(list.map((f) => f.ownerUserId))])).map((a) => [a.id, a]));
  return list.map((f, i) => {
    if (!accounts.get(f.ownerUserId)?.active) throw fieldError(ctx.language, `${path(i)}.ownerUserId`, 'CONTACT_OWNER_UNKNOWN', { id: f.ownerUserId });
    const dueOn = f.dueOn ?? addDays(visitedOn, followUpDays);
    if (compareDates(dueOn, visitedOn) < 0) throw fieldError(ctx.language, `${path(i)}.dueOn`, 'CONTACT_DUE_BEFORE_VISIT', { due: dueOn, visited: visitedOn });
    return { text: f.text, owner_user_id: f.ownerUserId, due_on: dueOn };
  });
}

export async function createVisit(ctx: Ctx, input: VisitInput & { followUps: FollowUpInput[] }): Promise<{ id: number; followUpIds: number[] }> {
  return ctx.db.transaction().execute(async (trx) => {
    const values = await checkVisit(ctx, trx, input, null);
    const followUps = await checkFollowUps(ctx, trx, input.followUps, input.visitedOn, (i) => `body.followUps[${i}]`);
    const id = await insertVisit(trx, ctx.tenantId, values, ctx.auditor);
    const followUpIds = await insertFollowUps(trx, ctx.tenantId, id, followUps);
    const visit = (await findVisit(trx, ctx.tenantId, id))!;
    await writeAudit(trx, ctx.auditor, {
      action: 'create',
      entityType: 'contact_visit',
      entityId: id,
      summary: `记录联系点走访：${visit.leaderName} — ${visit.orgName}（${values.visited_on}${followUps.length > 0 ? `，整改事项 ${followUps.length} 项` : ''}）`,
      after: { ...values, follow_ups: followUps },
    });
    return { id, followUpIds };
  });
}

export async function changeVisit(ctx: Ctx, id: number, version: number, input: VisitInput): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await writableVisit(ctx, trx, id);
    const values = await checkVisit(ctx, trx, input, before);
    const firstDue = before.followUps.reduce<string | null>((min, f) => (min === null || compareDates(f.dueOn, min) < 0 ? f.dueOn : min), null);
    if (firstDue && compareDates(firstDue, values.visited_on) < 0) throw fieldError(ctx.language, 'body.visitedOn', 'CONTACT_DUE_BEFORE_VISIT', { due: firstDue, visited: values.visited_on });
    if (!(await updateVisit(trx, ctx.tenantId, id, version, values))) throw conflict();
    const { followUps: _f, ...kept } = before;
    await writeAudit(trx, ctx.auditor, { action: 'update', entityType: 'contact_visit', entityId: id, summary: `修改联系点走访：${before.leaderName} — ${before.orgName}（${values.visited_on}）`, before: kept, after: values });
  });
}

export async function removeVisit(ctx: Ctx, id: number, version: number): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await writableVisit(ctx, trx, id);
    if (!(await deleteVisit(trx, ctx.tenantId, id, version))) throw conflict();
    await writeAudit(trx, ctx.auditor, { action: 'delete', entityType: 'contact_visit', entityId: id, summary: `删除联系点走访：${before.leaderName} — ${before.orgName}（${before.visitedOn}）`, before });
  });
}

// ---------------------------------------------------------------------------------------
// Follow-ups

export interface FollowUpListFilter {
  mine?: boolean | undefined;
  state?: 'open' | 'done' | 'overdue' | 'due_soon' | undefined;
  orgId?: number | undefined;
}

export async function followUpList(ctx: Ctx, f: FollowUpListFilter, page: { page: number; pageSize: number }) {
  const orgPath = f.orgId ? (await orgInScope(ctx, ctx.db, f.orgId, 'query.orgId', 'contacts.read')).path : undefined;
  const filter = {
    mine: f.mine,
    orgPath,
    status: f.state === 'done' ? ('done' as const) : f.state === 'open' ? ('open' as const) : undefined,
    dueFrom: f.state === 'due_soon' ? ctx.today : undefined,
    dueTo: f.state === 'overdue' ? addDays(ctx.today, -1) : f.state === 'due_soon' ? addDays(ctx.today, FOLLOW_UP_DUE_SOON_DAYS) : undefined,
  };
  const { items, total } = await listFollowUps(ctx.db, ctx.tenantId, contactView(ctx), filter, { limit: page.pageSize, offset: (page.page - 1) * page.pageSize });
  return { items: items.map((row) => presentListed(ctx, row)), total };
}

function presentListed(ctx: Ctx, row: FollowUpListRow) {
  const { leaderUserId, pointId: _p, orgPath, ...rest } = row;
  const { state, canEdit, canClose } = presentFollowUp(row, ctx.today, ctx, { userId: leaderUserId, orgPath });
  return { ...rest, state, canEdit, canClose };
}

type FoundFollowUp = NonNullable<Awaited<ReturnType<typeof findFollowUp>>>;

/** A follow-up the caller sees (404 none in the unit, 403 not theirs to see). */
async function visibleFollowUp(ctx: Ctx, db: Db, id: number): Promise<FoundFollowUp> {
  const f = await findFollowUp(db, ctx.tenantId, id);
  if (!f) throw notFound('CONTACT_FOLLOWUP_NOT_FOUND', id);
  if (f.owner_user_id !== ctx.userId && !viewCovers(contactView(ctx), { userId: f.leader_user_id, orgPath: f.org_path })) throw new AppError(403, 'OUT_OF_SCOPE');
  return f;
}

/** Adds follow-ups to a visit (the office, or the leader of its contact point). */
export async function addFollowUps(ctx: Ctx, visitId: number, list: FollowUpInput[]): Promise<number[]> {
  return ctx.db.transaction().execute(async (trx) => {
    const visit = await writableVisit(ctx, trx, visitId);
    const values = await checkFollowUps(ctx, trx, list, visit.visitedOn, (i) => `body.followUps[${i}]`);
    const ids = await insertFollowUps(trx, ctx.tenantId, visit.id, values);
    for (const [i, id] of ids.entries()) {
      await writeAudit(trx, ctx.auditor, { action: 'create', entityType: 'contact_followup', entityId: id, summary: `添加整改事项：${visit.orgName} — ${values[i]!.text}（${values[i]!.due_on} 前）`, after: values[i] });
    }
    return ids;
  });
}

export async function changeFollowUp(ctx: Ctx, id: number, version: number, input: FollowUpInput): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await visibleFollowUp(ctx, trx, id);
    requireRecorder(ctx, { userId: before.leader_user_id, orgPath: before.org_path });
    if (before.status === 'done') throw new AppError(409, 'CONTACT_FOLLOWUP_CLOSED');
    const [values] = await checkFollowUps(ctx, trx, [input], before.visited_on, () => 'body');
    if (!(await updateFollowUp(trx, ctx.tenantId, id, version, values!))) throw conflict();
    await writeAudit(trx, ctx.auditor, { action: 'update', entityType: 'contact_followup', entityId: id, summary: `修改整改事项：${before.org_name} — ${values!.text}`, before, after: values });
  });
}

/** Closes a follow-up: its owner, the leader of its contact point or the office; the day (not before the visit, not ahead) and what was done. */
export async function closeFollowUp(ctx: Ctx, id: number, input: { version: number; doneOn: string | null; note: string }) {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await visibleFollowUp(ctx, trx, id);
    const point = { userId: before.leader_user_id, orgPath: before.org_path };
    if (before.owner_user_id !== ctx.userId && !mayRecord(ctx, point)) throw new AppError(403, 'CONTACT_FOLLOWUP_NOT_YOURS');
    const doneOn = input.doneOn ?? ctx.today;
    if (compareDates(doneOn, ctx.today) > 0) throw fieldError(ctx.language, 'body.doneOn', 'CONTACT_DATE_FUTURE', { date: doneOn });
    if (compareDates(doneOn, before.visited_on) < 0) throw fieldError(ctx.language, 'body.doneOn', 'CONTACT_DONE_BEFORE_VISIT', { date: doneOn, visited: before.visited_on });
    if (!(await setFollowUpDone(trx, ctx.tenantId, id, input.version, { on: doneOn, note: input.note }))) throw conflict();
    await writeAudit(trx, ctx.auditor, { action: 'update', entityType: 'contact_followup', entityId: id, summary: `整改事项办结：${before.org_name} — ${before.text}（${doneOn}）`, before, after: { status: 'done', done_on: doneOn, done_note: input.note } });
    return { id, version: input.version + 1, state: 'done' as const };
  });
}

/** Reopens a follow-up closed by mistake (whoever may close it). */
export async function reopenFollowUp(ctx: Ctx, id: number, version: number) {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await visibleFollowUp(ctx, trx, id);
    if (before.owner_user_id !== ctx.userId && !mayRecord(ctx, { userId: before.leader_user_id, orgPath: before.org_path })) throw new AppError(403, 'CONTACT_FOLLOWUP_NOT_YOURS');
    if (!(await setFollowUpDone(trx, ctx.tenantId, id, version, null))) throw conflict();
    await writeAudit(trx, ctx.auditor, { action: 'update', entityType: 'contact_followup', entityId: id, summary: `整改事项重新打开：${before.org_name} — ${before.text}`, before, after: { status: 'open' } });
    return { id, version: version + 1, state: followUpState(before.due_on, null, ctx.today) };
  });
}

export async function removeFollowUp(ctx: Ctx, id: number, version: number): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await visibleFollowUp(ctx, trx, id);
    requireRecorder(ctx, { userId: before.leader_user_id, orgPath: before.org_path });
    if (!(await deleteFollowUp(trx, ctx.tenantId, id, version))) throw conflict();
    await writeAudit(trx, ctx.auditor, { action: 'delete', entityType: 'contact_followup', entityId: id, summary: `删除整改事项：${before.org_name} — ${before.text}`, before });
  });
}
