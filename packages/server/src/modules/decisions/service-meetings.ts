/**
 * Meetings of the decision bodies (do): the 第一议题 study, attendance per member, the agenda (a
 * topic goes on it only when its pre-review is complete and its routing allows it), and the
 * decision on each topic — quorum (two thirds for cadre topics at the 党委会), votes counted
 * against the members due (党委会, 党政联席会议) or the president's decision with the views
 * recorded (院长办公会), recusals (回避) not counted as present. And the 会议纪要 (docx).
 */
import { type DecisionRefusal, type DecisionResult, compareDates, decisionRefusal, effectiveCategory, prereviewMissing, quorum } from '@hongyi/core';
import { body, chineseDate, docxBuffer, heading, line, right, table, title } from '../../lib/docx.js';
import type { Ctx } from '../../lib/context.js';
import { writeAudit } from '../../plugins/audit.js';
import { AppError, conflict, fieldError, notFound } from '../../plugins/errors.js';
import { translate } from '../../plugins/i18n.js';
import {
  type AgendaRow,
  type AttendanceRow,
  type BodyMemberRow,
  type MeetingRow,
  agendaOf,
  attendanceOf,
  findAgendaItem,
  findBody,
  findMeeting,
  insertAgendaItem,
  insertMeeting,
  listMeetings,
  saveAttendance,
  setTopicStage,
  touchMeeting,
  updateAgendaItem,
} from './repository.js';
import { type Db, bodyLabel, canWrite, categoryLabel, decisionsSettings, requireBodyWriter, routingOf, visibleBody, visibleTopic } from './service.js';

export async function meetingList(ctx: Ctx, filter: { bodyId?: number | undefined; year?: number | undefined }, page: { page: number; pageSize: number }) {
  ctx.scope('decisions.read');
  return listMeetings(ctx.db, ctx.tenantId, filter, { limit: page.pageSize, offset: (page.page - 1) * page.pageSize });
}

async function visibleMeeting(ctx: Ctx, db: Db, id: number): Promise<MeetingRow> {
  const meeting = await findMeeting(db, ctx.tenantId, id);
  if (!meeting) throw notFound('DECISIONS_MEETING_NOT_FOUND', id);
  return meeting;
}

export interface MeetingInput {
  bodyId: number;
  heldOn: string;
  number: string;
  firstTopic: string;
  note: string;
}

export async function createMeeting(ctx: Ctx, input: MeetingInput): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const b = await visibleBody(ctx, trx, input.bodyId, 'body.bodyId');
    requireBodyWriter(ctx, b.kind);
    const values = { body_id: b.id, held_on: input.heldOn, number: input.number, first_topic: input.firstTopic, note: input.note };
    const id = await insertMeeting(trx, ctx.tenantId, values);
    await writeAudit(trx, ctx.auditor, { action: 'create', entityType: 'decision_meeting', entityId: id, summary: `召开${b.name}：${input.heldOn}${input.number ? `（${input.number}）` : ''}`, after: values });
    return id;
  });
}

/** Present and not recused on an agenda item, the chair among them, and the quorum that applies. */
function countFor(meeting: MeetingRow, members: readonly BodyMemberRow[], attendance: readonly AttendanceRow[], item: Pick<AgendaRow, 'category' | 'amountCents'>, recused: readonly number[], largeFund: number) {
  const present = members.filter((m) => attendance.some((a) => a.bodyMemberId === m.id && a.present) && !recused.includes(m.id));
  const category = effectiveCategory(item.category, item.amountCents, { largeFundThresholdCents: largeFund });
  const q = quorum(meeting.bodyKind, category, members.length, present.length);
  return { present, category, quorum: q, chairPresent: present.some((m) => m.isChair) };
}

export async function meetingDetail(ctx: Ctx, id: number) {
  ctx.scope('decisions.read');
  const meeting = await visibleMeeting(ctx, ctx.db, id);
  const b = await findBody(ctx.db, ctx.tenantId, meeting.bodyId);
  const members = b?.members ?? [];
  const attendance = await attendanceOf(ctx.db, ctx.tenantId, id);
  const settings = await decisionsSettings(ctx);
  const agenda = (await agendaOf(ctx.db, ctx.tenantId, id)).map((a) => {
    const c = countFor(meeting, members, attendance, a, a.recused, settings.largeFundThresholdCents);
    return { ...a, presentForTopic: c.present.length, required: c.quorum.required, quorumRule: c.quorum.rule };
  });
  return { ...meeting, members, attendance, agenda, canWrite: canWrite(ctx, meeting.bodyKind) };
}

export async function saveMeetingAttendance(ctx: Ctx, id: number, version: number, rows: AttendanceRow[]) {
  await ctx.db.transaction().execute(async (trx) => {
    const meeting = await visibleMeeting(ctx, trx, id);
    requireBodyWriter(ctx, meeting.bodyKind);
    const b = await findBody(trx, ctx.tenantId, meeting.bodyId);
    rows.forEach((r, i) => {
      if (!b?.members.some((m) => m.id === r.bodyMemberId)) throw fieldError(ctx.language, `body.members[${i}].bodyMemberId`, 'DECISIONS_MEMBER_UNKNOWN', { id: r.bodyMemberId });
      if (!r.present && !r.leaveReason) throw fieldError(ctx.language, `body.members[${i}].leaveReason`, 'DECISIONS_LEAVE_REASON_REQUIRED');
    });
    const ids = rows.map((r) => r.bodyMemberId);
    if (new Set(ids).size !== ids.length) throw fieldError(ctx.language, 'body.members', 'DECISIONS_MEMBER_TWICE');
    if (!(await touchMeeting(trx, ctx.tenantId, id, version))) throw conflict();
    const before = await attendanceOf(trx, ctx.tenantId, id);
    await saveAttendance(trx, ctx.tenantId, id, rows);
    await writeAudit(trx, ctx.auditor, { action: 'update', entityType: 'decision_meeting', entityId: id, summary: `${meeting.bodyName} ${meeting.heldOn} 出席：${rows.filter((r) => r.present).length}/${b?.members.length ?? 0}`, before, after: rows });
  });
}

/** Puts a topic on the agenda: same body, pre-review complete, routing allowed (naming the rule otherwise). */
export async function addToAgenda(ctx: Ctx, meetingId: number, topicId: number): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const meeting = await visibleMeeting(ctx, trx, meetingId);
    requireBodyWriter(ctx, meeting.bodyKind);
    const topic = await visibleTopic(ctx, trx, topicId, 'body.topicId');
    if (topic.bodyId !== meeting.bodyId) throw fieldError(ctx.language, 'body.topicId', 'DECISIONS_TOPIC_OTHER_BODY', { body: topic.bodyName });
    const missing = prereviewMissing(topic.prereview);
    if (missing.length > 0 || topic.stage === 'draft') throw fieldError(ctx.language, 'body.topicId', 'DECISIONS_PREREVIEW_INCOMPLETE', { items: missing.join('、') });
    if (topic.stage !== 'reviewed') throw fieldError(ctx.language, 'body.topicId', 'DECISIONS_TOPIC_NOT_READY', { stage: topic.stage });
    const settings = await decisionsSettings(ctx, trx);
    const routing = await routingOf(ctx, trx, topic, settings);
    if (routing.refusal) throw fieldError(ctx.language, 'body.topicId', routing.refusal, routing.params);
    const id = await insertAgendaItem(trx, ctx.tenantId, meetingId, topicId);
    await setTopicStage(trx, ctx.tenantId, topicId, 'scheduled');
    await writeAudit(trx, ctx.auditor, { action: 'create', entityType: 'decision_agenda_item', entityId: id, summary: `列入${meeting.bodyName} ${meeting.heldOn} 议程：${topic.title}` });
    return id;
  });
}

export interface DecisionInput {
  recused: number[];
  discussion: string;
  decision: string;
  votes: { for: number; against: number; abstain: number } | null;
  views: string;
  result: DecisionResult;
}

function refusalError(ctx: Ctx, r: DecisionRefusal, bodyName: string): AppError {
  const params: Record<string, unknown> = { ...r, body: bodyName, rule: r.code === 'DECISIONS_QUORUM_NOT_MET' ? translate(`DECISIONS_RULE_${r.rule.toUpperCase()}`, ctx.language) : undefined };
  const path = r.code === 'DECISIONS_QUORUM_NOT_MET' || r.code === 'DECISIONS_PRESIDENT_ABSENT' ? 'body.recused' : r.code === 'DECISIONS_VOTES_RESULT_MISMATCH' ? 'body.result' : 'body.votes';
  return fieldError(ctx.language, path, r.code, params);
}

/** Records the decision on one agenda item; passed or rejected, the topic is decided; deferred, it goes back to reviewed. */
export async function decide(ctx: Ctx, meetingId: number, itemId: number, version: number, input: DecisionInput) {
  await ctx.db.transaction().execute(async (trx) => {
    const meeting = await visibleMeeting(ctx, trx, meetingId);
    requireBodyWriter(ctx, meeting.bodyKind);
    const item = await findAgendaItem(trx, ctx.tenantId, meetingId, itemId);
    if (!item) throw notFound('DECISIONS_AGENDA_ITEM_NOT_FOUND', itemId);
    if (compareDates(meeting.heldOn, ctx.today) > 0) throw new AppError(409, 'DECISIONS_MEETING_NOT_HELD', { date: meeting.heldOn });
    const b = await findBody(trx, ctx.tenantId, meeting.bodyId);
    const members = b?.members ?? [];
    input.recused.forEach((r, i) => {
      if (!members.some((m) => m.id === r)) throw fieldError(ctx.language, `body.recused[${i}]`, 'DECISIONS_MEMBER_UNKNOWN', { id: r });
    });
    const attendance = await attendanceOf(trx, ctx.tenantId, meetingId);
    const settings = await decisionsSettings(ctx, trx);
    const c = countFor(meeting, members, attendance, item, input.recused, settings.largeFundThresholdCents);
    const refusal = decisionRefusal({ kind: meeting.bodyKind, category: c.category, due: members.length, present: c.present.length, votes: input.votes, result: input.result, chairPresent: c.chairPresent });
    if (refusal) throw refusalError(ctx, refusal, meeting.bodyName);
    const topic = await visibleTopic(ctx, trx, item.topicId);
    if (item.result === null && topic.stage !== 'scheduled') throw new AppError(409, 'DECISIONS_TOPIC_NOT_READY', { stage: topic.stage });
    if (item.result !== null && item.result !== 'deferred' && topic.stage !== 'decided') throw new AppError(409, 'DECISIONS_TOPIC_LOCKED', { stage: topic.stage });
    const values = {
      recused: input.recused,
      discussion: input.discussion,
      decision: input.decision,
      votes_for: input.votes?.for ?? null,
      votes_against: input.votes?.against ?? null,
      votes_abstain: input.votes?.abstain ?? null,
      views: input.views,
      result: input.result,
    };
    if (!(await updateAgendaItem(trx, ctx.tenantId, itemId, version, values))) throw conflict();
    await setTopicStage(trx, ctx.tenantId, item.topicId, input.result === 'deferred' ? 'reviewed' : 'decided');
    const word = { passed: '通过', rejected: '未通过', deferred: '暂缓' }[input.result];
    await writeAudit(trx, ctx.auditor, { action: 'update', entityType: 'decision_agenda_item', entityId: itemId, summary: `${meeting.bodyName} ${meeting.heldOn} 决定：${item.topicTitle}（${word}）`, before: item, after: values });
  });
}

// ---------------------------------------------------------------------------------------
// 会议纪要

export async function minutesDocx(ctx: Ctx, id: number): Promise<{ name: string; buffer: Buffer }> {
  const m = await meetingDetail(ctx, id);
  const byId = new Map(m.members.map((x) => [x.id, x]));
  const present = m.attendance.filter((a) => a.present).map((a) => byId.get(a.bodyMemberId)?.name ?? '');
  const absent = m.attendance.filter((a) => !a.present).map((a) => `${byId.get(a.bodyMemberId)?.name ?? ''}（${a.leaveReason}）`);
  const chair = m.members.find((x) => x.isChair);
  const resultWord = { passed: '通过', rejected: '未通过', deferred: '暂缓' } as const;
  const children = [
    title(`${m.bodyName}会议纪要`),
    right(m.number ? `${m.number}` : ''),
    line('时间', chineseDate(m.heldOn)),
    line('主持', chair ? `${chair.name}（${chair.title}）` : ''),
    line('应到', `${m.members.length} 人`),
    line('出席', `${present.length} 人：${present.join('、')}`),
    line('缺席', absent.length ? absent.join('、') : '无'),
    heading('一、第一议题'),
    body(m.firstTopic || '（无）'),
    heading('二、议定事项'),
    ...m.agenda.flatMap((a, i) => {
      const recused = a.recused.map((r) => byId.get(r)?.name ?? '').filter(Boolean);
      const votes = a.votesFor === null ? '' : `表决：同意 ${a.votesFor} 票，反对 ${a.votesAgainst ?? 0} 票，弃权 ${a.votesAbstain ?? 0} 票（应到 ${m.members.length} 人，须过半数 ${Math.floor(m.members.length / 2) + 1} 票）。`;
      return [
        heading(`（${i + 1}）${a.topicTitle}【${categoryLabel(a.category, 'zh-CN')}】`),
        ...(recused.length ? [body(`回避：${recused.join('、')}。`)] : []),
        ...(a.discussion ? [body(`讨论情况：${a.discussion}`)] : []),
        ...(a.views ? [body(`与会人员意见：${a.views}`)] : []),
        ...(votes ? [body(votes)] : []),
        body(`${m.bodyKind === 'president_office_meeting' ? '院长决定' : '会议决定'}：${a.decision || '—'}（${a.result ? resultWord[a.result] : '未决'}）`),
      ];
    }),
    heading('三、出席情况'),
    table(
      ['姓名', '职务', '出席', '请假事由'],
      m.members.map((x) => {
        const a = m.attendance.find((r) => r.bodyMemberId === x.id);
        return [x.name, x.title, a ? (a.present ? '出席' : '缺席') : '未记录', a?.leaveReason ?? ''];
      }),
    ),
  ];
  const buffer = await docxBuffer(children);
  return { name: `${bodyLabel(m.bodyKind, 'zh-CN')}会议纪要-${m.heldOn}.docx`, buffer };
}
