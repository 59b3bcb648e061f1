import { ORG_TYPES } from '@hongyi/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../lib/context.js';
import { dashboardSummary } from './service.js';

export async function dashboardRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/dashboard/summary',
    {
      config: { access: 'dashboard.read' },
      schema: {
        tags: ['dashboard'],
        summary: 'Headline figures for the caller’s scope: organisations by type, members, education structure',
        response: {
          200: z.object({
            orgCounts: z.record(z.enum(ORG_TYPES), z.number()),
            memberCount: z.number(),
            fullCount: z.number(),
            probationaryCount: z.number(),
            education: z.array(z.object({ name: z.string(), value: z.number() })),
          }),
        },
      },
    },
    async (request) => dashboardSummary(ctxOf(request)),
  );
}
