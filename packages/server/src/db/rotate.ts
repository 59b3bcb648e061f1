/**
 * Rotation of the data key (decision 0005): every sealed value re-sealed with the current key and
 * every lookup hash recomputed under it, in one transaction, then the earlier keys' check values
 * removed, so that the earlier keys can be destroyed.
 *
 * Where ID numbers are sealed: members and development_files (three columns each), the member
 * change history (old and new value of an `id_number` change) and report runs (ID numbers inside
 * the stored result). Phones: members and development_files (`phone_enc`), the change history
 * (a `phone` change) and the audit trail (inside before/after values). A value already sealed with the current key is left as it is, so a rotation
 * that stopped half-way (it cannot: one transaction) or runs twice changes nothing the second time.
 *
 * The keys come from the ring (db/sealed.ts): the new key current, the old ones previous. The
 * server must be stopped while it runs: a running server holds the old key and would go on
 * sealing and hashing with it.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { type Kysely, sql } from 'kysely';
import { type DataKeySource, checkDataKey, loadDataKey } from './dataKey.js';
import { DATA_KEY_BYTES, parseDataKey, setDataKeys, dataKeys, idNumberColumns, idNumberHash, isSealed, keyCheckOf, openIdNumber, openIdNumbersIn, openPhone, resealPhonesIn, sealIdNumber, sealIdNumbersIn, sealPhone, sealedKeyId } from './sealed.js';

const BATCH = 1000;

export interface RotationResult {
  /** The key everything is sealed with now. */
  keyId: string;
  members: number;
  developmentFiles: number;
  memberChanges: number;
  reportRuns: number;
  /** Audit rows whose before/after values hold phones sealed with an earlier key. */
  auditRows: number;
  /** Earlier keys whose check values were removed: nothing in the database needs them any more. */
  retired: string[];
}

/** The id of the key a sealed value names ('v1.<key id>.…'). */
const keyIdOf = sealedKeyId;

/**
 * Members' and applicants' ID number columns and phone: re-sealed and re-hashed where sealed with
 * another key, or hashed with another key. Returns the number of rows changed.
 */
async function resealColumns(db: Kysely<any>, table: 'members' | 'development_files', current: string): Promise<number> {
  let done = 0;
  let after = { tenant: 0, id: 0 };
  for (;;) {
    // Every row is read (the hash shows no key id), a batch at a time in key order.
    const rows = (
      await sql<{ tenant_id: string; id: string; id_number_enc: string; id_number_hash: string; id_number_tail: string; phone_enc: string }>`
        select tenant_id, id, id_number_enc, id_number_hash, id_number_tail, phone_enc from ${sql.table(table)}
        where (tenant_id, id) > (${after.tenant}, ${after.id}) order by tenant_id, id limit ${BATCH}`.execute(db)
    ).rows;
    if (rows.length === 0) return done;
    after = { tenant: Number(rows.at(-1)!.tenant_id), id: Number(rows.at(-1)!.id) };
    // Sealed (and so hashed) with an earlier key, or hashed under one: only those are sealed again.
    const values = rows
      .map((r) => {
        const number = openIdNumber(r.id_number_enc);
        const idStale = keyIdOf(r.id_number_enc) !== current || r.id_number_hash !== idNumberHash(number);
        const phoneStale = r.phone_enc !== '' && keyIdOf(r.phone_enc) !== current;
        if (!idStale && !phoneStale) return null;
        const id = idStale ? idNumberColumns(number) : { id_number_enc: r.id_number_enc, id_number_hash: r.id_number_hash, id_number_tail: r.id_number_tail };
        return { tenant_id: Number(r.tenant_id), id: Number(r.id), ...id, phone_enc: phoneStale ? sealPhone(openPhone(r.phone_enc)) : r.phone_enc };
      })
      .filter((v) => v !== null);
    if (values.length === 0) continue;
    await sql`update ${sql.table(table)} t set id_number_enc = v.id_number_enc, id_number_hash = v.id_number_hash, id_number_tail = v.id_number_tail, phone_enc = v.phone_enc
      from json_to_recordset(${JSON.stringify(values)}::json) as v(tenant_id bigint, id bigint, id_number_enc text, id_number_hash text, id_number_tail text, phone_enc text)
      where t.tenant_id = v.tenant_id and t.id = v.id`.execute(db);
    done += values.length;
  }
}

/** A sealed history value (an ID number or a phone) re-sealed with the current key (an empty or masked value stays). */
function reseal(field: string, value: string | null, current: string): string | null {
  if (!value || !isSealed(value) || keyIdOf(value) === current) return value;
  return field === 'phone' ? sealPhone(openPhone(value)) : sealIdNumber(openIdNumber(value));
}

/**
 * Re-seals everything sealed with an earlier key and removes the earlier keys' check values.
 * Runs in one transaction: on any error nothing has changed.
 */
export async function rotateDataKey(db: Kysely<any>): Promise<RotationResult> {
  const ring = dataKeys();
  const current = ring.current.id;
  return db.transaction().execute(async (trx) => {
    const members = await resealColumns(trx, 'members', current);
    const developmentFiles = await resealColumns(trx, 'development_files', current);

    // The change history is append-only (a trigger): the rotation alone may rewrite its sealed values.
    const changes = (
      await sql<{ tenant_id: string; id: string; field: string; old_value: string | null; new_value: string | null }>`
        select tenant_id, id, field, old_value, new_value from member_changes
        where field in ('id_number', 'phone') and (old_value like 'v1.%' or new_value like 'v1.%')`.execute(trx)
    ).rows
      .map((r) => ({ tenant_id: Number(r.tenant_id), id: Number(r.id), old_value: reseal(r.field, r.old_value, current), new_value: reseal(r.field, r.new_value, current), was: r }))
      .filter((r) => r.old_value !== r.was.old_value || r.new_value !== r.was.new_value)
      .map(({ was: _w, ...r }) => r);
    if (changes.length > 0) {
      await sql`alter table member_changes disable trigger member_changes_append_only`.execute(trx);
      for (let i = 0; i < changes.length; i += BATCH) {
        await sql`update member_changes t set old_value = v.old_value, new_value = v.new_value
          from json_to_recordset(${JSON.stringify(changes.slice(i, i + BATCH))}::json) as v(tenant_id bigint, id bigint, old_value text, new_value text)
          where t.tenant_id = v.tenant_id and t.id = v.id`.execute(trx);
      }
      await sql`alter table member_changes enable trigger member_changes_append_only`.execute(trx);
    }

    // Report runs keep the people behind each cell, their ID numbers sealed inside the JSON.
    let reportRuns = 0;
    const runs = (await sql<{ tenant_id: string; id: string; result: string }>`select tenant_id, id, result::text as result from report_runs where result::text like '%"v1.%'`.execute(trx)).rows;
    for (const r of runs) {
      const stale = [...r.result.matchAll(/"v1\.([A-Za-z0-9_-]{8})\./g)].some((m) => m[1] !== current);
      if (!stale) continue;
      const result = JSON.stringify(sealIdNumbersIn(openIdNumbersIn(JSON.parse(r.result))));
      await sql`update report_runs set result = ${result}::jsonb where tenant_id = ${Number(r.tenant_id)} and id = ${Number(r.id)}`.execute(trx);
      reportRuns += 1;
    }

    // The audit trail keeps phones sealed inside its before/after values; it refuses updates (a trigger) but to the rotation.
    let auditRows = 0;
    const audits = (
      await sql<{ tenant_id: string; id: string; before: string | null; after: string | null }>`
        select tenant_id, id, before::text as before, after::text as after from audit_log
        where before::text like '%"v1.%' or after::text like '%"v1.%'`.execute(trx)
    ).rows.filter((a) => [...`${a.before ?? ''}${a.after ?? ''}`.matchAll(/"v1\.([A-Za-z0-9_-]{8})\./g)].some((m) => m[1] !== current));
    if (audits.length > 0) {
      await sql`alter table audit_log disable trigger audit_log_no_update`.execute(trx);
      const json = (text: string | null) => (text === null ? null : JSON.stringify(resealPhonesIn(JSON.parse(text))));
      for (const a of audits) {
        await sql`update audit_log set before = ${json(a.before)}::jsonb, after = ${json(a.after)}::jsonb where tenant_id = ${Number(a.tenant_id)} and id = ${Number(a.id)}`.execute(trx);
      }
      await sql`alter table audit_log enable trigger audit_log_no_update`.execute(trx);
      auditRows = audits.length;
    }

    const retired = (await sql<{ key_id: string }>`delete from data_keys where key_id <> ${current} returning key_id`.execute(trx)).rows.map((r) => r.key_id);
    await sql`insert into data_keys (key_id, key_check) values (${current}, ${keyCheckOf(ring.current)}) on conflict (key_id) do nothing`.execute(trx);
    return { keyId: current, members, developmentFiles, memberChanges: changes.length, reportRuns, auditRows, retired };
  });
}

/**
 * The key file's rotation: a new key is written to `<file>.next` before anything changes (and
 * taken up again when an earlier run stopped after writing it), so a key that sealed rows is never
 * only in memory; after the re-sealing it becomes the key file, and the old key is kept beside it
 * as `<file>.retired-<id>`.
 */
export async function rotateToNewKeyFile(db: Kysely<any>, source: DataKeySource): Promise<RotationResult & { keyFile: string; retiredFile: string }> {
  if (source.key) throw new Error('HONGYI_DATA_KEY is set: put the new key there and the old one in HONGYI_DATA_KEY_PREVIOUS, then rotate without --new-key.');
  const { key: old } = await loadDataKey(db, source, { create: false });
  const next = `${source.file}.next`;
  if (!existsSync(next)) writeFileSync(next, `${randomBytes(DATA_KEY_BYTES).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  setDataKeys(parseDataKey(readFileSync(next, 'utf8'), `The new key file ${next}`), [old.key, ...source.previous]);
  await checkDataKey(db);
  const result = await rotateDataKey(db);
  const retiredFile = `${source.file}.retired-${old.id}`;
  renameSync(source.file, retiredFile);
  renameSync(next, source.file);
  return { ...result, keyFile: source.file, retiredFile };
}
