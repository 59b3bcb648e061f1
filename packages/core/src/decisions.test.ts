import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DECISIONS_SETTINGS,
  canWriteBody,
  daysLate,
  decisionRefusal,
  decisionsSettingsSchema,
  effectiveCategory,
  onTimeRate,
  prereviewChecklist,
  prereviewMissing,
  quorum,
  routingRefusal,
  taskState,
} from './decisions.js';
import { UNIT_SETTINGS } from './settings.js';

const S = DEFAULT_DECISIONS_SETTINGS;

describe('decisions settings', () => {
  it('defaults are valid and live in the settings store', () => {
    expect(decisionsSettingsSchema.parse(S)).toEqual(S);
    expect(UNIT_SETTINGS.decisions.defaults).toBe(S);
    expect(S.largeFundThresholdCents).toBe(50_000_000);
    expect(S.prereviewItems).toContain('合法性审查');
  });
  it('a general topic of a large amount is 大额资金使用', () => {
    expect(effectiveCategory('general', 60_000_000, S)).toBe('large_fund');
    expect(effectiveCategory('general', 10_000_000, S)).toBe('general');
    expect(effectiveCategory('cadre', 60_000_000, S)).toBe('cadre');
  });
});

describe('who writes which body', () => {
  it('党办 the 党委会, 院办 the 院长办公会, both the joint meeting', () => {
    expect(canWriteBody(['party_office'], 'party_committee')).toBe(true);
    expect(canWriteBody(['party_office'], 'president_office_meeting')).toBe(false);
    expect(canWriteBody(['president_office'], 'president_office_meeting')).toBe(true);
    expect(canWriteBody(['president_office'], 'joint_meeting')).toBe(true);
    expect(canWriteBody(['org_office'], 'joint_meeting')).toBe(false);
  });
});

describe('pre-review and routing', () => {
  it('lists the checklist items not done', () => {
    const list = prereviewChecklist(S);
    expect(prereviewMissing(list)).toHaveLength(6);
    expect(prereviewMissing(list.map((i) => ({ ...i, done: true })))).toEqual([]);
  });
  it('a 三重一大 topic reaches the 院长办公会 only after the 党委会 studied it; cadre only at the 党委会', () => {
    expect(routingRefusal('president_office_meeting', 'major_project', false, S)).toEqual({ code: 'DECISIONS_ROUTING_STUDY_FIRST', category: 'major_project' });
    expect(routingRefusal('president_office_meeting', 'major_project', true, S)).toBeNull();
    expect(routingRefusal('president_office_meeting', 'general', false, S)).toBeNull();
    expect(routingRefusal('president_office_meeting', 'cadre', true, S)?.code).toBe('DECISIONS_ROUTING_COMMITTEE_DECIDES');
    expect(routingRefusal('joint_meeting', 'cadre', true, S)?.code).toBe('DECISIONS_ROUTING_COMMITTEE_DECIDES');
    expect(routingRefusal('party_committee', 'cadre', false, S)).toBeNull();
  });
});

describe('quorum and votes', () => {
  it('more than half present; two thirds for cadre topics at the 党委会', () => {
    expect(quorum('party_committee', 'major_project', 9, 5).ok).toBe(true);
    expect(quorum('party_committee', 'major_project', 9, 4).ok).toBe(false);
    expect(quorum('party_committee', 'major_project', 8, 4).ok).toBe(false);
    expect(quorum('party_committee', 'cadre', 9, 5)).toMatchObject({ ok: false, required: 6, rule: 'two_thirds' });
    expect(quorum('party_committee', 'cadre', 9, 6).ok).toBe(true);
    expect(quorum('president_office_meeting', 'cadre', 9, 5).ok).toBe(true);
  });
  const base = { kind: 'party_committee' as const, category: 'major_project' as const, due: 9, present: 7, chairPresent: true };
  it('a 党委会 decision passes on more than half of the members due, not of those present', () => {
    expect(decisionRefusal({ ...base, votes: { for: 4, against: 0, abstain: 3 }, result: 'passed' })).toMatchObject({ code: 'DECISIONS_VOTES_RESULT_MISMATCH', required: 5 });
    expect(decisionRefusal({ ...base, votes: { for: 4, against: 0, abstain: 3 }, result: 'rejected' })).toBeNull();
    expect(decisionRefusal({ ...base, votes: { for: 5, against: 2, abstain: 0 }, result: 'passed' })).toBeNull();
    expect(decisionRefusal({ ...base, votes: { for: 5, against: 3, abstain: 0 }, result: 'passed' })).toMatchObject({ code: 'DECISIONS_VOTES_EXCEED_PRESENT' });
    expect(decisionRefusal({ ...base, votes: null, result: 'passed' })?.code).toBe('DECISIONS_VOTES_REQUIRED');
    expect(decisionRefusal({ ...base, present: 4, votes: { for: 4, against: 0, abstain: 0 }, result: 'passed' })?.code).toBe('DECISIONS_QUORUM_NOT_MET');
    expect(decisionRefusal({ ...base, present: 2, votes: null, result: 'deferred' })).toBeNull();
  });
  it('the 院长办公会 does not vote: the president decides', () => {
    const p = { ...base, kind: 'president_office_meeting' as const };
    expect(decisionRefusal({ ...p, votes: null, result: 'passed' })).toBeNull();
    expect(decisionRefusal({ ...p, votes: { for: 5, against: 0, abstain: 0 }, result: 'passed' })?.code).toBe('DECISIONS_NO_VOTES_AT_PRESIDENT_MEETING');
    expect(decisionRefusal({ ...p, votes: null, result: 'passed', chairPresent: false })?.code).toBe('DECISIONS_PRESIDENT_ABSENT');
  });
});

describe('tasks', () => {
  it('classifies open, due soon, overdue, closed on time and late', () => {
    expect(taskState('2026-12-31', null, '2026-11-23')).toBe('open');
    expect(taskState('2026-11-30', null, '2026-11-23')).toBe('due_soon');
    expect(taskState('2026-11-22', null, '2026-11-23')).toBe('overdue');
    expect(taskState('2026-11-22', '2026-11-22', '2026-11-23')).toBe('closed_on_time');
    expect(taskState('2026-11-20', '2026-11-22', '2026-11-23')).toBe('closed_late');
    expect(daysLate('2026-11-20', '2026-11-22', '2026-11-23')).toBe(2);
    expect(daysLate('2026-11-20', null, '2026-11-23')).toBe(3);
    expect(onTimeRate(['closed_on_time', 'closed_late', 'overdue', 'open'])).toBeCloseTo(1 / 3);
    expect(onTimeRate(['open'])).toBeNull();
  });
});
