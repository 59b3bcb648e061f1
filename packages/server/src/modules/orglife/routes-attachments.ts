/** Attachments of a record: optional evidence, never a condition for compliance; sent as form uploads. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../lib/context.js';
import { idParam } from '../../lib/paging.js';
import { evidenceUpload } from '../../lib/multipart.js';
import { sendUpload, uploadOut } from '../../lib/uploads.js';
import { attach, attachmentToDownload, listAttachments, withdraw } from './service-attachments.js';

const tags = ['orglife'];
const evidence = evidenceUpload();
const attachmentParams = idParam.extend({ attachmentId: z.coerce.number().int().positive() });

export function attachmentRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/orglife/records/:id/attachments',
    {
      config: { access: 'orglife.read' },
      schema: { tags, summary: 'The attachments of a record (withdrawn ones with their reason), oldest first', params: idParam, response: { 200: z.array(uploadOut) } },
    },
    async (request) => listAttachments(ctxOf(request), request.params.id),
  );

  r.post(
    '/api/v1/orglife/records/:id/attachments',
    {
      config: { access: 'orglife.write' },
      ...evidence.route,
      schema: {
        tags,
        summary: 'Attach a file to a record (optional evidence, never required): a form upload, PDF, JPEG, PNG, .docx or .xlsx as the bytes show, at most 10 MB',
        params: idParam,
        ...evidence.schema,
        response: { 201: uploadOut },
      },
    },
    async (request, reply) => reply.status(201).send(await attach(ctxOf(request), request.params.id, request.body.file)),
  );

  r.get(
    '/api/v1/orglife/records/:id/attachments/:attachmentId',
    { config: { access: 'orglife.read' }, schema: { tags, summary: 'Download an attachment of a record', params: attachmentParams } },
    async (request, reply) => sendUpload(reply, await attachmentToDownload(ctxOf(request), request.params.id, request.params.attachmentId)),
  );

  r.post(
    '/api/v1/orglife/records/:id/attachments/:attachmentId/withdraw',
    {
      config: { access: 'orglife.write' },
      schema: {
        tags,
        summary: 'Withdraw an attachment (wrong file): its content is dropped, the note of it stays',
        params: attachmentParams,
        body: z.object({ reason: z.string().trim().min(1).max(500) }),
        response: { 200: uploadOut },
      },
    },
    async (request) => withdraw(ctxOf(request), request.params.id, request.params.attachmentId, request.body.reason),
  );
}
