import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { sendXlsx, workbookBuffer } from '../../lib/excel.js';
import { countUpTo, pageQuery } from '../../lib/paging.js';
import { escapeLike } from '../../lib/scope.js';
import { authOf } from '../../plugins/access.js';

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

  function filtered(tenantId: number, f: z.infer<typeof filters>) {
    let q = app.db.selectFrom('audit_log').where('tenant_id', '=', tenantId);
    if (f.q) {
      const like = `%${escapeLike(f.q)}%`;
      q = q.where((eb) => eb.or([eb('summary', 'ilike', like), eb('username', 'ilike', like), eb('entity_id', '=', f.q as string)]));
    }
    if (f.entityType) q = q.where('entity_type', '=', f.entityType);
    if (f.action) q = q.where('action', '=', f.action);
    if (f.userId) q = q.where('user_id', '=', f.userId);
    // Dates are days in China Standard Time, inclusive.
    if (f.from) q = q.where('at', '>=', sql<Date>`(${f.from}::date)::timestamp at time zone 'Asia/Shanghai'`);
    if (f.to) q = q.where('at', '<', sql<Date>`(${f.to}::date + 1)::timestamp at time zone 'Asia/Shanghai'`);
    return q;
  }

  const columns = ['id', 'at', 'user_id', 'username', 'action', 'entity_type', 'entity_id', 'summary', 'before', 'after', 'ip'] as const;
  const present = (row: { id: number; at: Date; user_id: number | null; username: string; action: string; entity_type: string; entity_id: string; summary: string; before: unknown; after: unknown; ip: string }) => ({
    id: row.id,
    at: new Date(row.at).toISOString(),
    userId: row.user_id,
    username: row.username,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    summary: row.summary,
    before: row.before,
    after: row.after,
    ip: row.ip,
  });

  r.get(
    '/api/v1/audit',
    {
      config: { access: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: 'Search the audit trail',
        querystring: pageQuery.extend(filters.shape),
        response: { 200: z.object({ items: z.array(entryOut), total: z.number() }) },
      },
    },
    async (request) => {
      const { tenantId } = authOf(request);
      const { page, pageSize, ...f } = request.query;
      const base = filtered(tenantId, f);
      // The audit trail only grows: count as far as a list can be paged.
      const total = await countUpTo(app.db, base);
      const rows = await base.select(columns).orderBy('id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute();
      return { items: rows.map(present), total: Number(total) };
    },
  );

  r.get(
    '/api/v1/audit/export',
    {
      config: { access: 'audit.read' },
      schema: { tags: ['audit'], summary: 'Export the filtered audit trail to Excel (at most 50,000 rows)', querystring: filters },
    },
    async (request, reply) => {
      const { tenantId } = authOf(request);
      const rows = (await filtered(tenantId, request.query).select(columns).orderBy('id', 'desc').limit(50_000).execute()).map(present);
      const zh = (request.auth?.language ?? 'zh-CN') === 'zh-CN';
      const buffer = await workbookBuffer(zh ? '审计日志' : 'Audit log', [
        { header: zh ? '序号' : 'No.', width: 8, value: (x) => x.id },
        { header: zh ? '时间' : 'Time', width: 22, value: (x) => new Date(x.at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) },
        { header: zh ? '操作人' : 'User', value: (x) => x.username },
        { header: zh ? '操作' : 'Action', value: (x) => x.action },
        { header: zh ? '对象类型' : 'Entity', value: (x) => x.entityType },
        { header: zh ? '对象编号' : 'Entity id', value: (x) => x.entityId },
        { header: zh ? '摘要' : 'Summary', width: 40, value: (x) => x.summary },
        { header: 'IP', value: (x) => x.ip },
      ], rows);
      return sendXlsx(reply, zh ? '审计日志.xlsx' : 'audit-log.xlsx', buffer);
    },
  );
}
