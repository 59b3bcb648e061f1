import { type DataScope, type Language, type Permission, type RoleGrant, hasPermission, scopeFor } from '@hongyi/core';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { AppError, languageOf } from '../plugins/errors.js';

/** Who does a change, as the audit log records it. */
export interface Auditor {
  tenantId: number;
  userId: number | null;
  username: string;
  ip: string;
}

/**
 * Everything a service needs to know about the call, taken from the request once by the route:
 * the database, who is calling (for audit and presenters), their language, the server's today
 * and their data scope per permission. Routes hand it over and never touch the database.
 */
export interface Ctx extends Auditor {
  db: Kysely<DB>;
  userId: number;
  name: string;
  /** The caller's own member record, when their account is linked to one. */
  memberId: number | null;
  language: Language;
  /** Today in China ('YYYY-MM-DD'): every date rule uses it. */
  today: string;
  grants: readonly RoleGrant[];
  /** The data scope the caller has for a permission; 403 when none. */
  scope(permission: Permission): DataScope;
  can(permission: Permission): boolean;
  /** The caller may see full ID and phone numbers ('members.sensitive'). */
  sensitive: boolean;
  /** Just the audit identity (what writeAudit takes). */
  auditor: Auditor;
}

/** The context of a signed-in request (401 without a session). */
export function ctxOf(request: FastifyRequest): Ctx {
  const auth = request.auth;
  if (!auth) throw new AppError(401, 'UNAUTHENTICATED');
  const auditor: Auditor = { tenantId: auth.tenantId, userId: auth.userId, username: auth.username, ip: request.ip };
  return {
    ...auditor,
    db: request.server.db,
    userId: auth.userId,
    name: auth.name,
    memberId: auth.memberId,
    language: auth.language,
    today: request.server.today(),
    grants: auth.grants,
    scope(permission) {
      const scope = scopeFor(auth.grants, permission, auth.memberId);
      if (!scope) throw new AppError(403, 'FORBIDDEN');
      return scope;
    },
    can: (permission) => hasPermission(auth.grants, permission),
    sensitive: hasPermission(auth.grants, 'members.sensitive'),
    auditor,
  };
}

/**
 * What a public route (sign-in, first-run setup, the health check) hands its service: there is
 * no caller yet, only the database, the request's language and address, and the server's today.
 */
export interface PublicCtx {
  db: Kysely<DB>;
  databaseKind: 'pglite' | 'postgres';
  language: Language;
  ip: string;
  userAgent: string;
  today: string;
}

export function publicCtxOf(request: FastifyRequest): PublicCtx {
  return {
    db: request.server.db,
    databaseKind: request.server.databaseKind,
    language: languageOf(request),
    ip: request.ip,
    userAgent: request.headers['user-agent'] ?? '',
    today: request.server.today(),
  };
}
