/**
 * Overdue project tasks in the daily digest: a task of a running project (立项 or 中期检查 done)
 * still open past its due date, for the recently-missed window (core DIGEST_RULES). It goes to the
 * project's branch (its secretary reads the branch's in-app digest; its robot or e-mail reaches the
 * branch, task owners included). A robot or e-mail names nobody (a group robot is read by the whole
 * branch): it counts the people and tasks per branch; the in-app digest, read by secretaries,
 * lists each task with its owner. The owner, when the member has an account, gets their own
 * overdue task in a digest of their own (in-app on their own page), and sees it marked on their
 * own project list (a member's self scope).
 */
import { DIGEST_RULES, type ProjectTaskDigestItem, addDays } from '@hongyi/core';
import { type DigestSource, byOrg } from '../../lib/digest.js';
import { overdueTasks } from './repository.js';

export const projectTaskDigest: DigestSource<ProjectTaskDigestItem> = {
  type: 'project_task_overdue',
  routing: 'subtree',
  title: { 'zh-CN': '一线项目提醒', 'en-US': 'Front-line project reminders' },
  async itemsFor(db, tenantId, today) {
    const rows = await overdueTasks(db, tenantId, today, addDays(today, -DIGEST_RULES.recentlyMissedDays));
    return rows.map((r) => ({
      type: 'project_task_overdue' as const,
      orgId: r.org_id,
      orgName: r.org_name,
      projectId: r.project_id,
      projectTitle: r.project_title,
      taskId: r.id,
      taskTitle: r.title,
      ownerMemberId: r.owner_member_id,
      ownerUserId: r.owner_user_id,
      ownerName: r.owner_name,
      dueOn: r.due_on,
    }));
  },
  // The owner gets their own overdue task in person too, when the member has an account.
  addressee: (item) => item.ownerUserId ?? null,
  lines(items, receiverOrgName, language) {
    const zh = language === 'zh-CN';
    return byOrg(items).map((g) => {
      const of = g.orgName === receiverOrgName ? '' : zh ? `${g.orgName}：` : `${g.orgName}: `;
      const people = new Set(g.items.map((i) => i.ownerMemberId)).size;
      const first = g.items.reduce((min, i) => (i.dueOn < min ? i.dueOn : min), g.items[0]!.dueOn);
      return zh
        ? `${of}一线项目：${people} 名党员的 ${g.items.length} 项任务已逾期（最早 ${first}），请登录系统查看`
        : `${of}Front-line projects: ${g.items.length} task${g.items.length === 1 ? '' : 's'} of ${people} member${people === 1 ? '' : 's'} overdue (earliest ${first}); see the project list`;
    });
  },
};
