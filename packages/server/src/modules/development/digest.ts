/**
 * Development deadlines in the daily digest: the due list's items (talks, 6-monthly reviews,
 * notices ending, approval limits, probation ending) due within core
 * DIGEST_RULES.developmentDueSoonDays, or overdue since the last days. The branch's digest names
 * no applicant in a robot or e-mail (a group robot is read by the whole branch): it counts them
 * per branch; the in-app digest, read by secretaries, lists each.
 */
import { DIGEST_RULES, type DevelopmentDigestItem, addDays, compareDates } from '@hongyi/core';
import { type DigestSource, byOrg } from '../../lib/digest.js';
import { developmentDeadlines } from './service-lists.js';

export const developmentDigest: DigestSource<DevelopmentDigestItem> = {
  type: 'development_due',
  routing: 'subtree',
  title: { 'zh-CN': '党员发展提醒', 'en-US': 'Development reminders' },
  async itemsFor(db, tenantId, today) {
    // The due list's own computation, over the whole unit; the missed days are kept for a while.
    const since = addDays(today, -DIGEST_RULES.recentlyMissedDays);
    const due = await developmentDeadlines(db, tenantId, { day: today, withinDays: DIGEST_RULES.developmentDueSoonDays, language: 'zh-CN' });
    return due.items
      .filter((d) => compareDates(d.date, since) >= 0)
      .map((d) => ({ type: 'development_due' as const, orgId: d.orgId, orgName: d.orgName, fileId: d.fileId, name: d.name, kind: d.kind, date: d.date, state: d.overdue ? ('overdue' as const) : ('due_soon' as const) }));
  },
  lines(items, receiverOrgName, language) {
    const zh = language === 'zh-CN';
    return byOrg(items).map((g) => {
      const of = g.orgName === receiverOrgName ? '' : zh ? `${g.orgName}：` : `${g.orgName}: `;
      const soon = g.items.filter((i) => i.state === 'due_soon').length;
      const overdue = g.items.length - soon;
      const first = g.items.reduce((min, i) => (compareDates(i.date, min) < 0 ? i.date : min), g.items[0]!.date);
      if (zh) return `${of}党员发展：${[soon ? `${soon} 项工作即将到期` : '', overdue ? `${overdue} 项已逾期` : ''].filter(Boolean).join('，')}（最早 ${first}），请登录系统查看`;
      return `${of}Party member development: ${[soon ? `${soon} due soon` : '', overdue ? `${overdue} overdue` : ''].filter(Boolean).join(', ')} (earliest ${first}); see the due list`;
    });
  },
};
