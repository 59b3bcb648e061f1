import type { Kysely } from 'kysely';
import { executeScript } from '../script.js';

/**
 * The arrears list's figures kept with each member's dues position (issue 18: the arrears list at
 * province scale), computed from the member's own ledger when the position is refreshed, so the
 * list pages in SQL from the positions instead of recomputing every candidate's ledger per request:
 * - consecutive: the unpaid months running up to the member's last month (0 when it is paid);
 * - outstanding_cents: what is owed over all the member's unpaid months (0 when the last month is paid);
 * - paid_through: the last month before the first unpaid one (none when the first month is unpaid
 *   or the last one is paid).
 * The figures are derived data: every member with a ledger is marked again here, so the first
 * arrears query after the migration computes them.
 *
 * And the year's dues sums (the overview's collection-rate card) kept per collecting org and month:
 * dues_month_totals, added to by a statement trigger on dues_entries in the writer's own
 * transaction (the ledger is append-only, so the sums only grow by what is inserted), filled here
 * from the existing ledger. A restore or a bulk load with triggers off brings or rebuilds the rows
 * with the ledger. Frozen once landed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    alter table dues_positions
      add column consecutive integer not null default 0,
      add column outstanding_cents bigint not null default 0,
      add column paid_through date;

    create table dues_month_totals (
      tenant_id bigint not null references tenants (id),
      org_id bigint not null,
      month date not null,
      due_cents bigint not null default 0,
      paid_cents bigint not null default 0,
      primary key (tenant_id, org_id, month),
      foreign key (tenant_id, org_id) references orgs (tenant_id, id)
    );

    -- In key order, so two writers adding to the same rows take their locks in the same order.
    create function dues_entries_add_totals() returns trigger language plpgsql as $$
    begin
      insert into dues_month_totals (tenant_id, org_id, month, due_cents, paid_cents)
        select n.tenant_id, n.org_id, n.month,
          coalesce(sum(n.amount_cents) filter (where n.affects = 'due'), 0),
          coalesce(sum(n.amount_cents) filter (where n.affects = 'paid'), 0)
        from new_entries n
        where n.affects in ('due', 'paid')
        group by n.tenant_id, n.org_id, n.month
        order by n.tenant_id, n.org_id, n.month
        on conflict (tenant_id, org_id, month) do update
          set due_cents = dues_month_totals.due_cents + excluded.due_cents,
            paid_cents = dues_month_totals.paid_cents + excluded.paid_cents;
      return null;
    end $$;
    create trigger dues_entries_add_totals after insert on dues_entries
      referencing new table as new_entries
      for each statement execute function dues_entries_add_totals();

    insert into dues_month_totals (tenant_id, org_id, month, due_cents, paid_cents)
      select tenant_id, org_id, month,
        coalesce(sum(amount_cents) filter (where affects = 'due'), 0),
        coalesce(sum(amount_cents) filter (where affects = 'paid'), 0)
      from dues_entries
      where affects in ('due', 'paid')
      group by tenant_id, org_id, month;

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
    drop trigger if exists dues_entries_add_totals on dues_entries;
    drop function if exists dues_entries_add_totals;
    drop table if exists dues_month_totals;
    alter table dues_positions
      drop column if exists consecutive,
      drop column if exists outstanding_cents,
      drop column if exists paid_through;
    `,
  );
}
