/**
 * The yearly plan of a branch (or 党委): generated from the rules once a year, then edited; each
 * item is done when a record completes it, overdue when its date passed without one.
 */
import { BRANCH_ORG_TYPES, type MeetingKind, generateYearPlan, kindProblems, planItemState } from '@hongyi/core';
import type { Ctx } from '../../lib/context.js';
import { writeAudit } from '../../plugins/audit.js';
import { AppError, conflict, notFound } from '../../plugins/errors.js';
import {
  type PlanItemsWhere,
  completingRecordOn,
  deletePlanItem,
  fullMembersUnder,
  hasPlanOfYear,
  insertPlanItem,
  insertPlanItems,
  planItemById,
  planItemRows,
  updatePlanItem,
} from './repository-plan.js';
import { KIND_NAMES, kindLabel } from './schemas.js';
import { type OrgRow, loadSettings, orgInScope } from './service.js';

/** The orgs that keep a yearly plan: the 党委 and branches (a general branch holds no meetings of its own). */
export const PLAN_ORG_TYPES = ['committee', ...BRANCH_ORG_TYPES] as const;

const zhOf = (ctx: Ctx) => ctx.language === 'zh-CN';

/** Plan items with the record completing each and their state against the server's today. */
async function planItems(ctx: Ctx, where: PlanItemsWhere) {
  const rows = await planItemRows(ctx.db, ctx.tenantId, where);
  return rows.map((i) => ({
    id: i.id,
    orgId: i.org_id,
    year: i.year,
    kind: i.kind as MeetingKind,
    plannedOn: i.planned_on,
    title: i.title,
    note: i.note,
    version: i.version,
    state: planItemState(i.planned_on, i.record_id !== null, ctx.today),
    record: i.record_id !== null && i.held_on !== null ? { id: i.record_id, heldOn: i.held_on, kinds: (i.kinds ?? []) as MeetingKind[] } : null,
  }));
}

function assertPlanOrg(org: OrgRow): void {
  if (!(PLAN_ORG_TYPES as readonly string[]).includes(org.type)) throw new AppError(400, 'ORGLIFE_PLAN_NOT_FOR_ORG');
}

/** A kind the org may plan (a 党委's kinds for a committee, a branch's for a branch), else a 400 on `kind`. */
function assertKindFits(ctx: Ctx, kind: MeetingKind, orgType: OrgRow['type']): void {
  if (kindProblems([kind], orgType, null).some((p) => p.code === 'KIND_NOT_FOR_ORG')) {
    const zh = zhOf(ctx);
    throw new AppError(400, 'ORGLIFE_INVALID', {}, [{ path: 'kind', message: zh ? `“${kindLabel(kind, zh)}”不适用于该类党组织` : `"${kindLabel(kind, zh)}" does not apply to this kind of organisation` }]);
  }
}

/** A plan item the caller may change (404 when absent, 403 outside the write scope). */
async function writablePlanItem(ctx: Ctx, id: number) {
  const item = await planItemById(ctx.db, ctx.tenantId, id);
  if (!item) throw notFound('ORGLIFE_PLAN_ITEM_NOT_FOUND', id);
  const org = await orgInScope(ctx.db, ctx.tenantId, item.org_id, ctx.scope('orglife.write'));
  return { item, org };
}

/** A year's plan (default this year), or the items planned from–to. */
export async function planOf(ctx: Ctx, orgId: number, q: { year?: number; from?: string; to?: string }) {
  const org = await orgInScope(ctx.db, ctx.tenantId, orgId, ctx.scope('orglife.read'));
  if (q.from || q.to) return planItems(ctx, { orgId: org.id, year: q.year, from: q.from, to: q.to });
  return planItems(ctx, { orgId: org.id, year: q.year ?? Number(ctx.today.slice(0, 4)) });
}

/** Generates a year's plan from the rules, only when the year has none yet. */
export async function generatePlan(ctx: Ctx, orgId: number, year: number, fixedDay: number | null | undefined) {
  const org = await orgInScope(ctx.db, ctx.tenantId, orgId, ctx.scope('orglife.write'));
  assertPlanOrg(org);
  const settings = await loadSettings(ctx.db, ctx.tenantId);
  const full = await fullMembersUnder(ctx.db, ctx.tenantId, org.path);
  const drafts = generateYearPlan({ year, orgType: org.type, fullMemberCount: full, rules: settings.rules, fixedDay });
  await ctx.db.transaction().execute(async (trx) => {
    if (await hasPlanOfYear(trx, ctx.tenantId, org.id, year)) throw new AppError(409, 'ORGLIFE_PLAN_EXISTS', { year });
    // No title: the kind names the item in either language; a title is the secretary's own wording.
    await insertPlanItems(trx, ctx.tenantId, drafts.map((d) => ({ org_id: org.id, year, kind: d.kind, planned_on: d.plannedOn, title: '' })));
    await writeAudit(trx, ctx.auditor, { action: 'create', entityType: 'orglife_plan', entityId: `${org.id}/${year}`, summary: `生成${org.name}${year}年度组织生活计划（${drafts.length}项）` });
  });
  return planItems(ctx, { orgId: org.id, year });
}

export async function addPlanItem(ctx: Ctx, orgId: number, body: { kind: MeetingKind; plannedOn: string; title: string; note: string }) {
  const org = await orgInScope(ctx.db, ctx.tenantId, orgId, ctx.scope('orglife.write'));
  assertPlanOrg(org);
  assertKindFits(ctx, body.kind, org.type);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const row = await insertPlanItem(trx, ctx.tenantId, { org_id: org.id, year: Number(body.plannedOn.slice(0, 4)), kind: body.kind, planned_on: body.plannedOn, title: body.title, note: body.note });
    await writeAudit(trx, ctx.auditor, { action: 'create', entityType: 'orglife_plan_item', entityId: row.id, summary: `添加${org.name}组织生活计划事项（${KIND_NAMES[body.kind].zh} ${body.plannedOn}）`, after: row });
    return row.id;
  });
  const [created] = await planItems(ctx, { id });
  return created!;
}

export interface PlanItemChange {
  version: number;
  plannedOn?: string;
  kind?: MeetingKind;
  title?: string;
  note?: string;
}

/** Edits an item (date within its year, kind, title, note) over the version read. */
export async function changePlanItem(ctx: Ctx, id: number, body: PlanItemChange) {
  const { item, org } = await writablePlanItem(ctx, id);
  const zh = zhOf(ctx);
  if (body.plannedOn && body.plannedOn.slice(0, 4) !== String(item.year)) {
    throw new AppError(400, 'ORGLIFE_INVALID', {}, [{ path: 'plannedOn', message: zh ? `计划日期须在${item.year}年内` : `the date must be in ${item.year}` }]);
  }
  if (body.kind && body.kind !== item.kind) {
    assertKindFits(ctx, body.kind, org.type);
    // The record that completed the item must still count for it.
    const [current] = await planItems(ctx, { id: item.id });
    if (current?.record && !current.record.kinds.includes(body.kind)) {
      throw new AppError(400, 'ORGLIFE_INVALID', {}, [
        {
          path: 'kind',
          message: zh
            ? `该事项已由 ${current.record.heldOn} 的会议记录完成，该记录不是“${kindLabel(body.kind, zh)}”；请先在记录中取消关联`
            : `the record of ${current.record.heldOn} completed this item and is not a "${kindLabel(body.kind, zh)}"; unlink it in the record first`,
        },
      ]);
    }
  }
  await ctx.db.transaction().execute(async (trx) => {
    const done = await updatePlanItem(trx, ctx.tenantId, item.id, body.version, {
      ...(body.plannedOn ? { planned_on: body.plannedOn } : {}),
      ...(body.kind ? { kind: body.kind } : {}),
      ...(body.title !== undefined ? { title: body.title } : {}),
      ...(body.note !== undefined ? { note: body.note } : {}),
    });
    if (!done) throw conflict();
    await writeAudit(trx, ctx.auditor, { action: 'update', entityType: 'orglife_plan_item', entityId: item.id, summary: `修改${org.name}组织生活计划事项`, before: item, after: body });
  });
  const [updated] = await planItems(ctx, { id: item.id });
  return updated!;
}

/** Removes an item no record has completed, over the version read. */
export async function removePlanItem(ctx: Ctx, id: number, version: number): Promise<void> {
  const { item, org } = await writablePlanItem(ctx, id);
  await ctx.db.transaction().execute(async (trx) => {
    const heldOn = await completingRecordOn(trx, ctx.tenantId, item.id);
    if (heldOn) throw new AppError(400, 'ORGLIFE_PLAN_ITEM_DONE', { heldOn });
    if (!(await deletePlanItem(trx, ctx.tenantId, item.id, version))) throw conflict();
    await writeAudit(trx, ctx.auditor, { action: 'delete', entityType: 'orglife_plan_item', entityId: item.id, summary: `删除${org.name}组织生活计划事项（${KIND_NAMES[item.kind as MeetingKind].zh} ${item.planned_on}）`, before: item });
  });
}
