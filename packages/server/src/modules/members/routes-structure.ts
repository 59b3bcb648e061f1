/** The member structure report of an org subtree, on screen and as Excel. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../lib/context.js';
import { downloadRoute } from '../../lib/download-routes.js';
import { orgQuery, structureOut } from './schemas.js';
import { structureOf, structureWorkbook } from './structure.js';

export async function structureRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/members/structure',
    {
      config: { access: 'members.read' },
      schema: {
        tags: ['members'],
        summary: 'Member structure of an org subtree: education, title, age band, gender, job category, years of membership',
        querystring: orgQuery,
        response: { 200: structureOut },
      },
    },
    async (request) => structureOf(ctxOf(request), request.query.orgId),
  );

  downloadRoute(app, { path: '/api/v1/members/structure/export', format: 'xlsx', access: 'members.read', schema: { tags: ['members'], summary: 'The member structure report as Excel', querystring: orgQuery } }, (ctx, { query }) => structureWorkbook(ctx, query.orgId));
}
