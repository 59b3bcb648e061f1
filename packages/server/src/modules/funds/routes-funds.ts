/** Party-work funds (党建经费): the unit's settings, budget lines with their balance, the 三优先 report and the Excel workbook. */
import { fundsSettingsSchema } from '@hongyi/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../lib/context.js';
import { downloadRoute } from '../../lib/download-routes.js';
import { version } from '../../lib/fields.js';
import { idParam, pageQuery } from '../../lib/paging.js';
import { savedById, serviceRoute } from '../../lib/service-routes.js';
import { lineChange, lineFilter, lineInput, lineOut, priorityFilter, priorityOut, totalsOut } from './schemas.js';
import { fundsWorkbook, priorityReport } from './service-report.js';
import { changeLine, createLine, fundsSettings, lineList, removeLine, saveFundsSettings } from './service.js';

const tags = ['funds'];
const settingsOut = fundsSettingsSchema.extend({ version: z.number() });

export async function fundRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  serviceRoute(
    app,
    { method: 'get', path: '/api/v1/funds/settings', access: 'funds.read', schema: { tags, summary: 'The unit’s fund categories and 三优先 targets (days to approval and to payment)', response: { 200: settingsOut } } },
    async (ctx) => {
      const { value, version: v } = await fundsSettings(ctx);
      return { ...value, version: v };
    },
  );

  serviceRoute(
    app,
    { method: 'put', path: '/api/v1/funds/settings', access: 'settings.manage', schema: { tags, summary: 'Save the unit’s fund categories and 三优先 targets; 409 on a stale version', body: fundsSettingsSchema.extend({ version: version().or(z.literal(0)) }), response: { 200: settingsOut } } },
    async (ctx, { body }) => {
      const { version: v, ...value } = body;
      const saved = await saveFundsSettings(ctx, value, v);
      return { ...saved.value, version: saved.version };
    },
  );

  serviceRoute(
    app,
    {
      method: 'get',
      path: '/api/v1/funds/lines',
      access: 'funds.read',
      schema: {
        tags,
        summary: 'Budget lines of a year (this year by default) of the orgs in the caller’s scope, each with what is spent, approved and left; totals of the filter',
        querystring: pageQuery.extend(lineFilter.shape),
        response: { 200: z.object({ items: z.array(lineOut), total: z.number(), year: z.number(), totals: totalsOut }) },
      },
    },
    (ctx, { query }) => {
      const { page, pageSize, ...filter } = query;
      return lineList(ctx, filter, { page, pageSize });
    },
  );

  serviceRoute(app, { method: 'post', path: '/api/v1/funds/lines', access: 'funds.approve', schema: { tags, summary: 'Budget an org’s year in one category (预算优先安排)', body: lineInput, response: { 201: z.object({ id: z.number() }) } } }, async (ctx, { body }) => ({ id: await createLine(ctx, body) }));

  serviceRoute(app, { method: 'put', path: '/api/v1/funds/lines/:id', access: 'funds.approve', schema: { tags, summary: 'Change a line’s amount or note (not below what is spent); 409 on a stale version', params: idParam, body: lineChange, response: { 200: z.object({ id: z.number() }) } } }, savedById(changeLine));

  r.delete(
    '/api/v1/funds/lines/:id',
    { config: { access: 'funds.approve' }, schema: { tags, summary: 'Delete a line nothing was requested or spent on; 409 on a stale version', params: idParam, querystring: z.object({ version: version({ coerce: true }) }), response: { 204: z.null() } } },
    async (request, reply) => {
      await removeLine(ctxOf(request), request.params.id, request.query.version);
      return reply.status(204).send(null);
    },
  );

  serviceRoute(
    app,
    {
      method: 'get',
      path: '/api/v1/funds/priority',
      access: 'funds.read',
      schema: {
        tags,
        summary: '三优先 of a year over the caller’s scope: the branch share of the budget; days from request to approval and to payment per quarter against the targets; requests waiting today',
        querystring: priorityFilter,
        response: { 200: priorityOut },
      },
    },
    (ctx, { query }) => priorityReport(ctx, query),
  );

  downloadRoute(app, { path: '/api/v1/funds/export', format: 'xlsx', access: 'funds.read', schema: { tags, summary: 'One workbook: budget lines with balances, requests with their days, expenses and the 三优先 quarters', querystring: lineFilter } }, (ctx, { query }) => fundsWorkbook(ctx, query));
}
