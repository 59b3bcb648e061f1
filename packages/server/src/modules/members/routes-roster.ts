/** The member roster: its blank template, and the import (a preview, then a commit in one transaction). */
import { IMPORT_FILE_MAX_BYTES } from '@hongyi/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../lib/context.js';
import { downloadRoute } from '../../lib/download-routes.js';
import { fileUpload } from '../../lib/multipart.js';
import { rosterRowOut } from './schemas.js';
import { rosterTemplate } from './service.js';
import { commitRoster, previewRoster } from './service-roster.js';

/** The roster workbook, sent as a form upload (lib/multipart.ts). */
const rosterUpload = fileUpload({ maxBytes: IMPORT_FILE_MAX_BYTES, kinds: ['xlsx', 'xls'], description: 'The roster workbook' });

export async function rosterRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  downloadRoute(app, { path: '/api/v1/members/template', format: 'xlsx', access: 'members.write', schema: { tags: ['members'], summary: 'Blank roster template (the same columns as the export and the import)' } }, (ctx) => rosterTemplate(ctx));

  r.post(
    '/api/v1/members/import/preview',
    {
      config: { access: 'members.write' },
      ...rosterUpload.route,
      schema: {
        tags: ['members'],
        summary: 'Read a roster (.xlsx, a form upload) and show rows to add, to update (matched by ID number) and errors by row and column; nothing is saved',
        ...rosterUpload.schema,
        response: {
          200: z.object({ rows: z.array(rosterRowOut), added: z.number(), updated: z.number(), unchanged: z.number(), errorRows: z.number(), errorCount: z.number() }),
        },
      },
    },
    async (request) => previewRoster(ctxOf(request), request.body.file.content),
  );

  r.post(
    '/api/v1/members/import/commit',
    {
      config: { access: 'members.write' },
      ...rosterUpload.route,
      schema: {
        tags: ['members'],
        summary: 'Import the roster (.xlsx, a form upload) in one transaction: every row lands or none does (400 with every row’s errors). Re-importing the same file changes nothing',
        ...rosterUpload.schema,
        response: { 201: z.object({ importId: z.number(), added: z.number(), updated: z.number(), unchanged: z.number() }) },
      },
    },
    async (request, reply) => reply.status(201).send(await commitRoster(ctxOf(request), request.body.file.content)),
  );
}
