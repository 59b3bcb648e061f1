/**
 * The daily reminder digest (rules.md, burden reduction): what each kind of item carries, and the
 * numbers of the rule. An item is pushed only when something is about to be missed or was just
 * missed; at most one digest per org and day; people can mute them. Each server module
 * contributes its kind (server lib/digest.ts); the web shows them (pages/orglife/Reminders.tsx).
 */
import { z } from 'zod';
import { DEVELOPMENT_DUE_KINDS } from './development.js';
import { COMPLIANCE_RULES } from './orglife.js';
import { LAPSE_RULES, TERM_RULES } from './rules.js';

export const DIGEST_RULES = {
  /** Product rule (rules.md, burden reduction): digests stay in-app this many days, and e-mails queued for want of a mail server are still sent this late. */
  recentDigestDays: 14,
  /** Product rule: an item missed in the last 30 days is "just missed" and reported once more each day; older ones are on the pages (matrix, orgs, due list). */
  recentlyMissedDays: 30,
  /** Product rule: a development deadline is "about to be missed" two weeks ahead (the due list's own window is wider, 30 days). */
  developmentDueSoonDays: 14,
  /**
   * A term is "about to expire" from the last reminder before it (TERM_RULES.remindMonthsBefore:
   * 3 months, the yellow warning of the orgs page); the 6-month notice stays on the page.
   */
  termDueSoonMonths: TERM_RULES.remindMonthsBefore[TERM_RULES.remindMonthsBefore.length - 1]!,
  /**
   * Dues arrears are pushed from the first lapse level (党章 第九条 as LAPSE_RULES: remind at 3
   * months) up to the month they reach the report level (6): after that the member is on the
   * arrears list and the 党委 deals with it, the daily digest does not repeat it.
   */
  duesArrearsFromMonths: LAPSE_RULES.remindAtMonths,
  duesArrearsUntilMonths: LAPSE_RULES.reportAtMonths,
} as const;

/** A meeting rule of an org due soon or just missed. */
export const orglifeDigestItemSchema = z.object({
  type: z.literal('orglife'),
  orgId: z.number(),
  orgName: z.string(),
  rule: z.enum(COMPLIANCE_RULES),
  period: z.string(),
  state: z.enum(['due_soon', 'missed']),
  dueOn: z.string(),
});

/** A transfer out whose 回执 has not come back within a month; orgId/orgName are the member's former branch. */
export const receiptDigestItemSchema = z.object({
  type: z.literal('transfer_receipt'),
  orgId: z.number(),
  orgName: z.string(),
  transferId: z.number(),
  memberName: z.string(),
  letterNo: z.string(),
  toOrgName: z.string(),
  effectiveOn: z.string(),
  dueOn: z.string(),
});

/** The term of a 党委 / 总支 / 支部 committee about to expire or just expired (换届). */
export const termDigestItemSchema = z.object({
  type: z.literal('org_term'),
  orgId: z.number(),
  orgName: z.string(),
  termExpiresOn: z.string(),
  /** The day the election is due: the expiry, or the approved delay. */
  deadline: z.string(),
  state: z.enum(['due_soon', 'overdue']),
});

/** A development step due soon or just overdue (talk, review, notice, approval limits, probation). */
export const developmentDigestItemSchema = z.object({
  type: z.literal('development_due'),
  orgId: z.number(),
  orgName: z.string(),
  fileId: z.number(),
  name: z.string(),
  kind: z.enum(DEVELOPMENT_DUE_KINDS),
  date: z.string(),
  state: z.enum(['due_soon', 'overdue']),
});

/** A member whose dues have been unpaid for consecutive months, between the first lapse level and the report level. */
export const duesDigestItemSchema = z.object({
  type: z.literal('dues_arrears'),
  orgId: z.number(),
  orgName: z.string(),
  memberId: z.number(),
  memberName: z.string(),
  months: z.number(),
  level: z.enum(['remind', 'warn', 'report']),
  paidThrough: z.string().nullable(),
});

/** A task of a running front-line project (一线项目) still open past its due date; orgId is the project's branch. */
export const projectTaskDigestItemSchema = z.object({
  type: z.literal('project_task_overdue'),
  orgId: z.number(),
  orgName: z.string(),
  projectId: z.number(),
  projectTitle: z.string(),
  taskId: z.number(),
  taskTitle: z.string(),
  ownerMemberId: z.number(),
  /** The owner's account, when the member has one: the task reaches them in person too (absent in digests stored before). */
  ownerUserId: z.number().nullable().optional(),
  ownerName: z.string(),
  dueOn: z.string(),
});

/**
 * A decision task (督办, issue 13) due within 7 days or overdue (up to recentlyMissedDays late; older
 * ones are on the supervision list). It goes to the 党委 at the root (the offices read its digest).
 */
export const decisionTaskDigestItemSchema = z.object({
  type: z.literal('decision_task'),
  orgId: z.number(),
  orgName: z.string(),
  taskId: z.number(),
  topicId: z.number(),
  topicTitle: z.string(),
  title: z.string(),
  department: z.string(),
  /** The 承办人's account, when the task has one: the task reaches them in person too (absent in digests stored before). */
  ownerUserId: z.number().nullable().optional(),
  ownerName: z.string(),
  deadline: z.string(),
  state: z.enum(['due_soon', 'overdue']),
});

/**
 * A follow-up (整改/督办事项) of a leader's visit to a contact point, due within 7 days or overdue
 * (up to recentlyMissedDays late). orgId is the visited branch; it goes to the 党委 at the root
 * (the organisation office supervises follow-ups) and to its owner in person.
 */
export const contactFollowUpDigestItemSchema = z.object({
  type: z.literal('contact_followup'),
  orgId: z.number(),
  orgName: z.string(),
  followUpId: z.number(),
  visitId: z.number(),
  visitedOn: z.string(),
  leaderName: z.string(),
  text: z.string(),
  ownerUserId: z.number(),
  ownerName: z.string(),
  dueOn: z.string(),
  state: z.enum(['due_soon', 'overdue']),
});

/** Every kind of digest item but organisational life's (which the in-app view extends with its rule's and state's names). */
export const otherDigestItemSchemas = [
  receiptDigestItemSchema,
  termDigestItemSchema,
  developmentDigestItemSchema,
  duesDigestItemSchema,
  projectTaskDigestItemSchema,
  decisionTaskDigestItemSchema,
  contactFollowUpDigestItemSchema,
] as const;

export const digestItemSchema = z.discriminatedUnion('type', [orglifeDigestItemSchema, ...otherDigestItemSchemas]);

export type OrglifeDigestItem = z.infer<typeof orglifeDigestItemSchema>;
export type ReceiptDigestItem = z.infer<typeof receiptDigestItemSchema>;
export type TermDigestItem = z.infer<typeof termDigestItemSchema>;
export type DevelopmentDigestItem = z.infer<typeof developmentDigestItemSchema>;
export type DuesDigestItem = z.infer<typeof duesDigestItemSchema>;
export type ProjectTaskDigestItem = z.infer<typeof projectTaskDigestItemSchema>;
export type DecisionTaskDigestItem = z.infer<typeof decisionTaskDigestItemSchema>;
export type ContactFollowUpDigestItem = z.infer<typeof contactFollowUpDigestItemSchema>;
export type DigestItem = z.infer<typeof digestItemSchema>;
export type DigestItemType = DigestItem['type'];
export const DIGEST_ITEM_TYPES = ['orglife', 'transfer_receipt', 'org_term', 'development_due', 'dues_arrears', 'project_task_overdue', 'decision_task', 'contact_followup'] as const satisfies readonly DigestItemType[];
