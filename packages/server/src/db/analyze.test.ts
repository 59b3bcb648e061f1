import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, createTestApp } from '../test/harness.js';
import { postFile } from '../test/multipart.js';
import { analyzeTables } from './analyze.js';
import type { DB } from './schema.js';
import { idNumberColumns, openIdNumber } from './sealed.js';

let t: TestApp;
let org: Client;

beforeAll(async () => {
  t = await createTestApp();
  org = await t.login('org');
});
afterAll(() => t.close());

/**
 * What the planner believes a table holds (pg_class.reltuples: -1 or 0 until analysed) beside
 * what it holds. ANALYZE reads every page of a table this small, so the two agree exactly
 * right after it and differ once rows are written without it.
 */
async function statistics(table: keyof DB & string) {
  const { rows } = await sql<{ estimated: number; counted: number }>`
    select (select reltuples from pg_class where oid = ${table}::regclass)::int8 as estimated, (select count(*) from ${sql.table(table)})::int8 as counted`.execute(t.database.db);
  return { estimated: Number(rows[0]!.estimated), counted: Number(rows[0]!.counted) };
}

describe('planner statistics after bulk writes', () => {
  it('the demo load leaves every table it filled analysed', async () => {
    for (const table of ['members', 'orgs', 'dues_entries', 'dues_bases', 'orglife_records', 'orglife_attendance', 'development_files', 'member_org_periods'] as const) {
      const s = await statistics(table);
      expect(s.counted, table).toBeGreaterThan(0);
      expect(s.estimated, table).toBe(s.counted);
    }
  });

  it('analyzeTables refreshes the named tables (and skips an empty list)', async () => {
    const tenant = (await t.database.db.selectFrom('tenants').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow()).id;
    const org = await t.database.db.selectFrom('orgs').select('id').where('tenant_id', '=', tenant).limit(1).executeTakeFirstOrThrow();
    await sql`insert into orglife_channels (tenant_id, org_id, kind, target) select ${tenant}, ${org.id}, 'email', 'x' || g || '@example.cn' from generate_series(1, 40) g`.execute(t.database.db);
    const before = await statistics('orglife_channels');
    expect(before.estimated).not.toBe(before.counted);
    await analyzeTables(t.database.db, []);
    await analyzeTables(t.database.db, ['orglife_channels']);
    const after = await statistics('orglife_channels');
    expect(after.estimated).toBe(after.counted);
  });

  it('a month close analyses the ledger once it has grown by a tenth since its statistics, and a payroll import analyses the bases', async () => {
    // A small close (one month of ~1,500 members on a ledger of ~38,000 entries) leaves them.
    const before = await statistics('dues_entries');
    expect(before.estimated).toBe(before.counted);
    const small = await org.post('/api/v1/dues/months/2026-11/close', {});
    expect(small.statusCode, small.body).toBe(201);
    expect(small.json().created).toBeGreaterThan(100);
    const after = await statistics('dues_entries');
    expect(after.counted).toBe(before.counted + small.json().created);
    expect(after.estimated).toBe(before.estimated);

    // Once the ledger has grown by more than a tenth (here by entries written directly), the next close analyses it.
    await sql`
      insert into dues_entries (tenant_id, member_id, org_id, month, kind, affects, amount_cents, method, paid_on)
      select tenant_id, member_id, org_id, month, 'payment', 'paid', 0, 'cash', '2026-11-20' from dues_entries where kind = 'due' and month < '2026-07-01'`.execute(t.database.db);
    const member = await t.database.db.selectFrom('members').select(['id', 'org_id']).where('status', '=', 'active').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    const sealed = idNumberColumns('990000199001019999');
    await sql`insert into members (tenant_id, name, name_pinyin, name_initials, name_sort, gender, id_number_enc, id_number_hash, id_number_tail, category, org_id, joined_on, dues_category)
      select tenant_id, '统计测试', 'tongjiceshi', 'tjcs', 'tongjiceshi', 'male', ${sealed.id_number_enc}, ${sealed.id_number_hash}, ${sealed.id_number_tail}, 'full', org_id, '2020-01-01', 'student' from members where id = ${member.id}`.execute(t.database.db);
    const next = await org.post('/api/v1/dues/months/2026-11/close', {});
    expect(next.json().created).toBe(1);
    const entries = await statistics('dues_entries');
    expect(entries.estimated).toBe(entries.counted);

    const payee = await t.database.db.selectFrom('members').select(['name', 'id_number_enc']).where('status', '=', 'active').orderBy('id').limit(1).executeTakeFirstOrThrow();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('工资表');
    ws.addRow(['序号', '姓名', '身份证号码', '岗位工资', '薪级工资', '基础性绩效工资', '所得税']);
    ws.addRow([1, payee.name, openIdNumber(payee.id_number_enc), 3000, 1500, 2000, 100]);
    const content = Buffer.from(await wb.xlsx.writeBuffer());
    const imported = await postFile(org, '/api/v1/dues/payroll/commit', { name: 'p.xlsx', content }, { year: '2026' });
    expect(imported.statusCode, imported.body).toBe(201);
    const bases = await statistics('dues_bases');
    expect(bases.estimated).toBe(bases.counted);
  });
});
