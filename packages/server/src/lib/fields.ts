import { z } from 'zod';

/**
 * Numbers bounded to the column they are stored in, so that a value beyond it is a 400 naming
 * the field instead of the database's "out of range" (a 500 before; the error handler's
 * VALUE_OUT_OF_RANGE is only a safety net and cannot name the field).
 *
 * - int4: PostgreSQL `integer` — version counters, amounts in 分, counts, votes.
 * - id: `bigint` identities. zod's int() already stays within ±2^53, far inside bigint, so an id
 *   can never overflow its column; an unknown one is the service's (or the foreign key's) to refuse.
 */
export const INT4_MIN = -2_147_483_648;
export const INT4_MAX = 2_147_483_647;

export function int4(options: { coerce?: boolean } = {}) {
  return (options.coerce ? z.coerce.number() : z.number()).int().min(INT4_MIN).max(INT4_MAX);
}

/** The `version` a client read (optimistic concurrency, an integer column); 409 when stale. */
export function version(options: { coerce?: boolean } = {}) {
  return int4(options).positive();
}

export function id(options: { coerce?: boolean } = {}) {
  return (options.coerce ? z.coerce.number() : z.number()).int().positive();
}
