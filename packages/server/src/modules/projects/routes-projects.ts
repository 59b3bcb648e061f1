/** Front-line projects: the year's list (and its Excel), propose, read, change, the 党委's steps, withdraw, the Word report, the unit's areas. */
import { projectsSettingsSchema } from '@hongyi/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../lib/context.js';
import { savedById, serviceRoute } from '../../lib/service-routes.js';
import { downloadRoute } from '../../lib/download-routes.js';
import { version } from '../../lib/fields.js';
import { idParam, pageQuery } from '../../lib/paging.js';
import { detailOut, listItemOut, listQuery, newProjectInput, projectInput, reviewInput, settingsOut, withdrawInput } from './schemas.js';
import { changeProject, createProject, projectDetail, projectPage, projectsSettings, reviewProject, saveProjectsSettings, withdrawProject } from './service.js';
import { projectFiles } from './service-tasks.js';
import { projectReport, projectsWorkbook } from './service-report.js';

const tags = ['projects'];
const ok = z.object({ id: z.number() });

export async function projectRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/projects',
    {
      config: { access: 'projects.read' },
      schema: {
        tags,
        summary:
          'Front-line projects in the caller’s scope (the 党委: all; a branch: its own; a member: those they lead or own a task of), with progress, overdue tasks and results; one page, with the whole list’s total, accepted projects and overdue tasks',
        querystring: pageQuery.extend(listQuery.shape),
        response: { 200: z.object({ items: z.array(listItemOut), total: z.number(), accepted: z.number(), overdue: z.number() }) },
      },
    },
    async (request) => {
      const { page, pageSize, ...filter } = request.query;
      const { items, behind: _behind, ...counts } = await projectPage(ctxOf(request), filter, page, pageSize);
      return { items: items.map(({ project: { orgPath: _p, orgType: _t, ...p }, ...rest }) => ({ ...p, ...rest })), ...counts };
    },
  );

  downloadRoute(app, { path: '/api/v1/projects/export', format: 'xlsx', access: 'projects.read', schema: { tags, summary: 'The same list as Excel', querystring: listQuery } }, (ctx, { query }) => projectsWorkbook(ctx, query));

  r.post(
    '/api/v1/projects',
    { config: { access: 'projects.write' }, schema: { tags, summary: 'Propose a project (申报) of a branch with its tasks (each owned by a member) and outcome indicators', body: newProjectInput, response: { 201: ok } } },
    async (request, reply) => reply.status(201).send({ id: await createProject(ctxOf(request), request.body) }),
  );

  r.get(
    '/api/v1/projects/settings',
    { config: { access: 'projects.read' }, schema: { tags, summary: 'The unit’s problem areas', response: { 200: settingsOut } } },
    async (request) => {
      const { value, version: v } = await projectsSettings(ctxOf(request));
      return { ...value, version: v };
    },
  );

  r.put(
    '/api/v1/projects/settings',
    { config: { access: 'settings.manage' }, schema: { tags, summary: 'Save the unit’s problem areas; 409 on a stale version', body: projectsSettingsSchema.extend({ version: version().or(z.literal(0)) }), response: { 200: settingsOut } } },
    async (request) => {
      const { version: v, ...value } = request.body;
      const saved = await saveProjectsSettings(ctxOf(request), value, v);
      return { ...saved.value, version: saved.version };
    },
  );

  r.get(
    '/api/v1/projects/:id',
    { config: { access: 'projects.read' }, schema: { tags, summary: 'One project: goal, tasks with owners and state, outcomes, evidence, and what the caller may do next', params: idParam, response: { 200: detailOut } } },
    async (request) => {
      const ctx = ctxOf(request);
      const { project, ...rest } = await projectDetail(ctx, request.params.id);
      const { orgPath: _p, orgType: _t, ...p } = project;
      return { ...p, ...rest, evidence: await projectFiles.of(ctx, request.params.id) };
    },
  );

  serviceRoute(app, { method: 'put', path: '/api/v1/projects/:id', access: 'projects.write', schema: { tags, summary: 'Change a project’s plan (not once closed); 409 on a stale version', params: idParam, body: projectInput.extend({ version: version() }), response: { 200: ok } } }, savedById(changeProject));

  r.post(
    '/api/v1/projects/:id/review',
    {
      config: { access: 'projects.review' },
      schema: { tags, summary: 'The 党委’s step: approve (立项) or reject, record the mid-term check, or accept (验收) with a conclusion; 409 on a stale version', params: idParam, body: reviewInput, response: { 200: ok } },
    },
    async (request) => {
      await reviewProject(ctxOf(request), request.params.id, request.body);
      return { id: request.params.id };
    },
  );

  r.post(
    '/api/v1/projects/:id/withdraw',
    { config: { access: 'projects.write' }, schema: { tags, summary: 'The branch withdraws (撤销) a project that is not closed, with the reason', params: idParam, body: withdrawInput, response: { 200: ok } } },
    async (request) => {
      await withdrawProject(ctxOf(request), request.params.id, request.body);
      return { id: request.params.id };
    },
  );

  downloadRoute(app, { path: '/api/v1/projects/:id/report.docx', format: 'docx', access: 'projects.read', schema: { tags, summary: 'The project report (Word): goal, tasks with owners, outcomes, mid-term check and acceptance conclusion', params: idParam } }, (ctx, { params }) => projectReport(ctx, params.id));
}
