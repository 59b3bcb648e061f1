/**
 * A member's suspensions of rights (留党察看) and approved long absences: what leaves them out of
 * those entitled to vote on a date (core voting.ts). Recorded with dates and, for an absence, the
 * approval; withdrawn with a reason, never deleted.
 */
import type { ApprovedAbsenceReason, DataScope, VotingExclusionKind } from '@hongyi/core';
import { compareDates } from '@hongyi/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { writeAudit } from '../../plugins/audit.js';
import { AppError, notFound } from '../../plugins/errors.js';
import { insertVotingExclusion, votingExclusionsOf, withdrawVotingExclusion } from './repository.js';
import { type Actor, memberInScope } from './service.js';

export interface VotingExclusionInput {
  kind: VotingExclusionKind;
  reason?: ApprovedAbsenceReason | null;
  fromOn: string;
  toOn?: string | null;
  approvedBy?: string;
  approvedOn?: string | null;
  note?: string;
}

export type VotingExclusionRow = Awaited<ReturnType<typeof votingExclusionsOf>>[number];

export function presentVotingExclusion(x: VotingExclusionRow) {
  return {
    id: x.id,
    kind: x.kind,
    reason: x.reason,
    fromOn: x.from_on,
    toOn: x.to_on,
    approvedBy: x.approved_by,
    approvedOn: x.approved_on,
    note: x.note,
    withdrawnAt: x.withdrawn_at ? new Date(x.withdrawn_at).toISOString() : null,
    withdrawnReason: x.withdrawn_reason,
    createdByName: x.created_by_name,
    createdAt: new Date(x.created_at).toISOString(),
  };
}

export async function listVotingExclusions(db: Kysely<DB>, tenantId: number, scope: DataScope, memberId: number) {
  await memberInScope(db, tenantId, scope, memberId);
  return (await votingExclusionsOf(db, tenantId, memberId)).map(presentVotingExclusion);
}

export async function addVotingExclusion(db: Kysely<DB>, actor: Actor, scope: DataScope, memberId: number, input: VotingExclusionInput) {
  const details: { path: string; message: string }[] = [];
  const zh = actor.language === 'zh-CN';
  if (input.toOn && compareDates(input.toOn, input.fromOn) < 0) details.push({ path: 'body.toOn', message: zh ? `结束日期 ${input.toOn} 早于开始日期 ${input.fromOn}` : `ends (${input.toOn}) before it starts (${input.fromOn})` });
  if (input.kind === 'approved_absence') {
    // 选举条例: left out of those due only with the organisation's approval, recorded.
    if (!input.reason) details.push({ path: 'body.reason', message: zh ? '请选择不能参加的原因' : 'choose the ground of the absence' });
    if (!input.approvedBy?.trim()) details.push({ path: 'body.approvedBy', message: zh ? '须记录批准的党组织或负责人' : 'record who approved it' });
    if (!input.approvedOn) details.push({ path: 'body.approvedOn', message: zh ? '须记录批准日期' : 'record when it was approved' });
  }
  if (details.length > 0) throw new AppError(400, 'VALIDATION_FAILED', {}, details);
  return db.transaction().execute(async (trx) => {
    const member = await memberInScope(trx, actor.tenantId, scope, memberId);
    const row = await insertVotingExclusion(trx, {
      tenant_id: actor.tenantId,
      member_id: memberId,
      kind: input.kind,
      reason: input.kind === 'approved_absence' ? (input.reason ?? null) : null,
      from_on: input.fromOn,
      to_on: input.toOn ?? null,
      approved_by: input.approvedBy?.trim() ?? '',
      approved_on: input.approvedOn ?? null,
      note: input.note ?? '',
      created_by: actor.userId,
      created_by_name: actor.username,
    });
    const summary = input.kind === 'suspended' ? `登记停止表决权 ${member.name}` : `登记经批准不参加表决 ${member.name}`;
    await writeAudit(trx, actor, { action: 'create', entityType: 'member_voting_exclusion', entityId: row.id, summary, after: presentVotingExclusion(row) });
    return presentVotingExclusion(row);
  });
}

export async function withdrawExclusion(db: Kysely<DB>, actor: Actor, scope: DataScope, memberId: number, id: number, reason: string) {
  return db.transaction().execute(async (trx) => {
    const member = await memberInScope(trx, actor.tenantId, scope, memberId);
    const row = await withdrawVotingExclusion(trx, actor.tenantId, memberId, id, reason);
    if (!row) throw notFound('MEMBER_VOTING_EXCLUSION_NOT_FOUND', id);
    await writeAudit(trx, actor, { action: 'update', entityType: 'member_voting_exclusion', entityId: id, summary: `撤销表决权登记 ${member.name}`, after: { withdrawnReason: reason } });
    return presentVotingExclusion(row);
  });
}
