/**
 * Building programmes (培育创建): 立项 → 中期检查 → 验收, with milestones, an owner and documents.
 * Stages only move forward (core canAdvanceProgramme); an accepted programme becomes the honour it
 * aimed at, in the same transaction (one record, not typed twice). A programme's page shows its
 * evidence from the records: the org's honours and its service work since the programme started.
 */
import { type ProgrammeStage, canAdvanceProgramme, compareDates } from '@hongyi/core';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Ctx } from '../../lib/context.js';
import { covers, requireInScope } from '../../lib/scope.js';
import { evidenceFiles } from '../../lib/evidence.js';
import { writeAudit } from '../../plugins/audit.js';
import { AppError, conflict, fieldError, notFound } from '../../plugins/errors.js';
import { figuresByOrgYear, listEvents } from '../service/repository.js';
import {
  type MilestoneRow,
  type ProgrammeRow,
  type ProgrammeValues,
  allHonours,
  findMember,
  findProgramme,
  insertHonour,
  insertProgramme,
  listProgrammes,
  milestonesOf,
  replaceMilestones,
  updateProgramme,
} from './repository.js';
import { checkLevelAndType, honourFileWords, orgInScope } from './service.js';

type Db = Ctx['db'] | Transaction<DB>;

export interface ProgrammeInput {
  orgId: number;
  title: string;
  level: string;
  type: string;
  issuer: string;
  ownerMemberId?: number | null | undefined;
  ownerName: string;
  startedOn: string;
  note: string;
  milestones: MilestoneRow[];
}

async function visibleProgramme(ctx: Ctx, db: Db, id: number, permission: 'honours.read' | 'honours.write'): Promise<ProgrammeRow> {
  return requireInScope(ctx.scope(permission), await findProgramme(db, ctx.tenantId, id), notFound('PROGRAMME_NOT_FOUND', id));
}

export const programmeFiles = evidenceFiles({
  store: { table: 'honour_files', owner: 'programme_id' },
  ...honourFileWords,
  async owner(ctx, db, id: number, mode) {
    const p = await visibleProgramme(ctx, db, id, mode === 'read' ? 'honours.read' : 'honours.write');
    return { id: p.id, label: p.title, audit: { programmeId: p.id } };
  },
});

async function checkProgramme(ctx: Ctx, db: Db, input: ProgrammeInput, before: ProgrammeRow | null): Promise<ProgrammeValues> {
  await orgInScope(ctx, db, input.orgId, 'body.orgId', 'honours.write');
  await checkLevelAndType(ctx, db, input.level, input.type, before);
  if (compareDates(input.startedOn, ctx.today) > 0) throw fieldError(ctx.language, 'body.startedOn', 'HONOUR_DATE_FUTURE', { date: input.startedOn });
  let ownerName = input.ownerName;
  if (input.ownerMemberId) {
    const owner = await findMember(db, ctx.tenantId, input.ownerMemberId);
    if (!owner) throw fieldError(ctx.language, 'body.ownerMemberId', 'PROGRAMME_OWNER_UNKNOWN', { id: input.ownerMemberId });
    ownerName = owner.name;
  }
  input.milestones.forEach((m, i) => {
    if (m.doneOn && compareDates(m.doneOn, input.startedOn) < 0) throw fieldError(ctx.language, `body.milestones[${i}].doneOn`, 'PROGRAMME_MILESTONE_ORDER', { row: i + 1, done: m.doneOn, start: input.startedOn });
  });
  return { org_id: input.orgId, title: input.title, level: input.level, type: input.type, issuer: input.issuer, owner_member_id: input.ownerMemberId ?? null, owner_name: ownerName, started_on: input.startedOn, note: input.note };
}

export async function programmeList(ctx: Ctx, f: { orgId?: number | undefined; stage?: ProgrammeStage | undefined }) {
  const orgPath = f.orgId ? (await orgInScope(ctx, ctx.db, f.orgId, 'query.orgId', 'honours.read')).path : undefined;
  const list = await listProgrammes(ctx.db, ctx.tenantId, ctx.scope('honours.read'), { orgPath, stage: f.stage });
  const milestones = await milestonesOf(ctx.db, ctx.tenantId, list.map((p) => p.id));
  return list.map((p) => {
    const ms = milestones.get(p.id) ?? [];
    return { ...p, milestonesDone: ms.filter((m) => m.doneOn).length, milestonesTotal: ms.length };
  });
}

/** The programme page: milestones, documents, and the evidence the org's records give since it started. */
export async function programmeDetail(ctx: Ctx, id: number) {
  const p = await visibleProgramme(ctx, ctx.db, id, 'honours.read');
  const milestones = (await milestonesOf(ctx.db, ctx.tenantId, [id])).get(id) ?? [];
  const files = await programmeFiles.of(ctx, id);
  const whole = { kind: 'tenant' } as const; // the programme is in scope: its org's records are too
  const honours = (await allHonours(ctx.db, ctx.tenantId, whole, { orgPath: p.orgPath })).map((h) => ({ id: h.id, level: h.level, type: h.type, title: h.title, holderName: h.memberName ?? h.orgName, awardedOn: h.awardedOn }));
  const cells = await figuresByOrgYear(ctx.db, ctx.tenantId, whole, { from: p.startedOn, orgPath: p.orgPath });
  const service = cells.reduce(
    (a, c) => ({ events: a.events + c.events, participations: a.participations + c.participations, hours: Math.round((a.hours + c.hours) * 10) / 10, beneficiaries: a.beneficiaries + c.beneficiaries, trained: a.trained + c.trained, classHours: a.classHours + c.classHours, mediaReach: a.mediaReach + c.mediaReach }),
    { events: 0, participations: 0, hours: 0, beneficiaries: 0, trained: 0, classHours: 0, mediaReach: 0 },
  );
  const recent = await listEvents(ctx.db, ctx.tenantId, whole, { orgPath: p.orgPath, from: p.startedOn }, { limit: 10, offset: 0, sort: 'heldOn', order: 'desc' });
  const events = recent.items.map((e) => ({ id: e.id, title: e.title, heldOn: e.heldOn, kind: e.kind, seriesName: e.seriesName, issueNo: e.issueNo, beneficiaries: e.beneficiaries }));
  return { programme: p, milestones, files, evidence: { honours, service, events }, canEdit: ctx.can('honours.write') && covers(ctx.scope('honours.write'), p.orgPath) };
}

export async function createProgramme(ctx: Ctx, input: ProgrammeInput): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const values = await checkProgramme(ctx, trx, input, null);
    const id = await insertProgramme(trx, ctx.tenantId, values);
    await replaceMilestones(trx, ctx.tenantId, id, input.milestones);
    await writeAudit(trx, ctx.auditor, { action: 'create', entityType: 'building_programme', entityId: id, summary: `培育创建立项：${values.title}`, after: { ...values, milestones: input.milestones } });
    return id;
  });
}

export async function changeProgramme(ctx: Ctx, id: number, version: number, input: ProgrammeInput): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await visibleProgramme(ctx, trx, id, 'honours.write');
    if (before.stage === 'accepted' || before.stage === 'failed') throw new AppError(409, 'PROGRAMME_CLOSED', { stage: before.stage });
    const values = await checkProgramme(ctx, trx, input, before);
    if (!(await updateProgramme(trx, ctx.tenantId, id, version, values))) throw conflict();
    await replaceMilestones(trx, ctx.tenantId, id, input.milestones);
    await writeAudit(trx, ctx.auditor, { action: 'update', entityType: 'building_programme', entityId: id, summary: `修改培育创建项目：${values.title}`, before, after: { ...values, milestones: input.milestones } });
  });
}

/** Moves a programme to its next stage; acceptance records the honour it aimed at. */
export async function advanceProgramme(ctx: Ctx, id: number, version: number, to: ProgrammeStage, on: string, note: string): Promise<{ honourId: number | null }> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await visibleProgramme(ctx, trx, id, 'honours.write');
    if (before.version !== version) throw conflict();
    if (!canAdvanceProgramme(before.stage, to)) throw fieldError(ctx.language, 'body.stage', 'PROGRAMME_STAGE_NOT_NEXT', { from: before.stage, to });
    const previous = before.midtermOn ?? before.startedOn;
    if (compareDates(on, previous) < 0) throw fieldError(ctx.language, 'body.on', 'PROGRAMME_STAGE_BEFORE', { date: on, previous });
    if (compareDates(on, ctx.today) > 0) throw fieldError(ctx.language, 'body.on', 'HONOUR_DATE_FUTURE', { date: on });
    const change = to === 'midterm' ? { stage: to, midterm_on: on } : { stage: to, closed_on: on };
    const noted = note ? { note: before.note ? `${before.note}\n${note}` : note } : {};
    if (!(await updateProgramme(trx, ctx.tenantId, id, version, { ...change, ...noted }))) throw conflict();
    let honourId: number | null = null;
    if (to === 'accepted') {
      honourId = await insertHonour(
        trx,
        ctx.tenantId,
        { org_id: before.orgId, member_id: null, level: before.level, type: before.type, title: before.title, issuer: before.issuer, awarded_on: on, note: '' },
        id,
      );
    }
    await writeAudit(trx, ctx.auditor, { action: 'update', entityType: 'building_programme', entityId: id, summary: `培育创建项目“${before.title}”：${before.stage} → ${to}（${on}）`, before: { stage: before.stage }, after: { stage: to, on, honourId } });
    return { honourId };
  });
}
