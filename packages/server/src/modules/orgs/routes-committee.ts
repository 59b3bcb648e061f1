/** Committees and 换届 elections: seats, who may vote on a date, and recording an election. */
import { COMMITTEE_POSTS } from '@hongyi/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../lib/context.js';
import { version } from '../../lib/fields.js';
import { idParam } from '../../lib/paging.js';
import { orgElectorate, recordElection, setCommittee } from './service-committee.js';
import { candidateOut, date, termYears } from './schemas.js';

export async function orgCommitteeRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.put(
    '/api/v1/orgs/:id/committee',
    {
      config: { access: 'orgs.write' },
      schema: {
        tags: ['orgs'],
        summary: 'Set the committee: seats with posts (书记, 副书记, 组织委员 …); a seat without a member is a vacancy. Members must belong to the org or below',
        params: idParam,
        body: z.object({
          version: version(),
          seats: z.array(z.object({ post: z.enum(COMMITTEE_POSTS), memberId: z.number().int().positive().nullable(), startedOn: date.nullable().optional() })).max(30),
        }),
        response: { 200: z.object({ id: z.number(), version: z.number() }) },
      },
    },
    async (request) => setCommittee(ctxOf(request), request.params.id, request.body),
  );

  r.get(
    '/api/v1/orgs/:id/electorate',
    {
      config: { access: 'orgs.write' },
      schema: {
        tags: ['orgs'],
        summary: 'Who may vote at a 换届 election on a date: the roster’s full members less suspended rights and approved absences (the 应到会人数), and how many must be present (more than 4/5)',
        params: idParam,
        querystring: z.object({ date: date.optional() }),
        response: {
          200: z.object({
            date: z.string(),
            onRoster: z.number(),
            entitled: z.number(),
            required: z.number(),
            excluded: z.array(
              z.object({
                memberId: z.number(),
                name: z.string(),
                because: z.enum(['probationary', 'rights_suspended', 'away_approved']),
                reason: z.string().nullable(),
                fromOn: z.string().nullable(),
                toOn: z.string().nullable(),
                approvalRef: z.string().nullable(),
                approvedBy: z.string().nullable(),
                approvedOn: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => orgElectorate(ctxOf(request), request.params.id, request.query.date),
  );

  r.post(
    '/api/v1/orgs/:id/elections',
    {
      config: { access: 'orgs.write' },
      schema: {
        tags: ['orgs'],
        summary:
          'Record a 换届 election (date, voters present, candidates’ votes, results); it starts a new term. Those due come from the roster on the date (GET …/electorate); refused unless more than 4/5 of them are present. Append-only',
        params: idParam,
        body: z.object({
          heldOn: date,
          termYears: termYears.optional(),
          votersDue: z.number().int().min(0).max(100000).optional(),
          votersPresent: z.number().int().min(0).max(100000),
          candidates: z
            .array(z.object({ name: z.string().trim().min(1).max(50), memberId: z.number().int().positive().nullable().optional(), votes: z.number().int().min(0).max(100000) }))
            .max(100)
            .default([]),
          results: z.string().trim().max(2000).default(''),
          notes: z.string().trim().max(2000).default(''),
        }),
        response: { 201: z.object({ id: z.number(), termExpiresOn: z.string(), votersDue: z.number(), candidates: z.array(candidateOut) }) },
      },
    },
    async (request, reply) => reply.status(201).send(await recordElection(ctxOf(request), request.params.id, request.body)),
  );
}
