/** Year-end party statistics (党内统计年报): live tables, cell drill-down, reconciliation, snapshots, Excel. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../lib/context.js';
import { downloadRoute } from '../../lib/download-routes.js';
import { idParam } from '../../lib/paging.js';
import {
  cellOut,
  cellQuery,
  correctInput,
  exportQuery,
  liveOut,
  orgsOut,
  reconcileOut,
  snapshotFilter,
  snapshotOut,
  snapshotSummaryOut,
  statisticsQuery,
  submitInput,
  takeInput,
} from './schemas.js';
import { statisticsWorkbook } from './service-export.js';
import { cellDetail, correct, liveStatistics, reconciliation, snapshotDetail, snapshotList, statisticsOrgs, submit, takeSnapshot } from './service.js';
import { z } from 'zod';

const tags = ['statistics'];

export async function statisticsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/statistics',
    { config: { access: 'statistics.read' }, schema: { tags, summary: 'The year-end tables of an org (default: the caller’s scope root) as of 12-31 of the year, counted from the records now', querystring: statisticsQuery, response: { 200: liveOut } } },
    async (request) => liveStatistics(ctxOf(request), request.query),
  );

  r.get(
    '/api/v1/statistics/orgs',
    { config: { access: 'statistics.read' }, schema: { tags, summary: 'The orgs the caller may count (their scope root and the orgs under it)', response: { 200: orgsOut } } },
    async (request) => statisticsOrgs(ctxOf(request)),
  );

  r.get(
    '/api/v1/statistics/cell',
    { config: { access: 'statistics.read' }, schema: { tags, summary: 'The people or records behind one cell (as many as it counts); ID and phone numbers masked', querystring: cellQuery, response: { 200: cellOut } } },
    async (request) => cellDetail(ctxOf(request), request.query),
  );

  r.get(
    '/api/v1/statistics/reconciliation',
    { config: { access: 'statistics.read' }, schema: { tags, summary: 'Per org, the people whose records do not add up: last year + joined + in − out − died − left − other ≠ this year', querystring: statisticsQuery, response: { 200: reconcileOut } } },
    async (request) => reconciliation(ctxOf(request), request.query),
  );

  downloadRoute(app, { path: '/api/v1/statistics/export', format: 'xlsx', access: 'statistics.read', schema: { tags, summary: 'The tables as Excel, one sheet per table (live, or a snapshot by id)', querystring: exportQuery } }, (ctx, { query }) => statisticsWorkbook(ctx, query));

  r.get(
    '/api/v1/statistics/snapshots',
    { config: { access: 'statistics.read' }, schema: { tags, summary: 'Snapshots in the caller’s scope, newest year and version first', querystring: snapshotFilter, response: { 200: z.array(snapshotSummaryOut) } } },
    async (request) => snapshotList(ctxOf(request), request.query),
  );

  r.post(
    '/api/v1/statistics/snapshots',
    { config: { access: 'statistics.write' }, schema: { tags, summary: 'Take a draft of an ended year (again: name the draft’s version); 409 once submitted', body: takeInput, response: { 201: z.object({ id: z.number() }) } } },
    async (request, reply) => reply.status(201).send(await takeSnapshot(ctxOf(request), request.body)),
  );

  r.get(
    '/api/v1/statistics/snapshots/:id',
    { config: { access: 'statistics.read' }, schema: { tags, summary: 'One snapshot with its tables as they were taken', params: idParam, response: { 200: snapshotOut } } },
    async (request) => snapshotDetail(ctxOf(request), request.params.id),
  );

  r.post(
    '/api/v1/statistics/snapshots/:id/submit',
    { config: { access: 'statistics.write' }, schema: { tags, summary: 'Submit a draft: frozen from then on; 409 on a stale version', params: idParam, body: submitInput, response: { 200: snapshotOut } } },
    async (request) => submit(ctxOf(request), request.params.id, request.body.version),
  );

  r.post(
    '/api/v1/statistics/snapshots/:id/correct',
    { config: { access: 'statistics.write' }, schema: { tags, summary: 'Correct a submitted snapshot: the next version, taken from the records now, with its reason (a draft to submit)', params: idParam, body: correctInput, response: { 201: z.object({ id: z.number() }) } } },
    async (request, reply) => reply.status(201).send(await correct(ctxOf(request), request.params.id, request.body.reason)),
  );
}
