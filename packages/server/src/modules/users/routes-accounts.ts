import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../lib/context.js';
import { id, version } from '../../lib/fields.js';
import { idParam } from '../../lib/paging.js';
import { serviceRoute } from '../../lib/service-routes.js';
import { MAX_BULK_ACCOUNTS, bulkCandidates, createBulkAccounts, linkMember, searchMembersForLink } from './service-accounts.js';

/** Linking accounts to members' records, and accounts in bulk from the roster of a branch. */
export function accountRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  serviceRoute(
    app,
    {
      method: 'get',
      path: '/api/v1/users/member-candidates',
      access: 'users.manage',
      schema: {
        tags: ['users'],
        summary: 'Members to link an account to, by name, pinyin or initials: ID numbers masked, with the account each already has',
        querystring: z.object({ q: z.string().trim().max(50).default('') }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.number(),
                name: z.string(),
                idNumber: z.string(),
                orgName: z.string(),
                departmentName: z.string().nullable(),
                account: z.object({ id: z.number(), username: z.string() }).nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (ctx, { query }) => ({ items: await searchMembersForLink(ctx, query.q) }),
  );

  serviceRoute(
    app,
    {
      method: 'put',
      path: '/api/v1/users/:id/member',
      access: 'users.manage',
      schema: {
        tags: ['users'],
        summary: 'Link an account to a member’s record (memberId null unlinks it); a member has at most one account. Send the version you read',
        params: idParam,
        body: z.object({ version: version(), memberId: id().nullable() }),
        response: { 200: z.object({ id: z.number(), version: z.number(), memberId: z.number().nullable(), memberName: z.string().nullable() }) },
      },
    },
    (ctx, { params, body }) => linkMember(ctx, params.id, body.version, body.memberId),
  );

  serviceRoute(
    app,
    {
      method: 'get',
      path: '/api/v1/users/bulk/candidates',
      access: 'users.manage',
      schema: {
        tags: ['users'],
        summary: 'Members of a branch (and below) without an account, each with a proposed username (pinyin, unique in every unit)',
        querystring: z.object({ orgId: z.coerce.number().int().positive() }),
        response: {
          200: z.object({
            org: z.object({ id: z.number(), name: z.string() }),
            withAccount: z.number(),
            items: z.array(z.object({ memberId: z.number(), name: z.string(), idNumber: z.string(), orgName: z.string(), username: z.string() })),
          }),
        },
      },
    },
    (ctx, { query }) => bulkCandidates(ctx, query.orgId),
  );

  r.post(
    '/api/v1/users/bulk',
    {
      config: { access: 'users.manage' },
      schema: {
        tags: ['users'],
        summary:
          'Create member accounts for a branch in one transaction (all or none, problems by row): role 党员, linked to the member, a generated one-time password each that must be changed at the first sign-in. The passwords are in this answer only (also as an Excel list, base64)',
        body: z.object({
          orgId: z.number().int().positive(),
          accounts: z.array(z.object({ memberId: z.number().int().positive(), username: z.string().trim().min(1).max(64) })).min(1).max(MAX_BULK_ACCOUNTS),
        }),
        response: {
          201: z.object({
            org: z.object({ id: z.number(), name: z.string() }),
            created: z.array(z.object({ userId: z.number(), memberId: z.number(), name: z.string(), orgName: z.string(), username: z.string(), temporaryPassword: z.string() })),
            workbookBase64: z.string(),
          }),
        },
      },
    },
    async (request, reply) => {
      const result = await createBulkAccounts(ctxOf(request), request.body.orgId, request.body.accounts);
      // The one-time passwords must not be kept by any cache between here and the administrator.
      return reply.status(201).header('cache-control', 'no-store').send(result);
    },
  );
}
