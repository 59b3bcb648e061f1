import { describe, expect, it } from 'vitest';
import { brandFigureRange, brandMeasureSchema, brandRuleReview } from './brands.js';

describe('brandRuleReview', () => {
  const rule = (lastReviewedOn: string | null, reviewEveryMonths = 12) => ({ reviewEveryMonths, lastReviewedOn, createdOn: '2026-01-10' });
  it.each([
    [rule(null), '2026-11-23', { nextReviewOn: '2027-01-10', state: 'never' }],
    [rule(null, 6), '2026-11-23', { nextReviewOn: '2026-07-10', state: 'overdue' }],
    [rule('2026-05-20', 6), '2026-11-23', { nextReviewOn: '2026-11-20', state: 'overdue' }],
    [rule('2026-05-20', 6), '2026-11-20', { nextReviewOn: '2026-11-20', state: 'due_soon' }],
    [rule('2026-06-30', 6), '2026-11-30', { nextReviewOn: '2026-12-30', state: 'due_soon' }],
    [rule('2026-09-23'), '2026-11-23', { nextReviewOn: '2027-09-23', state: 'ok' }],
  ] as const)('%o on %s → %o', (r, today, expected) => expect(brandRuleReview(r, today)).toEqual(expected));
});

describe('brandMeasureSchema', () => {
  it('takes declared measures with their defaults and refuses a typed-in number or an unknown measure', () => {
    expect(brandMeasureSchema.parse({ source: 'service', measure: 'hours' })).toEqual({ source: 'service', measure: 'hours', orgScope: 'subtree', period: 'year' });
    expect(brandMeasureSchema.parse({ source: 'honours', levels: ['国家级'], period: 'to_date' })).toMatchObject({ source: 'honours', levels: ['国家级'], period: 'to_date' });
    expect(brandMeasureSchema.safeParse({ source: 'service', measure: 'hours', value: 8430 }).success).toBe(false);
    expect(brandMeasureSchema.safeParse({ source: 'service', measure: 'views' }).success).toBe(false);
    expect(brandMeasureSchema.safeParse({ source: 'dues' }).success).toBe(false);
  });
  it('counts a year, or everything to its end', () => {
    expect(brandFigureRange({ period: 'year' }, 2026)).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(brandFigureRange({ period: 'to_date' }, 2021)).toEqual({ from: null, to: '2021-12-31' });
  });
});
