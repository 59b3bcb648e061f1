/**
 * Decision tasks in the daily digest (issue 13): open tasks due within 7 days and overdue ones
 * (up to DIGEST_RULES.recentlyMissedDays late; older ones stay on the supervision list). They go
 * to the 党委 at the root ('committee'), whose digest the offices (党办, 院办) read; the 承办人
 * gets their own in person too (a digest of their own, shown on the 我的承办任务 page, where the
 * overdue ones are on top).
 */
import { DIGEST_RULES, type DecisionTaskDigestItem, TASK_DUE_SOON_DAYS, addDays, taskState, daysLate } from '@hongyi/core';
import type { DigestSource } from '../../lib/digest.js';
import { listTasks, unitRoot } from './repository.js';

export const decisionTaskDigest: DigestSource<DecisionTaskDigestItem> = {
  type: 'decision_task',
  routing: 'committee',
  title: { 'zh-CN': '决策督办提醒', 'en-US': 'Decision task reminders' },
  async itemsFor(db, tenantId, today) {
    const root = await unitRoot(db, tenantId);
    if (!root) return [];
    const tasks = await listTasks(db, tenantId, { openOnly: true, deadlineUpTo: addDays(today, TASK_DUE_SOON_DAYS) });
    return tasks
      .map((t) => ({ t, state: taskState(t.deadline, t.closedOn, today) }))
      .filter(({ t, state }) => state === 'due_soon' || (state === 'overdue' && daysLate(t.deadline, null, today) <= DIGEST_RULES.recentlyMissedDays))
      .map(({ t, state }) => ({
        type: 'decision_task' as const,
        orgId: root.id,
        orgName: root.name,
        taskId: t.id,
        topicId: t.topicId,
        topicTitle: t.topicTitle,
        title: t.title,
        department: t.department,
        ownerUserId: t.ownerUserId,
        ownerName: t.ownerName,
        deadline: t.deadline,
        state: state as 'due_soon' | 'overdue',
      }));
  },
  // The 承办人 gets their own task too (before and after its deadline), on their own page.
  addressee: (item) => item.ownerUserId ?? null,
  lines(items, _receiver, language) {
    return items.map((i) =>
      language === 'zh-CN'
        ? `督办任务${i.state === 'overdue' ? '已逾期' : '临近期限'}：${i.title}（${i.topicTitle}，${i.department}${i.ownerName ? `·${i.ownerName}` : ''}，期限 ${i.deadline}）`
        : `Decision task ${i.state === 'overdue' ? 'overdue' : 'due soon'}: ${i.title} (${i.topicTitle}, ${i.department}${i.ownerName ? ` · ${i.ownerName}` : ''}, due ${i.deadline})`,
    );
  },
};
