import type { DataScope, Language, Permission, RoleGrant } from '@hongyi/core';
import type { Kysely } from 'kysely';
import type { Database, DatabaseKind } from '../db/database.js';
import type { DB } from '../db/schema.js';

/** Who is calling: resolved from the session cookie on every request. */
export interface AuthContext {
  tenantId: number;
  tenantCode: string;
  tenantName: string;
  /** The tenant is the deployment's operating unit (HONGYI_OPERATOR_TENANT, or else the first tenant created). */
  operator: boolean;
  userId: number;
  username: string;
  name: string;
  language: Language;
  memberId: number | null;
  mustChangePassword: boolean;
  grants: RoleGrant[];
  sessionId: string;
  csrfToken: string;
}

/** What a route declares: 'public' (no session), 'authenticated' (any signed-in user), or a permission. */
export type RouteAccess = 'public' | 'authenticated' | Permission;

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<DB>;
    databaseKind: DatabaseKind;
    /** A fixed hot statement, prepared once per connection on PostgreSQL (db/database.ts). */
    prepared: Database['prepared'];
    /** Today in China, 'YYYY-MM-DD'; every date rule uses this, never the system clock directly. */
    today: () => string;
    /** Every route with its declared access, collected as routes are added (tests walk it). */
    routeAccess: Array<{ method: string; url: string; access: RouteAccess | undefined; beforePasswordChange: boolean }>;
  }
  interface FastifyRequest {
    auth: AuthContext | null;
    language: Language;
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** Open to a signed-in user who still has to replace a temporary password (plugins/auth). */
    beforePasswordChange?: boolean;
  }
}

export type { DataScope };
