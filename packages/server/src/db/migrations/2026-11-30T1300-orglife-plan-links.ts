import type { Kysely } from 'kysely';
import { executeScript } from '../script.js';

/**
 * Records complete yearly-plan items through a link table instead of one plan_item_id per
 * record: one meeting may carry several kinds (a 主题党日 held as a 党员大会 with a 党课, as the
 * generated plan itself schedules them on one day), so it may complete one item of each. An item
 * is done by at most one record (the primary key). Deleting a record reopens its items; an item
 * that is done cannot be deleted while its record links to it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    create table orglife_plan_links (
      tenant_id bigint not null references tenants (id),
      plan_item_id bigint not null,
      record_id bigint not null,
      created_at timestamptz not null default now(),
      primary key (tenant_id, plan_item_id),
      foreign key (tenant_id, plan_item_id) references orglife_plan_items (tenant_id, id),
      foreign key (tenant_id, record_id) references orglife_records (tenant_id, id) on delete cascade
    );
    create index orglife_plan_links_record on orglife_plan_links (tenant_id, record_id);
    insert into orglife_plan_links (tenant_id, plan_item_id, record_id)
      select distinct on (tenant_id, plan_item_id) tenant_id, plan_item_id, id
      from orglife_records where plan_item_id is not null
      order by tenant_id, plan_item_id, held_on, id;
    alter table orglife_records drop column plan_item_id;
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    alter table orglife_records add column plan_item_id bigint;
    alter table orglife_records add foreign key (tenant_id, plan_item_id) references orglife_plan_items (tenant_id, id);
    update orglife_records r set plan_item_id = l.plan_item_id
      from (select distinct on (tenant_id, record_id) tenant_id, record_id, plan_item_id from orglife_plan_links order by tenant_id, record_id, plan_item_id) l
      where r.tenant_id = l.tenant_id and r.id = l.record_id;
    drop table orglife_plan_links;
  `,
  );
}
