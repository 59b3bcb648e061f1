/** A backup taken by the running server for `npm run backup` (needed on PGlite, whose data directory only the server may open). */
import { timingSafeEqual } from 'node:crypto';
import type { Writable } from 'node:stream';
import { writeBackup } from '../../db/backup.js';
import type { PublicCtx } from '../../lib/context.js';
import { AppError } from '../../plugins/errors.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** The caller is on this machine and holds the token the server wrote into its data directory. */
function allowed(token: string, given: string | undefined, ip: string): boolean {
  if (!LOOPBACK.has(ip) || !given) return false;
  const a = Buffer.from(token);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Checks the caller, then writes the backup to `out` in the background (a failure ends `out` with the error). */
export function streamBackup(ctx: PublicCtx, token: string, given: string | undefined, out: Writable): void {
  if (!allowed(token, given, ctx.ip)) throw new AppError(403, 'FORBIDDEN');
  writeBackup(ctx.db, out, ctx.databaseKind).catch((error: Error) => out.destroy(error));
}
