/**
 * Committee terms in the daily digest (换届): a 党委's, 总支's or 支部's term within the warning
 * window before it expires (core DIGEST_RULES.termDueSoonMonths: the orgs page's yellow warning),
 * or expired in the last days without an election. The org's own digest gets it, and the 党委's
 * (the higher committee approves the election plan and the candidates).
 */
import { DIGEST_RULES, type TermDigestItem } from '@hongyi/core';
import type { DigestSource } from '../../lib/digest.js';
import { orgFacts, ruleSettingsOf, warningsFor } from './service.js';

const DUE_SOON_CODE = `ORG_TERM_EXPIRES_${DIGEST_RULES.termDueSoonMonths}M`;

export const termDigest: DigestSource<TermDigestItem> = {
  type: 'org_term',
  routing: 'both',
  title: { 'zh-CN': '换届提醒', 'en-US': 'Election reminders' },
  async itemsFor(db, tenantId, today) {
    const settings = await ruleSettingsOf(db, tenantId);
    const items: TermDigestItem[] = [];
    for (const f of await orgFacts(db, tenantId, { kind: 'tenant' }, settings)) {
      for (const w of warningsFor(f, today, settings)) {
        const base = { type: 'org_term' as const, orgId: f.id, orgName: f.name, termExpiresOn: String(w.params.termExpiresOn), deadline: String(w.params.deadline) };
        if (w.code === DUE_SOON_CODE) items.push({ ...base, state: 'due_soon' });
        if (w.code === 'ORG_TERM_OVERDUE' && Number(w.params.daysOverdue) <= DIGEST_RULES.recentlyMissedDays) items.push({ ...base, state: 'overdue' });
      }
    }
    return items;
  },
  lines(items, receiverOrgName, language) {
    const zh = language === 'zh-CN';
    return items.map((i) => {
      const of = i.orgName === receiverOrgName ? '' : zh ? `${i.orgName}：` : `${i.orgName}: `;
      if (zh) return `${of}${i.state === 'overdue' ? `本届委员会任期已于 ${i.deadline} 届满，尚未换届` : `本届委员会任期将于 ${i.deadline} 届满，请做好换届准备`}`;
      return `${of}${i.state === 'overdue' ? `the committee's term ended on ${i.deadline} and no election is recorded` : `the committee's term ends on ${i.deadline}: prepare the election`}`;
    });
  },
};
