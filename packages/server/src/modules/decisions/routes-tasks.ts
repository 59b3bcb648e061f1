/** Supervision (督办): split a decision into tasks, the supervision list, a 承办人's own tasks and feedback; evaluation; the dashboard and its Excel. */
import { TASK_STATES } from '@hongyi/core';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { downloadRoute } from '../../lib/download-routes.js';
import { evidenceRoutes } from '../../lib/evidence-routes.js';
import { idParam } from '../../lib/paging.js';
import { serviceRoute } from '../../lib/service-routes.js';
import { dashboardOut, evaluationInput, evaluationOut, feedbackInput, feedbackOut, taskInput, taskOut } from './schemas.js';
import { dashboard, evaluate, exportTasks, feedbackFiles, myTasks, reportOnTask, splitIntoTasks, taskList, taskOwners } from './service-tasks.js';

const tags = ['decisions'];
const feedbackParams = idParam.extend({ feedbackId: z.coerce.number().int().positive() });
const yearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });

export async function decisionTaskRoutes(app: FastifyInstance) {

  serviceRoute(app, { method: 'post', path: '/api/v1/decisions/topics/:id/tasks', access: 'decisions.write', schema: { tags, summary: 'Split a passed decision into tasks (department, 承办人, deadline)', params: idParam, body: z.object({ tasks: z.array(taskInput).min(1).max(20) }), response: { 201: z.object({ ids: z.array(z.number()) }) } } }, async (ctx, { params, body }) => ({ ids: await splitIntoTasks(ctx, params.id, body.tasks) }));

  serviceRoute(app, { method: 'put', path: '/api/v1/decisions/topics/:id/evaluation', access: 'decisions.write', schema: { tags, summary: 'Evaluate a closed topic (effect, problems, rule revised); version 0 for the first', params: idParam, body: evaluationInput, response: { 200: evaluationOut } } }, (ctx, { params, body }) => evaluate(ctx, params.id, body));

  serviceRoute(
    app,
    {
      method: 'get',
      path: '/api/v1/decisions/tasks',
      access: 'decisions.read',
      schema: {
        tags,
        summary: 'The supervision list: every task with its state (overdue, due soon, closed on time or late)',
        querystring: z.object({ state: z.enum(TASK_STATES).optional(), campus: z.string().trim().max(50).optional(), department: z.string().trim().max(100).optional() }),
        response: { 200: z.array(taskOut) },
      },
    },
    (ctx, { query }) => taskList(ctx, query),
  );

  serviceRoute(app, { method: 'get', path: '/api/v1/decisions/task-owners', access: 'decisions.write', schema: { tags, summary: 'The 承办人 accounts tasks may be assigned to', response: { 200: z.array(z.object({ id: z.number(), name: z.string() })) } } }, (ctx) => taskOwners(ctx));

  serviceRoute(app, { method: 'get', path: '/api/v1/decisions/my-tasks', access: 'decisions.tasks', schema: { tags, summary: 'The caller’s own tasks (承办人) with their feedback', response: { 200: z.array(taskOut.extend({ feedback: z.array(feedbackOut) })) } } }, (ctx) => myTasks(ctx));

  serviceRoute(app, { method: 'post', path: '/api/v1/decisions/tasks/:id/feedback', access: 'decisions.tasks', schema: { tags, summary: 'Report progress on a task (its 承办人 or the body’s office); completes = closes it', params: idParam, body: feedbackInput, response: { 201: taskOut.extend({ feedbackId: z.number() }) } } }, (ctx, { params, body }) => reportOnTask(ctx, params.id, body));

  evidenceRoutes(app, {
    // Download: its 承办人 (decisions.tasks only) and the readers of decisions, decided in the service.
    path: '/api/v1/decisions/tasks/:id/feedback/:feedbackId/files', params: feedbackParams, ref: (p) => ({ taskId: p.id, feedbackId: p.feedbackId }), files: feedbackFiles, tags, access: { read: 'authenticated', write: 'decisions.tasks' },
    summary: { add: 'Attach evidence to a feedback entry (its 承办人 or the body’s office): a form upload, PDF, JPEG, PNG, .docx or .xlsx as the bytes show, at most 10 MB', download: 'Download a feedback entry’s evidence (its 承办人, the offices, the readers of decisions)', withdraw: 'Withdraw a feedback entry’s evidence (content dropped, reason kept): its 承办人 while the task is open, the body’s office always' },
  });

  serviceRoute(app, { method: 'get', path: '/api/v1/decisions/dashboard', access: 'decisions.read', schema: { tags, summary: 'Topics by category and stage, pre-review completeness, 党委会-first compliance, on-time closure, overdue tasks, by campus and department', querystring: yearQuery, response: { 200: dashboardOut } } }, (ctx, { query }) => dashboard(ctx, query.year));

  downloadRoute(app, { path: '/api/v1/decisions/dashboard/export', format: 'xlsx', access: 'decisions.read', schema: { tags, summary: 'The supervision ledger (督办台账) as Excel', querystring: yearQuery } }, (ctx, { query }) => exportTasks(ctx, query.year));
}
