/**
 * Party-member training (党员培训, core training.ts): classes an org ran or sent members to, and
 * who took part. Read with learning.read: a unit-wide role reads every class; a secretary the
 * classes of their orgs and those their members took part in; a member the classes they took
 * part in. Written with learning.write by a caller whose scope reaches the class's org; a
 * participant must be a member of the unit, and within a subtree writer's scope.
 */
import { TRAINING_MAX_DAYS, addDays } from '@hongyi/core';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Ctx } from '../../lib/context.js';
import { covers, requireInScope, subtree } from '../../lib/scope.js';
import { writeAudit } from '../../plugins/audit.js';
import { AppError, conflict, fieldError, notFound } from '../../plugins/errors.js';
import {
  type ClassFilter,
  allClasses,
  classVisible,
  deleteClass,
  findClass,
  findOrg,
  insertClass,
  listClasses,
  membersByIds,
  participantsOf,
  ranOrAttended,
  replaceParticipants,
  takenBy,
  updateClass,
} from './repository.js';

type Db = Ctx['db'] | Transaction<DB>;

export interface ClassInput {
  orgId: number;
  title: string;
  level: string;
  kind: string;
  organiser: string;
  startsOn: string;
  endsOn: string;
  hours: number;
  note: string;
  memberIds: number[];
}

type ClassRow = NonNullable<Awaited<ReturnType<typeof findClass>>>;

/** The classes the caller reads (see the module comment). */
function readable(ctx: Ctx) {
  const scope = ctx.scope('learning.read');
  if (scope.kind === 'tenant') return subtree(scope, 'o.path');
  if (scope.kind === 'self') return takenBy(ctx.tenantId, scope.memberId);
  return ranOrAttended(ctx.tenantId, subtree(scope, 'o.path'), subtree(scope, 'mo.path'));
}

const present = ({ orgPath: _p, ...c }: ClassRow) => c;

/**
 * Which participants the caller is shown by name: a unit-wide reader all; a secretary those of
 * their orgs (a 党委 class names other branches' people only to those who read them); a member
 * themselves. The count of participants stays the class's.
 */
function shown(ctx: Ctx) {
  const scope = ctx.scope('learning.read');
  return (p: { memberId: number; orgPath: string }) => covers(scope, p.orgPath, p.memberId);
}

export async function classList(ctx: Ctx, f: ClassFilter, page: { page: number; pageSize: number }) {
  const { items, total } = await listClasses(ctx.db, ctx.tenantId, readable(ctx), f, { limit: page.pageSize, offset: (page.page - 1) * page.pageSize });
  return { items: items.map(present), total };
}

/** The class, when it exists (404) and the caller reads it (403 otherwise). */
async function readableClass(ctx: Ctx, db: Db, id: number): Promise<ClassRow> {
  const row = await findClass(db, ctx.tenantId, id);
  if (!row) throw notFound('TRAINING_CLASS_NOT_FOUND', id);
  if (!(await classVisible(db, ctx.tenantId, readable(ctx), id))) throw new AppError(403, 'OUT_OF_SCOPE');
  return row;
}

/** The class, when it exists (404) and the caller's write scope reaches its org (403). */
async function writableClass(ctx: Ctx, db: Db, id: number): Promise<ClassRow> {
  return requireInScope(ctx.scope('learning.write'), await findClass(db, ctx.tenantId, id), notFound('TRAINING_CLASS_NOT_FOUND', id));
}

export async function classDetail(ctx: Ctx, id: number) {
  const row = await readableClass(ctx, ctx.db, id);
  const participantList = (await participantsOf(ctx.db, ctx.tenantId, [id])).filter(shown(ctx)).map(({ classId: _c, orgPath: _p, ...p }) => p);
  const canEdit = ctx.can('learning.write') && covers(ctx.scope('learning.write'), row.orgPath);
  return { ...present(row), participantList, canEdit };
}

/** Checks an input against the records: the org in the writer's scope, dates in order, the participants members of the unit in scope. */
async function check(ctx: Ctx, db: Db, input: ClassInput) {
  const scope = ctx.scope('learning.write');
  const org = await findOrg(db, ctx.tenantId, input.orgId);
  requireInScope(scope, org && { ...org, orgPath: org.path }, fieldError(ctx.language, 'body.orgId', 'TRAINING_ORG_UNKNOWN', { id: input.orgId }));
  if (input.endsOn < input.startsOn) throw fieldError(ctx.language, 'body.endsOn', 'TRAINING_ENDS_BEFORE_START', { start: input.startsOn });
  if (addDays(input.startsOn, TRAINING_MAX_DAYS) <= input.endsOn) throw fieldError(ctx.language, 'body.endsOn', 'TRAINING_TOO_LONG', { days: TRAINING_MAX_DAYS });
  const ids = [...new Set(input.memberIds)];
  const found = await membersByIds(db, ctx.tenantId, ids);
  const byId = new Map(found.map((m) => [m.id, m]));
  for (const [i, memberId] of input.memberIds.entries()) {
    const m = byId.get(memberId);
    if (!m) throw fieldError(ctx.language, `body.memberIds.${i}`, 'TRAINING_MEMBER_UNKNOWN', { id: memberId });
    if (!covers(scope, m.orgPath)) throw fieldError(ctx.language, `body.memberIds.${i}`, 'TRAINING_MEMBER_OUT_OF_SCOPE', { name: m.name });
  }
  const values = {
    org_id: input.orgId,
    title: input.title,
    level: input.level,
    kind: input.kind,
    organiser: input.organiser,
    starts_on: input.startsOn,
    ends_on: input.endsOn,
    hours: Math.round(input.hours * 10) / 10,
    note: input.note,
  };
  return { values, memberIds: ids };
}

export async function createClass(ctx: Ctx, input: ClassInput): Promise<{ id: number }> {
  return ctx.db.transaction().execute(async (trx) => {
    const { values, memberIds } = await check(ctx, trx, input);
    const id = await insertClass(trx, ctx.tenantId, { ...values, created_by: ctx.userId });
    await replaceParticipants(trx, ctx.tenantId, id, memberIds);
    await writeAudit(trx, ctx.auditor, { action: 'create', entityType: 'training_class', entityId: id, summary: `登记党员培训：${values.title}（${memberIds.length} 人）`, after: { ...values, memberIds } });
    return { id };
  });
}

export async function changeClass(ctx: Ctx, id: number, version: number, input: ClassInput): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await writableClass(ctx, trx, id);
    const { values, memberIds } = await check(ctx, trx, input);
    if (!(await updateClass(trx, ctx.tenantId, id, version, values))) throw conflict();
    const beforeIds = (await participantsOf(trx, ctx.tenantId, [id])).map((p) => p.memberId);
    await replaceParticipants(trx, ctx.tenantId, id, memberIds);
    await writeAudit(trx, ctx.auditor, { action: 'update', entityType: 'training_class', entityId: id, summary: `修改党员培训：${values.title}`, before: { ...present(before), memberIds: beforeIds }, after: { ...values, memberIds } });
  });
}

export async function removeClass(ctx: Ctx, id: number, version: number): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await writableClass(ctx, trx, id);
    const beforeIds = (await participantsOf(trx, ctx.tenantId, [id])).map((p) => p.memberId);
    if (!(await deleteClass(trx, ctx.tenantId, id, version))) throw conflict();
    await writeAudit(trx, ctx.auditor, { action: 'delete', entityType: 'training_class', entityId: id, summary: `删除党员培训：${before.title}`, before: { ...present(before), memberIds: beforeIds } });
  });
}

/** The classes under the filter with their participants' names (the export). */
export async function classesForExport(ctx: Ctx, f: ClassFilter) {
  const rows = await allClasses(ctx.db, ctx.tenantId, readable(ctx), f);
  const people = await participantsOf(ctx.db, ctx.tenantId, rows.map((r) => r.id));
  const byClass = new Map<number, string[]>();
  for (const p of people.filter(shown(ctx))) byClass.set(p.classId, [...(byClass.get(p.classId) ?? []), p.name]);
  return rows.map((r) => ({ ...present(r), names: byClass.get(r.id) ?? [] }));
}
