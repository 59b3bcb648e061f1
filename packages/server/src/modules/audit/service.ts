/**
 * The audit trail as its readers see it: the system administrator and discipline inspection
 * read it (read-only, searchable, exportable); the people's ID and phone numbers in a summary and
 * in before/after values are masked by the same rule as everywhere else (lib/person.ts) — 纪检
 * read the trail but do not see numbers the member pages mask for them.
 */
import type { Ctx } from '../../lib/context.js';
import { workbookBuffer } from '../../lib/excel.js';
import { type PersonViewer, maskNumbersInText, personViewer, presentPerson } from '../../lib/person.js';
import { notFound } from '../../plugins/errors.js';
import { type AuditFilters, type AuditRow, auditEntry, auditExportRows, auditPage } from './repository.js';

/** The most rows an export carries. */
export const AUDIT_EXPORT_MAX_ROWS = 50_000;

/** An audit row as the caller may see it. */
export function presentAuditRow(viewer: PersonViewer, row: NonNullable<AuditRow>) {
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

export async function listAudit(ctx: Ctx, filters: AuditFilters, page: number, pageSize: number) {
  const { rows, total } = await auditPage(ctx.db, ctx.tenantId, filters, page, pageSize);
  const viewer = personViewer(ctx.grants);
  return { items: rows.map((row) => presentAuditRow(viewer, row)), total };
}

export async function auditEntryFor(ctx: Ctx, id: number) {
  const row = await auditEntry(ctx.db, ctx.tenantId, id);
  if (!row) throw notFound('AUDIT_ENTRY_NOT_FOUND', id);
  return presentAuditRow(personViewer(ctx.grants), row);
}

/** The filtered trail as an Excel file with the before/after values, masked as in the list. */
export async function exportAudit(ctx: Ctx, filters: AuditFilters): Promise<{ name: string; buffer: Buffer }> {
  const viewer = personViewer(ctx.grants);
  const rows = (await auditExportRows(ctx.db, ctx.tenantId, filters, AUDIT_EXPORT_MAX_ROWS)).map((row) => presentAuditRow(viewer, row));
  const zh = ctx.language === 'zh-CN';
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
  return { name: zh ? '审计日志.xlsx' : 'audit-log.xlsx', buffer };
}
