import type { PublicCtx } from '../../lib/context.js';
import { ping } from './repository.js';

/** Liveness: the server answers and so does its database. */
export async function health(ctx: PublicCtx, version: string) {
  await ping(ctx.db);
  return { status: 'ok' as const, database: ctx.databaseKind, version };
}
