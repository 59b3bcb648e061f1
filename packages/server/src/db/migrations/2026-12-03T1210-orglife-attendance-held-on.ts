import type { Kysely } from 'kysely';
import { executeScript } from '../script.js';

/**
 * Each attendance row carries its meeting's date (held_on), kept equal to the record's: writers
 * pass it (a row inserted without it takes it from its record, by trigger; a row-by-row lookup
 * for every insert cost the demo load seconds), and a record's new date is carried to its rows
 * by trigger. The 党章 第九条 view (组织生活预警) asks, for every member, for the last month they took
 * part and the last month they attended: with the date on the row and a partial index by member
 * and date, that is one short index probe per member, where joining every attendance row to its
 * record cost one record lookup per row — and, on an embedded database without statistics, a plan
 * that read every member's attendance once per org (4.5 s on the demo; modules/orglife/lapses.ts).
 * Frozen once landed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    alter table orglife_attendance add column held_on date;
    update orglife_attendance a set held_on = r.held_on from orglife_records r where r.tenant_id = a.tenant_id and r.id = a.record_id;
    alter table orglife_attendance alter column held_on set not null;

    create function orglife_attendance_held_on() returns trigger language plpgsql as $$
    begin
      if new.held_on is null then
        select r.held_on into new.held_on from orglife_records r where r.tenant_id = new.tenant_id and r.id = new.record_id;
      end if;
      return new;
    end $$;
    create trigger orglife_attendance_held_on before insert on orglife_attendance
      for each row execute function orglife_attendance_held_on();

    create function orglife_records_held_on_moved() returns trigger language plpgsql as $$
    begin
      update orglife_attendance set held_on = new.held_on where tenant_id = new.tenant_id and record_id = new.id;
      return null;
    end $$;
    create trigger orglife_records_held_on_moved after update of held_on on orglife_records
      for each row when (old.held_on is distinct from new.held_on) execute function orglife_records_held_on_moved();

    -- Organisational life taken part in (present or excused), by member and date.
    create index orglife_attendance_took_part on orglife_attendance (tenant_id, member_id, held_on) where status in ('present', 'excused');
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    drop trigger if exists orglife_records_held_on_moved on orglife_records;
    drop function if exists orglife_records_held_on_moved;
    drop trigger if exists orglife_attendance_held_on on orglife_attendance;
    drop function if exists orglife_attendance_held_on;
    drop index if exists orglife_attendance_took_part;
    alter table orglife_attendance drop column if exists held_on;
  `,
  );
}
