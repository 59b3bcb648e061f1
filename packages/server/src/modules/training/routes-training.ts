/** Party-member training (党员培训): classes with their participants, and their Excel list. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../lib/context.js';
import { savedById, serviceRoute } from '../../lib/service-routes.js';
import { downloadRoute } from '../../lib/download-routes.js';
import { version } from '../../lib/fields.js';
import { idParam, pageQuery } from '../../lib/paging.js';
import { classDetailOut, classFilter, classInput, classOut } from './schemas.js';
import { trainingWorkbook } from './service-export.js';
import { changeClass, classDetail, classList, createClass, removeClass } from './service.js';

const tags = ['training'];
const created = z.object({ id: z.number() });

export async function trainingRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/training/classes',
    { config: { access: 'learning.read' }, schema: { tags, summary: 'Training classes the caller reads, newest first, with how many members took part', querystring: pageQuery.extend(classFilter.shape), response: { 200: z.object({ items: z.array(classOut), total: z.number() }) } } },
    async (request) => {
      const { page, pageSize, ...filter } = request.query;
      return classList(ctxOf(request), filter, { page, pageSize });
    },
  );

  r.post(
    '/api/v1/training/classes',
    { config: { access: 'learning.write' }, schema: { tags, summary: 'Record a training class of an org with its participants (members of the roster in the caller’s scope)', body: classInput, response: { 201: created } } },
    async (request, reply) => reply.status(201).send(await createClass(ctxOf(request), request.body)),
  );

  downloadRoute(app, { path: '/api/v1/training/classes/export', format: 'xlsx', access: 'learning.read', schema: { tags, summary: 'The classes under the filter as Excel, with their participants', querystring: classFilter } }, (ctx, { query }) => trainingWorkbook(ctx, query));

  r.get(
    '/api/v1/training/classes/:id',
    { config: { access: 'learning.read' }, schema: { tags, summary: 'One training class with its participants', params: idParam, response: { 200: classDetailOut } } },
    async (request) => classDetail(ctxOf(request), request.params.id),
  );

  serviceRoute(app, { method: 'put', path: '/api/v1/training/classes/:id', access: 'learning.write', schema: { tags, summary: 'Change a class and its participants; 409 on a stale version', params: idParam, body: classInput.extend({ version: version() }), response: { 200: created } } }, savedById(changeClass));

  r.delete(
    '/api/v1/training/classes/:id',
    { config: { access: 'learning.write' }, schema: { tags, summary: 'Delete a class with its participants; 409 on a stale version', params: idParam, querystring: z.object({ version: version({ coerce: true }) }), response: { 204: z.null() } } },
    async (request, reply) => {
      await removeClass(ctxOf(request), request.params.id, request.query.version);
      return reply.status(204).send(null);
    },
  );
}
