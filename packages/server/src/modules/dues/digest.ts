/**
 * Dues arrears in the daily digest: members whose dues have gone unpaid for consecutive months
 * from the first lapse level up to the month they reach the report level (core DIGEST_RULES,
 * 党章 第九条); the arrears list keeps the rest. A robot or e-mail names nobody (a group robot is
 * read by the whole branch): it counts the members per branch; the in-app digest, read by
 * secretaries, lists each.
 */
import { DIGEST_RULES, type DuesDigestItem } from '@hongyi/core';
import { type DigestSource, byOrg } from '../../lib/digest.js';
import { arrearsList } from './repository.js';

export const duesDigest: DigestSource<DuesDigestItem> = {
  type: 'dues_arrears',
  routing: 'subtree',
  title: { 'zh-CN': '党费提醒', 'en-US': 'Dues reminders' },
  async itemsFor(db, tenantId) {
    const { items } = await arrearsList(db, tenantId, { scope: { kind: 'tenant' }, orgPath: null, minMonths: DIGEST_RULES.duesArrearsFromMonths });
    return items
      .filter((a) => a.consecutiveUnpaidMonths <= DIGEST_RULES.duesArrearsUntilMonths && a.level !== 'none')
      .map((a) => ({
        type: 'dues_arrears' as const,
        orgId: a.orgId,
        orgName: a.orgName,
        memberId: a.id,
        memberName: a.name,
        months: a.consecutiveUnpaidMonths,
        level: a.level as DuesDigestItem['level'],
        paidThrough: a.paidThrough,
      }));
  },
  lines(items, receiverOrgName, language) {
    const zh = language === 'zh-CN';
    return byOrg(items).map((g) => {
      const of = g.orgName === receiverOrgName ? '' : zh ? `${g.orgName}：` : `${g.orgName}: `;
      const least = Math.min(...g.items.map((i) => i.months));
      return zh
        ? `${of}党费：${g.items.length} 名党员已连续 ${least} 个月及以上未交纳，请登录系统查看`
        : `${of}Dues: ${g.items.length} member${g.items.length === 1 ? '' : 's'} unpaid for ${least} or more consecutive months; see the arrears list`;
    });
  },
};
