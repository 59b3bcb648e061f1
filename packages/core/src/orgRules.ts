/**
 * Rule warnings for one party organisation (支部工作条例, 任期意见, 选举条例). They inform and
 * remind; none of them blocks a save — the unit may have the higher committee's approval for
 * a departure, which the product does not second-guess.
 */
import { addMonths, addYears, compareDates, daysBetween } from './calendar.js';
import {
  BRANCH_ORG_TYPES,
  DEFAULT_RULE_SETTINGS,
  ELECTED_ORG_TYPES,
  MERGE_KINDS,
  ORG_RULES,
  ORG_TYPES,
  PARENT_TYPES,
  TERM_RULES,
  type ElectedOrgType,
  type OrgType,
  type RuleSettings,
} from './rules.js';

/** Every rule warning an org can carry (their messages are in the server's and the web's locales). */
export const ORG_WARNING_CODES = [
  'ORG_TOO_FEW_FULL_MEMBERS',
  'ORG_NEEDS_COMMITTEE',
  'ORG_COMMITTEE_TOO_LARGE',
  'ORG_COMMITTEE_SIZE_UNUSUAL',
  'ORG_TOO_LARGE',
  'ORG_MAY_BECOME_PARTY_COMMITTEE',
  'ORG_TERM_YEARS_OUT_OF_RANGE',
  'ORG_TERM_EXPIRES_6M',
  'ORG_TERM_EXPIRES_3M',
  'ORG_TERM_OVERDUE',
  'ORG_TERM_DELAY_TOO_LONG',
  'ORG_COMMITTEE_VACANCY',
  'ORG_TEMPORARY_ENDED',
] as const;
export type OrgWarningCode = (typeof ORG_WARNING_CODES)[number];

/** Most severe first: red blocks nothing but is overdue, yellow needs attention, info reminds. */
export const WARNING_SEVERITIES = ['red', 'yellow', 'info'] as const;
export type WarningSeverity = (typeof WARNING_SEVERITIES)[number];

export interface OrgWarning {
  code: OrgWarningCode;
  severity: WarningSeverity;
  /** Values for the localized message (counts, limits, dates). */
  params: Record<string, number | string>;
}

export interface OrgRulesInput {
  type: OrgType;
  /** 正式党员 */
  fullMemberCount: number;
  /** All members: full and probationary (正式 + 预备). */
  memberCount: number;
  hasCommittee: boolean;
  /** Seats on the committee (支部委员会 / 党委 members), elected or vacant. */
  committeeSize: number;
  /** Date the current term began (the election), or null if not recorded. */
  termStart: string | null;
  /** Term length chosen for this org; null → the unit's setting for its type. */
  termYears: number | null;
  /** Committee seats currently vacant. */
  vacancies: number;
  /** Temporary branches: planned end date. */
  endsOn: string | null;
  today: string;
  /** Election delayed with the higher committee's approval until this date (选举条例 第三条). */
  termDelayedUntil?: string | null;
  settings?: RuleSettings;
}

const SEVERITY_ORDER: Record<WarningSeverity, number> = { red: 0, yellow: 1, info: 2 };

/** Elected organisations hold 换届 elections and have a term (选举条例); temporary branches and party groups do not. */
export function isElectedType(type: OrgType): type is ElectedOrgType {
  return (ELECTED_ORG_TYPES as readonly OrgType[]).includes(type);
}

/** May an org of this type sit under a parent of that type (PARENT_TYPES)? */
export function mayHaveParent(type: OrgType, parentType: OrgType | null): boolean {
  return PARENT_TYPES[type].includes(parentType);
}

/** The org types a parent of this type may hold, in ORG_TYPES order. */
export function childTypesOf(parentType: OrgType): OrgType[] {
  return ORG_TYPES.filter((type) => mayHaveParent(type, parentType));
}

/**
 * May an org merge into another (MERGE_KINDS): one of the same kind, or for a 党小组 another group
 * of its own branch or the branch itself. Merging into itself or its own subtree is the caller's
 * check (it needs the tree).
 */
export function mayMergeInto(org: { id: number; type: OrgType; parentId: number | null }, into: { id: number; type: OrgType; parentId: number | null }): boolean {
  if (org.type === 'party_group') return (into.type === 'party_group' && into.parentId === org.parentId) || into.id === org.parentId;
  return MERGE_KINDS.some((kind) => kind.includes(org.type) && kind.includes(into.type));
}

/** Members' records are held by branches and committees; a 党小组 is inside its branch and a 临时党支部 takes over no records (rules.md). */
export function holdsMembership(type: OrgType): boolean {
  return type !== 'party_group' && type !== 'temporary_branch';
}

function checkCount(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer: ${value}`);
}

/** The date a term expires: the anniversary of its start, with 02-29 clamped to 02-28. */
export function termExpiresOn(termStart: string, termYears: number): string {
  return addYears(termStart, termYears);
}

/**
 * Warnings for one org, most severe first.
 *
 * Term boundaries: a term started on S with length Y expires on E = S + Y years. An election
 * held on E is on time; from E + 1 day the term is overdue (red). From E − 3 months (inclusive)
 * to E it is ORG_TERM_EXPIRES_3M (yellow); from E − 6 months (inclusive) ORG_TERM_EXPIRES_6M
 * (info). An approved delay moves E, but never by more than 1 year.
 */
export function orgRuleWarnings(input: OrgRulesInput): OrgWarning[] {
  const settings = input.settings ?? DEFAULT_RULE_SETTINGS;
  checkCount(input.fullMemberCount, 'fullMemberCount');
  checkCount(input.memberCount, 'memberCount');
  checkCount(input.committeeSize, 'committeeSize');
  checkCount(input.vacancies, 'vacancies');
  const out: OrgWarning[] = [];
  const { type, today } = input;
  const isBranch = BRANCH_ORG_TYPES.includes(type);
  // Temporary branches are set up for a task, with an appointed secretary; the rules on
  // full-member minimum and committee election apply to regular and joint branches.
  const isRegularBranch = type === 'branch' || type === 'joint_branch';

  // 条例: 正式党员不足3人 → 不能单独成立党支部（可成立联合党支部）.
  if (isRegularBranch && input.fullMemberCount < ORG_RULES.minFullMembersPerBranch) {
    out.push({
      code: 'ORG_TOO_FEW_FULL_MEMBERS',
      severity: 'yellow',
      params: { fullMemberCount: input.fullMemberCount, min: ORG_RULES.minFullMembersPerBranch },
    });
  }

  // 条例: 正式党员7人以上的党支部设立支部委员会.
  if (isRegularBranch && !input.hasCommittee && input.fullMemberCount >= ORG_RULES.committeeRequiredAtFullMembers) {
    out.push({
      code: 'ORG_NEEDS_COMMITTEE',
      severity: 'yellow',
      params: { fullMemberCount: input.fullMemberCount, threshold: ORG_RULES.committeeRequiredAtFullMembers },
    });
  }

  if (input.hasCommittee) {
    // 条例: 支部委员会一般由3至5人组成，最多不超过7人. Branch committees only: a 党委's size
    // is decided when the higher committee approves the election plan.
    if (isRegularBranch && input.committeeSize > ORG_RULES.committeeSizeMax) {
      out.push({ code: 'ORG_COMMITTEE_TOO_LARGE', severity: 'yellow', params: { committeeSize: input.committeeSize, max: ORG_RULES.committeeSizeMax } });
    } else if (isRegularBranch && (input.committeeSize < ORG_RULES.committeeSizeUsualMin || input.committeeSize > ORG_RULES.committeeSizeUsualMax)) {
      out.push({
        code: 'ORG_COMMITTEE_SIZE_UNUSUAL',
        severity: 'info',
        params: { committeeSize: input.committeeSize, usualMin: ORG_RULES.committeeSizeUsualMin, usualMax: ORG_RULES.committeeSizeUsualMax },
      });
    }
    if (input.vacancies > 0) {
      out.push({ code: 'ORG_COMMITTEE_VACANCY', severity: 'yellow', params: { vacancies: input.vacancies } });
    }
  }

  // 条例: 党支部党员人数一般不超过50人; above that a 党总支 (or, from 100, a 基层党委) may be set up.
  if (isBranch && input.memberCount > ORG_RULES.branchMaxMembers) {
    out.push({
      code: 'ORG_TOO_LARGE',
      severity: 'yellow',
      params: {
        memberCount: input.memberCount,
        max: ORG_RULES.branchMaxMembers,
        suggestedType: input.memberCount >= ORG_RULES.partyCommitteeAtMembers ? 'committee' : 'general_branch',
      },
    });
  }
  if (type === 'general_branch' && input.memberCount >= ORG_RULES.partyCommitteeAtMembers) {
    out.push({
      code: 'ORG_MAY_BECOME_PARTY_COMMITTEE',
      severity: 'info',
      params: { memberCount: input.memberCount, threshold: ORG_RULES.partyCommitteeAtMembers },
    });
  }

  if (isElectedType(type) && input.termStart !== null) {
    const years = input.termYears ?? settings.termYears[type];
    checkCount(years, 'termYears');
    if (years < TERM_RULES.minYears || years > TERM_RULES.maxYears) {
      out.push({ code: 'ORG_TERM_YEARS_OUT_OF_RANGE', severity: 'info', params: { termYears: years, min: TERM_RULES.minYears, max: TERM_RULES.maxYears } });
    }
    const expires = termExpiresOn(input.termStart, years);
    let deadline = expires;
    const delayed = input.termDelayedUntil ?? null;
    if (delayed !== null && compareDates(delayed, expires) > 0) {
      const maxDelay = addYears(expires, TERM_RULES.maxDelayYears);
      if (compareDates(delayed, maxDelay) > 0) {
        out.push({ code: 'ORG_TERM_DELAY_TOO_LONG', severity: 'yellow', params: { termExpiresOn: expires, delayedUntil: delayed, maxDelayUntil: maxDelay } });
        deadline = maxDelay;
      } else {
        deadline = delayed;
      }
    }
    const [sixMonths, threeMonths] = TERM_RULES.remindMonthsBefore;
    const daysLeft = daysBetween(today, deadline);
    const params = { termExpiresOn: expires, deadline, daysLeft };
    if (daysLeft < 0) {
      out.push({ code: 'ORG_TERM_OVERDUE', severity: 'red', params: { termExpiresOn: expires, deadline, daysOverdue: -daysLeft } });
    } else if (compareDates(today, addMonths(deadline, -threeMonths)) >= 0) {
      out.push({ code: 'ORG_TERM_EXPIRES_3M', severity: 'yellow', params });
    } else if (compareDates(today, addMonths(deadline, -sixMonths)) >= 0) {
      out.push({ code: 'ORG_TERM_EXPIRES_6M', severity: 'info', params });
    }
  }

  // 临时党支部 ends with its task; one past its end date should be dissolved.
  if (type === 'temporary_branch' && input.endsOn !== null && compareDates(today, input.endsOn) > 0) {
    out.push({ code: 'ORG_TEMPORARY_ENDED', severity: 'yellow', params: { endsOn: input.endsOn, daysSince: daysBetween(input.endsOn, today) } });
  }

  return out.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}
