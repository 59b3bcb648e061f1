/** Brands (党建品牌): list in scope, create, the brand page with its figures for a year, change, delete, Excel. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../lib/context.js';
import { savedById, serviceRoute } from '../../lib/service-routes.js';
import { downloadRoute } from '../../lib/download-routes.js';
import { version } from '../../lib/fields.js';
import { idParam } from '../../lib/paging.js';
import { brandInput, brandOut, pageOut } from './schemas.js';
import { brandList, brandPage, changeBrand, createBrand, removeBrand } from './service.js';
import { brandWorkbook } from './service-export.js';

const tags = ['brands'];
const yearQuery = z.object({ year: z.coerce.number().int().min(1950).max(2100).optional() });
const ok = z.object({ id: z.number() });

export async function brandRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/brands',
    {
      config: { access: 'brands.read' },
      schema: { tags, summary: 'Brands (党建品牌) in the caller’s scope (under an org when given), by org', querystring: z.object({ orgId: z.coerce.number().int().positive().optional() }), response: { 200: z.array(brandOut) } },
    },
    async (request) => brandList(ctxOf(request), request.query.orgId),
  );

  r.post(
    '/api/v1/brands',
    { config: { access: 'brands.write' }, schema: { tags, summary: 'Create a brand of a branch or a 党委', body: brandInput, response: { 201: ok } } },
    async (request, reply) => reply.status(201).send({ id: await createBrand(ctxOf(request), request.body) }),
  );

  r.get(
    '/api/v1/brands/:id',
    {
      config: { access: 'brands.read' },
      schema: {
        tags,
        summary: 'The brand page: its figures computed from the records for a year (this year by default), its elements with owners, its rules with review state and evidence',
        params: idParam,
        querystring: yearQuery,
        response: { 200: pageOut },
      },
    },
    async (request) => {
      const ctx = ctxOf(request);
      return brandPage(ctx, request.params.id, request.query.year ?? Number(ctx.today.slice(0, 4)));
    },
  );

  downloadRoute(app, { path: '/api/v1/brands/:id/export', format: 'xlsx', access: 'brands.read', schema: { tags, summary: 'The brand page as Excel: figures, elements, rules with review state and evidence', params: idParam, querystring: yearQuery } }, (ctx, { params, query }) =>
    brandWorkbook(ctx, params.id, query.year ?? Number(ctx.today.slice(0, 4))),
  );

  serviceRoute(app, { method: 'put', path: '/api/v1/brands/:id', access: 'brands.write', schema: { tags, summary: 'Change a brand; 409 on a stale version', params: idParam, body: brandInput.extend({ version: version() }), response: { 200: ok } } }, savedById(changeBrand));

  r.delete(
    '/api/v1/brands/:id',
    { config: { access: 'brands.write' }, schema: { tags, summary: 'Delete a brand with its elements, rules and figures (the records it points at stay)', params: idParam, querystring: z.object({ version: version({ coerce: true }) }), response: { 204: z.null() } } },
    async (request, reply) => {
      await removeBrand(ctxOf(request), request.params.id, request.query.version);
      return reply.status(204).send(null);
    },
  );
}
