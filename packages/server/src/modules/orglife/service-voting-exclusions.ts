/**
 * Recorded reasons a full member is not among those due to vote over a stretch of days: voting
 * rights suspended (留党察看, 党章 第四十条) or away long-term with the approval recorded
 * (出国出境 and the like). The quorum base of a 党员大会 and of an election is the roster on the day
 * less these (core votingEntitlement). Whoever may write organisational life for the member's
 * branch records them; whoever may read it sees them.
 */
import { type VotingExclusionKind, votingExclusionProblems } from '@hongyi/core';
import type { Ctx } from '../../lib/context.js';
import { requireInScope } from '../../lib/scope.js';
import { writeAudit } from '../../plugins/audit.js';
import { AppError, conflict, notFound } from '../../plugins/errors.js';
import {
  type VotingExclusionColumns,
  deleteVotingExclusion,
  insertVotingExclusion,
  memberWithPath,
  updateVotingExclusion,
  votingExclusionById,
  votingExclusionsOf,
} from './repository.js';

export interface VotingExclusionInput {
  kind: VotingExclusionKind;
  fromOn: string;
  toOn: string | null;
  reason: string;
  approvalRef: string;
  approvedOn: string;
  approvedBy: string;
}

type Row = NonNullable<Awaited<ReturnType<typeof votingExclusionById>>>;
const present = (e: Row) => ({
  id: Number(e.id),
  memberId: Number(e.member_id),
  kind: e.kind,
  fromOn: e.from_on,
  toOn: e.to_on,
  reason: e.reason,
  approvalRef: e.approval_ref,
  approvedOn: e.approved_on,
  approvedBy: e.approved_by,
  version: e.version,
});

const KIND_ZH = { rights_suspended: '表决权暂停', away_approved: '经批准长期外出' } as const;

/** The member if they exist in the unit and their branch is in the caller's scope; 404 / 403 (nothing about them) otherwise. */
async function memberInScope(ctx: Ctx, memberId: number, permission: 'orglife.read' | 'orglife.write') {
  const m = await memberWithPath(ctx.db, ctx.tenantId, memberId);
  return requireInScope(ctx.scope(permission), m ? { ...m, orgPath: m.path } : null, notFound('MEMBER_NOT_FOUND', memberId));
}

function columns(ctx: Ctx, body: VotingExclusionInput): VotingExclusionColumns {
  const zh = ctx.language === 'zh-CN';
  const problems = votingExclusionProblems({ kind: body.kind, fromOn: body.fromOn, toOn: body.toOn, approvalRef: body.approvalRef, approvedOn: body.approvedOn });
  if (problems.length > 0) {
    throw new AppError(
      400,
      'ORGLIFE_INVALID',
      {},
      problems.map((p) => ({
        path: p.field,
        message: p.code === 'ENDS_BEFORE_START' ? (zh ? `结束日期早于开始日期 ${body.fromOn}` : `ends before it starts (${body.fromOn})`) : zh ? '须填写批准文号和批准日期' : 'the approval (reference and date) is required',
      })),
    );
  }
  return { kind: body.kind, from_on: body.fromOn, to_on: body.toOn, reason: body.reason, approval_ref: body.approvalRef, approved_on: body.approvedOn, approved_by: body.approvedBy };
}

export async function exclusionsOfMember(ctx: Ctx, memberId: number) {
  const m = await memberInScope(ctx, memberId, 'orglife.read');
  return (await votingExclusionsOf(ctx.db, ctx.tenantId, m.id)).map(present);
}

export async function recordExclusion(ctx: Ctx, memberId: number, body: VotingExclusionInput) {
  const m = await memberInScope(ctx, memberId, 'orglife.write');
  const values = columns(ctx, body);
  const row = await ctx.db.transaction().execute(async (trx) => {
    const created = await insertVotingExclusion(trx, ctx.tenantId, m.id, ctx.userId, values);
    await writeAudit(trx, ctx.auditor, { action: 'create', entityType: 'member_voting_exclusion', entityId: created.id, summary: `登记${m.name}${KIND_ZH[values.kind]}（${values.from_on} 起，${values.approval_ref}）`, after: present(created) });
    return created;
  });
  return present(row);
}

export async function changeExclusion(ctx: Ctx, id: number, body: VotingExclusionInput & { version: number }) {
  const before = await votingExclusionById(ctx.db, ctx.tenantId, id);
  if (!before) throw notFound('ORGLIFE_VOTING_EXCLUSION_NOT_FOUND', id);
  const m = await memberInScope(ctx, Number(before.member_id), 'orglife.write');
  const values = columns(ctx, body);
  return ctx.db.transaction().execute(async (trx) => {
    const after = await updateVotingExclusion(trx, ctx.tenantId, Number(before.id), body.version, values);
    if (!after) throw conflict();
    await writeAudit(trx, ctx.auditor, { action: 'update', entityType: 'member_voting_exclusion', entityId: after.id, summary: `修改${m.name}${KIND_ZH[values.kind]}登记`, before: present(before), after: present(after) });
    return present(after);
  });
}

export async function removeExclusion(ctx: Ctx, id: number, version: number): Promise<void> {
  const before = await votingExclusionById(ctx.db, ctx.tenantId, id);
  if (!before) throw notFound('ORGLIFE_VOTING_EXCLUSION_NOT_FOUND', id);
  const m = await memberInScope(ctx, Number(before.member_id), 'orglife.write');
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await deleteVotingExclusion(trx, ctx.tenantId, Number(before.id), version))) throw conflict();
    await writeAudit(trx, ctx.auditor, { action: 'delete', entityType: 'member_voting_exclusion', entityId: before.id, summary: `删除${m.name}${KIND_ZH[before.kind]}登记`, before: present(before) });
  });
}
