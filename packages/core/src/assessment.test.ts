import { describe, expect, it } from 'vitest';
import { type AssessmentItem, adoptionTargetIsBranchs, checkAssessmentItems, itemScore, sheetSuggestion, suggestedGrade, totalScore, weightTotal } from './assessment.js';

const item = (over: Partial<AssessmentItem>): AssessmentItem => ({ key: 'a', name: 'A', kind: 'manual', weight: 50, unit: '', target: null, scoring: 'proportional', description: '', ...over });

describe('itemScore', () => {
  it('gives full marks at or above the target', () => {
    expect(itemScore(12, 12, 20)).toBe(20);
    expect(itemScore(15, 12, 20)).toBe(20);
  });
  it('is proportional below the target, one decimal', () => {
    expect(itemScore(6, 12, 20)).toBe(10);
    expect(itemScore(1, 3, 10)).toBe(3.3);
    expect(itemScore(0, 3, 10)).toBe(0);
  });
  it('gives nothing below the target when scored by threshold', () => {
    expect(itemScore(11, 12, 20, 'threshold')).toBe(0);
    expect(itemScore(12, 12, 20, 'threshold')).toBe(20);
  });
});

describe('totals and grades', () => {
  it('adds item scores, unscored counting 0', () => expect(totalScore([20, 10.5, null, undefined, 30])).toBe(60.5));
  it('suggests a grade from the total under the unit settings', () => {
    expect(suggestedGrade(90)).toBe('好');
    expect(suggestedGrade(89.9)).toBe('较好');
    expect(suggestedGrade(75)).toBe('较好');
    expect(suggestedGrade(60)).toBe('一般');
    expect(suggestedGrade(59.9)).toBe('差');
    expect(suggestedGrade(85, { goodFrom: 85, fairlyGoodFrom: 70, averageFrom: 50 })).toBe('好');
  });
});

describe('checkAssessmentItems', () => {
  it('requires weights totalling 100', () => {
    const errors = checkAssessmentItems([item({ key: 'a', weight: 50 }), item({ key: 'b', weight: 40 })]);
    expect(errors).toEqual([{ path: 'items', code: 'ASSESSMENT_WEIGHTS_NOT_100', params: { total: 90 } }]);
    expect(weightTotal([{ weight: 33.3 }, { weight: 66.7 }])).toBe(100);
  });
  it('names the item lacking a target, a measure, an indicator or with a repeated key', () => {
    const errors = checkAssessmentItems([item({ key: 'a', kind: 'measure', weight: 50 }), item({ key: 'a', kind: 'indicator', weight: 50, target: 3 })]);
    expect(errors.map((e) => e.path)).toEqual(['items[0].measure', 'items[0].target', 'items[1].key', 'items[1].indicatorKey']);
  });
});

describe('sheetSuggestion', () => {
  const items = [{ kind: 'indicator' as const }, { kind: 'manual' as const }];
  it('suggests no grade while a manual item is unscored, the total being the partial one', () => {
    expect(sheetSuggestion(items, [43, null])).toEqual({ total: 43, awaitingScores: true, suggestedGrade: null });
    expect(sheetSuggestion(items, [43])).toEqual({ total: 43, awaitingScores: true, suggestedGrade: null });
  });
  it('suggests the total’s grade once every manual item is scored, or when there is none', () => {
    expect(sheetSuggestion(items, [43, 25])).toEqual({ total: 68, awaitingScores: false, suggestedGrade: '一般' });
    expect(sheetSuggestion([{ kind: 'measure' }], [91])).toEqual({ total: 91, awaitingScores: false, suggestedGrade: '好' });
  });
});

describe('adoptionTargetIsBranchs', () => {
  it('takes the target of the branch’s own adoption or of one that flows to that branch alone', () => {
    expect(adoptionTargetIsBranchs({ orgId: 7, branchIds: [] }, 7)).toBe(true);
    expect(adoptionTargetIsBranchs({ orgId: 1, branchIds: [7] }, 7)).toBe(true);
  });
  it('not the 党委’s total over several branches, nor another branch’s', () => {
    expect(adoptionTargetIsBranchs({ orgId: 1, branchIds: [] }, 7)).toBe(false);
    expect(adoptionTargetIsBranchs({ orgId: 1, branchIds: [7, 8] }, 7)).toBe(false);
    expect(adoptionTargetIsBranchs({ orgId: 1, branchIds: [8] }, 7)).toBe(false);
  });
});
