/** Request and answer shapes of the decisions routes. */
import { DECISION_BODY_KINDS, DECISION_RESULTS, TASK_STATES, TOPIC_CATEGORIES, TOPIC_STAGES } from '@hongyi/core';
import { z } from 'zod';
import { id, int4, version } from '../../lib/fields.js';
import { uploadOut } from '../../lib/uploads.js';
import { dateString } from '../service/schemas.js';

const text = (max: number) => z.string().trim().max(max).default('');
const count = int4().min(0).max(1000);
const cents = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const bodyMemberInput = z.object({
  id: id().nullable().optional(),
  userId: id().nullable().default(null),
  name: z.string().trim().min(1).max(50),
  title: text(50),
  isChair: z.boolean().default(false),
});

export const bodyInput = z.object({
  kind: z.enum(DECISION_BODY_KINDS),
  name: z.string().trim().min(1).max(100),
  members: z.array(bodyMemberInput).min(1).max(40),
});

export const bodyOut = z.object({
  id: z.number(),
  kind: z.enum(DECISION_BODY_KINDS),
  name: z.string(),
  version: z.number(),
  canWrite: z.boolean(),
  members: z.array(z.object({ id: z.number(), seq: z.number(), userId: z.number().nullable(), name: z.string(), title: z.string(), isChair: z.boolean() })),
});

export const topicInput = z.object({
  bodyId: id(),
  title: z.string().trim().min(1).max(200),
  summary: text(4000),
  proposer: text(100),
  departmentId: id().nullable().default(null),
  category: z.enum(TOPIC_CATEGORIES),
  amountCents: cents.nullable().default(null),
  campus: text(50),
  studiedByTopicId: id().nullable().default(null),
});

export const prereviewItemOut = z.object({ item: z.string(), done: z.boolean(), note: z.string() });

export const topicOut = z.object({
  id: z.number(),
  bodyId: z.number(),
  bodyKind: z.enum(DECISION_BODY_KINDS),
  bodyName: z.string(),
  title: z.string(),
  summary: z.string(),
  proposer: z.string(),
  departmentId: z.number().nullable(),
  departmentName: z.string().nullable(),
  category: z.enum(TOPIC_CATEGORIES),
  amountCents: z.number().nullable(),
  campus: z.string(),
  stage: z.enum(TOPIC_STAGES),
  prereview: z.array(prereviewItemOut),
  studiedByTopicId: z.number().nullable(),
  version: z.number(),
  createdAt: z.string(),
  /** The category the rules treat it as (a general topic of a large amount is 大额资金使用). */
  effectiveCategory: z.enum(TOPIC_CATEGORIES),
  sanzhongYida: z.boolean(),
});

export const prereviewInput = z.object({
  version: version(),
  items: z.array(z.object({ item: z.string().trim().min(1).max(30), done: z.boolean(), note: text(500) })).max(20),
});

export const hearingOut = z.object({ meetingId: z.number(), heldOn: z.string(), bodyKind: z.enum(DECISION_BODY_KINDS), bodyName: z.string(), result: z.enum(DECISION_RESULTS).nullable(), decision: z.string() });

export const taskOut = z.object({
  id: z.number(),
  topicId: z.number(),
  topicTitle: z.string(),
  bodyKind: z.enum(DECISION_BODY_KINDS),
  title: z.string(),
  department: z.string(),
  ownerUserId: z.number().nullable(),
  ownerName: z.string(),
  deadline: z.string(),
  campus: z.string(),
  status: z.enum(['open', 'closed']),
  closedOn: z.string().nullable(),
  version: z.number(),
  state: z.enum(TASK_STATES),
  daysLate: z.number(),
});

export const feedbackOut = z.object({ id: z.number(), taskId: z.number(), reportedOn: z.string(), progress: z.string(), completes: z.boolean(), createdByName: z.string(), files: z.array(uploadOut) });

export const evaluationInput = z.object({
  version: version().or(z.literal(0)),
  evaluatedOn: dateString,
  effect: z.string().trim().min(1).max(2000),
  problems: text(2000),
  ruleChangeNeeded: z.boolean().default(false),
  revisedRuleTitle: text(200),
  revisedRuleOn: dateString.nullable().default(null),
});

export const evaluationOut = z.object({
  topicId: z.number(),
  evaluatedOn: z.string(),
  effect: z.string(),
  problems: z.string(),
  ruleChangeNeeded: z.boolean(),
  revisedRuleTitle: z.string(),
  revisedRuleOn: z.string().nullable(),
  version: z.number(),
});

export const topicDetailOut = topicOut.extend({
  files: z.array(uploadOut),
  prereviewMissing: z.array(z.string()),
  routing: z.object({
    /** The rule that keeps it off the body's agenda, or null. */
    refusal: z.enum(['DECISIONS_ROUTING_STUDY_FIRST', 'DECISIONS_ROUTING_COMMITTEE_DECIDES']).nullable(),
    message: z.string().nullable(),
    studiedBy: z.object({ id: z.number(), title: z.string(), passed: z.boolean() }).nullable(),
  }),
  hearings: z.array(hearingOut),
  tasks: z.array(taskOut.extend({ feedback: z.array(feedbackOut) })),
  evaluation: evaluationOut.nullable(),
  canWrite: z.boolean(),
});

export const meetingInput = z.object({
  bodyId: id(),
  heldOn: dateString,
  number: text(50),
  firstTopic: text(2000),
  note: text(2000),
});

export const meetingOut = z.object({
  id: z.number(),
  bodyId: z.number(),
  bodyKind: z.enum(DECISION_BODY_KINDS),
  bodyName: z.string(),
  heldOn: z.string(),
  number: z.string(),
  firstTopic: z.string(),
  note: z.string(),
  version: z.number(),
  topics: z.number(),
});

export const attendanceInput = z.object({
  version: version(),
  members: z.array(z.object({ bodyMemberId: id(), present: z.boolean(), leaveReason: text(200) })).max(40),
});

export const decisionInput = z.object({
  version: version(),
  recused: z.array(id()).max(40).default([]),
  discussion: text(4000),
  decision: text(4000),
  votes: z.object({ for: count, against: count, abstain: count }).nullable().default(null),
  views: text(4000),
  result: z.enum(DECISION_RESULTS),
});

export const agendaOut = z.object({
  id: z.number(),
  topicId: z.number(),
  topicTitle: z.string(),
  category: z.enum(TOPIC_CATEGORIES),
  amountCents: z.number().nullable(),
  seq: z.number(),
  recused: z.array(z.number()),
  discussion: z.string(),
  decision: z.string(),
  votesFor: z.number().nullable(),
  votesAgainst: z.number().nullable(),
  votesAbstain: z.number().nullable(),
  views: z.string(),
  result: z.enum(DECISION_RESULTS).nullable(),
  version: z.number(),
  /** Members present and not recused; the quorum that applies. */
  presentForTopic: z.number(),
  required: z.number(),
  quorumRule: z.enum(['half', 'two_thirds']),
});

export const meetingDetailOut = meetingOut.extend({
  members: bodyOut.shape.members,
  attendance: z.array(z.object({ bodyMemberId: z.number(), present: z.boolean(), leaveReason: z.string() })),
  agenda: z.array(agendaOut),
  canWrite: z.boolean(),
});

export const taskInput = z.object({
  title: z.string().trim().min(1).max(200),
  department: text(100),
  ownerUserId: id().nullable().default(null),
  ownerName: text(50),
  deadline: dateString,
  campus: text(50),
});

export const feedbackInput = z.object({
  reportedOn: dateString.optional(),
  progress: z.string().trim().min(1).max(2000),
  completes: z.boolean().default(false),
});

const rateRow = z.object({ key: z.string(), tasks: z.number(), overdue: z.number(), closedOnTime: z.number(), closedLate: z.number(), onTimeRate: z.number().nullable() });

export const dashboardOut = z.object({
  year: z.number().nullable(),
  topics: z.number(),
  byCategory: z.array(z.object({ category: z.enum(TOPIC_CATEGORIES), total: z.number(), stages: z.record(z.string(), z.number()) })),
  prereview: z.object({ topics: z.number(), complete: z.number() }),
  /** 三重一大 topics decided at the 院长办公会 and how many the 党委会 studied first. */
  committeeFirst: z.object({ topics: z.number(), compliant: z.number() }),
  tasks: z.object({ total: z.number(), open: z.number(), dueSoon: z.number(), overdue: z.number(), closedOnTime: z.number(), closedLate: z.number(), onTimeRate: z.number().nullable() }),
  overdue: z.array(taskOut),
  byCampus: z.array(rateRow),
  byDepartment: z.array(rateRow),
});
