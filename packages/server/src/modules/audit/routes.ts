import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendXlsx, workbookBuffer } from '../../lib/excel.js';
import { idParam, pageQuery } from '../../lib/paging.js';
import { type PersonViewer, maskNumbersInText, presentPerson, viewerOf } from '../../lib/person.js';
import { authOf } from '../../plugins/access.js';
import { notFound } from '../../plugins/errors.js';
import { type AuditRow, auditEntry, auditExportRows, auditPage } from './repository.js';

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

/**
 * An audit row as the caller may see it: the people's ID and phone numbers in its summary and
 * before/after values are masked by the same rule as everywhere else (lib/person.ts) — 纪检 read
 * the trail but do not see numbers the member pages mask for them.
 */
function present(viewer: PersonViewer, row: NonNullable<AuditRow>) {
  return {
    id: row.id,
    at: new Date(row.at).toISOString(),
    userId: row.user_id,
    username: row.username,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    summary: maskNumbersInText(viewer, row.summary),
    before: presentPerson(viewer, row.before),
    after: presentPerson(viewer, row.after),
    ip: row.ip,
  };
}

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
      const { tenantId } = authOf(request);
      const { page, pageSize, ...f } = request.query;
      const { rows, total } = await auditPage(app.db, tenantId, f, page, pageSize);
      const viewer = viewerOf(request);
      return { items: rows.map((row) => present(viewer, row)), total };
    },
  );

  r.get(
    '/api/v1/audit/export',
    {
      config: { access: 'audit.read' },
      schema: { tags: ['audit'], summary: 'Export the filtered audit trail to Excel with the before/after values (at most 50,000 rows; masked as in the list)', querystring: filters },
    },
    async (request, reply) => {
      const { tenantId } = authOf(request);
      const viewer = viewerOf(request);
      const rows = (await auditExportRows(app.db, tenantId, request.query, 50_000)).map((row) => present(viewer, row));
      const zh = (request.auth?.language ?? 'zh-CN') === 'zh-CN';
      // An Excel cell holds at most 32,767 characters.
      const json = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v).slice(0, 32_000));
      const buffer = await workbookBuffer(zh ? '审计日志' : 'Audit log', [
        { header: zh ? '序号' : 'No.', width: 8, value: (x) => x.id },
        { header: zh ? '时间' : 'Time', width: 22, value: (x) => new Date(x.at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) },
        { header: zh ? '操作人' : 'User', value: (x) => x.username },
        { header: zh ? '操作' : 'Action', value: (x) => x.action },
        { header: zh ? '对象类型' : 'Entity', value: (x) => x.entityType },
        { header: zh ? '对象编号' : 'Entity id', value: (x) => x.entityId },
        { header: zh ? '摘要' : 'Summary', width: 40, value: (x) => x.summary },
        { header: 'IP', value: (x) => x.ip },
        { header: zh ? '修改前' : 'Before', width: 60, value: (x) => json(x.before) },
        { header: zh ? '修改后' : 'After', width: 60, value: (x) => json(x.after) },
      ], rows);
      return sendXlsx(reply, zh ? '审计日志.xlsx' : 'audit-log.xlsx', buffer);
    },
  );

  r.get(
    '/api/v1/audit/:id',
    {
      config: { access: 'audit.read' },
      schema: { tags: ['audit'], summary: 'One audit entry with its before/after values (masked as in the list)', params: idParam, response: { 200: entryOut } },
    },
    async (request) => {
      const { tenantId } = authOf(request);
      const row = await auditEntry(app.db, tenantId, request.params.id);
      if (!row) throw notFound('AUDIT_ENTRY_NOT_FOUND', request.params.id);
      return present(viewerOf(request), row);
    },
  );
}
