import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { AppError } from '../../plugins/errors.js';

/** 5 failures in 15 minutes, per username and per client address, block further attempts. */
export const LOGIN_MAX_FAILURES = 5;
export const LOGIN_WINDOW_MINUTES = 15;

/** Throws 429 with the time to wait when either key has too many recent failures. */
export async function assertLoginAllowed(app: FastifyInstance, keys: string[], language: string): Promise<void> {
  const rows = await app.db
    .selectFrom('login_failures')
    .select(['key', sql<number>`count(*)`.as('failures'), sql<Date>`min(at)`.as('first_at')])
    .where('key', 'in', keys)
    .where('at', '>', sql<Date>`now() - make_interval(mins => ${LOGIN_WINDOW_MINUTES})`)
    .groupBy('key')
    .execute();
  const blocked = rows.filter((r) => Number(r.failures) >= LOGIN_MAX_FAILURES);
  if (blocked.length === 0) return;
  // The block lifts when the oldest failure in the window leaves it.
  const until = Math.max(...blocked.map((r) => new Date(r.first_at).getTime() + LOGIN_WINDOW_MINUTES * 60_000));
  const seconds = Math.max(1, Math.ceil((until - Date.now()) / 1000));
  const untilText = new Date(until).toLocaleTimeString(language === 'en-US' ? 'en-GB' : 'zh-CN', {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Asia/Shanghai',
  });
  throw new AppError(
    429,
    'LOGIN_RATE_LIMITED',
    { minutes: Math.ceil(seconds / 60), until: untilText },
    [],
    { 'retry-after': String(seconds) },
  );
}

export async function recordLoginFailure(app: FastifyInstance, keys: string[]): Promise<void> {
  await app.db
    .insertInto('login_failures')
    .values(keys.map((key) => ({ key })))
    .execute();
  // Keep the table small: nothing older than a day matters.
  await app.db.deleteFrom('login_failures').where('at', '<', sql<Date>`now() - interval '1 day'`).execute();
}

export async function clearLoginFailures(app: FastifyInstance, key: string): Promise<void> {
  await app.db.deleteFrom('login_failures').where('key', '=', key).execute();
}
