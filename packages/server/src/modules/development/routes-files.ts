/** Development files: the list and its 台账, opening a file, reading it, editing the person's details, and a member's own file. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../lib/context.js';
import { downloadRoute } from '../../lib/download-routes.js';
import { idParam, pageQuery } from '../../lib/paging.js';
import { type FileFilters, fileFilters } from './repository.js';
import { fileCreate, fileDetail as fileDetailOut, filePatch, fileSummary } from './schemas.js';
import { editFile, fileDetail, openFile } from './service.js';
import { exportLedger, listFiles, myFile } from './service-lists.js';

const tags = ['development'];

export async function fileRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/development/files',
    {
      config: { access: 'development.read' },
      schema: {
        tags,
        summary: 'Development files in the caller’s scope (filters: branch subtree, status, stage, name)',
        querystring: pageQuery.extend(fileFilters.shape),
        response: { 200: z.object({ items: z.array(fileSummary), total: z.number() }) },
      },
    },
    async (request) => {
      const { page, pageSize, ...filters } = request.query;
      return listFiles(ctxOf(request), filters as FileFilters, page, pageSize);
    },
  );

  downloadRoute(app, { path: '/api/v1/development/files/export', format: 'xlsx', access: 'development.read', schema: { tags, summary: '发展党员工作台账 (Excel): every file in scope with the date of each of the 25 steps', querystring: fileFilters } }, (ctx, { query }) => exportLedger(ctx, query as FileFilters));

  r.post(
    '/api/v1/development/files',
    {
      config: { access: 'development.write' },
      schema: { tags, summary: 'Open a development file with the application (step 1)', body: fileCreate, response: { 201: fileDetailOut } },
    },
    async (request, reply) => reply.status(201).send(await openFile(ctxOf(request), request.body)),
  );

  r.get(
    '/api/v1/development/files/:id',
    {
      config: { access: 'development.read' },
      schema: { tags, summary: 'A person’s development file: every entry (corrections and what they replaced), progress and deadlines', params: idParam, response: { 200: fileDetailOut } },
    },
    async (request) => {
      const ctx = ctxOf(request);
      return fileDetail(ctx, ctx.scope('development.read'), request.params.id);
    },
  );

  r.patch(
    '/api/v1/development/files/:id',
    {
      config: { access: 'development.write' },
      schema: {
        tags,
        summary: 'Edit the person’s details after the file is opened (optimistic concurrency: send the version you read; audited)',
        params: idParam,
        body: filePatch,
        response: { 200: fileDetailOut },
      },
    },
    async (request) => {
      const { version, ...edit } = request.body;
      return editFile(ctxOf(request), request.params.id, version, edit);
    },
  );

  r.get(
    '/api/v1/development/my',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'The signed-in member’s own development file, if they joined through one', response: { 200: z.object({ file: fileDetailOut.nullable() }) } },
    },
    async (request) => myFile(ctxOf(request)),
  );
}
