import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp, errorOf } from '../../test/harness.js';
import { LEGACY_HEADERS, legacyRosterRows } from '../../test/files/legacyRoster.js';
import { readSheet } from '../../lib/excel.js';
import { AppError } from '../../plugins/errors.js';
import { postRoster, rosterFile } from './testRoster.js';

// Saved by LibreOffice as "Excel 97–2003" from the rows of legacyRoster.ts (make-legacy-files.ts).
const LEGACY = readFileSync(new URL('../../test/files/roster-lo97.xls', import.meta.url));

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type PreviewRow = { row: number; name: string; action: string; errors: { path: string; message: string }[] };

describe('legacy .xls rosters (Excel 97–2003)', () => {
  it('reads cells at their own rows and columns: text, numbers, dates as date cells, the merged title above', async () => {
    const sheet = await readSheet(LEGACY, { invalid: new AppError(400, 'X'), empty: new AppError(400, 'Y') });
    expect(sheet.getCell(1, 1).value).toBe('急诊科全科医学科党支部党员花名册');
    expect(sheet.getRow(3).values).toEqual([undefined, ...LEGACY_HEADERS]);
    // A date typed as a date cell arrives as the same date, whatever the server's time zone.
    expect((sheet.getCell(7, 6).value as Date).toISOString().slice(0, 10)).toBe('2018-06-30');
    // A serial number typed as a plain number stays a number.
    expect(sheet.getCell(6, 6).value).toBe(43647);
    // The ID number typed as text stays text (all 18 characters).
    expect(sheet.getCell(4, 3).value).toBe(legacyRosterRows()[0]![2]);
  });

  it('keeps merged ranges: every cell of a branch merged down its rows reads the branch', async () => {
    const XLSX = await import('@e965/xlsx');
    const sheet = XLSX.utils.aoa_to_sheet([['姓名', '所在支部'], ['甲', '急诊科全科医学科党支部'], ['乙'], ['丙']]);
    sheet['!merges'] = [{ s: { r: 1, c: 1 }, e: { r: 3, c: 1 } }];
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, sheet, '花名册');
    const file = XLSX.write(book, { type: 'buffer', bookType: 'xls' }) as Buffer;
    const read = await readSheet(file, { invalid: new AppError(400, 'X'), empty: new AppError(400, 'Y') });
    expect([2, 3, 4].map((r) => [read.getCell(r, 1).value, read.getCell(r, 2).value])).toEqual([
      ['甲', '急诊科全科医学科党支部'],
      ['乙', '急诊科全科医学科党支部'],
      ['丙', '急诊科全科医学科党支部'],
    ]);
  });

  it('previews the same as the same roster saved as .xlsx, row numbers and errors included', async () => {
    const org = await t.login('org');
    const fromXls = await postRoster(org, 'preview', LEGACY, '党员花名册.xls');
    expect(fromXls.statusCode).toBe(200);
    const fromXlsx = await postRoster(org, 'preview', await rosterFile(LEGACY_HEADERS, legacyRosterRows()));
    expect(fromXlsx.statusCode).toBe(200);
    const legacy = fromXls.json() as { added: number; errorRows: number; rows: PreviewRow[] };
    expect(legacy).toEqual(fromXlsx.json());
    expect(legacy).toMatchObject({ added: 5, errorRows: 1 });
    const byName = (name: string) => legacy.rows.find((r) => r.name === name)!;
    // The date cells (row 7) and the serial numbers (row 6) are read as dates, without a row error.
    expect(byName('韩志强')).toMatchObject({ row: 7, action: 'add', errors: [] });
    expect(byName('温丽娟')).toMatchObject({ row: 6, action: 'add', errors: [] });
    const wrong = byName('葛明');
    expect(wrong.row).toBe(9);
    expect(wrong.errors.map((e) => e.path)).toContain('rows[9].idNumber');
  });

  it('commits an .xls roster whole or not at all', async () => {
    const org = await t.login('org');
    const names = ['庞晓燕', '邵建国', '温丽娟', '韩志强', '祁海燕'];
    const imported = () => t.database.db.selectFrom('members').select(['name', 'joined_on', 'full_on', 'status']).where('name', 'in', names).orderBy('name').execute();
    // The row with a wrong check digit keeps the whole file from committing: nothing half-imports.
    expect((await postRoster(org, 'commit', LEGACY, '党员花名册.xls')).statusCode).toBe(400);
    expect(await imported()).toEqual([]);
    const clean = readFileSync(new URL('../../test/files/roster-lo97-clean.xls', import.meta.url));
    const res = await postRoster(org, 'commit', clean, '党员花名册.xls');
    expect(res.statusCode).toBe(201);
    const rows = await imported();
    expect(rows).toHaveLength(5);
    expect(rows.find((r) => r.name === '韩志强')).toMatchObject({ joined_on: '2018-06-30', full_on: '2019-06-30' });
    expect(rows.find((r) => r.name === '温丽娟')).toMatchObject({ joined_on: '2019-07-01', full_on: '2020-07-01' });
    expect(rows.find((r) => r.name === '邵建国')).toMatchObject({ joined_on: '2014-06-28', full_on: '2015-06-28' });
    expect(rows.find((r) => r.name === '祁海燕')).toMatchObject({ joined_on: '2026-03-01', full_on: null });
  });

  it('refuses a compound file that is not a workbook, and names .xls among the kinds taken', async () => {
    const org = await t.login('org');
    // A compound-file signature with nothing readable behind it (a damaged or non-Excel OLE file).
    const damaged = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(2048, 0)]);
    const res = await postRoster(org, 'preview', damaged, '名册.xls');
    expect(res.statusCode).toBe(400);
    expect(errorOf(res)).toMatchObject({ code: 'ROSTER_FILE_INVALID', message: '无法读取该文件，请上传 .xlsx 或 .xls 格式的 Excel 文件' });
    const text = await postRoster(org, 'preview', Buffer.from('姓名,身份证号'), '名册.xls');
    expect(errorOf(text).details?.[0]?.message).toBe('文件“名册.xls”不是可接收的类型：请上传 .xlsx、.xls 文件');
  });
});
