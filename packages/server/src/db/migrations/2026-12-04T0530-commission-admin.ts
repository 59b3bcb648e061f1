import type { Kysely } from 'kysely';
import { executeScript } from '../script.js';

/**
 * The operator's commission page: a commission's name is edited there, so its row gets a version
 * (optimistic concurrency, 409 on a stale edit), and no two commissions share a name (an account
 * or a unit could not tell them apart). Frozen once landed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    alter table commissions add column version integer not null default 1;
    create unique index commissions_name on commissions (name);
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    drop index commissions_name;
    alter table commissions drop column version;
    `,
  );
}
