/** Fund requests (经费申请): a branch asks for itself; the office approves or returns it and records its payment. Optional invoices. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../lib/context.js';
import { savedById, serviceRoute } from '../../lib/service-routes.js';
import { evidenceRoutes } from '../../lib/evidence-routes.js';
import { version } from '../../lib/fields.js';
import { idParam, pageQuery } from '../../lib/paging.js';
import { approveInput, filesOut, lineOut, payInput, requestFilter, requestInput, requestOut, returnInput } from './schemas.js';
import { changeRequest, createRequest, decideRequest, payRequest, requestDetail, requestFiles, requestList } from './service.js';

const tags = ['funds'];

export async function fundRequestRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/funds/requests',
    {
      config: { access: 'funds.read' },
      schema: {
        tags,
        summary: 'Requests made in a year (this year by default) by orgs in the caller’s scope, open ones first, with the days to approval and to payment',
        querystring: pageQuery.extend(requestFilter.shape),
        response: { 200: z.object({ items: z.array(requestOut), total: z.number(), year: z.number() }) },
      },
    },
    async (request) => {
      const { page, pageSize, ...filter } = request.query;
      return requestList(ctxOf(request), filter, { page, pageSize });
    },
  );

  r.post(
    '/api/v1/funds/requests',
    { config: { access: 'funds.write' }, schema: { tags, summary: 'A branch requests money for itself on its own line of this year; dated today', body: requestInput, response: { 201: z.object({ id: z.number() }) } } },
    async (request, reply) => reply.status(201).send({ id: await createRequest(ctxOf(request), request.body) }),
  );

  r.get(
    '/api/v1/funds/requests/:id',
    {
      config: { access: 'funds.read' },
      schema: {
        tags,
        summary: 'One request with its line, its files and what the caller may do with it',
        params: idParam,
        response: { 200: requestOut.extend({ line: lineOut.nullable(), fileList: filesOut, canEdit: z.boolean(), canUpload: z.boolean(), canDecide: z.boolean(), canPay: z.boolean() }) },
      },
    },
    async (request) => requestDetail(ctxOf(request), request.params.id),
  );

  serviceRoute(app, { method: 'put', path: '/api/v1/funds/requests/:id', access: 'funds.write', schema: { tags, summary: 'Change a request still awaiting approval; 409 on a stale version', params: idParam, body: requestInput.extend({ version: version() }), response: { 200: z.object({ id: z.number() }) } } }, savedById(changeRequest));

  r.post(
    '/api/v1/funds/requests/:id/approve',
    { config: { access: 'funds.approve' }, schema: { tags, summary: 'Approve a request today (流程优先办理), with the version read; 409 when stale', params: idParam, body: approveInput, response: { 200: z.object({ id: z.number() }) } } },
    async (request) => {
      await decideRequest(ctxOf(request), request.params.id, request.body.version, { to: 'approved', note: request.body.note });
      return { id: request.params.id };
    },
  );

  r.post(
    '/api/v1/funds/requests/:id/return',
    { config: { access: 'funds.approve' }, schema: { tags, summary: 'Return a request with the reason, with the version read; 409 when stale', params: idParam, body: returnInput, response: { 200: z.object({ id: z.number() }) } } },
    async (request) => {
      await decideRequest(ctxOf(request), request.params.id, request.body.version, { to: 'returned', note: request.body.reason });
      return { id: request.params.id };
    },
  );

  r.post(
    '/api/v1/funds/requests/:id/pay',
    {
      config: { access: 'funds.approve' },
      schema: {
        tags,
        summary: 'Record the payment of an approved request (资金优先拨付): it becomes an expense of its line; refused on overrunReason when it would overdraw the line without one',
        params: idParam,
        body: payInput,
        response: { 200: z.object({ id: z.number(), expenseId: z.number() }) },
      },
    },
    async (request) => {
      const { version: v, ...payment } = request.body;
      const { expenseId } = await payRequest(ctxOf(request), request.params.id, { version: v, ...payment });
      return { id: request.params.id, expenseId };
    },
  );

  evidenceRoutes(app, {
    path: '/api/v1/funds/requests/:id/files', params: idParam, ref: (p) => p.id, files: requestFiles, tags, access: { read: 'funds.read', write: 'funds.write' },
    summary: { add: 'Add an invoice or other evidence (optional): a form upload, PDF, image, .docx or .xlsx as the bytes show, at most 10 MB', download: 'Download a request’s file', withdraw: 'Withdraw a request’s file (content dropped, reason kept)' },
  });
}
