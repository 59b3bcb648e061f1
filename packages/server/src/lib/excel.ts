/**
 * The Excel kit: every import reads cells and finds its columns here, every export writes here.
 * Offices' sheets put a title above the heading row, name a column in several ways, type
 * full-width characters, keep dates as text or serial numbers and ID numbers as numbers; the
 * readers below accept all of that once, for every import. Exports mask ID and phone numbers
 * unless the caller may see them, and never write a cell that a spreadsheet would run as a
 * formula.
 */
import { maskIdNumber, maskPhone } from '@hongyi/core';
import type ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import { PassThrough } from 'node:stream';
import { AppError } from '../plugins/errors.js';
import { attachmentDisposition } from './download.js';
import { LegacyWorkbookError, isCompoundFile, legacySheets } from './xls.js';

// ---------------------------------------------------------------------------------------
// Reading

/**
 * Loads a workbook — .xlsx, or a legacy .xls (Excel 97–2003, read through lib/xls.ts into the same
 * worksheet shape) — and returns its first sheet with content; `invalid` / `empty` are the
 * importer's own errors. A workbook with an opening password gets its own answer: it can only be
 * read once the password is removed.
 */
export async function readSheet(file: Buffer, errors: { invalid: AppError; empty: AppError }): Promise<ExcelJS.Worksheet> {
  const sheets = isCompoundFile(file) ? await legacyWorksheets(file, errors.invalid) : await xlsxWorksheets(file, errors.invalid);
  const sheet = sheets.find((s) => s.actualRowCount > 0);
  if (!sheet) throw errors.empty;
  return sheet;
}

async function xlsxWorksheets(file: Buffer, invalid: AppError): Promise<ExcelJS.Worksheet[]> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    throw invalid;
  }
  return workbook.worksheets;
}

async function legacyWorksheets(file: Buffer, invalid: AppError): Promise<ExcelJS.Worksheet[]> {
  try {
    return await legacySheets(file);
  } catch (error) {
    if (error instanceof LegacyWorkbookError && error.reason === 'password') throw new AppError(400, 'WORKBOOK_PASSWORD');
    throw invalid;
  }
}

const FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/;

/** Full-width letters, digits and punctuation (ＡＢＣ１２３，（）) as their half-width forms; the ideographic space as a space. */
export function toHalfWidth(text: string): string {
  // Most cells have nothing to convert: one test instead of two replacements (a roster of thousands of rows reads every cell).
  if (!FULL_WIDTH.test(text)) return text;
  return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** Text of a cell as a person reads it: formulas give their result, rich text its characters, half-width, spaces collapsed. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('richText' in value) return toHalfWidth(value.richText.map((t) => t.text).join('')).replace(/\s+/g, ' ').trim();
    if ('text' in value) return toHalfWidth(String(value.text)).replace(/\s+/g, ' ').trim();
    if ('error' in value) return '';
  }
  if (typeof value === 'number') return Number.isInteger(value) && Math.abs(value) >= 1e15 ? BigInt(value).toString() : String(value);
  return toHalfWidth(String(value)).replace(/\s+/g, ' ').trim();
}

/** The value behind a cell (a formula's result), for numeric columns. */
export function cellValue(value: ExcelJS.CellValue): unknown {
  if (value && typeof value === 'object' && 'result' in value) return value.result;
  return value;
}

/** A number typed as a number, or as text with thousands separators; undefined when blank, null when unreadable. */
export function cellNumber(value: ExcelJS.CellValue): number | null | undefined {
  const v = cellValue(value);
  if (v === null || v === undefined || v === '') return undefined;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  const text = cellText(v as ExcelJS.CellValue).replace(/[,，\s]/g, '');
  if (text === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : null;
}

/** True when an ID-number cell was stored as a number: Excel keeps 15 significant digits, so the last ones are gone. */
export function idNumberStoredAsNumber(value: ExcelJS.CellValue): boolean {
  const v = cellValue(value);
  return typeof v === 'number' && Math.abs(v) >= 1e15;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function validDate(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || y > 2100 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/**
 * A date from what a sheet holds: a Date, an Excel serial number, or text such as '2019.07',
 * '2019年7月1日', '2019-07-01', '2019/7/1', '20190701'. A month without a day means the 1st.
 * Returns undefined for a blank cell and null for something unreadable.
 */
export function cellDate(value: ExcelJS.CellValue): string | null | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object' && 'result' in value) return cellDate(value.result as ExcelJS.CellValue);
  if (typeof value === 'number') {
    if (value >= 19000101 && value <= 21001231 && Number.isInteger(value)) {
      return validDate(Math.floor(value / 10000), Math.floor(value / 100) % 100, value % 100);
    }
    // Excel serial day (1900 date system): day 25569 is 1970-01-01.
    if (value > 0 && value < 80000) return new Date(Math.round((value - 25569) * 86400000)).toISOString().slice(0, 10);
    return null;
  }
  const text = cellText(value).replace(/\s/g, '');
  if (!text) return undefined;
  let m = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (m) return validDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})[.\-/年](\d{1,2})(?:[.\-/月](\d{1,2})日?|月)?$/.exec(text);
  if (m) return validDate(Number(m[1]), Number(m[2]), m[3] ? Number(m[3]) : 1);
  m = /^(\d{4})(\d{2})$/.exec(text);
  if (m) return validDate(Number(m[1]), Number(m[2]), 1);
  if (/^\d+(\.\d+)?$/.test(text)) return cellDate(Number(text));
  return null;
}

/**
 * A heading as compared: half-width, lower case, no spaces or line breaks, no bracketed hint
 * ('姓名（必填）'), no colon or asterisk (required-field marks).
 */
export function normaliseHeading(text: string): string {
  return toHalfWidth(text)
    .replace(/[(（][^)）]*[)）]/g, '')
    .replace(/[\s*:：]/g, '')
    .toLowerCase();
}

export interface HeaderMatch<K extends string> {
  /** The heading's row number (1-based, as Excel shows it). */
  row: number;
  /** Column number per key found. */
  columns: Partial<Record<K, number>>;
  /** Required keys no heading named. */
  missing: K[];
}

/**
 * Finds the heading row: the first of the top `scanRows` rows naming the most of the wanted
 * columns (banks and offices put titles above it). Each key lists the names a column goes by;
 * the first name is the one error messages use.
 */
export function findHeader<K extends string>(sheet: ExcelJS.Worksheet, synonyms: Record<K, readonly string[]>, required: readonly NoInfer<K>[], scanRows = 30): HeaderMatch<K> {
  const wanted = new Map<string, K>();
  for (const [key, names] of Object.entries(synonyms) as [K, readonly string[]][]) for (const n of names) wanted.set(normaliseHeading(n), key);
  let best: HeaderMatch<K> = { row: 0, columns: {}, missing: [...required] };
  let bestCount = 0;
  for (let r = 1; r <= Math.min(scanRows, sheet.rowCount); r++) {
    const columns: Partial<Record<K, number>> = {};
    sheet.getRow(r).eachCell((cell, col) => {
      const key = wanted.get(normaliseHeading(cellText(cell.value)));
      if (key && columns[key] === undefined) columns[key] = col;
    });
    const count = Object.keys(columns).length;
    if (count > bestCount) {
      bestCount = count;
      best = { row: r, columns, missing: required.filter((k) => columns[k] === undefined) };
    }
  }
  return best;
}

/**
 * Footer lines offices put under a list: totals (合计：15人, 共15人), signatures (填表人, 审核人,
 * 负责人, 签字, 盖章), dates (制表日期, 填报日期) and notes (备注, 说明, 注：).
 */
const FOOTER =
  /^(合计|总计|小计|共计|累计|总人数|人数合计|共\d+人|填表人|填报人|制表人?|审核人?|审批人?|复核人|负责人|单位负责人|党组织负责人|支部书记|书记签字|签字|签名|盖章|联系人|联系电话|填表日期|填报日期|制表日期|报送日期|统计日期|截止日期|日期|备注|说明|注|此表|本表)[:：\s]?/;

/** True for a row that ends the data: one of the footer lines above in its first non-empty cell. */
export function isFooterRow(texts: readonly string[]): boolean {
  const first = texts.find((t) => t.trim() !== '');
  return first !== undefined && FOOTER.test(first.replace(/\s/g, ''));
}

// ---------------------------------------------------------------------------------------
// Writing

export interface SheetColumn<T> {
  header: string;
  width?: number;
  /** The cell of a row; `index` counts from 0 (a 序号 column is `index + 1`). */
  value: (row: T, index: number) => string | number | null | undefined;
  /** An ID or phone number: masked unless the workbook is written for a caller who may see it. */
  personal?: 'idNumber' | 'phone';
  /** Kept as text (ID and phone numbers already presented): a number format would lose digits. */
  text?: boolean;
}

export interface WorkbookOptions {
  /** The caller may see full ID and phone numbers (Ctx.sensitive); masked otherwise. */
  sensitive?: boolean;
  /** A bold title merged across the columns above the heading row (templates tell how to fill them in). */
  title?: string;
}

/**
 * Text a spreadsheet would take for a formula (=, +, -, @ and the control characters that
 * start one) is written with a leading apostrophe, so an exported name or note can never run
 * as a formula when someone opens the file; plain numbers such as -3 or +86 are left alone.
 */
export function neutraliseFormula(text: string): string {
  if (!/^[=+\-@\t\r]/.test(text)) return text;
  if (/^[+-]?\d[\d\s.,]*$/.test(text)) return text;
  return `'${text}`;
}

function cellOut<T>(column: SheetColumn<T>, row: T, index: number, sensitive: boolean): string | number {
  const value = column.value(row, index);
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return value;
  if (column.personal && !sensitive && value !== '') return column.personal === 'idNumber' ? maskIdNumber(value) : maskPhone(value);
  return neutraliseFormula(value);
}

/** One sheet of a workbook: its name, columns and rows, and an optional title above the heading. */
export interface SheetSpec<T = unknown> {
  name: string;
  columns: SheetColumn<T>[];
  rows: readonly T[];
  title?: string;
}

/** A sheet of any row type, for workbookSheets' list (each sheet keeps its own columns' type). */
export function sheetOf<T>(spec: SheetSpec<T>): SheetSpec {
  return spec as unknown as SheetSpec;
}

/** One-sheet workbook with a bold header row and frozen first row, as offices expect. */
export async function workbookBuffer<T>(sheetName: string, columns: SheetColumn<T>[], rows: T[], options: WorkbookOptions = {}): Promise<Buffer> {
  return workbookSheets([sheetOf({ name: sheetName, columns, rows, ...(options.title ? { title: options.title } : {}) })], { sensitive: options.sensitive ?? false });
}

/** Rows written between two yields to the event loop: other requests are answered while a large workbook is written. */
const ROWS_PER_SLICE = 500;

/** Lets the event loop answer what is waiting (other requests, /api/health) before going on. */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A workbook of several sheets, each written like workbookBuffer's one. Written with ExcelJS's
 * streaming writer: each row is turned into XML as it is committed and compressed as it goes,
 * and the writer yields to the event loop every few hundred rows, so a whole unit's roster
 * (tens of thousands of rows) never holds up other users' requests.
 */
export async function workbookSheets(sheets: readonly SheetSpec[], options: { sensitive?: boolean } = {}): Promise<Buffer> {
  // Loaded on first use: exceljs is large and most requests (and the start) never need it.
  const { default: ExcelJS } = await import('exceljs');
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: true });
  workbook.creator = 'Hongyi';
  const sensitive = options.sensitive ?? false;
  for (const spec of sheets) {
    const { columns } = spec;
    const headingRow = spec.title ? 2 : 1;
    const sheet = workbook.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: headingRow }] });
    sheet.columns = columns.map((c) => ({ width: c.width ?? 16 }));
    columns.forEach((c, i) => {
      if (c.personal || c.text) sheet.getColumn(i + 1).numFmt = '@';
    });
    if (spec.title) {
      const title = sheet.addRow([spec.title]);
      sheet.mergeCells(1, 1, 1, columns.length);
      title.font = { bold: true, size: 14 };
      title.commit();
    }
    const heading = sheet.addRow(columns.map((c) => c.header));
    heading.font = { bold: true };
    heading.commit();
    for (let i = 0; i < spec.rows.length; i++) {
      sheet.addRow(columns.map((c) => cellOut(c, spec.rows[i]!, i, sensitive))).commit();
      if ((i + 1) % ROWS_PER_SLICE === 0) await yieldToEventLoop();
    }
    sheet.commit();
  }
  await workbook.commit();
  await ended;
  return Buffer.concat(chunks);
}

export function sendXlsx(reply: FastifyReply, filename: string, buffer: Buffer) {
  return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', attachmentDisposition(filename)).send(buffer);
}
