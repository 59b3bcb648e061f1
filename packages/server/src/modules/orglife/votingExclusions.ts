/**
 * Recorded reasons a full member is not among those due to vote over a stretch of days: voting
 * rights suspended (留党察看, 党章 第四十条) or away long-term with the approval recorded
 * (出国出境 and the like). The quorum base of a 党员大会 and of an election is the roster on the day
 * less these (core votingEntitlement). Whoever may write organisational life for the member's
 * branch records them; whoever may read it sees them.
 */
import { VOTING_EXCLUSION_KINDS, scopeCoversPath, votingExclusionProblems } from '@hongyi/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '../../lib/paging.js';
import { authOf, scopeOf } from '../../plugins/access.js';
import { auditorOf, writeAudit } from '../../plugins/audit.js';
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
import { dateString } from './schemas.js';

const tags = ['orglife'];
const memberParam = z.object({ memberId: z.coerce.number().int().positive() });
const exclusionInput = z.object({
  kind: z.enum(VOTING_EXCLUSION_KINDS),
  fromOn: dateString,
  toOn: dateString.nullable().default(null),
  /** e.g. 出国（境）进修, 留党察看一年. */
  reason: z.string().trim().max(200).default(''),
  /** 批准文号 / 处分决定文号, or the minutes that approved it: required. */
  approvalRef: z.string().trim().min(1).max(200),
  approvedOn: dateString,
  /** The approving organisation, e.g. 医院党委. */
  approvedBy: z.string().trim().max(100).default(''),
});
const exclusionOut = z.object({
  id: z.number(),
  memberId: z.number(),
  kind: z.enum(VOTING_EXCLUSION_KINDS),
  fromOn: z.string(),
  toOn: z.string().nullable(),
  reason: z.string(),
  approvalRef: z.string(),
  approvedOn: z.string(),
  approvedBy: z.string(),
  version: z.number(),
});

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

export function votingExclusionRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  /** The member if they exist in the tenant and their branch is in the caller's scope; 404 / 403 (nothing about them) otherwise. */
  async function memberInScope(request: FastifyRequest, memberId: number, permission: 'orglife.read' | 'orglife.write') {
    const m = await memberWithPath(app.db, authOf(request).tenantId, memberId);
    if (!m) throw notFound('MEMBER_NOT_FOUND', memberId);
    if (!scopeCoversPath(scopeOf(request, permission), m.path)) throw new AppError(403, 'OUT_OF_SCOPE');
    return m;
  }

  function columns(request: FastifyRequest, body: z.infer<typeof exclusionInput>): VotingExclusionColumns {
    const zh = authOf(request).language === 'zh-CN';
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

  r.get(
    '/api/v1/orglife/members/:memberId/voting-exclusions',
    {
      config: { access: 'orglife.read' },
      schema: { tags, summary: 'A member’s recorded exclusions from the vote (suspended rights, approved long absences), latest first', params: memberParam, response: { 200: z.array(exclusionOut) } },
    },
    async (request) => {
      const m = await memberInScope(request, request.params.memberId, 'orglife.read');
      return (await votingExclusionsOf(app.db, authOf(request).tenantId, m.id)).map(present);
    },
  );

  r.post(
    '/api/v1/orglife/members/:memberId/voting-exclusions',
    {
      config: { access: 'orglife.write' },
      schema: {
        tags,
        summary: 'Record that a member is not among those due to vote from a date (voting rights suspended, or away long-term with approval); the approval reference and date are required',
        params: memberParam,
        body: exclusionInput,
        response: { 201: exclusionOut },
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const m = await memberInScope(request, request.params.memberId, 'orglife.write');
      const values = columns(request, request.body);
      const row = await app.db.transaction().execute(async (trx) => {
        const created = await insertVotingExclusion(trx, auth.tenantId, m.id, auth.userId, values);
        await writeAudit(trx, auditorOf(request), { action: 'create', entityType: 'member_voting_exclusion', entityId: created.id, summary: `登记${m.name}${KIND_ZH[values.kind]}（${values.from_on} 起，${values.approval_ref}）`, after: present(created) });
        return created;
      });
      return reply.status(201).send(present(row));
    },
  );

  r.put(
    '/api/v1/orglife/voting-exclusions/:id',
    {
      config: { access: 'orglife.write' },
      schema: { tags, summary: 'Change a recorded exclusion (e.g. set its last day when the member is back); optimistic concurrency', params: idParam, body: exclusionInput.extend({ version: z.number().int().positive() }), response: { 200: exclusionOut } },
    },
    async (request) => {
      const auth = authOf(request);
      const before = await votingExclusionById(app.db, auth.tenantId, request.params.id);
      if (!before) throw notFound('ORGLIFE_VOTING_EXCLUSION_NOT_FOUND', request.params.id);
      const m = await memberInScope(request, Number(before.member_id), 'orglife.write');
      const values = columns(request, request.body);
      return app.db.transaction().execute(async (trx) => {
        const after = await updateVotingExclusion(trx, auth.tenantId, Number(before.id), request.body.version, values);
        if (!after) throw conflict();
        await writeAudit(trx, auditorOf(request), { action: 'update', entityType: 'member_voting_exclusion', entityId: after.id, summary: `修改${m.name}${KIND_ZH[values.kind]}登记`, before: present(before), after: present(after) });
        return present(after);
      });
    },
  );

  r.delete(
    '/api/v1/orglife/voting-exclusions/:id',
    {
      config: { access: 'orglife.write' },
      schema: { tags, summary: 'Remove an exclusion entered by mistake (audited with its content); optimistic concurrency', params: idParam, querystring: z.object({ version: z.coerce.number().int().positive() }) },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const before = await votingExclusionById(app.db, auth.tenantId, request.params.id);
      if (!before) throw notFound('ORGLIFE_VOTING_EXCLUSION_NOT_FOUND', request.params.id);
      const m = await memberInScope(request, Number(before.member_id), 'orglife.write');
      await app.db.transaction().execute(async (trx) => {
        if (!(await deleteVotingExclusion(trx, auth.tenantId, Number(before.id), request.query.version))) throw conflict();
        await writeAudit(trx, auditorOf(request), { action: 'delete', entityType: 'member_voting_exclusion', entityId: before.id, summary: `删除${m.name}${KIND_ZH[before.kind]}登记`, before: present(before) });
      });
      return reply.status(204).send();
    },
  );
}
