import type { Kysely } from 'kysely';
import { executeScript } from '../script.js';

/**
 * Member names in roster order (按姓名拼音排序). Frozen once landed.
 *
 * - members.name_sort: the name's pinyin syllable by syllable, each with its tone number
 *   ('li3ning2' for 李宁), computed in the server (modules/members/pinyin.ts) like name_pinyin.
 *   The tone digit ends each syllable and sorts before every letter, so 李宁 (li3…) comes before
 *   林安 (lin2…) and 王安 (wang2…) after 万里 (wan4…): the toneless, joined name_pinyin used for
 *   search ('lining' > 'linan', 'wangan' < 'wanli') would interleave the surnames.
 * - Every write must fill it: the check is NOT VALID so that the rows held before this
 *   migration are accepted until the server fills them at start-up (fillNameColumns, one
 *   set-based pass found through members_name_sort_missing); every new or changed row is
 *   checked. A member without a name has nothing to sort by.
 * - The name sort of the member list walks members_status_sort (tenant, status, name_sort,
 *   name, id), which replaces members_status_name (a code-point order nobody reads by).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    alter table members add column name_sort text not null default '';
    alter table members add constraint members_name_sort_filled check (name_sort <> '' or name = '') not valid;
    create index members_name_sort_missing on members (tenant_id) where name_sort = '';
    drop index if exists members_pinyin_missing;
    create index members_status_sort on members (tenant_id, status, name_sort, name, id);
    drop index if exists members_status_name;
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    create index if not exists members_status_name on members (tenant_id, status, name, id);
    drop index if exists members_status_sort;
    create index if not exists members_pinyin_missing on members (tenant_id) where name_pinyin = '';
    drop index if exists members_name_sort_missing;
    alter table members drop constraint if exists members_name_sort_filled;
    alter table members drop column if exists name_sort;
  `,
  );
}
