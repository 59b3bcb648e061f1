/**
 * Organisational life in the daily digest: each meeting rule of an org due soon, or missed in the
 * last days (core DIGEST_RULES.recentlyMissedDays; older misses are on the 党委 matrix).
 */
import { DIGEST_RULES, type OrglifeDigestItem, addDays, compareDates } from '@hongyi/core';
import type { DigestSource } from '../../lib/digest.js';
import { kindLabel } from './schemas.js';
import { complianceFor } from './service.js';

export const orglifeDigest: DigestSource<OrglifeDigestItem> = {
  type: 'orglife',
  routing: 'subtree',
  title: { 'zh-CN': '组织生活提醒', 'en-US': 'Organisational life reminders' },
  async itemsFor(db, tenantId, today) {
    const { orgs, cells } = await complianceFor(db, tenantId, Number(today.slice(0, 4)), today, null, { kind: 'tenant' });
    const nameOf = new Map(orgs.map((o) => [o.id, o.name]));
    const since = addDays(today, -DIGEST_RULES.recentlyMissedDays);
    const items: OrglifeDigestItem[] = [];
    for (const c of cells) {
      const due = c.state === 'due_soon' || (c.state === 'missed' && compareDates(c.dueOn, since) >= 0);
      const orgName = nameOf.get(c.orgId);
      if (!due || orgName === undefined) continue;
      items.push({ type: 'orglife', orgId: c.orgId, orgName, rule: c.rule, period: c.period, state: c.state as OrglifeDigestItem['state'], dueOn: c.dueOn });
    }
    return items;
  },
  lines(items, receiverOrgName, language) {
    const zh = language === 'zh-CN';
    return items.map((i) => {
      const of = i.orgName === receiverOrgName ? '' : zh ? `${i.orgName}：` : `${i.orgName}: `;
      const what = zh ? `${kindLabel(i.rule, true)}（${i.period}）` : `${kindLabel(i.rule, false)} (${i.period})`;
      if (zh) return `${of}${what}${i.state === 'missed' ? '已逾期未开展' : `将于 ${i.dueOn} 到期`}`;
      return `${of}${what} ${i.state === 'missed' ? `was due ${i.dueOn} and not held` : `is due by ${i.dueOn}`}`;
    });
  },
};
