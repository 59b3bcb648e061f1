import { type Insertable, type Kysely, type Transaction, sql } from 'kysely';
import type { AuditLogTable, DB } from '../../db/schema.js';
import { countUpTo } from '../../db/count.js';
import { openPhonesIn, sealPhonesIn } from '../../db/sealed.js';
import { escapeLike } from '../../lib/scope.js';

export interface AuditFilters {
  q?: string;
  entityType?: string;
  action?: string;
  userId?: number;
  from?: string;
  to?: string;
}

const COLUMNS = ['id', 'at', 'user_id', 'username', 'action', 'entity_type', 'entity_id', 'summary', 'before', 'after', 'ip'] as const;

function filtered(db: Kysely<DB>, tenantId: number, f: AuditFilters) {
  let q = db.selectFrom('audit_log').where('tenant_id', '=', tenantId);
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

/** A row as read: the phones in its before/after values opened (they are stored sealed, decision 0005). */
function opened<T extends { before: unknown; after: unknown }>(row: T): T {
  return { ...row, before: openPhonesIn(row.before), after: openPhonesIn(row.after) };
}

export type AuditRow = Awaited<ReturnType<typeof auditEntry>> & object;

export async function auditPage(db: Kysely<DB>, tenantId: number, f: AuditFilters, page: number, pageSize: number) {
  const base = filtered(db, tenantId, f);
  // The audit trail only grows: count as far as a list can be paged.
  const [total, rows] = await Promise.all([countUpTo(db, base), base.select(COLUMNS).orderBy('id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute()]);
  return { rows: rows.map(opened), total };
}

export async function auditExportRows(db: Kysely<DB>, tenantId: number, f: AuditFilters, limit: number) {
  return (await filtered(db, tenantId, f).select(COLUMNS).orderBy('id', 'desc').limit(limit).execute()).map(opened);
}

export async function auditEntry(db: Kysely<DB>, tenantId: number, id: number) {
  const row = await db.selectFrom('audit_log').select(COLUMNS).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  return row && opened(row);
}

/**
 * Appends one row, its before/after values as JSON with the phones in them sealed; the table
 * refuses updates and deletes. Called by writeAudit (plugins/audit.ts) inside the change's transaction.
 */
export async function insertAuditRow(db: Kysely<DB> | Transaction<DB>, row: Omit<Insertable<AuditLogTable>, 'before' | 'after'> & { before: unknown; after: unknown }): Promise<void> {
  const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(sealPhonesIn(v)));
  await db.insertInto('audit_log').values({ ...row, before: json(row.before), after: json(row.after) }).execute();
}
