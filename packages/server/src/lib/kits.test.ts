import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { attachmentDisposition, safeFileName } from './download.js';
import { body, chineseDate, chineseNumeralDate, docxBuffer, signatureLines, table, title } from './docx.js';
import { cellDate, cellNumber, cellText, findHeader, idNumberStoredAsNumber, isFooterRow, neutraliseFormula, workbookBuffer } from './excel.js';

describe('Excel kit: reading', () => {
  it('reads cells as people typed them', () => {
    expect(cellText('  张　三  ')).toBe('张 三');
    expect(cellText('ＡＢＣ１２３（）')).toBe('ABC123()');
    expect(cellText({ formula: 'A1', result: '结果' } as ExcelJS.CellValue)).toBe('结果');
    expect(cellText({ richText: [{ text: '富' }, { text: '文本' }] } as ExcelJS.CellValue)).toBe('富文本');
    expect(cellText(110101198503040011)).toMatch(/^\d{18}$/); // all digits, not 1.1e+17
    expect(cellNumber('1,234.5')).toBe(1234.5);
    expect(cellNumber('')).toBeUndefined();
    expect(cellNumber('abc')).toBeNull();
  });

  it('reads dates in the forms offices keep them', () => {
    expect(cellDate('2019.07')).toBe('2019-07-01');
    expect(cellDate('2019年7月1日')).toBe('2019-07-01');
    expect(cellDate('2019/7/1')).toBe('2019-07-01');
    expect(cellDate(20190701)).toBe('2019-07-01');
    expect(cellDate(43647)).toBe('2019-07-01');
    expect(cellDate(new Date(Date.UTC(2019, 6, 1)))).toBe('2019-07-01');
    expect(cellDate('2019-02-30')).toBeNull();
    expect(cellDate('')).toBeUndefined();
  });

  it('knows an ID number that Excel stored as a number', () => {
    expect(idNumberStoredAsNumber(110101198503040000)).toBe(true);
    expect(idNumberStoredAsNumber('110101198503040011')).toBe(false);
  });

  it('finds the heading row below a title, by any of a column’s names', () => {
    const sheet = new ExcelJS.Workbook().addWorksheet('s');
    sheet.addRow(['某某银行代收党费明细']);
    sheet.addRow([]);
    sheet.addRow(['户名', '身份证号 ', '交易金额', '*交易日期：']);
    const found = findHeader(sheet, { name: ['姓名', '户名'], idNumber: ['身份证号码', '身份证号'], amount: ['金额', '交易金额'], paidOn: ['缴纳日期', '交易日期'], reference: ['流水号'] }, ['name', 'idNumber', 'amount', 'paidOn']);
    expect(found).toEqual({ row: 3, columns: { name: 1, idNumber: 2, amount: 3, paidOn: 4 }, missing: [] });
    const partly = findHeader(sheet, { name: ['户名'], phone: ['电话'] }, ['name', 'phone']);
    expect(partly).toEqual({ row: 3, columns: { name: 1 }, missing: ['phone'] });
  });

  it('recognises the footer lines under a list', () => {
    for (const row of [['合计：15人'], ['', '填表人：王芳'], ['审核人：李强', '', '日期：2026-11-01'], ['制表日期 2026.11']]) expect(isFooterRow(row)).toBe(true);
    for (const row of [['张合计'], ['王芳', '填表人'], []]) expect(isFooterRow(row)).toBe(false);
  });
});

describe('Excel kit: writing', () => {
  it('never writes text a spreadsheet would run as a formula, and leaves numbers alone', () => {
    expect(neutraliseFormula('=HYPERLINK("http://x","y")')).toBe('\'=HYPERLINK("http://x","y")');
    expect(neutraliseFormula('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutraliseFormula('+86 139')).toBe('+86 139');
    expect(neutraliseFormula('-3.5')).toBe('-3.5');
    expect(neutraliseFormula('张三')).toBe('张三');
  });

  it('masks ID and phone columns unless the caller may see them', async () => {
    const rows = [{ name: '=1+1', idNumber: '110101198503040011', phone: '13912345678' }];
    const columns = [
      { header: '姓名', value: (r: (typeof rows)[number]) => r.name },
      { header: '身份证号', value: (r: (typeof rows)[number]) => r.idNumber, personal: 'idNumber' as const },
      { header: '电话', value: (r: (typeof rows)[number]) => r.phone, personal: 'phone' as const },
    ];
    const read = async (buffer: Buffer) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(buffer as unknown as ArrayBuffer);
      return (wb.worksheets[0]!.getRow(2).values as unknown[]).slice(1);
    };
    expect(await read(await workbookBuffer('s', columns, rows))).toEqual(["'=1+1", '110101********0011', '139****5678']);
    expect(await read(await workbookBuffer('s', columns, rows, { sensitive: true }))).toEqual(["'=1+1", '110101198503040011', '13912345678']);
  });

  it('writes a large workbook as offices expect it (title, bold heading, frozen rows, ID numbers as text) and lets other work run meanwhile', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => ({ name: `党员${i}`, idNumber: '110101198503040011', age: i }));
    const columns = [
      { header: '姓名', width: 12, value: (r: (typeof rows)[number]) => r.name },
      { header: '身份证号', value: (r: (typeof rows)[number]) => r.idNumber, personal: 'idNumber' as const },
      { header: '年龄', value: (r: (typeof rows)[number]) => r.age },
    ];
    // A timer due every millisecond fires while the workbook is written: the writer yields between row batches.
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const buffer = await workbookBuffer('名册', columns, rows, { title: '党员名册' });
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.name).toBe('名册');
    expect(sheet.rowCount).toBe(3002);
    expect(sheet.getCell('A1').value).toBe('党员名册');
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect(sheet.getCell('A1').isMerged && sheet.getCell('C1').isMerged).toBe(true);
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual(['姓名', '身份证号', '年龄']);
    expect(sheet.getCell('B2').font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(sheet.getColumn(1).width).toBe(12);
    expect((sheet.getRow(3002).values as unknown[]).slice(1)).toEqual(['党员2999', '110101********0011', 2999]);
    expect(sheet.getCell('B3002').numFmt).toBe('@');
  });
});

describe('Word kit', () => {
  it('writes dates the Chinese way', () => {
    expect(chineseDate('2026-11-03')).toBe('2026年11月3日');
    expect(chineseDate('2026-10')).toBe('2026年10月');
    expect(chineseNumeralDate('2026-11-23')).toBe('二〇二六年十一月二十三日');
    expect(chineseNumeralDate('2026-10')).toBe('二〇二六年十月');
  });

  it('builds an A4 document with a title, text, a table and signature lines', async () => {
    const buffer = await docxBuffer([title('会议记录'), body('正文'), table(['序号', '姓名'], [['1', '张三']]), ...signatureLines(['主持人', '记录人'])]);
    const xml = (await (await JSZip.loadAsync(buffer)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    for (const text of ['会议记录', '正文', '序号', '张三', '主持人（签字）：', '记录人（签字）：', '日期：']) expect(xml).toContain(text);
  });
});

describe('downloads', () => {
  it('names the file safely in both header forms', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\docs\\会议.docx')).toBe('会议.docx');
    expect(safeFileName('a\r\nb".txt')).toBe('ab.txt');
    expect(attachmentDisposition('会议记录.docx')).toBe(`attachment; filename="____.docx"; filename*=UTF-8''${encodeURIComponent('会议记录.docx')}`);
  });
});
