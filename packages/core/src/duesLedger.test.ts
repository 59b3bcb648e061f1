import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DUES_PAYROLL_CHOICE,
  backPaymentSpan,
  duesArrears,
  payrollBase,
  requiredPayrollHeaders,
  yuanToCents,
} from './duesLedger.js';

describe('payrollBase', () => {
  const row = { 岗位工资: 280_000, 薪级工资: 150_000, 基础性绩效工资: 200_000, 养老保险: 50_000, 住房公积金: 60_000, 所得税: 12_345 };
  it('by default deducts only the income tax (党费规定: 税后)', () => {
    expect(payrollBase(row, DEFAULT_DUES_PAYROLL_CHOICE)).toMatchObject({ baseCents: 630_000 - 12_345, problems: [] });
  });
  it('applies the deductions the unit chose', () => {
    const r = payrollBase(row, { items: ['post_pay', 'grade_pay', 'performance_pay'], deductions: ['income_tax', 'social_insurance', 'housing_fund'] });
    expect(r.baseCents).toBe(630_000 - 12_345 - 50_000 - 60_000);
  });
  it('reports a negative deduction with its column', () => {
    const r = payrollBase({ ...row, 所得税: -100 }, DEFAULT_DUES_PAYROLL_CHOICE);
    expect(r.baseCents).toBeNull();
    expect(r.problems).toEqual([{ header: '所得税', code: 'DUES_PAYROLL_DEDUCTION_NEGATIVE' }]);
  });
  it('reports deductions larger than pay', () => {
    expect(payrollBase({ 岗位工资: 100, 所得税: 200 }, DEFAULT_DUES_PAYROLL_CHOICE).problems[0]?.code).toBe('DUES_PAYROLL_BASE_NEGATIVE');
  });
  it('lists the headings a sheet needs', () => {
    expect(requiredPayrollHeaders(DEFAULT_DUES_PAYROLL_CHOICE)).toEqual(['姓名', '岗位工资', '薪级工资', '基础性绩效工资', '所得税']);
  });
});

describe('yuanToCents', () => {
  it('converts 元 to 分 exactly', () => {
    expect(yuanToCents('1,234.5')).toBe(123_450);
    expect(yuanToCents(3333.33)).toBe(333_333);
    expect(yuanToCents('-12')).toBe(-1200);
    expect(yuanToCents('')).toBeNull();
  });
  it('rejects text and fractions of a 分', () => {
    expect(yuanToCents('abc')).toBeNaN();
    expect(yuanToCents('1.234')).toBeNaN();
  });
});

describe('duesArrears', () => {
  const m = (month: string, due: number, paid: number) => ({ month, dueCents: due, paidCents: paid });
  it('counts consecutive unpaid months across a year boundary', () => {
    const a = duesArrears([m('2025-10', 100, 100), m('2025-11', 100, 0), m('2025-12', 100, 0), m('2026-01', 100, 0)]);
    expect(a.consecutiveUnpaidMonths).toBe(3);
    expect(a.level).toBe('remind');
    expect(a.paidThrough).toBe('2025-10');
    expect(a.outstandingCents).toBe(300);
  });
  it('warns at 5 and reports at 6', () => {
    const months = ['2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01'];
    expect(duesArrears(months.slice(1).map((x) => m(x, 50, 0))).level).toBe('warn');
    expect(duesArrears(months.map((x) => m(x, 50, 0))).level).toBe('report');
    expect(duesArrears(months.slice(3).map((x) => m(x, 50, 0))).level).toBe('remind');
    expect(duesArrears(months.slice(4).map((x) => m(x, 50, 0))).level).toBe('none');
  });
  it('treats a partly paid month as unpaid and an overpaid one as paid', () => {
    const a = duesArrears([m('2026-01', 100, 150), m('2026-02', 100, 99)]);
    expect(a.unpaidMonths).toEqual(['2026-02']);
    expect(a.outstandingCents).toBe(1);
  });
  it('breaks the run at a gap in the months', () => {
    expect(duesArrears([m('2026-01', 100, 0), m('2026-03', 100, 0)]).consecutiveUnpaidMonths).toBe(1);
  });
});

describe('backPaymentSpan', () => {
  it('measures how far back the oldest month paid lies', () => {
    expect(backPaymentSpan(['2026-05', '2026-06'], '2026-11')).toBe(6);
    expect(backPaymentSpan(['2025-12'], '2026-06')).toBe(6);
    expect(backPaymentSpan(['2025-12'], '2026-07')).toBe(7);
    expect(backPaymentSpan([], '2026-07')).toBe(0);
  });
});
