/**
 * Overdue transfer 回执 in the daily digest (formats.md: the receipt of the three-part letter
 * should come back within a month). They go to the 党委 that issued the letter: it is printed in
 * the 党委's name with the organisation office's address, so the 回执 comes back to the office,
 * which files it with the 存根 and chases the receiving organisation. The former branch is not
 * reminded: the member has left it and its group robot is read by ordinary members (burden
 * reduction: remind only who can act); its secretary still sees the count on the transfers page.
 */
import type { ReceiptDigestItem } from '@hongyi/core';
import type { DigestSource } from '../../lib/digest.js';
import { overdueReceipts } from './receipts.js';

export const receiptDigest: DigestSource<ReceiptDigestItem> = {
  type: 'transfer_receipt',
  routing: 'committee',
  title: { 'zh-CN': '组织关系转接提醒', 'en-US': 'Transfer reminders' },
  async itemsFor(db, tenantId, today) {
    return (await overdueReceipts(db, tenantId, today)).map((r) => ({
      type: 'transfer_receipt' as const,
      orgId: r.fromOrgId,
      orgName: r.fromOrgName,
      transferId: r.transferId,
      memberName: r.memberName,
      letterNo: r.letterNo,
      toOrgName: r.toOrgName,
      effectiveOn: r.effectiveOn,
      dueOn: r.dueOn,
    }));
  },
  lines(items, _receiver, language) {
    return items.map((i) =>
      language === 'zh-CN'
        ? `组织关系介绍信回执逾期未收回：${i.memberName}（介绍信 ${i.letterNo}，${i.effectiveOn} 由${i.orgName}转往${i.toOrgName}，回执应于 ${i.dueOn} 前收回）`
        : `Transfer letter receipt overdue: ${i.memberName} (letter ${i.letterNo}, from ${i.orgName} to ${i.toOrgName} on ${i.effectiveOn}; the receipt was due back by ${i.dueOn})`,
    );
  },
};
