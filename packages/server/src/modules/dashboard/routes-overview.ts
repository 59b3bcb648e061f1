import { MEETING_KINDS } from '@hongyi/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../lib/context.js';
import { OVERVIEW_CARDS, memberHome, overview } from './service-overview.js';

const card = z.object({
  key: z.enum(OVERVIEW_CARDS),
  group: z.enum(['due', 'year']),
  value: z.number(),
  of: z.number().nullable(),
  unit: z.enum(['count', 'percent', 'hours', 'days']),
  href: z.string(),
  series: z.array(z.object({ name: z.string(), value: z.number() })),
  byCampus: z.array(z.object({ name: z.string(), value: z.number(), of: z.number() })),
});

export async function dashboardOverviewRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/dashboard/overview',
    {
      config: { access: 'dashboard.read' },
      schema: {
        tags: ['dashboard'],
        summary: 'The overview of the caller’s scope: this month’s due items and the year’s figures, one card per area the caller may read, each with the page listing its records',
        querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }),
        response: { 200: z.object({ year: z.number(), month: z.string(), cards: z.array(card) }) },
      },
    },
    async (request) => overview(ctxOf(request), request.query.year),
  );
  r.get(
    '/api/v1/dashboard/me',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['dashboard'],
        summary: 'A member’s own home: the next meeting planned in their branch, their dues, their development step, their service hours, notes and tasks of the year',
        response: {
          200: z.object({
            year: z.number(),
            nextMeeting: z.object({ id: z.number(), kind: z.enum(MEETING_KINDS), plannedOn: z.string(), title: z.string(), orgName: z.string() }).nullable(),
            dues: z.object({ paidThrough: z.string().nullable(), outstandingCents: z.number(), unpaidMonths: z.number() }).nullable(),
            development: z.object({ status: z.string(), step: z.number(), stage: z.number().nullable() }).nullable(),
            serviceHours: z.number().nullable(),
            notes: z.number().nullable(),
            decisionTasks: z.number().nullable(),
          }),
        },
      },
    },
    async (request) => memberHome(ctxOf(request)),
  );
}
