import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';

/** One round trip to the database: it answers (or the request fails with it). */
export async function ping(db: Kysely<DB>): Promise<void> {
  await sql`select 1`.execute(db);
}
