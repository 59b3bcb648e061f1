/** Attachments of a record: optional evidence, never a condition for compliance; sent as form uploads (the evidence-files kit). */
import type { FastifyInstance } from 'fastify';
import { evidenceRoutes } from '../../lib/evidence-routes.js';
import { idParam } from '../../lib/paging.js';
import { recordAttachments } from './service-attachments.js';

export function attachmentRoutes(app: FastifyInstance) {
  evidenceRoutes(app, {
    path: '/api/v1/orglife/records/:id/attachments', params: idParam, fileParam: 'attachmentId', ref: (p) => p.id, files: recordAttachments, tags: ['orglife'], access: { read: 'orglife.read', write: 'orglife.write' }, reasonMax: 500,
    summary: {
      list: 'The attachments of a record (withdrawn ones with their reason), oldest first',
      add: 'Attach a file to a record (optional evidence, never required): a form upload, PDF, JPEG, PNG, .docx or .xlsx as the bytes show, at most 10 MB',
      download: 'Download an attachment of a record',
      withdraw: 'Withdraw an attachment (wrong file): its content is dropped, the note of it stays',
    },
  });
}
