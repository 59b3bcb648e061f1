import { describe, expect, it } from 'vitest';
import {
  type ComplianceOrg,
  type ComplianceRecord,
  type ComplianceRule,
  DEFAULT_ORGLIFE_SETTINGS,
  checkVote,
  complianceEpoch,
  computeCompliance,
  generateYearPlan,
  kindProblems,
  memberAttendance,
  memberLapse,
  monthsSinceLast,
  monthStateOf,
  planItemCandidates,
  planItemState,
  suggestedPlanItems,
  monthStatesOf,
  rosterOrgOf,
  votingBase,
  votingEntitlement,
  votingExclusionProblems,
  type VoterFacts,
} from './orglife.js';
import { addDays } from './calendar.js';
import { DEFAULT_RULE_SETTINGS } from './rules.js';
import { resolveRuleSettings } from './ruleSettings.js';

const branch: ComplianceOrg = { id: 1, type: 'branch', establishedOn: '2010-01-01', endsOn: null, dissolvedOn: null, fullMemberCount: 20 };

let nextId = 100;
function rec(heldOn: string, kinds: ComplianceRecord['kinds'], over: Partial<ComplianceRecord> = {}): ComplianceRecord {
  return { id: nextId++, orgId: 1, partyGroupId: null, heldOn, kinds, hasMinutes: true, hasAttendance: true, hasSpeaker: true, speakerIsSecretary: false, ...over };
}

function cellOf(orgs: ComplianceOrg[], records: ComplianceRecord[], rule: ComplianceRule, period: string, today = '2026-11-23', orgId = orgs[0]!.id) {
  const cells = computeCompliance({ orgs, records, year: Number(period.slice(0, 4)), today, rules: resolveRuleSettings() });
  const cell = cells.find((c) => c.orgId === orgId && c.rule === rule && c.period === period);
  if (!cell) throw new Error(`no cell ${rule} ${period}`);
  return cell;
}

describe('compliance at period boundaries', () => {
  it.each([
    // [held on, quarter asked, expected state]
    ['2026-03-31', '2026-Q1', 'met'],
    ['2026-03-31', '2026-Q2', 'missed'],
    ['2026-04-01', '2026-Q2', 'met'],
    ['2026-04-01', '2026-Q1', 'missed'],
    ['2026-01-01', '2026-Q1', 'met'],
    ['2025-12-31', '2026-Q1', 'missed'],
  ] as const)('a 党员大会 on %s → %s is %s', (heldOn, period, state) => {
    const cell = cellOf([branch], [rec(heldOn, ['branch_general_meeting'])], 'branch_general_meeting', period);
    expect(cell.state).toBe(state);
    if (state === 'met') expect(cell.recordIds).toHaveLength(1);
    else expect(cell.reason).toBe('no_record');
  });

  it.each([
    // [today, state of Q4 with no record]
    ['2026-11-23', 'pending'],
    ['2026-12-16', 'pending'],
    ['2026-12-17', 'due_soon'],
    ['2026-12-31', 'due_soon'],
    ['2027-01-01', 'missed'],
    ['2026-09-30', 'pending'],
  ] as const)('today %s: an unmet Q4 is %s', (today, state) => {
    expect(cellOf([branch], [], 'branch_general_meeting', '2026-Q4', today).state).toBe(state);
  });

  it('a future period is pending with its reason', () => {
    const cell = cellOf([branch], [], 'theme_party_day', '2026-12', '2026-11-23');
    expect([cell.state, cell.reason]).toEqual(['pending', 'future_period']);
  });

  it('a branch created mid-quarter is not asked for that quarter, but is for the next', () => {
    const young: ComplianceOrg = { ...branch, id: 2, establishedOn: '2026-02-15' };
    expect(cellOf([young], [], 'branch_general_meeting', '2026-Q1', '2026-11-23', 2)).toMatchObject({ state: 'not_applicable', reason: 'established_mid_period' });
    expect(cellOf([young], [], 'branch_general_meeting', '2026-Q2', '2026-11-23', 2)).toMatchObject({ state: 'missed' });
    // January: the branch did not exist at all.
    expect(cellOf([young], [], 'theme_party_day', '2026-01', '2026-11-23', 2)).toMatchObject({ state: 'not_applicable', reason: 'org_not_active' });
    // February: founded on the 15th, not asked; a founding meeting still counts as met.
    expect(cellOf([young], [], 'theme_party_day', '2026-02', '2026-11-23', 2).state).toBe('not_applicable');
    expect(cellOf([young], [rec('2026-02-20', ['theme_party_day'], { orgId: 2 })], 'theme_party_day', '2026-02', '2026-11-23', 2).state).toBe('met');
  });

  it('a temporary branch: asked for its full periods only, never for 支委会 / 民主评议', () => {
    const temp: ComplianceOrg = { id: 3, type: 'temporary_branch', establishedOn: '2026-03-18', endsOn: '2027-03-17', dissolvedOn: null, fullMemberCount: 12 };
    expect(cellOf([temp], [], 'branch_general_meeting', '2026-Q1', '2026-11-23', 3).state).toBe('not_applicable');
    expect(cellOf([temp], [], 'branch_general_meeting', '2026-Q2', '2026-11-23', 3).state).toBe('missed');
    expect(cellOf([temp], [], 'democratic_review', '2026', '2026-11-23', 3)).toMatchObject({ state: 'not_applicable', reason: 'temporary_branch' });
    expect(cellOf([temp], [], 'branch_committee_meeting', '2026-06', '2026-11-23', 3)).toMatchObject({ state: 'not_applicable', reason: 'temporary_branch' });
    const ended: ComplianceOrg = { ...temp, id: 4, establishedOn: '2025-03-18', endsOn: '2026-03-17' };
    expect(cellOf([ended], [], 'theme_party_day', '2026-03', '2026-11-23', 4)).toMatchObject({ state: 'not_applicable', reason: 'ended_mid_period' });
    expect(cellOf([ended], [], 'theme_party_day', '2026-04', '2026-11-23', 4)).toMatchObject({ state: 'not_applicable', reason: 'org_not_active' });
    expect(cellOf([ended], [], 'theme_party_day', '2026-02', '2026-11-23', 4).state).toBe('missed');
  });

  it('one record with two kinds satisfies both items, and a 党小组会 counts for its group', () => {
    const group: ComplianceOrg = { id: 5, type: 'party_group', establishedOn: '2015-01-01', endsOn: null, dissolvedOn: null, fullMemberCount: 8 };
    const both = rec('2026-05-12', ['theme_party_day', 'party_group_meeting'], { partyGroupId: 5 });
    expect(cellOf([branch, group], [both], 'theme_party_day', '2026-05').recordIds).toEqual([both.id]);
    expect(cellOf([branch, group], [both], 'party_group_meeting', '2026-05', '2026-11-23', 5)).toMatchObject({ state: 'met', recordIds: [both.id] });
    expect(cellOf([branch, group], [both], 'party_group_meeting', '2026-06', '2026-11-23', 5).state).toBe('missed');
  });

  it('a record without minutes, attendance or (for 党课) the speaker does not count', () => {
    for (const over of [{ hasMinutes: false }, { hasAttendance: false }]) {
      const r = rec('2026-05-12', ['branch_general_meeting'], over);
      expect(cellOf([branch], [r], 'branch_general_meeting', '2026-Q2')).toMatchObject({ state: 'missed', reason: 'record_incomplete', recordIds: [r.id] });
    }
    const lecture = rec('2026-05-12', ['party_lecture'], { hasSpeaker: false });
    expect(cellOf([branch], [lecture], 'party_lecture', '2026-Q2').reason).toBe('record_incomplete');
    expect(cellOf([branch], [{ ...lecture, hasSpeaker: true }], 'party_lecture', '2026-Q2').state).toBe('met');
  });

  it('a branch under 7 full members has no 支委会 due; at 7 it has', () => {
    expect(cellOf([{ ...branch, fullMemberCount: 6 }], [], 'branch_committee_meeting', '2026-03').reason).toBe('no_committee');
    expect(cellOf([{ ...branch, fullMemberCount: 7 }], [], 'branch_committee_meeting', '2026-03').state).toBe('missed');
  });

  it('第一议题: met when every 支委会 of the month has it, missed when one lacks it', () => {
    const ok = rec('2026-03-05', ['branch_committee_meeting', 'first_topic_study']);
    const lacking = rec('2026-03-20', ['branch_committee_meeting']);
    expect(cellOf([branch], [ok], 'first_topic_study', '2026-03').state).toBe('met');
    expect(cellOf([branch], [ok, lacking], 'first_topic_study', '2026-03')).toMatchObject({ state: 'missed', recordIds: [lacking.id] });
    expect(cellOf([branch], [], 'first_topic_study', '2026-03').reason).toBe('no_committee_meeting');
  });

  it('the secretary 党课 follows the setting; the 党课 frequency setting changes the period', () => {
    const off = resolveRuleSettings({ branchSecretaryLectureRequired: false });
    const cells = computeCompliance({ orgs: [branch], records: [], year: 2026, today: '2026-11-23', rules: off });
    expect(cells.find((c) => c.rule === 'secretary_lecture')?.reason).toBe('setting_off');
    const yearly = resolveRuleSettings({ meetingFrequencies: { party_lecture: { period: 'year', minCount: 2 } } });
    const one = rec('2026-05-12', ['party_lecture']);
    const cells2 = computeCompliance({ orgs: [branch], records: [one], year: 2026, today: '2027-01-05', rules: yearly });
    expect(cells2.filter((c) => c.rule === 'party_lecture').map((c) => [c.period, c.state])).toEqual([['2026', 'missed']]);
    const two = rec('2026-09-12', ['party_lecture']);
    const cells3 = computeCompliance({ orgs: [branch], records: [one, two], year: 2026, today: '2027-01-05', rules: yearly });
    expect(cells3.find((c) => c.rule === 'party_lecture')?.state).toBe('met');
  });

  it('the month state of the matrix is the worst item due in that month', () => {
    const records = [rec('2026-03-10', ['theme_party_day']), rec('2026-03-10', ['branch_committee_meeting', 'first_topic_study'])];
    const cells = computeCompliance({ orgs: [branch], records, year: 2026, today: '2026-11-23', rules: DEFAULT_RULE_SETTINGS });
    expect(monthStateOf(cells, 1, '2026-03')).toBe('missed'); // Q1 党员大会 and 党课 fall due in March
    const full = [...records, rec('2026-02-10', ['branch_general_meeting', 'party_lecture'])];
    const cells2 = computeCompliance({ orgs: [branch], records: full, year: 2026, today: '2026-11-23', rules: DEFAULT_RULE_SETTINGS });
    expect(monthStateOf(cells2, 1, '2026-03')).toBe('met');
    expect(monthStateOf(cells2, 1, '2026-04')).toBe('missed');
  });

  it('the one-pass month states equal the month state of each month', () => {
    const records = [
      rec('2026-01-10', ['theme_party_day']),
      rec('2026-02-10', ['branch_general_meeting', 'party_lecture']),
      rec('2026-03-31', ['theme_party_day']),
      rec('2026-07-02', ['branch_committee_meeting']),
      rec('2026-11-05', ['theme_party_day'], { hasMinutes: false }),
    ];
    const seen = new Set<string>();
    for (const today of ['2026-03-31', '2026-04-01', '2026-11-23', '2027-01-02']) {
      const cells = computeCompliance({ orgs: [branch], records, year: 2026, today, rules: DEFAULT_RULE_SETTINGS });
      const expected = Array.from({ length: 12 }, (_, i) => monthStateOf(cells, 1, `2026-${String(i + 1).padStart(2, '0')}`));
      expect(monthStatesOf(cells, 2026)).toEqual(expected);
      for (const state of expected) seen.add(state);
    }
    // The cases cover more than one state (met, missed, due soon, pending).
    expect(seen.size).toBeGreaterThanOrEqual(3);
  });
});

describe('kinds on one record', () => {
  it.each([
    [['theme_party_day', 'party_group_meeting'], 'branch', 9, []],
    [['branch_committee_meeting', 'first_topic_study'], 'branch', null, []],
    [['branch_general_meeting', 'branch_committee_meeting'], 'branch', null, ['KINDS_NOT_COMBINABLE']],
    [['heart_to_heart_talk', 'party_lecture'], 'branch', null, ['KINDS_NOT_COMBINABLE']],
    [['first_topic_study'], 'branch', null, ['FIRST_TOPIC_NEEDS_MEETING']],
    [['party_group_meeting'], 'branch', null, ['PARTY_GROUP_REQUIRED']],
    [['committee_study_session'], 'branch', null, ['KIND_NOT_FOR_ORG']],
    [['theme_party_day'], 'committee', null, ['KIND_NOT_FOR_ORG']],
    [[], 'branch', null, ['KINDS_EMPTY']],
  ] as const)('%j on a %s → %j', (kinds, orgType, group, codes) => {
    expect(kindProblems(kinds, orgType, group).map((p) => p.code)).toEqual(codes);
  });
});

describe('quorum of the 支部党员大会', () => {
  it.each([
    // voting members, present, in favour → outcome
    [20, 10, 10, { ok: false, code: 'QUORUM_NOT_MET', required: 11 }],
    [20, 11, 11, { ok: true, passed: true }],
    [20, 11, 10, { ok: true, passed: false }], // in favour must exceed half of all voting members
    [21, 11, 11, { ok: true, passed: true }],
    [21, 10, 10, { ok: false, code: 'QUORUM_NOT_MET', required: 11 }],
  ] as const)('ordinary: %i voting, %i present, %i for → %j', (votingMembers, present, inFavour, outcome) => {
    expect(checkVote({ kind: 'ordinary', votingMembers, present, inFavour, against: 0, abstain: 0 })).toMatchObject(outcome);
  });

  it.each([
    [20, 16, { ok: false, code: 'ELECTION_QUORUM_NOT_MET', required: 17 }],
    [20, 17, { ok: true }],
    [10, 9, { ok: true }],
    [10, 8, { ok: false, required: 9 }],
  ] as const)('election: %i due, %i present → %j', (votingMembers, present, outcome) => {
    expect(checkVote({ kind: 'election', votingMembers, present, inFavour: present, against: 0, abstain: 0 })).toMatchObject(outcome);
  });

  it('refuses more votes than members present', () => {
    expect(checkVote({ kind: 'ordinary', votingMembers: 20, present: 12, inFavour: 10, against: 2, abstain: 1 })).toMatchObject({ ok: false, code: 'VOTES_EXCEED_PRESENT', cast: 13 });
  });
});

describe('who is entitled to vote on a date (应到会有表决权的党员)', () => {
  const full: VoterFacts = { category: 'full', fullOn: '2020-05-01', exclusions: [] };
  const away = { kind: 'away_approved' as const, fromOn: '2026-09-01', toOn: '2027-08-31', approvalRef: '院党委〔2026〕12号', approvedOn: '2026-08-20' };

  it('full members are; probationary members are not, nor a member who became full after the date', () => {
    expect(votingEntitlement(full, '2026-11-23')).toEqual({ entitled: true });
    expect(votingEntitlement({ ...full, category: 'probationary', fullOn: null }, '2026-11-23')).toMatchObject({ entitled: false, reason: 'probationary' });
    expect(votingEntitlement({ ...full, fullOn: '2026-11-24' }, '2026-11-23')).toMatchObject({ entitled: false, reason: 'probationary' });
    expect(votingEntitlement({ ...full, fullOn: '2026-11-23' }, '2026-11-23')).toEqual({ entitled: true });
  });

  it('voting rights suspended (留党察看) on the date, both ends inclusive', () => {
    const suspended = { kind: 'rights_suspended' as const, fromOn: '2026-03-01', toOn: '2027-02-28', approvalRef: '纪委〔2026〕3号', approvedOn: '2026-03-01' };
    const m = { ...full, exclusions: [suspended] };
    expect(votingEntitlement(m, '2026-02-28')).toEqual({ entitled: true });
    expect(votingEntitlement(m, '2026-03-01')).toEqual({ entitled: false, reason: 'rights_suspended', exclusion: suspended });
    expect(votingEntitlement(m, '2027-02-28')).toMatchObject({ entitled: false, reason: 'rights_suspended' });
    expect(votingEntitlement(m, '2027-03-01')).toEqual({ entitled: true });
  });

  it('away long-term is left out only with the approval recorded, dated no later than the meeting', () => {
    expect(votingEntitlement({ ...full, exclusions: [away] }, '2026-11-23')).toEqual({ entitled: false, reason: 'away_approved', exclusion: away });
    // Open-ended: still away.
    expect(votingEntitlement({ ...full, exclusions: [{ ...away, toOn: null }] }, '2030-01-01')).toMatchObject({ reason: 'away_approved' });
    // Outside the dates, without a reference, without a date, or approved after the meeting: counted.
    expect(votingEntitlement({ ...full, exclusions: [away] }, '2026-08-31')).toEqual({ entitled: true });
    expect(votingEntitlement({ ...full, exclusions: [{ ...away, approvalRef: ' ' }] }, '2026-11-23')).toEqual({ entitled: true });
    expect(votingEntitlement({ ...full, exclusions: [{ ...away, approvedOn: null }] }, '2026-11-23')).toEqual({ entitled: true });
    expect(votingEntitlement({ ...full, exclusions: [{ ...away, approvedOn: '2026-11-24' }] }, '2026-11-23')).toEqual({ entitled: true });
  });

  it('the base of a roster: 10 members of whom one is probationary, one suspended, one away with approval → 7', () => {
    const roster = [
      ...Array.from({ length: 7 }, (_, i) => ({ ...full, id: i })),
      { ...full, id: 7, category: 'probationary' as const, fullOn: null },
      { ...full, id: 8, exclusions: [{ kind: 'rights_suspended' as const, fromOn: '2026-01-01', toOn: null, approvalRef: '纪委〔2026〕1号', approvedOn: '2026-01-01' }] },
      { ...full, id: 9, exclusions: [away] },
    ];
    const base = votingBase(roster, '2026-11-23');
    expect(base.entitled.map((m) => m.id)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(base.notEntitled.map((x) => [x.member.id, x.reason])).toEqual([
      [7, 'probationary'],
      [8, 'rights_suspended'],
      [9, 'away_approved'],
    ]);
  });

  it('an exclusion needs the approval recorded and dates in order', () => {
    expect(votingExclusionProblems(away)).toEqual([]);
    expect(votingExclusionProblems({ ...away, toOn: '2026-08-31', approvalRef: '', approvedOn: null }).map((p) => p.field)).toEqual(['toOn', 'approvalRef', 'approvedOn']);
  });

  it('a party-group meeting draws on the group, every other meeting on the branch', () => {
    expect(rosterOrgOf({ orgId: 1, partyGroupId: 5, kinds: ['theme_party_day', 'party_group_meeting'] })).toBe(5);
    expect(rosterOrgOf({ orgId: 1, partyGroupId: 5, kinds: ['theme_party_day'] })).toBe(1);
    expect(rosterOrgOf({ orgId: 1, partyGroupId: null, kinds: ['branch_general_meeting'] })).toBe(1);
  });
});

describe('党章 第九条 months without organisational life', () => {
  it.each([
    [['2026-10'], 0, 'none'],
    [['2026-08'], 2, 'none'],
    [['2026-07'], 3, 'remind'],
    [['2026-05'], 5, 'warn'],
    [['2026-04'], 6, 'report'],
    [[], 6, 'report'],
    // Back this month: the run is over, whatever came before.
    [['2026-11'], 0, 'none'],
    [['2026-04', '2026-11'], 0, 'none'],
  ] as const)('active in %j, today 2026-11-23 → %i months, %s', (months, count, level) => {
    const lapse = memberLapse({ activeMonths: new Set(months), today: '2026-11-23', since: '2026-05-01' });
    expect([lapse.months, lapse.level]).toEqual([count, level]);
  });

  it('does not count months before the member joined', () => {
    expect(memberLapse({ activeMonths: new Set(), today: '2026-11-23', since: '2026-09-15' }).months).toBe(2);
  });
});

describe('a member’s months with leave kept apart from attendance', () => {
  const today = '2026-11-23';
  it('six months of leave: no 第九条 lapse, but six months not attended, all of them excused, shown month by month', () => {
    const excused = new Set(['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10']);
    const a = memberAttendance({ attendedMonths: new Set(['2026-04']), excusedMonths: excused, today, since: '2025-01-01' });
    expect([a.months, a.level, a.lastMonth, a.lastAttendedMonth, a.monthsNotAttended, a.excusedMonths]).toEqual([0, 'none', '2026-10', '2026-04', 6, 6]);
    expect(a.recent.map((r) => r.state)).toEqual(Array(6).fill('excused'));
    expect(a.recent.map((r) => r.month)).toEqual(['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10']);
  });

  it('attended, excused and absent months side by side; a month with both counts as attended', () => {
    const a = memberAttendance({ attendedMonths: new Set(['2026-05', '2026-07']), excusedMonths: new Set(['2026-07', '2026-08']), today, since: '2025-01-01' });
    expect(a.recent.map((r) => r.state)).toEqual(['attended', 'absent', 'attended', 'excused', 'absent', 'absent']);
    // The lapse run stops at the excused August; not attended since July, one of those months excused.
    expect([a.months, a.monthsNotAttended, a.excusedMonths]).toEqual([2, 3, 1]);
  });

  it('the run from the last month alone is memberLapse’s, for every last month and start', () => {
    const months = ['2025-10', '2025-12', '2026-01', '2026-04', '2026-05', '2026-10', '2026-11'];
    for (const since of ['2025-01-01', '2026-02-15', '2026-09-01', '2026-11-03']) {
      for (const last of [null, ...months]) {
        const expected = memberLapse({ activeMonths: new Set(last ? [last] : []), today, since }).months;
        expect([since, last, monthsSinceLast(last, today, since)]).toEqual([since, last, expected]);
      }
    }
  });

  it('months before the member’s records count are not counted; present this month ends both runs', () => {
    const a = memberAttendance({ attendedMonths: new Set(), excusedMonths: new Set(['2026-10']), today, since: '2026-09-10' });
    expect(a.recent.map((r) => r.state)).toEqual(['not_counted', 'not_counted', 'not_counted', 'not_counted', 'absent', 'excused']);
    expect([a.months, a.monthsNotAttended, a.excusedMonths]).toEqual([0, 2, 1]);
    const back = memberAttendance({ attendedMonths: new Set(['2026-11']), excusedMonths: new Set(['2026-10']), today, since: '2025-01-01' });
    expect([back.months, back.monthsNotAttended, back.excusedMonths]).toEqual([0, 0, 0]);
  });
});

describe('yearly plan', () => {
  it('follows the rules: 12 主题党日 on the fixed day, 4 党员大会, a 组织生活会 in December', () => {
    const plan = generateYearPlan({ year: 2026, orgType: 'branch', fullMemberCount: 20, rules: resolveRuleSettings({ themePartyDayOfMonth: 8 }) });
    const themeDays = plan.filter((p) => p.kind === 'theme_party_day');
    expect(themeDays.map((p) => p.plannedOn.slice(8))).toEqual(Array(12).fill('08'));
    expect(plan.filter((p) => p.kind === 'branch_general_meeting').map((p) => p.plannedOn)).toEqual(['2026-02-08', '2026-05-08', '2026-08-08', '2026-11-08']);
    expect(plan.find((p) => p.kind === 'organisational_life_meeting')?.plannedOn.slice(0, 7)).toBe('2026-12');
    const small = generateYearPlan({ year: 2026, orgType: 'branch', fullMemberCount: 5, rules: DEFAULT_RULE_SETTINGS });
    expect(small.some((p) => p.kind === 'branch_committee_meeting')).toBe(false);
  });
});

describe('complianceEpoch', () => {
  // A varied 党委: a branch, one founded mid-year, a small one (no committee), a temporary one
  // that ends, a party group, the committee; records complete and incomplete through the year.
  const orgs: ComplianceOrg[] = [
    { id: 1, type: 'branch', establishedOn: '2010-01-01', endsOn: null, dissolvedOn: null, fullMemberCount: 20 },
    { id: 2, type: 'branch', establishedOn: '2026-05-12', endsOn: null, dissolvedOn: null, fullMemberCount: 9 },
    { id: 3, type: 'joint_branch', establishedOn: null, endsOn: null, dissolvedOn: null, fullMemberCount: 4 },
    { id: 4, type: 'temporary_branch', establishedOn: '2026-02-01', endsOn: '2026-08-15', dissolvedOn: null, fullMemberCount: 8 },
    { id: 5, type: 'party_group', establishedOn: null, endsOn: null, dissolvedOn: null, fullMemberCount: 6 },
    { id: 6, type: 'committee', establishedOn: null, endsOn: null, dissolvedOn: null, fullMemberCount: 30 },
  ];
  const records: ComplianceRecord[] = [
    rec('2026-01-15', ['theme_party_day', 'party_group_meeting'], { partyGroupId: 5 }),
    rec('2026-02-10', ['branch_committee_meeting', 'first_topic_study']),
    rec('2026-03-31', ['branch_general_meeting', 'party_lecture']),
    rec('2026-06-03', ['branch_committee_meeting']),
    rec('2026-07-20', ['heart_to_heart_talk'], { hasMinutes: false }),
    rec('2026-09-12', ['theme_party_day'], { orgId: 2 }),
    rec('2026-03-05', ['theme_party_day'], { orgId: 4 }),
    rec('2026-05-20', ['committee_study_session', 'first_topic_study'], { orgId: 6 }),
    rec('2026-06-30', ['party_lecture'], { orgId: 6, speakerIsSecretary: true }),
  ];
  const days: string[] = [];
  for (let d = '2025-12-20'; d <= '2027-01-10'; d = addDays(d, 1)) days.push(d);

  it.each([
    ['default due-soon days', DEFAULT_ORGLIFE_SETTINGS],
    ['other due-soon days', { ...DEFAULT_ORGLIFE_SETTINGS, dueSoonDays: { month: 3, quarter: 40, year: 120 } }],
  ] as const)('with %s, every day of an epoch gives the same compliance, and epochs differ', (_label, settings) => {
    const rules = resolveRuleSettings();
    const firstOfEpoch = new Map<string, string>();
    const distinctResults = new Set<string>();
    for (const today of days) {
      const result = JSON.stringify(computeCompliance({ orgs, records, year: 2026, today, rules, settings }));
      distinctResults.add(result);
      const epoch = complianceEpoch(2026, today, settings);
      expect(epoch <= today).toBe(true);
      const first = firstOfEpoch.get(epoch);
      if (first === undefined) firstOfEpoch.set(epoch, result);
      else expect(result, `${today} (epoch ${epoch})`).toBe(first);
    }
    // Not vacuous: the year has ~30 epochs (month starts, due-soon days of months, quarters and
    // the year, the day after it ends) and the result changes at most of them.
    expect(firstOfEpoch.size).toBeGreaterThanOrEqual(30);
    expect(distinctResults.size).toBeGreaterThan(20);
    expect(distinctResults.size).toBeLessThanOrEqual(firstOfEpoch.size);
  });

  it('starts on period boundaries: a month’s epoch changes the day after it ends and when it falls due soon', () => {
    expect(complianceEpoch(2026, '2026-11-23')).toBe('2026-11-21'); // November is due soon from the 21st (10 days)
    expect(complianceEpoch(2026, '2026-12-01')).toBe('2026-12-01');
    expect(complianceEpoch(2026, '2025-06-01')).toBe('');
    expect(complianceEpoch(2026, '2030-01-01')).toBe('2027-01-01');
  });
});

describe('plan items and records', () => {
  it('an item is done with a record, overdue once its date has passed without one, open until then', () => {
    expect(planItemState('2026-11-15', true, '2026-11-23')).toBe('done');
    expect(planItemState('2026-11-15', false, '2026-11-23')).toBe('overdue');
    expect(planItemState('2026-11-23', false, '2026-11-23')).toBe('open');
    expect(planItemState('2026-12-15', false, '2026-11-23')).toBe('open');
  });

  const items = [
    { id: 1, kind: 'theme_party_day' as const, plannedOn: '2026-10-15', recordId: 90 },
    { id: 2, kind: 'theme_party_day' as const, plannedOn: '2026-11-15', recordId: null },
    { id: 3, kind: 'theme_party_day' as const, plannedOn: '2026-12-15', recordId: null },
    { id: 4, kind: 'branch_general_meeting' as const, plannedOn: '2026-11-15', recordId: null },
    { id: 5, kind: 'branch_general_meeting' as const, plannedOn: '2026-08-15', recordId: null },
    { id: 6, kind: 'party_lecture' as const, plannedOn: '2026-11-15', recordId: null },
  ];

  it('offers items of the record’s kinds near its date, not done by another record, nearest first', () => {
    const offered = planItemCandidates(items, { kinds: ['theme_party_day', 'branch_general_meeting'], heldOn: '2026-11-23', recordId: null });
    // Nov 15 (8 days) for both kinds, then Dec 15 (22 days); Aug 15 is 100 days away, Oct 15 is done.
    expect(offered.map((i) => i.id)).toEqual([2, 4, 3]);
    // The record that completed Oct 15 still sees it.
    expect(planItemCandidates(items, { kinds: ['theme_party_day'], heldOn: '2026-10-20', recordId: 90 }).map((i) => i.id)).toEqual([1, 2, 3]);
  });

  it('suggests one item per kind: the nearest, the earlier on a tie', () => {
    expect(suggestedPlanItems(items, { kinds: ['theme_party_day', 'branch_general_meeting'], heldOn: '2026-11-23', recordId: null })).toEqual([2, 4]);
    expect(suggestedPlanItems(items, { kinds: ['theme_party_day'], heldOn: '2026-11-30', recordId: null })).toEqual([2]);
    expect(suggestedPlanItems(items, { kinds: ['heart_to_heart_talk'], heldOn: '2026-11-23', recordId: null })).toEqual([]);
  });
});
