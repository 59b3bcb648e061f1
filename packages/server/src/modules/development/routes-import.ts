/** Import of an existing pipeline from Excel: the template, and the import (dryRun previews). */
import type { FastifyInstance } from 'fastify';
import { IMPORT_FILE_MAX_BYTES } from '@hongyi/core';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../lib/context.js';
import { downloadRoute } from '../../lib/download-routes.js';
import { fileUpload } from '../../lib/multipart.js';
import { importOut } from './schemas.js';
import { importPipeline, importTemplate } from './service-import.js';

const tags = ['development'];
/** The pipeline sheet (.xlsx) as a form upload; dryRun=true only previews. */
const pipelineWorkbook = fileUpload({ maxBytes: IMPORT_FILE_MAX_BYTES, kinds: ['xlsx', 'xls'], fields: { dryRun: z.enum(['true', 'false']).optional() }, description: 'The pipeline sheet in the template’s columns' });

export async function importRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  downloadRoute(app, { path: '/api/v1/development/import/template', format: 'xlsx', access: 'development.write', schema: { tags, summary: 'Excel template for importing an existing pipeline' } }, (ctx) => importTemplate(ctx));

  r.post(
    '/api/v1/development/import',
    {
      config: { access: 'development.write' },
      ...pipelineWorkbook.route,
      schema: {
        tags,
        summary:
          'Import an existing pipeline from Excel (a form upload). All rows or none; row errors block, rule violations in historical dates are kept as warnings to review. dryRun=true previews.',
        ...pipelineWorkbook.schema,
        response: { 200: importOut },
      },
    },
    async (request) => importPipeline(ctxOf(request), request.body.file.content, request.body.dryRun === 'true'),
  );
}
