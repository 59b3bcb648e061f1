/** The entries of a file: recording a step (or a review, a 公示, a probation extension, a failed probation) and correcting one. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../lib/context.js';
import { idParam } from '../../lib/paging.js';
import { correctionIn, entryIn, fileDetail } from './schemas.js';
import { recordCorrection, recordEntry } from './service.js';

const tags = ['development'];

export async function entryRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/development/files/:id/entries',
    {
      config: { access: 'development.write' },
      schema: {
        tags,
        summary: 'Record a step, a 6-monthly review, a public notice, a probation extension or a failed probation (rules enforced; 409 on a stale version)',
        params: idParam,
        body: entryIn,
        response: { 201: fileDetail },
      },
    },
    async (request, reply) => {
      const { version, ...input } = request.body;
      return reply.status(201).send(await recordEntry(ctxOf(request), request.params.id, version, input));
    },
  );

  r.post(
    '/api/v1/development/files/:id/entries/:entryId/corrections',
    {
      config: { access: 'development.write' },
      schema: {
        tags,
        summary: 'Correct an entry: a new entry with a reason replaces it; both stay in the history',
        params: idParam.extend({ entryId: z.coerce.number().int().positive() }),
        body: correctionIn,
        response: { 201: fileDetail },
      },
    },
    async (request, reply) => {
      const { version, reason, ...input } = request.body;
      return reply.status(201).send(await recordCorrection(ctxOf(request), request.params.id, request.params.entryId, version, reason, input));
    },
  );
}
