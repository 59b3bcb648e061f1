/**
 * Reading a bank / online payment statement sheet with the Excel kit: 姓名, 身份证号码,
 * 金额 (元), 缴纳日期, 流水号, each under the names banks give them; the heading row may sit
 * under a title. Row numbers are Excel rows.
 */
import { type ApiErrorDetail, type Language, yuanToCents } from '@hongyi/core';
import { cellDate, cellText, cellValue, findHeader, isFooterRow, readSheet } from '../../lib/excel.js';
import { AppError } from '../../plugins/errors.js';
import { translate } from '../../plugins/i18n.js';

export interface StatementRow {
  name: string;
  idNumber: string;
  amountCents: number;
  paidOn: string;
  reference?: string;
  /** Excel row when read from a sheet (errors then name the sheet row). */
  sheetRow?: number;
}

/** Each column's names; the first is the one error messages use. */
const HEADERS = {
  name: ['姓名', '户名', '付款人'],
  idNumber: ['身份证号码', '身份证号'],
  amount: ['金额', '金额（元）', '交易金额'],
  paidOn: ['缴纳日期', '交易日期', '日期'],
  reference: ['流水号', '交易流水号', '凭证号'],
} as const;

export async function readStatement(file: Buffer, language: Language): Promise<StatementRow[]> {
  const sheet = await readSheet(file, { invalid: new AppError(400, 'DUES_PAYROLL_FILE_INVALID'), empty: new AppError(400, 'DUES_PAYROLL_EMPTY') });
  const { row: headerRow, columns, missing } = findHeader(sheet, HEADERS, ['name', 'idNumber', 'amount', 'paidOn'], 10);
  if (missing.length > 0) {
    throw new AppError(
      400,
      'DUES_PAYROLL_COLUMNS',
      {},
      missing.map((k) => ({ path: `columns.${HEADERS[k][0]}`, message: translate('DUES_PAYROLL_COLUMN_MISSING', language, { column: HEADERS[k][0] }) })),
    );
  }
  const cell = (row: number, column: number) => sheet.getRow(row).getCell(column).value;
  const rows: StatementRow[] = [];
  const details: ApiErrorDetail[] = [];
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
    const name = cellText(cell(r, columns.name!)).replace(/\s+/g, '');
    if (!name) continue;
    if (isFooterRow([name])) break;
    const amount = yuanToCents(cellValue(cell(r, columns.amount!)));
    const paidOn = cellDate(cell(r, columns.paidOn!));
    if (amount === null || Number.isNaN(amount) || amount <= 0) {
      details.push({ path: `rows[${r}].金额`, message: translate('DUES_PAYROLL_VALUE_INVALID', language, { column: '金额' }) });
    }
    if (!paidOn) details.push({ path: `rows[${r}].缴纳日期`, message: translate('DUES_STATEMENT_DATE_INVALID', language) });
    rows.push({
      name,
      idNumber: cellText(cell(r, columns.idNumber!)).toUpperCase(),
      amountCents: amount ?? 0,
      paidOn: paidOn ?? '',
      reference: columns.reference ? cellText(cell(r, columns.reference)) : '',
      sheetRow: r,
    });
  }
  if (details.length > 0) throw new AppError(400, 'DUES_STATEMENT_ROWS_INVALID', { count: details.length }, details);
  if (rows.length === 0) throw new AppError(400, 'DUES_PAYROLL_EMPTY');
  return rows;
}
