import { type Kysely, sql } from 'kysely';
import { dataKeys, isSealed, sealPhone, sealPhonesIn } from '../sealed.js';
import { executeScript } from '../script.js';

/**
 * Encryption at rest of personal phone numbers (decision 0005, as ID numbers in
 * 2026-12-04T0480). Members' and applicants' `phone` becomes `phone_enc`: AES-256-GCM under the
 * data key, associated data `hongyi:phone`, '' for no number. Nothing looks a person up by phone
 * or searches its digits, so there is no hash and no tail. Existing rows are sealed here, so
 * this migration needs the data key loaded (without it, it stops and changes nothing).
 * The member change history's phone values and the phones in the audit trail's before/after
 * values are sealed too (their triggers set aside for these statements only).
 * An org's contact phone and the letterhead's office phone are not a person's: they stay.
 * Frozen once landed.
 */
const BATCH = 1000;

export async function up(db: Kysely<unknown>): Promise<void> {
  dataKeys(); // throws a clear error when no key is loaded
  await executeScript(
    db,
    `
    alter table members add column phone_enc text not null default '';
    alter table development_files add column phone_enc text not null default '';
    `,
  );
  for (const table of ['members', 'development_files'] as const) {
    let after = { tenant: 0, id: 0 };
    for (;;) {
      const rows = (
        await sql<{ tenant_id: string; id: string; phone: string }>`select tenant_id, id, phone from ${sql.table(table)}
          where (tenant_id, id) > (${after.tenant}, ${after.id}) order by tenant_id, id limit ${BATCH}`.execute(db)
      ).rows;
      if (rows.length === 0) break;
      const values = rows.filter((r) => r.phone.trim() !== '').map((r) => ({ tenant_id: Number(r.tenant_id), id: Number(r.id), phone_enc: sealPhone(r.phone) }));
      if (values.length > 0) {
        await sql`update ${sql.table(table)} t set phone_enc = v.phone_enc
          from json_to_recordset(${JSON.stringify(values)}::json) as v(tenant_id bigint, id bigint, phone_enc text)
          where t.tenant_id = v.tenant_id and t.id = v.id`.execute(db);
      }
      const last = rows[rows.length - 1]!;
      after = { tenant: Number(last.tenant_id), id: Number(last.id) };
    }
  }
  await executeScript(
    db,
    `
    alter table members drop column phone;
    alter table development_files drop column phone;
    `,
  );

  // The change history and the audit trail refuse updates by trigger: set aside for this rewrite only.
  await sql`alter table member_changes disable trigger member_changes_append_only`.execute(db);
  const changes = (await sql<{ tenant_id: string; id: string; old_value: string | null; new_value: string | null }>`
    select tenant_id, id, old_value, new_value from member_changes where field = 'phone'`.execute(db)).rows;
  const seal = (v: string | null) => (v === null || v === '' || isSealed(v) ? v : sealPhone(v));
  for (let i = 0; i < changes.length; i += BATCH) {
    const values = changes.slice(i, i + BATCH).map((c) => ({ tenant_id: Number(c.tenant_id), id: Number(c.id), old_value: seal(c.old_value), new_value: seal(c.new_value) }));
    await sql`update member_changes t set old_value = v.old_value, new_value = v.new_value
      from json_to_recordset(${JSON.stringify(values)}::json) as v(tenant_id bigint, id bigint, old_value text, new_value text)
      where t.tenant_id = v.tenant_id and t.id = v.id`.execute(db);
  }
  await sql`alter table member_changes enable trigger member_changes_append_only`.execute(db);

  await sql`alter table audit_log disable trigger audit_log_no_update`.execute(db);
  const audits = (await sql<{ tenant_id: string; id: string; before: string | null; after: string | null }>`
    select tenant_id, id, before::text as before, after::text as after from audit_log
    where before::text ~ '"(phone|mobile)"' or after::text ~ '"(phone|mobile)"'`.execute(db)).rows;
  for (const a of audits) {
    const sealed = (json: string | null) => (json === null ? null : JSON.stringify(sealPhonesIn(JSON.parse(json))));
    await sql`update audit_log set before = ${sealed(a.before)}::jsonb, after = ${sealed(a.after)}::jsonb
      where tenant_id = ${Number(a.tenant_id)} and id = ${Number(a.id)}`.execute(db);
  }
  await sql`alter table audit_log enable trigger audit_log_no_update`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Encryption at rest is not undone by migrating down: restore a backup taken before it.');
}
