import { idNumberCheckChar } from '@hongyi/core';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { buildApp } from '../src/app.js';
import { nameColumns } from '../src/modules/members/pinyin.js';
import { formData } from '../src/test/multipart.js';
import type { BenchResult } from './context.js';
import { withBenchTenant } from './kit.js';
import { signIn } from './session.js';
import { idNumberColumns } from '../src/db/sealed.js';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 10_000);

function idFor(n: number): string {
  // Birth dates spread over 1960–1999, sequence from n: valid GB 11643 numbers.
  const birth = new Date(Date.UTC(1960, 0, 1) + (n % 14_600) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  const first17 = `110101${birth}${String(n % 1000).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

/**
 * Roster import of 10,000 rows, preview + commit (issue: ≤ 15 s on PostgreSQL): half the rows
 * update members already held (a new phone and education), half add new members, on a tenant of
 * BENCH_MEMBERS members (default 100,000) so the lookups run against a full table.
 */
export async function rosterImportBench(): Promise<BenchResult[]> {
  const size = Number(process.env.BENCH_MEMBERS ?? 100_000);
  return withBenchTenant({ members: size, branches: Math.ceil(size / 40) }, { username: 'bench.org', role: 'org_office' }, async ({ database, db, tenant }) => {
    const branches = await db.selectFrom('orgs').select(['id', 'name']).where('tenant_id', '=', tenant.tenantId).where('type', '=', 'branch').orderBy('id').limit(50).execute();

    // Unique valid ID numbers (distinct sequence per birth date).
    const ids: string[] = [];
    const seen = new Set<string>();
    for (let n = 0; ids.length < ROWS; n++) {
      const id = idFor(n);
      if (!seen.has(id)) {
        seen.add(id);
        ids.push(id);
      }
    }
    const half = Math.floor(ROWS / 2);
    // The first half are already members (as a previous import would have left them).
    const existing = ids.slice(0, half).map((id, i) => ({
      tenant_id: tenant.tenantId,
      name: `已在册${i}`,
      ...nameColumns(`已在册${i}`),
      gender: (Number(id[16]) % 2 === 1 ? 'male' : 'female') as 'male' | 'female',
      ...idNumberColumns(id),
      birth_date: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
      category: 'full' as const,
      org_id: branches[i % branches.length]!.id,
      joined_on: '2010-07-01',
      full_on: '2011-07-01',
      education: '大学本科',
      phone: '13800000000',
    }));
    for (let i = 0; i < existing.length; i += 1000) await db.insertInto('members').values(existing.slice(i, i + 1000)).execute();
    await sql`analyze members`.execute(db);

    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('花名册');
    const headers = ['序号', '姓名', '公民身份号码', '所在党支部', '人员类别', '入党日期', '转为正式党员日期', '学历', '联系电话'];
    sheet.addRow(['基准测试医院党员花名册']);
    sheet.mergeCells(1, 1, 1, headers.length);
    sheet.addRow(headers);
    ids.forEach((id, i) => {
      const update = i < half;
      sheet.addRow([i + 1, update ? `已在册${i}` : `新党员${i}`, id, branches[i % branches.length]!.name, '正式党员', '2010.07', '2011年7月1日', update ? '硕士研究生' : '本科', `139${String(i).padStart(8, '0')}`]);
    });
    const form = formData({}, [{ name: '花名册.xlsx', content: Buffer.from(await workbook.xlsx.writeBuffer()) }]);

    const app = await buildApp({ database, sessionSecret: 'bench', webDist: null, version: 'bench' });
    await app.ready();
    const client = await signIn(app, 'bench.org');
    const post = (url: string) => client.request('POST', url, { payload: form.payload, headers: form.headers });

    const start = performance.now();
    const preview = await post('/api/v1/members/import/preview');
    const previewMs = performance.now() - start;
    if (preview.statusCode !== 200) throw new Error(`preview ${preview.statusCode}: ${preview.body.slice(0, 300)}`);
    const p = preview.json() as { added: number; updated: number; errorCount: number };
    if (p.errorCount > 0 || p.added !== ROWS - half || p.updated !== half) throw new Error(`unexpected preview ${JSON.stringify(p)}`);
    const commitStart = performance.now();
    const commit = await post('/api/v1/members/import/commit');
    const commitMs = performance.now() - commitStart;
    if (commit.statusCode !== 201) throw new Error(`commit ${commit.statusCode}: ${commit.body.slice(0, 300)}`);
    await app.close();
    const total = (previewMs + commitMs) / 1000;
    return [
      {
        name: `roster import, ${ROWS.toLocaleString('en')} rows (${half.toLocaleString('en')} updates) into ${size.toLocaleString('en')} members (${database.kind})`,
        detail: `preview ${(previewMs / 1000).toFixed(1)} s + commit ${(commitMs / 1000).toFixed(1)} s = ${total.toFixed(1)} s`,
        target: '≤ 15 s',
        ok: total <= 15,
      },
    ];
  });
}
