/** The member structure report of an org subtree, on screen and as Excel. */
import type { FastifyInstance } from 'fastify';
import { serviceRoute } from '../../lib/service-routes.js';
import { downloadRoute } from '../../lib/download-routes.js';
import { orgQuery, structureOut } from './schemas.js';
import { structureOf, structureWorkbook } from './structure.js';

export async function structureRoutes(app: FastifyInstance) {

  serviceRoute(app, { method: 'get', path: '/api/v1/members/structure', access: 'members.read', schema: { tags: ['members'], summary: 'Member structure of an org subtree: education, title, age band, gender, job category, years of membership', querystring: orgQuery, response: { 200: structureOut } } }, (ctx, { query }) => structureOf(ctx, query.orgId));

  downloadRoute(app, { path: '/api/v1/members/structure/export', format: 'xlsx', access: 'members.read', schema: { tags: ['members'], summary: 'The member structure report as Excel', querystring: orgQuery } }, (ctx, { query }) => structureWorkbook(ctx, query.orgId));
}
