/** Recorded exclusions of a member from the vote (suspended rights, approved long absences). */
import { VOTING_EXCLUSION_KINDS } from '@hongyi/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../lib/context.js';
import { idParam } from '../../lib/paging.js';
import { dateString } from './schemas.js';
import { changeExclusion, exclusionsOfMember, recordExclusion, removeExclusion } from './service-voting-exclusions.js';

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

export function votingExclusionRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/orglife/members/:memberId/voting-exclusions',
    {
      config: { access: 'orglife.read' },
      schema: { tags, summary: 'A member’s recorded exclusions from the vote (suspended rights, approved long absences), latest first', params: memberParam, response: { 200: z.array(exclusionOut) } },
    },
    async (request) => exclusionsOfMember(ctxOf(request), request.params.memberId),
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
    async (request, reply) => reply.status(201).send(await recordExclusion(ctxOf(request), request.params.memberId, request.body)),
  );

  r.put(
    '/api/v1/orglife/voting-exclusions/:id',
    {
      config: { access: 'orglife.write' },
      schema: { tags, summary: 'Change a recorded exclusion (e.g. set its last day when the member is back); optimistic concurrency', params: idParam, body: exclusionInput.extend({ version: z.number().int().positive() }), response: { 200: exclusionOut } },
    },
    async (request) => changeExclusion(ctxOf(request), request.params.id, request.body),
  );

  r.delete(
    '/api/v1/orglife/voting-exclusions/:id',
    {
      config: { access: 'orglife.write' },
      schema: { tags, summary: 'Remove an exclusion entered by mistake (audited with its content); optimistic concurrency', params: idParam, querystring: z.object({ version: z.coerce.number().int().positive() }) },
    },
    async (request, reply) => {
      await removeExclusion(ctxOf(request), request.params.id, request.query.version);
      return reply.status(204).send();
    },
  );
}
