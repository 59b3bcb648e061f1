/**
 * The operator's commission page: commissions (卫健委, 教育工委), their units and accounts. Global
 * reference data, so besides the system administrator's 'users.manage' the caller must belong to
 * the operating unit (assertOperator, 403 OPERATOR_ONLY), as for the holiday calendar.
 */
import { COMMISSION_KINDS } from '@hongyi/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../lib/context.js';
import { id, version } from '../../lib/fields.js';
import { dateString } from '../service/schemas.js';
import { assertOperator } from '../../plugins/access.js';
import {
  attachUnit,
  commissionAdminList,
  createCommissionAccount,
  createCommissionByOperator,
  deleteCommissionByOperator,
  detachUnit,
  renameCommissionByOperator,
  resetCommissionAccount,
  setCommissionAccountActive,
} from './service-admin.js';

const tags = ['commission'];
const idParams = z.object({ id: id({ coerce: true }) });
const unitParams = idParams.extend({ tenantId: id({ coerce: true }) });
const accountParams = idParams.extend({ userId: id({ coerce: true }) });
const commissionName = z.string().trim().min(1).max(100);
const officeName = z.string().trim().max(100).optional();
const unitOut = z.object({ tenantId: z.number(), code: z.string(), name: z.string() });
const commissionAdminOut = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(COMMISSION_KINDS),
  officeName: z.string(),
  version: z.number(),
  units: z.array(unitOut.extend({ joinedOn: z.string() })),
  accounts: z.array(z.object({ id: z.number(), username: z.string(), name: z.string(), active: z.boolean(), mustChangePassword: z.boolean() })),
});

/** The caller's context once they are known to be the operating unit's administrator. */
async function operatorCtx(request: FastifyRequest) {
  await assertOperator(request);
  return ctxOf(request);
}

export async function commissionAdminRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const config = { access: 'users.manage' } as const;

  r.get(
    '/api/v1/commission-admin/commissions',
    {
      config,
      schema: { tags, summary: 'The deployment’s commissions with their units and accounts, and the units that may join (operating unit’s administrators)', response: { 200: z.object({ items: z.array(commissionAdminOut), units: z.array(unitOut) }) } },
    },
    async (request) => commissionAdminList(await operatorCtx(request)),
  );

  r.post(
    '/api/v1/commission-admin/commissions',
    {
      config,
      schema: {
        tags,
        summary: 'Create a commission with its office (the tenant that holds its accounts)',
        body: z.object({
          code: z.string().trim().regex(/^[a-z0-9][a-z0-9_-]{1,39}$/),
          name: commissionName,
          kind: z.enum(COMMISSION_KINDS),
          officeName,
        }),
        response: { 201: commissionAdminOut },
      },
    },
    async (request, reply) => reply.status(201).send(await createCommissionByOperator(await operatorCtx(request), request.body)),
  );

  r.patch(
    '/api/v1/commission-admin/commissions/:id',
    {
      config,
      schema: {
        tags,
        summary: 'Rename a commission (send the version you read; 409 when stale), and its office: to officeName, or along with the commission while the office bears the name made from it',
        params: idParams,
        body: z.object({ version: version(), name: commissionName, officeName }),
        response: { 200: commissionAdminOut },
      },
    },
    async (request) => renameCommissionByOperator(await operatorCtx(request), request.params.id, request.body.version, request.body.name, request.body.officeName),
  );

  r.delete(
    '/api/v1/commission-admin/commissions/:id',
    {
      config,
      schema: {
        tags,
        summary: 'Delete a commission with its office: only one without units and accounts (409 COMMISSION_NOT_EMPTY; 409 on a stale version)',
        params: idParams,
        querystring: z.object({ version: version({ coerce: true }) }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await deleteCommissionByOperator(await operatorCtx(request), request.params.id, request.query.version);
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/v1/commission-admin/commissions/:id/units',
    {
      config,
      schema: {
        tags,
        summary: 'Attach a unit (by its code) to a commission, from a day (today by default)',
        params: idParams,
        body: z.object({ unitCode: z.string().trim().min(1).max(40), joinedOn: dateString.optional() }),
        response: { 200: commissionAdminOut },
      },
    },
    async (request) => attachUnit(await operatorCtx(request), request.params.id, request.body.unitCode, request.body.joinedOn),
  );

  r.delete(
    '/api/v1/commission-admin/commissions/:id/units/:tenantId',
    { config, schema: { tags, summary: 'Detach a unit from a commission', params: unitParams } },
    async (request, reply) => {
      await detachUnit(await operatorCtx(request), request.params.id, request.params.tenantId);
      return reply.status(204).send();
    },
  );

  r.post(
    '/api/v1/commission-admin/commissions/:id/accounts',
    {
      config,
      schema: {
        tags,
        summary: 'Create a commission account (role commission) with an initial password to be changed at the first sign-in',
        params: idParams,
        body: z.object({ username: z.string().trim().regex(/^[A-Za-z0-9._-]{3,32}$/), name: z.string().trim().min(1).max(50), password: z.string().min(1).max(200) }),
        response: { 201: commissionAdminOut },
      },
    },
    async (request, reply) => reply.status(201).send(await createCommissionAccount(await operatorCtx(request), request.params.id, request.body)),
  );

  r.patch(
    '/api/v1/commission-admin/commissions/:id/accounts/:userId',
    {
      config,
      schema: {
        tags,
        summary: 'Disable a commission account (it can no longer sign in; its sessions end) or enable it again',
        params: accountParams,
        body: z.object({ active: z.boolean() }),
        response: { 200: commissionAdminOut },
      },
    },
    async (request) => setCommissionAccountActive(await operatorCtx(request), request.params.id, request.params.userId, request.body.active),
  );

  r.post(
    '/api/v1/commission-admin/commissions/:id/accounts/:userId/reset-password',
    {
      config,
      schema: { tags, summary: 'A one-time password for a commission account (to be changed at the next sign-in; its sessions end)', params: accountParams, response: { 200: z.object({ temporaryPassword: z.string() }) } },
    },
    async (request) => resetCommissionAccount(await operatorCtx(request), request.params.id, request.params.userId),
  );
}
