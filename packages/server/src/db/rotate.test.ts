import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../test/harness.js';
import { idNumberFor } from '../test/fixture.js';
import { checkDataKey, loadDataKey } from './dataKey.js';
import { rotateDataKey, rotateToNewKeyFile } from './rotate.js';
import { DataKeyError, clearDataKeys, dataKeyOf, dataKeys, idNumberHash, openIdNumber, openPhone, parseDataKey, setDataKeys } from './sealed.js';

/** After the test, back to the tests' own key (HONGYI_DATA_KEY, vitest.config.ts). */
afterEach(() => clearDataKeys());

const keyIds = (values: string[]) => [...new Set(values.map((v) => v.split('.')[1]))];

describe('rotating the data key', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  }, 300_000);
  afterAll(() => t?.close());

  it('re-seals and re-hashes every ID number and phone with the new key in one go, forgets the old key, and a second run changes nothing', { timeout: 300_000 }, async () => {
    const db = t.database.db;
    const org = await t.login('org');
    const oldKey = dataKeys().current;
    // Sealed values of every kind: members and applicants (demo), a new member's history (its ID number) and a report run listing ID numbers.
    const branch = await db.selectFrom('orgs').select('id').where('name', '=', '急诊科全科医学科党支部').executeTakeFirstOrThrow();
    const changedTo = idNumberFor('1985-03-04', 777);
    const created = await org.post('/api/v1/members', { name: '轮换甲', idNumber: changedTo, category: 'full', orgId: branch.id, joinedOn: '2010-07-01', fullOn: '2011-07-01', phone: '13900000777' });
    expect(created.statusCode).toBe(201);
    const member = { id: created.json().id as number };
    // A phone change: the history and the audit trail keep both numbers sealed.
    expect((await org.patch(`/api/v1/members/${member.id}`, { version: 1, phone: '13900000778' })).statusCode).toBe(200);
    const root = await db.selectFrom('orgs').select('id').where('parent_id', 'is', null).orderBy('id').executeTakeFirstOrThrow();
    const report = await org.post('/api/v1/reports', { title: '轮换前的报表', requester: '市卫健委党委', asOf: '2026-10-31', orgId: root.id, rowDimension: 'ageBand', fields: ['name', 'idNumber'] });
    expect(report.statusCode).toBe(201);
    const posted = await org.post(`/api/v1/reports/${report.json().id}/runs`);
    expect(posted.statusCode).toBe(201);
    const runId = posted.json().id;

    const before = {
      members: (await db.selectFrom('members').select(['id', 'id_number_enc']).orderBy('id').execute()).map((r) => ({ id: r.id, number: openIdNumber(r.id_number_enc) })),
      applicants: (await db.selectFrom('development_files').select(['id', 'id_number_enc']).orderBy('id').execute()).map((r) => ({ id: r.id, number: openIdNumber(r.id_number_enc) })),
      phones: (await db.selectFrom('members').select(['id', 'phone_enc']).orderBy('id').execute()).map((r) => ({ id: r.id, phone: openPhone(r.phone_enc) })),
      applicantPhones: (await db.selectFrom('development_files').select(['id', 'phone_enc']).orderBy('id').execute()).map((r) => ({ id: r.id, phone: openPhone(r.phone_enc) })),
    };
    expect(before.phones.filter((p) => p.phone !== '').length).toBeGreaterThan(1000);
    expect(keyIds((await db.selectFrom('members').select('id_number_enc').execute()).map((r) => r.id_number_enc))).toEqual([oldKey.id]);

    const fresh = randomBytes(32);
    setDataKeys(fresh, [oldKey.key]);
    await checkDataKey(db);
    const result = await rotateDataKey(db);
    const newId = dataKeyOf(fresh).id;
    expect(result).toMatchObject({ keyId: newId, members: before.members.length, developmentFiles: before.applicants.length, retired: [oldKey.id] });
    expect(result.memberChanges).toBeGreaterThan(0);
    expect(result.reportRuns).toBeGreaterThan(0);
    expect(result.auditRows).toBeGreaterThan(0);

    // Every value opens to the same number under the new key, its hash is the new key's, and nothing names the old key.
    const members = await db.selectFrom('members').select(['id', 'id_number_enc', 'id_number_hash', 'id_number_tail']).orderBy('id').execute();
    expect(members.map((r) => ({ id: r.id, number: openIdNumber(r.id_number_enc) }))).toEqual(before.members);
    expect(members.every((r) => r.id_number_hash === idNumberHash(openIdNumber(r.id_number_enc)))).toBe(true);
    expect(keyIds(members.map((r) => r.id_number_enc))).toEqual([newId]);
    const applicants = await db.selectFrom('development_files').select(['id', 'id_number_enc']).orderBy('id').execute();
    expect(applicants.map((r) => ({ id: r.id, number: openIdNumber(r.id_number_enc) }))).toEqual(before.applicants);
    const phones = await db.selectFrom('members').select(['id', 'phone_enc']).orderBy('id').execute();
    expect(phones.map((r) => ({ id: r.id, phone: openPhone(r.phone_enc) }))).toEqual(before.phones);
    expect(keyIds(phones.map((r) => r.phone_enc).filter((v) => v !== ''))).toEqual([newId]);
    const applicantPhones = await db.selectFrom('development_files').select(['id', 'phone_enc']).orderBy('id').execute();
    expect(applicantPhones.map((r) => ({ id: r.id, phone: openPhone(r.phone_enc) }))).toEqual(before.applicantPhones);
    expect(keyIds(applicantPhones.map((r) => r.phone_enc).filter((v) => v !== ''))).toEqual([newId]);
    const stale = await sql<{ n: number }>`
      select (select count(*) from member_changes where old_value like ${`v1.${oldKey.id}.%`} or new_value like ${`v1.${oldKey.id}.%`})
           + (select count(*) from report_runs where result::text like ${`%"v1.${oldKey.id}.%`})
           + (select count(*) from audit_log where before::text like ${`%"v1.${oldKey.id}.%`} or after::text like ${`%"v1.${oldKey.id}.%`}) as n`.execute(db);
    expect(Number(stale.rows[0]!.n)).toBe(0);
    expect((await db.selectFrom('data_keys').select('key_id').execute()).map((r) => r.key_id)).toEqual([newId]);

    // The server, with the new key alone, finds a member by the whole number (the hash) and shows the history and the run.
    setDataKeys(fresh);
    await checkDataKey(db);
    expect((await org.get(`/api/v1/members?q=${changedTo}`)).json().items.map((m: { id: number }) => m.id)).toEqual([member.id]);
    const totals: number[] = (await org.get(`/api/v1/reports/runs/${runId}`)).json().result.breakdown.rowTotals;
    const cell = (await org.get(`/api/v1/reports/runs/${runId}/cell?row=${totals.findIndex((n) => n > 0)}&column=-1`)).json();
    expect(cell.people.length).toBeGreaterThan(0);
    expect(JSON.stringify(cell)).not.toContain('v1.');
    const history = (await org.get(`/api/v1/members/${member.id}/history`)).json().items;
    expect(history.find((h: { field: string }) => h.field === 'phone')).toMatchObject({ from: '13900000777', to: '13900000778' });
    const admin = await t.login('admin');
    const audit = (await admin.get(`/api/v1/audit?entityType=member&q=${member.id}`)).json().items.find((x: { action: string }) => x.action === 'update');
    expect(audit.after.phone).toBe('13900000778');

    // The old key alone opens nothing any more, and a start with it is refused.
    setDataKeys(oldKey.key);
    expect(() => openIdNumber(members[0]!.id_number_enc)).toThrow(DataKeyError);
    await expect(checkDataKey(db)).rejects.toThrow(/is not this database's/);

    // Running it again changes nothing.
    setDataKeys(fresh);
    expect(await rotateDataKey(db)).toMatchObject({ members: 0, developmentFiles: 0, memberChanges: 0, reportRuns: 0, auditRows: 0, retired: [] });

    // Back to the tests' key (the next test starts from it).
    setDataKeys(oldKey.key, [fresh]);
    await rotateDataKey(db);
  });

  it('with the key file, writes the new key before changing anything, swaps the files after, and keeps the old key beside', { timeout: 300_000 }, async () => {
    const db = t.database.db;
    const dir = mkdtempSync(join(tmpdir(), 'hongyi-rotate-'));
    try {
      const testKey = dataKeys().current;
      const file = join(dir, 'data.key');
      writeFileSync(file, `${testKey.key.toString('base64')}\n`, { mode: 0o600 });
      await expect(rotateToNewKeyFile(db, { key: testKey.key, previous: [], file })).rejects.toThrow(/HONGYI_DATA_KEY is set/);

      const done = await rotateToNewKeyFile(db, { key: null, previous: [], file });
      const fresh = parseDataKey(readFileSync(file, 'utf8'), 'test');
      expect(done).toMatchObject({ keyId: dataKeyOf(fresh).id, retired: [testKey.id], keyFile: file, retiredFile: `${file}.retired-${testKey.id}` });
      expect(done.members).toBeGreaterThan(1000);
      expect(readFileSync(done.retiredFile, 'utf8').trim()).toBe(testKey.key.toString('base64'));
      expect(existsSync(`${file}.next`)).toBe(false);
      expect((statSync(file).mode & 0o777).toString(8)).toBe('600');
      // A start reads the new file and opens everything; the retired key is not the database's any more.
      clearDataKeys();
      await loadDataKey(db, { key: null, previous: [], file });
      const m = await db.selectFrom('members').select('id_number_enc').limit(1).executeTakeFirstOrThrow();
      expect(openIdNumber(m.id_number_enc)).toMatch(/^[0-9]{17}[0-9X]$/);
      await expect(loadDataKey(db, { key: null, previous: [], file: done.retiredFile })).rejects.toThrow(/is not this database's/);
      setDataKeys(testKey.key, [fresh]);
      await rotateDataKey(db);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
