import type { Kysely } from 'kysely';
import { executeScript } from '../script.js';

/**
 * The 党委 matrix snapshot (issue: the whole-tenant matrix for a year within 300 ms at 8,000
 * branches). Computing every branch's compliance from a year of records takes over a second, so
 * each matrix row (a branch with its party groups, or the committee) is stored once computed and
 * reused while its inputs are unchanged:
 * - orglife_revisions counts the changes to an org's inputs. Triggers bump it when a record of
 *   the org is written or deleted, when the org or one of its party groups changes, and when a
 *   member joins, leaves or changes category or status (the full-member count decides whether a
 *   支委会 is due) — in the database, so no writer (API, import, demo loader, another server)
 *   can forget it.
 * - orglife_matrix_rows keeps the states with the revision, the compliance epoch (the stretch of
 *   days over which today does not change any state) and the settings they were computed with;
 *   a row that differs in any of these is computed again.
 * Both tables are derived data: dropping them loses nothing. Frozen once landed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    create table orglife_revisions (
      tenant_id bigint not null references tenants (id),
      org_id bigint not null,
      revision bigint not null default 1,
      primary key (tenant_id, org_id)
    );

    create table orglife_matrix_rows (
      tenant_id bigint not null references tenants (id),
      year integer not null,
      org_id bigint not null,
      -- orglife_revisions.revision of the org (0 when it had none) read before its records were.
      revision bigint not null,
      -- complianceEpoch (packages/core) of the day it was computed on.
      epoch text not null,
      -- Digest of the rule settings it was computed with.
      settings_key text not null,
      -- One letter per month (see modules/orglife/matrix.ts), and the year's counts of items.
      states text not null check (length(states) = 12),
      missed integer not null,
      met integer not null,
      computed_at timestamptz not null default now(),
      primary key (tenant_id, year, org_id)
    );

    -- Statement-level triggers: a bulk insert of a year of records bumps each org once.
    create function orglife_revisions_bump_records() returns trigger language plpgsql as $$
    begin
      insert into orglife_revisions as v (tenant_id, org_id)
        select distinct tenant_id, org_id from changed_rows
      on conflict (tenant_id, org_id) do update set revision = v.revision + 1;
      return null;
    end $$;

    create function orglife_revisions_bump_records_update() returns trigger language plpgsql as $$
    begin
      insert into orglife_revisions as v (tenant_id, org_id)
        select tenant_id, org_id from new_rows union select tenant_id, org_id from old_rows
      on conflict (tenant_id, org_id) do update set revision = v.revision + 1;
      return null;
    end $$;

    create trigger orglife_records_inserted after insert on orglife_records
      referencing new table as changed_rows for each statement execute function orglife_revisions_bump_records();
    create trigger orglife_records_deleted after delete on orglife_records
      referencing old table as changed_rows for each statement execute function orglife_revisions_bump_records();
    create trigger orglife_records_updated after update on orglife_records
      referencing old table as old_rows new table as new_rows for each statement execute function orglife_revisions_bump_records_update();

    -- An org's change concerns its own row and its parent's (a party group is part of its branch's row).
    create function orglife_revisions_bump_orgs() returns trigger language plpgsql as $$
    begin
      insert into orglife_revisions as v (tenant_id, org_id)
        select tenant_id, id from changed_rows
        union select tenant_id, parent_id from changed_rows where parent_id is not null
      on conflict (tenant_id, org_id) do update set revision = v.revision + 1;
      return null;
    end $$;

    create function orglife_revisions_bump_orgs_update() returns trigger language plpgsql as $$
    begin
      insert into orglife_revisions as v (tenant_id, org_id)
        select tenant_id, id from new_rows
        union select tenant_id, parent_id from new_rows where parent_id is not null
        union select tenant_id, parent_id from old_rows where parent_id is not null
      on conflict (tenant_id, org_id) do update set revision = v.revision + 1;
      return null;
    end $$;

    create trigger orgs_inserted_orglife after insert on orgs
      referencing new table as changed_rows for each statement execute function orglife_revisions_bump_orgs();
    create trigger orgs_updated_orglife after update on orgs
      referencing old table as old_rows new table as new_rows for each statement execute function orglife_revisions_bump_orgs_update();

    -- Members count for their branch (org_id); only a change of branch, category or status matters.
    create function orglife_revisions_bump_members() returns trigger language plpgsql as $$
    begin
      insert into orglife_revisions as v (tenant_id, org_id)
        select distinct tenant_id, org_id from changed_rows
      on conflict (tenant_id, org_id) do update set revision = v.revision + 1;
      return null;
    end $$;

    create function orglife_revisions_bump_members_update() returns trigger language plpgsql as $$
    begin
      insert into orglife_revisions as v (tenant_id, org_id)
        select c.tenant_id, c.org_id
        from new_rows n join old_rows o on o.tenant_id = n.tenant_id and o.id = n.id
        cross join lateral (values (n.tenant_id, n.org_id), (o.tenant_id, o.org_id)) as c (tenant_id, org_id)
        where (n.org_id, n.category, n.status) is distinct from (o.org_id, o.category, o.status)
        group by c.tenant_id, c.org_id
      on conflict (tenant_id, org_id) do update set revision = v.revision + 1;
      return null;
    end $$;

    create trigger members_inserted_orglife after insert on members
      referencing new table as changed_rows for each statement execute function orglife_revisions_bump_members();
    create trigger members_deleted_orglife after delete on members
      referencing old table as changed_rows for each statement execute function orglife_revisions_bump_members();
    create trigger members_updated_orglife after update on members
      referencing old table as old_rows new table as new_rows for each statement execute function orglife_revisions_bump_members_update();
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    drop trigger if exists members_updated_orglife on members;
    drop trigger if exists members_deleted_orglife on members;
    drop trigger if exists members_inserted_orglife on members;
    drop function if exists orglife_revisions_bump_members_update;
    drop function if exists orglife_revisions_bump_members;
    drop trigger if exists orgs_updated_orglife on orgs;
    drop trigger if exists orgs_inserted_orglife on orgs;
    drop trigger if exists orglife_records_updated on orglife_records;
    drop trigger if exists orglife_records_deleted on orglife_records;
    drop trigger if exists orglife_records_inserted on orglife_records;
    drop function if exists orglife_revisions_bump_orgs_update;
    drop function if exists orglife_revisions_bump_orgs;
    drop function if exists orglife_revisions_bump_records_update;
    drop function if exists orglife_revisions_bump_records;
    drop table if exists orglife_matrix_rows;
    drop table if exists orglife_revisions;
  `,
  );
}
