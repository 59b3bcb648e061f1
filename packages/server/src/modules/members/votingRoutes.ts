import { APPROVED_ABSENCE_REASONS, VOTING_EXCLUSION_KINDS } from '@hongyi/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '../../lib/paging.js';
import { authOf, scopeOf } from '../../plugins/access.js';
import { actorOf } from './service.js';
import { addVotingExclusion, listVotingExclusions, withdrawExclusion } from './voting.js';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const exclusionOut = z.object({
  id: z.number(),
  kind: z.enum(VOTING_EXCLUSION_KINDS),
  reason: z.enum(APPROVED_ABSENCE_REASONS).nullable(),
  fromOn: z.string(),
  toOn: z.string().nullable(),
  approvedBy: z.string(),
  approvedOn: z.string().nullable(),
  note: z.string(),
  withdrawnAt: z.string().nullable(),
  withdrawnReason: z.string(),
  createdByName: z.string(),
  createdAt: z.string(),
});

/** A member's suspensions of rights and approved absences: what leaves them out of those entitled to vote. */
export function memberVotingRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/members/:id/voting-exclusions',
    {
      config: { access: 'members.read' },
      schema: { tags: ['members'], summary: 'A member’s suspensions of voting rights (留党察看) and approved long absences, newest first', params: idParam, response: { 200: z.object({ items: z.array(exclusionOut) }) } },
    },
    async (request) => {
      const auth = authOf(request);
      return { items: await listVotingExclusions(app.db, auth.tenantId, scopeOf(request, 'members.read'), request.params.id) };
    },
  );

  r.post(
    '/api/v1/members/:id/voting-exclusions',
    {
      config: { access: 'members.write' },
      schema: {
        tags: ['members'],
        summary: 'Record a suspension of voting rights, or an approved long absence (ground, who approved it and when are required): either leaves the member out of those entitled to vote on its days',
        params: idParam,
        body: z.object({
          kind: z.enum(VOTING_EXCLUSION_KINDS),
          reason: z.enum(APPROVED_ABSENCE_REASONS).nullable().optional(),
          fromOn: date,
          toOn: date.nullable().optional(),
          approvedBy: z.string().trim().max(100).optional(),
          approvedOn: date.nullable().optional(),
          note: z.string().trim().max(500).optional(),
        }),
        response: { 201: exclusionOut },
      },
    },
    async (request, reply) => {
      const result = await addVotingExclusion(app.db, actorOf(request), scopeOf(request, 'members.write'), request.params.id, request.body);
      return reply.status(201).send(result);
    },
  );

  r.post(
    '/api/v1/members/:id/voting-exclusions/:exclusionId/withdraw',
    {
      config: { access: 'members.write' },
      schema: {
        tags: ['members'],
        summary: 'Withdraw a recorded suspension or absence (kept with the reason)',
        params: idParam.extend({ exclusionId: z.coerce.number().int().positive() }),
        body: z.object({ reason: z.string().trim().min(1).max(500) }),
        response: { 200: exclusionOut },
      },
    },
    async (request) => withdrawExclusion(app.db, actorOf(request), scopeOf(request, 'members.write'), request.params.id, request.params.exclusionId, request.body.reason),
  );
}
