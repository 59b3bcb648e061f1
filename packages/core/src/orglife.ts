/**
 * Organisational life (三会一课 etc.): record once, derive compliance.
 *
 * Compliance is computed here from records, never typed in (rules.md "Organisational life").
 * Frequencies come from ORGANISATIONAL_LIFE / meetingFrequencyFor in rules.ts; this module only
 * decides which rule applies to which org and period, and whether a record satisfies it.
 */
import { z } from 'zod';
import { addDays, addMonths, compareDates, daysBetween, periodOf, periodRange } from './calendar.js';
import { type LapseLevel, type MeetingKind, type OrgType, type PeriodUnit, type RuleSettings, LAPSE_RULES, MEETING_KINDS, ORG_RULES, electionQuorumMet, lapseLevel, meetingFrequencyFor, ordinaryVotePasses, QUORUM_RULES } from './rules.js';

// ---------------------------------------------------------------------------------------
// Record vocabulary
// ---------------------------------------------------------------------------------------

/** Front-line scene tags offered by default (editable per tenant). */
export const DEFAULT_SCENE_TAGS = [
  '病区',
  '急诊',
  '手术室',
  '门诊',
  '实验室',
  '教研室',
  '临床技能中心',
  '实习基地',
  '社区义诊现场',
  '管理服务窗口',
  '攻坚项目现场',
  '对口支援点',
] as const;

/** 民主评议党员 results (条例): 优秀/合格/基本合格/不合格. */
export const REVIEW_GRADES = ['excellent', 'qualified', 'basically_qualified', 'unqualified'] as const;
export type ReviewGrade = (typeof REVIEW_GRADES)[number];

export const ATTENDANCE_STATUSES = ['present', 'excused', 'absent'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

/** Product rule (rules.md: attendance by QR is optional, the secretary can always tick instead): a meeting's QR code is valid this long after it is opened. */
export const QR_CHECKIN_VALID_HOURS = 4;

export const RESOLUTION_KINDS = ['ordinary', 'election'] as const;
export type ResolutionKind = (typeof RESOLUTION_KINDS)[number];

/** Kinds held by a 党委 (committee) rather than a branch. */
export const COMMITTEE_KINDS: readonly MeetingKind[] = ['committee_study_session', 'first_topic_study', 'party_lecture'];

/**
 * Pairs of kinds one record may carry at once (rules.md: "a meeting counts for several items
 * at once only where the rules allow"). A 主题党日 may be held as a 党小组会, a 党员大会 or a
 * 党课; the 组织生活会 is usually a 党员大会 and carries the 民主评议; 第一议题 is an item of a
 * 支委会 or a 党委 study session, never a meeting of its own. 谈心谈话 stands alone.
 */
const COMBINABLE: ReadonlyArray<readonly [MeetingKind, MeetingKind]> = [
  ['theme_party_day', 'party_group_meeting'],
  ['theme_party_day', 'party_lecture'],
  ['theme_party_day', 'branch_general_meeting'],
  ['branch_general_meeting', 'party_lecture'],
  ['branch_general_meeting', 'organisational_life_meeting'],
  ['branch_general_meeting', 'democratic_review'],
  ['organisational_life_meeting', 'democratic_review'],
  ['party_group_meeting', 'party_lecture'],
  ['branch_committee_meeting', 'first_topic_study'],
  ['committee_study_session', 'first_topic_study'],
];

export function kindsCombinable(a: MeetingKind, b: MeetingKind): boolean {
  return COMBINABLE.some(([x, y]) => (x === a && y === b) || (x === b && y === a));
}

export type KindProblem =
  | { code: 'KINDS_EMPTY' }
  | { code: 'KINDS_NOT_COMBINABLE'; a: MeetingKind; b: MeetingKind }
  | { code: 'FIRST_TOPIC_NEEDS_MEETING' }
  | { code: 'KIND_NOT_FOR_ORG'; kind: MeetingKind; orgType: OrgType }
  | { code: 'PARTY_GROUP_REQUIRED' };

/** Checks that a record's kinds may go together and fit the org holding it. */
export function kindProblems(kinds: readonly MeetingKind[], orgType: OrgType, partyGroupId: number | null): KindProblem[] {
  const out: KindProblem[] = [];
  if (kinds.length === 0) return [{ code: 'KINDS_EMPTY' }];
  for (let i = 0; i < kinds.length; i++) {
    for (let j = i + 1; j < kinds.length; j++) {
      const a = kinds[i] as MeetingKind;
      const b = kinds[j] as MeetingKind;
      if (!kindsCombinable(a, b)) out.push({ code: 'KINDS_NOT_COMBINABLE', a, b });
    }
  }
  if (kinds.includes('first_topic_study') && !kinds.includes('branch_committee_meeting') && !kinds.includes('committee_study_session')) {
    out.push({ code: 'FIRST_TOPIC_NEEDS_MEETING' });
  }
  const isCommittee = orgType === 'committee';
  const isBranch = orgType === 'branch' || orgType === 'joint_branch' || orgType === 'temporary_branch';
  for (const kind of kinds) {
    const fitsCommittee = COMMITTEE_KINDS.includes(kind);
    const fitsBranch = kind !== 'committee_study_session';
    if (!((isCommittee && fitsCommittee) || (isBranch && fitsBranch))) out.push({ code: 'KIND_NOT_FOR_ORG', kind, orgType });
  }
  if (kinds.includes('party_group_meeting') && partyGroupId === null) out.push({ code: 'PARTY_GROUP_REQUIRED' });
  return out;
}

// ---------------------------------------------------------------------------------------
// Quorum (条例; 选举条例) — numbers in the result so the error message can show them
// ---------------------------------------------------------------------------------------

export interface VoteInput {
  kind: ResolutionKind;
  /** Members with voting rights due at the meeting (full members; 预备党员 have no vote, 党章 第七条). */
  votingMembers: number;
  /** Voting members present. */
  present: number;
  inFavour: number;
  against: number;
  abstain: number;
}

export type VoteOutcome =
  | { ok: true; passed: boolean }
  | { ok: false; code: 'QUORUM_NOT_MET'; votingMembers: number; present: number; required: number }
  | { ok: false; code: 'ELECTION_QUORUM_NOT_MET'; votingMembers: number; present: number; required: number }
  | { ok: false; code: 'VOTES_EXCEED_PRESENT'; present: number; cast: number };

/** Smallest integer n with n > total × num / den. */
function smallestAbove(total: number, num: number, den: number): number {
  return Math.floor((total * num) / den) + 1;
}

/**
 * Quorum of the 支部党员大会: an ordinary resolution needs more than half of the voting
 * members present (else it is refused) and passes when more than half of all voting members
 * vote in favour; an election needs more than 4/5 of the voters present.
 */
export function checkVote(v: VoteInput): VoteOutcome {
  const cast = v.inFavour + v.against + v.abstain;
  if (cast > v.present) return { ok: false, code: 'VOTES_EXCEED_PRESENT', present: v.present, cast };
  if (v.kind === 'election') {
    if (!electionQuorumMet({ votersDue: v.votingMembers, present: v.present })) {
      const { numerator, denominator } = QUORUM_RULES.election.presentMoreThan;
      return { ok: false, code: 'ELECTION_QUORUM_NOT_MET', votingMembers: v.votingMembers, present: v.present, required: smallestAbove(v.votingMembers, numerator, denominator) };
    }
    // 选举条例: elected with more than half of the voters present, not of those due (rules.ts candidateElected).
    const elected = QUORUM_RULES.candidate.inFavourMoreThan;
    return { ok: true, passed: v.inFavour * elected.denominator > v.present * elected.numerator };
  }
  const { numerator, denominator } = QUORUM_RULES.ordinary.presentMoreThan;
  if (v.present * denominator <= v.votingMembers * numerator) {
    return { ok: false, code: 'QUORUM_NOT_MET', votingMembers: v.votingMembers, present: v.present, required: smallestAbove(v.votingMembers, numerator, denominator) };
  }
  return { ok: true, passed: ordinaryVotePasses({ votingMembers: v.votingMembers, present: v.present, inFavour: v.inFavour }) };
}

// ---------------------------------------------------------------------------------------
// Who is entitled to vote on a date (应到会有表决权的党员) — the base of every quorum
// ---------------------------------------------------------------------------------------

/**
 * Recorded reasons a full member on the roster is not counted among those due to vote:
 * - `rights_suspended`: 留党察看期间没有表决权、选举权和被选举权 (党章 第四十条), or another
 *   decision that suspends a member's voting rights; recorded with the decision (文号, date).
 * - `away_approved`: away long-term (出国出境, 外出学习或工作半年以上, 长期患病不能表达意志 …)
 *   and, with the approval of the Party organisation recorded, not counted among those due
 *   (选举工作条例 (2020) on 应到会人数 — article: verify; the same practice holds for the
 *   党员大会's ordinary votes). Without a recorded approval the member stays in the base.
 */
export const VOTING_EXCLUSION_KINDS = ['rights_suspended', 'away_approved'] as const;
export type VotingExclusionKind = (typeof VOTING_EXCLUSION_KINDS)[number];

export interface VotingExclusion {
  kind: VotingExclusionKind;
  /** First day it applies. */
  fromOn: string;
  /** Last day it applies (inclusive); null while open. */
  toOn: string | null;
  /** 批准文号 / 处分决定文号 or the minutes that approved it. */
  approvalRef: string;
  /** Day of the approval (or decision). */
  approvedOn: string | null;
}

/** What decides a member's vote on a date: category (and when they became full) and recorded exclusions. */
export interface VoterFacts {
  category: 'full' | 'probationary';
  /** 转正日期: a member full today was probationary before it. */
  fullOn: string | null;
  exclusions: readonly VotingExclusion[];
}

export type NoVoteReason = 'probationary' | VotingExclusionKind;

export type VotingEntitlement = { entitled: true } | { entitled: false; reason: NoVoteReason; exclusion: VotingExclusion | null };

function covers(e: VotingExclusion, date: string): boolean {
  return compareDates(e.fromOn, date) <= 0 && (e.toOn === null || compareDates(date, e.toOn) <= 0);
}

/**
 * Whether a member on the branch's roster is entitled to vote on `date` (应到会有表决权的党员):
 * full members (预备党员 have no vote: 党章 第七条; a member who became full after the date was
 * still probationary on it), less those whose voting rights are suspended on the date (党章
 * 第四十条), less those away long-term whose approval is recorded and dated no later than the
 * meeting. The roster itself (who belonged to the branch on the date) is the server's
 * (`rosterOn` in modules/orglife/repository.ts); this decides each member on it. Elections
 * (more than 4/5 of those entitled present) and ordinary resolutions (more than half) use the
 * same base.
 */
export function votingEntitlement(member: VoterFacts, date: string): VotingEntitlement {
  if (member.category !== 'full' || (member.fullOn !== null && compareDates(member.fullOn, date) > 0)) return { entitled: false, reason: 'probationary', exclusion: null };
  const suspended = member.exclusions.find((e) => e.kind === 'rights_suspended' && covers(e, date));
  if (suspended) return { entitled: false, reason: 'rights_suspended', exclusion: suspended };
  const away = member.exclusions.find(
    (e) => e.kind === 'away_approved' && covers(e, date) && e.approvalRef.trim() !== '' && e.approvedOn !== null && compareDates(e.approvedOn, date) <= 0,
  );
  if (away) return { entitled: false, reason: 'away_approved', exclusion: away };
  return { entitled: true };
}

/** The roster split into those entitled to vote on `date` (the quorum base) and the others with why. */
export function votingBase<T extends VoterFacts>(roster: readonly T[], date: string): { entitled: T[]; notEntitled: Array<{ member: T; reason: NoVoteReason }> } {
  const entitled: T[] = [];
  const notEntitled: Array<{ member: T; reason: NoVoteReason }> = [];
  for (const m of roster) {
    const e = votingEntitlement(m, date);
    if (e.entitled) entitled.push(m);
    else notEntitled.push({ member: m, reason: e.reason });
  }
  return { entitled, notEntitled };
}

/**
 * Meetings the whole roster is due at (应到: every member of the branch, or of the party group
 * for a 党小组会): a name left off the attendance is recorded as absent, never dropped from 应到.
 * A 支委会 is the committee's, a 谈心谈话 is between a few people and a 党课 may be given to part
 * of the branch: their attendance is what was entered.
 */
export const WHOLE_ROSTER_KINDS: readonly MeetingKind[] = ['branch_general_meeting', 'party_group_meeting', 'theme_party_day', 'organisational_life_meeting', 'democratic_review'];

/** Whose roster a record's attendance is drawn from: the party group's for a 党小组会, else the branch's. */
export function rosterOrgOf(record: { orgId: number; partyGroupId: number | null; kinds: readonly MeetingKind[] }): number {
  return record.partyGroupId !== null && record.kinds.includes('party_group_meeting') ? record.partyGroupId : record.orgId;
}

/** Problems with an exclusion as entered: dates in order, and the approval (reference and date) recorded. */
export function votingExclusionProblems(e: VotingExclusion): Array<{ field: 'toOn' | 'approvalRef' | 'approvedOn'; code: 'ENDS_BEFORE_START' | 'APPROVAL_REQUIRED' }> {
  const out: Array<{ field: 'toOn' | 'approvalRef' | 'approvedOn'; code: 'ENDS_BEFORE_START' | 'APPROVAL_REQUIRED' }> = [];
  if (e.toOn !== null && compareDates(e.toOn, e.fromOn) < 0) out.push({ field: 'toOn', code: 'ENDS_BEFORE_START' });
  if (e.approvalRef.trim() === '') out.push({ field: 'approvalRef', code: 'APPROVAL_REQUIRED' });
  if (e.approvedOn === null) out.push({ field: 'approvedOn', code: 'APPROVAL_REQUIRED' });
  return out;
}

// ---------------------------------------------------------------------------------------
// Settings for organisational life (rules marked as settings in rules.md)
// ---------------------------------------------------------------------------------------

export interface OrglifeSettings {
  /** Days before a period ends from which an unmet item is "due soon" and reminded. */
  dueSoonDays: Record<PeriodUnit, number>;
  /** Front-line scene tags offered on the record form. */
  sceneTags: string[];
}

export const DEFAULT_ORGLIFE_SETTINGS: Readonly<OrglifeSettings> = Object.freeze({
  dueSoonDays: Object.freeze({ month: 10, quarter: 15, year: 30 }) as Record<PeriodUnit, number>,
  sceneTags: [...DEFAULT_SCENE_TAGS],
});

export const orglifeSettingsSchema = z.strictObject({
  dueSoonDays: z.strictObject({
    month: z.number().int().min(1).max(27),
    quarter: z.number().int().min(1).max(89),
    year: z.number().int().min(1).max(364),
  }),
  sceneTags: z.array(z.string().trim().min(1).max(20)).max(50),
});

// ---------------------------------------------------------------------------------------
// Compliance
// ---------------------------------------------------------------------------------------

/** The requirement keys: the periodic meeting kinds plus the yearly secretary 党课. */
export const COMPLIANCE_RULES = [
  'branch_general_meeting',
  'branch_committee_meeting',
  'party_group_meeting',
  'party_lecture',
  'theme_party_day',
  'organisational_life_meeting',
  'democratic_review',
  'heart_to_heart_talk',
  'first_topic_study',
  'committee_study_session',
  'secretary_lecture',
] as const;
export type ComplianceRule = (typeof COMPLIANCE_RULES)[number];

export const COMPLIANCE_STATES = ['met', 'due_soon', 'pending', 'missed', 'not_applicable'] as const;
export type ComplianceState = (typeof COMPLIANCE_STATES)[number];

export type ComplianceReason =
  | 'record_found'
  | 'no_record'
  | 'record_incomplete'
  | 'not_yet_due'
  | 'future_period'
  | 'org_not_active'
  | 'established_mid_period'
  | 'ended_mid_period'
  | 'no_committee'
  | 'temporary_branch'
  | 'no_committee_meeting'
  | 'first_topic_missing'
  | 'setting_off';

export interface ComplianceOrg {
  id: number;
  type: OrgType;
  establishedOn: string | null;
  endsOn: string | null;
  dissolvedOn: string | null;
  /** Full members (counted for the committee threshold, 条例: 正式党员7人以上设支部委员会). */
  fullMemberCount: number;
}

export interface ComplianceRecord {
  id: number;
  /** The branch or committee holding the meeting. */
  orgId: number;
  /** Set when the record is (also) a 党小组会 of this group. */
  partyGroupId: number | null;
  heldOn: string;
  kinds: readonly MeetingKind[];
  hasMinutes: boolean;
  hasAttendance: boolean;
  hasSpeaker: boolean;
  speakerIsSecretary: boolean;
}

export interface ComplianceCell {
  orgId: number;
  rule: ComplianceRule;
  period: string;
  state: ComplianceState;
  reason: ComplianceReason;
  /** Records that satisfy the item (met), or that were found but are incomplete / lack the item. */
  recordIds: number[];
  /** Last day of the period. */
  dueOn: string;
}

export interface ComplianceInput {
  orgs: readonly ComplianceOrg[];
  records: readonly ComplianceRecord[];
  year: number;
  today: string;
  rules: RuleSettings;
  settings?: OrglifeSettings;
  /** Limit to these rules (all by default). */
  onlyRules?: readonly ComplianceRule[];
}

/** A branch answers for every requirement but the party group's meeting and the 党委's study session. */
const BRANCH_RULES: readonly ComplianceRule[] = COMPLIANCE_RULES.filter((r) => r !== 'party_group_meeting' && r !== 'committee_study_session');

/** Which rules concern an org type at all (others are not shown for it). */
export function rulesForOrgType(type: OrgType): readonly ComplianceRule[] {
  switch (type) {
    case 'branch':
    case 'joint_branch':
    case 'temporary_branch':
      return BRANCH_RULES;
    case 'party_group':
      return ['party_group_meeting'];
    case 'committee':
      return ['committee_study_session', 'first_topic_study', 'secretary_lecture'];
    case 'general_branch':
      return [];
  }
}

export function periodUnitOf(rule: ComplianceRule, rules: RuleSettings): PeriodUnit {
  if (rule === 'secretary_lecture') return 'year';
  if (rule === 'first_topic_study') return 'month';
  const f = meetingFrequencyFor(rule, rules);
  return f.period === 'per_meeting' ? 'month' : f.period;
}

export function minCountOf(rule: ComplianceRule, rules: RuleSettings): number {
  if (rule === 'secretary_lecture' || rule === 'first_topic_study') return 1;
  return meetingFrequencyFor(rule, rules).minCount;
}

/** Period keys of a year for a unit: '2026-01'…, '2026-Q1'…, or '2026'. */
export function periodsOfYear(year: number, unit: PeriodUnit): string[] {
  const y = String(year).padStart(4, '0');
  if (unit === 'year') return [y];
  if (unit === 'quarter') return [1, 2, 3, 4].map((q) => `${y}-Q${q}`);
  return Array.from({ length: 12 }, (_, i) => `${y}-${String(i + 1).padStart(2, '0')}`);
}

/** A record satisfies a kind when it has minutes and attendance and, for 党课, the speaker (rules.md). */
export function recordComplete(r: ComplianceRecord, kind: MeetingKind): boolean {
  return r.hasMinutes && r.hasAttendance && (kind !== 'party_lecture' || r.hasSpeaker);
}

/** Last day on which the org exists, or null if open-ended. dissolved_on is the first day it no longer does. */
function lastActiveDay(org: ComplianceOrg): string | null {
  const ends = [org.endsOn, org.dissolvedOn ? addDaysLocal(org.dissolvedOn, -1) : null].filter((x): x is string => x !== null);
  if (ends.length === 0) return null;
  return ends.sort(compareDates)[0] ?? null;
}

function addDaysLocal(date: string, days: number): string {
  const t = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

interface Coverage {
  kind: 'none' | 'partial_start' | 'partial_end' | 'full';
}

const NO_COVERAGE: Coverage = { kind: 'none' };
const PARTIAL_START: Coverage = { kind: 'partial_start' };
const PARTIAL_END: Coverage = { kind: 'partial_end' };
const FULL_COVERAGE: Coverage = { kind: 'full' };

/** `first` / `last`: the org's first and last active day (lastActiveDay), worked out once per org. */
function coverage(first: string | null, last: string | null, start: string, end: string): Coverage {
  if ((first && compareDates(first, end) > 0) || (last && compareDates(last, start) < 0)) return NO_COVERAGE;
  if (first && compareDates(first, start) > 0) return PARTIAL_START;
  if (last && compareDates(last, end) < 0) return PARTIAL_END;
  return FULL_COVERAGE;
}

/** 临时党支部 do not hold these (rules.md, Organisation). */
const NOT_FOR_TEMPORARY_BRANCH: ReadonlySet<ComplianceRule> = new Set(['branch_committee_meeting', 'organisational_life_meeting', 'democratic_review', 'secretary_lecture']);

/** Records of an org that count for a rule (before completeness is checked). */
function candidates(rule: ComplianceRule, org: ComplianceOrg, records: readonly ComplianceRecord[]): ComplianceRecord[] {
  if (rule === 'party_group_meeting') return records.filter((r) => r.partyGroupId === org.id && r.kinds.includes('party_group_meeting'));
  const own = records.filter((r) => r.orgId === org.id);
  if (rule === 'secretary_lecture') return own.filter((r) => r.kinds.includes('party_lecture') && r.speakerIsSecretary);
  return own.filter((r) => r.kinds.includes(rule));
}

/**
 * Every applicable (org, rule, period) of a year with its state.
 *
 * - A period counts as "required" only when the org existed for all of it; an org established
 *   or ended inside a period is not asked for that period (a record there still shows as met).
 * - Temporary branches (临时党支部) do not hold 支委会, 组织生活会 or 民主评议: their members'
 *   membership stays with the home branch (rules.md, Organisation).
 * - A branch with fewer than 7 full members has no committee, so no 支委会 is due (条例).
 * - 第一议题 is checked per month against the 支委会 / 党委 study sessions held in it.
 */
export function computeCompliance(input: ComplianceInput): ComplianceCell[] {
  const settings = input.settings ?? DEFAULT_ORGLIFE_SETTINGS;
  // Hot path (a whole 党委 is thousands of orgs × rules × periods): the periods of each unit and
  // their ranges are worked out once, records are bucketed by period key, and canonical
  // 'YYYY-MM-DD' strings are compared as strings (same order as the dates).
  const periodsByUnit = new Map<PeriodUnit, Array<{ period: string; start: string; end: string; daysLeft: number }>>();
  const periodsOf = (unit: PeriodUnit) => {
    let list = periodsByUnit.get(unit);
    if (!list) {
      list = periodsOfYear(input.year, unit).map((period) => {
        const { start, end } = periodRange(period);
        return { period, start, end, daysLeft: daysBetween(input.today, end) };
      });
      periodsByUnit.set(unit, list);
    }
    return list;
  };
  const byOrg = new Map<number, ComplianceRecord[]>();
  const byGroup = new Map<number, ComplianceRecord[]>();
  const yearPrefix = String(input.year).padStart(4, '0');
  for (const r of input.records) {
    if (r.heldOn.slice(0, 4) !== yearPrefix) continue;
    (byOrg.get(r.orgId) ?? byOrg.set(r.orgId, []).get(r.orgId)!).push(r);
    if (r.partyGroupId !== null) (byGroup.get(r.partyGroupId) ?? byGroup.set(r.partyGroupId, []).get(r.partyGroupId)!).push(r);
  }
  const out: ComplianceCell[] = [];
  for (const org of input.orgs) {
    const orgRecords = org.type === 'party_group' ? (byGroup.get(org.id) ?? []) : (byOrg.get(org.id) ?? []);
    let byMonth: Map<string, ComplianceRecord[]> | null = null;
    const firstDay = org.establishedOn;
    const lastDay = lastActiveDay(org);
    for (const rule of rulesForOrgType(org.type)) {
      if (input.onlyRules && !input.onlyRules.includes(rule)) continue;
      const unit = periodUnitOf(rule, input.rules);
      const minCount = minCountOf(rule, input.rules);
      const periods = periodsOf(unit);
      // Records of the year bucketed by the index of their period (month 0–11, quarter 0–3, year 0).
      const buckets: Array<ComplianceRecord[] | undefined> = new Array(periods.length);
      for (const r of candidates(rule, org, orgRecords)) {
        const m = Number(r.heldOn.slice(5, 7)) - 1;
        (buckets[unit === 'month' ? m : unit === 'quarter' ? Math.floor(m / 3) : 0] ??= []).push(r);
      }
      const kindForCompleteness: MeetingKind = rule === 'secretary_lecture' ? 'party_lecture' : rule;
      for (let pi = 0; pi < periods.length; pi++) {
        const { period, start, end, daysLeft } = periods[pi]!;
        // One object per cell and no closures or empty arrays made per period: this loop runs
        // hundreds of thousands of times for a large 党委, and allocation is most of its cost.
        const cov = coverage(firstDay, lastDay, start, end);
        if (cov === NO_COVERAGE) {
          out.push(makeCell(org.id, rule, period, end, 'not_applicable', 'org_not_active', NO_IDS));
          continue;
        }
        if (rule === 'first_topic_study') {
          if (!byMonth) {
            byMonth = new Map();
            for (const r of orgRecords) {
              const key = r.heldOn.slice(0, 7);
              (byMonth.get(key) ?? byMonth.set(key, []).get(key)!).push(r);
            }
          }
          out.push(firstTopicCell(org, byMonth.get(period) ?? NO_RECORDS, start, input.today, (state, reason, ids = NO_IDS) => makeCell(org.id, rule, period, end, state, reason, ids)));
          continue;
        }
        const inPeriod = buckets[pi] ?? NO_RECORDS;
        let completeCount = 0;
        for (const r of inPeriod) if (recordComplete(r, kindForCompleteness)) completeCount++;
        if (completeCount >= minCount) {
          const ids = inPeriod.length === completeCount ? inPeriod.map((r) => r.id) : inPeriod.filter((r) => recordComplete(r, kindForCompleteness)).map((r) => r.id);
          out.push(makeCell(org.id, rule, period, end, 'met', 'record_found', ids));
          continue;
        }
        const naReason: ComplianceReason | null =
          org.type === 'temporary_branch' && NOT_FOR_TEMPORARY_BRANCH.has(rule)
            ? 'temporary_branch'
            : rule === 'branch_committee_meeting' && !hasBranchCommittee(org.fullMemberCount)
              ? 'no_committee'
              : rule === 'secretary_lecture' && org.type !== 'committee' && !input.rules.branchSecretaryLectureRequired
                ? 'setting_off'
                : cov === PARTIAL_START
                  ? 'established_mid_period'
                  : cov === PARTIAL_END
                    ? 'ended_mid_period'
                    : null;
        if (naReason) {
          out.push(makeCell(org.id, rule, period, end, 'not_applicable', naReason, NO_IDS));
          continue;
        }
        const incomplete = inPeriod.length === 0 ? NO_IDS : inPeriod.filter((r) => !recordComplete(r, kindForCompleteness)).map((r) => r.id);
        const missingReason: ComplianceReason = incomplete.length > 0 ? 'record_incomplete' : 'no_record';
        if (end < input.today) {
          out.push(makeCell(org.id, rule, period, end, 'missed', missingReason, incomplete));
        } else if (start > input.today) {
          out.push(makeCell(org.id, rule, period, end, 'pending', 'future_period', incomplete));
        } else if (daysLeft < settings.dueSoonDays[unit]) {
          out.push(makeCell(org.id, rule, period, end, 'due_soon', missingReason, incomplete));
        } else {
          out.push(makeCell(org.id, rule, period, end, 'pending', incomplete.length > 0 ? 'record_incomplete' : 'not_yet_due', incomplete));
        }
      }
    }
  }
  return out;
}

/** 条例: a branch with 7 or more full members has a committee, so its 支委会 is due (ORG_RULES). */
export function hasBranchCommittee(fullMemberCount: number): boolean {
  return fullMemberCount >= ORG_RULES.committeeRequiredAtFullMembers;
}

const PERIOD_UNITS: readonly PeriodUnit[] = ['month', 'quarter', 'year'];

/**
 * The stretch of days over which computeCompliance gives the same answer for `year`, named by
 * its first day ('' before the first one). Today enters the computation only by comparison with
 * the periods of the year: a period starts (pending → current), becomes due soon
 * (end − dueSoonDays + 1) and is missed the day after it ends. Between two of those days no state
 * changes, so a result stored under one epoch is still right for any day of the same epoch
 * (the 党委 matrix snapshot relies on this; orglife.test.ts checks it day by day).
 */
export function complianceEpoch(year: number, today: string, settings: Pick<OrglifeSettings, 'dueSoonDays'> = DEFAULT_ORGLIFE_SETTINGS): string {
  let epoch = '';
  for (const unit of PERIOD_UNITS) {
    for (const period of periodsOfYear(year, unit)) {
      const { start, end } = periodRange(period);
      for (const day of [start, addDays(end, 1 - settings.dueSoonDays[unit]), addDays(end, 1)]) {
        if (day <= today && day > epoch) epoch = day;
      }
    }
  }
  return epoch;
}

const NO_IDS: number[] = Object.freeze([]) as unknown as number[];
const NO_RECORDS: readonly ComplianceRecord[] = Object.freeze([]);

function makeCell(orgId: number, rule: ComplianceRule, period: string, dueOn: string, state: ComplianceState, reason: ComplianceReason, recordIds: number[]): ComplianceCell {
  return { orgId, rule, period, state, reason, recordIds, dueOn };
}

/** `monthRecords`: the org's records held in the month. */
function firstTopicCell(
  org: ComplianceOrg,
  monthRecords: readonly ComplianceRecord[],
  start: string,
  today: string,
  cell: (state: ComplianceState, reason: ComplianceReason, ids?: number[]) => ComplianceCell,
): ComplianceCell {
  const meetingKind: MeetingKind = org.type === 'committee' ? 'committee_study_session' : 'branch_committee_meeting';
  const meetings = monthRecords.filter((r) => r.orgId === org.id && r.kinds.includes(meetingKind));
  if (meetings.length === 0) {
    return start > today ? cell('pending', 'future_period') : cell('not_applicable', 'no_committee_meeting');
  }
  const lacking = meetings.filter((r) => !r.kinds.includes('first_topic_study'));
  if (lacking.length === 0) return cell('met', 'record_found', meetings.map((r) => r.id));
  return cell('missed', 'first_topic_missing', lacking.map((r) => r.id));
}

/** Month-level state of an org for the 党委 matrix: the worst state of the items due in that month. */
export function monthStateOf(cells: readonly ComplianceCell[], orgId: number, month: string): ComplianceState {
  const { end } = periodRange(month);
  const rank: Record<ComplianceState, number> = { missed: 4, due_soon: 3, pending: 2, met: 1, not_applicable: 0 };
  let worst: ComplianceState = 'not_applicable';
  for (const c of cells) {
    if (c.orgId !== orgId) continue;
    // Monthly items belong to their month; quarterly and yearly items to the month they fall due.
    if (c.period !== month && c.dueOn !== end) continue;
    if (rank[c.state] > rank[worst]) worst = c.state;
  }
  return worst;
}

const STATE_RANK: Record<ComplianceState, number> = { missed: 4, due_soon: 3, pending: 2, met: 1, not_applicable: 0 };

/**
 * The twelve month states of a year from the cells of one org (or of a branch and its party
 * groups) in one pass: same result as monthStateOf for each month, for the whole-tenant matrix.
 */
export function monthStatesOf(cells: readonly ComplianceCell[], year: number): ComplianceState[] {
  const out: ComplianceState[] = Array.from({ length: 12 }, () => 'not_applicable');
  const y = String(year).padStart(4, '0');
  for (const c of cells) {
    // Monthly items belong to their month; quarterly and yearly items to the month they fall due.
    const month = c.period.length === 7 && c.period[4] === '-' && c.period[5] !== 'Q' ? c.period : c.dueOn.slice(0, 7);
    if (month.slice(0, 4) !== y) continue;
    const i = Number(month.slice(5, 7)) - 1;
    if (STATE_RANK[c.state] > STATE_RANK[out[i]!]) out[i] = c.state;
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Yearly plan generated from the rules (editable afterwards)
// ---------------------------------------------------------------------------------------

export interface PlanItemDraft {
  kind: MeetingKind;
  plannedOn: string;
}

/**
 * The yearly plan of a branch: 主题党日 every month on the fixed day, 支委会 every month (when
 * the branch has a committee), 党员大会 and 党课 every quarter (in its middle month), 谈心谈话
 * in November, 组织生活会 with 民主评议 in December (usualQuarter 4).
 */
export function generateYearPlan(input: { year: number; orgType: OrgType; fullMemberCount: number; rules: RuleSettings; fixedDay?: number | null }): PlanItemDraft[] {
  const y = String(input.year).padStart(4, '0');
  const day = Math.min(Math.max(input.fixedDay ?? input.rules.themePartyDayOfMonth ?? 15, 1), 28);
  const on = (month: number, d: number) => `${y}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const items: PlanItemDraft[] = [];
  if (input.orgType === 'committee') {
    const unit = meetingFrequencyFor('committee_study_session', input.rules).period;
    for (const m of monthsFor(unit)) items.push({ kind: 'committee_study_session', plannedOn: on(m, day) });
    items.push({ kind: 'party_lecture', plannedOn: on(7, 1) });
    return items.sort((a, b) => compareDates(a.plannedOn, b.plannedOn));
  }
  const hasCommittee = input.fullMemberCount >= 7 && input.orgType !== 'temporary_branch';
  for (let m = 1; m <= 12; m++) {
    items.push({ kind: 'theme_party_day', plannedOn: on(m, day) });
    if (hasCommittee) items.push({ kind: 'branch_committee_meeting', plannedOn: on(m, Math.max(day - 5, 1)) });
  }
  for (const m of monthsFor('quarter')) items.push({ kind: 'branch_general_meeting', plannedOn: on(m, day) });
  const lectureUnit = meetingFrequencyFor('party_lecture', input.rules).period;
  for (const m of monthsFor(lectureUnit === 'per_meeting' ? 'quarter' : lectureUnit)) items.push({ kind: 'party_lecture', plannedOn: on(m, day) });
  items.push({ kind: 'heart_to_heart_talk', plannedOn: on(11, 10) });
  if (input.orgType !== 'temporary_branch') {
    items.push({ kind: 'organisational_life_meeting', plannedOn: on(12, 20) });
    items.push({ kind: 'democratic_review', plannedOn: on(12, 20) });
  }
  return items.sort((a, b) => compareDates(a.plannedOn, b.plannedOn) || MEETING_KINDS.indexOf(a.kind) - MEETING_KINDS.indexOf(b.kind));
}

function monthsFor(unit: PeriodUnit | 'per_meeting'): number[] {
  if (unit === 'month') return [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  if (unit === 'year') return [6];
  return [2, 5, 8, 11];
}

/**
 * A plan item is done when a record completes it (the record is linked to it), overdue once its
 * date has passed without one, open otherwise. "Passed" is against the server's today.
 */
export const PLAN_ITEM_STATES = ['done', 'open', 'overdue'] as const;
export type PlanItemState = (typeof PLAN_ITEM_STATES)[number];

export function planItemState(plannedOn: string, done: boolean, today: string): PlanItemState {
  if (done) return 'done';
  return compareDates(plannedOn, today) < 0 ? 'overdue' : 'open';
}

/**
 * How far a meeting may be from a plan item's date and still be offered for it: about two
 * months, so a quarter's item (planned in the quarter's middle month) is offered for a meeting
 * anywhere in that quarter, and a monthly item for a meeting held a few weeks late.
 */
export const PLAN_LINK_WINDOW_DAYS = 62;

export interface PlanItemRef {
  id: number;
  kind: MeetingKind;
  plannedOn: string;
  /** The record that completed the item, if any. */
  recordId: number | null;
}

/**
 * Plan items a record of these kinds, held on `heldOn`, may complete: of one of its kinds, within
 * the window of the date, and not done by another record (the record's own links stay offered).
 * Nearest first; on a tie the earlier item (the one falling behind) first.
 */
export function planItemCandidates<T extends PlanItemRef>(items: readonly T[], record: { kinds: readonly MeetingKind[]; heldOn: string; recordId: number | null }): T[] {
  const distance = (i: PlanItemRef) => Math.abs(daysBetween(record.heldOn, i.plannedOn));
  return items
    .filter((i) => record.kinds.includes(i.kind) && (i.recordId === null || i.recordId === record.recordId) && distance(i) <= PLAN_LINK_WINDOW_DAYS)
    .sort((a, b) => distance(a) - distance(b) || compareDates(a.plannedOn, b.plannedOn) || a.id - b.id);
}

/** The obvious links for a record: for each of its kinds, the nearest candidate item. */
export function suggestedPlanItems(items: readonly PlanItemRef[], record: { kinds: readonly MeetingKind[]; heldOn: string; recordId: number | null }): number[] {
  const out: number[] = [];
  const taken = new Set<MeetingKind>();
  for (const item of planItemCandidates(items, record)) {
    if (taken.has(item.kind)) continue;
    taken.add(item.kind);
    out.push(item.id);
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// 党章 第九条: consecutive months without organisational life
// ---------------------------------------------------------------------------------------

export interface MemberLapse {
  months: number;
  level: LapseLevel;
  /** Last month ('YYYY-MM') with organisational life, or null if none is recorded. */
  lastMonth: string | null;
}

/**
 * Full calendar months before `today`'s month, counted backwards, in which the member neither
 * attended nor was excused with a reason (请假 is a 正当理由). Counting stops at the month the
 * member joined the branch's records (`since`), so new members are not flagged for time before.
 * Taking part in the current month ends the run: the member is back (the month is not over, so
 * it is not counted while absent).
 */
export function memberLapse(input: { activeMonths: ReadonlySet<string>; today: string; since: string }): MemberLapse {
  const sinceMonth = periodOf(input.since, 'month');
  let lastMonth: string | null = null;
  for (const m of input.activeMonths) if (lastMonth === null || m > lastMonth) lastMonth = m;
  let months = 0;
  if (input.activeMonths.has(periodOf(input.today, 'month'))) return { months, level: lapseLevel(months), lastMonth };
  let cursor = periodOf(addMonths(input.today, -1), 'month');
  while (cursor >= sinceMonth && !input.activeMonths.has(cursor)) {
    months++;
    cursor = periodOf(addMonths(`${cursor}-01`, -1), 'month');
  }
  return { months, level: lapseLevel(months), lastMonth };
}

const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;

/**
 * The run memberLapse counts, from the last month taken part in alone: full months before today's
 * month, from the month after `lastMonth` (or from `since`'s month when later, or when there is
 * none), 0 when `lastMonth` is today's month. For a query that knows each member's last month
 * (server modules/orglife/lapses.ts) rather than every month.
 */
export function monthsSinceLast(lastMonth: string | null, today: string, since: string): number {
  const current = monthIndex(today);
  if (lastMonth !== null && monthIndex(lastMonth) >= current) return 0;
  const from = Math.max(monthIndex(since), lastMonth === null ? -Infinity : monthIndex(lastMonth) + 1);
  return Math.max(0, current - from);
}

/** A month in a member's recent organisational life: attended; excused with a reason only (请假); neither; or before their records count. */
export const MONTH_ATTENDANCE = ['attended', 'excused', 'absent', 'not_counted'] as const;
export type MonthAttendance = (typeof MONTH_ATTENDANCE)[number];

export interface MemberAttendance extends MemberLapse {
  /** Last month ('YYYY-MM') the member was present at a meeting, or null. */
  lastAttendedMonth: string | null;
  /**
   * Full months before today's month, counted backwards to `since`, in which the member was not
   * present (excused or not); 0 when present this month. At least `months`.
   */
  monthsNotAttended: number;
  /** Of those, the months with leave only (请假 with a reason): the part that is not a lapse. */
  excusedMonths: number;
  /** The `LAPSE_RULES.reportAtMonths` full months before today's month, oldest first. */
  recent: Array<{ month: string; state: MonthAttendance }>;
}

/**
 * A member's organisational life month by month, with leave kept apart from attendance: the
 * 党章 第九条 run (`months`, where 请假 with a reason is a 正当理由 and breaks it, as memberLapse)
 * and, beside it, the run of months without attending at all and how much of it was leave, so
 * a member excused for months is seen as excused, not as one who attended.
 * `attendedMonths`: months with presence; `excusedMonths`: months with an excused absence.
 */
export function memberAttendance(input: { attendedMonths: ReadonlySet<string>; excusedMonths: ReadonlySet<string>; today: string; since: string }): MemberAttendance {
  const active = new Set([...input.attendedMonths, ...input.excusedMonths]);
  const lapse = memberLapse({ activeMonths: active, today: input.today, since: input.since });
  const sinceMonth = periodOf(input.since, 'month');
  let lastAttendedMonth: string | null = null;
  for (const m of input.attendedMonths) if (lastAttendedMonth === null || m > lastAttendedMonth) lastAttendedMonth = m;
  let monthsNotAttended = 0;
  let excusedMonths = 0;
  if (!input.attendedMonths.has(periodOf(input.today, 'month'))) {
    let cursor = periodOf(addMonths(input.today, -1), 'month');
    while (cursor >= sinceMonth && !input.attendedMonths.has(cursor)) {
      monthsNotAttended++;
      if (input.excusedMonths.has(cursor)) excusedMonths++;
      cursor = periodOf(addMonths(`${cursor}-01`, -1), 'month');
    }
  }
  const recent: MemberAttendance['recent'] = [];
  for (let back = LAPSE_RULES.reportAtMonths; back >= 1; back--) {
    const month = periodOf(addMonths(`${periodOf(input.today, 'month')}-01`, -back), 'month');
    const state: MonthAttendance = input.attendedMonths.has(month) ? 'attended' : input.excusedMonths.has(month) ? 'excused' : month < sinceMonth ? 'not_counted' : 'absent';
    recent.push({ month, state });
  }
  return { ...lapse, lastAttendedMonth, monthsNotAttended, excusedMonths, recent };
}
