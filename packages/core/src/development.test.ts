import { describe, expect, it } from 'vitest';
import { WorkingDayCalendar, addDays } from './calendar.js';
import {
  DEVELOPMENT_STAGES,
  DEVELOPMENT_STEP,
  DEVELOPMENT_STEPS,
  type DevelopmentContext,
  type DevelopmentEntryFacts,
  type PersonFacts,
  checkDevelopmentEntry,
  developmentDues,
  developmentProgress,
  missingReviews,
  stageSteps,
  stepDef,
} from './development.js';
import { DEFAULT_RULE_SETTINGS } from './rules.js';

const calendar = new WorkingDayCalendar();
const people = new Map<number, PersonFacts>([
  [1, { id: 1, name: '张一', category: 'full', fullOn: '2010-07-01', status: 'active' }],
  [2, { id: 2, name: '李二', category: 'full', fullOn: '2012-07-01', status: 'active' }],
  [3, { id: 3, name: '王三', category: 'probationary', fullOn: null, status: 'active' }],
  [4, { id: 4, name: '赵四', category: 'full', fullOn: '2026-05-10', status: 'active' }],
  [5, { id: 5, name: '钱五', category: 'full', fullOn: '2001-01-01', status: 'transferred_out' }],
  [6, { id: 6, name: '孙六', category: 'full', fullOn: null, status: 'active' }],
]);
const ctx = (over: Partial<DevelopmentContext> = {}): DevelopmentContext => ({
  birthDate: '1995-06-15',
  today: '2030-01-01',
  calendar,
  settings: DEFAULT_RULE_SETTINGS,
  people,
  ...over,
});

const step = (n: number, date: string, extra: Partial<DevelopmentEntryFacts> = {}): DevelopmentEntryFacts => ({
  kind: 'step',
  step: n,
  date,
  peopleIds: n === 5 ? [1] : n === 9 ? [1, 2] : [],
  details: n === 11 ? { trainingDays: 3 } : {},
  ...extra,
});
const review = (date: string): DevelopmentEntryFacts => ({ kind: 'review', step: null, date, peopleIds: [], details: {} });
const notice = (start: string, end: string): DevelopmentEntryFacts => ({ kind: 'notice', step: null, date: start, peopleIds: [], details: { noticeEnd: end } });

/** Steps 1..n with the given dates for steps that matter, the rest on the previous date. */
function through(n: number, dates: Record<number, string>, extra: DevelopmentEntryFacts[] = []): DevelopmentEntryFacts[] {
  const out: DevelopmentEntryFacts[] = [...extra];
  let last = dates[1] ?? '2020-01-02';
  for (let s = 1; s <= n; s++) {
    last = dates[s] ?? last;
    out.push(step(s, last));
  }
  return out;
}
const codes = (h: DevelopmentEntryFacts[], e: DevelopmentEntryFacts, c = ctx()) => checkDevelopmentEntry(h, e, c).map((x) => x.code);

describe('the 25 steps', () => {
  it('has 25 numbered steps in 5 stages', () => {
    expect(DEVELOPMENT_STEPS.map((s) => s.step)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(new Set(DEVELOPMENT_STEPS.map((s) => s.stage))).toEqual(new Set([1, 2, 3, 4, 5]));
    expect(DEVELOPMENT_STEPS.filter((s) => s.stage === 1).map((s) => s.step)).toEqual([1, 2]);
    expect(DEVELOPMENT_STEPS.filter((s) => s.stage === 5).map((s) => s.step)).toEqual([19, 20, 21, 22, 23, 24, 25]);
  });
});

describe('order', () => {
  it.each([
    ['a step whose predecessor is missing', [] as number[], 2, 'DEV_STEP_OUT_OF_ORDER'],
    ['skipping step 8', [1, 2, 3, 4, 5, 6, 7], 9, 'DEV_STEP_OUT_OF_ORDER'],
    ['a step recorded twice', [1, 2], 2, 'DEV_STEP_ALREADY_RECORDED'],
  ])('refuses %s', (_name, done, next, code) => {
    const h = done.map((s) => step(s, '2020-01-02'));
    expect(codes(h, step(next, '2020-01-03'))).toEqual([code]);
  });

  it('refuses a date before the previous step and in the future', () => {
    const h = through(2, { 1: '2026-01-10', 2: '2026-01-20' });
    const res = checkDevelopmentEntry(h, step(3, '2026-01-19'), ctx());
    expect(res).toEqual([{ code: 'DEV_DATE_BEFORE_PREVIOUS', path: 'date', params: { step: 3, date: '2026-01-19', previousStep: 2, previousDate: '2026-01-20' } }]);
    expect(codes(h, step(3, '2026-01-20'))).toEqual([]);
    expect(codes(h, step(3, '2026-11-24'), ctx({ today: '2026-11-23' }))).toEqual(['DEV_DATE_IN_FUTURE']);
  });
});

describe('step 1: age at application (≥18)', () => {
  it.each([
    ['2008-06-15', '2026-06-14', ['DEV_APPLICANT_UNDER_18']],
    ['2008-06-15', '2026-06-15', []],
    // Born on 29 February: the 18th birthday in a common year is 28 February.
    ['2008-02-29', '2026-02-27', ['DEV_APPLICANT_UNDER_18']],
    ['2008-02-29', '2026-02-28', []],
  ])('born %s, applying %s', (birthDate, date, expected) => {
    expect(codes([], step(1, date), ctx({ birthDate }))).toEqual(expected);
  });
  it('needs a birth date', () => expect(codes([], step(1, '2026-01-01'), ctx({ birthDate: null }))).toEqual(['DEV_BIRTH_DATE_MISSING']));
});

describe('step 2: talk within one month', () => {
  it.each([
    ['2026-01-15', '2026-02-15', []],
    ['2026-01-15', '2026-02-16', ['DEV_TALK_LATE']],
    ['2026-01-31', '2026-02-28', []],
    ['2026-01-31', '2026-03-01', ['DEV_TALK_LATE']],
  ])('applied %s, talk %s', (applied, talk, expected) => {
    expect(codes([step(1, applied)], step(2, talk))).toEqual(expected);
  });
});

describe('step 7: one year as activist with a review every 6 months', () => {
  const activist = (on: string, reviews: string[]) => [...through(6, { 1: addDays(on, -40), 3: on, 6: reviews[0] ?? on }), ...reviews.slice(1).map(review)];
  it.each([
    ['exactly one year', '2025-03-01', ['2025-09-01', '2026-03-01'], '2026-03-01', []],
    ['one day short', '2025-03-01', ['2025-09-01', '2026-02-28'], '2026-02-28', ['DEV_ACTIVIST_YEAR_NOT_MET']],
    ['leap day activist, one year = 28 February', '2024-02-29', ['2024-08-29', '2025-02-28'], '2025-02-28', []],
    ['leap day activist, a day short', '2024-02-29', ['2024-08-29', '2025-02-27'], '2025-02-27', ['DEV_ACTIVIST_YEAR_NOT_MET']],
    ['a year across a leap day', '2023-03-01', ['2023-09-01', '2024-02-29'], '2024-02-29', ['DEV_ACTIVIST_YEAR_NOT_MET']],
    ['second review missing', '2025-03-01', ['2025-09-01'], '2026-03-01', ['DEV_REVIEW_MISSING']],
    ['first review a day late', '2025-03-01', ['2025-09-02', '2026-03-01'], '2026-03-01', ['DEV_REVIEW_MISSING']],
  ])('%s', (_name, on, reviews, date, expected) => {
    expect(codes(activist(on, reviews), step(7, date))).toEqual(expected);
  });

  it('gives the earliest date in the message parameters', () => {
    const res = checkDevelopmentEntry(activist('2025-03-01', ['2025-09-01']), step(7, '2026-02-01'), ctx());
    expect(res[0]).toEqual({ code: 'DEV_ACTIVIST_YEAR_NOT_MET', path: 'date', params: { activistOn: '2025-03-01', earliest: '2026-03-01' } });
  });

  it('lists every review window without a review', () => {
    expect(missingReviews('2025-03-01', ['2025-08-01'], '2026-09-01')).toEqual([
      { from: '2025-09-01', to: '2026-03-01' },
      { from: '2026-03-01', to: '2026-09-01' },
    ]);
  });
});

describe('mentors (step 5) and sponsors (step 9) are full members on the day', () => {
  const h5 = through(4, { 1: '2026-01-05', 3: '2026-03-01' });
  const h9 = through(8, { 1: '2024-01-05', 3: '2024-03-01', 6: '2024-09-01', 7: '2026-04-01' }, [review('2025-03-01'), review('2025-09-01'), review('2026-03-01')]);
  it.each([
    ['one mentor', h5, 5, [1], []],
    ['two mentors', h5, 5, [1, 2], []],
    ['no mentor', h5, 5, [], ['DEV_MENTOR_COUNT']],
    ['three mentors', h5, 5, [1, 2, 6], ['DEV_MENTOR_COUNT']],
    ['a probationary mentor', h5, 5, [3], ['DEV_MENTOR_NOT_FULL']],
    ['a mentor who has left', h5, 5, [5], ['DEV_MENTOR_NOT_FULL']],
    ['two full sponsors', h9, 9, [1, 2], []],
    ['a full member with unknown date', h9, 9, [1, 6], []],
    ['one sponsor', h9, 9, [1], ['DEV_SPONSOR_COUNT']],
    ['a sponsor still 预备党员 that day (转正 2026-05-10)', h9, 9, [1, 4], ['DEV_SPONSOR_NOT_FULL']],
    ['an unknown person', h9, 9, [1, 99], ['DEV_PERSON_UNKNOWN']],
  ])('%s', (_name, h, n, ids, expected) => {
    expect(codes(h, step(n, '2026-04-20', { peopleIds: ids }))).toEqual(expected);
  });
  it('accepts the sponsor from their 转正 date on', () => {
    expect(codes(h9, step(9, '2026-05-10', { peopleIds: [1, 4] }))).toEqual([]);
    expect(codes(h9, step(9, '2026-05-09', { peopleIds: [1, 4] }))).toEqual(['DEV_SPONSOR_NOT_FULL']);
  });
});

describe('step 11: training ≥3 days or ≥24 class hours', () => {
  const h = through(10, { 1: '2024-01-05' });
  it.each([
    [{ trainingDays: 3 }, []],
    [{ trainingDays: 2, classHours: 24 }, []],
    [{ trainingDays: 2, classHours: 23 }, ['DEV_TRAINING_TOO_SHORT']],
    [{}, ['DEV_TRAINING_TOO_SHORT']],
  ])('%o', (details, expected) => {
    // History built without step 7 rules: only the new entry is checked.
    expect(codes(h, step(11, '2024-02-01', { details }))).toEqual(expected);
  });
});

describe('公示 (notice) and step 13', () => {
  const h12 = (on: string) => through(12, { 1: '2020-01-02', 12: on });
  it.each([
    // Across 国庆 2026 (10-01…10-07 off) with the 调休 Saturday 10-10 a working day:
    // 09-30, 10-08, 10-09, 10-10, 10-12 → the 5th working day is Monday 10-12.
    ['2026-09-30', '2026-10-11', ['DEV_NOTICE_TOO_SHORT']],
    ['2026-09-30', '2026-10-12', []],
    // 2025: 10-01…10-08 off, 10-11 (Saturday) a working day: 09-30, 10-09, 10-10, 10-11, 10-13.
    ['2025-09-30', '2025-10-12', ['DEV_NOTICE_TOO_SHORT']],
    ['2025-09-30', '2025-10-13', []],
    // An ordinary week: Monday to Friday.
    ['2026-11-02', '2026-11-05', ['DEV_NOTICE_TOO_SHORT']],
    ['2026-11-02', '2026-11-06', []],
  ])('notice from %s to %s', (start, end, expected) => {
    expect(codes(h12(addDays(start, -1)), notice(start, end))).toEqual(expected);
  });

  it('tells the earliest end of the notice', () => {
    const res = checkDevelopmentEntry(h12('2026-09-29'), notice('2026-09-30', '2026-10-09'), ctx());
    expect(res[0]!.params).toMatchObject({ earliestEnd: '2026-10-12', days: 5 });
  });

  it('uses the unit setting (7 calendar days)', () => {
    const settings = { ...DEFAULT_RULE_SETTINGS, publicNotice: { days: 7, unit: 'calendar_days' as const } };
    expect(codes(h12('2026-09-29'), notice('2026-09-30', '2026-10-05'), ctx({ settings }))).toEqual(['DEV_NOTICE_TOO_SHORT_CALENDAR_DAYS']);
    expect(codes(h12('2026-09-29'), notice('2026-09-30', '2026-10-06'), ctx({ settings }))).toEqual([]);
  });

  it('puts the notice after step 12 and step 13 after the notice has ended', () => {
    expect(codes(through(11, {}), notice('2026-01-05', '2026-01-09'))).toEqual(['DEV_NOTICE_OUT_OF_ORDER']);
    const h = h12('2026-01-04');
    expect(codes(h, step(13, '2026-01-20'))).toEqual(['DEV_NOTICE_REQUIRED']);
    const withNotice = [...h, notice('2026-01-05', '2026-01-09')];
    expect(codes(withNotice, step(13, '2026-01-09'))).toEqual(['DEV_NOTICE_NOT_ENDED']);
    expect(codes(withNotice, step(13, '2026-01-10'))).toEqual([]);
  });
});

describe('step 17: approval within 3 months of the branch meeting', () => {
  const h = (meeting: string) => [...through(16, { 1: '2020-01-02', 15: meeting }), notice('2020-01-02', '2020-01-10')];
  it.each([
    ['day 90', '2026-04-01', null, []],
    ['day 93', '2026-04-04', null, ['DEV_APPROVAL_LATE']],
    ['day 93 with a reason', '2026-04-04', '上级党委会议因疫情推迟', []],
    ['6 months with a reason', '2026-07-01', '特殊情况', []],
    ['6 months and a day', '2026-07-02', '特殊情况', ['DEV_APPROVAL_EXTENSION_TOO_LONG']],
    ['a blank reason', '2026-04-04', '  ', ['DEV_APPROVAL_LATE']],
  ])('%s', (_name, date, reason, expected) => {
    expect(codes(h('2026-01-01'), step(17, date, { details: { extensionReason: reason } }))).toEqual(expected);
  });
});

describe('probation', () => {
  const admitted = through(21, { 1: '2020-01-02', 15: '2025-06-10', 17: '2025-07-01' });
  const extension = (date: string, months: number, reason = '未能履行党员义务'): DevelopmentEntryFacts => ({
    kind: 'probation_extension',
    step: null,
    date,
    peopleIds: [],
    details: { extensionMonths: months, reason },
  });

  it('runs one year from the branch meeting', () => {
    const p = developmentProgress(admitted);
    expect(p).toMatchObject({ status: 'probationary', probationStart: '2025-06-10', probationEnd: '2026-06-10', stage: 5 });
    const h22 = [...admitted, step(22, '2026-05-20')];
    expect(codes(h22, step(23, '2026-06-09'))).toEqual(['DEV_PROBATION_NOT_ENDED']);
    expect(codes(h22, step(23, '2026-06-10'))).toEqual([]);
  });

  it.each([
    [5, ['DEV_PROBATION_EXTENSION_MONTHS']],
    [6, []],
    [12, []],
    [13, ['DEV_PROBATION_EXTENSION_MONTHS']],
  ])('an extension of %i months', (months, expected) => {
    expect(codes(admitted, extension('2026-06-10', months))).toEqual(expected);
  });

  it('extends once only and moves the end of probation', () => {
    const extended = [...admitted, extension('2026-06-10', 6)];
    expect(developmentProgress(extended).probationEnd).toBe('2026-12-10');
    expect(codes(extended, extension('2026-12-10', 6))).toEqual(['DEV_PROBATION_EXTENSION_ONCE']);
    expect(codes([...extended, step(22, '2026-11-20')], step(23, '2026-12-09'))).toEqual(['DEV_PROBATION_NOT_ENDED']);
  });

  it('needs a reason and a 预备党员', () => {
    expect(codes(admitted, extension('2026-06-10', 6, ''))).toEqual(['DEV_REASON_REQUIRED']);
    expect(codes(through(10, {}), extension('2026-06-10', 6))).toEqual(['DEV_NOT_PROBATIONARY']);
  });

  it('records a failed probation and closes the file', () => {
    const failed = [...admitted, { kind: 'disqualified' as const, step: null, date: '2026-06-12', peopleIds: [], details: { reason: '不具备党员条件' } }];
    expect(developmentProgress(failed)).toMatchObject({ status: 'disqualified', nextStep: null });
    expect(codes(failed, step(22, '2026-06-13'))).toEqual(['DEV_FILE_CLOSED']);
  });

  it('approves 转正 within 3 months of the branch meeting', () => {
    const h23 = through(23, { 1: '2020-01-02', 15: '2025-06-10', 17: '2025-07-01', 23: '2026-06-15' });
    expect(codes(h23, step(24, '2026-09-15'))).toEqual([]);
    expect(codes(h23, step(24, '2026-09-16'))).toEqual(['DEV_FULL_APPROVAL_LATE']);
  });
});

describe('the due list', () => {
  it.each([
    ['talk due', through(1, { 1: '2026-11-01' }), 'talk_due', '2026-12-01'],
    ['review due', through(6, { 1: '2026-01-01', 3: '2026-06-01', 6: '2026-06-01' }), 'review_due', '2026-12-01'],
    ['notice ending', [...through(12, { 1: '2026-01-02', 12: '2026-11-20' }), notice('2026-11-23', '2026-11-27')], 'notice_ending', '2026-11-27'],
    ['approval near the limit', through(16, { 1: '2026-01-02', 15: '2026-09-01' }), 'approval_limit', '2026-12-01'],
    ['probation ending', through(21, { 1: '2025-01-02', 15: '2025-12-15', 17: '2025-12-20' }), 'probation_ending', '2026-12-15'],
  ])('%s', (_name, h, kind, date) => {
    expect(developmentDues(h, '2026-11-23')).toEqual([{ kind, date }]);
  });
  it('leaves out what is further than 30 days away', () => {
    expect(developmentDues(through(21, { 1: '2025-01-02', 15: '2026-03-15', 17: '2026-03-20' }), '2026-11-23')).toEqual([]);
  });
});

describe('stages and step names', () => {
  it('gives each stage its steps, from the steps themselves (细则 第二章 … 第六章)', () => {
    expect(DEVELOPMENT_STAGES.map((s) => stageSteps(s))).toEqual([
      { first: 1, last: 2 },
      { first: 3, last: 6 },
      { first: 7, last: 11 },
      { first: 12, last: 18 },
      { first: 19, last: 25 },
    ]);
    expect(DEVELOPMENT_STEP.admission_approval).toBe(17);
    expect(stepDef(DEVELOPMENT_STEP.sponsors_assigned).people).toBe('sponsors');
  });
});
