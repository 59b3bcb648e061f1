/**
 * Supervision (督办, check) and evaluation (act): a passed decision is split into tasks with an
 * owning department, a 承办人 account and a deadline; the owner reports progress and completion
 * (a 承办人 sees and reports only their own tasks); when every task is closed the topic is
 * closed, and its evaluation (effect, problems, rule revised) closes the loop. The dashboard
 * counts topics by category and stage, pre-review completeness, 党委会-first compliance, the
 * on-time closure rate and the overdue list, by campus and by department.
 */
import {
  TASK_DUE_SOON_DAYS,
  TOPIC_CATEGORIES,
  TOPIC_STAGES,
  type TaskState,
  compareDates,
  daysLate,
  effectiveCategory,
  isSanzhongYida,
  onTimeRate,
  prereviewMissing,
  taskState,
} from '@hongyi/core';
import type { Ctx } from '../../lib/context.js';
import { workbookBuffer } from '../../lib/excel.js';
import { writeAudit } from '../../plugins/audit.js';
import { AppError, conflict, fieldError, notFound } from '../../plugins/errors.js';
import { evidenceFiles } from '../../lib/evidence.js';
import {
  type TaskRow,
  allTopics,
  closeTask,
  feedbackFileStore,
  feedbackOf,
  findEvaluation,
  findFeedback,
  findTask,
  hearingsOf,
  insertEvaluation,
  insertFeedback,
  insertTask,
  listTasks,
  setTopicStage,
  taskOwnerAccounts,
  taskStateCounts,
  updateEvaluation,
  usersExist,
} from './repository.js';
import { type Db, canWrite, decisionsSettings, requireBodyWriter, visibleTopic } from './service.js';

export function presentTask(t: TaskRow, today: string) {
  return { ...t, state: taskState(t.deadline, t.closedOn, today), daysLate: daysLate(t.deadline, t.closedOn, today) };
}

export interface TaskInput {
  title: string;
  department: string;
  ownerUserId: number | null;
  ownerName: string;
  deadline: string;
  campus: string;
}

/** Splits a passed decision into tasks (more may be added while the topic is decided). */
export async function splitIntoTasks(ctx: Ctx, topicId: number, tasks: TaskInput[]): Promise<number[]> {
  return ctx.db.transaction().execute(async (trx) => {
    const topic = await visibleTopic(ctx, trx, topicId);
    requireBodyWriter(ctx, topic.bodyKind);
    const hearings = await hearingsOf(trx, ctx.tenantId, [topicId]);
    if (topic.stage !== 'decided' || hearings.at(-1)?.result !== 'passed') throw new AppError(409, 'DECISIONS_TASKS_NEED_PASSED');
    const users = await usersExist(trx, ctx.tenantId, tasks.map((t) => t.ownerUserId).filter((x): x is number => x !== null));
    const ids: number[] = [];
    for (const [i, t] of tasks.entries()) {
      if (t.ownerUserId !== null && !users.has(t.ownerUserId)) throw fieldError(ctx.language, `body.tasks[${i}].ownerUserId`, 'DECISIONS_USER_UNKNOWN', { id: t.ownerUserId });
      if (!t.department) throw fieldError(ctx.language, `body.tasks[${i}].department`, 'DECISIONS_TASK_DEPARTMENT_REQUIRED');
      const values = { title: t.title, department: t.department, owner_user_id: t.ownerUserId, owner_name: t.ownerName || (t.ownerUserId !== null ? (users.get(t.ownerUserId) ?? '') : ''), deadline: t.deadline, campus: t.campus || topic.campus };
      const id = await insertTask(trx, ctx.tenantId, topicId, values);
      await writeAudit(trx, ctx.auditor, { action: 'create', entityType: 'decision_task', entityId: id, summary: `分解督办任务：${topic.title} — ${t.title}（${values.department}，${t.deadline} 前）`, after: values });
      ids.push(id);
    }
    return ids;
  });
}

/** The supervision list: every task of the unit with its state, filtered by state, campus or department. */
export async function taskList(ctx: Ctx, f: { state?: TaskState | undefined; campus?: string | undefined; department?: string | undefined }) {
  ctx.scope('decisions.read');
  return (await listTasks(ctx.db, ctx.tenantId, {}))
    .map((t) => presentTask(t, ctx.today))
    .filter((t) => (!f.state || t.state === f.state) && (!f.campus || t.campus === f.campus) && (!f.department || t.department === f.department));
}

/** A 承办人's own tasks, with their feedback. */
export async function myTasks(ctx: Ctx) {
  ctx.scope('decisions.tasks');
  const tasks = await listTasks(ctx.db, ctx.tenantId, { ownerUserId: ctx.userId });
  const feedback = await feedbackOf(ctx.db, ctx.tenantId, tasks.map((t) => t.id));
  return tasks.map((t) => ({ ...presentTask(t, ctx.today), feedback: feedback.filter((f) => f.taskId === t.id) }));
}

/** Feedback on a task, by its 承办人 or by the office of its body; completion closes the task (and the topic with its last task). */
export async function reportOnTask(ctx: Ctx, taskId: number, input: { reportedOn?: string | undefined; progress: string; completes: boolean }) {
  return ctx.db.transaction().execute(async (trx) => {
    ctx.scope('decisions.tasks');
    const task = await findTask(trx, ctx.tenantId, taskId);
    if (!task) throw notFound('DECISIONS_TASK_NOT_FOUND', taskId);
    if (task.ownerUserId !== ctx.userId && !canWrite(ctx, task.bodyKind)) throw new AppError(403, 'OUT_OF_SCOPE');
    if (task.status === 'closed') throw new AppError(409, 'DECISIONS_TASK_CLOSED', { date: task.closedOn });
    const reportedOn = input.reportedOn ?? ctx.today;
    if (compareDates(reportedOn, ctx.today) > 0) throw fieldError(ctx.language, 'body.reportedOn', 'DECISIONS_DATE_FUTURE', { date: reportedOn });
    const id = await insertFeedback(trx, ctx.tenantId, taskId, { reported_on: reportedOn, progress: input.progress, completes: input.completes }, { userId: ctx.userId, name: ctx.name });
    await writeAudit(trx, ctx.auditor, { action: 'create', entityType: 'decision_task_feedback', entityId: id, summary: `督办反馈：${task.title}${input.completes ? '（办结）' : ''}`, after: { taskId, reportedOn, progress: input.progress, completes: input.completes } });
    if (input.completes) {
      if (!(await closeTask(trx, ctx.tenantId, taskId, task.version, reportedOn))) throw conflict();
      const open = (await listTasks(trx, ctx.tenantId, { topicId: task.topicId, openOnly: true })).length;
      if (open === 0) await setTopicStage(trx, ctx.tenantId, task.topicId, 'closed');
    }
    const after = await findTask(trx, ctx.tenantId, taskId);
    return { ...presentTask(after ?? task, ctx.today), feedbackId: id };
  });
}

// ---------------------------------------------------------------------------------------
// Evidence on feedback: optional, never a condition (rules.md, burden reduction)

/**
 * A task's feedback entry for its evidence files. Its 承办人 and the office of its body attach
 * files (also to the closing entry once the task is closed: the closure's evidence); the readers
 * of decisions download them too. A 承办人 withdraws a wrong file while the task is open; once
 * closed, the task is a record and only the office withdraws.
 */
async function feedbackEntry(ctx: Ctx, db: Db, taskId: number, feedbackId: number, mode: 'read' | 'add' | 'withdraw') {
  const task = await findTask(db, ctx.tenantId, taskId);
  if (!task) throw notFound('DECISIONS_TASK_NOT_FOUND', taskId);
  const owner = task.ownerUserId !== null && task.ownerUserId === ctx.userId;
  const office = canWrite(ctx, task.bodyKind);
  const allowed = mode === 'read' ? owner || office || ctx.can('decisions.read') : office || (owner && (mode === 'add' || task.status === 'open'));
  if (!allowed) throw new AppError(403, mode === 'withdraw' && owner ? 'DECISIONS_FEEDBACK_FILE_CLOSED' : 'OUT_OF_SCOPE');
  const feedback = await findFeedback(db, ctx.tenantId, taskId, feedbackId);
  if (!feedback) throw notFound('DECISIONS_FEEDBACK_NOT_FOUND', feedbackId);
  return { task, feedback };
}

export const feedbackFiles = evidenceFiles({
  store: feedbackFileStore,
  entityType: 'decision_feedback_file', notFound: 'DECISIONS_FILE_NOT_FOUND', added: '上传督办反馈佐证', withdrawn: '撤回督办反馈佐证',
  async owner(ctx, db, ref: { taskId: number; feedbackId: number }, mode) {
    const { task, feedback } = await feedbackEntry(ctx, db, ref.taskId, ref.feedbackId, mode);
    return { id: feedback.id, label: mode === 'add' ? `${task.title}（${feedback.reported_on}）` : task.title, audit: { taskId: ref.taskId, feedbackId: ref.feedbackId } };
  },
});

export interface EvaluationInput {
  version: number;
  evaluatedOn: string;
  effect: string;
  problems: string;
  ruleChangeNeeded: boolean;
  revisedRuleTitle: string;
  revisedRuleOn: string | null;
}

/** The evaluation of a closed topic (effect, problems, the rule revised); saved again, it needs the version read. */
export async function evaluate(ctx: Ctx, topicId: number, input: EvaluationInput) {
  return ctx.db.transaction().execute(async (trx) => {
    const topic = await visibleTopic(ctx, trx, topicId);
    requireBodyWriter(ctx, topic.bodyKind);
    if (topic.stage !== 'closed' && topic.stage !== 'evaluated') throw new AppError(409, 'DECISIONS_EVALUATION_NEEDS_CLOSED');
    if (compareDates(input.evaluatedOn, ctx.today) > 0) throw fieldError(ctx.language, 'body.evaluatedOn', 'DECISIONS_DATE_FUTURE', { date: input.evaluatedOn });
    if (input.revisedRuleOn !== null && !input.revisedRuleTitle) throw fieldError(ctx.language, 'body.revisedRuleTitle', 'DECISIONS_RULE_TITLE_REQUIRED');
    const values = {
      evaluated_on: input.evaluatedOn,
      effect: input.effect,
      problems: input.problems,
      rule_change_needed: input.ruleChangeNeeded,
      revised_rule_title: input.revisedRuleTitle,
      revised_rule_on: input.revisedRuleOn,
    };
    const before = await findEvaluation(trx, ctx.tenantId, topicId);
    if (before) {
      if (!(await updateEvaluation(trx, ctx.tenantId, topicId, input.version, values))) throw conflict();
    } else {
      if (input.version !== 0) throw conflict();
      await insertEvaluation(trx, ctx.tenantId, topicId, values);
    }
    await setTopicStage(trx, ctx.tenantId, topicId, 'evaluated');
    await writeAudit(trx, ctx.auditor, { action: before ? 'update' : 'create', entityType: 'decision_evaluation', entityId: topicId, summary: `决策评估：${topic.title}`, before, after: values });
    return (await findEvaluation(trx, ctx.tenantId, topicId))!;
  });
}

// ---------------------------------------------------------------------------------------
// The dashboard

type Rate = { key: string; tasks: number; overdue: number; closedOnTime: number; closedLate: number; onTimeRate: number | null };

function ratesBy(tasks: ReturnType<typeof presentTask>[], key: (t: ReturnType<typeof presentTask>) => string): Rate[] {
  const groups = new Map<string, ReturnType<typeof presentTask>[]>();
  for (const t of tasks) {
    const list = groups.get(key(t));
    if (list) list.push(t);
    else groups.set(key(t), [t]);
  }
  return [...groups.entries()]
    .map(([k, list]) => ({
      key: k,
      tasks: list.length,
      overdue: list.filter((t) => t.state === 'overdue').length,
      closedOnTime: list.filter((t) => t.state === 'closed_on_time').length,
      closedLate: list.filter((t) => t.state === 'closed_late').length,
      onTimeRate: onTimeRate(list.map((t) => t.state)),
    }))
    .sort((a, b) => b.tasks - a.tasks || a.key.localeCompare(b.key));
}

/** The tasks a year counts (due in it, or overdue from before; all without a year), their states' counts and their rates by campus. */
async function yearTasks(ctx: Ctx, year: number | undefined) {
  const tasks = (await listTasks(ctx.db, ctx.tenantId, year ? { yearOf: { year, today: ctx.today } } : {})).map((t) => presentTask(t, ctx.today));
  const count = (s: TaskState) => tasks.filter((t) => t.state === s).length;
  const summary = {
    total: tasks.length,
    open: count('open'),
    dueSoon: count('due_soon'),
    overdue: count('overdue'),
    closedOnTime: count('closed_on_time'),
    closedLate: count('closed_late'),
    onTimeRate: onTimeRate(tasks.map((t) => t.state)),
  };
  return { tasks, summary, byCampus: ratesBy(tasks, (t) => t.campus || '—') };
}

/**
 * The year's task figures alone (the 党委 overview's card): the dashboard's summary and rates by
 * campus, counted in the database by state (no task read), equal to what yearTasks counts.
 */
export async function taskFigures(ctx: Ctx, year: number) {
  ctx.scope('decisions.read');
  const counts = await taskStateCounts(ctx.db, ctx.tenantId, year, ctx.today, TASK_DUE_SOON_DAYS);
  const tally = (rows: typeof counts) => {
    const n = (s: TaskState) => rows.filter((r) => r.state === s).reduce((a, r) => a + r.n, 0);
    const c = { total: rows.reduce((a, r) => a + r.n, 0), open: n('open'), dueSoon: n('due_soon'), overdue: n('overdue'), closedOnTime: n('closed_on_time'), closedLate: n('closed_late') };
    // core onTimeRate over these states: closed on time ÷ (closed + overdue), null when none.
    const counted = c.closedOnTime + c.closedLate + c.overdue;
    return { ...c, onTimeRate: counted === 0 ? null : c.closedOnTime / counted };
  };
  const campuses = new Map<string, typeof counts>();
  for (const r of counts) campuses.set(r.campus || '—', [...(campuses.get(r.campus || '—') ?? []), r]);
  const byCampus: Rate[] = [...campuses.entries()]
    .map(([key, rows]) => {
      const c = tally(rows);
      return { key, tasks: c.total, overdue: c.overdue, closedOnTime: c.closedOnTime, closedLate: c.closedLate, onTimeRate: c.onTimeRate };
    })
    .sort((a, b) => b.tasks - a.tasks || a.key.localeCompare(b.key));
  return { tasks: tally(counts), byCampus };
}

export async function dashboard(ctx: Ctx, year: number | undefined) {
  ctx.scope('decisions.read');
  const settings = await decisionsSettings(ctx);
  const inYear = (date: string) => !year || date.startsWith(`${year}-`);
  const topics = await allTopics(ctx.db, ctx.tenantId);
  const hearings = await hearingsOf(ctx.db, ctx.tenantId, topics.map((t) => t.id));
  // Each topic's hearings, looked up once (five years hold ≈ 1,500 topics: bench "decisions").
  const heard = new Map<number, typeof hearings>();
  for (const h of hearings) heard.set(h.topicId, [...(heard.get(h.topicId) ?? []), h]);
  const hearingsOfTopic = (id: number) => heard.get(id) ?? [];
  const yearTopics = year ? topics.filter((t) => hearingsOfTopic(t.id).some((h) => inYear(h.heldOn)) || inYear(t.createdAt.slice(0, 10))) : topics;
  const byCategory = TOPIC_CATEGORIES.map((category) => {
    const list = yearTopics.filter((t) => t.category === category);
    return { category, total: list.length, stages: Object.fromEntries(TOPIC_STAGES.map((s) => [s, list.filter((t) => t.stage === s).length])) };
  });
  const passedAtCommittee = new Set(hearings.filter((h) => h.bodyKind === 'party_committee' && h.result === 'passed').map((h) => h.topicId));
  const atPresident = yearTopics.filter((t) => t.bodyKind === 'president_office_meeting' && isSanzhongYida(effectiveCategory(t.category, t.amountCents, settings)) && hearingsOfTopic(t.id).some((h) => h.result !== null));
  const { tasks, summary, byCampus } = await yearTasks(ctx, year);
  return {
    year: year ?? null,
    topics: yearTopics.length,
    byCategory,
    prereview: { topics: yearTopics.length, complete: yearTopics.filter((t) => prereviewMissing(t.prereview).length === 0).length },
    committeeFirst: { topics: atPresident.length, compliant: atPresident.filter((t) => t.studiedByTopicId !== null && passedAtCommittee.has(t.studiedByTopicId)).length },
    tasks: summary,
    overdue: tasks.filter((t) => t.state === 'overdue').sort((a, b) => b.daysLate - a.daysLate),
    byCampus,
    byDepartment: ratesBy(tasks, (t) => t.department || '—'),
  };
}

const STATE_ZH: Record<TaskState, string> = { open: '办理中', due_soon: '临近期限', overdue: '已逾期', closed_on_time: '按期办结', closed_late: '逾期办结' };

/** 督办台账: every task with its state (Excel). */
export async function exportTasks(ctx: Ctx, year: number | undefined): Promise<{ name: string; buffer: Buffer }> {
  ctx.scope('decisions.read');
  // The year's tasks once: the rows and the on-time rate of the title (the dashboard's own figure).
  const { tasks: all, summary } = await yearTasks(ctx, year);
  const buffer = await workbookBuffer(
    '督办台账',
    [
      { header: '序号', value: (_t, i) => i + 1, width: 6 },
      { header: '议题', value: (t) => t.topicTitle, width: 36 },
      { header: '任务', value: (t) => t.title, width: 36 },
      { header: '责任部门', value: (t) => t.department },
      { header: '承办人', value: (t) => t.ownerName },
      { header: '院区', value: (t) => t.campus },
      { header: '期限', value: (t) => t.deadline, width: 12 },
      { header: '办结日期', value: (t) => t.closedOn ?? '', width: 12 },
      { header: '状态', value: (t) => STATE_ZH[t.state], width: 10 },
      { header: '逾期天数', value: (t) => t.daysLate, width: 10 },
    ],
    all,
    { title: `决策督办台账${year ? `（${year}年）` : ''} 按期办结率 ${summary.onTimeRate === null ? '—' : `${Math.round(summary.onTimeRate * 1000) / 10}%`}` },
  );
  return { name: `决策督办台账${year ?? ''}.xlsx`, buffer };
}

/** The 承办人 accounts a task may be assigned to. */
export async function taskOwners(ctx: Ctx) {
  ctx.scope('decisions.write');
  return (await taskOwnerAccounts(ctx.db, ctx.tenantId)).map((u) => ({ id: u.id, name: u.name }));
}
