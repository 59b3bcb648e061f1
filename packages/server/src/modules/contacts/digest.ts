/**
 * Follow-ups of contact-point visits (联系点整改/督办事项) in the daily digest: open ones due within
 * FOLLOW_UP_DUE_SOON_DAYS and overdue ones (up to DIGEST_RULES.recentlyMissedDays late; older ones
 * stay on the follow-up list). Each reaches its owner in person (`addressee`: usually the branch
 * secretary, shown on their own pages) and the 党委 at the root ('committee'), whose digest the
 * organisation office reads to supervise them.
 */
import { type ContactFollowUpDigestItem, DIGEST_RULES, FOLLOW_UP_DUE_SOON_DAYS, addDays, followUpState } from '@hongyi/core';
import type { DigestSource } from '../../lib/digest.js';
import { openFollowUpsDue } from './repository.js';

export const contactFollowUpDigest: DigestSource<ContactFollowUpDigestItem> = {
  type: 'contact_followup',
  routing: 'committee',
  title: { 'zh-CN': '联系点整改提醒', 'en-US': 'Contact-point follow-up reminders' },
  async itemsFor(db, tenantId, today) {
    const rows = await openFollowUpsDue(db, tenantId, addDays(today, -DIGEST_RULES.recentlyMissedDays), addDays(today, FOLLOW_UP_DUE_SOON_DAYS));
    return rows.map((r) => ({
      type: 'contact_followup' as const,
      orgId: r.org_id,
      orgName: r.org_name,
      followUpId: r.id,
      visitId: r.visit_id,
      visitedOn: r.visited_on,
      leaderName: r.leader_name,
      text: r.text,
      ownerUserId: r.owner_user_id,
      ownerName: r.owner_name,
      dueOn: r.due_on,
      state: followUpState(r.due_on, null, today) === 'overdue' ? ('overdue' as const) : ('due_soon' as const),
    }));
  },
  // The owner gets their own follow-ups in person (before and after the due date).
  addressee: (item) => item.ownerUserId,
  lines(items, _receiver, language) {
    return items.map((i) =>
      language === 'zh-CN'
        ? `联系点整改事项${i.state === 'overdue' ? '已逾期' : '临近期限'}：${i.text}（${i.orgName}，${i.leaderName} ${i.visitedOn} 走访提出，责任人 ${i.ownerName}，期限 ${i.dueOn}）`
        : `Contact-point follow-up ${i.state === 'overdue' ? 'overdue' : 'due soon'}: ${i.text} (${i.orgName}, raised by ${i.leaderName} on ${i.visitedOn}; owner ${i.ownerName}, due ${i.dueOn})`,
    );
  },
};
