import { describe, it, expect } from 'vitest';
import { childTypesOf, holdsMembership, isElectedType, mayHaveParent, mayMergeInto, orgRuleWarnings, termExpiresOn, type OrgRulesInput, type OrgWarningCode } from './orgRules.js';
import { resolveRuleSettings } from './ruleSettings.js';

/** A healthy branch: 5 full members, no committee needed, term started 2025-01-10 (3 years). */
function branch(overrides: Partial<OrgRulesInput> = {}): OrgRulesInput {
  return {
    type: 'branch',
    fullMemberCount: 5,
    memberCount: 6,
    hasCommittee: false,
    committeeSize: 0,
    termStart: '2025-01-10',
    termYears: 3,
    vacancies: 0,
    endsOn: null,
    today: '2026-06-01',
    ...overrides,
  };
}

function codes(input: OrgRulesInput): OrgWarningCode[] {
  return orgRuleWarnings(input).map((w) => w.code);
}

describe('orgRuleWarnings', () => {
  it('gives no warning for a healthy branch', () => {
    expect(orgRuleWarnings(branch())).toEqual([]);
  });

  describe('full-member minimum (3)', () => {
    it.each([
      [0, true],
      [2, true],
      [3, false],
    ])('%i full members → warn %s', (fullMemberCount, warns) => {
      const ws = orgRuleWarnings(branch({ fullMemberCount, memberCount: fullMemberCount + 1 }));
      const w = ws.find((x) => x.code === 'ORG_TOO_FEW_FULL_MEMBERS');
      expect(Boolean(w)).toBe(warns);
      if (w) expect(w).toEqual({ code: 'ORG_TOO_FEW_FULL_MEMBERS', severity: 'yellow', params: { fullMemberCount, min: 3 } });
    });
    it('counts full members, not probationary ones', () => {
      expect(codes(branch({ fullMemberCount: 2, memberCount: 10 }))).toContain('ORG_TOO_FEW_FULL_MEMBERS');
    });
    it('does not apply to a general branch or a party group', () => {
      expect(codes(branch({ type: 'general_branch', fullMemberCount: 2 }))).not.toContain('ORG_TOO_FEW_FULL_MEMBERS');
      expect(codes(branch({ type: 'party_group', fullMemberCount: 2, termStart: null }))).toEqual([]);
    });
  });

  describe('committee from 7 full members', () => {
    it.each([
      [6, false, false],
      [7, false, true],
      [7, true, false],
      [20, false, true],
    ])('%i full members, committee %s → warn %s', (fullMemberCount, hasCommittee, warns) => {
      const input = branch({ fullMemberCount, memberCount: fullMemberCount, hasCommittee, committeeSize: hasCommittee ? 3 : 0 });
      expect(codes(input).includes('ORG_NEEDS_COMMITTEE')).toBe(warns);
    });
    it.each([
      [2, 'ORG_COMMITTEE_SIZE_UNUSUAL'],
      [3, null],
      [5, null],
      [6, 'ORG_COMMITTEE_SIZE_UNUSUAL'],
      [7, 'ORG_COMMITTEE_SIZE_UNUSUAL'],
      [8, 'ORG_COMMITTEE_TOO_LARGE'],
    ])('committee of %i → %s', (committeeSize, code) => {
      const cs = codes(branch({ fullMemberCount: 30, memberCount: 30, hasCommittee: true, committeeSize }));
      expect(cs.filter((c) => c.startsWith('ORG_COMMITTEE_'))).toEqual(code ? [code] : []);
    });
  });

  describe('branch size', () => {
    it.each([
      [50, null],
      [51, 'general_branch'],
      [99, 'general_branch'],
      [100, 'committee'],
    ])('%i members → %s', (memberCount, suggestedType) => {
      const w = orgRuleWarnings(branch({ fullMemberCount: 40, memberCount, hasCommittee: true, committeeSize: 5 })).find((x) => x.code === 'ORG_TOO_LARGE');
      if (suggestedType === null) expect(w).toBeUndefined();
      else expect(w).toEqual({ code: 'ORG_TOO_LARGE', severity: 'yellow', params: { memberCount, max: 50, suggestedType } });
    });
    it.each([
      [99, false],
      [100, true],
    ])('general branch with %i members may become a 党委: %s', (memberCount, info) => {
      const input = branch({ type: 'general_branch', fullMemberCount: 90, memberCount, hasCommittee: true, committeeSize: 5 });
      expect(codes(input).includes('ORG_MAY_BECOME_PARTY_COMMITTEE')).toBe(info);
      expect(codes(input)).not.toContain('ORG_TOO_LARGE');
    });
  });

  describe('terms: started 2025-01-10 for 3 years, expires 2028-01-10', () => {
    it('computes the expiry with leap-day clamping', () => {
      expect(termExpiresOn('2025-01-10', 3)).toBe('2028-01-10');
      expect(termExpiresOn('2024-02-29', 5)).toBe('2029-02-28');
    });

    it.each([
      ['2027-07-09', null], // one day before the 6-month mark
      ['2027-07-10', 'ORG_TERM_EXPIRES_6M'], // exactly 6 months before
      ['2027-10-09', 'ORG_TERM_EXPIRES_6M'],
      ['2027-10-10', 'ORG_TERM_EXPIRES_3M'], // exactly 3 months before
      ['2028-01-10', 'ORG_TERM_EXPIRES_3M'], // election on the expiry day is on time
      ['2028-01-11', 'ORG_TERM_OVERDUE'],
      ['2030-01-01', 'ORG_TERM_OVERDUE'],
    ])('on %s → %s', (today, code) => {
      const ws = orgRuleWarnings(branch({ today })).filter((w) => w.code.startsWith('ORG_TERM_'));
      expect(ws.map((w) => w.code)).toEqual(code ? [code] : []);
    });

    it('sets severities and params', () => {
      expect(orgRuleWarnings(branch({ today: '2027-08-01' }))[0]).toEqual({
        code: 'ORG_TERM_EXPIRES_6M',
        severity: 'info',
        params: { termExpiresOn: '2028-01-10', deadline: '2028-01-10', daysLeft: 162 },
      });
      expect(orgRuleWarnings(branch({ today: '2027-12-31' }))[0]?.severity).toBe('yellow');
      expect(orgRuleWarnings(branch({ today: '2028-01-20' }))[0]).toEqual({
        code: 'ORG_TERM_OVERDUE',
        severity: 'red',
        params: { termExpiresOn: '2028-01-10', deadline: '2028-01-10', daysOverdue: 10 },
      });
    });

    it('6 months before a month-end expiry clamps (2026-08-31 → 2026-02-28)', () => {
      const input = { termStart: '2023-08-31', termYears: 3 };
      expect(codes(branch({ ...input, today: '2026-02-27' }))).toEqual([]);
      expect(codes(branch({ ...input, today: '2026-02-28' }))).toEqual(['ORG_TERM_EXPIRES_6M']);
    });

    it('uses the unit setting when the org has no own term length', () => {
      expect(codes(branch({ termYears: null, today: '2028-01-11' }))).toEqual(['ORG_TERM_OVERDUE']);
      const fiveYears = resolveRuleSettings({ termYears: { branch: 5 } });
      expect(codes(branch({ termYears: null, today: '2028-01-11', settings: fiveYears }))).toEqual([]);
      // a 党委 defaults to 5 years: 2025-01-10 + 5 = 2030-01-10
      const committee = branch({ type: 'committee', termYears: null, hasCommittee: true, committeeSize: 7, today: '2029-07-10' });
      expect(codes(committee)).toEqual(['ORG_TERM_EXPIRES_6M']);
    });

    it('flags a term length outside 3–5 years', () => {
      expect(codes(branch({ termYears: 2, today: '2025-06-01' }))).toEqual(['ORG_TERM_YEARS_OUT_OF_RANGE']);
      expect(codes(branch({ termYears: 6, today: '2025-06-01' }))).toEqual(['ORG_TERM_YEARS_OUT_OF_RANGE']);
    });

    it('an approved delay moves the deadline, by at most 1 year', () => {
      expect(codes(branch({ today: '2028-03-29', termDelayedUntil: '2028-06-30' }))).toEqual(['ORG_TERM_EXPIRES_6M']);
      expect(codes(branch({ today: '2028-03-30', termDelayedUntil: '2028-06-30' }))).toEqual(['ORG_TERM_EXPIRES_3M']);
      expect(codes(branch({ today: '2028-07-01', termDelayedUntil: '2028-06-30' }))).toEqual(['ORG_TERM_OVERDUE']);
      // 2029-01-10 is exactly 1 year: allowed
      expect(codes(branch({ today: '2028-03-01', termDelayedUntil: '2029-01-10' }))).toEqual([]);
      const tooLong = orgRuleWarnings(branch({ today: '2029-01-11', termDelayedUntil: '2029-01-11' }));
      expect(tooLong.map((w) => w.code)).toEqual(['ORG_TERM_OVERDUE', 'ORG_TERM_DELAY_TOO_LONG']);
      expect(tooLong[1]?.params).toEqual({ termExpiresOn: '2028-01-10', delayedUntil: '2029-01-11', maxDelayUntil: '2029-01-10' });
    });

    it('has no term warnings without a recorded start or for orgs without elections', () => {
      expect(codes(branch({ termStart: null, today: '2040-01-01' }))).toEqual([]);
      expect(codes(branch({ type: 'temporary_branch', today: '2040-01-01', endsOn: null }))).toEqual([]);
    });
  });

  describe('vacancies and temporary branches', () => {
    it.each([
      [0, false],
      [1, true],
    ])('%i vacancies → yellow %s', (vacancies, warns) => {
      const ws = orgRuleWarnings(branch({ fullMemberCount: 10, memberCount: 10, hasCommittee: true, committeeSize: 5, vacancies }));
      expect(ws.some((w) => w.code === 'ORG_COMMITTEE_VACANCY' && w.severity === 'yellow')).toBe(warns);
    });

    it.each([
      ['2026-06-30', false],
      ['2026-07-01', true],
    ])('temporary branch ending 2026-06-30, today %s → ended %s', (today, ended) => {
      const input = branch({ type: 'temporary_branch', termStart: null, endsOn: '2026-06-30', today });
      expect(codes(input)).toEqual(ended ? ['ORG_TEMPORARY_ENDED'] : []);
    });
  });

  it('sorts the most severe first', () => {
    const ws = orgRuleWarnings(branch({ fullMemberCount: 60, memberCount: 60, hasCommittee: true, committeeSize: 5, vacancies: 1, today: '2028-02-01' }));
    expect(ws.map((w) => w.severity)).toEqual(['red', 'yellow', 'yellow']);
    expect(ws[0]?.code).toBe('ORG_TERM_OVERDUE');
  });

  it('rejects impossible counts and dates', () => {
    expect(() => orgRuleWarnings(branch({ memberCount: -1 }))).toThrow(RangeError);
    expect(() => orgRuleWarnings(branch({ fullMemberCount: 2.5 }))).toThrow(RangeError);
    expect(() => orgRuleWarnings(branch({ today: '2026-02-30' }))).toThrow();
  });
});

describe('the org tree rules', () => {
  it('places each type under its parents (党委 → 党总支 → 党支部 → 党小组)', () => {
    expect(childTypesOf('committee')).toEqual(['committee', 'general_branch', 'branch', 'joint_branch', 'temporary_branch']);
    expect(childTypesOf('general_branch')).toEqual(['branch', 'joint_branch', 'temporary_branch']);
    expect(childTypesOf('joint_branch')).toEqual(['party_group']);
    expect(childTypesOf('temporary_branch')).toEqual([]);
    expect(childTypesOf('party_group')).toEqual([]);
    expect(mayHaveParent('committee', null)).toBe(true);
    expect(mayHaveParent('branch', null)).toBe(false);
    expect(mayHaveParent('party_group', 'general_branch')).toBe(false);
  });

  it('merges only into the same kind; a party group only within its branch', () => {
    const org = (id: number, type: Parameters<typeof mayMergeInto>[0]['type'], parentId: number | null = 1) => ({ id, type, parentId });
    expect(mayMergeInto(org(2, 'branch'), org(3, 'joint_branch'))).toBe(true);
    expect(mayMergeInto(org(2, 'joint_branch'), org(3, 'branch'))).toBe(true);
    expect(mayMergeInto(org(2, 'branch'), org(3, 'general_branch'))).toBe(false);
    expect(mayMergeInto(org(2, 'general_branch'), org(3, 'general_branch'))).toBe(true);
    expect(mayMergeInto(org(2, 'branch'), org(3, 'party_group'))).toBe(false);
    expect(mayMergeInto(org(5, 'party_group', 2), org(6, 'party_group', 2))).toBe(true);
    expect(mayMergeInto(org(5, 'party_group', 2), org(2, 'branch'))).toBe(true);
    expect(mayMergeInto(org(5, 'party_group', 2), org(7, 'party_group', 3))).toBe(false);
    expect(mayMergeInto(org(5, 'party_group', 2), org(3, 'branch'))).toBe(false);
  });

  it('knows which orgs are elected and which hold members’ records', () => {
    expect(['committee', 'general_branch', 'branch', 'joint_branch', 'temporary_branch', 'party_group'].filter((t) => isElectedType(t as never))).toEqual(['committee', 'general_branch', 'branch', 'joint_branch']);
    expect(holdsMembership('branch')).toBe(true);
    expect(holdsMembership('temporary_branch')).toBe(false);
    expect(holdsMembership('party_group')).toBe(false);
  });
});
