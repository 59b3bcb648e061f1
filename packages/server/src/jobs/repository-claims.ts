/**
 * The daily jobs' lease per unit (job_claims): a server claims (unit, job, day) before doing the
 * work and records how it ended. The claim is one statement — an insert, or taking over a lease
 * whose holder let it expire (a server that died mid-run) — so two servers sharing a database
 * never both hold it. A unit done or failed that day is not claimed again that day.
 */
import { type Kysely, sql } from 'kysely';
import type { DB, JobClaimsTable } from '../db/schema.js';

export type JobName = JobClaimsTable['job'];

/** Every unit (not a commission's office tenant), in the order they were created. */
export async function unitIds(db: Kysely<DB>): Promise<number[]> {
  const rows = await db
    .selectFrom('tenants')
    .select('id')
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('commissions').select('commissions.id').whereRef('commissions.office_tenant_id', '=', 'tenants.id'))))
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/** True when this server now holds the lease of (unit, job, day) for leaseMs. */
export async function claim(db: Kysely<DB>, tenantId: number, job: JobName, day: string, owner: string, leaseMs: number): Promise<boolean> {
  const expires = sql<Date>`now() + ${`${Math.max(1, Math.ceil(leaseMs / 1000))} seconds`}::interval`;
  const row = await db
    .insertInto('job_claims')
    .values({ tenant_id: tenantId, job, day, state: 'running', owner, expires_at: expires })
    .onConflict((oc) =>
      oc
        .columns(['tenant_id', 'job', 'day'])
        .doUpdateSet({ owner, state: 'running', claimed_at: sql`now()`, expires_at: expires, attempts: sql`job_claims.attempts + 1`, error: null, finished_at: null })
        .where('job_claims.state', '=', 'running')
        .where('job_claims.expires_at', '<', sql<Date>`now()`),
    )
    .returning('tenant_id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Records how the claimed work ended (only while this server still holds the claim). */
export async function finish(db: Kysely<DB>, tenantId: number, job: JobName, day: string, owner: string, error: string | null): Promise<void> {
  await db
    .updateTable('job_claims')
    .set({ state: error === null ? 'done' : 'failed', finished_at: sql`now()`, error: error === null ? null : error.slice(0, 500) })
    .where('tenant_id', '=', tenantId)
    .where('job', '=', job)
    .where('day', '=', day)
    .where('owner', '=', owner)
    .execute();
}

/** The claims of one job and day (tests, and the operator reading why a unit was skipped). */
export async function claimsOf(db: Kysely<DB>, job: JobName, day: string) {
  return db.selectFrom('job_claims').select(['tenant_id', 'state', 'owner', 'attempts', 'error']).where('job', '=', job).where('day', '=', day).orderBy('tenant_id').execute();
}
