import { ROLES, UNIT_ROLES } from '@hongyi/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../lib/context.js';
import { version } from '../../lib/fields.js';
import { idParam, pageQuery } from '../../lib/paging.js';
import { accountRoutes } from './routes-accounts.js';
import { createUser, listUsers, resetPassword, updateUser } from './service.js';

const roleInput = z.object({ role: z.enum(UNIT_ROLES), orgId: z.number().int().positive().nullable().optional() });
const userOut = z.object({
  id: z.number(),
  username: z.string(),
  name: z.string(),
  active: z.boolean(),
  language: z.string(),
  version: z.number(),
  memberId: z.number().nullable(),
  memberName: z.string().nullable(),
  roles: z.array(z.object({ role: z.enum(ROLES), orgId: z.number().nullable(), orgName: z.string().nullable() })),
});

/** Accounts of the tenant, managed by its system administrator. */
export async function userRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  accountRoutes(app);

  r.get(
    '/api/v1/users',
    {
      config: { access: 'users.manage' },
      schema: {
        tags: ['users'],
        summary: 'List accounts',
        querystring: pageQuery.extend({ q: z.string().trim().max(50).optional() }),
        response: { 200: z.object({ items: z.array(userOut), total: z.number() }) },
      },
    },
    async (request) => listUsers(ctxOf(request), request.query.q, request.query.page, request.query.pageSize),
  );

  r.post(
    '/api/v1/users',
    {
      config: { access: 'users.manage' },
      schema: {
        tags: ['users'],
        summary: 'Create an account',
        body: z.object({
          username: z.string().trim().regex(/^[A-Za-z0-9._-]{3,32}$/),
          name: z.string().trim().min(1).max(50),
          password: z.string().min(1).max(200),
          memberId: z.number().int().positive().nullable().optional(),
          roles: z.array(roleInput).min(1).max(10),
        }),
        response: { 201: userOut },
      },
    },
    async (request, reply) => reply.status(201).send(await createUser(ctxOf(request), request.body)),
  );

  r.patch(
    '/api/v1/users/:id',
    {
      config: { access: 'users.manage' },
      schema: {
        tags: ['users'],
        summary: 'Edit an account (optimistic concurrency: send the version you read)',
        params: idParam,
        body: z.object({
          version: version(),
          name: z.string().trim().min(1).max(50).optional(),
          active: z.boolean().optional(),
          memberId: z.number().int().positive().nullable().optional(),
          roles: z.array(roleInput).min(1).max(10).optional(),
        }),
        response: { 200: userOut },
      },
    },
    async (request) => updateUser(ctxOf(request), request.params.id, request.body),
  );

  r.post(
    '/api/v1/users/:id/reset-password',
    {
      config: { access: 'users.manage' },
      schema: {
        tags: ['users'],
        summary: 'Reset an account’s password to a one-time password that must be changed at next sign-in',
        params: idParam,
        response: { 200: z.object({ temporaryPassword: z.string() }) },
      },
    },
    async (request) => resetPassword(ctxOf(request), request.params.id),
  );
}
