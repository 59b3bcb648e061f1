import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { deleteSession, insertSession, sessionWithUser, touchSession } from '../modules/auth/repository.js';
import { AppError } from './errors.js';
import { languageFromHeader } from './i18n.js';

export const SESSION_COOKIE = 'hongyi_session';

export interface SessionOptions {
  secret: string;
  idleMinutes: number;
  secureCookie: boolean;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The stored session id: an HMAC of the cookie's secret half, so a leaked table grants nothing. */
export function sessionIdFor(secretHalf: string, key: string): string {
  return createHmac('sha256', key).update(secretHalf).digest('hex');
}

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * Starts a session for a user who has just signed in: the row (its id an HMAC of the cookie's
 * secret half) and the cookie's value ('<tenant>.<secret half>'), with the CSRF token for writes.
 */
export async function newSession(
  db: Kysely<DB>,
  user: { tenantId: number; userId: number },
  client: { ip: string; userAgent: string },
  secret: string,
): Promise<{ cookie: string; csrfToken: string }> {
  const secretHalf = newToken();
  const csrfToken = newToken();
  await insertSession(db, {
    tenant_id: user.tenantId,
    id: sessionIdFor(secretHalf, secret),
    user_id: user.userId,
    csrf_token: csrfToken,
    ip: client.ip,
    user_agent: client.userAgent.slice(0, 300),
  });
  return { cookie: `${user.tenantId}.${secretHalf}`, csrfToken };
}

/** The session cookie: httpOnly, SameSite=Lax, Secure behind https. */
export function setSessionCookie(reply: FastifyReply, value: string, options: SessionOptions): void {
  reply.setCookie(SESSION_COOKIE, value, { path: '/', httpOnly: true, sameSite: 'lax', secure: options.secureCookie });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

function parseCookie(value: string | undefined): { tenantId: number; secretHalf: string } | null {
  if (!value) return null;
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{16,64})$/.exec(value);
  if (!match) return null;
  return { tenantId: Number(match[1]), secretHalf: match[2] as string };
}

/**
 * Resolves the session on every request, enforces the idle timeout and, on writes, the CSRF
 * token; then refuses routes that need a session when there is none (401). Permission checks
 * (403) come later, after input validation, in plugins/access.
 */
export function registerSessions(app: FastifyInstance, options: SessionOptions): void {
  app.decorateRequest('auth', null);
  app.decorateRequest('language', 'zh-CN');

  app.addHook('onRequest', async (request) => {
    request.language = languageFromHeader(request.headers['accept-language']);
    const access = request.routeOptions.config?.access;
    const cookie = parseCookie(request.cookies[SESSION_COOKIE]);
    if (cookie) {
      const id = sessionIdFor(cookie.secretHalf, options.secret);
      const row = await sessionWithUser(app.prepared, cookie.tenantId, id, process.env.HONGYI_OPERATOR_TENANT);
      const now = Date.now();
      const idleMs = options.idleMinutes * 60_000;
      if (row && row.active && now - new Date(row.last_seen_at).getTime() <= idleMs) {
        request.auth = {
          tenantId: row.tenant_id,
          tenantCode: row.tenant_code,
          tenantName: row.tenant_name,
          operator: row.operator,
          userId: row.user_id,
          username: row.username,
          name: row.name,
          language: row.language,
          memberId: row.member_id,
          mustChangePassword: row.must_change_password,
          grants: row.grants,
          sessionId: row.id,
          csrfToken: row.csrf_token,
        };
        // Touch at most once a minute: the idle timeout needs no finer clock than that.
        if (now - new Date(row.last_seen_at).getTime() > 60_000) {
          await touchSession(app.db, row.tenant_id, row.id, new Date(now));
        }
      } else if (row) {
        await deleteSession(app.db, cookie.tenantId, id);
        if (access !== 'public') throw new AppError(401, 'SESSION_EXPIRED');
      }
    }
    if (access === 'public' || access === undefined) return;
    if (!request.auth) throw new AppError(401, 'UNAUTHENTICATED');
    if (!SAFE_METHODS.has(request.method)) {
      const token = request.headers['x-csrf-token'];
      if (typeof token !== 'string' || !timingSafeEqualStrings(token, request.auth.csrfToken)) {
        throw new AppError(403, 'CSRF_INVALID');
      }
    }
    // A temporary (reset or first) password opens nothing but what replacing it needs: the
    // routes marked beforePasswordChange (who am I, change password, language, sign out).
    if (request.auth.mustChangePassword && request.routeOptions.config?.beforePasswordChange !== true) {
      throw new AppError(403, 'PASSWORD_CHANGE_REQUIRED');
    }
  });
}

function timingSafeEqualStrings(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return ha.equals(hb);
}
