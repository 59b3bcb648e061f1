/**
 * Every query of decisions under PDCA: bodies and members, topics and files, meetings,
 * attendance and agenda, tasks and feedback, evaluations. Each function takes the database or a
 * transaction and the tenant id. Decisions are unit-wide records (no org scope): who may read or
 * write them is decided by role in the service.
 */
import type { DecisionBodyKind, DecisionResult, PrereviewItem, TaskState, TopicCategory, TopicStage } from '@hongyi/core';
import { type Kysely, type Transaction, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { groupByOwner, replaceOwnedRows } from '../../db/owned.js';
import { updateVersioned } from '../../db/versioned.js';
import { countWithPage } from '../../db/count.js';
import { escapeLike } from '../../lib/scope.js';
import { type EvidenceStore, evidenceFilesOf } from '../../db/evidence.js';
import { presentUpload } from '../../lib/uploads.js';

type Db = Kysely<DB> | Transaction<DB>;

// ---------------------------------------------------------------------------------------
// Bodies

export interface BodyMemberRow {
  id: number;
  seq: number;
  userId: number | null;
  name: string;
  title: string;
  isChair: boolean;
}

export interface BodyRow {
  id: number;
  kind: DecisionBodyKind;
  name: string;
  version: number;
  members: BodyMemberRow[];
}

async function membersOf(db: Db, tenantId: number, bodyIds: number[]): Promise<Map<number, BodyMemberRow[]>> {
  if (bodyIds.length === 0) return new Map<number, BodyMemberRow[]>();
  const rows = await db
    .selectFrom('decision_body_members')
    .select(['id', 'body_id', 'seq', 'user_id', 'name', 'title', 'is_chair'])
    .where('tenant_id', '=', tenantId)
    .where('body_id', 'in', bodyIds)
    .orderBy('body_id')
    .orderBy('seq')
    .execute();
  return groupByOwner(rows, (r) => r.body_id, (r) => ({ id: r.id, seq: r.seq, userId: r.user_id, name: r.name, title: r.title, isChair: r.is_chair }));
}

export async function listBodies(db: Db, tenantId: number): Promise<BodyRow[]> {
  const rows = await db.selectFrom('decision_bodies').select(['id', 'kind', 'name', 'version']).where('tenant_id', '=', tenantId).orderBy('id').execute();
  const members = await membersOf(db, tenantId, rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, members: members.get(r.id) ?? [] }));
}

export async function findBody(db: Db, tenantId: number, id: number): Promise<BodyRow | undefined> {
  const row = await db.selectFrom('decision_bodies').select(['id', 'kind', 'name', 'version']).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  return { ...row, members: (await membersOf(db, tenantId, [id])).get(id) ?? [] };
}

export async function insertBody(db: Db, tenantId: number, kind: DecisionBodyKind, name: string): Promise<number> {
  return (await db.insertInto('decision_bodies').values({ tenant_id: tenantId, kind, name }).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateBody(db: Db, tenantId: number, id: number, version: number, name: string): Promise<boolean> {
  return updateVersioned(db, 'decision_bodies', tenantId, id, version, { name });
}

export interface MemberValues {
  id?: number | null | undefined;
  userId: number | null;
  name: string;
  title: string;
  isChair: boolean;
}

/** Saves a body's members in order: rows named by id are kept (attendance refers to them), the others added, those left out removed when nothing refers to them. */
export async function saveMembers(db: Db, tenantId: number, bodyId: number, members: readonly MemberValues[]): Promise<void> {
  const existing = await db.selectFrom('decision_body_members').select('id').where('tenant_id', '=', tenantId).where('body_id', '=', bodyId).execute();
  const keep = new Set(members.map((m) => m.id).filter((x): x is number => typeof x === 'number'));
  // Free the seq numbers first (unique per body).
  await db.updateTable('decision_body_members').set((eb) => ({ seq: eb.neg(eb.ref('id')) })).where('tenant_id', '=', tenantId).where('body_id', '=', bodyId).execute();
  for (const [i, m] of members.entries()) {
    const values = { seq: i + 1, user_id: m.userId, name: m.name, title: m.title, is_chair: m.isChair };
    if (m.id && existing.some((e) => e.id === m.id)) await db.updateTable('decision_body_members').set(values).where('tenant_id', '=', tenantId).where('id', '=', m.id).execute();
    else await db.insertInto('decision_body_members').values({ tenant_id: tenantId, body_id: bodyId, ...values }).execute();
  }
  const gone = existing.map((e) => e.id).filter((x) => !keep.has(x));
  if (gone.length > 0) {
    const used = await db.selectFrom('decision_attendance').select('body_member_id').distinct().where('tenant_id', '=', tenantId).where('body_member_id', 'in', gone).execute();
    const free = gone.filter((x) => !used.some((u) => u.body_member_id === x));
    if (free.length > 0) await db.deleteFrom('decision_body_members').where('tenant_id', '=', tenantId).where('id', 'in', free).execute();
    // Members with attendance stay on record, after the current ones.
    let seq = members.length;
    for (const x of gone.filter((g) => !free.includes(g))) await db.updateTable('decision_body_members').set({ seq: ++seq }).where('tenant_id', '=', tenantId).where('id', '=', x).execute();
  }
}

export async function usersExist(db: Db, tenantId: number, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'name']).where('tenant_id', '=', tenantId).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function departmentName(db: Db, tenantId: number, id: number): Promise<string | undefined> {
  return (await db.selectFrom('departments').select('name').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst())?.name;
}

// ---------------------------------------------------------------------------------------
// Topics

export interface TopicRow {
  id: number;
  bodyId: number;
  bodyKind: DecisionBodyKind;
  bodyName: string;
  title: string;
  summary: string;
  proposer: string;
  departmentId: number | null;
  departmentName: string | null;
  category: TopicCategory;
  amountCents: number | null;
  campus: string;
  stage: TopicStage;
  prereview: PrereviewItem[];
  studiedByTopicId: number | null;
  version: number;
  createdAt: string;
}

export interface TopicFilter {
  bodyId?: number | undefined;
  category?: TopicCategory | undefined;
  stage?: TopicStage | undefined;
  q?: string | undefined;
}

/**
 * The topics a list shows, filtered on the topic's own columns only: the list's count reads this
 * (every topic has its body, a foreign key, so no join changes the number), its page adds the joins.
 */
function topicFilter(db: Db, tenantId: number, f: TopicFilter) {
  let q = db.selectFrom('decision_topics as t').where('t.tenant_id', '=', tenantId);
  if (f.bodyId) q = q.where('t.body_id', '=', f.bodyId);
  if (f.category) q = q.where('t.category', '=', f.category);
  if (f.stage) q = q.where('t.stage', '=', f.stage);
  if (f.q) q = q.where('t.title', 'like', `%${escapeLike(f.q)}%`);
  return q;
}

function topicBase(db: Db, tenantId: number, f: TopicFilter) {
  return topicFilter(db, tenantId, f)
    .innerJoin('decision_bodies as b', (j) => j.onRef('b.tenant_id', '=', 't.tenant_id').onRef('b.id', '=', 't.body_id'))
    .leftJoin('departments as d', (j) => j.onRef('d.tenant_id', '=', 't.tenant_id').onRef('d.id', '=', 't.department_id'));
}

function topicColumns(db: Db, tenantId: number, f: TopicFilter) {
  return topicBase(db, tenantId, f).select([
    't.id',
    't.body_id',
    'b.kind as body_kind',
    'b.name as body_name',
    't.title',
    't.summary',
    't.proposer',
    't.department_id',
    'd.name as department_name',
    't.category',
    't.amount_cents',
    't.campus',
    't.stage',
    't.prereview',
    't.studied_by_topic_id',
    't.version',
    't.created_at',
  ]);
}

type TopicSelect = Awaited<ReturnType<ReturnType<typeof topicColumns>['execute']>>[number];
const presentTopic = (r: TopicSelect): TopicRow => ({
  id: r.id,
  bodyId: r.body_id,
  bodyKind: r.body_kind,
  bodyName: r.body_name,
  title: r.title,
  summary: r.summary,
  proposer: r.proposer,
  departmentId: r.department_id,
  departmentName: r.department_name,
  category: r.category,
  amountCents: r.amount_cents === null ? null : Number(r.amount_cents),
  campus: r.campus,
  stage: r.stage,
  prereview: (typeof r.prereview === 'string' ? JSON.parse(r.prereview) : r.prereview) as PrereviewItem[],
  studiedByTopicId: r.studied_by_topic_id,
  version: r.version,
  createdAt: new Date(r.created_at).toISOString(),
});

export async function listTopics(db: Db, tenantId: number, f: TopicFilter, page: { limit: number; offset: number }) {
  const [total, rows] = await countWithPage(db, topicFilter(db, tenantId, f).select('t.id'), topicColumns(db, tenantId, f).orderBy('t.id', 'desc').limit(page.limit).offset(page.offset).execute());
  return { items: rows.map(presentTopic), total };
}

export async function allTopics(db: Db, tenantId: number): Promise<TopicRow[]> {
  return (await topicColumns(db, tenantId, {}).orderBy('t.id').limit(20_000).execute()).map(presentTopic);
}

export async function findTopic(db: Db, tenantId: number, id: number): Promise<TopicRow | undefined> {
  const row = await topicColumns(db, tenantId, {}).where('t.id', '=', id).executeTakeFirst();
  return row ? presentTopic(row) : undefined;
}

export interface TopicValues {
  body_id: number;
  title: string;
  summary: string;
  proposer: string;
  department_id: number | null;
  category: TopicCategory;
  amount_cents: number | null;
  campus: string;
  studied_by_topic_id: number | null;
}

export async function insertTopic(db: Db, tenantId: number, values: TopicValues, prereview: PrereviewItem[], createdBy: number): Promise<number> {
  return (await db.insertInto('decision_topics').values({ tenant_id: tenantId, ...values, prereview: JSON.stringify(prereview), created_by: createdBy }).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateTopic(db: Db, tenantId: number, id: number, version: number, values: Partial<TopicValues> & { stage?: TopicStage; prereview?: PrereviewItem[] }): Promise<boolean> {
  const { prereview, ...rest } = values;
  return updateVersioned(db, 'decision_topics', tenantId, id, version, { ...rest, ...(prereview ? { prereview: JSON.stringify(prereview) } : {}) });
}

/** Moves a topic's stage as a consequence of another record (agenda, decision, tasks, evaluation). */
export async function setTopicStage(db: Db, tenantId: number, id: number, stage: TopicStage): Promise<void> {
  await db
    .updateTable('decision_topics')
    .set((eb) => ({ stage, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

// ---------------------------------------------------------------------------------------
// Meetings, attendance, agenda

export interface MeetingRow {
  id: number;
  bodyId: number;
  bodyKind: DecisionBodyKind;
  bodyName: string;
  heldOn: string;
  number: string;
  firstTopic: string;
  note: string;
  version: number;
  topics: number;
}

function meetingColumns(db: Db, tenantId: number) {
  return db
    .selectFrom('decision_meetings as m')
    .innerJoin('decision_bodies as b', (j) => j.onRef('b.tenant_id', '=', 'm.tenant_id').onRef('b.id', '=', 'm.body_id'))
    .where('m.tenant_id', '=', tenantId)
    .select((eb) => [
      'm.id',
      'm.body_id',
      'b.kind as body_kind',
      'b.name as body_name',
      'm.held_on',
      'm.number',
      'm.first_topic',
      'm.note',
      'm.version',
      eb
        .selectFrom('decision_agenda_items as a')
        .select((x) => x.fn.countAll<number>().as('n'))
        .whereRef('a.tenant_id', '=', 'm.tenant_id')
        .whereRef('a.meeting_id', '=', 'm.id')
        .as('topics'),
    ]);
}

type MeetingSelect = Awaited<ReturnType<ReturnType<typeof meetingColumns>['execute']>>[number];
const presentMeeting = (r: MeetingSelect): MeetingRow => ({
  id: r.id,
  bodyId: r.body_id,
  bodyKind: r.body_kind,
  bodyName: r.body_name,
  heldOn: r.held_on,
  number: r.number,
  firstTopic: r.first_topic,
  note: r.note,
  version: r.version,
  topics: Number(r.topics ?? 0),
});

export async function listMeetings(db: Db, tenantId: number, f: { bodyId?: number | undefined; year?: number | undefined }, page: { limit: number; offset: number }) {
  let base = db.selectFrom('decision_meetings as m').where('m.tenant_id', '=', tenantId);
  let q = meetingColumns(db, tenantId);
  if (f.bodyId) {
    base = base.where('m.body_id', '=', f.bodyId);
    q = q.where('m.body_id', '=', f.bodyId);
  }
  if (f.year) {
    base = base.where('m.held_on', '>=', `${f.year}-01-01`).where('m.held_on', '<=', `${f.year}-12-31`);
    q = q.where('m.held_on', '>=', `${f.year}-01-01`).where('m.held_on', '<=', `${f.year}-12-31`);
  }
  const [total, rows] = await countWithPage(db, base.select('m.id'), q.orderBy('m.held_on', 'desc').orderBy('m.id', 'desc').limit(page.limit).offset(page.offset).execute());
  return { items: rows.map(presentMeeting), total };
}

export async function findMeeting(db: Db, tenantId: number, id: number): Promise<MeetingRow | undefined> {
  const row = await meetingColumns(db, tenantId).where('m.id', '=', id).executeTakeFirst();
  return row ? presentMeeting(row) : undefined;
}

export interface MeetingValues {
  body_id: number;
  held_on: string;
  number: string;
  first_topic: string;
  note: string;
}

export async function insertMeeting(db: Db, tenantId: number, values: MeetingValues): Promise<number> {
  return (await db.insertInto('decision_meetings').values({ tenant_id: tenantId, ...values }).returning('id').executeTakeFirstOrThrow()).id;
}

export async function touchMeeting(db: Db, tenantId: number, id: number, version: number, values: Partial<Omit<MeetingValues, 'body_id'>> = {}): Promise<boolean> {
  return updateVersioned(db, 'decision_meetings', tenantId, id, version, values);
}

export interface AttendanceRow {
  bodyMemberId: number;
  present: boolean;
  leaveReason: string;
}

export async function attendanceOf(db: Db, tenantId: number, meetingId: number): Promise<AttendanceRow[]> {
  const rows = await db.selectFrom('decision_attendance').select(['body_member_id', 'present', 'leave_reason']).where('tenant_id', '=', tenantId).where('meeting_id', '=', meetingId).execute();
  return rows.map((r) => ({ bodyMemberId: r.body_member_id, present: r.present, leaveReason: r.leave_reason }));
}

export async function saveAttendance(db: Db, tenantId: number, meetingId: number, rows: readonly AttendanceRow[]): Promise<void> {
  await replaceOwnedRows(db, 'decision_attendance', tenantId, 'meeting_id', meetingId, rows.map((r) => ({ body_member_id: r.bodyMemberId, present: r.present, leave_reason: r.leaveReason })));
}

export interface AgendaRow {
  id: number;
  meetingId: number;
  topicId: number;
  topicTitle: string;
  category: TopicCategory;
  amountCents: number | null;
  seq: number;
  recused: number[];
  discussion: string;
  decision: string;
  votesFor: number | null;
  votesAgainst: number | null;
  votesAbstain: number | null;
  views: string;
  result: DecisionResult | null;
  version: number;
}

function agendaColumns(db: Db, tenantId: number) {
  return db
    .selectFrom('decision_agenda_items as a')
    .innerJoin('decision_topics as t', (j) => j.onRef('t.tenant_id', '=', 'a.tenant_id').onRef('t.id', '=', 'a.topic_id'))
    .where('a.tenant_id', '=', tenantId)
    .select([
      'a.id',
      'a.meeting_id',
      'a.topic_id',
      't.title as topic_title',
      't.category',
      't.amount_cents',
      'a.seq',
      'a.recused',
      'a.discussion',
      'a.decision',
      'a.votes_for',
      'a.votes_against',
      'a.votes_abstain',
      'a.views',
      'a.result',
      'a.version',
    ]);
}

type AgendaSelect = Awaited<ReturnType<ReturnType<typeof agendaColumns>['execute']>>[number];
const presentAgenda = (r: AgendaSelect): AgendaRow => ({
  id: r.id,
  meetingId: r.meeting_id,
  topicId: r.topic_id,
  topicTitle: r.topic_title,
  category: r.category,
  amountCents: r.amount_cents === null ? null : Number(r.amount_cents),
  seq: r.seq,
  recused: ((typeof r.recused === 'string' ? JSON.parse(r.recused) : r.recused) as number[]).map(Number),
  discussion: r.discussion,
  decision: r.decision,
  votesFor: r.votes_for,
  votesAgainst: r.votes_against,
  votesAbstain: r.votes_abstain,
  views: r.views,
  result: r.result,
  version: r.version,
});

export async function agendaOf(db: Db, tenantId: number, meetingId: number): Promise<AgendaRow[]> {
  return (await agendaColumns(db, tenantId).where('a.meeting_id', '=', meetingId).orderBy('a.seq').execute()).map(presentAgenda);
}

export async function findAgendaItem(db: Db, tenantId: number, meetingId: number, id: number): Promise<AgendaRow | undefined> {
  const row = await agendaColumns(db, tenantId).where('a.meeting_id', '=', meetingId).where('a.id', '=', id).executeTakeFirst();
  return row ? presentAgenda(row) : undefined;
}

export interface TopicHearing {
  meetingId: number;
  heldOn: string;
  bodyKind: DecisionBodyKind;
  bodyName: string;
  result: DecisionResult | null;
  decision: string;
}

/** Where a topic (or several) was heard, oldest first. */
export async function hearingsOf(db: Db, tenantId: number, topicIds: readonly number[]): Promise<Array<TopicHearing & { topicId: number }>> {
  if (topicIds.length === 0) return [];
  const rows = await db
    .selectFrom('decision_agenda_items as a')
    .innerJoin('decision_meetings as m', (j) => j.onRef('m.tenant_id', '=', 'a.tenant_id').onRef('m.id', '=', 'a.meeting_id'))
    .innerJoin('decision_bodies as b', (j) => j.onRef('b.tenant_id', '=', 'm.tenant_id').onRef('b.id', '=', 'm.body_id'))
    .select(['a.topic_id', 'm.id as meeting_id', 'm.held_on', 'b.kind', 'b.name', 'a.result', 'a.decision'])
    .where('a.tenant_id', '=', tenantId)
    .where('a.topic_id', 'in', [...topicIds])
    .orderBy('m.held_on')
    .orderBy('a.id')
    .execute();
  return rows.map((r) => ({ topicId: r.topic_id, meetingId: r.meeting_id, heldOn: r.held_on, bodyKind: r.kind, bodyName: r.name, result: r.result, decision: r.decision }));
}

export async function insertAgendaItem(db: Db, tenantId: number, meetingId: number, topicId: number): Promise<number> {
  const last = await db.selectFrom('decision_agenda_items').select((eb) => eb.fn.max('seq').as('seq')).where('tenant_id', '=', tenantId).where('meeting_id', '=', meetingId).executeTakeFirst();
  const seq = Number(last?.seq ?? 0) + 1;
  return (await db.insertInto('decision_agenda_items').values({ tenant_id: tenantId, meeting_id: meetingId, topic_id: topicId, seq, recused: '[]' }).returning('id').executeTakeFirstOrThrow()).id;
}

export interface DecisionValues {
  recused: number[];
  discussion: string;
  decision: string;
  votes_for: number | null;
  votes_against: number | null;
  votes_abstain: number | null;
  views: string;
  result: DecisionResult;
}

export async function updateAgendaItem(db: Db, tenantId: number, id: number, version: number, values: DecisionValues): Promise<boolean> {
  return updateVersioned(db, 'decision_agenda_items', tenantId, id, version, { ...values, recused: JSON.stringify(values.recused) });
}

// ---------------------------------------------------------------------------------------
// Tasks and feedback

export interface TaskRow {
  id: number;
  topicId: number;
  topicTitle: string;
  bodyKind: DecisionBodyKind;
  title: string;
  department: string;
  ownerUserId: number | null;
  ownerName: string;
  deadline: string;
  campus: string;
  status: 'open' | 'closed';
  closedOn: string | null;
  version: number;
}

function taskColumns(db: Db, tenantId: number) {
  return db
    .selectFrom('decision_tasks as k')
    .innerJoin('decision_topics as t', (j) => j.onRef('t.tenant_id', '=', 'k.tenant_id').onRef('t.id', '=', 'k.topic_id'))
    .innerJoin('decision_bodies as b', (j) => j.onRef('b.tenant_id', '=', 't.tenant_id').onRef('b.id', '=', 't.body_id'))
    .where('k.tenant_id', '=', tenantId)
    .select(['k.id', 'k.topic_id', 't.title as topic_title', 'b.kind as body_kind', 'k.title', 'k.department', 'k.owner_user_id', 'k.owner_name', 'k.deadline', 'k.campus', 'k.status', 'k.closed_on', 'k.version']);
}

type TaskSelect = Awaited<ReturnType<ReturnType<typeof taskColumns>['execute']>>[number];
const presentTask = (r: TaskSelect): TaskRow => ({
  id: r.id,
  topicId: r.topic_id,
  topicTitle: r.topic_title,
  bodyKind: r.body_kind,
  title: r.title,
  department: r.department,
  ownerUserId: r.owner_user_id,
  ownerName: r.owner_name,
  deadline: r.deadline,
  campus: r.campus,
  status: r.status,
  closedOn: r.closed_on,
  version: r.version,
});

/** Tasks (all of the unit, of a topic, or of an owner), by deadline; at most 20,000. */
/**
 * Tasks by filter. `yearOf`: the tasks a year's figures count, those due in the year and those
 * still open past their deadline (overdue) whatever their year.
 */
export async function listTasks(
  db: Db,
  tenantId: number,
  f: { topicId?: number; ownerUserId?: number; openOnly?: boolean; deadlineUpTo?: string; yearOf?: { year: number; today: string } },
): Promise<TaskRow[]> {
  let q = taskColumns(db, tenantId);
  if (f.yearOf) {
    const { year, today } = f.yearOf;
    q = q.where((eb) => eb.or([eb('k.deadline', '>=', `${year}-01-01`).and('k.deadline', '<=', `${year}-12-31`), eb('k.closed_on', 'is', null).and('k.deadline', '<', today)]));
  }
  if (f.topicId) q = q.where('k.topic_id', '=', f.topicId);
  if (f.ownerUserId) q = q.where('k.owner_user_id', '=', f.ownerUserId);
  if (f.openOnly) q = q.where('k.status', '=', 'open');
  if (f.deadlineUpTo) q = q.where('k.deadline', '<=', f.deadlineUpTo);
  return (await q.orderBy('k.deadline').orderBy('k.id').limit(20_000).execute()).map(presentTask);
}

/**
 * The tasks listTasks({ yearOf }) reads (due in the year, or overdue from before), counted by
 * campus and by their state on `today` — core taskState's rule in SQL (closed on or before the
 * deadline, closed after it, past it, within `dueSoonDays` of it, open): the overview's card,
 * without a task's row. The campus is '' where none is recorded.
 */
export async function taskStateCounts(db: Db, tenantId: number, year: number, today: string, dueSoonDays: number): Promise<{ campus: string; state: TaskState; n: number }[]> {
  const rows = await sql<{ campus: string; state: TaskState; n: string }>`
    select x.campus, x.state, count(*) as n
    from (
      select k.campus, case
        when k.closed_on is not null then case when k.closed_on > k.deadline then 'closed_late' else 'closed_on_time' end
        when k.deadline < ${today}::date then 'overdue'
        when k.deadline <= ${today}::date + ${dueSoonDays}::int then 'due_soon'
        else 'open' end as state
      from decision_tasks k
      join decision_topics t on t.tenant_id = k.tenant_id and t.id = k.topic_id
      join decision_bodies b on b.tenant_id = t.tenant_id and b.id = t.body_id
      where k.tenant_id = ${tenantId}
        and ((k.deadline >= ${`${year}-01-01`}::date and k.deadline <= ${`${year}-12-31`}::date) or (k.closed_on is null and k.deadline < ${today}::date))
    ) x
    group by x.campus, x.state`.execute(db);
  return rows.rows.map((r) => ({ campus: r.campus, state: r.state, n: Number(r.n) }));
}

export async function findTask(db: Db, tenantId: number, id: number): Promise<TaskRow | undefined> {
  const row = await taskColumns(db, tenantId).where('k.id', '=', id).executeTakeFirst();
  return row ? presentTask(row) : undefined;
}

export interface TaskValues {
  title: string;
  department: string;
  owner_user_id: number | null;
  owner_name: string;
  deadline: string;
  campus: string;
}

export async function insertTask(db: Db, tenantId: number, topicId: number, values: TaskValues): Promise<number> {
  return (await db.insertInto('decision_tasks').values({ tenant_id: tenantId, topic_id: topicId, ...values }).returning('id').executeTakeFirstOrThrow()).id;
}

export async function closeTask(db: Db, tenantId: number, id: number, version: number, closedOn: string): Promise<boolean> {
  return updateVersioned(db, 'decision_tasks', tenantId, id, version, { status: 'closed' as const, closed_on: closedOn });
}

/** Where feedback entries keep their evidence files (lib/evidence.ts). */
export const feedbackFileStore: EvidenceStore = { table: 'decision_feedback_files', owner: 'feedback_id' };

export interface FeedbackRow {
  id: number;
  taskId: number;
  reportedOn: string;
  progress: string;
  completes: boolean;
  createdByName: string;
  /** Its evidence files as lists show them (withdrawn ones too, with the reason). */
  files: ReturnType<typeof presentUpload>[];
}

export async function feedbackOf(db: Db, tenantId: number, taskIds: readonly number[]): Promise<FeedbackRow[]> {
  if (taskIds.length === 0) return [];
  const rows = await db
    .selectFrom('decision_task_feedback')
    .select(['id', 'task_id', 'reported_on', 'progress', 'completes', 'created_by_name'])
    .where('tenant_id', '=', tenantId)
    .where('task_id', 'in', [...taskIds])
    .orderBy('reported_on')
    .orderBy('id')
    .execute();
  const files = await evidenceFilesOf(db, feedbackFileStore, tenantId, rows.map((r) => r.id));
  return rows.map((r) => ({
    id: r.id,
    taskId: r.task_id,
    reportedOn: r.reported_on,
    progress: r.progress,
    completes: r.completes,
    createdByName: r.created_by_name,
    files: files.filter((f) => f.ownerId === r.id).map(presentUpload),
  }));
}

/** One feedback entry of a task, or undefined. */
export async function findFeedback(db: Db, tenantId: number, taskId: number, feedbackId: number) {
  return db.selectFrom('decision_task_feedback').select(['id', 'task_id', 'reported_on', 'created_by']).where('tenant_id', '=', tenantId).where('task_id', '=', taskId).where('id', '=', feedbackId).executeTakeFirst();
}

export async function insertFeedback(db: Db, tenantId: number, taskId: number, values: { reported_on: string; progress: string; completes: boolean }, who: { userId: number; name: string }): Promise<number> {
  return (
    await db
      .insertInto('decision_task_feedback')
      .values({ tenant_id: tenantId, task_id: taskId, ...values, created_by: who.userId, created_by_name: who.name })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

// ---------------------------------------------------------------------------------------
// Evaluations

export interface EvaluationRow {
  topicId: number;
  evaluatedOn: string;
  effect: string;
  problems: string;
  ruleChangeNeeded: boolean;
  revisedRuleTitle: string;
  revisedRuleOn: string | null;
  version: number;
}

export async function findEvaluation(db: Db, tenantId: number, topicId: number): Promise<EvaluationRow | undefined> {
  const r = await db.selectFrom('decision_evaluations').selectAll().where('tenant_id', '=', tenantId).where('topic_id', '=', topicId).executeTakeFirst();
  return r
    ? { topicId: r.topic_id, evaluatedOn: r.evaluated_on, effect: r.effect, problems: r.problems, ruleChangeNeeded: r.rule_change_needed, revisedRuleTitle: r.revised_rule_title, revisedRuleOn: r.revised_rule_on, version: r.version }
    : undefined;
}

export interface EvaluationValues {
  evaluated_on: string;
  effect: string;
  problems: string;
  rule_change_needed: boolean;
  revised_rule_title: string;
  revised_rule_on: string | null;
}

export async function insertEvaluation(db: Db, tenantId: number, topicId: number, values: EvaluationValues): Promise<void> {
  await db.insertInto('decision_evaluations').values({ tenant_id: tenantId, topic_id: topicId, ...values }).execute();
}

export async function updateEvaluation(db: Db, tenantId: number, topicId: number, version: number, values: EvaluationValues): Promise<boolean> {
  const r = await db
    .updateTable('decision_evaluations')
    .set((eb) => ({ ...values, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('tenant_id', '=', tenantId)
    .where('topic_id', '=', topicId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Units with open tasks due by a day, for the reminder digest. */
export async function unitRoot(db: Db, tenantId: number) {
  return db.selectFrom('orgs').select(['id', 'name']).where('tenant_id', '=', tenantId).where('parent_id', 'is', null).orderBy('id').executeTakeFirst();
}

/** The unit's accounts by username (the demo links its offices and 承办人). */
export async function usersOfTenant(db: Db, tenantId: number) {
  return db.selectFrom('users').select(['id', 'username', 'name']).where('tenant_id', '=', tenantId).execute();
}

/** Accounts holding the 承办人 role (task owners), for assigning tasks. */
export async function taskOwnerAccounts(db: Db, tenantId: number) {
  return db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', (j) => j.onRef('r.tenant_id', '=', 'u.tenant_id').onRef('r.user_id', '=', 'u.id'))
    .select(['u.id', 'u.name', 'u.username'])
    .where('u.tenant_id', '=', tenantId)
    .where('r.role', '=', 'task_owner')
    .where('u.active', '=', true)
    .orderBy('u.name')
    .execute();
}
