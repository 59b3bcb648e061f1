import { LANGUAGES, PERMISSIONS, ROLES, hasPermission } from '@hongyi/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../../plugins/access.js';
import { auditorOf, writeAudit } from '../../plugins/audit.js';
import { type SessionOptions, createSession, destroySession } from '../../plugins/auth.js';
import { AppError, languageOf } from '../../plugins/errors.js';
import { translate } from '../../plugins/i18n.js';
import { assertPasswordAcceptable, hashPassword, verifyPassword } from '../../plugins/password.js';
import { accountKey, addressKey, countLoginAttempt, findLoginAccount, loginSucceeded, passwordAccepted, prepareDummyHash } from './service.js';

const meResponse = z.object({
  user: z.object({
    id: z.number(),
    username: z.string(),
    name: z.string(),
    language: z.enum(LANGUAGES),
    mustChangePassword: z.boolean(),
    memberId: z.number().nullable(),
    /** The user's member record came through a development file: 我的发展档案 has something to show. */
    hasDevelopmentFile: z.boolean(),
  }),
  tenant: z.object({ id: z.number(), code: z.string(), name: z.string() }),
  roles: z.array(z.object({ role: z.enum(ROLES), orgId: z.number().nullable(), orgName: z.string().nullable() })),
  permissions: z.array(z.enum(PERMISSIONS)),
  csrfToken: z.string(),
  /** Today's date as the server's rules see it ('YYYY-MM-DD', China time): the web app's today for defaults and date limits. */
  today: z.string(),
});

export async function authRoutes(app: FastifyInstance, opts: { session: SessionOptions }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // Ready before the first sign-in with an unknown name, so that one takes no longer either.
  void prepareDummyHash();

  r.post(
    '/api/v1/auth/login',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets the session cookie',
        body: z.object({
          username: z.string().trim().min(1).max(64),
          password: z.string().min(1).max(200),
          tenant: z.string().trim().min(1).max(64).optional(),
        }),
        response: { 200: z.object({ ok: z.literal(true), csrfToken: z.string() }) },
      },
    },
    async (request, reply) => {
      const { username, password, tenant } = request.body;
      const address = addressKey(request.ip);
      // The address first: a locked address checks nothing and counts against no account.
      await countLoginAttempt(app.db, [address], request.language);
      const user = await findLoginAccount(app.db, username, tenant);
      const account = accountKey(user?.tenant_id ?? null, username);
      await countLoginAttempt(app.db, [account], request.language);
      if (!(await passwordAccepted(user, password)) || !user) throw new AppError(401, 'LOGIN_FAILED');
      await loginSucceeded(app.db, account, address);
      const csrfToken = await createSession(app, reply, request, { tenantId: user.tenant_id, userId: user.id }, opts.session);
      await writeAudit(
        app.db,
        { tenantId: user.tenant_id, userId: user.id, username: user.username, ip: request.ip },
        { action: 'login', entityType: 'session', entityId: user.id, summary: '登录' },
      );
      return { ok: true as const, csrfToken };
    },
  );

  r.post(
    '/api/v1/auth/logout',
    {
      config: { access: 'authenticated', beforePasswordChange: true },
      schema: { tags: ['auth'], summary: 'Sign out', response: { 200: z.object({ ok: z.literal(true) }) } },
    },
    async (request, reply) => {
      await writeAudit(app.db, auditorOf(request), {
        action: 'logout',
        entityType: 'session',
        entityId: authOf(request).userId,
        summary: '退出',
      });
      await destroySession(app, request, reply);
      return { ok: true as const };
    },
  );

  r.get(
    '/api/v1/auth/me',
    {
      config: { access: 'authenticated', beforePasswordChange: true },
      schema: { tags: ['auth'], summary: 'The signed-in user, roles, scope, language and the server’s today', response: { 200: meResponse } },
    },
    async (request) => {
      const auth = authOf(request);
      const orgIds = auth.grants.map((g) => g.orgId).filter((id): id is number => id !== null);
      const [orgs, developmentFile] = await Promise.all([
        orgIds.length ? app.db.selectFrom('orgs').select(['id', 'name']).where('tenant_id', '=', auth.tenantId).where('id', 'in', orgIds).execute() : [],
        auth.memberId === null
          ? undefined
          : app.db.selectFrom('development_files').select('id').where('tenant_id', '=', auth.tenantId).where('member_id', '=', auth.memberId).executeTakeFirst(),
      ]);
      const orgName = new Map(orgs.map((o) => [o.id, o.name]));
      return {
        user: {
          id: auth.userId,
          username: auth.username,
          name: auth.name,
          language: auth.language,
          mustChangePassword: auth.mustChangePassword,
          memberId: auth.memberId,
          hasDevelopmentFile: developmentFile !== undefined,
        },
        tenant: { id: auth.tenantId, code: auth.tenantCode, name: auth.tenantName },
        roles: auth.grants.map((g) => ({ role: g.role, orgId: g.orgId, orgName: g.orgId ? (orgName.get(g.orgId) ?? null) : null })),
        permissions: PERMISSIONS.filter((p) => hasPermission(auth.grants, p)),
        csrfToken: auth.csrfToken,
        today: app.today(),
      };
    },
  );

  r.put(
    '/api/v1/auth/language',
    {
      config: { access: 'authenticated', beforePasswordChange: true },
      schema: {
        tags: ['auth'],
        summary: 'Save the interface language for the signed-in user',
        body: z.object({ language: z.enum(LANGUAGES) }),
        response: { 200: z.object({ language: z.enum(LANGUAGES) }) },
      },
    },
    async (request) => {
      const auth = authOf(request);
      await app.db
        .updateTable('users')
        .set({ language: request.body.language })
        .where('tenant_id', '=', auth.tenantId)
        .where('id', '=', auth.userId)
        .execute();
      return { language: request.body.language };
    },
  );

  r.post(
    '/api/v1/auth/password',
    {
      config: { access: 'authenticated', beforePasswordChange: true },
      schema: {
        tags: ['auth'],
        summary: 'Change the signed-in user’s password',
        body: z.object({ currentPassword: z.string().min(1).max(200), newPassword: z.string().min(1).max(200) }),
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    },
    async (request) => {
      const auth = authOf(request);
      const { currentPassword, newPassword } = request.body;
      const user = await app.db
        .selectFrom('users')
        .select(['password_hash'])
        .where('tenant_id', '=', auth.tenantId)
        .where('id', '=', auth.userId)
        .executeTakeFirstOrThrow();
      const language = languageOf(request);
      if (!(await verifyPassword(user.password_hash, currentPassword))) {
        throw new AppError(400, 'PASSWORD_WRONG', {}, [{ path: 'body.currentPassword', message: translate('PASSWORD_WRONG', language) }]);
      }
      if (newPassword === currentPassword) {
        throw new AppError(400, 'PASSWORD_SAME', {}, [{ path: 'body.newPassword', message: translate('PASSWORD_SAME', language) }]);
      }
      assertPasswordAcceptable(newPassword, { username: auth.username, name: auth.name }, 'body.newPassword', language);
      const passwordHash = await hashPassword(newPassword);
      await app.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('users')
          .set({ password_hash: passwordHash, must_change_password: false, password_changed_at: new Date(), version: (eb) => eb('version', '+', 1) })
          .where('tenant_id', '=', auth.tenantId)
          .where('id', '=', auth.userId)
          .execute();
        // Other sessions of this user end: a changed password should lock out whoever knew the old one.
        await trx
          .deleteFrom('sessions')
          .where('tenant_id', '=', auth.tenantId)
          .where('user_id', '=', auth.userId)
          .where('id', '!=', auth.sessionId)
          .execute();
        await writeAudit(trx, auditorOf(request), {
          action: 'password_change',
          entityType: 'user',
          entityId: auth.userId,
          summary: '修改密码',
        });
      });
      return { ok: true as const };
    },
  );
}

