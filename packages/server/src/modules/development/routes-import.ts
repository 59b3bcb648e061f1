/** Import of an existing pipeline from Excel: the template, and the import (dryRun previews). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../lib/context.js';
import { sendXlsx } from '../../lib/excel.js';
import { importBody, importOut } from './schemas.js';
import { importPipeline, importTemplate } from './service-import.js';

const tags = ['development'];

export async function importRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/development/import/template', { config: { access: 'development.write' }, schema: { tags, summary: 'Excel template for importing an existing pipeline' } }, async (request, reply) => {
    const { filename, buffer } = await importTemplate(ctxOf(request));
    return sendXlsx(reply, filename, buffer);
  });

  r.post(
    '/api/v1/development/import',
    {
      config: { access: 'development.write' },
      schema: {
        tags,
        summary:
          'Import an existing pipeline from Excel (base64). All rows or none; row errors block, rule violations in historical dates are kept as warnings to review. dryRun previews.',
        body: importBody,
        response: { 200: importOut },
      },
    },
    async (request) => importPipeline(ctxOf(request), request.body.fileBase64, request.body.dryRun),
  );
}
