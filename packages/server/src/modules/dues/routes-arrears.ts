/** Dues routes: the arrears list (党章 第九条) and one member's dues (the collector's view, the member's own page, 党费已交到). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { downloadRoute } from '../../lib/download-routes.js';
import { idParam, pageQuery } from '../../lib/paging.js';
import { serviceRoute } from '../../lib/service-routes.js';
import { arrearsFilters, arrearsOut, category, entryOut, lapse } from './schemas.js';
import { arrearsWorkbook, listArrears, memberDues, myDues, paidThrough } from './service-reports.js';

const arrearsRowOut = arrearsOut.extend({
  id: z.number(),
  name: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  orglife: z
    .object({ months: z.number(), level: lapse })
    .nullable()
    .describe('months without organisational life (党章 第九条 names both), when the caller may read organisational life'),
});

const memberDuesOut = z.object({
  member: z.object({ id: z.number(), name: z.string(), orgName: z.string(), category, farmerMonthlyCents: z.number().nullable(), version: z.number() }),
  bases: z.array(
    z.object({
      id: z.number(),
      year: z.number(),
      category,
      baseCents: z.number(),
      rateBasisPoints: z.number().nullable(),
      monthlyCents: z.number(),
      source: z.string(),
      setBy: z.string(),
      setAt: z.string(),
    }),
  ),
  months: z.array(z.object({ month: z.string(), dueCents: z.number(), paidCents: z.number() })),
  voluntaryCents: z.number(),
  entries: z.array(entryOut),
  arrears: arrearsOut,
  base: z.object({
    year: z.number(),
    needed: z.boolean().describe('the category’s dues are a share of a monthly base (employed, retired)'),
    missing: z.boolean().describe('needed, and no base is in force for the year: the month close charges nothing'),
    setters: z.array(z.string()).describe('the branch secretaries who set it (the organisation office can too)'),
  }),
});

export async function duesArrearsRoutes(app: FastifyInstance) {
  serviceRoute(
    app,
    {
      method: 'get',
      path: '/api/v1/dues/arrears',
      access: 'dues.read',
      schema: {
        tags: ['dues'],
        summary:
          'Members with consecutive unpaid months: remind at 3, warn at 5, report at 6 (党章 第九条), worst first, each with the months without organisational life; counts tallies every level within the org filter',
        querystring: pageQuery.extend(arrearsFilters.shape),
        response: { 200: z.object({ items: z.array(arrearsRowOut), total: z.number(), counts: z.record(lapse, z.number()) }) },
      },
    },
    (ctx, { query }) => {
      const { page, pageSize, ...filters } = query;
      return listArrears(ctx, filters, { limit: pageSize, offset: (page - 1) * pageSize });
    },
  );

  downloadRoute(app, { path: '/api/v1/dues/arrears/export', format: 'xlsx', access: 'dues.read', schema: { tags: ['dues'], summary: 'Export the arrears list to Excel', querystring: arrearsFilters } }, (ctx, { query }) => arrearsWorkbook(ctx, query));

  serviceRoute(app, { method: 'get', path: '/api/v1/dues/members/:id', access: 'dues.read', schema: { tags: ['dues'], summary: 'A member’s dues: bases, months, ledger entries, arrears and 党费已交到', params: idParam, response: { 200: memberDuesOut } } }, (ctx, { params }) => memberDues(ctx, params.id));

  serviceRoute(app, { method: 'get', path: '/api/v1/dues/my', access: 'authenticated', schema: { tags: ['dues'], summary: 'The signed-in member’s own dues (phone page)', response: { 200: memberDuesOut } } }, (ctx) => myDues(ctx));

  serviceRoute(
    app,
    {
      method: 'get',
      path: '/api/v1/dues/members/:id/paid-through',
      access: 'dues.read',
      schema: {
        tags: ['dues'],
        summary: '“党费已交到” for a membership transfer letter, with what is still outstanding',
        params: idParam,
        response: { 200: z.object({ memberId: z.number(), name: z.string(), paidThrough: z.string().nullable(), outstandingCents: z.number(), unpaidMonths: z.array(z.string()) }) },
      },
    },
    (ctx, { params }) => paidThrough(ctx, params.id),
  );
}
