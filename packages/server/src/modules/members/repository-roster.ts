/**
 * The roster import's queries: what the file is compared with (orgs, groups, departments,
 * campuses and the members already held for its ID numbers), and the set-based writes of a
 * commit. Also the start-up fill of the name columns.
 */
import { type Kysely, type Transaction, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { idNumberHash, openRow, sealRow } from '../../db/sealed.js';
import { nameColumns } from './pinyin.js';
import { type ChangeRow, insertChanges } from './repository.js';

type Db = Kysely<DB> | Transaction<DB>;

/** The members holding these ID numbers (any status), with their branch's path and name; 5,000 numbers per query. */
export async function membersByIdNumbers(db: Db, tenantId: number, idNumbers: readonly string[]) {
  const out = [];
  const hashes = idNumbers.map(idNumberHash);
  for (let i = 0; i < hashes.length; i += 5000) {
    out.push(
      ...(await db
        .selectFrom('members as m')
        .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'm.tenant_id').onRef('o.id', '=', 'm.org_id'))
        .selectAll('m')
        .select(['o.path as org_path', 'o.name as org_name'])
        .where('m.tenant_id', '=', tenantId)
        .where('m.id_number_hash', 'in', hashes.slice(i, i + 5000))
        .execute()).map(openRow),
    );
  }
  return out;
}
export type HeldMember = Awaited<ReturnType<typeof membersByIdNumbers>>[number];

/** The unit's open orgs (branches and party groups by name and short name), departments and campuses. */
export async function rosterReferenceData(db: Db, tenantId: number) {
  const [orgs, departments, campuses] = await Promise.all([
    db.selectFrom('orgs').select(['id', 'type', 'path', 'parent_id', 'name', 'short_name']).where('tenant_id', '=', tenantId).where('dissolved_on', 'is', null).execute(),
    db.selectFrom('departments').select(['id', 'name']).where('tenant_id', '=', tenantId).execute(),
    db.selectFrom('campuses').select(['id', 'name']).where('tenant_id', '=', tenantId).execute(),
  ]);
  return { orgs, departments, campuses };
}

/**
 * Inserts new members 500 at a time, each with their first branch period (from their 入党日期,
 * else `today`) and one history row saying where they came from. Returns the new ids.
 */
export async function insertMembersInBulk(trx: Transaction<DB>, tenantId: number, rows: readonly Record<string, unknown>[], today: string, history: { source: ChangeRow['source']; username: string }): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    const inserted = await trx
      .insertInto('members')
      .values(rows.slice(i, i + 500).map((r) => ({ tenant_id: tenantId, ...sealRow(r) }) as never))
      .returning(['id', 'org_id', 'joined_on'])
      .execute();
    ids.push(...inserted.map((x) => x.id));
    await trx
      .insertInto('member_org_periods')
      .values(inserted.map((x) => ({ tenant_id: tenantId, member_id: x.id, org_id: x.org_id, from_on: x.joined_on ?? today })))
      .execute();
    await insertChanges(
      trx,
      inserted.map((x) => ({ tenant_id: tenantId, member_id: x.id, field: '*', old_value: null, new_value: history.source, source: history.source, username: history.username })),
    );
  }
  return ids;
}

/**
 * Inserts members as given (their `id_number` and `phone` sealed here), 500 at a time, with no
 * branch period or history row (a unit's members loaded at once: the demo). Returns their ids
 * in the order given, matched by ID number, not by row order.
 */
export async function insertMembersAsGiven(trx: Transaction<DB>, tenantId: number, rows: ReadonlyArray<Record<string, unknown> & { id_number: string }>): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    const batch = rows.slice(i, i + 500);
    const inserted = await trx
      .insertInto('members')
      .values(batch.map((r) => ({ tenant_id: tenantId, ...sealRow(r) }) as never))
      .returning(['id', 'id_number_hash'])
      .execute();
    const idByHash = new Map(inserted.map((r) => [r.id_number_hash, r.id]));
    for (const r of batch) {
      const id = idByHash.get(idNumberHash(r.id_number));
      if (id === undefined) throw new Error('a member was not inserted');
      ids.push(id);
    }
  }
  return ids;
}

/** SQL types of the member columns a bulk update can set, for json_to_recordset. */
const COLUMN_TYPES: Record<string, 'text' | 'date' | 'bigint' | 'boolean'> = {
  name: 'text', gender: 'text', ethnicity: 'text', native_place: 'text', birth_date: 'date', education: 'text', degree: 'text', category: 'text',
  status: 'text', org_id: 'bigint', party_group_id: 'bigint', joined_on: 'date', full_on: 'date', work_started_on: 'date', job_category: 'text',
  post: 'text', title: 'text', department_id: 'bigint', campus_id: 'bigint', phone_enc: 'text', address: 'text', lost_contact: 'boolean', flow_to: 'text',
  sponsors: 'text', name_pinyin: 'text', name_initials: 'text', name_sort: 'text',
};

/** True for a column updateMembersInBulk can set. */
export function isBulkColumn(column: string): boolean {
  return column in COLUMN_TYPES;
}

/**
 * Sets members' columns set-based: rows that set the same columns go together, 1,000 at a time,
 * in one UPDATE … FROM json_to_recordset each, each member's version going up by one. (One
 * statement per member made a 10,000-row import take minutes.)
 */
export async function updateMembersInBulk(trx: Transaction<DB>, tenantId: number, updates: readonly { id: number; set: Record<string, unknown> }[]): Promise<void> {
  const groups = new Map<string, { id: number; set: Record<string, unknown> }[]>();
  for (const update of updates) {
    // A phone is written sealed (phone_enc, decision 0005).
    const u = { id: update.id, set: sealRow(update.set) as Record<string, unknown> };
    const key = Object.keys(u.set).filter(isBulkColumn).sort().join(',');
    groups.set(key, [...(groups.get(key) ?? []), u]);
  }
  for (const [key, rows] of groups) {
    const columns = key ? key.split(',') : [];
    const assignments = sql.raw([...columns.map((c) => `${c} = v.${c}`), 'version = m.version + 1', 'updated_at = now()'].join(', '));
    const recordType = sql.raw(['id bigint', ...columns.map((c) => `${c} ${COLUMN_TYPES[c]}`)].join(', '));
    for (let i = 0; i < rows.length; i += 1000) {
      const chunk = rows.slice(i, i + 1000).map((r) => ({ id: r.id, ...Object.fromEntries(columns.map((c) => [c, r.set[c] ?? null])) }));
      await sql`
        update members m set ${assignments}
        from json_to_recordset(${JSON.stringify(chunk)}::json) as v(${recordType})
        where m.tenant_id = ${tenantId} and m.id = v.id`.execute(trx);
    }
  }
}

/** The import's own record (the file's hash and its counts). */
export async function insertMemberImport(trx: Transaction<DB>, tenantId: number, row: { file_sha256: string; added: number; updated: number; unchanged: number; username: string }): Promise<number> {
  return (await trx.insertInto('member_imports').values({ tenant_id: tenantId, ...row }).returning('id').executeTakeFirstOrThrow()).id;
}

/**
 * Fills the name columns of rows written before they existed (migration 2026-11-30T1200 adds
 * name_sort empty), in every tenant: one pass over the distinct names found through the
 * partial index members_name_sort_missing, one UPDATE … FROM json_to_recordset per 2,000
 * names. Run at start-up after the migrations; when nothing is missing it is one index probe.
 * Returns the number of rows filled.
 */
export async function fillNameColumns(db: Kysely<DB>): Promise<number> {
  let filled = 0;
  for (;;) {
    const names = await db.selectFrom('members').select('name').distinct().where('name_sort', '=', '').where('name', '<>', '').limit(2000).execute();
    if (names.length === 0) return filled;
    const rows = names.map((n) => ({ name: n.name, ...nameColumns(n.name) }));
    const res = await sql`
      update members m set name_pinyin = v.name_pinyin, name_initials = v.name_initials, name_sort = v.name_sort
      from json_to_recordset(${JSON.stringify(rows)}::json) as v(name text, name_pinyin text, name_initials text, name_sort text)
      where m.name_sort = '' and m.name = v.name`.execute(db);
    filled += Number(res.numAffectedRows ?? 0);
  }
}
