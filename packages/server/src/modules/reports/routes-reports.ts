/** Upward reports (上级临时要报的表): definitions, preview, frozen runs, a cell's people, 下年再报, Excel. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../lib/context.js';
import { downloadRoute } from '../../lib/download-routes.js';
import { version } from '../../lib/fields.js';
import { idParam, pageQuery } from '../../lib/paging.js';
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

  r.get(
    '/api/v1/reports',
    { config: { access: 'statistics.read' }, schema: { tags, summary: 'Saved report definitions whose org lies in the caller’s scope, each with its last run', querystring: pageQuery, response: { 200: definitionListOut } } },
    async (request) => definitionList(ctxOf(request), request.query),
  );

  r.post(
    '/api/v1/reports',
    { config: { access: 'statistics.write' }, schema: { tags, summary: 'Save a report definition (title, requester, as-of date, org, columns, breakdown, filters)', body: definitionInput, response: { 201: z.object({ id: z.number() }) } } },
    async (request, reply) => reply.status(201).send({ id: await createDefinition(ctxOf(request), request.body) }),
  );

  r.post(
    '/api/v1/reports/preview',
    { config: { access: 'statistics.read' }, schema: { tags, summary: 'Run a definition without saving it: the breakdown and the person list as of its date', body: definitionInput, response: { 200: resultOut } } },
    async (request) => previewDefinition(ctxOf(request), request.body),
  );

  r.get(
    '/api/v1/reports/runs/:id',
    { config: { access: 'statistics.read' }, schema: { tags, summary: 'One frozen run: the definition as run and its result', params: idParam, response: { 200: runOut } } },
    async (request) => runDetail(ctxOf(request), request.params.id),
  );

  r.get(
    '/api/v1/reports/runs/:id/cell',
    { config: { access: 'statistics.read' }, schema: { tags, summary: 'A page of the people behind one cell of a run’s breakdown (column -1: the row’s total; limit and offset, with the total), ID numbers masked by role', params: idParam, querystring: cellQuery, response: { 200: cellOut } } },
    async (request) => runCell(ctxOf(request), request.params.id, request.query),
  );

  downloadRoute(app, { path: '/api/v1/reports/runs/:id/export', format: 'xlsx', access: 'statistics.read', schema: { tags, summary: 'A run as Excel: the breakdown table (title, unit, as-of date) and the person list', params: idParam } }, (ctx, { params }) => runWorkbook(ctx, params.id));

  r.get(
    '/api/v1/reports/:id',
    { config: { access: 'statistics.read' }, schema: { tags, summary: 'One report definition', params: idParam, response: { 200: definitionOut } } },
    async (request) => definitionDetail(ctxOf(request), request.params.id),
  );

  r.put(
    '/api/v1/reports/:id',
    { config: { access: 'statistics.write' }, schema: { tags, summary: 'Change a report definition; 409 on a stale version', params: idParam, body: definitionInput.extend({ version: version() }), response: { 200: z.object({ id: z.number() }) } } },
    async (request) => {
      const { version: v, ...input } = request.body;
      await changeDefinition(ctxOf(request), request.params.id, v, input);
      return { id: request.params.id };
    },
  );

  r.delete(
    '/api/v1/reports/:id',
    { config: { access: 'statistics.write' }, schema: { tags, summary: 'Delete a report definition that has no runs; 409 on a stale version or when runs exist', params: idParam, querystring: versionQuery, response: { 204: z.null() } } },
    async (request, reply) => {
      await removeDefinition(ctxOf(request), request.params.id, request.query.version);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/v1/reports/:id/runs',
    { config: { access: 'statistics.read' }, schema: { tags, summary: 'A definition’s frozen runs, newest first', params: idParam, response: { 200: z.array(runSummaryOut) } } },
    async (request) => definitionRuns(ctxOf(request), request.params.id),
  );

  r.post(
    '/api/v1/reports/:id/runs',
    { config: { access: 'statistics.write' }, schema: { tags, summary: 'Run a definition over the members as of its date and store the frozen result', params: idParam, response: { 201: z.object({ id: z.number() }) } } },
    async (request, reply) => reply.status(201).send(await runDefinition(ctxOf(request), request.params.id)),
  );

  r.post(
    '/api/v1/reports/:id/next-year',
    { config: { access: 'statistics.write' }, schema: { tags, summary: '下年再报: copy the definition with its as-of date a year later (02-29 → 02-28) and run it', params: idParam, response: { 201: z.object({ definitionId: z.number(), runId: z.number() }) } } },
    async (request, reply) => reply.status(201).send(await rerunNextYear(ctxOf(request), request.params.id)),
  );
}
