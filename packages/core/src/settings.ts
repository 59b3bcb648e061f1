/**
 * Unit settings: what a unit (hospital) may decide for itself within the regulations, each
 * section with its schema and its default beside the rule it tunes. The server keeps them in
 * one store (one row per unit and section, versioned and audited), validates a value when it
 * is saved and refuses an invalid one — a stored value is never silently replaced by a default.
 */
import { z } from 'zod';
import { DEFAULT_DUES_PAYROLL_CHOICE, DUES_PAY_ITEMS, type DuesPayrollChoice } from './duesLedger.js';
import { DEFAULT_HONOURS_SETTINGS, honoursSettingsSchema } from './honours.js';
import { DEFAULT_DECISIONS_SETTINGS, decisionsSettingsSchema } from './decisions.js';
import { DEFAULT_ORGLIFE_SETTINGS, orglifeSettingsSchema } from './orglife.js';
import { DUES_BASE_DEDUCTIONS } from './rules.js';
import { ruleSettingsOverridesSchema } from './ruleSettings.js';
import { DEFAULT_SERVICE_SETTINGS, serviceSettingsSchema } from './service.js';
import { DEFAULT_PROJECTS_SETTINGS, projectsSettingsSchema } from './projects.js';
import { DEFAULT_STRENGTHS_SETTINGS, strengthsSettingsSchema } from './strengths.js';
import { DEFAULT_VENUES_SETTINGS, venuesSettingsSchema } from './venues.js';
import { DEFAULT_LEARNING_SETTINGS, learningSettingsSchema } from './learning.js';
import { DEFAULT_CONTACTS_SETTINGS, contactsSettingsSchema } from './contacts.js';
import { DEFAULT_FUNDS_SETTINGS, fundsSettingsSchema } from './funds.js';
import { DEFAULT_ASSESSMENT_SETTINGS, assessmentSettingsSchema } from './assessment.js';
import { DEFAULT_DASHBOARD_SETTINGS, dashboardSettingsSchema } from './dashboard.js';

// ---------------------------------------------------------------------------------------
// 双带头人 criteria and the letterhead of the 党委 (组织关系介绍信)

/** 双带头人 (公立医院党建意见 2018: secretaries who are also professional or academic leaders): any one criterion is enough. */
export const dualLeaderSchema = z.strictObject({
  /** 副高 or above */
  seniorTitle: z.boolean(),
  /** 职务 counted as department head or deputy */
  headPosts: z.array(z.string().trim().min(1).max(30)).max(50),
  /** 学科带头人 */
  academicLeader: z.boolean(),
});
export type DualLeaderCriteria = z.infer<typeof dualLeaderSchema>;

export const DEFAULT_DUAL_LEADER: DualLeaderCriteria = {
  seniorTitle: true,
  headPosts: ['科主任', '科副主任', '教研室主任', '教研室副主任', '护士长', '副护士长', '药学部主任', '主任', '副主任'],
  academicLeader: true,
};

/** How long a 组织关系介绍信 is valid, in days (formats.md: commonly 30; a letter states its own). */
export const LETTER_VALID_DAYS = { default: 30, min: 1, max: 180 } as const;

export const letterheadSchema = z.strictObject({
  committeeName: z.string().trim().max(100),
  address: z.string().trim().max(200),
  phone: z.string().trim().max(30),
  fax: z.string().trim().max(30),
  postcode: z.string().trim().regex(/^\d{0,6}$/),
  validDays: z.number().int().min(LETTER_VALID_DAYS.min).max(LETTER_VALID_DAYS.max),
});
export type Letterhead = z.infer<typeof letterheadSchema>;

export const DEFAULT_LETTERHEAD: Letterhead = { committeeName: '', address: '', phone: '', fax: '', postcode: '', validDays: LETTER_VALID_DAYS.default };

// ---------------------------------------------------------------------------------------
// Dues payroll choice (党费规定 2008: the base is the regular part of pay after income tax)

export const duesPayrollChoiceSchema = z.strictObject({
  items: z.array(z.enum(DUES_PAY_ITEMS)).min(1).max(DUES_PAY_ITEMS.length),
  deductions: z
    .array(z.enum(DUES_BASE_DEDUCTIONS))
    .max(DUES_BASE_DEDUCTIONS.length)
    .refine((list) => list.includes('income_tax'), { message: 'income_tax is always deducted (党费规定: 税后)' })
    .refine((list) => new Set(list).size === list.length, { message: 'duplicate deduction' }),
}) satisfies z.ZodType<DuesPayrollChoice>;

// ---------------------------------------------------------------------------------------
// The sections

export const UNIT_SETTINGS = {
  /**
   * The rules a unit tunes within the regulations (terms, meeting frequencies, the secretary's
   * 党课, the 主题党日 day, the 公示 length) and how reminders and forms use them (due-soon
   * days, front-line scene tags). One section because the organisational-life settings page
   * and the development settings save them under one version.
   */
  rules: {
    schema: z.strictObject({ overrides: ruleSettingsOverridesSchema, ...orglifeSettingsSchema.shape }),
    defaults: { overrides: {}, ...DEFAULT_ORGLIFE_SETTINGS },
  },
  /** Which payroll items make the dues base and which deductions apply (the tax always). */
  duesPayroll: { schema: duesPayrollChoiceSchema, defaults: DEFAULT_DUES_PAYROLL_CHOICE },
  /** 双带头人 criteria and the letterhead printed on transfer letters. */
  orgs: {
    schema: z.strictObject({ dualLeader: dualLeaderSchema, letterhead: letterheadSchema }),
    defaults: { dualLeader: DEFAULT_DUAL_LEADER, letterhead: DEFAULT_LETTERHEAD },
  },
  /** Service events: the kinds, place types (五进) and regions offered (core service.ts). */
  service: { schema: serviceSettingsSchema, defaults: DEFAULT_SERVICE_SETTINGS },
  /** Honours: the levels (top down, the ladder's order) and types offered (core honours.ts). */
  honours: { schema: honoursSettingsSchema, defaults: DEFAULT_HONOURS_SETTINGS },
  /** Front-line projects: the problem areas offered (core projects.ts). */
  projects: { schema: projectsSettingsSchema, defaults: DEFAULT_PROJECTS_SETTINGS },
  /** Decisions: the 大额资金 threshold (分), the pre-review checklist, 前置研究 and 党委会-only categories (core decisions.ts). */
  decisions: { schema: decisionsSettingsSchema, defaults: DEFAULT_DECISIONS_SETTINGS },
  /** 七个有力: which records evidence each item and how many a year; whether secretaries see branches side by side (core strengths.ts). */
  strengths: { schema: strengthsSettingsSchema, defaults: DEFAULT_STRENGTHS_SETTINGS },
  /** Venues (活动阵地): the unit's 六有 standard, the items each venue is checked against (core venues.ts). */
  venues: { schema: venuesSettingsSchema, defaults: DEFAULT_VENUES_SETTINGS },
  /** Learning: the kinds of material offered (core learning.ts); nothing about points or time, by design. */
  learning: { schema: learningSettingsSchema, defaults: DEFAULT_LEARNING_SETTINGS },
  /** Contact points and co-building: agreement kinds (院内结对, 院外共建, 师生结对…), visit purposes, the default days to a follow-up's due date (core contacts.ts). */
  contacts: { schema: contactsSettingsSchema, defaults: DEFAULT_CONTACTS_SETTINGS },
  /** Party-work funds (党建经费): the budget categories and the 三优先 targets in days (core funds.ts). */
  funds: { schema: fundsSettingsSchema, defaults: DEFAULT_FUNDS_SETTINGS },
  /** The yearly assessment: the total scores from which 好, 较好 and 一般 are suggested (core assessment.ts). */
  assessment: { schema: assessmentSettingsSchema, defaults: DEFAULT_ASSESSMENT_SETTINGS },
  /** The overviews: whether the 党委's view shows branches side by side, off by default (core dashboard.ts). */
  dashboard: { schema: dashboardSettingsSchema, defaults: DEFAULT_DASHBOARD_SETTINGS },
} as const;

export type UnitSettingsSection = keyof typeof UNIT_SETTINGS;
export const UNIT_SETTINGS_SECTIONS = Object.keys(UNIT_SETTINGS) as UnitSettingsSection[];
export type UnitSettings<S extends UnitSettingsSection> = z.infer<(typeof UNIT_SETTINGS)[S]['schema']>;
