/**
 * A project's task list (项目清单化 → 清单责任化): each task owned by a member (党员设岗定责) with a
 * due date; its result (责任实效化) is recorded once the project is approved. And the project's
 * evidence files. The plan may change while the project is open; a closed project changes no more.
 */
import { type ProjectTaskStatus, compareDates, projectRunning } from '@hongyi/core';
import type { Ctx } from '../../lib/context.js';
import { evidenceFiles } from '../../lib/evidence.js';
import { writeAudit } from '../../plugins/audit.js';
import { AppError, conflict, fieldError, notFound } from '../../plugins/errors.js';
import { type TaskValues, deleteTask, findTask, insertTask, updateTask } from './repository.js';
import { checkDue, checkPerson, openProject, visibleProject } from './service.js';

export interface TaskInput {
  title: string;
  ownerMemberId: number;
  dueOn: string;
  status: ProjectTaskStatus;
  doneOn: string | null;
  result: string;
}

/** The task's values: its owner in the branch, due within the project; done or a result only once the project runs. */
async function checkTask(ctx: Ctx, db: Parameters<typeof openProject>[1], project: Awaited<ReturnType<typeof openProject>>, input: TaskInput): Promise<TaskValues> {
  await checkPerson(ctx, db, input.ownerMemberId, { path: project.orgPath, type: project.orgType }, 'body.ownerMemberId');
  checkDue(ctx, input.dueOn, project, 'body.dueOn');
  const recording = input.status === 'done' || input.result !== '';
  if (recording && !projectRunning(project.stage)) throw new AppError(409, 'PROJECT_NOT_RUNNING');
  if (input.status === 'done') {
    if (!input.doneOn) throw fieldError(ctx.language, 'body.doneOn', 'PROJECT_TASK_DONE_ON_REQUIRED');
    if (compareDates(input.doneOn, ctx.today) > 0) throw fieldError(ctx.language, 'body.doneOn', 'PROJECT_DATE_FUTURE', { date: input.doneOn });
    if (compareDates(input.doneOn, project.startedOn) < 0) throw fieldError(ctx.language, 'body.doneOn', 'PROJECT_TASK_DONE_BEFORE_START', { date: input.doneOn, start: project.startedOn });
  } else if (input.doneOn) throw fieldError(ctx.language, 'body.doneOn', 'PROJECT_TASK_DONE_ON_OPEN');
  return { title: input.title, owner_member_id: input.ownerMemberId, due_on: input.dueOn, status: input.status, done_on: input.status === 'done' ? input.doneOn : null, result: input.result };
}

export async function addTask(ctx: Ctx, projectId: number, input: TaskInput): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const project = await openProject(ctx, trx, projectId);
    const values = await checkTask(ctx, trx, project, input);
    const id = await insertTask(trx, ctx.tenantId, projectId, values);
    await writeAudit(trx, ctx.auditor, { action: 'create', entityType: 'project_task', entityId: id, summary: `一线项目“${project.title}”增加任务：${values.title}`, after: { projectId, ...values } });
    return id;
  });
}

export async function changeTask(ctx: Ctx, projectId: number, taskId: number, version: number, input: TaskInput): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const project = await openProject(ctx, trx, projectId);
    const before = await findTask(trx, ctx.tenantId, projectId, taskId);
    if (!before) throw notFound('PROJECT_TASK_NOT_FOUND', taskId);
    const values = await checkTask(ctx, trx, project, input);
    if (!(await updateTask(trx, ctx.tenantId, taskId, version, values))) throw conflict();
    const done = values.status === 'done' && before.status !== 'done' ? '完成' : '修改';
    await writeAudit(trx, ctx.auditor, { action: 'update', entityType: 'project_task', entityId: taskId, summary: `一线项目“${project.title}”${done}任务：${values.title}`, before, after: values });
  });
}

/** Removes a planned task typed by mistake; a done task is the project's record and stays. */
export async function removeTask(ctx: Ctx, projectId: number, taskId: number, version: number): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const project = await openProject(ctx, trx, projectId);
    const before = await findTask(trx, ctx.tenantId, projectId, taskId);
    if (!before) throw notFound('PROJECT_TASK_NOT_FOUND', taskId);
    if (before.status === 'done') throw new AppError(409, 'PROJECT_TASK_DONE');
    if (!(await deleteTask(trx, ctx.tenantId, taskId, version))) throw conflict();
    await writeAudit(trx, ctx.auditor, { action: 'delete', entityType: 'project_task', entityId: taskId, summary: `一线项目“${project.title}”删除任务：${before.title}`, before });
  });
}

// ---------------------------------------------------------------------------------------
// Evidence files: added by the branch (not by a member's own scope) while the caller writes the project

export const projectFiles = evidenceFiles({
  store: { table: 'project_files', owner: 'project_id' },
  entityType: 'project_file', notFound: 'PROJECT_FILE_NOT_FOUND', added: '上传一线项目佐证材料', withdrawn: '撤回一线项目佐证材料',
  async owner(ctx, db, projectId: number, mode) {
    const project = await visibleProject(ctx, db, projectId, mode === 'read' ? 'projects.read' : 'projects.write');
    if (mode === 'add' && ctx.scope('projects.write').kind === 'self') throw new AppError(403, 'OUT_OF_SCOPE');
    return { id: projectId, label: project.title, audit: { projectId } };
  },
});
