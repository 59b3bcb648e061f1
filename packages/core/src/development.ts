/**
 * Member development (发展党员): the 5 stages and 25 steps of the 细则 (2014) as a state
 * machine over an append-only history of entries. Pure: the caller supplies the history,
 * the people involved, the working-day calendar, the unit's settings and today's date.
 *
 * Every check returns violations as { code, path, params }; the server turns a code into a
 * message in the user's language (plugins/i18n.ts). Numbers come from DEVELOPMENT_RULES.
 */
import { addDays, addMonths, addYears, compareDates, isValidDate, type WorkingDayCalendar, publicNoticeEndFor } from './calendar.js';
import { DEFAULT_RULE_SETTINGS, DEVELOPMENT_RULES, type RuleSettings } from './rules.js';

export type DevelopmentStage = 1 | 2 | 3 | 4 | 5;
/** Who takes a step: the applicant, the branch, the 基层党委 (committee) or the level above it. */
export type DevelopmentActor = 'applicant' | 'branch' | 'committee' | 'higher_committee';

export interface DevelopmentStepDef {
  step: number;
  key: string;
  stage: DevelopmentStage;
  actor: DevelopmentActor;
  /** People the step names: 培养联系人 (step 5) or 入党介绍人 (step 9). */
  people?: 'mentors' | 'sponsors';
}

/** 细则 第二章–第六章, numbered as in rules.md "Member development". */
export const DEVELOPMENT_STEPS = [
  { step: 1, key: 'application', stage: 1, actor: 'applicant' },
  { step: 2, key: 'application_talk', stage: 1, actor: 'branch' },
  { step: 3, key: 'activist_selection', stage: 2, actor: 'branch' },
  { step: 4, key: 'activist_filing', stage: 2, actor: 'committee' },
  { step: 5, key: 'mentors_assigned', stage: 2, actor: 'branch', people: 'mentors' },
  { step: 6, key: 'activist_education', stage: 2, actor: 'branch' },
  { step: 7, key: 'candidate_selection', stage: 3, actor: 'branch' },
  { step: 8, key: 'candidate_filing', stage: 3, actor: 'committee' },
  { step: 9, key: 'sponsors_assigned', stage: 3, actor: 'branch', people: 'sponsors' },
  { step: 10, key: 'political_review', stage: 3, actor: 'committee' },
  { step: 11, key: 'concentrated_training', stage: 3, actor: 'committee' },
  { step: 12, key: 'branch_committee_review', stage: 4, actor: 'branch' },
  { step: 13, key: 'pre_review_and_notice', stage: 4, actor: 'committee' },
  { step: 14, key: 'application_form', stage: 4, actor: 'applicant' },
  { step: 15, key: 'branch_meeting_admission', stage: 4, actor: 'branch' },
  { step: 16, key: 'committee_talk', stage: 4, actor: 'committee' },
  { step: 17, key: 'admission_approval', stage: 4, actor: 'committee' },
  { step: 18, key: 'admission_filing', stage: 4, actor: 'higher_committee' },
  { step: 19, key: 'placed_in_branch', stage: 5, actor: 'branch' },
  { step: 20, key: 'oath', stage: 5, actor: 'branch' },
  { step: 21, key: 'probation_education', stage: 5, actor: 'branch' },
  { step: 22, key: 'full_membership_application', stage: 5, actor: 'applicant' },
  { step: 23, key: 'branch_meeting_full_membership', stage: 5, actor: 'branch' },
  { step: 24, key: 'full_membership_approval', stage: 5, actor: 'committee' },
  { step: 25, key: 'files_archived', stage: 5, actor: 'committee' },
] as const satisfies readonly DevelopmentStepDef[];
export const DEVELOPMENT_STEP_COUNT = DEVELOPMENT_STEPS.length;

export type DevelopmentStepKey = (typeof DEVELOPMENT_STEPS)[number]['key'];

/**
 * A step's number by its name (DEVELOPMENT_STEP.admission_approval = 17): server and web name
 * the step a rule or a form field is about instead of writing its number.
 */
export const DEVELOPMENT_STEP = Object.fromEntries(DEVELOPMENT_STEPS.map((s) => [s.key, s.step])) as Record<DevelopmentStepKey, number>;

/** The five stages (细则 第二章 … 第六章). */
export const DEVELOPMENT_STAGES = [1, 2, 3, 4, 5] as const satisfies readonly DevelopmentStage[];

/** The first and last step of a stage (stage 4, 预备党员的接收: steps 12–18). */
export function stageSteps(stage: DevelopmentStage): { first: number; last: number } {
  const steps = DEVELOPMENT_STEPS.filter((s) => s.stage === stage).map((s) => s.step);
  return { first: Math.min(...steps), last: Math.max(...steps) };
}

export function stepDef(step: number): DevelopmentStepDef {
  const def: DevelopmentStepDef | undefined = DEVELOPMENT_STEPS[step - 1];
  if (!def) throw new RangeError(`no development step ${step}`);
  return def;
}

/**
 * Kinds of entry: a numbered step; a further written review of an activist (每半年考察);
 * the 公示 before the pre-review (its date is the first day, details.noticeEnd the last); an extension of probation (延长预备期); a failed probation (取消预备党员资格).
 */
export const DEVELOPMENT_ENTRY_KINDS = ['step', 'review', 'notice', 'probation_extension', 'disqualified'] as const;
export type DevelopmentEntryKind = (typeof DEVELOPMENT_ENTRY_KINDS)[number];

export interface DevelopmentDetails {
  /** Step 11: length of the concentrated training. */
  trainingDays?: number | null;
  classHours?: number | null;
  /** notice: the last day of the 公示 (the entry's date is the first). */
  noticeEnd?: string | null;
  /** Step 17: reason for approving after the 3-month limit (special case, at most 6 months in all). */
  extensionReason?: string | null;
  /** probation_extension: months (6–12). */
  extensionMonths?: number | null;
  /** probation_extension / disqualified: why. */
  reason?: string | null;
}

/** One effective entry of a file's history (corrections already applied). */
export interface DevelopmentEntryFacts {
  kind: DevelopmentEntryKind;
  /** 1–25 for kind 'step'; null otherwise. */
  step: number | null;
  date: string;
  peopleIds: readonly number[];
  details: DevelopmentDetails;
}

/** What the rules need to know about a mentor or sponsor. */
export interface PersonFacts {
  id: number;
  name: string;
  category: 'full' | 'probationary';
  /** 转正 date; null for a full member whose date is unknown (trusted as full). */
  fullOn: string | null;
  status: string;
}

export interface DevelopmentContext {
  birthDate: string | null;
  today: string;
  calendar: WorkingDayCalendar;
  settings?: RuleSettings;
  people: ReadonlyMap<number, PersonFacts>;
}

export interface DevelopmentViolation {
  code: string;
  /** Field of the entry the violation is about ('date', 'peopleIds', 'details.noticeEnd' …). */
  path: string;
  params: Record<string, string | number>;
}

// ---------------------------------------------------------------------------------------
// Reading a history
// ---------------------------------------------------------------------------------------

/** Where a person stands: 入党申请人, 入党积极分子, 发展对象, 预备党员, 正式党员, or 取消预备党员资格. */
export const DEVELOPMENT_STATUSES = ['applicant', 'activist', 'candidate', 'probationary', 'full', 'disqualified'] as const;
export type DevelopmentStatus = (typeof DEVELOPMENT_STATUSES)[number];

export interface DevelopmentProgress {
  /** Highest step recorded (0 = none). */
  lastStep: number;
  stage: DevelopmentStage | null;
  status: DevelopmentStatus | null;
  nextStep: number | null;
  stepDates: Record<number, string>;
  reviewDates: string[];
  /** 预备期: from the branch meeting (step 15) for 1 year, plus any extension. */
  probationStart: string | null;
  probationEnd: string | null;
  probationExtensions: number;
  disqualifiedOn: string | null;
  /** The latest 公示, if any. */
  notice: { start: string; end: string } | null;
}

function sortedByDate(entries: readonly DevelopmentEntryFacts[]): DevelopmentEntryFacts[] {
  return [...entries].sort((a, b) => compareDates(a.date, b.date) || (a.step ?? 0) - (b.step ?? 0));
}

export function developmentProgress(history: readonly DevelopmentEntryFacts[]): DevelopmentProgress {
  const stepDates: Record<number, string> = {};
  const reviewDates: string[] = [];
  let extensionMonths = 0;
  let extensions = 0;
  let disqualifiedOn: string | null = null;
  let notice: { start: string; end: string } | null = null;
  for (const e of sortedByDate(history)) {
    if (e.kind === 'notice') notice = { start: e.date, end: e.details.noticeEnd ?? e.date };
    if (e.kind === 'step' && e.step) stepDates[e.step] = e.date;
    else if (e.kind === 'review') reviewDates.push(e.date);
    else if (e.kind === 'probation_extension') {
      extensions++;
      extensionMonths += e.details.extensionMonths ?? 0;
    } else if (e.kind === 'disqualified') disqualifiedOn = e.date;
  }
  // Step 6 is the first written review; further reviews are 'review' entries.
  if (stepDates[6]) reviewDates.unshift(stepDates[6]);
  reviewDates.sort(compareDates);
  const lastStep = Math.max(0, ...Object.keys(stepDates).map(Number));
  const probationStart = stepDates[17] && stepDates[15] ? stepDates[15] : null;
  const probationEnd = probationStart
    ? addMonths(addYears(probationStart, DEVELOPMENT_RULES.probationYears), extensionMonths)
    : null;
  let status: DevelopmentStatus | null = null;
  if (disqualifiedOn) status = 'disqualified';
  else if (lastStep >= 24) status = 'full';
  else if (lastStep >= 17) status = 'probationary';
  else if (lastStep >= 7) status = 'candidate';
  else if (lastStep >= 3) status = 'activist';
  else if (lastStep >= 1) status = 'applicant';
  return {
    lastStep,
    stage: lastStep > 0 ? stepDef(lastStep).stage : null,
    status,
    nextStep: disqualifiedOn || lastStep >= DEVELOPMENT_STEP_COUNT ? null : lastStep + 1,
    stepDates,
    reviewDates,
    probationStart,
    probationEnd,
    probationExtensions: extensions,
    disqualifiedOn,
    notice,
  };
}

/**
 * The 6-month review windows of an activist (细则 第三章: 每半年考察一次) that end on or before
 * `until`: window k is (activistOn + 6(k−1) months, activistOn + 6k months]. Returns those
 * without a review.
 */
export function missingReviews(activistOn: string, reviewDates: readonly string[], until: string): Array<{ from: string; to: string }> {
  const missing: Array<{ from: string; to: string }> = [];
  const every = DEVELOPMENT_RULES.reviewEveryMonths;
  for (let k = 1; ; k++) {
    const from = addMonths(activistOn, every * (k - 1));
    const to = addMonths(activistOn, every * k);
    if (compareDates(to, until) > 0) break;
    if (!reviewDates.some((d) => compareDates(d, from) > 0 && compareDates(d, to) <= 0)) missing.push({ from, to });
  }
  return missing;
}

/**
 * The date the next written review is due: the end of the first 6-month window without a
 * review (in the past when one was missed — a missed review stays visible until recorded).
 */
export function nextReviewDue(activistOn: string, reviewDates: readonly string[]): string {
  const every = DEVELOPMENT_RULES.reviewEveryMonths;
  for (let k = 1; ; k++) {
    const from = addMonths(activistOn, every * (k - 1));
    const to = addMonths(activistOn, every * k);
    const done = reviewDates.some((d) => compareDates(d, from) > 0 && compareDates(d, to) <= 0);
    // Terminates: reviews are finitely many, so some window after the last one has none.
    if (!done) return to;
  }
}

/** Earliest date for step 7: one full year after becoming an activist (细则 第四章). */
export function earliestCandidateDate(activistOn: string): string {
  return addYears(activistOn, DEVELOPMENT_RULES.minActivistYears);
}

/** Latest approval date for a branch meeting held on `meetingOn` (细则 第五章). */
export function approvalDeadline(meetingOn: string, extended: boolean): string {
  return addMonths(meetingOn, extended ? DEVELOPMENT_RULES.approvalMaxMonths : DEVELOPMENT_RULES.approvalWithinMonths);
}

/** A person counts as 正式党员 on `date` when active and their 转正 date is on or before it. */
export function isFullMemberOn(person: PersonFacts, date: string): boolean {
  if (person.status !== 'active') return false;
  if (person.fullOn) return compareDates(person.fullOn, date) <= 0;
  return person.category === 'full';
}

// ---------------------------------------------------------------------------------------
// Checking a new entry
// ---------------------------------------------------------------------------------------

function v(code: string, path: string, params: Record<string, string | number> = {}): DevelopmentViolation {
  return { code, path, params };
}

function checkPeople(
  role: 'mentors' | 'sponsors',
  input: DevelopmentEntryFacts,
  ctx: DevelopmentContext,
  out: DevelopmentViolation[],
): void {
  const ids = [...new Set(input.peopleIds)];
  if (role === 'mentors') {
    // 细则 第三章: 1至2名正式党员作培养联系人.
    if (ids.length < DEVELOPMENT_RULES.mentorsMin || ids.length > DEVELOPMENT_RULES.mentorsMax) {
      out.push(v('DEV_MENTOR_COUNT', 'peopleIds', { count: ids.length, min: DEVELOPMENT_RULES.mentorsMin, max: DEVELOPMENT_RULES.mentorsMax }));
    }
  } else if (ids.length !== DEVELOPMENT_RULES.sponsors) {
    // 细则 第四章: 两名正式党员作入党介绍人.
    out.push(v('DEV_SPONSOR_COUNT', 'peopleIds', { count: ids.length, required: DEVELOPMENT_RULES.sponsors }));
  }
  ids.forEach((id, i) => {
    const person = ctx.people.get(id);
    if (!person) {
      out.push(v('DEV_PERSON_UNKNOWN', `peopleIds[${i}]`, { id }));
      return;
    }
    if (!isFullMemberOn(person, input.date)) {
      out.push(
        v(role === 'mentors' ? 'DEV_MENTOR_NOT_FULL' : 'DEV_SPONSOR_NOT_FULL', `peopleIds[${i}]`, {
          name: person.name,
          date: input.date,
          fullOn: person.fullOn ?? '—',
        }),
      );
    }
  });
}

function checkNotice(input: DevelopmentEntryFacts, progress: DevelopmentProgress, ctx: DevelopmentContext, out: DevelopmentViolation[]): void {
  // The 公示 follows the branch committee's review (step 12) and precedes the pre-review (13).
  const reviewedOn = progress.stepDates[12];
  if (!reviewedOn || progress.stepDates[13]) {
    out.push(v('DEV_NOTICE_OUT_OF_ORDER', 'kind'));
    return;
  }
  const noticeStart = input.date;
  const noticeEnd = input.details.noticeEnd;
  if (compareDates(noticeStart, reviewedOn) < 0) out.push(v('DEV_NOTICE_BEFORE_REVIEW', 'date', { noticeStart, reviewedOn }));
  if (!noticeEnd || !isValidDate(noticeEnd)) {
    out.push(v('DEV_NOTICE_REQUIRED', 'details.noticeEnd'));
    return;
  }
  // 公示 length is a unit setting (the 细则 sets none; default 5 working days).
  const notice = (ctx.settings ?? DEFAULT_RULE_SETTINGS).publicNotice;
  const earliestEnd = publicNoticeEndFor(ctx.calendar, noticeStart, notice);
  if (compareDates(noticeEnd, earliestEnd) < 0) {
    const code = notice.unit === 'working_days' ? 'DEV_NOTICE_TOO_SHORT' : 'DEV_NOTICE_TOO_SHORT_CALENDAR_DAYS';
    out.push(v(code, 'details.noticeEnd', { noticeStart, noticeEnd, days: notice.days, earliestEnd }));
  }
}

function checkStep(input: DevelopmentEntryFacts, progress: DevelopmentProgress, ctx: DevelopmentContext, out: DevelopmentViolation[]): void {
  const step = input.step ?? 0;
  const d = progress.stepDates;
  if (step === 1) {
    // 细则 第二章: 年满十八岁.
    if (!ctx.birthDate) out.push(v('DEV_BIRTH_DATE_MISSING', 'birthDate'));
    else {
      const earliest = addYears(ctx.birthDate, DEVELOPMENT_RULES.minApplicationAgeYears);
      if (compareDates(input.date, earliest) < 0) out.push(v('DEV_APPLICANT_UNDER_18', 'date', { birthDate: ctx.birthDate, date: input.date, earliest }));
    }
  }
  if (step === 2 && d[1]) {
    // 细则 第二章: 收到入党申请书后一个月内派人谈话.
    const latest = addMonths(d[1], DEVELOPMENT_RULES.talkWithinMonths);
    if (compareDates(input.date, latest) > 0) out.push(v('DEV_TALK_LATE', 'date', { appliedOn: d[1], latest, date: input.date }));
  }
  if (step === 5) checkPeople('mentors', input, ctx, out);
  if (step === 7 && d[3]) {
    // 细则 第四章: 经过一年以上培养教育和考察.
    const earliest = earliestCandidateDate(d[3]);
    if (compareDates(input.date, earliest) < 0) out.push(v('DEV_ACTIVIST_YEAR_NOT_MET', 'date', { activistOn: d[3], earliest }));
    for (const gap of missingReviews(d[3], progress.reviewDates, input.date)) {
      out.push(v('DEV_REVIEW_MISSING', 'date', gap));
    }
  }
  if (step === 9) checkPeople('sponsors', input, ctx, out);
  if (step === 11) {
    // 细则 第四章: 集中培训一般不少于3天（或不少于24个学时）.
    const days = input.details.trainingDays ?? 0;
    const hours = input.details.classHours ?? 0;
    if (days < DEVELOPMENT_RULES.trainingMinDays && hours < DEVELOPMENT_RULES.trainingMinClassHours) {
      out.push(
        v('DEV_TRAINING_TOO_SHORT', 'details.trainingDays', {
          days,
          hours,
          minDays: DEVELOPMENT_RULES.trainingMinDays,
          minHours: DEVELOPMENT_RULES.trainingMinClassHours,
        }),
      );
    }
  }
  if (step === 13) {
    // The pre-review is decided after the 公示 has run its course.
    if (!progress.notice) out.push(v('DEV_NOTICE_REQUIRED', 'kind'));
    else if (compareDates(input.date, progress.notice.end) <= 0) {
      out.push(v('DEV_NOTICE_NOT_ENDED', 'date', { noticeEnd: progress.notice.end, date: input.date }));
    }
  }
  if (step === 17 && d[15]) {
    // 细则 第五章: 三个月内审批；特殊情况可延长，但不得超过六个月.
    const reason = input.details.extensionReason?.trim();
    const latest = approvalDeadline(d[15], false);
    if (compareDates(input.date, latest) > 0) {
      const maxLatest = approvalDeadline(d[15], true);
      if (!reason) out.push(v('DEV_APPROVAL_LATE', 'date', { meetingOn: d[15], latest, date: input.date }));
      else if (compareDates(input.date, maxLatest) > 0) {
        out.push(v('DEV_APPROVAL_EXTENSION_TOO_LONG', 'date', { meetingOn: d[15], latest: maxLatest, date: input.date }));
      }
    }
  }
  if (step === 23 && progress.probationEnd) {
    // 党章 第七条: 预备期满 before the branch meeting discusses full membership.
    if (compareDates(input.date, progress.probationEnd) < 0) {
      out.push(v('DEV_PROBATION_NOT_ENDED', 'date', { start: progress.probationStart ?? '', end: progress.probationEnd }));
    }
  }
  if (step === 24 && d[23]) {
    // 细则 第六章: 转正 approved within 3 months of the branch meeting.
    const latest = addMonths(d[23], DEVELOPMENT_RULES.fullMembershipApprovalWithinMonths);
    if (compareDates(input.date, latest) > 0) out.push(v('DEV_FULL_APPROVAL_LATE', 'date', { meetingOn: d[23], latest, date: input.date }));
  }
}

/** Latest dated entry that the new entry must not precede. */
function previousDate(input: DevelopmentEntryFacts, progress: DevelopmentProgress): { step: number; date: string } | null {
  const before = input.kind === 'step' ? (input.step ?? 1) - 1 : progress.lastStep;
  for (let s = before; s >= 1; s--) {
    const date = progress.stepDates[s];
    if (date) return { step: s, date };
  }
  return null;
}

/**
 * Checks an entry against the history it would join. An empty result means the entry may be
 * recorded. Imports call this too and keep the violations as warnings.
 */
export function checkDevelopmentEntry(
  history: readonly DevelopmentEntryFacts[],
  input: DevelopmentEntryFacts,
  ctx: DevelopmentContext,
): DevelopmentViolation[] {
  const out: DevelopmentViolation[] = [];
  const progress = developmentProgress(history);
  if (!isValidDate(input.date)) return [v('DEV_DATE_INVALID', 'date', { date: input.date })];
  if (compareDates(input.date, ctx.today) > 0) out.push(v('DEV_DATE_IN_FUTURE', 'date', { date: input.date, today: ctx.today }));
  if (progress.disqualifiedOn) {
    out.push(v('DEV_FILE_CLOSED', 'kind', { date: progress.disqualifiedOn }));
    return out;
  }
  const prev = previousDate(input, progress);
  if (input.kind === 'step') {
    const step = input.step ?? 0;
    if (!Number.isInteger(step) || step < 1 || step > DEVELOPMENT_STEP_COUNT) return [v('DEV_STEP_INVALID', 'step', { step })];
    if (progress.stepDates[step]) {
      out.push(v('DEV_STEP_ALREADY_RECORDED', 'step', { step, date: progress.stepDates[step] as string }));
      return out;
    }
    if (step > 1 && !progress.stepDates[step - 1]) {
      out.push(v('DEV_STEP_OUT_OF_ORDER', 'step', { step, requires: step - 1 }));
      return out;
    }
    if (prev && compareDates(input.date, prev.date) < 0) {
      out.push(v('DEV_DATE_BEFORE_PREVIOUS', 'date', { step, date: input.date, previousStep: prev.step, previousDate: prev.date }));
    }
    checkStep(input, progress, ctx, out);
    return out;
  }
  if (input.kind === 'notice') {
    checkNotice(input, progress, ctx, out);
    return out;
  }
  if (input.kind === 'review') {
    // Further written reviews belong to the activist stage: after step 6, before step 7.
    if (!progress.stepDates[6] || progress.stepDates[7]) out.push(v('DEV_REVIEW_NOT_ACTIVIST', 'kind'));
    else if (compareDates(input.date, progress.stepDates[6]) < 0) {
      out.push(v('DEV_DATE_BEFORE_PREVIOUS', 'date', { step: 6, date: input.date, previousStep: 6, previousDate: progress.stepDates[6] }));
    }
    return out;
  }
  // probation_extension and disqualified: only for a 预备党员 (after step 17, before step 24).
  if (!progress.stepDates[17] || progress.stepDates[24]) {
    out.push(v('DEV_NOT_PROBATIONARY', 'kind'));
    return out;
  }
  if (compareDates(input.date, progress.stepDates[17]) < 0) {
    out.push(v('DEV_DATE_BEFORE_PREVIOUS', 'date', { step: 17, date: input.date, previousStep: 17, previousDate: progress.stepDates[17] }));
  }
  if (!input.details.reason?.trim()) out.push(v('DEV_REASON_REQUIRED', 'details.reason'));
  if (input.kind === 'probation_extension') {
    // 党章 第七条 / 细则 第六章: 只能延长一次，时间不能少于半年，最长不超过一年.
    if (progress.probationExtensions >= DEVELOPMENT_RULES.probationMaxExtensions) {
      out.push(v('DEV_PROBATION_EXTENSION_ONCE', 'kind', { max: DEVELOPMENT_RULES.probationMaxExtensions }));
    }
    const months = input.details.extensionMonths ?? 0;
    if (!Number.isInteger(months) || months < DEVELOPMENT_RULES.probationExtensionMinMonths || months > DEVELOPMENT_RULES.probationExtensionMaxMonths) {
      out.push(
        v('DEV_PROBATION_EXTENSION_MONTHS', 'details.extensionMonths', {
          months,
          min: DEVELOPMENT_RULES.probationExtensionMinMonths,
          max: DEVELOPMENT_RULES.probationExtensionMaxMonths,
        }),
      );
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Deadlines (the due list)
// ---------------------------------------------------------------------------------------

export const DEVELOPMENT_DUE_KINDS = ['talk_due', 'review_due', 'notice_ending', 'approval_limit', 'probation_ending', 'full_approval_limit'] as const;
export type DevelopmentDueKind = (typeof DEVELOPMENT_DUE_KINDS)[number];

export interface DevelopmentDue {
  kind: DevelopmentDueKind;
  /** The day by which something must happen (or on which the notice ends). */
  date: string;
}

/**
 * Every deadline still open for one file, in the rules' order: the talk, the next 6-month
 * review, the end of a notice awaiting the pre-review, the 3-month approval limit, the end of
 * probation, the 转正 approval limit. They depend on the history only (not on the day), so a
 * server may keep them until the file's next entry.
 */
export function fileDeadlines(history: readonly DevelopmentEntryFacts[]): DevelopmentDue[] {
  const p = developmentProgress(history);
  if (p.status === 'disqualified' || p.status === 'full') return [];
  const d = p.stepDates;
  const out: DevelopmentDue[] = [];
  if (d[1] && !d[2]) out.push({ kind: 'talk_due', date: addMonths(d[1], DEVELOPMENT_RULES.talkWithinMonths) });
  if (d[3] && !d[7]) out.push({ kind: 'review_due', date: nextReviewDue(d[3], p.reviewDates) });
  if (p.notice && d[12] && !d[13]) out.push({ kind: 'notice_ending', date: p.notice.end });
  if (d[15] && !d[17]) out.push({ kind: 'approval_limit', date: approvalDeadline(d[15], false) });
  if (p.probationEnd && !d[23]) out.push({ kind: 'probation_ending', date: p.probationEnd });
  if (d[23] && !d[24]) out.push({ kind: 'full_approval_limit', date: addMonths(d[23], DEVELOPMENT_RULES.fullMembershipApprovalWithinMonths) });
  return out;
}

/**
 * What is coming up for one file, if its date falls on or before today + `withinDays`
 * (overdue items included): `fileDeadlines` up to that day.
 */
export function developmentDues(history: readonly DevelopmentEntryFacts[], today: string, withinDays = 30): DevelopmentDue[] {
  const horizon = addDays(today, withinDays);
  return fileDeadlines(history).filter((d) => compareDates(d.date, horizon) <= 0);
}
