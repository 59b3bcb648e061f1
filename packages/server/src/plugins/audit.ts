import type { FastifyRequest } from 'fastify';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { maskIdNumbersForStorage } from '../lib/person.js';
import { insertAuditRow } from '../modules/audit/repository.js';

export interface AuditEntry {
  action: 'create' | 'update' | 'delete' | 'login' | 'logout' | 'password_change' | 'password_reset' | 'import' | 'export' | string;
  entityType: string;
  entityId: string | number;
  summary?: string;
  before?: unknown;
  after?: unknown;
}

/**
 * Appends an audit row. Call it with the transaction that makes the change, so the change
 * and its record land together or not at all. The table refuses updates and deletes.
 */
export async function writeAudit(
  db: Kysely<DB> | Transaction<DB>,
  who: { tenantId: number; userId: number | null; username: string; ip: string },
  entry: AuditEntry,
): Promise<void> {
  await insertAuditRow(db, {
    tenant_id: who.tenantId,
    user_id: who.userId,
    username: who.username,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: String(entry.entityId),
    // ID numbers are masked before they are stored, phones sealed by the repository (decision 0005).
    summary: maskIdNumbersForStorage(entry.summary ?? ''),
    before: entry.before === undefined ? null : maskIdNumbersForStorage(entry.before),
    after: entry.after === undefined ? null : maskIdNumbersForStorage(entry.after),
    ip: who.ip,
  });
}

/** The audit identity of the caller. */
export function auditorOf(request: FastifyRequest) {
  return {
    tenantId: request.auth?.tenantId ?? 0,
    userId: request.auth?.userId ?? null,
    username: request.auth?.username ?? '',
    ip: request.ip,
  };
}
