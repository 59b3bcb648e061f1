/** Party-work funds (党建经费): the unit's settings, budget lines with their balance, the 三优先 report and the Excel workbook. */
import { fundsSettingsSchema } from '@hongyi/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../lib/context.js';
import { downloadRoute } from '../../lib/download-routes.js';
import { version } from '../../lib/fields.js';
import { idParam, pageQuery } from '../../lib/paging.js';
import { lineChange, lineFilter, lineInput, lineOut, priorityFilter, priorityOut, totalsOut } from './schemas.js';
import { fundsWorkbook, priorityReport } from './service-report.js';
import { changeLine, createLine, fundsSettings, lineList, removeLine, saveFundsSettings } from './service.js';

const tags = ['funds'];
const settingsOut = fundsSettingsSchema.extend({ version: z.number() });

export async function fundRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/funds/settings',
    { config: { access: 'funds.read' }, schema: { tags, summary: 'The unit’s fund categories and 三优先 targets (days to approval and to payment)', response: { 200: settingsOut } } },
    async (request) => {
      const { value, version: v } = await fundsSettings(ctxOf(request));
      return { ...value, version: v };
    },
  );

  r.put(
    '/api/v1/funds/settings',
    {
      config: { access: 'settings.manage' },
      schema: { tags, summary: 'Save the unit’s fund categories and 三优先 targets; 409 on a stale version', body: fundsSettingsSchema.extend({ version: version().or(z.literal(0)) }), response: { 200: settingsOut } },
    },
    async (request) => {
      const { version: v, ...value } = request.body;
      const saved = await saveFundsSettings(ctxOf(request), value, v);
      return { ...saved.value, version: saved.version };
    },
  );

  r.get(
    '/api/v1/funds/lines',
    {
      config: { access: 'funds.read' },
      schema: {
        tags,
        summary: 'Budget lines of a year (this year by default) of the orgs in the caller’s scope, each with what is spent, approved and left; totals of the filter',
        querystring: pageQuery.extend(lineFilter.shape),
        response: { 200: z.object({ items: z.array(lineOut), total: z.number(), year: z.number(), totals: totalsOut }) },
      },
    },
    async (request) => {
      const { page, pageSize, ...filter } = request.query;
      return lineList(ctxOf(request), filter, { page, pageSize });
    },
  );

  r.post(
    '/api/v1/funds/lines',
    { config: { access: 'funds.approve' }, schema: { tags, summary: 'Budget an org’s year in one category (预算优先安排)', body: lineInput, response: { 201: z.object({ id: z.number() }) } } },
    async (request, reply) => reply.status(201).send({ id: await createLine(ctxOf(request), request.body) }),
  );

  r.put(
    '/api/v1/funds/lines/:id',
    { config: { access: 'funds.approve' }, schema: { tags, summary: 'Change a line’s amount or note (not below what is spent); 409 on a stale version', params: idParam, body: lineChange, response: { 200: z.object({ id: z.number() }) } } },
    async (request) => {
      const { version: v, ...input } = request.body;
      await changeLine(ctxOf(request), request.params.id, v, input);
      return { id: request.params.id };
    },
  );

  r.delete(
    '/api/v1/funds/lines/:id',
    { config: { access: 'funds.approve' }, schema: { tags, summary: 'Delete a line nothing was requested or spent on; 409 on a stale version', params: idParam, querystring: z.object({ version: version({ coerce: true }) }), response: { 204: z.null() } } },
    async (request, reply) => {
      await removeLine(ctxOf(request), request.params.id, request.query.version);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/v1/funds/priority',
    {
      config: { access: 'funds.read' },
      schema: {
        tags,
        summary: '三优先 of a year over the caller’s scope: the branch share of the budget; days from request to approval and to payment per quarter against the targets; requests waiting today',
        querystring: priorityFilter,
        response: { 200: priorityOut },
      },
    },
    async (request) => priorityReport(ctxOf(request), request.query),
  );

  downloadRoute(app, { path: '/api/v1/funds/export', format: 'xlsx', access: 'funds.read', schema: { tags, summary: 'One workbook: budget lines with balances, requests with their days, expenses and the 三优先 quarters', querystring: lineFilter } }, (ctx, { query }) => fundsWorkbook(ctx, query));
}
