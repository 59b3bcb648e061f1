/**
 * Reading a bank / online payment statement sheet: 姓名, 身份证号码, 金额 (元), 缴纳日期, 流水号.
 * The heading row is the first with 姓名 (banks put a title above); row numbers are Excel rows.
 */
import { type ApiErrorDetail, type Language, yuanToCents } from '@hongyi/core';
import ExcelJS from 'exceljs';
import { AppError } from '../../plugins/errors.js';
import { translate } from '../../plugins/i18n.js';
import type { StatementRow } from './service.js';

const HEADERS = { name: ['姓名', '户名', '付款人'], idNumber: ['身份证号码', '身份证号'], amount: ['金额', '金额（元）', '交易金额'], paidOn: ['缴纳日期', '交易日期', '日期'], reference: ['流水号', '交易流水号', '凭证号'] } as const;

function text(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('result' in value) return text(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('text' in value) return String(value.text);
  }
  return String(value).trim();
}

/** '2026/11/2', '2026-11-02', '20261102' or an Excel date → 'YYYY-MM-DD', or null. */
function dateOf(value: ExcelJS.CellValue): string | null {
  const s = text(value);
  const m = /^(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})日?$/.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
  return dt.toISOString().slice(0, 10);
}

export async function parseStatement(fileBase64: string, language: Language): Promise<StatementRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(fileBase64, 'base64') as unknown as ArrayBuffer);
  } catch {
    throw new AppError(400, 'DUES_PAYROLL_FILE_INVALID');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new AppError(400, 'DUES_PAYROLL_EMPTY');
  let headerRow = 0;
  const columns: Partial<Record<keyof typeof HEADERS, number>> = {};
  for (let r = 1; r <= Math.min(10, sheet.rowCount) && headerRow === 0; r++) {
    sheet.getRow(r).eachCell((cell, col) => {
      const h = text(cell.value).replace(/\s+/g, '');
      for (const [key, names] of Object.entries(HEADERS) as [keyof typeof HEADERS, readonly string[]][]) {
        if (names.includes(h)) columns[key] = col;
      }
    });
    if (columns.name) headerRow = r;
  }
  const missing = (['name', 'idNumber', 'amount', 'paidOn'] as const).filter((k) => !columns[k]);
  if (headerRow === 0 || missing.length > 0) {
    throw new AppError(
      400,
      'DUES_PAYROLL_COLUMNS',
      {},
      missing.map((k) => ({ path: `columns.${HEADERS[k][0]}`, message: translate('DUES_PAYROLL_COLUMN_MISSING', language, { column: HEADERS[k][0] }) })),
    );
  }
  const rows: StatementRow[] = [];
  const details: ApiErrorDetail[] = [];
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const name = text(row.getCell(columns.name!).value).replace(/\s+/g, '');
    if (!name) continue;
    const amountCell = row.getCell(columns.amount!).value;
    const amount = yuanToCents(amountCell && typeof amountCell === 'object' && 'result' in amountCell ? amountCell.result : amountCell);
    const paidOn = dateOf(row.getCell(columns.paidOn!).value);
    if (amount === null || Number.isNaN(amount) || amount <= 0) {
      details.push({ path: `rows[${r}].金额`, message: translate('DUES_PAYROLL_VALUE_INVALID', language, { column: '金额' }) });
    }
    if (!paidOn) details.push({ path: `rows[${r}].缴纳日期`, message: translate('DUES_STATEMENT_DATE_INVALID', language) });
    rows.push({
      name,
      idNumber: text(row.getCell(columns.idNumber!).value).toUpperCase(),
      amountCents: amount ?? 0,
      paidOn: paidOn ?? '',
      reference: columns.reference ? text(row.getCell(columns.reference).value) : '',
      sheetRow: r,
    });
  }
  if (details.length > 0) throw new AppError(400, 'DUES_STATEMENT_ROWS_INVALID', { count: details.length }, details);
  if (rows.length === 0) throw new AppError(400, 'DUES_PAYROLL_EMPTY');
  return rows;
}
