/**
 * Reading the hospital's payroll sheet (formats.md "Dues": 姓名, 岗位工资, 薪级工资,
 * 基础性绩效工资, 养老保险, 职业年金, 住房公积金, 医疗保险, 所得税 → 税后工资总额, 交纳比例,
 * 每月应交党费). The unit's choice of items and deductions is applied to every row.
 */
import {
  type ApiErrorDetail,
  type DuesPayrollChoice,
  type Language,
  knownPayrollHeaders,
  monthlyDues,
  payrollBase,
  requiredPayrollHeaders,
  yuanToCents,
} from '@hongyi/core';
import ExcelJS from 'exceljs';
import type { DataScope } from '@hongyi/core';
import { AppError } from '../../plugins/errors.js';
import { translate } from '../../plugins/i18n.js';
import type { Db } from './repository.js';
import { scopeCondition } from '../../lib/scope.js';

export interface PayrollRow {
  /** Row number in the sheet, as the user sees it in Excel. */
  row: number;
  name: string;
  idNumber: string | null;
  memberId: number | null;
  orgName: string | null;
  grossCents: number;
  deductionCents: number;
  baseCents: number | null;
  rateBasisPoints: number | null;
  monthlyCents: number | null;
  /** The monthly amount in force before this import, to show what changes. */
  previousMonthlyCents: number | null;
  errors: ApiErrorDetail[];
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('text' in value) return String(value.text);
  }
  return String(value).trim();
}

function cellNumber(value: ExcelJS.CellValue): unknown {
  if (value && typeof value === 'object' && 'result' in value) return value.result;
  return value;
}

async function readSheet(fileBase64: string): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(fileBase64, 'base64') as unknown as ArrayBuffer);
  } catch {
    throw new AppError(400, 'DUES_PAYROLL_FILE_INVALID');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new AppError(400, 'DUES_PAYROLL_EMPTY');
  return sheet;
}

/**
 * Parses and checks the whole sheet. Column problems (a missing or misspelt heading) are
 * thrown at once; row problems are returned per row so the preview can show all of them.
 */
export async function parsePayroll(
  db: Db,
  tenantId: number,
  scope: DataScope,
  fileBase64: string,
  choice: DuesPayrollChoice,
  year: number,
  language: Language,
): Promise<PayrollRow[]> {
  const sheet = await readSheet(fileBase64);
  // Hospitals put a title line above the headings: the heading row is the first with 姓名.
  let headerRow = 0;
  for (let r = 1; r <= Math.min(10, sheet.rowCount); r++) {
    const texts = (sheet.getRow(r).values as ExcelJS.CellValue[]).map(cellText);
    if (texts.includes('姓名')) {
      headerRow = r;
      break;
    }
  }
  const required = requiredPayrollHeaders(choice);
  if (headerRow === 0) {
    throw new AppError(400, 'DUES_PAYROLL_COLUMNS', {}, [{ path: 'columns.姓名', message: translate('DUES_PAYROLL_COLUMN_MISSING', language, { column: '姓名' }) }]);
  }
  const columns = new Map<string, number>();
  const known = new Set(knownPayrollHeaders());
  const details: ApiErrorDetail[] = [];
  sheet.getRow(headerRow).eachCell((cell, col) => {
    const text = cellText(cell.value).replace(/\s+/g, '');
    if (!text) return;
    if (!known.has(text)) {
      details.push({ path: `columns.${text}`, message: translate('DUES_PAYROLL_COLUMN_UNKNOWN', language, { column: text, known: [...known].join('、') }) });
    }
    columns.set(text, col);
  });
  for (const header of required) {
    if (!columns.has(header)) details.push({ path: `columns.${header}`, message: translate('DUES_PAYROLL_COLUMN_MISSING', language, { column: header }) });
  }
  if (details.length > 0) throw new AppError(400, 'DUES_PAYROLL_COLUMNS', {}, details);

  const idColumn = columns.get('身份证号码') ?? columns.get('身份证号');
  const parsed: { row: number; name: string; idNumber: string | null; values: Record<string, number | null>; errors: ApiErrorDetail[] }[] = [];
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const name = cellText(row.getCell(columns.get('姓名') as number).value).replace(/\s+/g, '');
    if (!name) continue;
    const errors: ApiErrorDetail[] = [];
    const values: Record<string, number | null> = {};
    for (const header of required.slice(1)) {
      const cents = yuanToCents(cellNumber(row.getCell(columns.get(header) as number).value));
      if (cents !== null && Number.isNaN(cents)) errors.push({ path: `rows[${r}].${header}`, message: translate('DUES_PAYROLL_VALUE_INVALID', language, { column: header }) });
      values[header] = cents === null || Number.isNaN(cents) ? null : cents;
    }
    const idNumber = idColumn ? cellText(row.getCell(idColumn).value).toUpperCase() || null : null;
    parsed.push({ row: r, name, idNumber, values, errors });
  }
  if (parsed.length === 0) throw new AppError(400, 'DUES_PAYROLL_EMPTY');

  // Match by name (and ID number when the sheet has one) among active members in scope.
  const names = [...new Set(parsed.map((p) => p.name))];
  const candidates = await db
    .selectFrom('members as m')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'm.tenant_id').onRef('o.id', '=', 'm.org_id'))
    .select(['m.id', 'm.name', 'm.id_number', 'm.dues_category', 'o.name as org_name'])
    .where('m.tenant_id', '=', tenantId)
    .where('m.status', '=', 'active')
    .where('m.name', 'in', names)
    .where(scopeCondition(scope, 'o.path', 'm.id'))
    .execute();
  const previous = new Map<number, number>();
  if (candidates.length > 0) {
    const bases = await db
      .selectFrom('dues_bases')
      .select(['member_id', 'monthly_cents', 'year', 'id'])
      .where('tenant_id', '=', tenantId)
      .where('member_id', 'in', candidates.map((c) => c.id))
      .where('year', '<=', year)
      .orderBy('year')
      .orderBy('id')
      .execute();
    for (const b of bases) previous.set(b.member_id, b.monthly_cents);
  }

  const seen = new Map<number, number>();
  return parsed.map((p) => {
    const errors = [...p.errors];
    const matches = candidates.filter((c) => c.name === p.name && (!p.idNumber || c.id_number === p.idNumber));
    let member: (typeof candidates)[number] | null = null;
    if (matches.length === 0) errors.push({ path: `rows[${p.row}].姓名`, message: translate('DUES_PAYROLL_MEMBER_NOT_FOUND', language, { name: p.name }) });
    else if (matches.length > 1) errors.push({ path: `rows[${p.row}].姓名`, message: translate('DUES_PAYROLL_MEMBER_AMBIGUOUS', language, { name: p.name }) });
    else member = matches[0] ?? null;
    if (member) {
      const first = seen.get(member.id);
      if (first !== undefined) errors.push({ path: `rows[${p.row}].姓名`, message: translate('DUES_PAYROLL_MEMBER_DUPLICATE', language, { name: p.name, row: first }) });
      else seen.set(member.id, p.row);
      if (member.dues_category !== 'employed') {
        errors.push({ path: `rows[${p.row}].姓名`, message: translate('DUES_PAYROLL_NOT_EMPLOYED', language, { name: p.name }) });
      }
    }
    const base = payrollBase(p.values, choice);
    for (const problem of base.problems) {
      errors.push({ path: `rows[${p.row}].${problem.header}`, message: translate(problem.code, language, { column: problem.header }) });
    }
    let rate: number | null = null;
    let monthly: number | null = null;
    if (base.baseCents !== null) {
      try {
        const result = monthlyDues({ category: 'employed', baseCents: base.baseCents });
        rate = result.rateBasisPoints;
        monthly = result.monthlyCents;
      } catch (e) {
        const err = e as { code?: string; params?: Record<string, unknown> };
        errors.push({ path: `rows[${p.row}].税后工资总额`, message: translate(err.code ?? 'VALIDATION_FAILED', language, err.params) });
      }
    }
    return {
      row: p.row,
      name: p.name,
      idNumber: p.idNumber,
      memberId: member?.id ?? null,
      orgName: member?.org_name ?? null,
      grossCents: base.grossCents,
      deductionCents: base.deductionCents,
      baseCents: base.baseCents,
      rateBasisPoints: rate,
      monthlyCents: monthly,
      previousMonthlyCents: member ? (previous.get(member.id) ?? null) : null,
      errors,
    };
  });
}
