/** The pipeline board and the due list of the caller's scope. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { pageQuery } from '../../lib/paging.js';
import { serviceRoute } from '../../lib/service-routes.js';
import { boardOut, dueListOut } from './schemas.js';
import { dueList, pipelineBoard } from './service-lists.js';

const tags = ['development'];

export async function boardRoutes(app: FastifyInstance) {

  serviceRoute(app, { method: 'get', path: '/api/v1/development/board', access: 'development.read', schema: { tags, summary: 'Pipeline board: people per stage and status for each branch in scope (and totals for the funnel)', querystring: z.object({ orgId: z.coerce.number().int().positive().optional() }), response: { 200: boardOut } } }, (ctx, { query }) => pipelineBoard(ctx, query.orgId));

  serviceRoute(
    app,
    {
      method: 'get',
      path: '/api/v1/development/due',
      access: 'development.read',
      schema: {
        tags,
        summary: 'Due list: talks, 6-monthly reviews, notices ending, approvals near the 3-month limit, probation ending — overdue or within `days`, a page at a time (by date), with the total and how many are overdue',
        querystring: pageQuery.extend({ days: z.coerce.number().int().min(0).max(366).default(30), orgId: z.coerce.number().int().positive().optional() }),
        response: { 200: dueListOut },
      },
    },
    (ctx, { query }) => dueList(ctx, query),
  );
}
