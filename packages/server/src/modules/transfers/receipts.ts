/**
 * The 回执 watch of transfers out (formats.md: the receipt of the three-part letter should come
 * back within a month: track it and remind; core TRANSFER_RULES.receiptMonths). One rule, used by
 * the transfer list (filter, count, flag) and by the daily reminder digest; its SQL twin and the
 * digest's query are in repository.ts.
 */
import { TRANSFER_RULES, addMonths, compareDates } from '@hongyi/core';

export { type OverdueReceipt, overdueReceipts } from './repository.js';

/** The day by which the 回执 should be back; stored on the transfer when the letter is issued. */
export function receiptDueOn(effectiveOn: string): string {
  return addMonths(effectiveOn, TRANSFER_RULES.receiptMonths);
}

/** Overdue from the day after the due day while no 回执 is recorded. */
export function isReceiptOverdue(t: { kind: string; receipt_received_on: string | null; receipt_due_on: string | null }, today: string): boolean {
  return t.kind === 'out' && !t.receipt_received_on && !!t.receipt_due_on && compareDates(today, t.receipt_due_on) > 0;
}
