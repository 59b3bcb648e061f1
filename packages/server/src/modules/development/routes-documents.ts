/** Documents of a file: evidence uploaded for its steps, the Word file and the prefilled forms Hongyi generates. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../lib/context.js';
import { sendDocx } from '../../lib/docx.js';
import { idParam } from '../../lib/paging.js';
import { sendUpload } from '../../lib/uploads.js';
import { documentParams, documentUpload, uploadOut } from './schemas.js';
import { downloadDocument, fileDocument, fileForm, uploadDocument, withdrawFileDocument } from './service-documents.js';

const tags = ['development'];

export async function documentRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/development/files/:id/documents',
    {
      config: { access: 'development.write' },
      ...documentUpload.route,
      schema: {
        tags,
        summary: 'Upload a document for a step (optional evidence, never required): a form upload, PDF, JPEG, PNG, .docx or .xlsx as the bytes show, at most 10 MB; entryId names the step',
        params: idParam,
        ...documentUpload.schema,
        response: { 201: uploadOut },
      },
    },
    async (request, reply) => reply.status(201).send(await uploadDocument(ctxOf(request), request.params.id, request.body.entryId ?? null, request.body.file)),
  );

  r.get(
    '/api/v1/development/files/:id/documents/:documentId',
    { config: { access: 'development.read' }, schema: { tags, summary: 'Download an uploaded document', params: documentParams } },
    async (request, reply) => sendUpload(reply, await downloadDocument(ctxOf(request), request.params.id, request.params.documentId)),
  );

  r.post(
    '/api/v1/development/files/:id/documents/:documentId/withdraw',
    {
      config: { access: 'development.write' },
      schema: {
        tags,
        summary: 'Withdraw an uploaded document (wrong file): it is no longer offered, the record of it stays',
        params: documentParams,
        body: z.object({ reason: z.string().trim().min(1).max(500) }),
        response: { 200: uploadOut },
      },
    },
    async (request) => withdrawFileDocument(ctxOf(request), request.params.id, request.params.documentId, request.body.reason),
  );

  r.get(
    '/api/v1/development/files/:id/document',
    {
      config: { access: 'development.read' },
      schema: { tags, summary: 'The person’s development file as a Word document (every step, date and the people involved)', params: idParam },
    },
    async (request, reply) => {
      const { filename, buffer } = await fileDocument(ctxOf(request), request.params.id);
      return sendDocx(reply, filename, buffer);
    },
  );

  r.get(
    '/api/v1/development/files/:id/forms/:form',
    {
      config: { access: 'development.read' },
      schema: {
        tags,
        summary: 'A standard form prefilled from the file: 谈话记录 (talk record) or 公示 notice text',
        params: idParam.extend({ form: z.enum(['talk_record', 'notice', 'committee_talk_record']) }),
        response: { 200: z.object({ title: z.string(), text: z.string() }) },
      },
    },
    async (request) => fileForm(ctxOf(request), request.params.id, request.params.form),
  );
}
