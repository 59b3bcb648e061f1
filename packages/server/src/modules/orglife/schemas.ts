import { ATTENDANCE_STATUSES, COMPLIANCE_RULES, COMPLIANCE_STATES, MEETING_KINDS, MONTH_ATTENDANCE, type MeetingKind, RESOLUTION_KINDS, REVIEW_GRADES, type ReviewGrade, isValidDate } from '@hongyi/core';
import { z } from 'zod';
import { int4 } from '../../lib/fields.js';
import { uploadOut } from '../../lib/uploads.js';

export const dateString = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine(isValidDate, { message: 'not a real date (YYYY-MM-DD)' });
const time = z.union([z.literal(''), z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/)]);
const text = (max: number) => z.string().trim().max(max).default('');

export const recordInput = z.object({
  orgId: z.number().int().positive(),
  partyGroupId: z.number().int().positive().nullable().optional(),
  kinds: z.array(z.enum(MEETING_KINDS)).min(1).max(4),
  heldOn: dateString,
  startTime: time.default(''),
  endTime: time.default(''),
  place: text(100),
  sceneTag: text(20),
  hostName: text(50),
  recorderName: text(50),
  topics: z.array(z.string().trim().min(1).max(200)).max(20).default([]),
  minutes: z.string().max(50_000).default(''),
  speakerName: text(50),
  speakerIsSecretary: z.boolean().default(false),
  lectureTitle: text(200),
  studyContent: text(2000),
  /** Yearly-plan items this meeting completes: the org's own, one per kind of the meeting, not done by another record. */
  planItemIds: z.array(z.number().int().positive()).max(4).default([]),
  attendance: z
    .array(z.object({ memberId: z.number().int().positive(), status: z.enum(ATTENDANCE_STATUSES), reason: text(200), viaQr: z.boolean().optional() }))
    .max(3000)
    .default([]),
  resolutions: z
    .array(
      z.object({
        title: z.string().trim().min(1).max(200),
        kind: z.enum(RESOLUTION_KINDS).default('ordinary'),
        votesFor: int4().min(0),
        votesAgainst: int4().min(0).default(0),
        votesAbstain: int4().min(0).default(0),
      }),
    )
    .max(30)
    .default([]),
  reviews: z.array(z.object({ memberId: z.number().int().positive(), grade: z.enum(REVIEW_GRADES) })).max(3000).default([]),
});
export type RecordInput = z.infer<typeof recordInput>;

export const recordOut = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  orgPath: z.string(),
  partyGroupId: z.number().nullable(),
  partyGroupName: z.string().nullable(),
  kinds: z.array(z.enum(MEETING_KINDS)),
  heldOn: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  place: z.string(),
  sceneTag: z.string(),
  hostName: z.string(),
  recorderName: z.string(),
  topics: z.array(z.string()),
  minutes: z.string(),
  speakerName: z.string(),
  speakerIsSecretary: z.boolean(),
  lectureTitle: z.string(),
  studyContent: z.string(),
  planItems: z.array(z.object({ id: z.number(), kind: z.enum(MEETING_KINDS), plannedOn: z.string(), title: z.string() })),
  expectedCount: z.number(),
  presentCount: z.number(),
  excusedCount: z.number(),
  absentCount: z.number(),
  version: z.number(),
  attendance: z.array(
    z.object({
      memberId: z.number(),
      name: z.string(),
      namePinyin: z.string(),
      nameInitials: z.string(),
      partyGroupId: z.number().nullable(),
      category: z.string(),
      status: z.enum(ATTENDANCE_STATUSES),
      reason: z.string(),
      viaQr: z.boolean(),
      voting: z.boolean(),
    }),
  ),
  resolutions: z.array(
    z.object({
      seq: z.number(),
      title: z.string(),
      kind: z.enum(RESOLUTION_KINDS),
      votingMembers: z.number(),
      present: z.number(),
      votesFor: z.number(),
      votesAgainst: z.number(),
      votesAbstain: z.number(),
      passed: z.boolean(),
    }),
  ),
  reviews: z.array(z.object({ memberId: z.number(), name: z.string(), grade: z.enum(REVIEW_GRADES) })),
  /** Optional evidence; withdrawn ones stay listed with their reason. */
  attachments: z.array(uploadOut),
});

export const recordListItem = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  partyGroupName: z.string().nullable(),
  kinds: z.array(z.enum(MEETING_KINDS)),
  heldOn: z.string(),
  place: z.string(),
  sceneTag: z.string(),
  hostName: z.string(),
  topic: z.string(),
  expectedCount: z.number(),
  presentCount: z.number(),
  excusedCount: z.number(),
  absentCount: z.number(),
  complete: z.boolean(),
});

export const recordFilters = z.object({
  orgId: z.coerce.number().int().positive().optional(),
  kind: z.enum(MEETING_KINDS).optional(),
  from: dateString.optional(),
  to: dateString.optional(),
  q: z.string().trim().max(50).optional(),
});
export type RecordFilters = z.infer<typeof recordFilters>;

export const cellOut = z.object({
  rule: z.enum(COMPLIANCE_RULES),
  period: z.string(),
  state: z.enum(COMPLIANCE_STATES),
  reason: z.string(),
  recordIds: z.array(z.number()),
  dueOn: z.string(),
});

export const KIND_NAMES: Record<MeetingKind | 'secretary_lecture', { zh: string; en: string }> = {
  branch_general_meeting: { zh: '支部党员大会', en: 'Branch general meeting' },
  branch_committee_meeting: { zh: '支部委员会会议', en: 'Branch committee meeting' },
  party_group_meeting: { zh: '党小组会', en: 'Party group meeting' },
  party_lecture: { zh: '党课', en: 'Party lecture' },
  theme_party_day: { zh: '主题党日', en: 'Theme Party Day' },
  organisational_life_meeting: { zh: '组织生活会', en: 'Organisational life meeting' },
  democratic_review: { zh: '民主评议党员', en: 'Democratic review of members' },
  heart_to_heart_talk: { zh: '谈心谈话', en: 'Heart-to-heart talk' },
  first_topic_study: { zh: '第一议题', en: 'First-topic study' },
  committee_study_session: { zh: '党委理论学习中心组学习', en: 'Committee study session' },
  secretary_lecture: { zh: '书记讲党课', en: 'Secretary’s Party lecture' },
};

export const GRADE_NAMES: Record<ReviewGrade, { zh: string; en: string }> = {
  excellent: { zh: '优秀', en: 'Excellent' },
  qualified: { zh: '合格', en: 'Qualified' },
  basically_qualified: { zh: '基本合格', en: 'Basically qualified' },
  unqualified: { zh: '不合格', en: 'Unqualified' },
};

export const STATE_NAMES: Record<(typeof COMPLIANCE_STATES)[number], { zh: string; en: string }> = {
  met: { zh: '已完成', en: 'Met' },
  due_soon: { zh: '即将到期', en: 'Due soon' },
  pending: { zh: '待开展', en: 'Pending' },
  missed: { zh: '未完成', en: 'Missed' },
  not_applicable: { zh: '不适用', en: 'Not applicable' },
};

export function kindLabel(kind: MeetingKind | 'secretary_lecture', zh: boolean): string {
  return zh ? KIND_NAMES[kind].zh : KIND_NAMES[kind].en;
}

export const yearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });
export const orgParam = z.object({ orgId: z.coerce.number().int().positive() });
export const lapseLevelSchema = z.enum(['none', 'remind', 'warn', 'report']);

/** A member's organisational life over the last months, leave kept apart from attendance (core memberAttendance). */
export const attendanceRunOut = z.object({
  /** 党章 第九条 run: full months neither attended nor excused. */
  months: z.number(),
  level: lapseLevelSchema,
  /** Last month with organisational life (attended or excused). */
  lastMonth: z.string().nullable(),
  lastAttendedMonth: z.string().nullable(),
  /** Full months not attended (excused or not) up to last month, and how many of them were excused. */
  monthsNotAttended: z.number(),
  excusedMonths: z.number(),
  /** The six full months before this month, oldest first. */
  recent: z.array(z.object({ month: z.string(), state: z.enum(MONTH_ATTENDANCE) })),
});
