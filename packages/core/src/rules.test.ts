import { describe, it, expect } from 'vitest';
import {
  DEFAULT_RULE_SETTINGS,
  MEETING_KINDS,
  ORGANISATIONAL_LIFE,
  electionQuorumMet,
  lapseLevel,
  lapseLevelBounds,
  meetingFrequencyFor,
  ordinaryVotePasses,
} from './rules.js';
import { resolveRuleSettings, ruleSettingsOverridesSchema } from './ruleSettings.js';

describe('organisational life table', () => {
  it('has an entry for every meeting kind and nothing else', () => {
    expect(Object.keys(ORGANISATIONAL_LIFE).sort()).toEqual([...MEETING_KINDS].sort());
  });
  it.each([
    ['branch_general_meeting', 'quarter'],
    ['branch_committee_meeting', 'month'],
    ['party_group_meeting', 'month'],
    ['party_lecture', 'quarter'],
    ['theme_party_day', 'month'],
    ['organisational_life_meeting', 'year'],
    ['democratic_review', 'year'],
    ['heart_to_heart_talk', 'year'],
    ['first_topic_study', 'per_meeting'],
  ] as const)('%s: once per %s', (kind, period) => {
    expect(ORGANISATIONAL_LIFE[kind].period).toBe(period);
    expect(ORGANISATIONAL_LIFE[kind].minCount).toBe(1);
  });
  it('party group meetings are counted per group; the 组织生活会 usually falls in Q4', () => {
    expect(ORGANISATIONAL_LIFE.party_group_meeting.scope).toBe('party_group');
    expect(ORGANISATIONAL_LIFE.organisational_life_meeting.usualQuarter).toBe(4);
  });
  it('applies a unit setting only to configurable kinds', () => {
    const s = resolveRuleSettings({ meetingFrequencies: { party_lecture: { period: 'year', minCount: 2 } } });
    expect(meetingFrequencyFor('party_lecture', s)).toMatchObject({ period: 'year', minCount: 2 });
    expect(meetingFrequencyFor('branch_general_meeting', s)).toMatchObject({ period: 'quarter', minCount: 1 });
    expect(meetingFrequencyFor('party_lecture')).toMatchObject({ period: 'quarter', minCount: 1 });
  });
});

describe('quorum', () => {
  // 30 voting members: more than half is 16 (15 is exactly half).
  it.each([
    [30, 15, 15, false],
    [30, 16, 15, false],
    [30, 16, 16, true],
    [30, 30, 15, false], // half of all voting members in favour is not enough
    [31, 16, 16, true],
    [31, 15, 15, false],
  ])('%i voting, %i present, %i in favour → %s', (votingMembers, present, inFavour, passes) => {
    expect(ordinaryVotePasses({ votingMembers, present, inFavour })).toBe(passes);
  });
  // 20 due: 4/5 is 16, so 17 are needed; 21 due: 4/5 is 16.8, so 17.
  it.each([
    [20, 16, false],
    [20, 17, true],
    [21, 16, false],
    [21, 17, true],
    [5, 4, false],
    [5, 5, true],
  ])('election with %i due, %i present → valid %s', (votersDue, present, valid) => {
    expect(electionQuorumMet({ votersDue, present })).toBe(valid);
  });
});

describe('6-month rule (党章 第九条)', () => {
  it.each([
    [0, 'none'],
    [2, 'none'],
    [3, 'remind'],
    [4, 'remind'],
    [5, 'warn'],
    [6, 'report'],
    [12, 'report'],
  ] as const)('%i months → %s', (months, level) => expect(lapseLevel(months)).toBe(level));

  it('gives each level the months it covers, the inverse of lapseLevel', () => {
    for (let months = 0; months <= 24; months++) {
      const level = lapseLevel(months);
      const { min, below } = lapseLevelBounds(level);
      expect(months >= min && (below === null || months < below), `${months} → ${level}`).toBe(true);
    }
    expect(lapseLevelBounds('remind')).toEqual({ min: 3, below: 5 });
    expect(lapseLevelBounds('report')).toEqual({ min: 6, below: null });
  });
});

describe('rule settings', () => {
  it('defaults to the regulation values', () => {
    expect(DEFAULT_RULE_SETTINGS.termYears).toEqual({ committee: 5, general_branch: 3, branch: 3, joint_branch: 3 });
    expect(DEFAULT_RULE_SETTINGS.publicNotice).toEqual({ days: 5, unit: 'working_days' });
    expect(resolveRuleSettings({})).toEqual(DEFAULT_RULE_SETTINGS);
  });

  it('cannot be mutated by accident', () => {
    expect(Object.isFrozen(DEFAULT_RULE_SETTINGS.termYears)).toBe(true);
    const s = resolveRuleSettings();
    s.termYears.branch = 4;
    expect(DEFAULT_RULE_SETTINGS.termYears.branch).toBe(3);
  });

  it('merges valid overrides', () => {
    const s = resolveRuleSettings({ termYears: { branch: 5 }, publicNotice: { days: 7, unit: 'calendar_days' }, themePartyDayOfMonth: 15 });
    expect(s.termYears).toEqual({ committee: 5, general_branch: 3, branch: 5, joint_branch: 3 });
    expect(s.publicNotice).toEqual({ days: 7, unit: 'calendar_days' });
    expect(s.themePartyDayOfMonth).toBe(15);
  });

  it.each([
    [{ termYears: { branch: 2 } }],
    [{ termYears: { branch: 6 } }],
    [{ termYears: { branch: 3.5 } }],
    [{ termYears: { party_group: 3 } }],
    [{ publicNotice: { days: 0, unit: 'working_days' } }],
    [{ themePartyDayOfMonth: 31 }],
    [{ duesBaseDeductions: ['income_tax'] }], // the payroll choice decides deductions (settings section duesPayroll)
    [{ meetingFrequencies: { branch_general_meeting: { period: 'year', minCount: 1 } } }], // not configurable
    [{ unknownSetting: true }],
  ])('rejects %j', (overrides) => {
    expect(ruleSettingsOverridesSchema.safeParse(overrides).success).toBe(false);
    expect(() => resolveRuleSettings(overrides)).toThrow();
  });

  it.each([[{ termYears: { branch: 3 } }], [{ termYears: { committee: 5, branch: 4 } }], [{ themePartyDayOfMonth: null }]])(
    'accepts %j',
    (overrides) => {
      expect(ruleSettingsOverridesSchema.safeParse(overrides).success).toBe(true);
    },
  );
});
