import type { Kysely } from 'kysely';
import { executeScript } from '../script.js';

/**
 * Each service event keeps the count and the hours of its participants, written with them in the
 * same transaction: the totals of a 党委 over five years (≈ 50,000 events, 500,000
 * participations) then read the events alone instead of aggregating every participation
 * (bench "service"). Frozen once landed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    alter table service_events add column participations integer not null default 0 check (participations >= 0);
    alter table service_events add column participant_hours numeric(10, 1) not null default 0 check (participant_hours >= 0);
    update service_events e set participations = p.n, participant_hours = p.hours
      from (select tenant_id, event_id, count(*) as n, sum(hours) as hours from service_participants group by tenant_id, event_id) p
      where p.tenant_id = e.tenant_id and p.event_id = e.id;
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    alter table service_events drop column participant_hours;
    alter table service_events drop column participations;
    `,
  );
}
