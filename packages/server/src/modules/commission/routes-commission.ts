/** The commission level (卫健委, 教育工委): overview of its units, one unit, Excel export. Aggregates only. */
import { COMMISSION_KINDS, unitFiguresSchema } from '@hongyi/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../lib/context.js';
import { downloadRoute } from '../../lib/download-routes.js';
import { int4 } from '../../lib/fields.js';
import { commissionOverview, commissionUnit, commissionWorkbook } from './service.js';

const tags = ['commission'];
const daysQuery = z.object({ days: z.coerce.number().int().min(1).max(400).default(90) });
const unitParam = z.object({ tenantId: int4({ coerce: true }).positive() });
const headline = z.object({
  members: z.number(),
  branches: z.number(),
  complianceRate: z.number().nullable(),
  duesRate: z.number().nullable(),
  funnel: z.number(),
  worksystemsProgress: z.number().nullable(),
});
const trendPoint = headline.extend({ asOf: z.string() });
const commissionOut = z.object({ name: z.string(), kind: z.enum(COMMISSION_KINDS) });
const unitOut = z.object({
  tenantId: z.number(),
  code: z.string(),
  name: z.string(),
  asOf: z.string().nullable(),
  figures: unitFiguresSchema.nullable(),
  headline: headline.nullable(),
  trend: z.array(trendPoint),
});

export async function commissionRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/commission/overview',
    {
      config: { access: 'commission.read' },
      schema: { tags, summary: 'The commission’s units side by side (latest summary) with their trend over the last days', querystring: daysQuery, response: { 200: z.object({ commission: commissionOut, today: z.string(), units: z.array(unitOut) }) } },
    },
    async (request) => commissionOverview(ctxOf(request), request.query.days),
  );
  r.get(
    '/api/v1/commission/units/:tenantId',
    {
      config: { access: 'commission.read' },
      schema: {
        tags,
        summary: 'One unit’s aggregate figures and trend (a unit the commission groups; 404 otherwise)',
        params: unitParam,
        querystring: daysQuery,
        response: { 200: unitOut.extend({ commission: commissionOut, joinedOn: z.string(), computedAt: z.string().nullable() }) },
      },
    },
    async (request) => commissionUnit(ctxOf(request), request.params.tenantId, request.query.days),
  );
  downloadRoute(app, { path: '/api/v1/commission/export', format: 'xlsx', access: 'commission.read', schema: { tags, summary: 'The units’ figures and trend as Excel', querystring: daysQuery } }, (ctx, { query }) => commissionWorkbook(ctx, query.days));
}
