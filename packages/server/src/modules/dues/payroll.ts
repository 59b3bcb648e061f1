/**
 * Reading the hospital's payroll sheet (formats.md "Dues": 姓名, 岗位工资, 薪级工资,
 * 基础性绩效工资, 养老保险, 职业年金, 住房公积金, 医疗保险, 所得税 → 税后工资总额, 交纳比例,
 * 每月应交党费) with the Excel kit, and checking each row against the members it names. The
 * unit's choice of items and deductions is applied to every row. No database here: the service
 * reads the members the sheet names (repository) and hands them to checkPayroll.
 */
import {
  type ApiErrorDetail,
  type DuesCategory,
  type DuesPayrollChoice,
  type Language,
  knownPayrollHeaders,
  monthlyDues,
  payrollBase,
  requiredPayrollHeaders,
  yuanToCents,
} from '@hongyi/core';
import { cellText, cellValue, findHeader, isFooterRow, normaliseHeading, readSheet } from '../../lib/excel.js';
import { AppError } from '../../plugins/errors.js';
import { translate } from '../../plugins/i18n.js';

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

export interface PayrollSheetRow {
  row: number;
  name: string;
  idNumber: string | null;
  /** Amounts in 分 by heading; null when blank or unreadable (then `errors` says so). */
  values: Record<string, number | null>;
  errors: ApiErrorDetail[];
}

/** Both ways of heading the ID number column name the same column. */
const ID_HEADINGS = ['身份证号码', '身份证号'];

/**
 * Reads and checks the whole sheet. Column problems (a missing or misspelt heading) are thrown
 * at once; row problems are returned per row so the preview can show all of them.
 */
export async function readPayroll(file: Buffer, choice: DuesPayrollChoice, language: Language): Promise<PayrollSheetRow[]> {
  const sheet = await readSheet(file, { invalid: new AppError(400, 'DUES_PAYROLL_FILE_INVALID'), empty: new AppError(400, 'DUES_PAYROLL_EMPTY') });
  const required = requiredPayrollHeaders(choice);
  const known = knownPayrollHeaders();
  const synonyms = Object.fromEntries(known.filter((h) => !ID_HEADINGS.includes(h)).map((h) => [h, [h]]));
  const header = findHeader<string>(sheet, { ...synonyms, 身份证号码: ID_HEADINGS }, required, 10);
  // Hospitals put a title line above the headings: without a 姓名 heading there is no heading row.
  if (header.columns['姓名'] === undefined) {
    throw new AppError(400, 'DUES_PAYROLL_COLUMNS', {}, [{ path: 'columns.姓名', message: translate('DUES_PAYROLL_COLUMN_MISSING', language, { column: '姓名' }) }]);
  }
  const knownHeadings = new Set(known.map(normaliseHeading));
  const details: ApiErrorDetail[] = [];
  sheet.getRow(header.row).eachCell((cell) => {
    const text = normaliseHeading(cellText(cell.value));
    if (text && !knownHeadings.has(text)) {
      details.push({ path: `columns.${text}`, message: translate('DUES_PAYROLL_COLUMN_UNKNOWN', language, { column: text, known: known.join('、') }) });
    }
  });
  for (const missing of header.missing) details.push({ path: `columns.${missing}`, message: translate('DUES_PAYROLL_COLUMN_MISSING', language, { column: missing }) });
  if (details.length > 0) throw new AppError(400, 'DUES_PAYROLL_COLUMNS', {}, details);

  const column = (heading: string) => header.columns[heading] as number;
  const idColumn = header.columns['身份证号码'];
  const parsed: PayrollSheetRow[] = [];
  for (let r = header.row + 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const name = cellText(row.getCell(column('姓名')).value).replace(/\s+/g, '');
    if (!name) continue;
    if (isFooterRow([name])) break;
    const errors: ApiErrorDetail[] = [];
    const values: Record<string, number | null> = {};
    for (const heading of required.slice(1)) {
      const cents = yuanToCents(cellValue(row.getCell(column(heading)).value));
      if (cents !== null && Number.isNaN(cents)) errors.push({ path: `rows[${r}].${heading}`, message: translate('DUES_PAYROLL_VALUE_INVALID', language, { column: heading }) });
      values[heading] = cents === null || Number.isNaN(cents) ? null : cents;
    }
    const idNumber = idColumn ? cellText(row.getCell(idColumn).value).toUpperCase() || null : null;
    parsed.push({ row: r, name, idNumber, values, errors });
  }
  if (parsed.length === 0) throw new AppError(400, 'DUES_PAYROLL_EMPTY');
  return parsed;
}

export interface PayrollCandidate {
  id: number;
  name: string;
  id_number: string;
  dues_category: DuesCategory;
  org_name: string;
}

/**
 * Each row matched by name (and ID number when the sheet has one) among the active members in
 * scope, with its base, rate and monthly dues, and every problem by row and column.
 */
export function checkPayroll(parsed: PayrollSheetRow[], candidates: readonly PayrollCandidate[], previous: ReadonlyMap<number, number>, choice: DuesPayrollChoice, language: Language): PayrollRow[] {
  const seen = new Map<number, number>();
  return parsed.map((p) => {
    const errors = [...p.errors];
    const matches = candidates.filter((c) => c.name === p.name && (!p.idNumber || c.id_number === p.idNumber));
    let member: PayrollCandidate | null = null;
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
