import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { RoleGrant } from '@hongyi/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuthContext } from './context.js';
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

export async function createSession(
  app: FastifyInstance,
  reply: FastifyReply,
  request: FastifyRequest,
  user: { tenantId: number; userId: number },
  options: SessionOptions,
): Promise<string> {
  const secretHalf = newToken();
  const csrfToken = newToken();
  await app.db
    .insertInto('sessions')
    .values({
      tenant_id: user.tenantId,
      id: sessionIdFor(secretHalf, options.secret),
      user_id: user.userId,
      csrf_token: csrfToken,
      ip: request.ip,
      user_agent: (request.headers['user-agent'] ?? '').slice(0, 300),
    })
    .execute();
  reply.setCookie(SESSION_COOKIE, `${user.tenantId}.${secretHalf}`, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: options.secureCookie,
  });
  return csrfToken;
}

function parseCookie(value: string | undefined): { tenantId: number; secretHalf: string } | null {
  if (!value) return null;
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{16,64})$/.exec(value);
  if (!match) return null;
  return { tenantId: Number(match[1]), secretHalf: match[2] as string };
}

export async function destroySession(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (request.auth) {
    await app.db
      .deleteFrom('sessions')
      .where('tenant_id', '=', request.auth.tenantId)
      .where('id', '=', request.auth.sessionId)
      .execute();
  }
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/**
 * The session with its user, tenant and role grants (with their org paths), in one round trip:
 * every request needs them. A prepared statement (app.prepared): planning this join on every
 * request cost more than running it.
 */
const SESSION_LOOKUP = `
  select s.id, s.csrf_token, s.last_seen_at,
    u.id as user_id, u.username, u.name, u.language, u.member_id, u.active, u.must_change_password,
    t.id as tenant_id, t.code as tenant_code, t.name as tenant_name,
    coalesce((
      select json_agg(json_build_object('role', r.role, 'orgId', r.org_id, 'orgPath', o.path) order by r.id)
      from user_roles r left join orgs o on o.tenant_id = r.tenant_id and o.id = r.org_id
      where r.tenant_id = s.tenant_id and r.user_id = s.user_id), '[]'::json) as grants
  from sessions s
  join users u on u.tenant_id = s.tenant_id and u.id = s.user_id
  join tenants t on t.id = s.tenant_id
  where s.tenant_id = $1 and s.id = $2`;

interface SessionRow {
  id: string;
  csrf_token: string;
  last_seen_at: Date;
  user_id: number;
  username: string;
  name: string;
  language: AuthContext['language'];
  member_id: number | null;
  active: boolean;
  must_change_password: boolean;
  tenant_id: number;
  tenant_code: string;
  tenant_name: string;
  grants: RoleGrant[];
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
      const [row] = await app.prepared<SessionRow>('hongyi_session_lookup', SESSION_LOOKUP, [cookie.tenantId, id]);
      const now = Date.now();
      const idleMs = options.idleMinutes * 60_000;
      if (row && row.active && now - new Date(row.last_seen_at).getTime() <= idleMs) {
        request.auth = {
          tenantId: row.tenant_id,
          tenantCode: row.tenant_code,
          tenantName: row.tenant_name,
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
          await app.db
            .updateTable('sessions')
            .set({ last_seen_at: new Date(now) })
            .where('tenant_id', '=', row.tenant_id)
            .where('id', '=', row.id)
            .execute();
        }
      } else if (row) {
        await app.db.deleteFrom('sessions').where('tenant_id', '=', cookie.tenantId).where('id', '=', id).execute();
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
