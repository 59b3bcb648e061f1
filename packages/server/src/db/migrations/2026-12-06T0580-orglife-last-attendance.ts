import type { Kysely } from 'kysely';
import { executeScript } from '../script.js';

/**
 * Each member's last day of organisational life kept (the 党章 第九条 list at province scale: one
 * unit of 100,000 members probed the attendance twice per member on every request):
 * orglife_member_last holds, per member, the last day attended (status present) and the last day
 * taken part in (present or excused), as max(held_on) over the member's attendance would give them
 * (none: null, or no row). Kept by statement triggers on orglife_attendance in the writer's own
 * transaction, so no writer can forget them:
 * - insert: the new rows can only raise the days (greatest of the kept and the new);
 * - update and delete: the members whose rows changed (member, status or date: a record's new date
 *   reaches its rows by the trigger of 2026-12-03T1210) or went (a record's deletion cascades to
 *   its rows) are computed again from their attendance. Their kept rows are locked first, in key
 *   order, and read in a later statement, so two writers of one member's attendance take turns
 *   and the second sees the first's rows.
 * Filled here from the existing attendance. A restore brings the rows with the attendance; a bulk
 * load with triggers off fills them as this migration does. Frozen once landed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    create table orglife_member_last (
      tenant_id bigint not null references tenants (id),
      member_id bigint not null,
      last_present date,
      last_active date,
      primary key (tenant_id, member_id),
      foreign key (tenant_id, member_id) references members (tenant_id, id) on delete cascade
    );

    create function orglife_attendance_last_added() returns trigger language plpgsql as $$
    begin
      insert into orglife_member_last (tenant_id, member_id, last_present, last_active)
        select n.tenant_id, n.member_id, max(n.held_on) filter (where n.status = 'present'), max(n.held_on)
        from new_rows n
        where n.status in ('present', 'excused')
        group by n.tenant_id, n.member_id
        order by n.tenant_id, n.member_id
        on conflict (tenant_id, member_id) do update
          set last_present = greatest(orglife_member_last.last_present, excluded.last_present),
            last_active = greatest(orglife_member_last.last_active, excluded.last_active);
      return null;
    end $$;
    create trigger orglife_attendance_last_added after insert on orglife_attendance
      referencing new table as new_rows
      for each statement execute function orglife_attendance_last_added();

    -- These members computed again from their attendance (tenant_ids[i], member_ids[i]).
    create function orglife_member_last_recompute(tenant_ids bigint[], member_ids bigint[]) returns void language plpgsql as $$
    begin
      if coalesce(cardinality(member_ids), 0) = 0 then
        return;
      end if;
      insert into orglife_member_last (tenant_id, member_id)
        select k.t, k.m from unnest(tenant_ids, member_ids) k (t, m)
        order by k.t, k.m
        on conflict do nothing;
      perform 1 from orglife_member_last l
        join unnest(tenant_ids, member_ids) k (t, m) on l.tenant_id = k.t and l.member_id = k.m
        order by l.tenant_id, l.member_id
        for update of l;
      update orglife_member_last l
        set last_present = (select max(a.held_on) from orglife_attendance a
              where a.tenant_id = l.tenant_id and a.member_id = l.member_id and a.status in ('present', 'excused') and a.status = 'present'),
          last_active = (select max(a.held_on) from orglife_attendance a
              where a.tenant_id = l.tenant_id and a.member_id = l.member_id and a.status in ('present', 'excused'))
        from unnest(tenant_ids, member_ids) k (t, m)
        where l.tenant_id = k.t and l.member_id = k.m;
    end $$;

    create function orglife_attendance_last_removed() returns trigger language plpgsql as $$
    declare
      t bigint[];
      m bigint[];
    begin
      select array_agg(d.tenant_id), array_agg(d.member_id) into t, m
        from (select distinct o.tenant_id, o.member_id from old_rows o where o.status in ('present', 'excused')) d;
      perform orglife_member_last_recompute(t, m);
      return null;
    end $$;
    create trigger orglife_attendance_last_removed after delete on orglife_attendance
      referencing old table as old_rows
      for each statement execute function orglife_attendance_last_removed();

    -- Only the members of rows whose member, status or date changed (not a reason or a vote).
    create function orglife_attendance_last_changed() returns trigger language plpgsql as $$
    declare
      t bigint[];
      m bigint[];
    begin
      select array_agg(d.tenant_id), array_agg(d.member_id) into t, m
        from (
          select x.tenant_id, x.member_id from (
            select o.tenant_id, o.record_id, o.member_id, o.status, o.held_on from old_rows o
            except select n.tenant_id, n.record_id, n.member_id, n.status, n.held_on from new_rows n) x
          union
          select y.tenant_id, y.member_id from (
            select n.tenant_id, n.record_id, n.member_id, n.status, n.held_on from new_rows n
            except select o.tenant_id, o.record_id, o.member_id, o.status, o.held_on from old_rows o) y
        ) d;
      perform orglife_member_last_recompute(t, m);
      return null;
    end $$;
    create trigger orglife_attendance_last_changed after update on orglife_attendance
      referencing old table as old_rows new table as new_rows
      for each statement execute function orglife_attendance_last_changed();

    insert into orglife_member_last (tenant_id, member_id, last_present, last_active)
      select tenant_id, member_id, max(held_on) filter (where status = 'present'), max(held_on)
      from orglife_attendance
      where status in ('present', 'excused')
      group by tenant_id, member_id;
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    drop trigger if exists orglife_attendance_last_added on orglife_attendance;
    drop trigger if exists orglife_attendance_last_removed on orglife_attendance;
    drop trigger if exists orglife_attendance_last_changed on orglife_attendance;
    drop function if exists orglife_attendance_last_added;
    drop function if exists orglife_attendance_last_removed;
    drop function if exists orglife_attendance_last_changed;
    drop function if exists orglife_member_last_recompute;
    drop table if exists orglife_member_last;
    `,
  );
}
