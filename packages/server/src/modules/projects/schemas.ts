/** Request and answer shapes of the front-line project routes (zod: validation and the OpenAPI document). */
import { OUTCOME_DIRECTIONS, PROJECT_CONCLUSIONS, PROJECT_LIMITS, PROJECT_STAGES, PROJECT_TASK_STATUSES, PROJECT_TASK_STATES, projectsSettingsSchema } from '@hongyi/core';
import { z } from 'zod';
import { id, version } from '../../lib/fields.js';
import { uploadOut } from '../../lib/uploads.js';
import { dateString } from '../service/schemas.js';

const text = (max: number) => z.string().trim().max(max).default('');
const figure = z.number().min(-PROJECT_LIMITS.figure).max(PROJECT_LIMITS.figure).multipleOf(0.01).nullable().default(null);

export const outcomeInput = z.object({
  indicator: z.string().trim().min(1).max(100),
  unit: text(20),
  target: figure,
  actual: figure,
  better: z.enum(OUTCOME_DIRECTIONS).default('higher'),
});

export const taskPlanInput = z.object({ title: z.string().trim().min(1).max(200), ownerMemberId: id(), dueOn: dateString });

export const projectInput = z.object({
  title: z.string().trim().min(1).max(200),
  area: z.string().trim().min(1).max(30),
  goal: text(4000),
  startedOn: dateString,
  endsOn: dateString,
  leadMemberId: id(),
});

export const newProjectInput = projectInput.extend({
  orgId: id(),
  tasks: z.array(taskPlanInput).max(PROJECT_LIMITS.tasks).default([]),
  outcomes: z.array(outcomeInput).max(PROJECT_LIMITS.outcomes).default([]),
});

export const taskInput = taskPlanInput.extend({
  status: z.enum(PROJECT_TASK_STATUSES).default('open'),
  doneOn: dateString.nullable().default(null),
  result: text(2000),
});

export const reviewInput = z.object({
  version: version(),
  stage: z.enum(['approved', 'rejected', 'midterm', 'accepted']),
  on: dateString,
  note: text(2000),
  conclusion: z.enum(PROJECT_CONCLUSIONS).nullable().optional(),
});

export const withdrawInput = z.object({ version: version(), on: dateString, note: z.string().trim().min(1).max(500) });

export const listQuery = z.object({
  year: z.coerce.number().int().min(1950).max(2100).optional(),
  orgId: z.coerce.number().int().positive().optional(),
  stage: z.enum(PROJECT_STAGES).optional(),
  area: z.string().trim().max(30).optional(),
});

export const projectOut = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  title: z.string(),
  area: z.string(),
  goal: z.string(),
  startedOn: z.string(),
  endsOn: z.string(),
  leadMemberId: z.number(),
  leadName: z.string(),
  stage: z.enum(PROJECT_STAGES),
  approvedOn: z.string().nullable(),
  approvalNote: z.string(),
  midtermOn: z.string().nullable(),
  midtermNote: z.string(),
  acceptedOn: z.string().nullable(),
  conclusion: z.enum(PROJECT_CONCLUSIONS).nullable(),
  acceptanceNote: z.string(),
  closedOn: z.string().nullable(),
  closedNote: z.string(),
  version: z.number(),
});

export const progressOut = z.object({ done: z.number(), total: z.number(), overdue: z.number(), percent: z.number() });

export const listItemOut = projectOut.extend({
  progress: progressOut,
  outcomes: z.number(),
  outcomesReached: z.number(),
  overdueTasks: z.array(z.object({ id: z.number(), title: z.string(), ownerName: z.string(), dueOn: z.string() })),
});

export const taskOut = z.object({
  id: z.number(),
  title: z.string(),
  ownerMemberId: z.number(),
  ownerName: z.string(),
  dueOn: z.string(),
  status: z.enum(PROJECT_TASK_STATUSES),
  doneOn: z.string().nullable(),
  result: z.string(),
  version: z.number(),
  state: z.enum(PROJECT_TASK_STATES),
  overdue: z.boolean(),
});

export const detailOut = projectOut.extend({
  tasks: z.array(taskOut),
  outcomes: z.array(z.object({ indicator: z.string(), unit: z.string(), target: z.number().nullable(), actual: z.number().nullable(), better: z.enum(OUTCOME_DIRECTIONS), reached: z.boolean().nullable() })),
  progress: progressOut,
  evidence: z.array(uploadOut),
  canEdit: z.boolean(),
  canReview: z.boolean(),
  next: z.array(z.enum(PROJECT_STAGES)),
});

export const settingsOut = projectsSettingsSchema.extend({ version: z.number() });
