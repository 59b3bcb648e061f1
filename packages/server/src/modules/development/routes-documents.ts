/** Documents of a file: evidence uploaded for its steps, the Word file and the prefilled forms Hongyi generates. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { downloadRoute } from '../../lib/download-routes.js';
import { evidenceRoutes } from '../../lib/evidence-routes.js';
import { idParam } from '../../lib/paging.js';
import { serviceRoute } from '../../lib/service-routes.js';
import { documentFields, uploadOut } from './schemas.js';
import { fileDocument, fileDocuments, fileForm } from './service-documents.js';

const tags = ['development'];

export async function documentRoutes(app: FastifyInstance) {

  evidenceRoutes(app, {
    path: '/api/v1/development/files/:id/documents', params: idParam, fileParam: 'documentId', files: fileDocuments, tags, access: { read: 'development.read', write: 'development.write' }, reasonMax: 500,
    fields: documentFields, out: uploadOut, ref: (p, fields) => ({ fileId: p.id, entryId: fields?.entryId ?? null }),
    summary: {
      add: 'Upload a document for a step (optional evidence, never required): a form upload, PDF, JPEG, PNG, .docx or .xlsx as the bytes show, at most 10 MB; entryId names the step',
      download: 'Download an uploaded document',
      withdraw: 'Withdraw an uploaded document (wrong file): it is no longer offered, the record of it stays',
    },
  });

  downloadRoute(app, { path: '/api/v1/development/files/:id/document', format: 'docx', access: 'development.read', schema: { tags, summary: 'The person’s development file as a Word document (every step, date and the people involved)', params: idParam } }, (ctx, { params }) => fileDocument(ctx, params.id));

  serviceRoute(
    app,
    {
      method: 'get',
      path: '/api/v1/development/files/:id/forms/:form',
      access: 'development.read',
      schema: {
        tags,
        summary: 'A standard form prefilled from the file: 谈话记录 (talk record) or 公示 notice text',
        params: idParam.extend({ form: z.enum(['talk_record', 'notice', 'committee_talk_record']) }),
        response: { 200: z.object({ title: z.string(), text: z.string() }) },
      },
    },
    (ctx, { params }) => fileForm(ctx, params.id, params.form),
  );
}
