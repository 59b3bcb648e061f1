/**
 * Importing departments' monthly figures from the sheet an office keeps (.xlsx, or .csv saved
 * from it) and writing it back (the template to fill, the export of a year). The wide layout is
 * the template's: a 科室 column, a 月份 column and one column per figure, headed by its name
 * (a bracketed unit is ignored) or its code. A long layout (科室, 月份, 指标, 数值) is read too.
 * Every row is checked and each problem names its Excel row and column in the caller's language;
 * nothing is written when any row is wrong. Re-importing a month replaces that month's values for
 * the departments in the file — the figures of its columns (a blank cell in a filled row clears
 * one; a row left blank changes nothing) —, audited with what was there before.
 */
import { type ApiErrorDetail, FIGURE_IMPORT_COLUMNS, type FigureKind, figureValueProblem, parseMonth } from '@hongyi/core';
import type ExcelJSType from 'exceljs';
import type { Ctx } from '../../lib/context.js';
import { type SheetColumn, cellDate, cellText, cellValue, findHeader, isFooterRow, normaliseHeading, readSheet, workbookBuffer } from '../../lib/excel.js';
import type { InspectedUpload } from '../../lib/uploads.js';
import { writeAudit } from '../../plugins/audit.js';
import { AppError } from '../../plugins/errors.js';
import { translate } from '../../plugins/i18n.js';
import { type FigureRow, type ValueRow, type ValueTarget, departmentsInScope, replaceValues, valuesAt, valuesOf } from './repository.js';
import { figureCatalogue } from './service.js';

const MAX_ROWS = 5000;
/** Headings the wide layout passes over (not figures). */
const IGNORED = new Set(['序号', '编号', '备注', '说明', '科室代码', '所属支部', '党支部'].map(normaliseHeading));
type Fixed = keyof typeof FIGURE_IMPORT_COLUMNS;
const heading = (c: Fixed) => FIGURE_IMPORT_COLUMNS[c][0];

/** Splits CSV text into rows of fields (quotes, doubled quotes, CRLF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** CSV bytes as text: UTF-8 (with or without BOM), else GBK as Excel on a Chinese Windows saves it. */
function csvText(content: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gbk').decode(content);
  }
}

async function sheetOf(file: InspectedUpload): Promise<ExcelJSType.Worksheet> {
  const errors = { invalid: new AppError(400, 'FIGURE_IMPORT_FILE_INVALID'), empty: new AppError(400, 'FIGURE_IMPORT_EMPTY') };
  if (file.contentType !== 'text/csv') return readSheet(file.content, errors);
  const { default: ExcelJS } = await import('exceljs');
  const sheet = new ExcelJS.Workbook().addWorksheet('csv');
  for (const row of parseCsv(csvText(file.content))) sheet.addRow(row);
  if (sheet.actualRowCount === 0) throw errors.empty;
  return sheet;
}

/** A number from a cell: typed, text with separators, or a percentage ('23.5%', or a cell formatted as %). */
function numberOf(cell: ExcelJSType.Cell): number | null | undefined {
  const v = cellValue(cell.value);
  if (v === null || v === undefined || v === '') return undefined;
  if (typeof v === 'number') return Number.isFinite(v) ? (cell.numFmt?.includes('%') ? Math.round(v * 10000) / 100 : v) : null;
  const text = cellText(v as ExcelJSType.CellValue).replace(/[,，\s]/g, '');
  if (text === '') return undefined;
  const m = /^(-?\d+(?:\.\d+)?)%?$/.exec(text);
  return m ? Number(m[1]) : null;
}

function monthOf(cell: ExcelJSType.Cell): string | null | undefined {
  const text = cellText(cell.value);
  if (text === '') return undefined;
  return parseMonth(text) ?? cellDate(cell.value)?.slice(0, 7) ?? null;
}

const PROBLEM_CODES = { negative: 'FIGURE_IMPORT_NEGATIVE', ratio: 'FIGURE_IMPORT_RATIO', score: 'FIGURE_IMPORT_SCORE', whole: 'FIGURE_IMPORT_WHOLE', large: 'FIGURE_IMPORT_LARGE' } as const;

export interface FigureImportResult {
  dryRun: boolean;
  rows: number;
  values: number;
  departments: number;
  months: string[];
  /** What would be (or was) written: each value with the one it replaces. */
  preview: { department: string; month: string; figure: string; value: number; previous: number | null }[];
  errors: ApiErrorDetail[];
}

export async function importFigures(ctx: Ctx, file: InspectedUpload, dryRun: boolean): Promise<FigureImportResult> {
  const scope = ctx.scope('figures.write');
  const t = (code: string, params: Record<string, unknown>) => translate(code, ctx.language, params);
  const sheet = await sheetOf(file);
  const header = findHeader(sheet, FIGURE_IMPORT_COLUMNS, ['department', 'month']);
  if (header.missing.length > 0) {
    throw new AppError(400, 'FIGURE_IMPORT_COLUMNS', {}, header.missing.map((c) => ({ path: `columns.${heading(c)}`, message: t('FIGURE_IMPORT_COLUMN_MISSING', { column: heading(c) }) })));
  }
  const figures = (await figureCatalogue(ctx)).filter((f) => f.active);
  const byKey = new Map<string, FigureRow>();
  for (const f of figures) {
    byKey.set(normaliseHeading(f.name), f);
    byKey.set(normaliseHeading(f.code), f);
  }
  const departments = await departmentsInScope(ctx.db, ctx.tenantId, scope);
  const departmentByName = new Map(departments.map((d) => [normaliseHeading(d.name), d]));
  const errors: ApiErrorDetail[] = [];
  const long = header.columns.figure !== undefined && header.columns.value !== undefined;

  // Wide layout: every other heading is a figure.
  const figureColumns: { col: number; title: string; figure: FigureRow }[] = [];
  if (!long) {
    const fixed = new Set(Object.values(header.columns));
    sheet.getRow(header.row).eachCell((cell, col) => {
      if (fixed.has(col)) return;
      const title = cellText(cell.value);
      const key = normaliseHeading(title);
      if (!key || IGNORED.has(key)) return;
      const figure = byKey.get(key);
      if (figure) figureColumns.push({ col, title, figure });
      else errors.push({ path: `rows[${header.row}].${title}`, message: t('FIGURE_IMPORT_FIGURE_UNKNOWN', { row: header.row, column: title, value: title }) });
    });
    if (figureColumns.length === 0 && errors.length === 0) throw new AppError(400, 'FIGURE_IMPORT_NO_FIGURES', {}, [{ path: `rows[${header.row}]`, message: t('FIGURE_IMPORT_NO_FIGURES', {}) }]);
  }

  const parsed: (ValueRow & { row: number; departmentName: string; figureName: string })[] = [];
  const seen = new Map<string, number>();
  const thisMonth = ctx.today.slice(0, 7);
  let rows = 0;
  for (let r = header.row + 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const texts: string[] = [];
    row.eachCell((cell) => texts.push(cellText(cell.value)));
    if (texts.every((x) => x === '')) continue;
    if (isFooterRow(texts)) break;
    if (++rows > MAX_ROWS) {
      errors.push({ path: `rows[${r}]`, message: t('FIGURE_IMPORT_TOO_MANY', { max: MAX_ROWS }) });
      break;
    }
    const fail = (column: string, code: string, params: Record<string, unknown> = {}) => errors.push({ path: `rows[${r}].${column}`, message: t(code, { row: r, column, ...params }) });
    const departmentCell = row.getCell(header.columns.department!);
    const departmentText = cellText(departmentCell.value);
    const department = departmentByName.get(normaliseHeading(departmentText));
    if (!department) fail(heading('department'), 'FIGURE_IMPORT_DEPARTMENT_UNKNOWN', { value: departmentText });
    const monthCell = row.getCell(header.columns.month!);
    const month = monthOf(monthCell);
    if (!month) fail(heading('month'), 'FIGURE_IMPORT_MONTH_INVALID', { value: cellText(monthCell.value) });
    else if (month > thisMonth) fail(heading('month'), 'FIGURE_IMPORT_MONTH_FUTURE', { value: month });

    const cells: { title: string; figure: FigureRow | undefined; cell: ExcelJSType.Cell }[] = [];
    if (long) {
      const figureText = cellText(row.getCell(header.columns.figure!).value);
      const figure = byKey.get(normaliseHeading(figureText));
      if (!figure) fail(heading('figure'), 'FIGURE_IMPORT_FIGURE_UNKNOWN', { value: figureText });
      cells.push({ title: heading('value'), figure, cell: row.getCell(header.columns.value!) });
    } else for (const c of figureColumns) cells.push({ title: c.title, figure: c.figure, cell: row.getCell(c.col) });

    for (const { title, figure, cell } of cells) {
      const value = numberOf(cell);
      if (value === undefined) continue;
      if (value === null) {
        fail(title, 'FIGURE_IMPORT_NOT_NUMBER', { value: cellText(cell.value) });
        continue;
      }
      if (!figure) continue;
      const problem = figureValueProblem(figure.kind as FigureKind, value);
      if (problem) {
        fail(title, PROBLEM_CODES[problem], { value });
        continue;
      }
      if (!department || !month) continue;
      const key = `${department.id}|${month}|${figure.id}`;
      const other = seen.get(key);
      if (other !== undefined) {
        fail(title, 'FIGURE_IMPORT_REPEATED', { other });
        continue;
      }
      seen.set(key, r);
      parsed.push({ row: r, departmentId: department.id, departmentName: department.name, figureId: figure.id, figureName: figure.name, month, value });
    }
  }
  if (rows === 0 && errors.length === 0) throw new AppError(400, 'FIGURE_IMPORT_EMPTY');
  if (errors.length > 0) throw new AppError(400, 'FIGURE_IMPORT_ROWS', { count: errors.length }, errors.slice(0, 200));

  // What the file replaces: for each department-month with a value, the figures of the file's columns (wide) or those named (long).
  const targetMap = new Map<string, ValueTarget>();
  const columnIds = figureColumns.map((c) => c.figure.id);
  for (const p of parsed) {
    const key = `${p.departmentId}|${p.month}`;
    const target = targetMap.get(key) ?? { departmentId: p.departmentId, month: p.month, figureIds: long ? [] : [...new Set(columnIds)] };
    if (long && !target.figureIds.includes(p.figureId)) target.figureIds.push(p.figureId);
    targetMap.set(key, target);
  }
  const targets = [...targetMap.values()];
  const before = await valuesAt(ctx.db, ctx.tenantId, targets);
  const previous = new Map(before.map((v) => [`${v.departmentId}|${v.month}|${v.figureId}`, v.value]));
  const months = [...new Set(parsed.map((p) => p.month))].sort();
  const result: FigureImportResult = {
    dryRun,
    rows,
    values: parsed.length,
    departments: new Set(parsed.map((p) => p.departmentId)).size,
    months,
    preview: parsed.slice(0, 500).map((p) => ({ department: p.departmentName, month: p.month, figure: p.figureName, value: p.value, previous: previous.get(`${p.departmentId}|${p.month}|${p.figureId}`) ?? null })),
    errors: [],
  };
  if (dryRun) return result;
  await ctx.db.transaction().execute(async (trx) => {
    const replaced = await valuesAt(trx, ctx.tenantId, targets);
    await replaceValues(trx, ctx.tenantId, targets, parsed, ctx.userId);
    await writeAudit(trx, ctx.auditor, {
      action: 'import',
      entityType: 'figure_values',
      entityId: months.join(','),
      summary: `导入业务指标：${result.departments} 个科室，${months.join('、')}，${parsed.length} 项${replaced.length > 0 ? `（覆盖原有 ${replaced.length} 项）` : ''}`,
      before: { values: replaced },
      after: { file: file.name, values: parsed.map(({ departmentId, figureId, month, value }) => ({ departmentId, figureId, month, value })) },
    });
  });
  return result;
}

// ---------------------------------------------------------------------------------------
// Writing: the template and the export share the wide layout

const TEXT = {
  'zh-CN': { sheet: '业务指标', department: '科室', month: '月份', title: '科室业务指标（每行一个科室一个月；指标列可删减，百分比填 0–100）', export: '科室业务指标', template: '业务指标导入模板' },
  'en-US': { sheet: 'Figures', department: '科室', month: '月份', title: 'Departments’ business figures (one row per department and month; percentages 0–100)', export: 'business-figures', template: 'figures-import-template' },
} as const;

interface WideRow {
  department: string;
  month: string;
  values: Map<number, number>;
}

function wideColumns(ctx: Ctx, figures: FigureRow[]): SheetColumn<WideRow>[] {
  const t = TEXT[ctx.language];
  return [
    { header: t.department, width: 18, value: (r) => r.department },
    { header: t.month, width: 10, value: (r) => r.month, text: true },
    ...figures.map((f): SheetColumn<WideRow> => ({ header: `${f.name}（${f.unit}）`, width: Math.max(12, f.name.length * 2 + 6), value: (r) => r.values.get(f.id) ?? null })),
  ];
}

/** The layout to fill: the departments the office may write, last month, the active figures. */
export async function figuresTemplate(ctx: Ctx): Promise<{ name: string; buffer: Buffer }> {
  const scope = ctx.scope('figures.write');
  const figures = (await figureCatalogue(ctx)).filter((f) => f.active);
  const departments = await departmentsInScope(ctx.db, ctx.tenantId, scope);
  const [y, m] = ctx.today.slice(0, 7).split('-').map(Number) as [number, number];
  const last = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  const rows = departments.filter((d) => d.orgs.length > 0 || d.kind === 'clinical').map((d) => ({ department: d.name, month: last, values: new Map<number, number>() }));
  const t = TEXT[ctx.language];
  const buffer = await workbookBuffer(t.sheet, wideColumns(ctx, figures), rows, { title: t.title });
  return { name: `${t.template}.xlsx`, buffer };
}

/** The values of a year for the departments in the read scope, one row per department and month with values. */
export async function figuresWorkbook(ctx: Ctx, year: number): Promise<{ name: string; buffer: Buffer }> {
  const figures = await figureCatalogue(ctx);
  const departments = await departmentsInScope(ctx.db, ctx.tenantId, ctx.scope('figures.read'));
  const values = await valuesOf(ctx.db, ctx.tenantId, departments.map((d) => d.id), `${year}-01`, `${year}-12`);
  const rows = new Map<string, WideRow>();
  const names = new Map(departments.map((d) => [d.id, d.name]));
  for (const v of values) {
    const key = `${v.departmentId}|${v.month}`;
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { department: names.get(v.departmentId) ?? '', month: v.month, values: new Map() }));
    row.values.set(v.figureId, v.value);
  }
  const used = new Set(values.map((v) => v.figureId));
  const t = TEXT[ctx.language];
  const buffer = await workbookBuffer(t.sheet, wideColumns(ctx, figures.filter((f) => f.active || used.has(f.id))), [...rows.values()], { title: t.title });
  return { name: `${t.export}-${year}.xlsx`, buffer };
}
