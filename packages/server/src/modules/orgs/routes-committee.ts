/** Committees and 换届 elections: seats, who may vote on a date, and recording an election. */
import { COMMITTEE_POSTS } from '@hongyi/core';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { version } from '../../lib/fields.js';
import { idParam } from '../../lib/paging.js';
import { serviceRoute } from '../../lib/service-routes.js';
import { orgElectorate, recordElection, setCommittee } from './service-committee.js';
import { candidateOut, date, termYears } from './schemas.js';

const tags = ['orgs'];
const access = 'orgs.write';
const committeeBody = z.object({
  version: version(),
  seats: z.array(z.object({ post: z.enum(COMMITTEE_POSTS), memberId: z.number().int().positive().nullable(), startedOn: date.nullable().optional() })).max(30),
});
const electorateOut = z.object({
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
});
const electionBody = z.object({
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
});

export async function orgCommitteeRoutes(app: FastifyInstance) {
  serviceRoute(app, { method: 'put', path: '/api/v1/orgs/:id/committee', access, schema: { tags, summary: 'Set the committee: seats with posts (书记, 副书记, 组织委员 …); a seat without a member is a vacancy. Members must belong to the org or below', params: idParam, body: committeeBody, response: { 200: z.object({ id: z.number(), version: z.number() }) } } }, (ctx, { params, body }) => setCommittee(ctx, params.id, body));

  serviceRoute(app, { method: 'get', path: '/api/v1/orgs/:id/electorate', access, schema: { tags, summary: 'Who may vote at a 换届 election on a date: the roster’s full members less suspended rights and approved absences (the 应到会人数), and how many must be present (more than 4/5)', params: idParam, querystring: z.object({ date: date.optional() }), response: { 200: electorateOut } } }, (ctx, { params, query }) => orgElectorate(ctx, params.id, query.date));

  serviceRoute(app, { method: 'post', path: '/api/v1/orgs/:id/elections', access, schema: { tags, summary: 'Record a 换届 election (date, voters present, candidates’ votes, results); it starts a new term. Those due come from the roster on the date (GET …/electorate); refused unless more than 4/5 of them are present. Append-only', params: idParam, body: electionBody, response: { 201: z.object({ id: z.number(), termExpiresOn: z.string(), votersDue: z.number(), candidates: z.array(candidateOut) }) } } }, (ctx, { params, body }) => recordElection(ctx, params.id, body));
}
