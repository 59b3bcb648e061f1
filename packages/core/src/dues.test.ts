import { describe, it, expect } from 'vitest';
import {
  DUES_BASE_CATEGORIES,
  DUES_CATEGORIES,
  DuesInputError,
  applyRateHalfUp,
  checkBackPaymentMonths,
  duesPreviewRequestSchema,
  duesNeedsBase,
  duesRateFor,
  isLargeVoluntaryExtra,
  monthlyDues,
  type DuesCategory,
  type DuesErrorCode,
} from './dues.js';

/** Catches the DuesInputError thrown by fn, or fails. */
function duesError(fn: () => unknown): DuesInputError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DuesInputError) return e;
    throw e;
  }
  throw new Error('expected a DuesInputError');
}

describe('employed members: whole base at the band rate, bands inclusive at the top', () => {
  // Expected amounts worked out by hand in 元: e.g. 2999.99元 × 0.5% = 14.99995元 = 1499.995分 → 1500.
  it.each([
    [0, 50, 0],
    [299_999, 50, 1500],
    [300_000, 50, 1500], // 3000元 pays 0.5%
    [300_001, 100, 3000], // 3000.01元 × 1% = 3000.01分
    [500_000, 100, 5000], // 5000元 pays 1%
    [500_001, 150, 7500], // 5000.01元 × 1.5% = 7500.015分
    [1_000_000, 150, 15000], // 10000元 pays 1.5%
    [1_000_001, 200, 20000], // 10000.01元 × 2% = 20000.02分
  ])('base %i 分 → %i bp, %i 分', (baseCents, rate, monthly) => {
    expect(duesRateFor('employed', baseCents)).toBe(rate);
    expect(monthlyDues({ category: 'employed', baseCents })).toEqual({ rateBasisPoints: rate, monthlyCents: monthly });
  });

  it('is not progressive: 6000元 pays 1.5% of the whole 6000元', () => {
    // progressive would be 3000×0.5% + 2000×1% + 1000×1.5% = 50元
    expect(monthlyDues({ category: 'employed', baseCents: 600_000 }).monthlyCents).toBe(9000);
  });
});

describe('half-up rounding to 分', () => {
  it.each([
    [333_333, 100, 3333], // 3333.33 → 3333
    [333_350, 100, 3334], // 3333.50 → 3334 (half up)
    [333_349, 100, 3333], // 3333.49 → 3333
    [100, 50, 1], // 0.5 → 1
    [99, 50, 0], // 0.495 → 0
    [1, 200, 0], // 0.02 → 0
    [25, 200, 1], // 0.5 → 1
    [100_000_000, 200, 2_000_000], // the largest accepted base: 100万元 × 2% = 2万元
  ])('%i × %i bp → %i', (base, rate, expected) => {
    expect(applyRateHalfUp(base, rate)).toBe(expected);
  });

  it('rounds in the calculator too (333333 employed = 1%)', () => {
    expect(monthlyDues({ category: 'employed', baseCents: 333_333 }).monthlyCents).toBe(3333);
    expect(monthlyDues({ category: 'employed', baseCents: 333_350 }).monthlyCents).toBe(3334);
  });
});

describe('retired members', () => {
  it.each([
    [0, 50, 0],
    [500_000, 50, 2500], // 5000元 × 0.5% = 25元
    [500_001, 100, 5000], // 5000.01元 × 1% = 50.0001元
    [800_000, 100, 8000],
  ])('pension %i 分 → %i bp, %i 分', (baseCents, rate, monthly) => {
    expect(monthlyDues({ category: 'retired', baseCents })).toEqual({ rateBasisPoints: rate, monthlyCents: monthly });
  });
});

describe('fixed-amount categories pay 0.2元 whatever the base', () => {
  const fixed: DuesCategory[] = ['student', 'unemployed', 'low_income'];
  it.each(fixed.flatMap((category) => [0, 500_000, 99_999_999, -5, 1.5].map((baseCents) => [category, baseCents] as const)))(
    '%s with base %d',
    (category, baseCents) => {
      expect(monthlyDues({ category, baseCents })).toEqual({ rateBasisPoints: null, monthlyCents: 20 });
      expect(duesRateFor(category, baseCents)).toBeNull();
    },
  );
});

describe('farmers choose 0.2–1元', () => {
  it.each([20, 21, 99, 100])('%i 分 is accepted', (amount) => {
    expect(monthlyDues({ category: 'farmer', baseCents: 0, farmerMonthlyCents: amount })).toEqual({ rateBasisPoints: null, monthlyCents: amount });
  });
  it.each([19, 101, 0, -20])('%i 分 is out of range', (amount) => {
    const e = duesError(() => monthlyDues({ category: 'farmer', baseCents: 0, farmerMonthlyCents: amount }));
    expect(e.code).toBe('DUES_FARMER_AMOUNT_OUT_OF_RANGE');
    expect(e.field).toBe('farmerMonthlyCents');
    expect(e.params).toMatchObject({ min: 20, max: 100, value: amount });
  });
  it('requires the amount', () => {
    expect(duesError(() => monthlyDues({ category: 'farmer', baseCents: 0 })).code).toBe('DUES_FARMER_AMOUNT_REQUIRED');
    expect(duesError(() => monthlyDues({ category: 'farmer', baseCents: 0, farmerMonthlyCents: null })).code).toBe('DUES_FARMER_AMOUNT_REQUIRED');
  });
  it('rejects fractions of a 分', () => {
    expect(duesError(() => monthlyDues({ category: 'farmer', baseCents: 0, farmerMonthlyCents: 50.5 })).code).toBe('DUES_FARMER_AMOUNT_NOT_INTEGER');
  });
});

describe('invalid bases are rejected with a code and the field', () => {
  const cases: [number, DuesErrorCode][] = [
    [-1, 'DUES_BASE_NEGATIVE'],
    [-500_000, 'DUES_BASE_NEGATIVE'],
    [300_000.5, 'DUES_BASE_NOT_INTEGER'],
    [Number.NaN, 'DUES_BASE_NOT_INTEGER'],
    [Number.POSITIVE_INFINITY, 'DUES_BASE_NOT_INTEGER'],
    [100_000_001, 'DUES_BASE_TOO_LARGE'],
    [1e12, 'DUES_BASE_TOO_LARGE'],
  ];
  it.each(cases)('employed base %d → %s', (baseCents, code) => {
    const e = duesError(() => monthlyDues({ category: 'employed', baseCents }));
    expect(e.code).toBe(code);
    expect(e.field).toBe('baseCents');
    expect(duesError(() => duesRateFor('employed', baseCents)).code).toBe(code);
  });
  it.each(cases)('retired base %d → %s', (baseCents, code) => {
    expect(duesError(() => monthlyDues({ category: 'retired', baseCents })).code).toBe(code);
  });
  it('accepts exactly the largest base', () => {
    expect(monthlyDues({ category: 'employed', baseCents: 100_000_000 }).monthlyCents).toBe(2_000_000);
  });
  it('rejects an unknown category', () => {
    const e = duesError(() => monthlyDues({ category: 'soldier' as DuesCategory, baseCents: 0 }));
    expect(e.code).toBe('DUES_CATEGORY_INVALID');
    expect(e.field).toBe('category');
  });
});

describe('duesPreviewRequestSchema', () => {
  it('accepts a valid body', () => {
    expect(duesPreviewRequestSchema.parse({ category: 'employed', baseCents: 450_000 })).toEqual({ category: 'employed', baseCents: 450_000 });
    expect(duesPreviewRequestSchema.safeParse({ category: 'farmer', baseCents: 0, farmerMonthlyCents: 50 }).success).toBe(true);
  });
  it('reports the calculator codes at the right path', () => {
    const r = duesPreviewRequestSchema.safeParse({ category: 'employed', baseCents: -1 });
    expect(r.success).toBe(false);
    const issue = r.error?.issues[0];
    expect(issue?.path).toEqual(['baseCents']);
    expect(issue?.message).toBe('DUES_BASE_NEGATIVE');
    const farmer = duesPreviewRequestSchema.safeParse({ category: 'farmer', baseCents: 0, farmerMonthlyCents: 101 });
    expect(farmer.error?.issues[0]?.message).toBe('DUES_FARMER_AMOUNT_OUT_OF_RANGE');
    expect(farmer.error?.issues[0]?.path).toEqual(['farmerMonthlyCents']);
  });
  it('rejects wrong types and unknown keys', () => {
    expect(duesPreviewRequestSchema.safeParse({ category: 'employed', baseCents: '4500' }).success).toBe(false);
    expect(duesPreviewRequestSchema.safeParse({ category: 'boss', baseCents: 1 }).success).toBe(false);
    expect(duesPreviewRequestSchema.safeParse({ category: 'employed', baseCents: 1, extra: true }).success).toBe(false);
  });
});

describe('voluntary extra payments and back payments', () => {
  it.each([
    [99_999, false],
    [100_000, true], // 1000元 exactly goes to the Centre
    [250_000, true],
    [0, false],
  ])('%i 分 one-off → large: %s', (cents, large) => {
    expect(isLargeVoluntaryExtra(cents)).toBe(large);
  });
  it('rejects invalid amounts', () => {
    expect(duesError(() => isLargeVoluntaryExtra(-1)).code).toBe('DUES_AMOUNT_NEGATIVE');
    expect(duesError(() => isLargeVoluntaryExtra(1.5)).code).toBe('DUES_AMOUNT_NOT_INTEGER');
  });
  it.each([
    [1, false],
    [6, false],
    [7, true],
    [24, true],
  ])('back payment over %i months exceeds the limit: %s', (months, exceeds) => {
    expect(checkBackPaymentMonths(months)).toEqual({ months, limit: 6, exceedsLimit: exceeds });
  });
  it.each([0, -1, 2.5])('rejects %d months', (months) => {
    expect(duesError(() => checkBackPaymentMonths(months)).code).toBe('DUES_MONTHS_INVALID');
  });
});

describe('which categories need a base (党费规定 一)', () => {
  it('employed and retired members pay a share of a base; the others a fixed amount', () => {
    expect(DUES_CATEGORIES.filter(duesNeedsBase)).toEqual(['employed', 'retired']);
    expect(DUES_BASE_CATEGORIES).toEqual(['employed', 'retired']);
  });
});
