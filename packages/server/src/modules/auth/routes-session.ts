import { LANGUAGES, PERMISSIONS, ROLES } from '@hongyi/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf, publicCtxOf } from '../../lib/context.js';
import { authOf } from '../../plugins/access.js';
import { type SessionOptions, clearSessionCookie, setSessionCookie } from '../../plugins/auth.js';
import { changePassword, prepareDummyHash, saveLanguage, signIn, signOut, whoAmI } from './service.js';

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
  /** operator: the deployment's operating unit, whose administrators keep global data (holidays, commissions). */
  tenant: z.object({ id: z.number(), code: z.string(), name: z.string(), operator: z.boolean() }),
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
      const { cookie, csrfToken } = await signIn(publicCtxOf(request), request.body, opts.session);
      setSessionCookie(reply, cookie, opts.session);
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
      await signOut(ctxOf(request), authOf(request).sessionId);
      clearSessionCookie(reply);
      return { ok: true as const };
    },
  );

  r.get(
    '/api/v1/auth/me',
    {
      config: { access: 'authenticated', beforePasswordChange: true },
      schema: { tags: ['auth'], summary: 'The signed-in user, roles, scope, language and the server’s today', response: { 200: meResponse } },
    },
    async (request) => whoAmI(ctxOf(request), authOf(request)),
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
    async (request) => saveLanguage(ctxOf(request), request.body.language),
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
      await changePassword(ctxOf(request), authOf(request).sessionId, request.body.currentPassword, request.body.newPassword);
      return { ok: true as const };
    },
  );
}
