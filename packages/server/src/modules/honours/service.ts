/**
 * Honours of orgs and members: levels and types from the unit's lists (settings 'honours'),
 * evidence files (optional), the ladder (梯队) of a 党委 — what is held at each level and what is
 * in cultivation. Scope: a branch secretary records for their branch, the office for all; a
 * member's honour lies in the member's branch.
 */
import { type HonoursSettings, compareDates, honoursLadder } from '@hongyi/core';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Ctx } from '../../lib/context.js';
import { covers, requireInScope } from '../../lib/scope.js';
import { evidenceFiles } from '../../lib/evidence.js';
import { writeAudit } from '../../plugins/audit.js';
import { AppError, conflict, fieldError, notFound } from '../../plugins/errors.js';
import { loadSettings, saveSettings } from '../settings/service.js';
import {
  type HonourFilter,
  type HonourRow,
  type HonourValues,
  allHonours,
  deleteHonour,
  findHonour,
  findMember,
  findOrg,
  insertHonour,
  listHonours,
  listProgrammes,
  updateHonour,
} from './repository.js';

type Db = Ctx['db'] | Transaction<DB>;


export async function honoursSettings(ctx: Ctx) {
  return loadSettings(ctx.db, ctx.tenantId, 'honours');
}

export async function saveHonoursSettings(ctx: Ctx, value: HonoursSettings, version: number) {
  return ctx.db.transaction().execute((trx) => saveSettings(trx, ctx.auditor, 'honours', value, version, { summary: '修改荣誉设置', language: ctx.language }));
}

/** A level and type from the unit's lists (one taken off the list stays valid on the records that have it). */
export async function checkLevelAndType(ctx: Ctx, db: Db, level: string, type: string, before: { level: string; type: string } | null) {
  const settings = (await loadSettings(db, ctx.tenantId, 'honours')).value;
  if (!settings.levels.includes(level) && level !== before?.level) throw fieldError(ctx.language, 'body.level', 'HONOUR_LEVEL_UNKNOWN', { level });
  if (!settings.types.includes(type) && type !== before?.type) throw fieldError(ctx.language, 'body.type', 'HONOUR_TYPE_UNKNOWN', { type });
}

/** The org, when it exists in the unit (400 on the field) and the caller's scope reaches it (403). */
export async function orgInScope(ctx: Ctx, db: Db, orgId: number, path: string, permission: 'honours.read' | 'honours.write') {
  const org = await findOrg(db, ctx.tenantId, orgId);
  return requireInScope(ctx.scope(permission), org && { ...org, orgPath: org.path }, fieldError(ctx.language, path, 'HONOUR_ORG_UNKNOWN', { id: orgId }));
}

export interface HonourInput {
  holder: 'org' | 'member';
  orgId?: number | null | undefined;
  memberId?: number | null | undefined;
  level: string;
  type: string;
  title: string;
  issuer: string;
  awardedOn: string;
  note: string;
}

async function checkHonour(ctx: Ctx, db: Db, input: HonourInput, before: HonourRow | null): Promise<HonourValues> {
  await checkLevelAndType(ctx, db, input.level, input.type, before);
  if (compareDates(input.awardedOn, ctx.today) > 0) throw fieldError(ctx.language, 'body.awardedOn', 'HONOUR_DATE_FUTURE', { date: input.awardedOn });
  let orgId: number;
  let memberId: number | null = null;
  if (input.holder === 'member') {
    if (!input.memberId) throw fieldError(ctx.language, 'body.memberId', 'HONOUR_MEMBER_REQUIRED');
    const member = await findMember(db, ctx.tenantId, input.memberId);
    if (!member) throw fieldError(ctx.language, 'body.memberId', 'HONOUR_MEMBER_UNKNOWN', { id: input.memberId });
    if (!covers(ctx.scope('honours.write'), member.path)) throw new AppError(403, 'OUT_OF_SCOPE');
    // The member's branch when it is recorded (the scope of the record).
    orgId = before?.memberId === member.id ? before.orgId : member.org_id;
    memberId = member.id;
  } else {
    if (!input.orgId) throw fieldError(ctx.language, 'body.orgId', 'HONOUR_ORG_UNKNOWN', { id: '' });
    orgId = (await orgInScope(ctx, db, input.orgId, 'body.orgId', 'honours.write')).id;
  }
  return { org_id: orgId, member_id: memberId, level: input.level, type: input.type, title: input.title, issuer: input.issuer, awarded_on: input.awardedOn, note: input.note };
}

async function visibleHonour(ctx: Ctx, db: Db, id: number, permission: 'honours.read' | 'honours.write'): Promise<HonourRow> {
  return requireInScope(ctx.scope(permission), await findHonour(db, ctx.tenantId, id), notFound('HONOUR_NOT_FOUND', id));
}

export async function honourList(ctx: Ctx, f: HonourFilter & { orgId?: number | undefined }, page: { page: number; pageSize: number }) {
  const filter: HonourFilter = { ...f };
  if (f.orgId) filter.orgPath = (await orgInScope(ctx, ctx.db, f.orgId, 'query.orgId', 'honours.read')).path;
  return listHonours(ctx.db, ctx.tenantId, ctx.scope('honours.read'), filter, { limit: page.pageSize, offset: (page.page - 1) * page.pageSize });
}

export async function honourDetail(ctx: Ctx, id: number) {
  const honour = await visibleHonour(ctx, ctx.db, id, 'honours.read');
  const files = await honourFiles.of(ctx, id);
  return { honour, files, canEdit: ctx.can('honours.write') && covers(ctx.scope('honours.write'), honour.orgPath) };
}

export async function createHonour(ctx: Ctx, input: HonourInput): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const values = await checkHonour(ctx, trx, input, null);
    const id = await insertHonour(trx, ctx.tenantId, values);
    await writeAudit(trx, ctx.auditor, { action: 'create', entityType: 'honour', entityId: id, summary: `记录荣誉：${values.level}${values.type}`, after: values });
    return id;
  });
}

export async function changeHonour(ctx: Ctx, id: number, version: number, input: HonourInput): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await visibleHonour(ctx, trx, id, 'honours.write');
    const values = await checkHonour(ctx, trx, input, before);
    if (!(await updateHonour(trx, ctx.tenantId, id, version, values))) throw conflict();
    await writeAudit(trx, ctx.auditor, { action: 'update', entityType: 'honour', entityId: id, summary: `修改荣誉：${values.level}${values.type}`, before, after: values });
  });
}

/** Deletes an honour typed in by mistake; one produced by a programme's acceptance goes with the programme, not alone. */
export async function removeHonour(ctx: Ctx, id: number, version: number): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await visibleHonour(ctx, trx, id, 'honours.write');
    if (before.programmeId !== null) throw new AppError(409, 'HONOUR_FROM_PROGRAMME');
    if (!(await deleteHonour(trx, ctx.tenantId, id, version))) throw conflict();
    await writeAudit(trx, ctx.auditor, { action: 'delete', entityType: 'honour', entityId: id, summary: `删除荣誉：${before.level}${before.type}`, before });
  });
}

// ---------------------------------------------------------------------------------------
// Files of an honour or a programme (the programme's kit is in service-programmes)

/** How the files of honours and programmes are audited and answered when missing (one table, honour_files). */
export const honourFileWords = { entityType: 'honour_file', notFound: 'HONOUR_FILE_NOT_FOUND', added: '上传佐证材料', withdrawn: '撤回佐证材料' };

export const honourFiles = evidenceFiles({
  store: { table: 'honour_files', owner: 'honour_id' },
  ...honourFileWords,
  async owner(ctx, db, id: number, mode) {
    const honour = await visibleHonour(ctx, db, id, mode === 'read' ? 'honours.read' : 'honours.write');
    return { id: honour.id, label: `${honour.level}${honour.type}`, audit: { honourId: honour.id } };
  },
});

// ---------------------------------------------------------------------------------------
// The ladder

/** The ladder (梯队) under an org (a 党委 by default: the caller's whole scope): held honours and programmes in cultivation per level. */
export async function ladder(ctx: Ctx, orgId: number | undefined) {
  const scope = ctx.scope('honours.read');
  const org = orgId ? await orgInScope(ctx, ctx.db, orgId, 'query.orgId', 'honours.read') : null;
  const filter = org ? { orgPath: org.path } : {};
  const settings = (await loadSettings(ctx.db, ctx.tenantId, 'honours')).value;
  const honours = await allHonours(ctx.db, ctx.tenantId, scope, filter);
  const programmes = await listProgrammes(ctx.db, ctx.tenantId, scope, filter);
  const rungs = honoursLadder(
    settings.levels,
    honours.map((h) => ({ id: h.id, level: h.level, type: h.type, title: h.title, holderName: h.memberName ?? h.orgName, awardedOn: h.awardedOn })),
    programmes.map((p) => ({ id: p.id, level: p.level, type: p.type, title: p.title, orgName: p.orgName, stage: p.stage, startedOn: p.startedOn })),
  );
  return { orgName: org?.name ?? null, rungs };
}
