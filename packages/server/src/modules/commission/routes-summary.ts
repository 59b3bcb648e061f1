/** A unit's own summary for the commissions it belongs to: read it, and (the office) compute today's now. */
import { unitFiguresSchema } from '@hongyi/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../lib/context.js';
import { ownSummary, refreshOwnSummary } from './service-summary.js';

const tags = ['commission'];
const summaryOut = z.object({
  commissions: z.array(z.object({ id: z.number(), name: z.string() })),
  asOf: z.string().nullable(),
  computedAt: z.string().nullable(),
  figures: unitFiguresSchema.nullable(),
});

export async function unitSummaryRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/unit-summary',
    { config: { access: 'statistics.write' }, schema: { tags, summary: 'The unit’s latest summary as its commissions read it (the organisation office)', response: { 200: summaryOut } } },
    async (request) => ownSummary(ctxOf(request)),
  );
  r.post(
    '/api/v1/unit-summary/refresh',
    { config: { access: 'statistics.write' }, schema: { tags, summary: 'Compute the unit’s summary as of today now (the organisation office)', response: { 200: summaryOut } } },
    async (request) => refreshOwnSummary(ctxOf(request)),
  );
}
