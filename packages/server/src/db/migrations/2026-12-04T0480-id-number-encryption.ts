import { maskIdNumber } from '@hongyi/core';
import { type Kysely, sql } from 'kysely';
import { dataKeys, idNumberColumns, isSealed, keyCheckOf, sealIdNumber, sealIdNumbersIn } from '../sealed.js';
import { executeScript } from '../script.js';

/**
 * Encryption at rest of ID numbers (decision 0005). Members' and applicants' `id_number` becomes
 * `id_number_enc` (AES-256-GCM, key id inside), `id_number_hash` (keyed HMAC: lookups and the
 * unit's uniqueness) and `id_number_tail` (the last 6, for the search by the end of the number).
 * Existing rows are sealed here, so this migration needs the data key loaded (the server and the
 * scripts load it before migrating; without it the migration stops and changes nothing).
 * The member change history's ID-number values are sealed too, report runs' frozen people get
 * their ID numbers sealed, and the audit trail's ID numbers are masked (it never needs them).
 * `data_keys` holds each key's id and an HMAC check value, never a key.
 * Frozen once landed.
 */
const BATCH = 1000;
const ID_IN_TEXT = /(?<![0-9A-Za-z])\d{6}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/g;

export async function up(db: Kysely<unknown>): Promise<void> {
  const key = dataKeys().current; // throws a clear error when no key is loaded
  await executeScript(
    db,
    `
    create table data_keys (
      key_id text primary key,
      key_check text not null,
      created_at timestamptz not null default now()
    );
    alter table members add column id_number_enc text, add column id_number_hash text, add column id_number_tail text;
    alter table development_files add column id_number_enc text, add column id_number_hash text, add column id_number_tail text;
    `,
  );
  await sql`insert into data_keys (key_id, key_check) values (${key.id}, ${keyCheckOf(key)})`.execute(db);

  for (const table of ['members', 'development_files'] as const) {
    let after = { tenant: 0, id: 0 };
    for (;;) {
      const rows = (
        await sql<{ tenant_id: string; id: string; id_number: string }>`select tenant_id, id, id_number from ${sql.table(table)}
          where (tenant_id, id) > (${after.tenant}, ${after.id}) order by tenant_id, id limit ${BATCH}`.execute(db)
      ).rows;
      if (rows.length === 0) break;
      const values = rows.map((r) => ({ tenant_id: Number(r.tenant_id), id: Number(r.id), ...idNumberColumns(r.id_number) }));
      await sql`update ${sql.table(table)} t set id_number_enc = v.id_number_enc, id_number_hash = v.id_number_hash, id_number_tail = v.id_number_tail
        from json_to_recordset(${JSON.stringify(values)}::json) as v(tenant_id bigint, id bigint, id_number_enc text, id_number_hash text, id_number_tail text)
        where t.tenant_id = v.tenant_id and t.id = v.id`.execute(db);
      const last = rows[rows.length - 1]!;
      after = { tenant: Number(last.tenant_id), id: Number(last.id) };
    }
  }
  await executeScript(
    db,
    `
    alter table members drop column id_number,
      alter column id_number_enc set not null, alter column id_number_hash set not null, alter column id_number_tail set not null,
      add constraint members_id_number_hash_key unique (tenant_id, id_number_hash);
    alter table development_files drop column id_number,
      alter column id_number_enc set not null, alter column id_number_hash set not null, alter column id_number_tail set not null,
      add constraint development_files_id_number_hash_key unique (tenant_id, id_number_hash);
    `,
  );

  // The change history and the audit trail refuse updates by trigger: set aside for this rewrite only.
  await sql`alter table member_changes disable trigger member_changes_append_only`.execute(db);
  const changes = (await sql<{ tenant_id: string; id: string; old_value: string | null; new_value: string | null }>`
    select tenant_id, id, old_value, new_value from member_changes where field = 'id_number'`.execute(db)).rows;
  for (let i = 0; i < changes.length; i += BATCH) {
    const values = changes.slice(i, i + BATCH).map((c) => ({
      tenant_id: Number(c.tenant_id),
      id: Number(c.id),
      old_value: c.old_value === null || isSealed(c.old_value) ? c.old_value : sealIdNumber(c.old_value),
      new_value: c.new_value === null || isSealed(c.new_value) ? c.new_value : sealIdNumber(c.new_value),
    }));
    await sql`update member_changes t set old_value = v.old_value, new_value = v.new_value
      from json_to_recordset(${JSON.stringify(values)}::json) as v(tenant_id bigint, id bigint, old_value text, new_value text)
      where t.tenant_id = v.tenant_id and t.id = v.id`.execute(db);
  }
  await sql`alter table member_changes enable trigger member_changes_append_only`.execute(db);

  await sql`alter table audit_log disable trigger audit_log_no_update`.execute(db);
  const audits = (await sql<{ tenant_id: string; id: string; summary: string; before: string | null; after: string | null }>`
    select tenant_id, id, summary, before::text as before, after::text as after from audit_log
    where summary ~ '[0-9]{17}[0-9Xx]' or before::text ~ '[0-9]{17}[0-9Xx]' or after::text ~ '[0-9]{17}[0-9Xx]'`.execute(db)).rows;
  for (const a of audits) {
    const mask = (json: string | null) => (json === null ? null : JSON.stringify(maskDeep(JSON.parse(json), null)));
    await sql`update audit_log set summary = ${maskText(a.summary)}, before = ${mask(a.before)}::jsonb, after = ${mask(a.after)}::jsonb
      where tenant_id = ${Number(a.tenant_id)} and id = ${Number(a.id)}`.execute(db);
  }
  await sql`alter table audit_log enable trigger audit_log_no_update`.execute(db);

  const runs = (await sql<{ tenant_id: string; id: string; result: string }>`select tenant_id, id, result::text as result from report_runs`.execute(db)).rows;
  for (const r of runs) {
    await sql`update report_runs set result = ${JSON.stringify(sealIdNumbersIn(JSON.parse(r.result)))}::jsonb where tenant_id = ${Number(r.tenant_id)} and id = ${Number(r.id)}`.execute(db);
  }
}

function maskText(text: string): string {
  return text.replace(ID_IN_TEXT, (m) => maskIdNumber(m.toUpperCase()));
}

function maskDeep(value: unknown, key: string | null): unknown {
  if (typeof value === 'string') return key === 'id_number' || key === 'idNumber' ? maskIdNumber(value) : maskText(value);
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, key));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskDeep(v, k)]));
  return value;
}

export async function down(): Promise<void> {
  throw new Error('Encryption at rest is not undone by migrating down: restore a backup taken before it.');
}
