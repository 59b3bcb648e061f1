/**
 * Contact points (联系点): a leader's account linked to a branch for a period. The office
 * (contacts.write) keeps them; a leader sees their own, a secretary those of their branches.
 */
import { compareDates, periodsOverlap } from '@hongyi/core';
import type { Ctx } from '../../lib/context.js';
import { writeAudit } from '../../plugins/audit.js';
import { AppError, conflict, fieldError, notFound } from '../../plugins/errors.js';
import { type PointRow, type PointValues, deletePoint, findAccount, findPoint, insertPoint, listPoints, siblingPoints, updatePoint, visitSpan } from './repository.js';
import { type Db, contactView, leaderAccounts, orgInScope, viewCovers } from './service.js';

export interface PointInput {
  userId: number;
  orgId: number;
  fromOn: string;
  toOn: string | null;
  note: string;
}

export interface PointListFilter {
  userId?: number | undefined;
  orgId?: number | undefined;
  activeOn?: string | undefined;
}

/** A contact point as the API shows it (no paths). */
export function presentPoint(p: PointRow, today: string) {
  const { orgPath: _p, ...rest } = p;
  return { ...rest, active: compareDates(p.fromOn, today) <= 0 && (p.toOn === null || compareDates(today, p.toOn) <= 0) };
}

export async function pointList(ctx: Ctx, f: PointListFilter) {
  const orgPath = f.orgId ? (await orgInScope(ctx, ctx.db, f.orgId, 'query.orgId', 'contacts.read')).path : undefined;
  const rows = await listPoints(ctx.db, ctx.tenantId, contactView(ctx), { userId: f.userId, orgPath, activeOn: f.activeOn });
  return rows.map((p) => presentPoint(p, ctx.today));
}

/** A link the caller may see (404 for none in the unit, 403 for another leader's or branch's). */
export async function visiblePoint(ctx: Ctx, db: Db, id: number): Promise<PointRow> {
  const point = await findPoint(db, ctx.tenantId, id);
  if (!point) throw notFound('CONTACT_POINT_NOT_FOUND', id);
  if (!viewCovers(contactView(ctx), point)) throw new AppError(403, 'OUT_OF_SCOPE');
  return point;
}

async function checkPoint(ctx: Ctx, db: Db, input: PointInput, id: number | null): Promise<PointValues> {
  const account = await findAccount(db, ctx.tenantId, input.userId);
  if (!account || !account.active) throw fieldError(ctx.language, 'body.userId', 'CONTACT_LEADER_UNKNOWN', { id: input.userId });
  if (!(await leaderAccounts(ctx, db)).some((l) => l.id === input.userId)) throw fieldError(ctx.language, 'body.userId', 'CONTACT_LEADER_NOT_ELIGIBLE', { name: account.name });
  const org = await orgInScope(ctx, db, input.orgId, 'body.orgId', 'contacts.write');
  if (org.dissolved_on !== null && id === null) throw fieldError(ctx.language, 'body.orgId', 'CONTACT_ORG_DISSOLVED', { name: org.name });
  if (input.toOn !== null && compareDates(input.toOn, input.fromOn) < 0) throw fieldError(ctx.language, 'body.toOn', 'CONTACT_PERIOD_ORDER', { from: input.fromOn, to: input.toOn });
  const clash = (await siblingPoints(db, ctx.tenantId, input.userId, org.id, id)).find((s) => periodsOverlap({ fromOn: s.from_on, toOn: s.to_on }, input));
  if (clash) throw fieldError(ctx.language, 'body.fromOn', 'CONTACT_POINT_OVERLAP', { from: clash.from_on, to: clash.to_on ?? '—' });
  if (id !== null) {
    const span = await visitSpan(db, ctx.tenantId, id);
    if (span.first && (compareDates(span.first, input.fromOn) < 0 || (input.toOn !== null && span.last && compareDates(input.toOn, span.last) < 0))) {
      throw fieldError(ctx.language, compareDates(span.first, input.fromOn) < 0 ? 'body.fromOn' : 'body.toOn', 'CONTACT_POINT_VISITS_OUTSIDE', { first: span.first, last: span.last ?? span.first });
    }
  }
  return { user_id: input.userId, org_id: org.id, from_on: input.fromOn, to_on: input.toOn, note: input.note };
}

export async function createPoint(ctx: Ctx, input: PointInput): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const values = await checkPoint(ctx, trx, input, null);
    const id = await insertPoint(trx, ctx.tenantId, values);
    const point = (await findPoint(trx, ctx.tenantId, id))!;
    await writeAudit(trx, ctx.auditor, { action: 'create', entityType: 'contact_point', entityId: id, summary: `设立联系点：${point.leaderName} — ${point.orgName}（${values.from_on} 起）`, after: values });
    return id;
  });
}

export async function changePoint(ctx: Ctx, id: number, version: number, input: PointInput): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await visiblePoint(ctx, trx, id);
    const values = await checkPoint(ctx, trx, input, id);
    if (!(await updatePoint(trx, ctx.tenantId, id, version, values))) throw conflict();
    await writeAudit(trx, ctx.auditor, { action: 'update', entityType: 'contact_point', entityId: id, summary: `修改联系点：${before.leaderName} — ${before.orgName}`, before, after: values });
  });
}

/** Deletes a link entered by mistake; one with visits is ended instead (its period's end), never deleted. */
export async function removePoint(ctx: Ctx, id: number, version: number): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await visiblePoint(ctx, trx, id);
    const span = await visitSpan(trx, ctx.tenantId, id);
    if (span.count > 0) throw new AppError(409, 'CONTACT_POINT_HAS_VISITS', { count: span.count });
    if (!(await deletePoint(trx, ctx.tenantId, id, version))) throw conflict();
    await writeAudit(trx, ctx.auditor, { action: 'delete', entityType: 'contact_point', entityId: id, summary: `删除联系点：${before.leaderName} — ${before.orgName}`, before });
  });
}

/** The leaders offered when the office sets up a contact point. */
export async function leaderChoices(ctx: Ctx) {
  return leaderAccounts(ctx);
}
