import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../lib/context.js';
import { downloadRoute } from '../../lib/download-routes.js';
import { idParam, pageQuery } from '../../lib/paging.js';
import { auditEntryFor, exportAudit, listAudit } from './service.js';

const dateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const filters = z.object({
  q: z.string().trim().max(100).optional(),
  entityType: z.string().trim().max(50).optional(),
  action: z.string().trim().max(50).optional(),
  userId: z.coerce.number().int().positive().optional(),
  from: dateText.optional(),
  to: dateText.optional(),
});
const entryOut = z.object({
  id: z.number(),
  at: z.string(),
  userId: z.number().nullable(),
  username: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  summary: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  ip: z.string(),
});

/** The audit trail: read-only, searchable, for the system administrator and discipline inspection. */
export async function auditRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/audit',
    {
      config: { access: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: 'Search the audit trail (ID and phone numbers masked unless the role may see them)',
        querystring: pageQuery.extend(filters.shape),
        response: { 200: z.object({ items: z.array(entryOut), total: z.number() }) },
      },
    },
    async (request) => {
      const { page, pageSize, ...filters } = request.query;
      return listAudit(ctxOf(request), filters, page, pageSize);
    },
  );

  downloadRoute(app, { path: '/api/v1/audit/export', format: 'xlsx', access: 'audit.read', schema: { tags: ['audit'], summary: 'Export the filtered audit trail to Excel with the before/after values (at most 50,000 rows; masked as in the list)', querystring: filters } }, (ctx, { query }) => exportAudit(ctx, query));

  r.get(
    '/api/v1/audit/:id',
    {
      config: { access: 'audit.read' },
      schema: { tags: ['audit'], summary: 'One audit entry with its before/after values (masked as in the list)', params: idParam, response: { 200: entryOut } },
    },
    async (request) => auditEntryFor(ctxOf(request), request.params.id),
  );
}
