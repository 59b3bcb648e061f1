/**
 * Front-line action projects (一线支部项目; issue 13; seed-systems.md 002 "五个在一线": 聚力攻坚在
 * 一线 — 任务项目化 → 项目清单化 → 清单责任化 → 责任实效化, 21 projects in 2024).
 *
 * A branch (or a temporary branch) turns a hard problem of its area into a project: a goal, a
 * list of tasks each owned by a member (党员设岗定责) with a due date, and measurable outcomes.
 * The 党委 approves it (立项), checks it halfway (中期检查) and accepts it (验收) with a
 * conclusion. Rules here are the vocabulary, the lifecycle and the arithmetic of progress.
 */
import { z } from 'zod';
import { nameListSchema } from './nameList.js';
import { compareDates } from './calendar.js';

/** Problem areas offered by default (seed 002: 学科建设、人才培养、科研攻关、管理服务; editable per unit). */
export const DEFAULT_PROJECT_AREAS = ['学科建设', '人才培养', '科研攻关', '医疗服务', '管理服务', '基层帮扶', '患者安全', '作风建设'] as const;

/** The unit's editable lists (settings section 'projects'). */
export const projectsSettingsSchema = z.strictObject({
  areas: nameListSchema(40),
});
export type ProjectsSettings = z.infer<typeof projectsSettingsSchema>;

export const DEFAULT_PROJECTS_SETTINGS: ProjectsSettings = { areas: [...DEFAULT_PROJECT_AREAS] };

/**
 * A project's stages: proposed (申报) → approved (立项) → midterm (中期检查 done) → accepted (验收,
 * with a conclusion); a proposal may be rejected (不予立项); the branch may withdraw (撤销) a
 * project that is not closed. Stages only move forward.
 */
export const PROJECT_STAGES = ['proposed', 'approved', 'midterm', 'accepted', 'rejected', 'withdrawn'] as const;
export type ProjectStage = (typeof PROJECT_STAGES)[number];

/** The conclusions of an acceptance (验收结论). */
export const PROJECT_CONCLUSIONS = ['优秀', '合格', '不合格'] as const;
export type ProjectConclusion = (typeof PROJECT_CONCLUSIONS)[number];

/** Who moves a project: the branch (projects.write) or the 党委 (projects.review). */
export type ProjectActor = 'branch' | 'committee';

const TRANSITIONS: Record<ProjectStage, Partial<Record<ProjectStage, ProjectActor>>> = {
  proposed: { approved: 'committee', rejected: 'committee', withdrawn: 'branch' },
  approved: { midterm: 'committee', withdrawn: 'branch' },
  midterm: { accepted: 'committee', withdrawn: 'branch' },
  accepted: {},
  rejected: {},
  withdrawn: {},
};

/** Who may move a project from one stage to another, or null when the move is not allowed. */
export function projectTransition(from: ProjectStage, to: ProjectStage): ProjectActor | null {
  return TRANSITIONS[from][to] ?? null;
}

/** The stages a project may move to next, with who moves it. */
export function nextProjectStages(from: ProjectStage): Array<{ stage: ProjectStage; by: ProjectActor }> {
  return Object.entries(TRANSITIONS[from]).map(([stage, by]) => ({ stage: stage as ProjectStage, by: by as ProjectActor }));
}

/** Closed: nothing of the project changes any more. */
export function projectClosed(stage: ProjectStage): boolean {
  return stage === 'accepted' || stage === 'rejected' || stage === 'withdrawn';
}

/** Running: approved and not closed — the stages where task results and outcome figures are recorded. */
export function projectRunning(stage: ProjectStage): boolean {
  return stage === 'approved' || stage === 'midterm';
}

/** The branch edits the plan (goal, dates, tasks, outcomes' targets) while the project is not closed. */
export function projectEditable(stage: ProjectStage): boolean {
  return !projectClosed(stage);
}

export const PROJECT_TASK_STATUSES = ['open', 'done'] as const;
export type ProjectTaskStatus = (typeof PROJECT_TASK_STATUSES)[number];

/** How a task stands today: done, done late, open, or overdue (open past its due date). */
export const PROJECT_TASK_STATES = ['done', 'done_late', 'open', 'overdue'] as const;
export type ProjectTaskState = (typeof PROJECT_TASK_STATES)[number];

export function projectTaskState(task: { status: ProjectTaskStatus; dueOn: string; doneOn: string | null }, today: string): ProjectTaskState {
  if (task.status === 'done') return task.doneOn && compareDates(task.doneOn, task.dueOn) > 0 ? 'done_late' : 'done';
  return compareDates(task.dueOn, today) < 0 ? 'overdue' : 'open';
}

/** Overdue: open past its due date on a running project (a closed project's open tasks are no longer chased). */
export function taskOverdue(task: { status: ProjectTaskStatus; dueOn: string; doneOn: string | null }, stage: ProjectStage, today: string): boolean {
  return projectRunning(stage) && projectTaskState(task, today) === 'overdue';
}

export interface ProjectProgress {
  done: number;
  total: number;
  overdue: number;
  /** Whole percent of tasks done (0 when there are none). */
  percent: number;
}

export function projectProgress(tasks: readonly { status: ProjectTaskStatus; dueOn: string; doneOn: string | null }[], stage: ProjectStage, today: string): ProjectProgress {
  const done = tasks.filter((t) => t.status === 'done').length;
  const overdue = tasks.filter((t) => taskOverdue(t, stage, today)).length;
  return { done, total: tasks.length, overdue, percent: tasks.length === 0 ? 0 : Math.floor((done * 100) / tasks.length) };
}

/** Bounds of what a project records. */
export const PROJECT_LIMITS = {
  tasks: 50,
  outcomes: 20,
  /** Outcome figures: generous, with up to two decimals (rates, minutes, counts). */
  figure: 1_000_000_000,
} as const;

/** Which way an indicator improves: more cases, a higher rate (higher) or fewer minutes, a lower rate of falls (lower). */
export const OUTCOME_DIRECTIONS = ['higher', 'lower'] as const;
export type OutcomeDirection = (typeof OUTCOME_DIRECTIONS)[number];

/** An outcome (成效指标): an indicator with a unit, a target, the actual figure reached and which way is better. */
export interface ProjectOutcome {
  indicator: string;
  unit: string;
  target: number | null;
  actual: number | null;
  better: OutcomeDirection;
}

/** Whether an outcome reached its target (at least it, or at most it for a lower-is-better indicator); null when either figure is missing. */
export function outcomeReached(o: ProjectOutcome): boolean | null {
  if (o.target === null || o.actual === null) return null;
  return o.better === 'lower' ? o.actual <= o.target : o.actual >= o.target;
}

/** The year a project belongs to on the 党委's list: the year it starts. */
export function projectYear(startedOn: string): number {
  return Number(startedOn.slice(0, 4));
}
