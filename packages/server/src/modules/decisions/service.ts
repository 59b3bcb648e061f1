/**
 * Decisions under PDCA: bodies and topics (plan), the unit's decisions settings, and the checks
 * every part shares. Rules come from core decisions.ts. Decisions are unit-wide records read by
 * the roles with decisions.read (党办, 院办, 组织部, 纪检, 院领导, 管理员) and written per body:
 * 党办 the 党委会's, 院办 the 院长办公会's, both the 党政联席会议's (core BODY_WRITERS).
 */
import {
  DECISION_BODY_LABELS,
  type DecisionBodyKind,
  type DecisionsSettings,
  type Language,
  type PrereviewItem,
  TOPIC_CATEGORY_LABELS,
  type TopicCategory,
  type TopicStage,
  canWriteBody,
  effectiveCategory,
  isSanzhongYida,
  prereviewChecklist,
  prereviewMissing,
  routingRefusal,
} from '@hongyi/core';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Ctx } from '../../lib/context.js';
import { evidenceFiles } from '../../lib/evidence.js';
import { writeAudit } from '../../plugins/audit.js';
import { AppError, conflict, fieldError, notFound } from '../../plugins/errors.js';
import { translate } from '../../plugins/i18n.js';
import { loadSettings, saveSettings } from '../settings/service.js';
import {
  type BodyRow,
  type MemberValues,
  type TopicRow,
  type TopicValues,
  departmentName,
  feedbackOf,
  findBody,
  findEvaluation,
  findTopic,
  hearingsOf,
  insertBody,
  insertTopic,
  listBodies,
  listTasks,
  listTopics,
  saveMembers,
  updateBody,
  updateTopic,
  usersExist,
} from './repository.js';
import { presentTask } from './service-tasks.js';

export type Db = Ctx['db'] | Transaction<DB>;


export const bodyLabel = (kind: DecisionBodyKind, language: Language) => DECISION_BODY_LABELS[kind][language];
export const categoryLabel = (category: TopicCategory, language: Language) => TOPIC_CATEGORY_LABELS[category][language];

const rolesOf = (ctx: Ctx) => ctx.grants.map((g) => g.role);

export function canWrite(ctx: Ctx, kind: DecisionBodyKind): boolean {
  return ctx.can('decisions.write') && canWriteBody(rolesOf(ctx), kind);
}

/** 403 naming the body kind when the caller's office does not run it. */
export function requireBodyWriter(ctx: Ctx, kind: DecisionBodyKind): void {
  if (!canWrite(ctx, kind)) throw new AppError(403, 'DECISIONS_BODY_FORBIDDEN', { body: bodyLabel(kind, ctx.language) });
}

export async function decisionsSettings(ctx: Ctx | { db: Db; tenantId: number }, db: Db = ctx.db): Promise<DecisionsSettings> {
  return (await loadSettings(db, ctx.tenantId, 'decisions')).value;
}

export async function readSettings(ctx: Ctx) {
  ctx.scope('decisions.read');
  return loadSettings(ctx.db, ctx.tenantId, 'decisions');
}

/** The 党委 sets the 三重一大 rules of the unit: 党办 saves them. */
export async function writeSettings(ctx: Ctx, value: DecisionsSettings, version: number) {
  if (!rolesOf(ctx).includes('party_office')) throw new AppError(403, 'DECISIONS_SETTINGS_PARTY_OFFICE');
  return ctx.db.transaction().execute((trx) => saveSettings(trx, ctx.auditor, 'decisions', value, version, { summary: '修改决策督办设置', language: ctx.language }));
}

// ---------------------------------------------------------------------------------------
// Bodies

export async function bodies(ctx: Ctx) {
  ctx.scope('decisions.read');
  return (await listBodies(ctx.db, ctx.tenantId)).map((b) => ({ ...b, canWrite: canWrite(ctx, b.kind) }));
}

export interface BodyInput {
  kind: DecisionBodyKind;
  name: string;
  members: MemberValues[];
}

async function checkMembers(ctx: Ctx, db: Db, input: BodyInput): Promise<void> {
  const chairs = input.members.filter((m) => m.isChair).length;
  if (chairs > 1) throw fieldError(ctx.language, 'body.members', 'DECISIONS_ONE_CHAIR');
  if (input.kind === 'president_office_meeting' && chairs === 0) throw fieldError(ctx.language, 'body.members', 'DECISIONS_PRESIDENT_REQUIRED');
  const userIds = input.members.map((m) => m.userId).filter((x): x is number => x !== null);
  const known = await usersExist(db, ctx.tenantId, userIds);
  input.members.forEach((m, i) => {
    if (m.userId !== null && !known.has(m.userId)) throw fieldError(ctx.language, `body.members[${i}].userId`, 'DECISIONS_USER_UNKNOWN', { id: m.userId });
  });
}

export async function createBody(ctx: Ctx, input: BodyInput): Promise<number> {
  requireBodyWriter(ctx, input.kind);
  return ctx.db.transaction().execute(async (trx) => {
    await checkMembers(ctx, trx, input);
    const id = await insertBody(trx, ctx.tenantId, input.kind, input.name);
    await saveMembers(trx, ctx.tenantId, id, input.members.map((m) => ({ ...m, id: null })));
    await writeAudit(trx, ctx.auditor, { action: 'create', entityType: 'decision_body', entityId: id, summary: `设立决策机构：${input.name}`, after: input });
    return id;
  });
}

export async function visibleBody(ctx: Ctx, db: Db, id: number, path = 'params.id'): Promise<BodyRow> {
  const body = await findBody(db, ctx.tenantId, id);
  if (!body) {
    if (path.startsWith('body.')) throw fieldError(ctx.language, path, 'DECISIONS_BODY_NOT_FOUND', { id });
    throw notFound('DECISIONS_BODY_NOT_FOUND', id);
  }
  return body;
}

export async function changeBody(ctx: Ctx, id: number, version: number, input: BodyInput): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await visibleBody(ctx, trx, id);
    requireBodyWriter(ctx, before.kind);
    if (input.kind !== before.kind) throw fieldError(ctx.language, 'body.kind', 'DECISIONS_BODY_KIND_FIXED');
    await checkMembers(ctx, trx, input);
    const foreign = input.members.find((m) => m.id && !before.members.some((b) => b.id === m.id));
    if (foreign) throw fieldError(ctx.language, 'body.members', 'DECISIONS_MEMBER_UNKNOWN', { id: foreign.id });
    if (!(await updateBody(trx, ctx.tenantId, id, version, input.name))) throw conflict();
    await saveMembers(trx, ctx.tenantId, id, input.members);
    await writeAudit(trx, ctx.auditor, { action: 'update', entityType: 'decision_body', entityId: id, summary: `修改决策机构：${input.name}`, before, after: input });
  });
}

// ---------------------------------------------------------------------------------------
// Topics

export function presentTopic(t: TopicRow, settings: DecisionsSettings) {
  const effective = effectiveCategory(t.category, t.amountCents, settings);
  return { ...t, effectiveCategory: effective, sanzhongYida: isSanzhongYida(effective) };
}

export async function visibleTopic(ctx: Ctx, db: Db, id: number, path = 'params.id'): Promise<TopicRow> {
  const topic = await findTopic(db, ctx.tenantId, id);
  if (!topic) {
    if (path.startsWith('body.')) throw fieldError(ctx.language, path, 'DECISIONS_TOPIC_NOT_FOUND', { id });
    throw notFound('DECISIONS_TOPIC_NOT_FOUND', id);
  }
  return topic;
}

export interface TopicInput {
  bodyId: number;
  title: string;
  summary: string;
  proposer: string;
  departmentId: number | null;
  category: TopicCategory;
  amountCents: number | null;
  campus: string;
  studiedByTopicId: number | null;
}

async function checkTopic(ctx: Ctx, db: Db, input: TopicInput, selfId: number | null): Promise<{ values: TopicValues; body: BodyRow }> {
  const body = await visibleBody(ctx, db, input.bodyId, 'body.bodyId');
  requireBodyWriter(ctx, body.kind);
  let proposer = input.proposer;
  if (input.departmentId !== null) {
    const name = await departmentName(db, ctx.tenantId, input.departmentId);
    if (name === undefined) throw fieldError(ctx.language, 'body.departmentId', 'DECISIONS_DEPARTMENT_UNKNOWN', { id: input.departmentId });
    if (!proposer) proposer = name;
  }
  if (!proposer) throw fieldError(ctx.language, 'body.proposer', 'DECISIONS_PROPOSER_REQUIRED');
  if (input.category === 'large_fund' && input.amountCents === null) throw fieldError(ctx.language, 'body.amountCents', 'DECISIONS_AMOUNT_REQUIRED');
  if (input.studiedByTopicId !== null) {
    if (input.studiedByTopicId === selfId) throw fieldError(ctx.language, 'body.studiedByTopicId', 'DECISIONS_STUDIED_BY_NOT_COMMITTEE');
    const studied = await visibleTopic(ctx, db, input.studiedByTopicId, 'body.studiedByTopicId');
    if (studied.bodyKind !== 'party_committee') throw fieldError(ctx.language, 'body.studiedByTopicId', 'DECISIONS_STUDIED_BY_NOT_COMMITTEE');
  }
  return {
    body,
    values: {
      body_id: body.id,
      title: input.title,
      summary: input.summary,
      proposer,
      department_id: input.departmentId,
      category: input.category,
      amount_cents: input.amountCents,
      campus: input.campus,
      studied_by_topic_id: input.studiedByTopicId,
    },
  };
}

export async function topicList(ctx: Ctx, filter: Parameters<typeof listTopics>[2], page: { page: number; pageSize: number }) {
  ctx.scope('decisions.read');
  const [settings, { items, total }] = await Promise.all([
    decisionsSettings(ctx),
    listTopics(ctx.db, ctx.tenantId, filter, { limit: page.pageSize, offset: (page.page - 1) * page.pageSize }),
  ]);
  return { items: items.map((t) => presentTopic(t, settings)), total };
}

export async function createTopic(ctx: Ctx, input: TopicInput): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const { values } = await checkTopic(ctx, trx, input, null);
    const settings = await decisionsSettings(ctx, trx);
    const id = await insertTopic(trx, ctx.tenantId, values, prereviewChecklist(settings), ctx.userId);
    await writeAudit(trx, ctx.auditor, { action: 'create', entityType: 'decision_topic', entityId: id, summary: `提交议题：${values.title}`, after: values });
    return id;
  });
}

export async function changeTopic(ctx: Ctx, id: number, version: number, input: TopicInput): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await visibleTopic(ctx, trx, id);
    requireBodyWriter(ctx, before.bodyKind);
    if (before.stage !== 'draft' && before.stage !== 'reviewed') throw new AppError(409, 'DECISIONS_TOPIC_LOCKED', { stage: before.stage });
    const { values } = await checkTopic(ctx, trx, input, id);
    if (!(await updateTopic(trx, ctx.tenantId, id, version, values))) throw conflict();
    await writeAudit(trx, ctx.auditor, { action: 'update', entityType: 'decision_topic', entityId: id, summary: `修改议题：${values.title}`, before, after: values });
  });
}

/** Saves the pre-review checklist; complete, the topic is reviewed (and may go on an agenda), incomplete again, back to draft. */
export async function savePrereview(ctx: Ctx, id: number, version: number, items: PrereviewItem[]) {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await visibleTopic(ctx, trx, id);
    requireBodyWriter(ctx, before.bodyKind);
    if (before.stage !== 'draft' && before.stage !== 'reviewed') throw new AppError(409, 'DECISIONS_TOPIC_LOCKED', { stage: before.stage });
    const next = before.prereview.map((p) => ({ ...p }));
    items.forEach((i, n) => {
      const row = next.find((p) => p.item === i.item);
      if (!row) throw fieldError(ctx.language, `body.items[${n}].item`, 'DECISIONS_PREREVIEW_ITEM_UNKNOWN', { item: i.item });
      row.done = i.done;
      row.note = i.note;
    });
    const stage: TopicStage = prereviewMissing(next).length === 0 ? 'reviewed' : 'draft';
    if (!(await updateTopic(trx, ctx.tenantId, id, version, { prereview: next, stage }))) throw conflict();
    await writeAudit(trx, ctx.auditor, { action: 'update', entityType: 'decision_topic', entityId: id, summary: `议题前置审核：${before.title}（${stage === 'reviewed' ? '已完成' : '未完成'}）`, before: before.prereview, after: next });
    return { stage, prereview: next, prereviewMissing: prereviewMissing(next) };
  });
}

/** Was the topic passed at a 党委会 (前置研究 done)? */
export async function committeePassed(ctx: Ctx, db: Db, topicId: number | null): Promise<{ id: number; title: string; passed: boolean } | null> {
  if (topicId === null) return null;
  const topic = await findTopic(db, ctx.tenantId, topicId);
  if (!topic) return null;
  const hearings = await hearingsOf(db, ctx.tenantId, [topicId]);
  return { id: topic.id, title: topic.title, passed: topic.bodyKind === 'party_committee' && hearings.some((h) => h.result === 'passed') };
}

/** The routing rule that keeps a topic off its body's agenda, with its message, or null. */
export async function routingOf(ctx: Ctx, db: Db, topic: TopicRow, settings: DecisionsSettings) {
  const studiedBy = await committeePassed(ctx, db, topic.studiedByTopicId);
  const category = effectiveCategory(topic.category, topic.amountCents, settings);
  const refusal = routingRefusal(topic.bodyKind, category, studiedBy?.passed ?? false, settings);
  const params = { category: categoryLabel(category, ctx.language), body: bodyLabel(topic.bodyKind, ctx.language) };
  return { refusal: refusal?.code ?? null, message: refusal ? translate(refusal.code, ctx.language, params) : null, params, studiedBy };
}

export async function topicDetail(ctx: Ctx, id: number) {
  ctx.scope('decisions.read');
  const topic = await visibleTopic(ctx, ctx.db, id);
  const settings = await decisionsSettings(ctx);
  const routing = await routingOf(ctx, ctx.db, topic, settings);
  const tasks = await listTasks(ctx.db, ctx.tenantId, { topicId: id });
  const feedback = await feedbackOf(ctx.db, ctx.tenantId, tasks.map((t) => t.id));
  return {
    ...presentTopic(topic, settings),
    files: await topicFiles.of(ctx, id),
    prereviewMissing: prereviewMissing(topic.prereview),
    routing: { refusal: routing.refusal, message: routing.message, studiedBy: routing.studiedBy },
    hearings: (await hearingsOf(ctx.db, ctx.tenantId, [id])).map(({ topicId: _t, ...h }) => h),
    tasks: tasks.map((t) => ({ ...presentTask(t, ctx.today), feedback: feedback.filter((f) => f.taskId === t.id) })),
    evaluation: (await findEvaluation(ctx.db, ctx.tenantId, id)) ?? null,
    canWrite: canWrite(ctx, topic.bodyKind),
  };
}

/**
 * A topic's materials: added by its body's office, downloaded by the readers of decisions,
 * withdrawn when filed by mistake (content dropped, name and reason kept) by the office, only
 * before the topic is decided.
 */
export const topicFiles = evidenceFiles({
  store: { table: 'decision_topic_files', owner: 'topic_id' },
  entityType: 'decision_topic_file', notFound: 'DECISIONS_FILE_NOT_FOUND', added: '上传议题材料', withdrawn: '撤回议题材料',
  async owner(ctx, db, id: number, mode) {
    if (mode === 'read') ctx.scope('decisions.read');
    const topic = await visibleTopic(ctx, db, id);
    if (mode !== 'read') requireBodyWriter(ctx, topic.bodyKind);
    if (mode === 'withdraw' && topic.stage !== 'draft' && topic.stage !== 'reviewed' && topic.stage !== 'scheduled') throw new AppError(409, 'DECISIONS_TOPIC_FILE_DECIDED');
    return { id, label: topic.title, audit: { topicId: id } };
  },
});
