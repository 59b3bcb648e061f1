import { ROLES } from '@hongyi/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { idParam, pageQuery } from '../../lib/paging.js';
import { version } from '../../lib/fields.js';
import { escapeLike } from '../../lib/scope.js';
import { authOf } from '../../plugins/access.js';
import { auditorOf, writeAudit } from '../../plugins/audit.js';
import { AppError, conflict, languageOf, notFound } from '../../plugins/errors.js';
import { translate } from '../../plugins/i18n.js';
import { assertPasswordAcceptable, hashPassword } from '../../plugins/password.js';
import { usernameTaken } from '../auth/service.js';
import { accountRoutes } from './accountRoutes.js';
import { memberExists, normaliseRoles, temporaryPassword, userWithRoles } from './service.js';

const roleInput = z.object({ role: z.enum(ROLES), orgId: z.number().int().positive().nullable().optional() });
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
    async (request) => {
      const { tenantId } = authOf(request);
      const { page, pageSize, q } = request.query;
      let base = app.db.selectFrom('users').where('tenant_id', '=', tenantId);
      if (q) {
        const like = `%${escapeLike(q)}%`;
        base = base.where((eb) => eb.or([eb('username', 'ilike', like), eb('name', 'ilike', like)]));
      }
      const [{ total }] = (await base.select(sql<number>`count(*)`.as('total')).execute()) as [{ total: number }];
      const ids = await base.select('id').orderBy('id').limit(pageSize).offset((page - 1) * pageSize).execute();
      const items = [];
      for (const { id } of ids) {
        const user = await userWithRoles(app.db, tenantId, id);
        if (user) items.push(user);
      }
      return { items, total: Number(total) };
    },
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
    async (request, reply) => {
      const { tenantId } = authOf(request);
      const body = request.body;
      const language = languageOf(request);
      // Usernames are unique across the deployment (login_names): a unit can never take the name
      // another unit's user signs in with (docs/decisions/0002-usernames-across-units.md).
      if (await usernameTaken(app.db, body.username)) {
        throw new AppError(409, 'USERNAME_TAKEN', { username: body.username }, [{ path: 'body.username', message: translate('USERNAME_TAKEN', language, { username: body.username }) }]);
      }
      assertPasswordAcceptable(body.password, { username: body.username, name: body.name }, 'body.password', language);
      const passwordHash = await hashPassword(body.password);
      const created = await app.db.transaction().execute(async (trx) => {
        if (body.memberId) {
          const member = await trx.selectFrom('members').select('id').where('tenant_id', '=', tenantId).where('id', '=', body.memberId).executeTakeFirst();
          if (!member) throw new AppError(400, 'MEMBER_NOT_FOUND', { id: body.memberId });
        }
        const roles = await normaliseRoles(trx, tenantId, body.roles);
        const user = await trx
          .insertInto('users')
          .values({ tenant_id: tenantId, username: body.username, name: body.name, password_hash: passwordHash, member_id: body.memberId ?? null, must_change_password: true, password_changed_at: null })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx.insertInto('user_roles').values(roles.map((x) => ({ tenant_id: tenantId, user_id: user.id, ...x }))).execute();
        const after = await userWithRoles(trx, tenantId, user.id);
        await writeAudit(trx, auditorOf(request), { action: 'create', entityType: 'user', entityId: user.id, summary: `创建账号 ${body.username}`, after });
        return after;
      });
      return reply.status(201).send(created!);
    },
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
    async (request) => {
      const auth = authOf(request);
      const { id } = request.params;
      const body = request.body;
      return app.db.transaction().execute(async (trx) => {
        const before = await userWithRoles(trx, auth.tenantId, id);
        if (!before) throw notFound('USER_NOT_FOUND', id);
        if (body.memberId && !(await memberExists(trx, auth.tenantId, body.memberId))) {
          throw new AppError(400, 'MEMBER_NOT_FOUND', { id: body.memberId }, [{ path: 'body.memberId', message: translate('MEMBER_NOT_FOUND', languageOf(request), { id: body.memberId }) }]);
        }
        if (body.active === false && id === auth.userId) throw new AppError(400, 'CANNOT_DISABLE_SELF');
        const updated = await trx
          .updateTable('users')
          .set({
            ...(body.name !== undefined ? { name: body.name } : {}),
            ...(body.active !== undefined ? { active: body.active } : {}),
            ...(body.memberId !== undefined ? { member_id: body.memberId } : {}),
            version: body.version + 1,
          })
          .where('tenant_id', '=', auth.tenantId)
          .where('id', '=', id)
          .where('version', '=', body.version)
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) === 0) throw conflict();
        if (body.roles) {
          const roles = await normaliseRoles(trx, auth.tenantId, body.roles);
          await trx.deleteFrom('user_roles').where('tenant_id', '=', auth.tenantId).where('user_id', '=', id).execute();
          await trx.insertInto('user_roles').values(roles.map((x) => ({ tenant_id: auth.tenantId, user_id: id, ...x }))).execute();
        }
        if (body.active === false) {
          await trx.deleteFrom('sessions').where('tenant_id', '=', auth.tenantId).where('user_id', '=', id).execute();
        }
        const after = await userWithRoles(trx, auth.tenantId, id);
        await writeAudit(trx, auditorOf(request), { action: 'update', entityType: 'user', entityId: id, summary: `修改账号 ${before.username}`, before, after });
        return after!;
      });
    },
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
    async (request) => {
      const auth = authOf(request);
      const { id } = request.params;
      const password = temporaryPassword();
      const passwordHash = await hashPassword(password);
      await app.db.transaction().execute(async (trx) => {
        const user = await trx.selectFrom('users').select(['username']).where('tenant_id', '=', auth.tenantId).where('id', '=', id).executeTakeFirst();
        if (!user) throw notFound('USER_NOT_FOUND', id);
        await trx
          .updateTable('users')
          .set({ password_hash: passwordHash, must_change_password: true, version: (eb) => eb('version', '+', 1) })
          .where('tenant_id', '=', auth.tenantId)
          .where('id', '=', id)
          .execute();
        await trx.deleteFrom('sessions').where('tenant_id', '=', auth.tenantId).where('user_id', '=', id).execute();
        await writeAudit(trx, auditorOf(request), { action: 'password_reset', entityType: 'user', entityId: id, summary: `重置密码 ${user.username}` });
      });
      return { temporaryPassword: password };
    },
  );
}
