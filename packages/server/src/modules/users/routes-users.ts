import { ROLES, UNIT_ROLES } from '@hongyi/core';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { version } from '../../lib/fields.js';
import { idParam, pageQuery } from '../../lib/paging.js';
import { serviceRoute } from '../../lib/service-routes.js';
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
const createBody = z.object({
  username: z.string().trim().regex(/^[A-Za-z0-9._-]{3,32}$/),
  name: z.string().trim().min(1).max(50),
  password: z.string().min(1).max(200),
  memberId: z.number().int().positive().nullable().optional(),
  roles: z.array(roleInput).min(1).max(10),
});

/** Accounts of the tenant, managed by its system administrator. */
export async function userRoutes(app: FastifyInstance) {
  accountRoutes(app);

  serviceRoute(app, { method: 'get', path: '/api/v1/users', access: 'users.manage', schema: { tags: ['users'], summary: 'List accounts', querystring: pageQuery.extend({ q: z.string().trim().max(50).optional() }), response: { 200: z.object({ items: z.array(userOut), total: z.number() }) } } }, (ctx, { query }) => listUsers(ctx, query.q, query.page, query.pageSize));

  serviceRoute(app, { method: 'post', path: '/api/v1/users', access: 'users.manage', schema: { tags: ['users'], summary: 'Create an account', body: createBody, response: { 201: userOut } } }, (ctx, { body }) => createUser(ctx, body));

  serviceRoute(
    app,
    {
      method: 'patch',
      path: '/api/v1/users/:id',
      access: 'users.manage',
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
    (ctx, { params, body }) => updateUser(ctx, params.id, body),
  );

  serviceRoute(app, { method: 'post', path: '/api/v1/users/:id/reset-password', access: 'users.manage', schema: { tags: ['users'], summary: 'Reset an account’s password to a one-time password that must be changed at next sign-in', params: idParam, response: { 200: z.object({ temporaryPassword: z.string() }) } } }, (ctx, { params }) => resetPassword(ctx, params.id));
}
