import type { Kysely } from 'kysely';
import { executeScript } from '../script.js';

/**
 * Each member's dues position kept (issue 18: arrears at province scale). Whether a member is in
 * arrears depends on their own ledger only — the last month with something due or paid, and
 * whether what was paid for it is less than what was due — and the ledger is append-only:
 * - dues_positions: per member, that last month and whether it is unpaid;
 * - dues_position_dirty: the members whose ledger grew since, marked by a statement trigger on
 *   dues_entries in the writer's own transaction (so no writer can forget it); the arrears
 *   queries recompute those first, one statement that takes the marks and writes the positions.
 * Existing ledgers are all marked here; the positions are derived data and can be rebuilt by
 * marking every member again. Frozen once landed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    create table dues_positions (
      tenant_id bigint not null references tenants (id),
      member_id bigint not null,
      last_month date,
      last_unpaid boolean not null default false,
      primary key (tenant_id, member_id),
      foreign key (tenant_id, member_id) references members (tenant_id, id) on delete cascade
    );
    create index dues_positions_unpaid on dues_positions (tenant_id, member_id) where last_unpaid;

    create table dues_position_dirty (
      tenant_id bigint not null references tenants (id),
      member_id bigint not null,
      primary key (tenant_id, member_id)
    );

    create function dues_entries_mark_positions() returns trigger language plpgsql as $$
    begin
      insert into dues_position_dirty (tenant_id, member_id)
        select distinct n.tenant_id, n.member_id from new_entries n
        on conflict do nothing;
      return null;
    end $$;
    create trigger dues_entries_mark_positions after insert on dues_entries
      referencing new table as new_entries
      for each statement execute function dues_entries_mark_positions();

    insert into dues_position_dirty (tenant_id, member_id)
      select distinct tenant_id, member_id from dues_entries
      on conflict do nothing;
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    drop trigger if exists dues_entries_mark_positions on dues_entries;
    drop function if exists dues_entries_mark_positions;
    drop table if exists dues_positions, dues_position_dirty;
    `,
  );
}
