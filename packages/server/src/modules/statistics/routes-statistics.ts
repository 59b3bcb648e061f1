/** Year-end party statistics (党内统计年报): live tables, cell drill-down, reconciliation, snapshots, Excel. */
import type { FastifyInstance } from 'fastify';
import { downloadRoute } from '../../lib/download-routes.js';
import { idParam } from '../../lib/paging.js';
import { serviceRoute } from '../../lib/service-routes.js';
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

  serviceRoute(app, { method: 'get', path: '/api/v1/statistics', access: 'statistics.read', schema: { tags, summary: 'The year-end tables of an org (default: the caller’s scope root) as of 12-31 of the year, counted from the records now', querystring: statisticsQuery, response: { 200: liveOut } } }, (ctx, { query }) => liveStatistics(ctx, query));

  serviceRoute(app, { method: 'get', path: '/api/v1/statistics/orgs', access: 'statistics.read', schema: { tags, summary: 'The orgs the caller may count (their scope root and the orgs under it)', response: { 200: orgsOut } } }, (ctx) => statisticsOrgs(ctx));

  serviceRoute(app, { method: 'get', path: '/api/v1/statistics/cell', access: 'statistics.read', schema: { tags, summary: 'The people or records behind one cell (as many as it counts); ID and phone numbers masked', querystring: cellQuery, response: { 200: cellOut } } }, (ctx, { query }) => cellDetail(ctx, query));

  serviceRoute(app, { method: 'get', path: '/api/v1/statistics/reconciliation', access: 'statistics.read', schema: { tags, summary: 'Per org, the people whose records do not add up: last year + joined + in − out − died − left − other ≠ this year', querystring: statisticsQuery, response: { 200: reconcileOut } } }, (ctx, { query }) => reconciliation(ctx, query));

  downloadRoute(app, { path: '/api/v1/statistics/export', format: 'xlsx', access: 'statistics.read', schema: { tags, summary: 'The tables as Excel, one sheet per table (live, or a snapshot by id)', querystring: exportQuery } }, (ctx, { query }) => statisticsWorkbook(ctx, query));

  serviceRoute(app, { method: 'get', path: '/api/v1/statistics/snapshots', access: 'statistics.read', schema: { tags, summary: 'Snapshots in the caller’s scope, newest year and version first', querystring: snapshotFilter, response: { 200: z.array(snapshotSummaryOut) } } }, (ctx, { query }) => snapshotList(ctx, query));

  serviceRoute(app, { method: 'post', path: '/api/v1/statistics/snapshots', access: 'statistics.write', schema: { tags, summary: 'Take a draft of an ended year (again: name the draft’s version); 409 once submitted', body: takeInput, response: { 201: z.object({ id: z.number() }) } } }, (ctx, { body }) => takeSnapshot(ctx, body));

  serviceRoute(app, { method: 'get', path: '/api/v1/statistics/snapshots/:id', access: 'statistics.read', schema: { tags, summary: 'One snapshot with its tables as they were taken', params: idParam, response: { 200: snapshotOut } } }, (ctx, { params }) => snapshotDetail(ctx, params.id));

  serviceRoute(app, { method: 'post', path: '/api/v1/statistics/snapshots/:id/submit', access: 'statistics.write', schema: { tags, summary: 'Submit a draft: frozen from then on; 409 on a stale version', params: idParam, body: submitInput, response: { 200: snapshotOut } } }, (ctx, { params, body }) => submit(ctx, params.id, body.version));

  serviceRoute(app, { method: 'post', path: '/api/v1/statistics/snapshots/:id/correct', access: 'statistics.write', schema: { tags, summary: 'Correct a submitted snapshot: the next version, taken from the records now, with its reason (a draft to submit)', params: idParam, body: correctInput, response: { 201: z.object({ id: z.number() }) } } }, (ctx, { params, body }) => correct(ctx, params.id, body.reason));
}
