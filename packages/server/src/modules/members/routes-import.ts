import { IMPORT_FILE_MAX_BYTES } from '@hongyi/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../lib/context.js';
import { fileUpload } from '../../lib/multipart.js';
import { importRoster, previewRoster } from './service-import.js';

const rosterRowOut = z.object({
  row: z.number(),
  name: z.string(),
  idNumber: z.string(),
  orgName: z.string(),
  action: z.enum(['add', 'update', 'unchanged', 'error']),
  changes: z.array(z.object({ field: z.string(), from: z.string().nullable(), to: z.string().nullable() })),
  errors: z.array(z.object({ path: z.string(), message: z.string() })),
});

/** The roster workbook, sent as a form upload (lib/multipart.ts). */
const rosterUpload = fileUpload({ maxBytes: IMPORT_FILE_MAX_BYTES, kinds: ['xlsx'], description: 'The roster workbook' });

/** Roster import: preview what a file would change, then commit it in one transaction. */
export async function memberImportRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

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
    async (request, reply) => reply.status(201).send(await importRoster(ctxOf(request), request.body.file.content)),
  );
}
