/** A project's tasks (add, change or record the result, delete), its outcome figures and its evidence files. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../lib/context.js';
import { evidenceRoutes } from '../../lib/evidence-routes.js';
import { version } from '../../lib/fields.js';
import { idParam } from '../../lib/paging.js';
import { PROJECT_LIMITS } from '@hongyi/core';
import { outcomeInput, taskInput } from './schemas.js';
import { saveOutcomes } from './service.js';
import { addTask, changeTask, projectFiles, removeTask } from './service-tasks.js';

const tags = ['projects'];
const taskParams = idParam.extend({ taskId: z.coerce.number().int().positive() });

export async function projectTaskRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/projects/:id/tasks',
    { config: { access: 'projects.write' }, schema: { tags, summary: 'Add a task with its owner (党员设岗定责) and due date', params: idParam, body: taskInput, response: { 201: z.object({ id: z.number() }) } } },
    async (request, reply) => reply.status(201).send({ id: await addTask(ctxOf(request), request.params.id, request.body) }),
  );

  r.put(
    '/api/v1/projects/:id/tasks/:taskId',
    {
      config: { access: 'projects.write' },
      schema: { tags, summary: 'Change a task or record its result (done, with the date and what was achieved: only once the project is approved); 409 on a stale version', params: taskParams, body: taskInput.extend({ version: version() }), response: { 200: z.object({ id: z.number() }) } },
    },
    async (request) => {
      const { version: v, ...input } = request.body;
      await changeTask(ctxOf(request), request.params.id, request.params.taskId, v, input);
      return { id: request.params.taskId };
    },
  );

  r.delete(
    '/api/v1/projects/:id/tasks/:taskId',
    { config: { access: 'projects.write' }, schema: { tags, summary: 'Delete a task planned by mistake (not a done one)', params: taskParams, querystring: z.object({ version: version({ coerce: true }) }), response: { 204: z.null() } } },
    async (request, reply) => {
      await removeTask(ctxOf(request), request.params.id, request.params.taskId, request.query.version);
      return reply.status(204).send(null);
    },
  );

  r.put(
    '/api/v1/projects/:id/outcomes',
    {
      config: { access: 'projects.write' },
      schema: { tags, summary: 'Save the outcome indicators with their targets and actual figures (actual figures once approved); 409 on a stale version', params: idParam, body: z.object({ version: version(), outcomes: z.array(outcomeInput).max(PROJECT_LIMITS.outcomes) }), response: { 200: z.object({ id: z.number() }) } },
    },
    async (request) => {
      await saveOutcomes(ctxOf(request), request.params.id, request.body.version, request.body.outcomes);
      return { id: request.params.id };
    },
  );

  evidenceRoutes(app, {
    path: '/api/v1/projects/:id/files', params: idParam, ref: (p) => p.id, files: projectFiles, tags, access: { read: 'projects.read', write: 'projects.write' }, description: 'Evidence (方案, 总结, 照片, 证明材料)',
    summary: { add: 'Add an evidence file (form upload)', download: 'Download an evidence file', withdraw: 'Withdraw an evidence file (content dropped, reason kept)' },
  });
}
