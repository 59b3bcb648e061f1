/**
 * Every number the product enforces or reminds about, in one place, each with its source.
 *
 * Sources (see docs/rules.md):
 * - 条例: 《中国共产党支部工作条例（试行）》(2018)
 * - 细则: 《中国共产党发展党员工作细则》(2014)
 * - 党费规定: 中组部《关于中国共产党党费收缴、使用和管理的规定》(2008)
 * - 选举条例: 《中国共产党基层组织选举工作条例》(2020)
 * - 任期意见: 中办《关于党的基层组织任期的意见》(2018)
 * - 党章: 《中国共产党章程》(2022)
 * Article numbers are given where they are known; "(verify)" marks items not checked against
 * the original text — those are settings or easy to change here.
 *
 * Values a unit may decide differently are in `RuleSettings` (regulation value as default);
 * everything else is a constant.
 */

// ---------------------------------------------------------------------------------------
// Organisation types (same values as the orgs.type column)
// ---------------------------------------------------------------------------------------

export const ORG_TYPES = ['committee', 'general_branch', 'branch', 'joint_branch', 'temporary_branch', 'party_group'] as const;
export type OrgType = (typeof ORG_TYPES)[number];

/** Org types that hold elections and therefore have a term (届). */
export const ELECTED_ORG_TYPES = ['committee', 'general_branch', 'branch', 'joint_branch'] as const;
export type ElectedOrgType = (typeof ELECTED_ORG_TYPES)[number];

/** Branch-like orgs to which the branch size rules apply. */
export const BRANCH_ORG_TYPES: readonly OrgType[] = ['branch', 'joint_branch', 'temporary_branch'];

/**
 * 党章 / 条例: where each org type may sit (党委 → 党总支 → 党支部 → 党小组); null is the top of
 * the unit's tree. A 党小组 is inside a branch (rules.md), a 临时党支部 under a 党委 or 党总支.
 */
export const PARENT_TYPES: Readonly<Record<OrgType, readonly (OrgType | null)[]>> = {
  committee: [null, 'committee'],
  general_branch: ['committee'],
  branch: ['committee', 'general_branch'],
  joint_branch: ['committee', 'general_branch'],
  temporary_branch: ['committee', 'general_branch'],
  party_group: ['branch', 'joint_branch'],
};

/**
 * Merging (product rule, rules.md): an org merges only into one of the same kind — a 党支部 and a
 * 联合党支部 count as one kind — and a 党小组 only into another group of its own branch or into
 * that branch.
 */
export const MERGE_KINDS: readonly (readonly OrgType[])[] = [['committee'], ['general_branch'], ['branch', 'joint_branch'], ['temporary_branch']];

/** Committee posts (选举条例: 书记, 副书记, 委员 with their duties); a seat without a member is a vacancy. */
export const COMMITTEE_POSTS = ['secretary', 'deputy_secretary', 'organisation', 'publicity', 'discipline', 'youth', 'member'] as const;
export type CommitteePost = (typeof COMMITTEE_POSTS)[number];

/**
 * 双带头人 coverage counts clinical and teaching branches (公立医院党建意见 2018; rules.md): those
 * built on clinical, medical-technology, teaching or research departments.
 */
export const DUAL_LEADER_DEPARTMENT_KINDS = ['clinical', 'medtech', 'teaching', 'research'] as const;

// ---------------------------------------------------------------------------------------
// Organisation size and structure
// ---------------------------------------------------------------------------------------

export const ORG_RULES = {
  /** 条例: 有正式党员3人以上的，应当成立党支部；不足3人的可成立联合党支部. */
  minFullMembersPerBranch: 3,
  /**
   * 条例: 正式党员7人以上的党支部，设立党支部委员会 (counted in full members per the 条例
   * text; rules.md says "members").
   */
  committeeRequiredAtFullMembers: 7,
  /** 条例: 支部委员会一般由3至5人组成. */
  committeeSizeUsualMin: 3,
  committeeSizeUsualMax: 5,
  /** 条例: 支部委员会一般不超过7人. */
  committeeSizeMax: 7,
  /**
   * 条例: 党支部党员人数一般不超过50人 — more than this is a warning, never a block (党员人数超过50人的，
   * 经上级党组织批准，可以成立党总支: the same number).
   */
  branchMaxMembers: 50,
  /** 党章/基层组织设置 practice: 党员100人以上，经批准可设立基层党委 (verify). */
  partyCommitteeAtMembers: 100,
} as const;

// ---------------------------------------------------------------------------------------
// Terms (任期)
// ---------------------------------------------------------------------------------------

export const TERM_RULES = {
  /** 党章 (article: verify) and 任期意见: 基层委员会、总支部委员会、支部委员会每届任期三年至五年. */
  minYears: 3,
  maxYears: 5,
  /** 任期意见: default term by org type; a unit may choose another value within 3–5. */
  defaultYears: { committee: 5, general_branch: 3, branch: 3, joint_branch: 3 } satisfies Record<ElectedOrgType, number>,
  /** Product rule (rules.md): remind 6 and 3 months before the term expires. */
  remindMonthsBefore: [6, 3] as const,
  /** 选举条例 第三条: 延期换届须经上级党组织批准，延长期限一般不超过1年. */
  maxDelayYears: 1,
} as const;

// ---------------------------------------------------------------------------------------
// Membership transfers (组织关系转接)
// ---------------------------------------------------------------------------------------

export const TRANSFER_RULES = {
  /** formats.md: the 回执 of the three-part letter should come back within a month of the letter's date. */
  receiptMonths: 1,
} as const;

// ---------------------------------------------------------------------------------------
// Organisational life (三会一课 etc.)
// ---------------------------------------------------------------------------------------

export const MEETING_KINDS = [
  'branch_general_meeting', // 支部党员大会
  'branch_committee_meeting', // 支部委员会会议
  'party_group_meeting', // 党小组会
  'party_lecture', // 党课
  'theme_party_day', // 主题党日
  'organisational_life_meeting', // 组织生活会
  'democratic_review', // 民主评议党员
  'heart_to_heart_talk', // 谈心谈话
  'first_topic_study', // 第一议题
  'committee_study_session', // 党委理论学习中心组学习 / 党委会 study
] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

export type PeriodUnit = 'month' | 'quarter' | 'year';

/** Who a meeting requirement applies to: each branch, each party group, or the 党委. */
export type MeetingScope = 'branch' | 'party_group' | 'committee';

export interface MeetingFrequency {
  /** 'per_meeting' = not a periodic requirement, but an item on every meeting of another kind. */
  period: PeriodUnit | 'per_meeting';
  /** Minimum number of records in each period (ignored for 'per_meeting'). */
  minCount: number;
  scope: MeetingScope;
  /** Quarter in which the meeting usually falls, if any (for reminders only). */
  usualQuarter?: 1 | 2 | 3 | 4;
  /** True if a unit may change period/minCount in its RuleSettings. */
  configurable: boolean;
  source: string;
}

export const ORGANISATIONAL_LIFE: Readonly<Record<MeetingKind, MeetingFrequency>> = {
  // 条例: 支部党员大会一般每季度召开1次.
  branch_general_meeting: { period: 'quarter', minCount: 1, scope: 'branch', configurable: false, source: '支部工作条例（2018）：党员大会一般每季度召开1次' },
  // 条例: 支部委员会会议一般每月召开1次.
  branch_committee_meeting: { period: 'month', minCount: 1, scope: 'branch', configurable: false, source: '支部工作条例（2018）：支部委员会会议一般每月召开1次' },
  // 条例: 党小组会一般每月召开1次 (per group).
  party_group_meeting: { period: 'month', minCount: 1, scope: 'party_group', configurable: false, source: '支部工作条例（2018）：党小组会一般每月召开1次' },
  // 条例 says 党课 at least once a year by the secretary; quarterly is the common local norm.
  party_lecture: { period: 'quarter', minCount: 1, scope: 'branch', configurable: true, source: '支部工作条例（2018）；每季度1次为常见地方要求（可设置）' },
  // 条例: 党支部应当每月相对固定1天开展主题党日.
  theme_party_day: { period: 'month', minCount: 1, scope: 'branch', configurable: false, source: '支部工作条例（2018）：每月相对固定1天开展主题党日' },
  // 条例: 组织生活会一般每年召开1次, usually at year end (Q4).
  organisational_life_meeting: { period: 'year', minCount: 1, scope: 'branch', usualQuarter: 4, configurable: false, source: '支部工作条例（2018）：组织生活会一般每年召开1次' },
  // 条例: 民主评议党员一般每年开展1次, together with the 组织生活会.
  democratic_review: { period: 'year', minCount: 1, scope: 'branch', usualQuarter: 4, configurable: false, source: '支部工作条例（2018）：民主评议党员一般每年开展1次' },
  // 条例: 支部委员之间、支部委员和党员之间每年至少开展1次谈心谈话.
  heart_to_heart_talk: { period: 'year', minCount: 1, scope: 'branch', configurable: false, source: '支部工作条例（2018）：谈心谈话每年至少1次' },
  // Practice: the first item of each 党委会 / 支委会 is the study of the latest central speeches.
  first_topic_study: { period: 'per_meeting', minCount: 1, scope: 'branch', configurable: false, source: '“第一议题”制度（实践）' },
  // 中心组学习规则 (2017) leaves the count to each committee's plan; quarterly is a common
  // local minimum (verify) — configurable.
  committee_study_session: { period: 'quarter', minCount: 1, scope: 'committee', configurable: true, source: '《党委（党组）理论学习中心组学习规则》（2017）；频次按单位计划（可设置，待核实）' },
};

/** The 党委书记 gives at least one 党课 a year (条例); most units also ask each branch secretary (setting). */
export const PARTY_LECTURE_RULES = {
  committeeSecretaryLecturesPerYear: 1,
  branchSecretaryLecturesPerYear: 1,
} as const;

// ---------------------------------------------------------------------------------------
// Quorum and votes (条例; 选举条例)
// ---------------------------------------------------------------------------------------

export const QUORUM_RULES = {
  /**
   * 条例 (支部工作条例 第十二条, verify the article): 党员大会须有半数以上有表决权的党员到会方可召开；
   * 作出决定须超过应到会有表决权党员的半数赞成 — the base is those entitled, not those present.
   */
  ordinary: { presentMoreThan: { numerator: 1, denominator: 2 }, inFavourMoreThan: { numerator: 1, denominator: 2 } },
  /** 选举条例 (第二十四条, verify): 有选举权的到会人数超过应到会人数的五分之四，会议有效. */
  election: { presentMoreThan: { numerator: 4, denominator: 5 } },
  /**
   * 选举条例 (第二十八条, verify): 被选举人获得的赞成票超过实到会有选举权的人数的一半，始得当选 —
   * the base is those present with a vote, not those entitled (unlike an ordinary resolution).
   */
  candidate: { inFavourMoreThan: { numerator: 1, denominator: 2 } },
} as const;

/** True when count > fraction × total, compared in integers (no floating point at the boundary). */
function moreThan(count: number, total: number, fraction: { numerator: number; denominator: number }): boolean {
  return count * fraction.denominator > total * fraction.numerator;
}

/** The smallest whole number above fraction × total (e.g. 9 of 10 for "more than 4/5"). */
export function smallestCountAbove(total: number, fraction: { numerator: number; denominator: number }): number {
  return Math.floor((total * fraction.numerator) / fraction.denominator) + 1;
}

/**
 * An ordinary resolution of the 支部党员大会 (支部工作条例) passes when more than half of the
 * members with voting rights are present and more than half of them (all voting members, not only
 * those present) vote in favour.
 */
export function ordinaryVotePasses(input: { votingMembers: number; present: number; inFavour: number }): boolean {
  const q = QUORUM_RULES.ordinary;
  return moreThan(input.present, input.votingMembers, q.presentMoreThan) && moreThan(input.inFavour, input.votingMembers, q.inFavourMoreThan);
}

/** An election meeting (选举条例) is valid when the voters present are more than 4/5 of those due. */
export function electionQuorumMet(input: { votersDue: number; present: number }): boolean {
  return moreThan(input.present, input.votersDue, QUORUM_RULES.election.presentMoreThan);
}

/** The fewest voters present that make an election valid: more than 4/5 of those due (10 due → 9). */
export function electionQuorumRequired(votersDue: number): number {
  return smallestCountAbove(votersDue, QUORUM_RULES.election.presentMoreThan);
}

/**
 * A candidate is elected (选举条例) with votes in favour from more than half of the voters
 * present — not of those due (that is the ordinary-resolution base, ordinaryVotePasses).
 */
export function candidateElected(input: { votersPresent: number; votesFor: number }): boolean {
  return moreThan(input.votesFor, input.votersPresent, QUORUM_RULES.candidate.inFavourMoreThan);
}

// ---------------------------------------------------------------------------------------
// Member development (细则 2014)
// ---------------------------------------------------------------------------------------

export const DEVELOPMENT_RULES = {
  /** 细则 第二章: 年满十八岁 may apply. */
  minApplicationAgeYears: 18,
  /** 细则 第二章: 党组织收到入党申请书后，应当在一个月内派人谈话. */
  talkWithinMonths: 1,
  /** 细则 第三章: 1至2名正式党员作培养联系人. */
  mentorsMin: 1,
  mentorsMax: 2,
  /** 细则 第三章: 每半年对入党积极分子进行一次考察. */
  reviewEveryMonths: 6,
  /** 细则 第四章: 经过一年以上培养教育和考察 before becoming 发展对象. */
  minActivistYears: 1,
  /** 细则 第四章: 两名正式党员作入党介绍人. */
  sponsors: 2,
  /** 细则 第四章: 集中培训时间一般不少于3天（或不少于24个学时）. */
  trainingMinDays: 3,
  trainingMinClassHours: 24,
  /** 细则 第五章: 上级党委应当在三个月内审批 ... */
  approvalWithinMonths: 3,
  /** ... 因特殊情况可适当延长审批时间，但不得超过六个月 (in all). */
  approvalMaxMonths: 6,
  /** 党章 第七条: 预备期为一年，从支部大会通过之日算起. */
  probationYears: 1,
  /** 党章 第七条 (延长预备期不能超过一年) and 细则 第六章 (只能延长一次，不能少于半年). */
  probationExtensionMinMonths: 6,
  probationExtensionMaxMonths: 12,
  probationMaxExtensions: 1,
  /** 细则 第六章: 转正审批 also within 3 months. */
  fullMembershipApprovalWithinMonths: 3,
} as const;

// ---------------------------------------------------------------------------------------
// Dues (党费规定 2008) — amounts in 分, rates in basis points (1 bp = 0.01%)
// ---------------------------------------------------------------------------------------

export type DuesBand = { readonly upToCents: number | null; readonly rateBasisPoints: number };

export const DUES_RULES = {
  /**
   * 党费规定 一: 在职党员 monthly base (税后) → rate, whole base at the band's rate, bands
   * inclusive at the top: ≤3000元 0.5%; 3000–5000元 1%; 5000–10000元 1.5%; >10000元 2%.
   */
  employedBands: [
    { upToCents: 300_000, rateBasisPoints: 50 },
    { upToCents: 500_000, rateBasisPoints: 100 },
    { upToCents: 1_000_000, rateBasisPoints: 150 },
    { upToCents: null, rateBasisPoints: 200 },
  ] satisfies readonly DuesBand[],
  /** 党费规定 一: 离退休党员 ≤5000元 0.5%; >5000元 1%. */
  retiredBands: [
    { upToCents: 500_000, rateBasisPoints: 50 },
    { upToCents: null, rateBasisPoints: 100 },
  ] satisfies readonly DuesBand[],
  /** 党费规定 一: 学生、下岗失业、依靠抚恤或救济/低保生活的党员 每月0.2元. */
  fixedMonthlyCents: 20,
  /** 党费规定 一: 农民党员 每月0.2元至1元. */
  farmerMinMonthlyCents: 20,
  farmerMaxMonthlyCents: 100,
  /** 党费规定 一: 一次性自愿多交党费1000元以上的，全部上缴中央. */
  largeVoluntaryExtraMinCents: 100_000,
  /** 党费规定 一: 补交党费一般不超过6个月. */
  backPaymentMaxMonths: 6,
  /** 党费规定 一: 缴纳基数每年核定一次 (usually on January's pay). */
  baseReassessMonth: 1,
  /** Product sanity bound, not a rule: a base above 100万元/month is an input error. */
  maxBaseCents: 100_000_000,
} as const;

// ---------------------------------------------------------------------------------------
// The 6-month rule (党章 第九条)
// ---------------------------------------------------------------------------------------

export const LAPSE_RULES = {
  /**
   * 党章 第九条: 连续六个月不参加党的组织生活，或不交纳党费，或不做党所分配的工作，就被认为是
   * 自行脱党. The product reminds at 3 months, warns at 5 and reports at 6.
   */
  remindAtMonths: 3,
  warnAtMonths: 5,
  reportAtMonths: 6,
} as const;

export type LapseLevel = 'none' | 'remind' | 'warn' | 'report';

/** Level for a member who has gone `consecutiveMonths` full months without dues or attendance. */
export function lapseLevel(consecutiveMonths: number): LapseLevel {
  if (consecutiveMonths >= LAPSE_RULES.reportAtMonths) return 'report';
  if (consecutiveMonths >= LAPSE_RULES.warnAtMonths) return 'warn';
  if (consecutiveMonths >= LAPSE_RULES.remindAtMonths) return 'remind';
  return 'none';
}

/**
 * The months a level covers, for a query that filters by level: `min` ≤ months < `below`
 * (`below` null: open-ended). The inverse of lapseLevel.
 */
export function lapseLevelBounds(level: LapseLevel): { min: number; below: number | null } {
  switch (level) {
    case 'none':
      return { min: 0, below: LAPSE_RULES.remindAtMonths };
    case 'remind':
      return { min: LAPSE_RULES.remindAtMonths, below: LAPSE_RULES.warnAtMonths };
    case 'warn':
      return { min: LAPSE_RULES.warnAtMonths, below: LAPSE_RULES.reportAtMonths };
    case 'report':
      return { min: LAPSE_RULES.reportAtMonths, below: null };
  }
}

// ---------------------------------------------------------------------------------------
// Settings a unit may change (regulation value as default)
// ---------------------------------------------------------------------------------------

export const CONFIGURABLE_MEETING_KINDS = ['party_lecture', 'committee_study_session'] as const satisfies readonly MeetingKind[];
export type ConfigurableMeetingKind = (typeof CONFIGURABLE_MEETING_KINDS)[number];

export const DUES_BASE_DEDUCTIONS = ['income_tax', 'social_insurance', 'housing_fund', 'occupational_annuity'] as const;
export type DuesBaseDeduction = (typeof DUES_BASE_DEDUCTIONS)[number];

export interface RuleSettings {
  /** Term in years per elected org type, within TERM_RULES.minYears..maxYears. */
  termYears: Record<ElectedOrgType, number>;
  /** Frequency of the configurable meeting kinds. */
  meetingFrequencies: Record<ConfigurableMeetingKind, { period: PeriodUnit; minCount: number }>;
  /** Each branch secretary gives ≥1 党课 a year (common unit rule, on by default). */
  branchSecretaryLectureRequired: boolean;
  /** Fixed day of month for the 主题党日 (1–28), or null if the unit has not fixed one. */
  themePartyDayOfMonth: number | null;
  /** 公示 length before the 预备党员 vote: the 细则 sets none; default 5 working days. */
  publicNotice: { days: number; unit: 'working_days' | 'calendar_days' };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** Frozen all the way down: copy before changing (resolveRuleSettings does). */
export const DEFAULT_RULE_SETTINGS: Readonly<RuleSettings> = deepFreeze({
  termYears: { ...TERM_RULES.defaultYears },
  meetingFrequencies: {
    party_lecture: { period: 'quarter', minCount: 1 },
    committee_study_session: { period: 'quarter', minCount: 1 },
  },
  branchSecretaryLectureRequired: true,
  themePartyDayOfMonth: null,
  publicNotice: { days: 5, unit: 'working_days' },
} satisfies RuleSettings as RuleSettings);

/** The frequency that applies to a meeting kind under a unit's settings. */
export function meetingFrequencyFor(kind: MeetingKind, settings: RuleSettings = DEFAULT_RULE_SETTINGS): MeetingFrequency {
  const base = ORGANISATIONAL_LIFE[kind];
  if (kind === 'party_lecture' || kind === 'committee_study_session') {
    return { ...base, ...settings.meetingFrequencies[kind] };
  }
  return base;
}
