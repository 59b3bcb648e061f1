/** The yearly plan of a branch or 党委: read, generate from the rules, add, edit and remove items. */
import { MEETING_KINDS, PLAN_ITEM_STATES } from '@hongyi/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../lib/context.js';
import { version } from '../../lib/fields.js';
import { idParam } from '../../lib/paging.js';
import { serviceRoute } from '../../lib/service-routes.js';
import { dateString, orgParam, yearQuery } from './schemas.js';
import { addPlanItem, changePlanItem, generatePlan, planOf, removePlanItem } from './service-plan.js';

const tags = ['orglife'];
const planItemOut = z.object({
  id: z.number(),
  orgId: z.number(),
  year: z.number(),
  kind: z.enum(MEETING_KINDS),
  plannedOn: z.string(),
  title: z.string(),
  note: z.string(),
  version: z.number(),
  /** done: a record completes it; overdue: its date has passed (the server's today) without one; open otherwise. */
  state: z.enum(PLAN_ITEM_STATES),
  record: z.object({ id: z.number(), heldOn: z.string(), kinds: z.array(z.enum(MEETING_KINDS)) }).nullable(),
});

export function planRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  serviceRoute(
    app,
    {
      method: 'get',
      path: '/api/v1/orglife/orgs/:orgId/plan',
      access: 'orglife.read',
      schema: {
        tags,
        summary: 'A branch’s yearly plan: each item with its state (done / open / overdue against the server’s today) and the record that completed it; a year (default this year) or planned dates from–to',
        params: orgParam,
        querystring: yearQuery.extend({ from: dateString.optional(), to: dateString.optional() }),
        response: { 200: z.array(planItemOut) },
      },
    },
    (ctx, { params, query }) => planOf(ctx, params.orgId, query),
  );

  serviceRoute(
    app,
    {
      method: 'post',
      path: '/api/v1/orglife/orgs/:orgId/plan',
      access: 'orglife.write',
      schema: {
        tags,
        summary: 'Generate a branch’s yearly plan from the rules (only when the year has no plan yet)',
        params: orgParam,
        body: z.object({ year: z.number().int().min(2000).max(2100), fixedDay: z.number().int().min(1).max(28).nullable().optional() }),
        response: { 201: z.array(planItemOut) },
      },
    },
    (ctx, { params, body }) => generatePlan(ctx, params.orgId, body.year, body.fixedDay),
  );

  serviceRoute(
    app,
    {
      method: 'post',
      path: '/api/v1/orglife/orgs/:orgId/plan/items',
      access: 'orglife.write',
      schema: {
        tags,
        summary: 'Add an item to a branch’s plan (the year is the planned date’s)',
        params: orgParam,
        body: z.object({ kind: z.enum(MEETING_KINDS), plannedOn: dateString, title: z.string().trim().max(100).default(''), note: z.string().trim().max(500).default('') }),
        response: { 201: planItemOut },
      },
    },
    (ctx, { params, body }) => addPlanItem(ctx, params.orgId, body),
  );

  serviceRoute(
    app,
    {
      method: 'patch',
      path: '/api/v1/orglife/plan-items/:id',
      access: 'orglife.write',
      schema: {
        tags,
        summary: 'Edit a plan item (date within its year, kind, title, note); optimistic concurrency',
        params: idParam,
        body: z.object({
          version: version(),
          plannedOn: dateString.optional(),
          kind: z.enum(MEETING_KINDS).optional(),
          title: z.string().trim().max(100).optional(),
          note: z.string().trim().max(500).optional(),
        }),
        response: { 200: planItemOut },
      },
    },
    (ctx, { params, body }) => changePlanItem(ctx, params.id, body),
  );

  r.delete(
    '/api/v1/orglife/plan-items/:id',
    {
      config: { access: 'orglife.write' },
      schema: { tags, summary: 'Remove a plan item that no record has completed; optimistic concurrency', params: idParam, querystring: z.object({ version: version({ coerce: true }) }) },
    },
    async (request, reply) => {
      await removePlanItem(ctxOf(request), request.params.id, request.query.version);
      return reply.status(204).send();
    },
  );
}
