/** Departments, teaching-research offices and campuses, with the branches built on them. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../lib/context.js';
import { idParam } from '../../lib/paging.js';
import { departmentList, setTrinity } from './service-departments.js';
import { departmentsOut } from './schemas.js';

export async function departmentRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/departments',
    {
      config: { access: 'orgs.read' },
      schema: {
        tags: ['orgs'],
        summary: 'Departments, teaching-research offices (三位一体 flag) and campuses, each with the branches built on it — within the caller’s scope (a branch secretary: the departments of their branches and members)',
        response: { 200: departmentsOut },
      },
    },
    async (request) => departmentList(ctxOf(request)),
  );

  r.patch(
    '/api/v1/departments/:id',
    {
      config: { access: 'orgs.write' },
      schema: {
        tags: ['orgs'],
        summary: 'Set a teaching-research office’s 三位一体 flag',
        params: idParam,
        body: z.object({ trinity: z.boolean() }),
        response: { 200: z.object({ id: z.number(), trinity: z.boolean() }) },
      },
    },
    async (request) => setTrinity(ctxOf(request), request.params.id, request.body.trinity),
  );
}
