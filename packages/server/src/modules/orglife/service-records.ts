/**
 * Organisational-life records: writing one (the rules of kinds, dates, roster, quorum and plan
 * items, in the caller's transaction), reading one with everything on it, and the record
 * operations the routes call (list, export, create, replace, delete, minutes, QR check-in, a
 * member's own record, the yearly 台账 and 民主评议 documents).
 */
import { randomBytes } from 'node:crypto';
import {
  type DataScope,
  type MeetingKind,
  QR_CHECKIN_VALID_HOURS,
  checkVote,
  compareDates,
  kindProblems,
  rosterOrgOf,
  votingBase,
  WHOLE_ROSTER_KINDS,
} from '@hongyi/core';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Ctx } from '../../lib/context.js';
import { workbookBuffer } from '../../lib/excel.js';
import { covers, requireInScope } from '../../lib/scope.js';
import { writeAudit } from '../../plugins/audit.js';
import { AppError, conflict, notFound } from '../../plugins/errors.js';
import { minutesDocx, reviewsDocx, yearLedgerDocx } from './documents.js';
import { lapses } from './lapses.js';
import { membersOn, rosterOn } from './repository.js';
import {
  type RecordListRow,
  attendanceOf,
  bumpRecordVersion,
  checkIn,
  deleteRecord,
  lockPlanItems,
  meetingsOfMember,
  planLinksOf,
  recordByQrToken,
  recordIdsOfYear,
  recordListQuery,
  recordPage,
  recordParts,
  recordRow,
  reviewsOfYear,
  saveRecord,
  setQrToken,
} from './repository-records.js';
import { KIND_NAMES, type RecordFilters, type RecordInput, kindLabel } from './schemas.js';
import { recordAttachments } from './service-attachments.js';
import { type OrgRow, orgInScope } from './service.js';

type Db = Kysely<DB> | Transaction<DB>;
const zhOf = (ctx: { language: string }) => ctx.language === 'zh-CN';

// ---------------------------------------------------------------------------------------
// Writing a record
// ---------------------------------------------------------------------------------------

const detail = (path: string, message: string) => ({ path, message });

function kindProblemMessage(p: ReturnType<typeof kindProblems>[number], zh: boolean, kindName: (k: MeetingKind) => string): string {
  switch (p.code) {
    case 'KINDS_EMPTY':
      return zh ? '至少选择一种会议类型' : 'choose at least one kind';
    case 'KINDS_NOT_COMBINABLE':
      return zh ? `“${kindName(p.a)}”与“${kindName(p.b)}”不能合并为一次记录` : `"${kindName(p.a)}" and "${kindName(p.b)}" cannot be one record`;
    case 'FIRST_TOPIC_NEEDS_MEETING':
      return zh ? '“第一议题”须作为支委会或党委会学习的议题记录' : 'the first-topic study is an item of a committee meeting or committee study session';
    case 'KIND_NOT_FOR_ORG':
      return zh ? `“${kindName(p.kind)}”不适用于该类党组织` : `"${kindName(p.kind)}" does not apply to this kind of organisation`;
    case 'PARTY_GROUP_REQUIRED':
      return zh ? '党小组会须选择党小组' : 'a party-group meeting needs the party group';
  }
}

/**
 * Problems with the plan items a record says it completes: each must be the org's own, of one of
 * the meeting's kinds, one per kind, and not done by another record. The items are locked so two
 * meetings saved at once cannot both complete the same item.
 */
async function planItemProblems(
  trx: Transaction<DB>,
  ctx: { tenantId: number; orgId: number; kinds: readonly MeetingKind[]; recordId: number | null; zh: boolean; kindName: (k: MeetingKind) => string },
  ids: readonly number[],
): Promise<{ path: string; message: string }[]> {
  if (ids.length === 0) return [];
  const { tenantId, zh, kindName } = ctx;
  const items = await lockPlanItems(trx, tenantId, ids);
  const links = await planLinksOf(trx, tenantId, ids);
  const byId = new Map(items.map((i) => [i.id, i]));
  const doneBy = new Map(links.map((l) => [l.plan_item_id, l]));
  const seenKinds = new Set<string>();
  const out: { path: string; message: string }[] = [];
  ids.forEach((id, i) => {
    const path = `planItemIds[${i}]`;
    const item = byId.get(id);
    if (!item || item.org_id !== ctx.orgId) {
      out.push(detail(path, zh ? '计划事项不属于该党组织' : 'the plan item belongs to another organisation'));
      return;
    }
    const kind = item.kind as MeetingKind;
    const name = zh ? `“${kindName(kind)}”（${item.planned_on}）` : `"${kindName(kind)}" (${item.planned_on})`;
    if (!ctx.kinds.includes(kind)) out.push(detail(path, zh ? `计划事项${name}与本次会议类型不符` : `the plan item ${name} is not one of this meeting's kinds`));
    else if (seenKinds.has(kind)) out.push(detail(path, zh ? `一次会议只能完成一项“${kindName(kind)}”计划` : `one meeting completes one "${kindName(kind)}" item`));
    seenKinds.add(kind);
    const done = doneBy.get(id);
    if (done && done.id !== ctx.recordId) out.push(detail(path, zh ? `计划事项${name}已由 ${done.held_on} 的会议记录完成` : `the plan item ${name} was already completed by the record of ${done.held_on}`));
  });
  return out;
}

/** Validates a record and writes it with its attendance, resolutions and reviews (inside the caller's transaction). */
async function writeRecord(
  trx: Transaction<DB>,
  ctx: { tenantId: number; userId: number; scope: DataScope; zh: boolean; kindName: (k: MeetingKind) => string; today: string },
  input: RecordInput,
  existingId: number | null,
): Promise<number> {
  const { tenantId, zh } = ctx;
  const org = await orgInScope(trx, tenantId, input.orgId, ctx.scope);
  let group: OrgRow | null = null;
  if (input.partyGroupId) {
    group = await orgInScope(trx, tenantId, input.partyGroupId, ctx.scope);
    if (group.type !== 'party_group' || group.parent_id !== org.id) {
      throw new AppError(400, 'ORGLIFE_INVALID', {}, [detail('partyGroupId', zh ? '所选党小组不属于该党支部' : 'the party group is not in this branch')]);
    }
  }
  const problems = kindProblems(input.kinds, org.type, input.partyGroupId ?? null);
  if (problems.length > 0) {
    throw new AppError(400, 'ORGLIFE_INVALID', {}, problems.map((p) => detail('kinds', kindProblemMessage(p, zh, ctx.kindName))));
  }
  if (compareDates(input.heldOn, ctx.today) > 0) {
    throw new AppError(400, 'ORGLIFE_INVALID', {}, [detail('heldOn', zh ? `会议日期 ${input.heldOn} 晚于今天，请在会后记录` : `${input.heldOn} is in the future; record a meeting after it is held`)]);
  }
  if (org.established_on && compareDates(input.heldOn, org.established_on) < 0) {
    throw new AppError(400, 'ORGLIFE_INVALID', {}, [detail('heldOn', zh ? `会议日期早于该党组织成立日期 ${org.established_on}` : `before the organisation was established (${org.established_on})`)]);
  }
  // A temporary branch exists until its end date; an org dissolved on a day no longer exists from that day.
  for (const o of group ? [org, group] : [org]) {
    const what = zh ? (o.type === 'temporary_branch' ? '该临时党支部' : o.type === 'party_group' ? '该党小组' : '该党组织') : o.type === 'temporary_branch' ? 'the temporary branch' : o.type === 'party_group' ? 'the party group' : 'the organisation';
    if (o.ends_on && compareDates(input.heldOn, o.ends_on) > 0) {
      throw new AppError(400, 'ORGLIFE_INVALID', {}, [detail('heldOn', zh ? `会议日期 ${input.heldOn} 晚于${what}的结束日期 ${o.ends_on}` : `${input.heldOn} is after the end date of ${what} (${o.ends_on})`)]);
    }
    if (o.dissolved_on && compareDates(input.heldOn, o.dissolved_on) >= 0) {
      throw new AppError(400, 'ORGLIFE_INVALID', {}, [detail('heldOn', zh ? `${what}已于 ${o.dissolved_on} 撤销，会议日期 ${input.heldOn} 不在其存续期内` : `${what} was dissolved on ${o.dissolved_on}; ${input.heldOn} is not within its life`)]);
    }
  }
  const details: { path: string; message: string }[] = [];

  // Who was due (应到) on the day: the roster of the branch (or the party group for a 党小组会),
  // each with their vote (core votingEntitlement). A temporary branch holds no membership: any
  // active member of the unit may attend it, and its attendance is its roster.
  const isTemporary = org.type === 'temporary_branch';
  const roster = isTemporary ? [] : await rosterOn(trx, tenantId, rosterOrgOf({ orgId: org.id, partyGroupId: group?.id ?? null, kinds: input.kinds }), input.heldOn);
  // 民主评议 covers the branch's members (it never goes with a 党小组会, so this is the same roster).
  const memberIds = [...new Set([...input.attendance.map((a) => a.memberId), ...input.reviews.map((r) => r.memberId)])];
  const known = isTemporary ? await membersOn(trx, tenantId, memberIds, input.heldOn) : roster;
  const byId = new Map(known.map((m) => [m.id, m]));
  // Errors name only members on the roster: an id from elsewhere gets its number back, nothing more.
  const notOnRoster = (id: number) => (zh ? `党员编号 ${id} 不在该支部的名册中` : `member id ${id} is not on this branch's roster`);
  const seen = new Set<number>();
  input.attendance.forEach((a, i) => {
    const m = byId.get(a.memberId);
    if (!m) {
      details.push(detail(`attendance[${i}].memberId`, notOnRoster(a.memberId)));
      return;
    }
    if (seen.has(a.memberId)) details.push(detail(`attendance[${i}].memberId`, zh ? `${m.name} 重复出现` : `${m.name} appears twice`));
    seen.add(a.memberId);
    if (a.status === 'excused' && a.reason.trim() === '') details.push(detail(`attendance[${i}].reason`, zh ? `${m.name} 请假须填写原因` : `leave for ${m.name} needs a reason`));
  });
  input.reviews.forEach((r, i) => {
    if (!input.kinds.includes('democratic_review')) details.push(detail(`reviews[${i}]`, zh ? '只有“民主评议党员”记录可填写评议结果' : 'results belong to a democratic review record'));
    if (!byId.has(r.memberId)) details.push(detail(`reviews[${i}].memberId`, notOnRoster(r.memberId)));
  });
  if (new Set(input.reviews.map((r) => r.memberId)).size !== input.reviews.length) details.push(detail('reviews', zh ? '同一党员只能有一个评议结果' : 'one result per member'));
  details.push(...(await planItemProblems(trx, { tenantId, orgId: org.id, kinds: input.kinds, recordId: existingId, zh, kindName: ctx.kindName }, input.planItemIds)));
  if (details.length > 0) throw new AppError(400, 'ORGLIFE_INVALID', {}, details);

  // At a meeting of the whole roster, a name left off the list was absent: 应到 stays the roster.
  const attendance = [...input.attendance];
  if (!isTemporary && input.kinds.some((k) => WHOLE_ROSTER_KINDS.includes(k))) {
    for (const m of roster) if (!seen.has(m.id)) attendance.push({ memberId: m.id, status: 'absent', reason: '' });
  }
  const entitled = (memberId: number) => byId.get(memberId)?.entitlement.entitled === true;

  // Quorum of the 支部党员大会: the base is everyone entitled to vote on the day (the roster less
  // 预备党员, suspended rights and approved long absences), never the names that were entered.
  const isGeneralMeeting = input.kinds.includes('branch_general_meeting');
  const votingMembers = isGeneralMeeting && !isTemporary ? votingBase(roster, input.heldOn).entitled.length : attendance.filter((a) => entitled(a.memberId)).length;
  const votingPresent = attendance.filter((a) => a.status === 'present' && entitled(a.memberId)).length;
  const resolutions = input.resolutions.map((res, i) => {
    const outcome = checkVote({ kind: res.kind, votingMembers, present: votingPresent, inFavour: res.votesFor, against: res.votesAgainst, abstain: res.votesAbstain });
    if (!outcome.ok) {
      if (outcome.code === 'VOTES_EXCEED_PRESENT') {
        throw new AppError(400, 'ORGLIFE_VOTES_EXCEED_PRESENT', { title: res.title, cast: outcome.cast, present: outcome.present }, [detail(`resolutions[${i}]`, `${outcome.cast} > ${outcome.present}`)]);
      }
      // Quorum only binds the 支部党员大会 (条例; 选举条例); other meetings record their votes.
      if (isGeneralMeeting) {
        throw new AppError(400, outcome.code === 'QUORUM_NOT_MET' ? 'ORGLIFE_QUORUM_NOT_MET' : 'ORGLIFE_ELECTION_QUORUM_NOT_MET', {
          title: res.title,
          votingMembers: outcome.votingMembers,
          present: outcome.present,
          required: outcome.required,
        }, [detail(`resolutions[${i}]`, `${outcome.present} / ${outcome.votingMembers}`)]);
      }
    }
    return { ...res, seq: i + 1, passed: outcome.ok ? outcome.passed : res.votesFor * 2 > votingMembers };
  });

  return saveRecord(
    trx,
    tenantId,
    ctx.userId,
    existingId,
    {
      org_id: org.id,
      party_group_id: group?.id ?? null,
      kinds: input.kinds,
      held_on: input.heldOn,
      start_time: input.startTime,
      end_time: input.endTime,
      place: input.place,
      scene_tag: input.sceneTag,
      host_name: input.hostName,
      recorder_name: input.recorderName,
      topics: JSON.stringify(input.topics),
      minutes: input.minutes,
      speaker_name: input.speakerName,
      speaker_is_secretary: input.speakerIsSecretary,
      lecture_title: input.lectureTitle,
      study_content: input.studyContent,
      expected_count: attendance.length,
      present_count: attendance.filter((a) => a.status === 'present').length,
      excused_count: attendance.filter((a) => a.status === 'excused').length,
      absent_count: attendance.filter((a) => a.status === 'absent').length,
    },
    {
      heldOn: input.heldOn,
      planItemIds: input.planItemIds,
      attendance: attendance.map((a) => ({ memberId: a.memberId, status: a.status, reason: a.reason, viaQr: a.viaQr ?? false, voting: entitled(a.memberId) })),
      resolutions: resolutions.map((r) => ({ ...r, votingMembers, present: votingPresent })),
      reviews: input.reviews,
    },
  );
}

// ---------------------------------------------------------------------------------------
// Reading a record
// ---------------------------------------------------------------------------------------

/** A record with everything on it, as the API returns it; null when absent. */
export async function recordDetail(db: Db, tenantId: number, id: number) {
  const r = await recordRow(db, tenantId, id);
  if (!r) return null;
  const [{ attendance, resolutions, planItems, reviews }, attachments] = await Promise.all([recordParts(db, tenantId, id), recordAttachments.of({ db, tenantId }, id)]);
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    orgPath: r.org_path,
    partyGroupId: r.party_group_id,
    partyGroupName: r.group_name,
    kinds: r.kinds as MeetingKind[],
    heldOn: r.held_on,
    startTime: r.start_time,
    endTime: r.end_time,
    place: r.place,
    sceneTag: r.scene_tag,
    hostName: r.host_name,
    recorderName: r.recorder_name,
    topics: (r.topics ?? []) as string[],
    minutes: r.minutes,
    speakerName: r.speaker_name,
    speakerIsSecretary: r.speaker_is_secretary,
    lectureTitle: r.lecture_title,
    studyContent: r.study_content,
    planItems: planItems.map((p) => ({ id: p.id, kind: p.kind as MeetingKind, plannedOn: p.planned_on, title: p.title })),
    expectedCount: r.expected_count,
    presentCount: r.present_count,
    excusedCount: r.excused_count,
    absentCount: r.absent_count,
    version: r.version,
    attendance: attendance.map((a) => ({
      memberId: a.member_id,
      name: a.name,
      namePinyin: a.name_pinyin,
      nameInitials: a.name_initials,
      /** The member's party group now (group history is not kept). */
      partyGroupId: a.party_group_id,
      category: a.category,
      status: a.status,
      reason: a.reason,
      viaQr: a.via_qr,
      /** Entitled to vote on the meeting's day (counted in its quorum base). */
      voting: a.voting,
    })),
    resolutions: resolutions.map((x) => ({
      seq: x.seq,
      title: x.title,
      kind: x.kind,
      votingMembers: x.voting_members,
      present: x.present,
      votesFor: x.votes_for,
      votesAgainst: x.votes_against,
      votesAbstain: x.abstain,
      passed: x.passed,
    })),
    reviews: reviews.map((v) => ({ memberId: v.member_id, name: v.name, grade: v.grade })),
    attachments,
  };
}
export type RecordDetail = NonNullable<Awaited<ReturnType<typeof recordDetail>>>;

/** A record the caller may see (or change): 404 when absent (or in another unit), 403 outside the scope. */
export async function visibleRecord(ctx: Ctx, id: number, permission: 'orglife.read' | 'orglife.write', db: Db = ctx.db): Promise<RecordDetail> {
  const record = await recordDetail(db, ctx.tenantId, id);
  return requireInScope(ctx.scope(permission), record, notFound('ORGLIFE_RECORD_NOT_FOUND', id));
}

/** One record, and whether the caller may change it (else it is shown read-only). */
export async function recordForCaller(ctx: Ctx, id: number) {
  const record = await visibleRecord(ctx, id, 'orglife.read');
  const canEdit = ctx.can('orglife.write') && covers(ctx.scope('orglife.write'), record.orgPath);
  return { ...record, canEdit };
}

const presentListRow = (r: RecordListRow) => ({
  id: r.id,
  orgId: r.org_id,
  orgName: r.org_name,
  partyGroupName: r.group_name,
  kinds: r.kinds as MeetingKind[],
  heldOn: r.held_on,
  place: r.place,
  sceneTag: r.scene_tag,
  hostName: r.host_name,
  topic: ((r.topics ?? []) as string[])[0] ?? '',
  expectedCount: r.expected_count,
  presentCount: r.present_count,
  excusedCount: r.excused_count,
  absentCount: r.absent_count,
  complete: r.complete,
});

export async function listRecords(ctx: Ctx, filters: RecordFilters, page: number, pageSize: number) {
  const { rows, total } = await recordPage(ctx.db, ctx.tenantId, ctx.scope('orglife.read'), filters, pageSize, (page - 1) * pageSize);
  return { items: rows.map(presentListRow), total };
}

/** Every record in scope and period as an Excel list. */
export async function recordsWorkbook(ctx: Ctx, filters: RecordFilters): Promise<{ name: string; buffer: Buffer }> {
  const zh = zhOf(ctx);
  const rows = (await recordListQuery(ctx.db, ctx.tenantId, ctx.scope('orglife.read'), filters).limit(200_000).execute()).map(presentListRow);
  const buffer = await workbookBuffer(
    zh ? '组织生活记录' : 'Records',
    [
      { header: zh ? '序号' : 'No.', width: 6, value: (_x, i) => i + 1 },
      { header: zh ? '日期' : 'Date', width: 12, value: (x) => x.heldOn },
      { header: zh ? '党组织' : 'Organisation', width: 28, value: (x) => x.orgName },
      { header: zh ? '党小组' : 'Party group', width: 16, value: (x) => x.partyGroupName },
      { header: zh ? '类型' : 'Kinds', width: 24, value: (x) => x.kinds.map((k) => kindLabel(k, zh)).join(zh ? '、' : ', ') },
      { header: zh ? '地点' : 'Place', width: 18, value: (x) => x.place },
      { header: zh ? '场景' : 'Scene', width: 12, value: (x) => x.sceneTag },
      { header: zh ? '主持人' : 'Host', width: 10, value: (x) => x.hostName },
      { header: zh ? '应到' : 'Expected', width: 6, value: (x) => x.expectedCount },
      { header: zh ? '实到' : 'Present', width: 6, value: (x) => x.presentCount },
      { header: zh ? '请假' : 'Excused', width: 6, value: (x) => x.excusedCount },
      { header: zh ? '缺席' : 'Absent', width: 6, value: (x) => x.absentCount },
      { header: zh ? '主要议题' : 'Main topic', width: 36, value: (x) => x.topic },
      { header: zh ? '记录完整' : 'Complete', width: 8, value: (x) => (x.complete ? (zh ? '是' : 'yes') : zh ? '否' : 'no') },
    ],
    rows,
  );
  return { name: zh ? '组织生活记录.xlsx' : 'organisational-life-records.xlsx', buffer };
}

// ---------------------------------------------------------------------------------------
// Changing a record
// ---------------------------------------------------------------------------------------

const writeContext = (ctx: Ctx) => {
  const zh = zhOf(ctx);
  return { tenantId: ctx.tenantId, userId: ctx.userId, scope: ctx.scope('orglife.write'), zh, kindName: (k: MeetingKind) => kindLabel(k, zh), today: ctx.today };
};

export async function createRecord(ctx: Ctx, input: RecordInput): Promise<RecordDetail> {
  const writing = writeContext(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const id = await writeRecord(trx, writing, input, null);
    const after = (await recordDetail(trx, ctx.tenantId, id))!;
    await writeAudit(trx, ctx.auditor, { action: 'create', entityType: 'orglife_record', entityId: id, summary: `记录${after.kinds.map((k) => KIND_NAMES[k].zh).join('、')}（${after.orgName} ${after.heldOn}）`, after });
    return after;
  });
}

/** Replaces a record over the version the caller read (409 when it moved on). */
export async function replaceRecord(ctx: Ctx, id: number, input: RecordInput, version: number): Promise<RecordDetail> {
  const writing = writeContext(ctx);
  const before = await visibleRecord(ctx, id, 'orglife.write');
  return ctx.db.transaction().execute(async (trx) => {
    if (!(await bumpRecordVersion(trx, ctx.tenantId, before.id, version))) throw conflict();
    await writeRecord(trx, writing, input, before.id);
    const after = (await recordDetail(trx, ctx.tenantId, before.id))!;
    await writeAudit(trx, ctx.auditor, { action: 'update', entityType: 'orglife_record', entityId: before.id, summary: `修改组织生活记录（${before.orgName} ${before.heldOn}）`, before, after });
    return after;
  });
}

export async function removeRecord(ctx: Ctx, id: number, version: number): Promise<void> {
  const before = await visibleRecord(ctx, id, 'orglife.write');
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await deleteRecord(trx, ctx.tenantId, before.id, version))) throw conflict();
    await writeAudit(trx, ctx.auditor, { action: 'delete', entityType: 'orglife_record', entityId: before.id, summary: `删除组织生活记录（${before.orgName} ${before.heldOn}）`, before });
  });
}

/** The 会议记录 of a record as Word. */
export async function minutesDocument(ctx: Ctx, id: number): Promise<{ name: string; buffer: Buffer }> {
  const record = await visibleRecord(ctx, id, 'orglife.read');
  return { name: `${record.orgName}${record.heldOn}${record.kinds.map((k) => KIND_NAMES[k].zh).join('、')}记录.docx`, buffer: await minutesDocx(record) };
}

// ---------------------------------------------------------------------------------------
// Attendance by QR (optional: the secretary can always tick instead)
// ---------------------------------------------------------------------------------------

export async function openQr(ctx: Ctx, id: number): Promise<{ token: string; expiresAt: string }> {
  const record = await visibleRecord(ctx, id, 'orglife.write');
  const token = randomBytes(16).toString('base64url');
  const expiresAt = new Date(Date.now() + QR_CHECKIN_VALID_HOURS * 3600_000);
  await setQrToken(ctx.db, ctx.tenantId, record.id, token, expiresAt);
  return { token, expiresAt: expiresAt.toISOString() };
}

async function checkinRecord(ctx: Ctx, token: string) {
  const row = await recordByQrToken(ctx.db, ctx.tenantId, token);
  if (!row || !row.qr_expires_at || new Date(row.qr_expires_at).getTime() < Date.now()) throw new AppError(404, 'ORGLIFE_QR_INVALID');
  const mine = ctx.memberId ? await attendanceOf(ctx.db, ctx.tenantId, row.id, ctx.memberId) : undefined;
  return { row, mine };
}

/** The meeting behind a QR code, and the caller's attendance. */
export async function checkinView(ctx: Ctx, token: string) {
  const { row, mine } = await checkinRecord(ctx, token);
  return { recordId: row.id, orgName: row.org_name, heldOn: row.held_on, place: row.place, kinds: row.kinds as MeetingKind[], onRoster: mine !== undefined, status: mine?.status ?? null };
}

/** The caller confirms their own presence (no location, no photo). */
export async function confirmPresence(ctx: Ctx, token: string) {
  const { row, mine } = await checkinRecord(ctx, token);
  const memberId = ctx.memberId;
  if (!memberId || !mine) throw new AppError(403, 'ORGLIFE_NOT_ON_ROSTER');
  await ctx.db.transaction().execute(async (trx) => {
    await checkIn(trx, ctx.tenantId, row.id, memberId);
    await writeAudit(trx, ctx.auditor, { action: 'checkin', entityType: 'orglife_record', entityId: row.id, summary: `扫码确认参会（${row.org_name} ${row.held_on}）`, before: { status: mine.status }, after: { status: 'present' } });
  });
  return { recordId: row.id, orgName: row.org_name, heldOn: row.held_on, place: row.place, kinds: row.kinds as MeetingKind[], onRoster: true, status: 'present' };
}

// ---------------------------------------------------------------------------------------
// A member's own record, and the 台账 documents
// ---------------------------------------------------------------------------------------

/** The caller's meetings of a year with their attendance, and their run of months (党章 第九条). */
export async function myOrglife(ctx: Ctx, year: number | undefined) {
  if (!ctx.memberId) return { memberId: null, lapse: null, items: [] };
  const rows = await meetingsOfMember(ctx.db, ctx.tenantId, ctx.memberId, year ?? Number(ctx.today.slice(0, 4)));
  const [lapse] = (await lapses(ctx.db, ctx.tenantId, ctx.today, { memberId: ctx.memberId })).items;
  return {
    memberId: ctx.memberId,
    lapse: lapse
      ? { months: lapse.months, level: lapse.level, lastMonth: lapse.lastMonth, lastAttendedMonth: lapse.lastAttendedMonth, monthsNotAttended: lapse.monthsNotAttended, excusedMonths: lapse.excusedMonths, recent: lapse.recent }
      : null,
    items: rows.map((x) => ({ id: x.id, orgName: x.org_name, kinds: x.kinds as MeetingKind[], heldOn: x.held_on, place: x.place, status: x.status, reason: x.reason, topic: ((x.topics ?? []) as string[])[0] ?? '' })),
  };
}

/** A branch's yearly 台账 of all organisational life (Word). */
export async function yearLedger(ctx: Ctx, orgId: number, year: number | undefined): Promise<{ name: string; buffer: Buffer }> {
  const org = await orgInScope(ctx.db, ctx.tenantId, orgId, ctx.scope('orglife.read'));
  const y = year ?? Number(ctx.today.slice(0, 4));
  const records: RecordDetail[] = [];
  for (const id of await recordIdsOfYear(ctx.db, ctx.tenantId, org.id, y)) records.push((await recordDetail(ctx.db, ctx.tenantId, id))!);
  return { name: `${org.name}${y}年度组织生活台账.docx`, buffer: await yearLedgerDocx(org.name, y, records) };
}

/** 民主评议党员 results of a branch for a year (Word). */
export async function yearReviews(ctx: Ctx, orgId: number, year: number | undefined): Promise<{ name: string; buffer: Buffer }> {
  const org = await orgInScope(ctx.db, ctx.tenantId, orgId, ctx.scope('orglife.read'));
  const y = year ?? Number(ctx.today.slice(0, 4));
  const rows = await reviewsOfYear(ctx.db, ctx.tenantId, org.id, y);
  return { name: `${org.name}${y}年度民主评议党员结果.docx`, buffer: await reviewsDocx(org.name, y, rows.map((x) => ({ name: x.name, grade: x.grade, heldOn: x.held_on }))) };
}
