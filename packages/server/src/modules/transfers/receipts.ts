/**
 * The 回执 watch of transfers out (formats.md: the receipt of the three-part letter should come
 * back within a month: track it and remind). One rule, used by the transfer list (filter, count,
 * flag) and by the daily reminder digest.
 */
import { addMonths, compareDates } from '@hongyi/core';
import { type Kysely, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/schema.js';

/** formats.md: the 回执 should come back within a month of the letter's date. */
export const RECEIPT_MONTHS = 1;

/** The day by which the 回执 should be back; stored on the transfer when the letter is issued. */
export function receiptDueOn(effectiveOn: string): string {
  return addMonths(effectiveOn, RECEIPT_MONTHS);
}

/** Overdue from the day after the due day while no 回执 is recorded. */
export function isReceiptOverdue(t: { kind: string; receipt_received_on: string | null; receipt_due_on: string | null }, today: string): boolean {
  return t.kind === 'out' && !t.receipt_received_on && !!t.receipt_due_on && compareDates(today, t.receipt_due_on) > 0;
}

/** The same rule in SQL, on member_transfers aliased `t`. */
export function receiptOverdueSql(today: string) {
  return sql<SqlBool>`(t.kind = 'out' and t.receipt_received_on is null and t.receipt_due_on < ${today}::date)`;
}

export interface OverdueReceipt {
  transferId: number;
  fromOrgId: number;
  fromOrgName: string;
  fromOrgPath: string;
  memberName: string;
  letterNo: string;
  toOrgName: string;
  effectiveOn: string;
  dueOn: string;
}

/** Every overdue 回执 of a tenant, oldest letter first. */
export async function overdueReceipts(db: Kysely<DB>, tenantId: number, today: string): Promise<OverdueReceipt[]> {
  const rows = await db
    .selectFrom('member_transfers as t')
    .innerJoin('members as m', (j) => j.onRef('m.tenant_id', '=', 't.tenant_id').onRef('m.id', '=', 't.member_id'))
    .innerJoin('orgs as fo', (j) => j.onRef('fo.tenant_id', '=', 't.tenant_id').onRef('fo.id', '=', 't.from_org_id'))
    .select(['t.id', 't.from_org_id', 't.from_org_name', 'fo.path', 'm.name', 't.letter_no', 't.to_org_name', 't.effective_on', 't.receipt_due_on'])
    .where('t.tenant_id', '=', tenantId)
    .where(receiptOverdueSql(today))
    .orderBy('t.effective_on')
    .orderBy('t.id')
    .execute();
  return rows.map((r) => ({
    transferId: r.id,
    fromOrgId: r.from_org_id!,
    fromOrgName: r.from_org_name,
    fromOrgPath: r.path,
    memberName: r.name,
    letterNo: r.letter_no,
    toOrgName: r.to_org_name,
    effectiveOn: r.effective_on,
    dueOn: r.receipt_due_on!,
  }));
}
