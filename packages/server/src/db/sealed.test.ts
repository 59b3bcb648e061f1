import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { type Kysely, Migrator, sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../test/harness.js';
import { idNumberFor } from '../test/fixture.js';
import { restoreBackup, writeBackup } from './backup.js';
import { openDatabase } from './database.js';
import { migrations } from './migrations/index.js';
import { checkDataKey, loadDataKey, readDataKeySource } from './dataKey.js';
import { DataKeyError, clearDataKeys, idNumberColumns, idNumberHash, openIdNumber, openPhone, openPhonesIn, sealIdNumber, sealPhone, sealPhonesIn } from './sealed.js';

/** After a test that installs other keys, back to the tests' own (HONGYI_DATA_KEY, vitest.config.ts). */
afterEach(() => clearDataKeys());

describe('sealing ID numbers', () => {
  it('opens what it sealed; every seal has its own IV; the hash is the same for the same number', () => {
    const id = idNumberFor('1980-05-06', 17);
    const a = sealIdNumber(id);
    const b = sealIdNumber(id.toLowerCase());
    expect(a).not.toBe(b);
    expect(a).not.toContain(id.slice(6, 14));
    expect(openIdNumber(a)).toBe(id);
    expect(openIdNumber(b)).toBe(id.toUpperCase());
    expect(idNumberHash(id)).toBe(idNumberHash(` ${id.toLowerCase()} `));
    expect(idNumberColumns(id).id_number_tail).toBe(id.slice(-6));
  });

  it('refuses to open with another key, or an altered value, instead of answering garbage', () => {
    const sealed = sealIdNumber(idNumberFor('1980-05-06', 17));
    const other = randomBytes(32).toString('base64');
    const saved = process.env.HONGYI_DATA_KEY;
    process.env.HONGYI_DATA_KEY = other;
    clearDataKeys();
    try {
      expect(() => openIdNumber(sealed)).toThrow(DataKeyError);
      expect(() => openIdNumber(sealed)).toThrow(/not configured/);
    } finally {
      process.env.HONGYI_DATA_KEY = saved;
      clearDataKeys();
    }
    const [v, kid, iv, body] = sealed.split('.');
    const flipped = Buffer.from(body!, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => openIdNumber([v, kid, iv, flipped.toString('base64url')].join('.'))).toThrow(/does not open/);
  });

  it('seals phones under their own associated data: a phone does not open as an ID number, nor the reverse; no number stays empty', () => {
    const a = sealPhone(' 13912345678 ');
    expect(a).not.toBe(sealPhone('13912345678'));
    expect(a).not.toContain('2345678');
    expect(openPhone(a)).toBe('13912345678');
    expect(sealPhone('')).toBe('');
    expect(openPhone('')).toBe('');
    expect(() => openIdNumber(a)).toThrow(/does not open/);
    expect(() => openPhone(sealIdNumber(idNumberFor('1980-05-06', 17)))).toThrow(/does not open/);
    // The audit trail's values: phones under a phone key (or a { field: 'phone' } change) sealed, the rest as it is.
    const value = { name: '甲', phone: '13912345678', changes: [{ field: 'phone', from: '13800000000', to: '13912345678' }, { field: 'post', from: 'a', to: 'b' }] };
    const stored = sealPhonesIn(value);
    expect(JSON.stringify(stored)).not.toMatch(/1[3-9][0-9]{9}/);
    expect(stored.changes[1]).toEqual({ field: 'post', from: 'a', to: 'b' });
    expect(openPhonesIn(stored)).toEqual(value);
  });

  it('reads HONGYI_DATA_KEY strictly: 32 bytes of base64 or a clear error', () => {
    expect(() => readDataKeySource({ HONGYI_DATA_KEY: 'short' }, '/tmp/x')).toThrow(/base64 of 32 random bytes/);
    expect(readDataKeySource({}, '/srv/hongyi/data').file).toBe('/srv/hongyi/hongyi-keys/data.key');
  });
});

describe('the data key and the database', () => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    t = await createTestApp({ empty: true });
    dir = mkdtempSync(join(tmpdir(), 'hongyi-key-'));
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('knows its key: the same key passes, another stops the start with a clear error', async () => {
    await expect(checkDataKey(t.database.db)).resolves.toBeUndefined();
    const wrong = { key: randomBytes(32), previous: [], file: join(dir, 'unused.key') };
    await expect(loadDataKey(t.database.db, wrong)).rejects.toThrow(/is not this database's/);
  });

  it('never makes up a key for a database that holds sealed data', async () => {
    const file = join(dir, 'missing', 'data.key');
    await expect(loadDataKey(t.database.db, { key: null, previous: [], file })).rejects.toThrow(/holds encrypted ID numbers but no data key/);
    expect(existsSync(file)).toBe(false);
  });

  it('creates the key file (0600, outside the data directory) on the first start of a new database, and uses it after', async () => {
    const fresh = await openDatabase({});
    try {
      const source = readDataKeySource({}, join(dir, 'data'));
      expect(source.file.startsWith(join(dir, 'data'))).toBe(false);
      const first = await loadDataKey(fresh.db, source);
      expect(first.created).toBe(source.file);
      expect(readFileSync(source.file, 'utf8').trim()).toHaveLength(44);
      const again = await loadDataKey(fresh.db, source);
      expect(again.created).toBeNull();
      expect(again.key.id).toBe(first.key.id);
    } finally {
      await fresh.close();
    }
  });
});

describe('the phone migration (2026-12-04T0520)', () => {
  it('seals the phones it finds in members, the change history and the audit trail, and drops the plaintext column', { timeout: 300_000 }, async () => {
    const database = await openDatabase({});
    const db = database.db as unknown as Kysely<any>;
    const migrateUpTo = async (last: string) => {
      const subset = Object.fromEntries(Object.entries(migrations).filter(([name]) => name <= last));
      const { error } = await new Migrator({ db, provider: { getMigrations: async () => subset }, allowUnorderedMigrations: true }).migrateToLatest();
      if (error) throw error;
    };
    try {
      await migrateUpTo('2026-12-04T0519');
      const t = (await sql<{ id: number }>`insert into tenants (code, name) values ('x', '甲医院') returning id`.execute(db)).rows[0]!.id;
      const o = (await sql<{ id: number }>`insert into orgs (tenant_id, parent_id, type, name, path, depth) values (${t}, null, 'committee', '党委', '/1/', 0) returning id`.execute(db)).rows[0]!.id;
      const [a, b] = [idNumberColumns(idNumberFor('1980-05-06', 1)), idNumberColumns(idNumberFor('1981-05-06', 2))];
      await sql`insert into members (tenant_id, name, gender, id_number_enc, id_number_hash, id_number_tail, category, org_id, phone, name_sort) values
        (${t}, '甲', 'male', ${a.id_number_enc}, ${a.id_number_hash}, ${a.id_number_tail}, 'full', ${o}, '13911112222', 'a'),
        (${t}, '乙', 'female', ${b.id_number_enc}, ${b.id_number_hash}, ${b.id_number_tail}, 'full', ${o}, '', 'b')`.execute(db);
      const id = (await sql<{ id: number }>`select id from members where name_sort = 'a'`.execute(db)).rows[0]!.id;
      await sql`insert into member_changes (tenant_id, member_id, field, old_value, new_value, source, username) values (${t}, ${id}, 'phone', '13900000000', '13911112222', 'edit', 'org')`.execute(db);
      await sql`insert into audit_log (tenant_id, user_id, username, action, entity_type, entity_id, summary, before, after, ip)
        values (${t}, null, 'org', 'update', 'member', ${String(id)}, '修改党员信息 甲', ${JSON.stringify({ phone: '13900000000' })}::jsonb, ${JSON.stringify({ phone: '13911112222', post: '委员' })}::jsonb, '')`.execute(db);

      await migrateUpTo('9999');
      const members = (await sql<{ phone_enc: string }>`select phone_enc from members order by name_sort`.execute(db)).rows;
      expect(members.map((r) => openPhone(r.phone_enc))).toEqual(['13911112222', '']);
      const change = (await sql<{ old_value: string; new_value: string }>`select old_value, new_value from member_changes where field = 'phone'`.execute(db)).rows[0]!;
      expect([openPhone(change.old_value), openPhone(change.new_value)]).toEqual(['13900000000', '13911112222']);
      const audit = (await sql<{ before: unknown; after: unknown; text: string }>`select before, after, before::text || after::text as text from audit_log`.execute(db)).rows[0]!;
      expect(audit.text).not.toMatch(/139[0-9]{8}/);
      expect(openPhonesIn([audit.before, audit.after])).toEqual([{ phone: '13900000000' }, { phone: '13911112222', post: '委员' }]);
      expect((await sql`select 1 from information_schema.columns where table_name in ('members', 'development_files') and column_name = 'phone'`.execute(db)).rows).toEqual([]);
    } finally {
      await database.close();
    }
  });
});

describe('nothing stored in plaintext', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  }, 300_000);
  afterAll(() => t?.close());

  it('holds no whole ID number or phone in any table (members, applicants, history, audit trail, report runs), and backups carry them sealed', { timeout: 300_000 }, async () => {
    const db = t.database.db;
    // Writes that used to store the number: a new member (its audit row and history), a phone change and a report run.
    const org = await t.login('org');
    const branch = await db.selectFrom('orgs').select('id').where('name', '=', '急诊科全科医学科党支部').executeTakeFirstOrThrow();
    const newId = idNumberFor('1990-01-02', 901);
    const newPhone = '13987650901';
    const changedPhone = '13987650902';
    const created = await org.post('/api/v1/members', { name: '加密甲', idNumber: newId, category: 'full', orgId: branch.id, joinedOn: '2015-07-01', fullOn: '2016-07-01', phone: newPhone });
    expect(created.statusCode).toBe(201);
    expect((await org.patch(`/api/v1/members/${created.json().id}`, { version: 1, phone: changedPhone })).statusCode).toBe(200);
    expect((await org.get(`/api/v1/members/${created.json().id}`)).json().phone).toBe(changedPhone);
    const history = (await org.get(`/api/v1/members/${created.json().id}/history`)).json().items;
    expect(history.find((h: { field: string }) => h.field === 'phone')).toMatchObject({ from: newPhone, to: changedPhone });
    expect((await org.get(`/api/v1/members?q=${newId}`)).json().items.map((m: { idNumber: string }) => m.idNumber)).toEqual([newId]);
    expect((await org.get(`/api/v1/members?q=${newId.slice(-4)}&pageSize=200`)).json().items.map((m: { name: string }) => m.name)).toContain('加密甲');

    const known = new Set<string>();
    for (const r of await db.selectFrom('members').select('id_number_enc').execute()) known.add(openIdNumber(r.id_number_enc));
    for (const r of await db.selectFrom('development_files').select('id_number_enc').execute()) known.add(openIdNumber(r.id_number_enc));
    expect(known.has(newId)).toBe(true);
    expect(known.size).toBeGreaterThan(1000);
    const phones = new Set<string>([newPhone]);
    for (const r of await db.selectFrom('members').select('phone_enc').execute()) phones.add(openPhone(r.phone_enc));
    for (const r of await db.selectFrom('development_files').select('phone_enc').execute()) phones.add(openPhone(r.phone_enc));
    phones.delete('');
    expect(phones.has(changedPhone)).toBe(true);
    expect(phones.size).toBeGreaterThan(1000);
    const MOBILE = /(?<![0-9])1[3-9][0-9]{9}(?![0-9])/g;

    const tables = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(db);
    const found: string[] = [];
    for (const { name } of tables.rows) {
      const rows = await sql<{ j: string }>`select row_to_json(t)::text as j from ${sql.table(name)} t where row_to_json(t)::text ~ '[0-9]{17}[0-9Xx]'`.execute(db);
      for (const { j } of rows.rows) for (const m of j.match(/[0-9]{17}[0-9Xx]/g) ?? []) if (known.has(m.toUpperCase())) found.push(`${name}: ${m}`);
      const withPhones = await sql<{ j: string }>`select row_to_json(t)::text as j from ${sql.table(name)} t where row_to_json(t)::text ~ '1[3-9][0-9]{9}'`.execute(db);
      for (const { j } of withPhones.rows) for (const m of j.match(MOBILE) ?? []) if (phones.has(m)) found.push(`${name}: ${m}`);
    }
    expect(found).toEqual([]);
    // Sensitive roles still read the audit trail's phones in full (opened on reading).
    const admin = await t.login('admin');
    const entry = (await admin.get(`/api/v1/audit?entityType=member&q=${created.json().id}`)).json().items.find((x: { action: string }) => x.action === 'update');
    expect(JSON.stringify(entry)).toContain(changedPhone);
    const audit = await db.selectFrom('audit_log').select(['after']).where('entity_type', '=', 'member').where('entity_id', '=', String(created.json().id)).executeTakeFirstOrThrow();
    expect(JSON.stringify(audit.after)).toContain(`${newId.slice(0, 6)}********${newId.slice(-4)}`);

    // The backup holds what the tables hold: sealed.
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await writeBackup(db, out, t.database.kind);
    const { gunzipSync } = await import('node:zlib');
    const text = gunzipSync(Buffer.concat(chunks)).toString('utf8');
    expect(text).not.toContain(newId);
    expect((text.match(MOBILE) ?? []).filter((m) => phones.has(m))).toEqual([]);
    const dump = Buffer.concat(chunks);

    // Restored with the key: the numbers open; restored with another: refused, nothing changed.
    const target = await openDatabase({});
    try {
      await restoreBackup(target.db, Readable.from(dump), { verify: checkDataKey });
      const back = await target.db.selectFrom('members').select(['id_number_enc', 'phone_enc']).where('id_number_hash', '=', idNumberHash(newId)).executeTakeFirstOrThrow();
      expect(openIdNumber(back.id_number_enc)).toBe(newId);
      expect(openPhone(back.phone_enc)).toBe(changedPhone);
    } finally {
      await target.close();
    }
    const other = await openDatabase({});
    const saved = process.env.HONGYI_DATA_KEY;
    try {
      process.env.HONGYI_DATA_KEY = randomBytes(32).toString('base64');
      clearDataKeys();
      await expect(restoreBackup(other.db, Readable.from(dump), { verify: checkDataKey })).rejects.toThrow(/is not this database's/);
      expect((await sql<{ n: number }>`select count(*)::int as n from members`.execute(other.db)).rows[0]!.n).toBe(0);
    } finally {
      process.env.HONGYI_DATA_KEY = saved;
      clearDataKeys();
      await other.close();
    }
  });
});
