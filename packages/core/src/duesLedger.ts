/**
 * Payroll-based dues bases and the arrears of a member's monthly ledger (党费规定 2008;
 * 党章 第九条). Pure functions: the server reads the ledger, these decide what it means.
 */
import { DUES_BASE_DEDUCTIONS, type DuesBaseDeduction, lapseLevel, type LapseLevel } from './rules.js';

// ---------------------------------------------------------------------------------------
// Payroll sheet (formats.md "Dues": 事业单位 payroll-based calculation sheet)
// ---------------------------------------------------------------------------------------

/** Pay items a unit may count in the base (党费规定: the relatively fixed, regular part of pay). */
export const DUES_PAY_ITEMS = ['post_pay', 'grade_pay', 'performance_pay', 'allowances'] as const;
export type DuesPayItem = (typeof DUES_PAY_ITEMS)[number];

/** Column headings as hospitals write them in the payroll sheet. */
export const DUES_PAY_ITEM_HEADERS: Record<DuesPayItem, string> = {
  post_pay: '岗位工资',
  grade_pay: '薪级工资',
  performance_pay: '基础性绩效工资',
  allowances: '津贴补贴',
};

/**
 * Deduction columns of the sheet and the setting (rules.ts DUES_BASE_DEDUCTIONS) that turns
 * each on: social_insurance covers 养老保险 and 医疗保险.
 */
export const DUES_DEDUCTION_COLUMNS = ['pension', 'occupational_annuity', 'housing_fund', 'medical_insurance', 'income_tax'] as const;
export type DuesDeductionColumn = (typeof DUES_DEDUCTION_COLUMNS)[number];

export const DUES_DEDUCTION_HEADERS: Record<DuesDeductionColumn, string> = {
  pension: '养老保险',
  occupational_annuity: '职业年金',
  housing_fund: '住房公积金',
  medical_insurance: '医疗保险',
  income_tax: '所得税',
};

export const DUES_DEDUCTION_SETTING: Record<DuesDeductionColumn, DuesBaseDeduction> = {
  pension: 'social_insurance',
  occupational_annuity: 'occupational_annuity',
  housing_fund: 'housing_fund',
  medical_insurance: 'social_insurance',
  income_tax: 'income_tax',
};

/** Columns the sheet may carry that the import reads but does not need (identification, results). */
export const DUES_PAYROLL_OPTIONAL_HEADERS = ['序号', '身份证号码', '身份证号', '科室', '税后工资总额', '交纳比例', '每月应交党费', '备注'] as const;

export interface DuesPayrollChoice {
  /** Pay items counted in the base; at least one. */
  items: DuesPayItem[];
  /** Deductions applied (income_tax always: the base is after tax, 党费规定). */
  deductions: DuesBaseDeduction[];
}

export const DEFAULT_DUES_PAYROLL_CHOICE: DuesPayrollChoice = {
  items: ['post_pay', 'grade_pay', 'performance_pay'],
  deductions: ['income_tax'],
};

/** The deduction columns a choice applies. */
export function deductionColumnsFor(choice: DuesPayrollChoice): DuesDeductionColumn[] {
  return DUES_DEDUCTION_COLUMNS.filter((c) => choice.deductions.includes(DUES_DEDUCTION_SETTING[c]));
}

/** The headings a sheet must have under a choice: 姓名, the chosen items and the applied deductions. */
export function requiredPayrollHeaders(choice: DuesPayrollChoice): string[] {
  return ['姓名', ...choice.items.map((i) => DUES_PAY_ITEM_HEADERS[i]), ...deductionColumnsFor(choice).map((d) => DUES_DEDUCTION_HEADERS[d])];
}

/** Every heading the import understands (so a misspelt one is reported, not silently skipped). */
export function knownPayrollHeaders(): string[] {
  return ['姓名', ...Object.values(DUES_PAY_ITEM_HEADERS), ...Object.values(DUES_DEDUCTION_HEADERS), ...DUES_PAYROLL_OPTIONAL_HEADERS];
}

export interface PayrollCellProblem {
  header: string;
  code: 'DUES_PAYROLL_VALUE_INVALID' | 'DUES_PAYROLL_DEDUCTION_NEGATIVE' | 'DUES_PAYROLL_ITEM_NEGATIVE' | 'DUES_PAYROLL_BASE_NEGATIVE';
}

/**
 * The base of one payroll row in 分: chosen items minus applied deductions. Values are in 分
 * already (the server converts 元 with two decimals). Problems are returned, not thrown, so
 * an import can report every row at once.
 */
export function payrollBase(
  row: Record<string, number | null>,
  choice: DuesPayrollChoice,
): { baseCents: number | null; grossCents: number; deductionCents: number; problems: PayrollCellProblem[] } {
  const problems: PayrollCellProblem[] = [];
  let gross = 0;
  let deductions = 0;
  for (const item of choice.items) {
    const header = DUES_PAY_ITEM_HEADERS[item];
    const v = row[header] ?? 0;
    if (!Number.isInteger(v)) problems.push({ header, code: 'DUES_PAYROLL_VALUE_INVALID' });
    else if (v < 0) problems.push({ header, code: 'DUES_PAYROLL_ITEM_NEGATIVE' });
    else gross += v;
  }
  for (const column of deductionColumnsFor(choice)) {
    const header = DUES_DEDUCTION_HEADERS[column];
    const v = row[header] ?? 0;
    if (!Number.isInteger(v)) problems.push({ header, code: 'DUES_PAYROLL_VALUE_INVALID' });
    // A deduction is an amount taken off; a negative one would raise the base (a sign error in the sheet).
    else if (v < 0) problems.push({ header, code: 'DUES_PAYROLL_DEDUCTION_NEGATIVE' });
    else deductions += v;
  }
  if (problems.length > 0) return { baseCents: null, grossCents: gross, deductionCents: deductions, problems };
  const base = gross - deductions;
  if (base < 0) return { baseCents: null, grossCents: gross, deductionCents: deductions, problems: [{ header: '税后工资总额', code: 'DUES_PAYROLL_BASE_NEGATIVE' }] };
  return { baseCents: base, grossCents: gross, deductionCents: deductions, problems };
}

/** '1234.56' / 1234.56 元 → 123456 分; null for an empty cell; NaN for text or fractions of a 分. */
export function yuanToCents(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  const text = typeof value === 'number' ? value.toFixed(6) : String(value).trim().replace(/,/g, '');
  if (text === '') return null;
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return Number.NaN;
  const fraction = (m[3] ?? '').replace(/0+$/, '');
  if (fraction.length > 2) return Number.NaN;
  const cents = Number(m[2]) * 100 + Number(fraction.padEnd(2, '0'));
  return m[1] ? -cents : cents;
}

export function isDuesBaseDeduction(value: string): value is DuesBaseDeduction {
  return (DUES_BASE_DEDUCTIONS as readonly string[]).includes(value);
}

// ---------------------------------------------------------------------------------------
// Arrears (党章 第九条: remind at 3, warn at 5, report at 6 consecutive months)
// ---------------------------------------------------------------------------------------

export interface DuesMonth {
  /** 'YYYY-MM' */
  month: string;
  dueCents: number;
  paidCents: number;
}

export interface DuesArrears {
  /** Consecutive unpaid months ending at the latest month with dues (across year boundaries). */
  consecutiveUnpaidMonths: number;
  /** All months with dues not fully paid. */
  unpaidMonths: string[];
  outstandingCents: number;
  /** "党费已交到": the last month up to which every month with dues is paid; null if none. */
  paidThrough: string | null;
  level: LapseLevel;
}

/** A month counts as paid when what was paid for it covers what was due (after corrections). */
export function isMonthPaid(m: DuesMonth): boolean {
  return m.paidCents >= m.dueCents;
}

/** Arrears of one member from their monthly due/paid sums (any order). */
export function duesArrears(months: readonly DuesMonth[]): DuesArrears {
  const sorted = [...months].sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
  const unpaid = sorted.filter((m) => !isMonthPaid(m));
  let consecutive = 0;
  for (let i = sorted.length - 1; i >= 0; i--) {
    const m = sorted[i] as DuesMonth;
    if (isMonthPaid(m)) break;
    // Consecutive means calendar-consecutive: a month without a due entry (e.g. before joining) ends the run.
    const next = sorted[i + 1];
    if (next && monthIndex(next.month) - monthIndex(m.month) !== 1) break;
    consecutive++;
  }
  let paidThrough: string | null = null;
  for (const m of sorted) {
    if (!isMonthPaid(m)) break;
    paidThrough = m.month;
  }
  return {
    consecutiveUnpaidMonths: consecutive,
    unpaidMonths: unpaid.map((m) => m.month),
    outstandingCents: unpaid.reduce((sum, m) => sum + (m.dueCents - m.paidCents), 0),
    paidThrough,
    level: lapseLevel(consecutive),
  };
}

/** Months since year 0 for a 'YYYY-MM' key (for month distances across year boundaries). */
export function monthIndex(month: string): number {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!m) throw new RangeError(`not a month key: ${JSON.stringify(month)}`);
  return Number(m[1]) * 12 + Number(m[2]) - 1;
}

/**
 * How many months before the payment's month the oldest month paid lies. Back-payment
 * generally covers at most 6 months (党费规定), so more is warned about (not blocked).
 */
export function backPaymentSpan(monthsPaid: readonly string[], paymentMonth: string): number {
  if (monthsPaid.length === 0) return 0;
  const oldest = Math.min(...monthsPaid.map(monthIndex));
  return Math.max(0, monthIndex(paymentMonth) - oldest);
}
