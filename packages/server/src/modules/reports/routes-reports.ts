/** Upward reports (上级临时要报的表): definitions, preview, frozen runs, a cell's people, 下年再报, Excel. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../lib/context.js';
import { downloadRoute } from '../../lib/download-routes.js';
import { version } from '../../lib/fields.js';
import { idParam, pageQuery } from '../../lib/paging.js';
import { savedById, serviceRoute } from '../../lib/service-routes.js';
import { cellOut, cellQuery, definitionInput, definitionListOut, definitionOut, resultOut, runOut, runSummaryOut, versionQuery } from './schemas.js';
import { runWorkbook } from './service-export.js';
import {
  changeDefinition,
  createDefinition,
  definitionDetail,
  definitionList,
  definitionRuns,
  previewDefinition,
  removeDefinition,
  rerunNextYear,
  runCell,
  runDefinition,
  runDetail,
} from './service.js';

const tags = ['reports'];

export async function reportRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  serviceRoute(app, { method: 'get', path: '/api/v1/reports', access: 'statistics.read', schema: { tags, summary: 'Saved report definitions whose org lies in the caller’s scope, each with its last run', querystring: pageQuery, response: { 200: definitionListOut } } }, (ctx, { query }) => definitionList(ctx, query));

  serviceRoute(app, { method: 'post', path: '/api/v1/reports', access: 'statistics.write', schema: { tags, summary: 'Save a report definition (title, requester, as-of date, org, columns, breakdown, filters)', body: definitionInput, response: { 201: z.object({ id: z.number() }) } } }, async (ctx, { body }) => ({ id: await createDefinition(ctx, body) }));

  serviceRoute(app, { method: 'post', path: '/api/v1/reports/preview', access: 'statistics.read', schema: { tags, summary: 'Run a definition without saving it: the breakdown and the person list as of its date', body: definitionInput, response: { 200: resultOut } } }, (ctx, { body }) => previewDefinition(ctx, body));

  serviceRoute(app, { method: 'get', path: '/api/v1/reports/runs/:id', access: 'statistics.read', schema: { tags, summary: 'One frozen run: the definition as run and its result', params: idParam, response: { 200: runOut } } }, (ctx, { params }) => runDetail(ctx, params.id));

  serviceRoute(
    app,
    {
      method: 'get',
      path: '/api/v1/reports/runs/:id/cell',
      access: 'statistics.read',
      schema: { tags, summary: 'A page of the people behind one cell of a run’s breakdown (column -1: the row’s total; limit and offset, with the total), ID numbers masked by role', params: idParam, querystring: cellQuery, response: { 200: cellOut } },
    },
    (ctx, { params, query }) => runCell(ctx, params.id, query),
  );

  downloadRoute(app, { path: '/api/v1/reports/runs/:id/export', format: 'xlsx', access: 'statistics.read', schema: { tags, summary: 'A run as Excel: the breakdown table (title, unit, as-of date) and the person list', params: idParam } }, (ctx, { params }) => runWorkbook(ctx, params.id));

  serviceRoute(app, { method: 'get', path: '/api/v1/reports/:id', access: 'statistics.read', schema: { tags, summary: 'One report definition', params: idParam, response: { 200: definitionOut } } }, (ctx, { params }) => definitionDetail(ctx, params.id));

  serviceRoute(app, { method: 'put', path: '/api/v1/reports/:id', access: 'statistics.write', schema: { tags, summary: 'Change a report definition; 409 on a stale version', params: idParam, body: definitionInput.extend({ version: version() }), response: { 200: z.object({ id: z.number() }) } } }, savedById(changeDefinition));

  r.delete(
    '/api/v1/reports/:id',
    { config: { access: 'statistics.write' }, schema: { tags, summary: 'Delete a report definition that has no runs; 409 on a stale version or when runs exist', params: idParam, querystring: versionQuery, response: { 204: z.null() } } },
    async (request, reply) => {
      await removeDefinition(ctxOf(request), request.params.id, request.query.version);
      return reply.status(204).send(null);
    },
  );

  serviceRoute(app, { method: 'get', path: '/api/v1/reports/:id/runs', access: 'statistics.read', schema: { tags, summary: 'A definition’s frozen runs, newest first', params: idParam, response: { 200: z.array(runSummaryOut) } } }, (ctx, { params }) => definitionRuns(ctx, params.id));

  serviceRoute(app, { method: 'post', path: '/api/v1/reports/:id/runs', access: 'statistics.write', schema: { tags, summary: 'Run a definition over the members as of its date and store the frozen result', params: idParam, response: { 201: z.object({ id: z.number() }) } } }, (ctx, { params }) => runDefinition(ctx, params.id));

  serviceRoute(app, { method: 'post', path: '/api/v1/reports/:id/next-year', access: 'statistics.write', schema: { tags, summary: '下年再报: copy the definition with its as-of date a year later (02-29 → 02-28) and run it', params: idParam, response: { 201: z.object({ definitionId: z.number(), runId: z.number() }) } } }, (ctx, { params }) => rerunNextYear(ctx, params.id));
}
