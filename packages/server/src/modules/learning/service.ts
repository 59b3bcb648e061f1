/**
 * Learning, never scored (core learning.ts). Materials and series are the unit's shared reading:
 * anyone with learning.read reads them all; an org's materials are written by a caller whose
 * learning.write scope reaches the org. A study links a material to a meeting that studied it: a
 * branch's organisational-life record in the caller's write scope, or a 党委会 / 院长办公会, which
 * only a unit-wide writer (组织部, 党办) links. A note is the member's own: nobody else reads it.
 */
import { type LearningSettings, firstTopicCoverage } from '@hongyi/core';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Ctx } from '../../lib/context.js';
import { covers, requireInScope } from '../../lib/scope.js';
import { writeAudit } from '../../plugins/audit.js';
import { AppError, conflict, fieldError, notFound } from '../../plugins/errors.js';
import { loadSettings, saveSettings } from '../settings/service.js';
import {
  type MaterialFilter,
  type Readable,
  type StudyRow,
  allMaterials,
  deleteMaterial,
  deleteNote,
  deleteStudy,
  findDecisionMeeting,
  findMaterial,
  findNote,
  findOrg,
  findOrglifeRecord,
  findSeries,
  findStudy,
  insertMaterial,
  insertNote,
  insertSeries,
  insertStudy,
  listMaterials,
  listNotes,
  listSeries,
  materialExists,
  memberOrgPath,
  partyCommitteeMeetings,
  rootOrg,
  seriesNamed,
  studiesOf,
  takeIssueNumber,
  updateMaterial,
  updateNote,
  updateSeries,
} from './repository.js';

type Db = Ctx['db'] | Transaction<DB>;
interface Page {
  page: number;
  pageSize: number;
}
const limits = (p: Page) => ({ limit: p.pageSize, offset: (p.page - 1) * p.pageSize });

export async function learningSettings(ctx: Ctx, db: Db = ctx.db) {
  return loadSettings(db, ctx.tenantId, 'learning');
}

export async function saveLearningSettings(ctx: Ctx, value: LearningSettings, version: number) {
  return ctx.db.transaction().execute((trx) => saveSettings(trx, ctx.auditor, 'learning', value, version, { summary: '修改学习资料类别', language: ctx.language }));
}

/**
 * What the caller reads: a unit-wide role everything; a secretary the materials of their orgs,
 * those below and those above (the 党委's reach every branch); a member those of their own branch
 * and above. A sibling branch's materials, and its meetings, stay with it.
 */
async function readableOf(ctx: Ctx, db: Db = ctx.db): Promise<Readable> {
  const scope = ctx.scope('learning.read');
  if (scope.kind === 'tenant') return 'all';
  if (scope.kind === 'subtree') return scope.paths;
  const path = scope.memberId === null ? null : await memberOrgPath(db, ctx.tenantId, scope.memberId);
  return path ? [path] : [];
}

/** The readable set reaches an org: it lies under one of the paths, or on the way to one. */
const reaches = (readable: Readable, orgPath: string) => readable === 'all' || readable.some((p) => orgPath.startsWith(p) || p.startsWith(orgPath));

/** The org, when it exists in the unit (400 on the field) and the caller's write scope reaches it (403). */
async function orgToWrite(ctx: Ctx, db: Db, orgId: number, path: string) {
  const org = await findOrg(db, ctx.tenantId, orgId);
  return requireInScope(ctx.scope('learning.write'), org && { ...org, orgPath: org.path }, fieldError(ctx.language, path, 'LEARNING_ORG_UNKNOWN', { id: orgId }));
}

// ---------------------------------------------------------------------------------------
// Materials

export interface MaterialInput {
  orgId: number;
  kind: string;
  title: string;
  source: string;
  url: string;
  summary: string;
  publishedOn: string;
  firstTopic: boolean;
  seriesId: number | null;
}

type MaterialRow = NonNullable<Awaited<ReturnType<typeof findMaterial>>>;

async function materialToRead(ctx: Ctx, db: Db, id: number): Promise<MaterialRow> {
  const readable = await readableOf(ctx, db);
  const row = await findMaterial(db, ctx.tenantId, id);
  if (!row) throw notFound('LEARNING_MATERIAL_NOT_FOUND', id);
  if (!reaches(readable, row.orgPath)) throw new AppError(403, 'OUT_OF_SCOPE');
  return row;
}

async function materialToWrite(ctx: Ctx, db: Db, id: number): Promise<MaterialRow> {
  const row = await findMaterial(db, ctx.tenantId, id);
  return requireInScope(ctx.scope('learning.write'), row, notFound('LEARNING_MATERIAL_NOT_FOUND', id));
}

async function checkMaterial(ctx: Ctx, db: Db, input: MaterialInput, before: MaterialRow | null) {
  const org = await orgToWrite(ctx, db, input.orgId, 'body.orgId');
  const { kinds } = (await learningSettings(ctx, db)).value;
  if (!kinds.includes(input.kind) && before?.kind !== input.kind) throw fieldError(ctx.language, 'body.kind', 'LEARNING_KIND_UNKNOWN', { kind: input.kind });
  if (input.publishedOn > ctx.today) throw fieldError(ctx.language, 'body.publishedOn', 'LEARNING_DATE_FUTURE', { date: input.publishedOn });
  if (input.url && !/^https?:\/\//i.test(input.url)) throw fieldError(ctx.language, 'body.url', 'LEARNING_URL_INVALID');
  if (input.seriesId !== null) {
    const series = await findSeries(db, ctx.tenantId, input.seriesId);
    if (!series || !org.path.startsWith(series.orgPath)) throw fieldError(ctx.language, 'body.seriesId', 'LEARNING_SERIES_UNKNOWN', { id: input.seriesId });
  }
  return { org_id: org.id, kind: input.kind, title: input.title, source: input.source, url: input.url, summary: input.summary, published_on: input.publishedOn, first_topic: input.firstTopic };
}

const present = ({ orgPath: _p, ...m }: MaterialRow) => m;

export async function materialList(ctx: Ctx, f: MaterialFilter, page: Page) {
  const { items, total } = await listMaterials(ctx.db, ctx.tenantId, await readableOf(ctx), f, limits(page));
  return { items: items.map(present), total };
}

/** The studies the caller may see: a 党委会 or 院长办公会 is the unit's; a branch's meeting shows only where the reader reaches the branch. */
function visibleStudies(ctx: Ctx, readable: Readable, studies: readonly StudyRow[]) {
  return studies.filter((s) => s.kind === 'decision' || reaches(readable, s.orgPath)).map((s) => presentStudy(ctx, s));
}

/** A study as the API shows it; where the caller may open the meeting, its link (the web decides by permission). */
function presentStudy(ctx: Ctx, s: StudyRow) {
  const open = s.kind === 'orglife' ? ctx.can('orglife.read') && covers(ctx.scope('orglife.read'), s.orgPath) : ctx.can('decisions.read');
  const { orgPath: _p, materialId: _m, ...rest } = s;
  return { ...rest, open };
}

export async function materialDetail(ctx: Ctx, id: number) {
  const m = await materialToRead(ctx, ctx.db, id);
  const studies = await studiesOf(ctx.db, ctx.tenantId, [id]);
  const canEdit = ctx.can('learning.write') && covers(ctx.scope('learning.write'), m.orgPath);
  return { ...present(m), studyList: visibleStudies(ctx, await readableOf(ctx), studies), canEdit };
}

export async function createMaterial(ctx: Ctx, input: MaterialInput): Promise<{ id: number; issueNo: number | null }> {
  return ctx.db.transaction().execute(async (trx) => {
    const values = await checkMaterial(ctx, trx, input, null);
    const issueNo = input.seriesId === null ? null : await takeIssueNumber(trx, ctx.tenantId, input.seriesId);
    const id = await insertMaterial(trx, ctx.tenantId, { ...values, series_id: input.seriesId, issue_no: issueNo, created_by: ctx.auditor.userId });
    await writeAudit(trx, ctx.auditor, { action: 'create', entityType: 'learning_material', entityId: id, summary: `登记学习资料：${values.title}${issueNo ? `（第 ${issueNo} 期）` : ''}`, after: { ...values, series_id: input.seriesId, issue_no: issueNo } });
    return { id, issueNo };
  });
}

export async function changeMaterial(ctx: Ctx, id: number, version: number, input: MaterialInput): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await materialToWrite(ctx, trx, id);
    const values = await checkMaterial(ctx, trx, input, before);
    // Moving into another series takes that series' next number; staying keeps the issue's number.
    const issueNo = input.seriesId === null ? null : input.seriesId === before.seriesId ? before.issueNo : await takeIssueNumber(trx, ctx.tenantId, input.seriesId);
    if (!(await updateMaterial(trx, ctx.tenantId, id, version, { ...values, series_id: input.seriesId, issue_no: issueNo }))) throw conflict();
    await writeAudit(trx, ctx.auditor, { action: 'update', entityType: 'learning_material', entityId: id, summary: `修改学习资料：${values.title}`, before: present(before), after: { ...values, series_id: input.seriesId, issue_no: issueNo } });
  });
}

export async function removeMaterial(ctx: Ctx, id: number, version: number): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await materialToWrite(ctx, trx, id);
    if (!(await deleteMaterial(trx, ctx.tenantId, id, version))) throw conflict();
    await writeAudit(trx, ctx.auditor, { action: 'delete', entityType: 'learning_material', entityId: id, summary: `删除学习资料：${before.title}`, before: present(before) });
  });
}

// ---------------------------------------------------------------------------------------
// Studies

export async function addStudy(ctx: Ctx, materialId: number, link: { orglifeRecordId?: number | undefined; decisionMeetingId?: number | undefined }) {
  return ctx.db.transaction().execute(async (trx) => {
    const material = await materialToRead(ctx, trx, materialId);
    const scope = ctx.scope('learning.write');
    let where: string;
    if (link.orglifeRecordId !== undefined) {
      const record = await findOrglifeRecord(trx, ctx.tenantId, link.orglifeRecordId);
      requireInScope(scope, record, fieldError(ctx.language, 'body.orglifeRecordId', 'LEARNING_RECORD_UNKNOWN', { id: link.orglifeRecordId }));
      where = `${record!.orgName} ${record!.heldOn}`;
    } else {
      const meeting = await findDecisionMeeting(trx, ctx.tenantId, link.decisionMeetingId!);
      if (!meeting) throw fieldError(ctx.language, 'body.decisionMeetingId', 'LEARNING_MEETING_UNKNOWN', { id: link.decisionMeetingId });
      // A 党委会 or 院长办公会 is the whole unit's: only a unit-wide writer links it.
      if (scope.kind !== 'tenant') throw new AppError(403, 'OUT_OF_SCOPE');
      where = `${meeting.bodyName} ${meeting.heldOn}`;
    }
    const id = await insertStudy(trx, ctx.tenantId, materialId, { orglife_record_id: link.orglifeRecordId ?? null, decision_meeting_id: link.decisionMeetingId ?? null }, ctx.auditor.userId);
    if (id === null) throw fieldError(ctx.language, link.orglifeRecordId !== undefined ? 'body.orglifeRecordId' : 'body.decisionMeetingId', 'LEARNING_STUDY_TWICE');
    await writeAudit(trx, ctx.auditor, { action: 'create', entityType: 'learning_study', entityId: id, summary: `记录学习：${where} 学习“${material.title}”`, after: { materialId, ...link } });
    return { id };
  });
}

export async function removeStudy(ctx: Ctx, materialId: number, studyId: number): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const material = await materialToRead(ctx, trx, materialId);
    const study = await findStudy(trx, ctx.tenantId, materialId, studyId);
    if (!study) throw notFound('LEARNING_STUDY_NOT_FOUND', studyId);
    const scope = ctx.scope('learning.write');
    if (study.kind === 'orglife' ? !covers(scope, study.orgPath) : scope.kind !== 'tenant') throw new AppError(403, 'OUT_OF_SCOPE');
    await deleteStudy(trx, ctx.tenantId, studyId);
    await writeAudit(trx, ctx.auditor, { action: 'delete', entityType: 'learning_study', entityId: studyId, summary: `取消学习记录：${study.where} ${study.heldOn} 学习“${material.title}”`, before: { materialId, kind: study.kind, recordId: study.recordId } });
  });
}

// ---------------------------------------------------------------------------------------
// Series

export async function seriesList(ctx: Ctx) {
  return listSeries(ctx.db, ctx.tenantId, await readableOf(ctx));
}

export interface SeriesInput {
  orgId: number;
  name: string;
  description: string;
  plannedIssues: number | null;
}

export async function createSeries(ctx: Ctx, input: SeriesInput) {
  return ctx.db.transaction().execute(async (trx) => {
    const org = await orgToWrite(ctx, trx, input.orgId, 'body.orgId');
    if (await seriesNamed(trx, ctx.tenantId, org.id, input.name)) throw fieldError(ctx.language, 'body.name', 'LEARNING_SERIES_NAME_TAKEN', { name: input.name });
    const values = { org_id: org.id, name: input.name, description: input.description, planned_issues: input.plannedIssues };
    const id = await insertSeries(trx, ctx.tenantId, values);
    await writeAudit(trx, ctx.auditor, { action: 'create', entityType: 'learning_series', entityId: id, summary: `新建学习系列：${input.name}`, after: values });
    return { id };
  });
}

export async function changeSeries(ctx: Ctx, id: number, version: number, input: Omit<SeriesInput, 'orgId'>) {
  await ctx.db.transaction().execute(async (trx) => {
    const before = requireInScope(ctx.scope('learning.write'), await findSeries(trx, ctx.tenantId, id), notFound('LEARNING_SERIES_NOT_FOUND', id));
    if (input.name !== before.name && (await seriesNamed(trx, ctx.tenantId, before.orgId, input.name))) throw fieldError(ctx.language, 'body.name', 'LEARNING_SERIES_NAME_TAKEN', { name: input.name });
    if (input.plannedIssues !== null && input.plannedIssues < before.lastIssue) throw fieldError(ctx.language, 'body.plannedIssues', 'LEARNING_SERIES_PLANNED_BELOW', { issued: before.lastIssue });
    const values = { name: input.name, description: input.description, planned_issues: input.plannedIssues };
    if (!(await updateSeries(trx, ctx.tenantId, id, version, values))) throw conflict();
    const { orgPath: _p, ...old } = before;
    await writeAudit(trx, ctx.auditor, { action: 'update', entityType: 'learning_series', entityId: id, summary: `修改学习系列：${input.name}`, before: old, after: values });
  });
}

// ---------------------------------------------------------------------------------------
// 第一议题

/** The 第一议题 library of a year: the materials marked as such with the meetings that studied them, and which 党委会 opened with one. */
export async function firstTopics(ctx: Ctx, year: number) {
  const readable = await readableOf(ctx);
  const from = `${year}-01-01`;
  const to = `${year}-12-31` < ctx.today ? `${year}-12-31` : ctx.today;
  const materials = await allMaterials(ctx.db, ctx.tenantId, readable, { firstTopic: true, year });
  const studies = await studiesOf(ctx.db, ctx.tenantId, materials.map((m) => m.id));
  const meetings = from <= to ? await partyCommitteeMeetings(ctx.db, ctx.tenantId, from, to) : [];
  const coverage = firstTopicCoverage(meetings.map((m) => ({ meetingId: Number(m.id), heldOn: m.heldOn, studied: m.studied, written: m.written })));
  const root = await rootOrg(ctx.db, ctx.tenantId);
  return {
    year,
    rootOrgId: root?.id ?? null,
    topics: materials.map((m) => ({ ...present(m), studyList: visibleStudies(ctx, readable, studies.filter((s) => s.materialId === m.id)) })),
    meetings: meetings.map((m) => ({ id: Number(m.id), heldOn: m.heldOn, number: m.number, bodyName: m.bodyName, studied: m.studied, written: m.written })),
    coverage,
  };
}

// ---------------------------------------------------------------------------------------
// A member's own notes

function ownMember(ctx: Ctx): number {
  ctx.scope('learning.read');
  if (ctx.memberId === null) throw new AppError(403, 'LEARNING_NOTES_NO_MEMBER');
  return ctx.memberId;
}

export interface NoteInput {
  materialId: number | null;
  notedOn: string;
  content: string;
}

async function checkNote(ctx: Ctx, db: Db, input: NoteInput) {
  if (input.notedOn > ctx.today) throw fieldError(ctx.language, 'body.notedOn', 'LEARNING_DATE_FUTURE', { date: input.notedOn });
  if (input.materialId !== null && !(await materialExists(db, ctx.tenantId, input.materialId))) throw fieldError(ctx.language, 'body.materialId', 'LEARNING_MATERIAL_UNKNOWN', { id: input.materialId });
  return { material_id: input.materialId, noted_on: input.notedOn, content: input.content };
}

/** The caller's own notes; an account without a member record keeps none (linked: false), which is no error to read. */
export async function noteList(ctx: Ctx, page: Page) {
  ctx.scope('learning.read');
  if (ctx.memberId === null) return { items: [], total: 0, linked: false };
  return { ...(await listNotes(ctx.db, ctx.tenantId, ctx.memberId, limits(page))), linked: true };
}

export async function createNote(ctx: Ctx, input: NoteInput) {
  const memberId = ownMember(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const values = await checkNote(ctx, trx, input);
    const id = await insertNote(trx, ctx.tenantId, memberId, values);
    // The audit names that a note was written, never what it says: it is the member's own.
    await writeAudit(trx, ctx.auditor, { action: 'create', entityType: 'learning_note', entityId: id, summary: `记学习笔记（${input.notedOn}）`, after: { materialId: input.materialId, notedOn: input.notedOn } });
    return { id };
  });
}

export async function changeNote(ctx: Ctx, id: number, version: number, input: NoteInput) {
  const memberId = ownMember(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await findNote(trx, ctx.tenantId, memberId, id))) throw notFound('LEARNING_NOTE_NOT_FOUND', id);
    const values = await checkNote(ctx, trx, input);
    if (!(await updateNote(trx, ctx.tenantId, memberId, id, version, values))) throw conflict();
    await writeAudit(trx, ctx.auditor, { action: 'update', entityType: 'learning_note', entityId: id, summary: `修改学习笔记（${input.notedOn}）`, after: { materialId: input.materialId, notedOn: input.notedOn } });
  });
}

export async function removeNote(ctx: Ctx, id: number, version: number) {
  const memberId = ownMember(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const before = await findNote(trx, ctx.tenantId, memberId, id);
    if (!before) throw notFound('LEARNING_NOTE_NOT_FOUND', id);
    if (!(await deleteNote(trx, ctx.tenantId, memberId, id, version))) throw conflict();
    await writeAudit(trx, ctx.auditor, { action: 'delete', entityType: 'learning_note', entityId: id, summary: `删除学习笔记（${before.notedOn}）`, before: { materialId: before.materialId, notedOn: before.notedOn } });
  });
}

/** Every material under the filter with the meetings that studied it, for the export. */
export async function materialsForExport(ctx: Ctx, f: MaterialFilter) {
  const readable = await readableOf(ctx);
  const materials = await allMaterials(ctx.db, ctx.tenantId, readable, f);
  const studies = await studiesOf(ctx.db, ctx.tenantId, materials.map((m) => m.id));
  return materials.map((m) => ({ ...present(m), studyList: visibleStudies(ctx, readable, studies.filter((s) => s.materialId === m.id)) }));
}
