import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { publicCtxOf } from '../../lib/context.js';
import { createFirstUnit, setupStatus } from './service.js';

/** First run: with an empty database (HONGYI_DEMO=0), create the first tenant and its administrator. */
export async function setupRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/setup/status',
    {
      config: { access: 'public' },
      schema: { tags: ['setup'], summary: 'Whether the first tenant still has to be created', response: { 200: z.object({ needsSetup: z.boolean() }) } },
    },
    async (request) => setupStatus(publicCtxOf(request)),
  );

  r.post(
    '/api/v1/setup',
    {
      config: { access: 'public' },
      schema: {
        tags: ['setup'],
        summary: 'Create the first tenant and its system administrator (only on an empty database)',
        body: z.object({
          tenantName: z.string().trim().min(2).max(100),
          tenantCode: z.string().trim().regex(/^[a-z0-9][a-z0-9-]{1,31}$/),
          adminUsername: z.string().trim().regex(/^[A-Za-z0-9._-]{3,32}$/),
          adminName: z.string().trim().min(1).max(50),
          adminPassword: z.string().min(1).max(200),
        }),
        response: { 201: z.object({ tenantId: z.number(), userId: z.number() }) },
      },
    },
    async (request, reply) => reply.status(201).send(await createFirstUnit(publicCtxOf(request), request.body)),
  );
}
