import { type DataScope, type Permission, hasPermission, isCommissionAccount, scopeFor } from '@hongyi/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuthContext } from './context.js';
import { AppError } from './errors.js';

/**
 * Route access, decided in one place. Every route declares `config.access`; routes under
 * /api that declare none are refused at start-up in development and fail the route-table test.
 */
export function registerAccess(app: FastifyInstance): void {
  app.decorate('routeAccess', []);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api')) return;
    // The browsable API docs (registered by @fastify/swagger-ui) are public like the spec itself.
    if (route.url.startsWith('/api/docs')) route.config = { ...route.config, access: 'public' };
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      app.routeAccess.push({ method, url: route.url, access: route.config?.access, beforePasswordChange: route.config?.beforePasswordChange === true });
    }
  });
  // Permission checks run after validation, so bad input gets 400 before 403 (401 came earlier).
  app.addHook('preHandler', async (request) => {
    const access = request.routeOptions.config?.access;
    if (access === undefined) {
      if (request.routeOptions.url?.startsWith('/api')) throw new AppError(403, 'FORBIDDEN');
      return;
    }
    if (access === 'public') return;
    // A commission account (卫健委, 教育工委) reaches the commission pages and its own session
    // (who am I, password, language, sign out), never a unit's route, not even one open to any
    // signed-in user (a member's own home, a QR check-in).
    if (request.auth && isCommissionAccount(request.auth.grants) && access !== 'commission.read' && request.routeOptions.config?.beforePasswordChange !== true) {
      throw new AppError(403, 'COMMISSION_ONLY');
    }
    if (access === 'authenticated') return;
    // A unit-wide setting refused to a branch says why, not only "forbidden".
    if (!request.auth || !hasPermission(request.auth.grants, access)) throw new AppError(403, access === 'settings.manage' ? 'SETTINGS_UNIT_WIDE' : 'FORBIDDEN');
  });
}

/** The signed-in user; routes that declared access other than 'public' always have one. */
export function authOf(request: FastifyRequest): AuthContext {
  if (!request.auth) throw new AppError(401, 'UNAUTHENTICATED');
  return request.auth;
}

/** The data scope the caller has for a permission; 403 when none. */
export function scopeOf(request: FastifyRequest, permission: Permission): DataScope {
  const auth = authOf(request);
  const scope = scopeFor(auth.grants, permission, auth.memberId);
  if (!scope) throw new AppError(403, 'FORBIDDEN');
  return scope;
}

export function can(request: FastifyRequest, permission: Permission): boolean {
  return request.auth ? hasPermission(request.auth.grants, permission) : false;
}

/**
 * Global reference data (the holiday calendar) belongs to the deployment, not to one unit, so
 * only the system administrators of the operating unit may change it: the tenant whose code is
 * HONGYI_OPERATOR_TENANT, or else the first tenant created. Call after the route's own
 * permission check ('users.manage').
 */
export async function assertOperator(request: FastifyRequest): Promise<void> {
  // Decided by the session lookup of this request (plugins/auth, modules/auth/repository SESSION_LOOKUP).
  if (!authOf(request).operator) throw new AppError(403, 'OPERATOR_ONLY');
}
