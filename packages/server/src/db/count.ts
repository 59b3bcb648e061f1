import { LIST_MAX_OFFSET } from '@hongyi/core';
import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';

/**
 * The number of rows a list query matches, counted up to `cap`: a list cannot be paged beyond
 * LIST_MAX_OFFSET anyway (lib/paging.ts), and counting millions of audit rows or ledger entries
 * costs as much as reading them. A total of the cap means "at least that many" (the web shows
 * "10,000+"). Pass the list's filtered query, before ordering and paging.
 */
export async function countUpTo(db: Kysely<any>, query: SelectQueryBuilder<any, any, unknown>, cap = LIST_MAX_OFFSET): Promise<number> {
  const limited = query.clearSelect().select(sql<number>`1`.as('one')).limit(cap);
  const result = await sql<{ total: number | string }>`select count(*) as total from (${limited}) as counted`.execute(db);
  return Number(result.rows[0]?.total ?? 0);
}

/**
 * A list's total (countUpTo over `countQuery`) and its page (`page`, already running) at once: on
 * PostgreSQL two pooled connections, so one round trip's wait instead of two.
 */
export async function countWithPage<R>(db: Kysely<any>, countQuery: SelectQueryBuilder<any, any, unknown>, page: Promise<R[]>): Promise<[number, R[]]> {
  return Promise.all([countUpTo(db, countQuery), page]);
}
