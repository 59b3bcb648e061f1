/**
 * The roster import (formats.md "Member roster"): a preview that saves nothing, and a commit in
 * one transaction — every row lands or none does, re-importing the same file changes nothing.
 */
import { createHash } from 'node:crypto';
import type { DataScope } from '@hongyi/core';
import type { Kysely, Transaction } from 'kysely';
import { analyzeTables } from '../../db/analyze.js';
import type { DB } from '../../db/schema.js';
import type { Ctx } from '../../lib/context.js';
import { type PersonViewer, personViewer } from '../../lib/person.js';
import { writeAudit } from '../../plugins/audit.js';
import { AppError } from '../../plugins/errors.js';
import { nameColumns } from './pinyin.js';
import type { ChangeRow } from './repository.js';
import { insertMemberImport, insertMembersInBulk, membersByIdNumbers, rosterReferenceData, updateMembersInBulk } from './repository-roster.js';
import { type RosterRow, type RosterValues, checkRoster, readRosterSheet, rosterIdNumbers } from './roster.js';
import { type Actor, type TrackedColumn, changeRows } from './service.js';
import { insertChanges } from './repository.js';

/** Reads and checks a roster against what the unit holds. */
async function readRoster(db: Kysely<DB> | Transaction<DB>, actor: Actor, scope: DataScope, file: Buffer, viewer: PersonViewer): Promise<RosterRow[]> {
  const sheet = await readRosterSheet(file);
  const [ref, held] = await Promise.all([rosterReferenceData(db, actor.tenantId), membersByIdNumbers(db, actor.tenantId, rosterIdNumbers(sheet))]);
  return await checkRoster(sheet, ref, held, scope, actor.language, viewer);
}

/** What a commit would do, row by row (to add, to update with each change, unchanged, errors); nothing is saved. */
export async function previewRoster(ctx: Ctx, file: Buffer) {
  const rows = await readRoster(ctx.db, ctx, ctx.scope('members.write'), file, personViewer(ctx.grants));
  const count = (a: RosterRow['action']) => rows.filter((x) => x.action === a).length;
  return {
    rows: rows.map(({ values: _values, memberId: _memberId, existing: _existing, ...rest }) => rest),
    added: count('add'),
    updated: count('update'),
    unchanged: count('unchanged'),
    errorRows: count('error'),
    errorCount: rows.reduce((n, x) => n + x.errors.length, 0),
  };
}

/** Commits a roster: all rows land or none (one transaction); a row with an error stops the whole file (400 with every row's errors). */
export async function commitRoster(ctx: Ctx, file: Buffer) {
  const scope = ctx.scope('members.write');
  const result = await ctx.db.transaction().execute(async (trx) => {
    const rows = await readRoster(trx, ctx, scope, file, personViewer(ctx.grants));
    const details = rows.flatMap((r) => r.errors);
    if (details.length > 0) throw new AppError(400, 'ROSTER_ROWS_INVALID', { count: details.length, rows: rows.filter((r) => r.errors.length > 0).length }, details);
    const adds = rows.filter((r) => r.action === 'add');
    const updates = rows.filter((r) => r.action === 'update');
    const newIds = await insertMembersInBulk(trx, ctx.tenantId, adds.map((r) => toInsert(r.values)), ctx.today, { source: 'import', username: ctx.username });
    await applyUpdates(trx, ctx, updates);
    const summary = { added: adds.length, updated: updates.length, unchanged: rows.filter((r) => r.action === 'unchanged').length };
    const importId = await insertMemberImport(trx, ctx.tenantId, { file_sha256: createHash('sha256').update(file).digest('hex'), ...summary, username: ctx.username });
    await writeAudit(trx, ctx.auditor, {
      action: 'import',
      entityType: 'member_import',
      entityId: importId,
      summary: `导入党员名册：新增 ${summary.added} 人，更新 ${summary.updated} 人`,
      after: { ...summary, addedIds: newIds, updatedIds: updates.map((u) => u.memberId) },
    });
    return { importId, ...summary };
  });
  await analyzeTables(ctx.db, ['members', 'member_org_periods', 'member_changes']);
  return result;
}

/** The roster's updates, set-based, with the per-field history in bulk. */
async function applyUpdates(trx: Transaction<DB>, actor: Actor, updates: readonly RosterRow[]): Promise<void> {
  const history: ChangeRow[] = [];
  const sets = updates.map((r) => {
    const set: Record<string, unknown> = { ...r.values };
    delete set.id_number;
    if (typeof set.name === 'string') Object.assign(set, nameColumns(set.name));
    history.push(...changeRows(actor, r.memberId!, r.existing as Partial<Record<TrackedColumn, unknown>>, set as Partial<Record<TrackedColumn, unknown>>, 'import'));
    return { id: r.memberId!, set };
  });
  await updateMembersInBulk(trx, actor.tenantId, sets);
  await insertChanges(trx, history);
}

/** A new member's row from a roster's values (defaults for the columns the file leaves out). */
function toInsert(v: RosterValues): Record<string, unknown> {
  return {
    name: v.name!,
    ...nameColumns(v.name!),
    gender: v.gender!,
    id_number: v.id_number!,
    ethnicity: v.ethnicity ?? '汉族',
    native_place: v.native_place ?? '',
    birth_date: v.birth_date ?? null,
    education: v.education ?? null,
    degree: v.degree ?? null,
    category: v.category!,
    status: v.status ?? 'active',
    org_id: v.org_id!,
    party_group_id: v.party_group_id ?? null,
    joined_on: v.joined_on ?? null,
    full_on: v.full_on ?? null,
    work_started_on: v.work_started_on ?? null,
    job_category: v.job_category ?? null,
    post: v.post ?? '',
    title: v.title ?? null,
    department_id: v.department_id ?? null,
    campus_id: v.campus_id ?? null,
    phone: v.phone ?? '',
    address: v.address ?? '',
    lost_contact: v.lost_contact ?? false,
    flow_to: v.flow_to ?? '',
    sponsors: v.sponsors ?? '',
  };
}
