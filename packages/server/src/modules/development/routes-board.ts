/** The pipeline board and the due list of the caller's scope. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../lib/context.js';
import { pageQuery } from '../../lib/paging.js';
import { boardOut, dueListOut } from './schemas.js';
import { dueList, pipelineBoard } from './service-lists.js';

const tags = ['development'];

export async function boardRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/development/board',
    {
      config: { access: 'development.read' },
      schema: {
        tags,
        summary: 'Pipeline board: people per stage and status for each branch in scope (and totals for the funnel)',
        querystring: z.object({ orgId: z.coerce.number().int().positive().optional() }),
        response: { 200: boardOut },
      },
    },
    async (request) => pipelineBoard(ctxOf(request), request.query.orgId),
  );

  r.get(
    '/api/v1/development/due',
    {
      config: { access: 'development.read' },
      schema: {
        tags,
        summary: 'Due list: talks, 6-monthly reviews, notices ending, approvals near the 3-month limit, probation ending — overdue or within `days`, a page at a time (by date), with the total and how many are overdue',
        querystring: pageQuery.extend({ days: z.coerce.number().int().min(0).max(366).default(30), orgId: z.coerce.number().int().positive().optional() }),
        response: { 200: dueListOut },
      },
    },
    async (request) => dueList(ctxOf(request), request.query),
  );
}
