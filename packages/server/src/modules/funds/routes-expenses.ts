/** Expenses (支出) against budget lines: paid requests and those the office records directly. Optional invoices. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../lib/context.js';
import { evidenceRoutes } from '../../lib/evidence-routes.js';
import { idParam, pageQuery } from '../../lib/paging.js';
import { expenseFilter, expenseInput, expenseOut, filesOut } from './schemas.js';
import { expenseDetail, expenseFiles, expenseList, recordExpense } from './service.js';

const tags = ['funds'];

export async function fundExpenseRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/funds/expenses',
    {
      config: { access: 'funds.read' },
      schema: {
        tags,
        summary: 'Expenses on the lines of a year (this year by default) in the caller’s scope, newest first',
        querystring: pageQuery.extend(expenseFilter.shape),
        response: { 200: z.object({ items: z.array(expenseOut), total: z.number(), year: z.number() }) },
      },
    },
    async (request) => {
      const { page, pageSize, ...filter } = request.query;
      return expenseList(ctxOf(request), filter, { page, pageSize });
    },
  );

  r.post(
    '/api/v1/funds/expenses',
    {
      config: { access: 'funds.approve' },
      schema: { tags, summary: 'Record an expense directly (no request); refused on overrunReason when it would overdraw the line without one', body: expenseInput, response: { 201: z.object({ id: z.number() }) } },
    },
    async (request, reply) => reply.status(201).send({ id: await recordExpense(ctxOf(request), request.body) }),
  );

  r.get(
    '/api/v1/funds/expenses/:id',
    { config: { access: 'funds.read' }, schema: { tags, summary: 'One expense with its files', params: idParam, response: { 200: expenseOut.extend({ fileList: filesOut, canUpload: z.boolean() }) } } },
    async (request) => expenseDetail(ctxOf(request), request.params.id),
  );

  evidenceRoutes(app, {
    path: '/api/v1/funds/expenses/:id/files', params: idParam, ref: (p) => p.id, files: expenseFiles, tags, access: { read: 'funds.read', write: 'funds.approve' },
    summary: { add: 'Add an invoice or other evidence to an expense (optional), at most 10 MB', download: 'Download an expense’s file', withdraw: 'Withdraw an expense’s file (content dropped, reason kept)' },
  });
}
