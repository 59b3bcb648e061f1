/**
 * Member development's rules: a file is opened with the application (step 1) and grows by
 * entries checked against the 细则 (core checkDevelopmentEntry) — refused with every violation,
 * or, for imported history, kept with warnings. Corrections are new entries; the history is
 * append-only. Each write claims the file's version (409 when stale), is audited, and brings
 * the file's derived columns and the member record in line (syncFile: step 17 makes the
 * member, step 24 makes them 正式党员).
 */
import {
  DEFAULT_HOLIDAYS,
  DEVELOPMENT_STEP,
  type DataScope,
  type DevelopmentDetails,
  type DevelopmentEntryFacts,
  type DevelopmentEntryKind,
  type DevelopmentViolation,
  type HolidayData,
  type Language,
  type PersonFacts,
  WorkingDayCalendar,
  checkDevelopmentEntry,
  compareDates,
  developmentDues,
  developmentProgress,
  parseIdNumber,
  stepDef,
} from '@hongyi/core';
import type { Kysely, Transaction } from 'kysely';
import type { DB, DevelopmentFileStatus } from '../../db/schema.js';
import type { Auditor, Ctx } from '../../lib/context.js';
import { personViewer } from '../../lib/person.js';
import { covers, requireInScope } from '../../lib/scope.js';
import { writeAudit } from '../../plugins/audit.js';
import { AppError, conflict, notFound } from '../../plugins/errors.js';
import { translate } from '../../plugins/i18n.js';
import { nameColumns } from '../members/pinyin.js';
import { insertMember, memberByIdNumber } from '../members/repository.js';
import { idNumberTakenError, memberReadScope, officialEthnicity } from '../members/service.js';
import { ruleSettingsOf } from '../settings/service.js';
import { fileDocuments } from './service-documents.js';
import { generatedDocuments } from './documents.js';
import { DUE_NAMES } from './labels.js';
import { type EntryPerson, type StoredWarning, presentApplicant, presentHistory } from './present.js';
import {
  type EntryFactsRow,
  type EntryRow,
  type FileRecord,
  type NewEntryRow,
  type NewFileRow,
  claimFileVersion,
  departmentExists,
  entriesOf,
  fileByIdNumber,
  fileRecord,
  fileRow,
  insertEntries,
  insertFile,
  memberForFile,
  membersByIds,
  orgForFile,
  setFileProgress,
  setMemberStanding,
  updateFileDetails,
} from './repository.js';
import { allHolidays } from './repository-holidays.js';

type Db = Kysely<DB> | Transaction<DB>;

/** Org types a development file may belong to (a party group's people belong to its branch). */
const BRANCH_TYPES = ['branch', 'joint_branch', 'temporary_branch', 'general_branch', 'committee'];

/** The working-day calendar from the global holidays table (the shipped schedule if empty). */
export async function loadCalendar(db: Db): Promise<WorkingDayCalendar> {
  const rows = await allHolidays(db);
  if (rows.length === 0) return new WorkingDayCalendar(DEFAULT_HOLIDAYS);
  const data: HolidayData = {};
  for (const r of rows) (data[r.day.slice(0, 4)] ??= { off: [], work: [] })[r.kind].push(r.day);
  return new WorkingDayCalendar(data);
}

/** Entries not replaced by a correction: the history the rules see. */
export function effective<T extends Pick<EntryRow, 'id' | 'corrects_id'>>(rows: readonly T[]): T[] {
  const corrected = new Set(rows.map((r) => r.corrects_id).filter((id): id is number => id !== null));
  return rows.filter((r) => !corrected.has(r.id));
}

export function toFacts(row: EntryFactsRow): DevelopmentEntryFacts {
  return {
    kind: row.kind,
    step: row.step,
    date: String(row.date),
    peopleIds: ((row.people as EntryPerson[] | null) ?? []).map((p) => p.memberId),
    details: (row.details as DevelopmentDetails | null) ?? {},
  };
}

/** What the rules need to know of the people an entry names. */
export async function peopleFacts(db: Db, tenantId: number, ids: readonly number[]): Promise<Map<number, PersonFacts>> {
  const rows = await membersByIds(db, tenantId, ids);
  return new Map(rows.map((r) => [r.id, { id: r.id, name: r.name, category: r.category, fullOn: r.full_on, status: r.status }]));
}

/** A refused entry: the first violation is the message, all of them are in the details. */
export function refusal(violations: readonly DevelopmentViolation[], language: Language): AppError {
  const first = violations[0] as DevelopmentViolation;
  return new AppError(422, first.code, first.params, violations.map((x) => ({ path: x.path, message: translate(x.code, language, x.params) })));
}

/** The file when it lies in the scope (a member sees only the file that became theirs); 404 / 403 OUT_OF_SCOPE otherwise. */
export async function requireFile(db: Db, tenantId: number, scope: DataScope, id: number): Promise<FileRecord> {
  const file = await fileRecord(db, tenantId, id);
  return requireInScope(scope, file && { ...file, orgPath: file.org_path, memberId: file.member_id }, notFound('DEV_FILE_NOT_FOUND', id));
}

/**
 * Refuses a second development file for the same ID number. The existing file's number is named
 * only when it lies in the caller's scope; otherwise the caller learns only that one exists elsewhere.
 */
export async function assertNoOtherFile(db: Db, tenantId: number, idNumber: string, scope: DataScope, exceptId?: number): Promise<void> {
  const taken = await fileByIdNumber(db, tenantId, idNumber, exceptId);
  if (!taken) return;
  if (scope.kind !== 'self' && covers(scope, taken.path)) throw new AppError(409, 'DEV_FILE_EXISTS', { id: taken.id });
  throw new AppError(409, 'DEV_FILE_EXISTS_ELSEWHERE');
}

/** Members with these statuses are (still) Party members: nobody opens a development file for them. */
const MEMBER_STATUSES_BLOCKING_A_FILE = new Set(['active', 'transferred_out', 'stopped']);

/**
 * Refuses a file for an ID number that belongs to a member (a Party member does not apply
 * again), naming them only to a caller who may see them. A file that became the member's own
 * (exceptMemberId) is not refused by its member.
 */
export async function assertNotAMember(db: Db, tenantId: number, idNumber: string, visible: DataScope | null, language: Language, exceptMemberId: number | null = null): Promise<void> {
  const holder = await memberByIdNumber(db, tenantId, idNumber);
  if (!holder || holder.id === exceptMemberId || !MEMBER_STATUSES_BLOCKING_A_FILE.has(holder.status)) return;
  throw idNumberTakenError(holder, visible, language, 'DEV_ID_NUMBER_IS_MEMBER');
}

/** The branch a file may be opened in or moved to: it exists, is branch-level and lies in the scope. */
async function requireBranch(db: Db, tenantId: number, scope: DataScope, orgId: number) {
  const org = await orgForFile(db, tenantId, orgId);
  if (!org) throw new AppError(400, 'ORG_NOT_FOUND', { id: orgId });
  if (!covers(scope, org.path)) throw new AppError(403, 'OUT_OF_SCOPE');
  if (!BRANCH_TYPES.includes(org.type)) throw new AppError(400, 'DEV_ORG_NOT_BRANCH');
  return org;
}

export interface EntryInput {
  kind: DevelopmentEntryKind;
  step: number | null;
  date: string;
  peopleIds: number[];
  details: DevelopmentDetails;
  documents: string[];
  note: string;
}

/** The stored row of an entry: who acted is the step's actor (the committee for a 公示, the branch otherwise), the people by name as on the day. */
export function entryRow(
  auditor: Pick<Auditor, 'userId' | 'username'>,
  fileId: number,
  input: EntryInput,
  people: ReadonlyMap<number, PersonFacts>,
  extra: { correctsId?: number; correctionReason?: string; imported?: boolean; warnings?: readonly StoredWarning[] } = {},
): NewEntryRow {
  const actor = input.kind === 'step' && input.step ? stepDef(input.step).actor : input.kind === 'notice' ? 'committee' : 'branch';
  return {
    file_id: fileId,
    kind: input.kind,
    step: input.kind === 'step' ? input.step : null,
    date: input.date,
    actor,
    people: JSON.stringify(input.peopleIds.map((id) => ({ memberId: id, name: people.get(id)?.name ?? '' }))),
    details: JSON.stringify(input.details),
    documents: JSON.stringify(input.documents),
    note: input.note,
    corrects_id: extra.correctsId ?? null,
    correction_reason: extra.correctionReason ?? '',
    imported: extra.imported ?? false,
    warnings: JSON.stringify(extra.warnings ?? []),
    created_by: auditor.userId,
    created_by_name: auditor.username,
  };
}

/**
 * Brings the file's derived columns and the member record in line with its history:
 * step 17 makes (or updates) the member as 预备党员 with 入党日期 = the branch meeting's date
 * (a new member starts their period in the branch that day, like any member added);
 * step 24 makes them 正式党员 from the end of probation (转正 date); a failed probation ends
 * their membership. Writes an audit row for every change to the member record.
 */
export async function syncFile(trx: Transaction<DB>, auditor: Auditor, fileId: number): Promise<void> {
  const tenantId = auditor.tenantId;
  const file = await fileRow(trx, tenantId, fileId);
  const progress = developmentProgress(effective(await entriesOf(trx, tenantId, fileId)).map(toFacts));
  const status = (progress.status ?? 'applicant') as DevelopmentFileStatus;
  let memberId = file.member_id;
  if (progress.stepDates[DEVELOPMENT_STEP.admission_approval] && progress.probationStart) {
    const full = progress.status === 'full';
    const want = {
      category: full ? ('full' as const) : ('probationary' as const),
      joined_on: progress.probationStart,
      full_on: full ? progress.probationEnd : null,
      // 取消预备党员资格 (党章 第七条) is its own member status, not 出党 ('left').
      status: progress.status === 'disqualified' ? ('disqualified' as const) : ('active' as const),
    };
    const existing = await memberForFile(trx, tenantId, file);
    if (!existing) {
      const person = { name: file.name, ...nameColumns(file.name), gender: file.gender, id_number: file.id_number, birth_date: file.birth_date, ethnicity: file.ethnicity, education: file.education, phone: file.phone };
      memberId = await insertMember(trx, tenantId, { ...person, org_id: file.org_id, department_id: file.department_id, ...want }, want.joined_on);
      await writeAudit(trx, auditor, {
        action: 'create',
        entityType: 'member',
        entityId: memberId,
        summary: `发展党员：${file.name} 经上级党委审批为预备党员（入党日期 ${want.joined_on}）`,
        after: { developmentFileId: fileId, ...want },
      });
    } else {
      memberId = existing.id;
      const before = { category: existing.category, joined_on: existing.joined_on, full_on: existing.full_on, status: existing.status };
      if (JSON.stringify(before) !== JSON.stringify(want)) {
        await setMemberStanding(trx, tenantId, existing.id, existing.version, want);
        await writeAudit(trx, auditor, {
          action: 'update',
          entityType: 'member',
          entityId: existing.id,
          summary: `发展党员：${file.name} 档案更新（${status}）`,
          before,
          after: { developmentFileId: fileId, ...want },
        });
      }
    }
  }
  await setFileProgress(trx, tenantId, fileId, { last_step: progress.lastStep, status, member_id: memberId });
}

/** Bumps the file's version or fails with 409: serialises concurrent writes to one file. */
export async function claimVersion(trx: Transaction<DB>, tenantId: number, fileId: number, version: number): Promise<void> {
  if (!(await claimFileVersion(trx, tenantId, fileId, version))) throw conflict();
}

/** What checkDevelopmentEntry needs besides the history: the calendar, the unit's rule settings and the people named. */
export async function ruleContext(db: Db, tenantId: number, input: { birthDate: string | null; peopleIds: readonly number[]; today: string }) {
  return {
    birthDate: input.birthDate,
    today: input.today,
    calendar: await loadCalendar(db),
    settings: await ruleSettingsOf(db, tenantId),
    people: await peopleFacts(db, tenantId, input.peopleIds),
  };
}

/** Records a new entry after checking it against the rules; 422 with every violation if refused. */
export async function addEntry(trx: Transaction<DB>, auditor: Auditor, language: Language, file: FileRecord, version: number, input: EntryInput, today: string): Promise<number> {
  await claimVersion(trx, auditor.tenantId, file.id, version);
  const history = effective(await entriesOf(trx, auditor.tenantId, file.id)).map(toFacts);
  const ctx = await ruleContext(trx, auditor.tenantId, { birthDate: file.birth_date, peopleIds: input.peopleIds, today });
  const violations = checkDevelopmentEntry(history, input, ctx);
  if (violations.length > 0) throw refusal(violations, language);
  const [id] = await insertEntries(trx, auditor.tenantId, [entryRow(auditor, file.id, input, ctx.people)]);
  await writeAudit(trx, auditor, {
    action: 'create',
    entityType: 'development_entry',
    entityId: id!,
    summary: `发展党员档案 ${file.name}：${input.kind === 'step' ? `第${input.step}步` : input.kind} ${input.date}`,
    after: { fileId: file.id, ...input },
  });
  await syncFile(trx, auditor, file.id);
  return id!;
}

/**
 * Records a correction: a new entry replacing an effective one, with a reason. The corrected
 * entry is checked against the history without the entry it replaces, and must not move
 * past the next recorded step.
 */
export async function correctEntry(
  trx: Transaction<DB>,
  auditor: Auditor,
  language: Language,
  file: FileRecord,
  version: number,
  entryId: number,
  reason: string,
  input: Omit<EntryInput, 'kind' | 'step'>,
  today: string,
): Promise<number> {
  await claimVersion(trx, auditor.tenantId, file.id, version);
  const rows = await entriesOf(trx, auditor.tenantId, file.id);
  const target = rows.find((r) => r.id === entryId);
  if (!target) throw notFound('DEV_ENTRY_NOT_FOUND', entryId);
  const live = effective(rows);
  if (!live.some((r) => r.id === entryId)) throw new AppError(409, 'DEV_ENTRY_SUPERSEDED', { id: entryId });
  const full: EntryInput = { ...input, kind: target.kind, step: target.step };
  const history = live.filter((r) => r.id !== entryId).map(toFacts);
  // Steps recorded after the corrected one stay; check it as if it were being recorded now
  // among the steps before it, then check it does not pass the next recorded step.
  const before = full.kind === 'step' ? history.filter((h) => h.kind !== 'step' || (h.step ?? 0) < (full.step ?? 0)) : history;
  const ctx = await ruleContext(trx, auditor.tenantId, { birthDate: file.birth_date, peopleIds: full.peopleIds, today });
  const violations = checkDevelopmentEntry(before, full, ctx).filter((x) => x.code !== 'DEV_FILE_CLOSED');
  if (full.kind === 'step') {
    const next = history.filter((h) => h.kind === 'step' && (h.step ?? 0) > (full.step ?? 0)).sort((a, b) => (a.step ?? 0) - (b.step ?? 0))[0];
    if (next && compareDates(full.date, next.date) > 0) {
      violations.push({ code: 'DEV_DATE_AFTER_NEXT', path: 'date', params: { date: full.date, nextStep: next.step ?? 0, nextDate: next.date } });
    }
  }
  if (violations.length > 0) throw refusal(violations, language);
  const [id] = await insertEntries(trx, auditor.tenantId, [entryRow(auditor, file.id, full, ctx.people, { correctsId: entryId, correctionReason: reason })]);
  await writeAudit(trx, auditor, {
    action: 'correct',
    entityType: 'development_entry',
    entityId: id!,
    summary: `发展党员档案 ${file.name}：更正记录 ${entryId}（${reason}）`,
    before: { id: target.id, date: target.date, people: target.people, details: target.details },
    after: { fileId: file.id, correctsId: entryId, reason, ...full },
  });
  await syncFile(trx, auditor, file.id);
  return id!;
}

/**
 * A file with a history already lived (an import, or the demo's people): the file, its entries
 * as given (each with the warnings its check left) and the sync of the member record, in the
 * caller's transaction. Steps recorded afterwards are checked as always.
 */
export async function createFileWithHistory(
  trx: Transaction<DB>,
  auditor: Auditor,
  file: NewFileRow,
  entries: readonly { entry: EntryInput; warnings: readonly StoredWarning[] }[],
  people: ReadonlyMap<number, PersonFacts>,
  options: { imported: boolean },
): Promise<number> {
  const fileId = await insertFile(trx, auditor.tenantId, file);
  await insertEntries(trx, auditor.tenantId, entries.map(({ entry, warnings }) => entryRow(auditor, fileId, entry, people, { imported: options.imported, warnings })));
  await syncFile(trx, auditor, fileId);
  return fileId;
}

/** Deadlines of a history: overdue, or within `withinDays` of today. */
export function duesOf(rows: readonly EntryFactsRow[], today: string, withinDays = 30) {
  return developmentDues(effective(rows).map(toFacts), today, withinDays);
}

// ---------------------------------------------------------------------------------------
// What the routes call

/** The file as the page shows it: the person, progress, deadlines, every entry, documents and whether the caller may record. */
export async function fileDetail(ctx: Ctx, scope: DataScope, id: number) {
  const file = await requireFile(ctx.db, ctx.tenantId, scope, id);
  const [rows, documents, settings] = await Promise.all([entriesOf(ctx.db, ctx.tenantId, id), fileDocuments.of(ctx, id), ruleSettingsOf(ctx.db, ctx.tenantId)]);
  const progress = developmentProgress(effective(rows).map(toFacts));
  return {
    ...presentApplicant(personViewer(ctx.grants), file),
    progress: {
      nextStep: progress.nextStep,
      stepDates: { ...progress.stepDates } as Record<string, string>,
      reviewDates: progress.reviewDates,
      probationStart: progress.probationStart,
      probationEnd: progress.probationEnd,
      probationExtensions: progress.probationExtensions,
      notice: progress.notice,
    },
    dues: duesOf(rows, ctx.today, 3650).map((d) => ({ ...d, label: DUE_NAMES[ctx.language][d.kind] })),
    entries: presentHistory(rows, ctx.language),
    uploads: documents,
    generated: generatedDocuments(id, progress.stepDates, progress.notice !== null, ctx.language),
    publicNotice: settings.publicNotice,
    ethnicity: file.ethnicity,
    departmentId: file.department_id,
    canWrite: ctx.can('development.write') && scope.kind !== 'self',
  };
}
export type FileDetail = Awaited<ReturnType<typeof fileDetail>>;

export interface NewFileInput {
  name: string;
  idNumber: string;
  orgId: number;
  ethnicity: string;
  education?: string | null;
  phone: string;
  departmentId?: number | null;
  appliedOn: string;
  documents: string[];
  note: string;
}

/** Opens a file with the application (step 1), in one transaction: refused for a member, a second file, an applicant under 18. */
export async function openFile(ctx: Ctx, input: NewFileInput): Promise<FileDetail> {
  const scope = ctx.scope('development.write');
  const parsed = parseIdNumber(input.idNumber);
  if (!parsed.ok) throw new AppError(400, 'DEV_ID_NUMBER_INVALID', {}, [{ path: 'idNumber', message: input.idNumber }]);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const org = await requireBranch(trx, ctx.tenantId, scope, input.orgId);
    await assertNoOtherFile(trx, ctx.tenantId, parsed.value.idNumber, scope);
    await assertNotAMember(trx, ctx.tenantId, parsed.value.idNumber, memberReadScope(ctx), ctx.language);
    const fileId = await insertFile(trx, ctx.tenantId, {
      name: input.name,
      gender: parsed.value.gender,
      id_number: parsed.value.idNumber,
      birth_date: parsed.value.birthDate,
      ethnicity: officialEthnicity(input.ethnicity, ctx.language),
      education: input.education ?? null,
      phone: input.phone,
      org_id: org.id,
      department_id: input.departmentId ?? null,
    });
    await writeAudit(trx, ctx.auditor, { action: 'create', entityType: 'development_file', entityId: fileId, summary: `建立发展党员档案：${input.name}`, after: { name: input.name, orgId: org.id } });
    const file = (await fileRecord(trx, ctx.tenantId, fileId))!;
    const application: EntryInput = { kind: 'step', step: DEVELOPMENT_STEP.application, date: input.appliedOn, peopleIds: [], details: {}, documents: input.documents, note: input.note };
    await addEntry(trx, ctx.auditor, ctx.language, file, 1, application, ctx.today);
    return fileId;
  });
  return fileDetail(ctx, scope, id);
}

export interface FileEdit {
  name?: string;
  idNumber?: string;
  ethnicity?: string;
  education?: string | null;
  phone?: string;
  orgId?: number;
  departmentId?: number | null;
}

/** Edits the person's details over the version read (409 otherwise), audited; a new ID number decides gender and birth date, a new branch must lie in the scope. */
export async function editFile(ctx: Ctx, id: number, version: number, edit: FileEdit): Promise<FileDetail> {
  const scope = ctx.scope('development.write');
  await ctx.db.transaction().execute(async (trx) => {
    const file = await requireFile(trx, ctx.tenantId, scope, id);
    const changes: Record<string, unknown> = {};
    if (edit.name !== undefined && edit.name !== file.name) changes.name = edit.name;
    if (edit.ethnicity !== undefined) {
      const ethnicity = officialEthnicity(edit.ethnicity, ctx.language);
      if (ethnicity !== file.ethnicity) changes.ethnicity = ethnicity;
    }
    if (edit.education !== undefined && edit.education !== file.education) changes.education = edit.education;
    if (edit.phone !== undefined && edit.phone !== file.phone) changes.phone = edit.phone;
    if (edit.departmentId !== undefined && edit.departmentId !== file.department_id) {
      if (edit.departmentId !== null && !(await departmentExists(trx, ctx.tenantId, edit.departmentId))) {
        throw new AppError(400, 'VALIDATION_FAILED', {}, [{ path: 'body.departmentId', message: String(edit.departmentId) }]);
      }
      changes.department_id = edit.departmentId;
    }
    if (edit.idNumber !== undefined && edit.idNumber.toUpperCase() !== file.id_number) {
      const parsed = parseIdNumber(edit.idNumber);
      if (!parsed.ok) throw new AppError(400, 'DEV_ID_NUMBER_INVALID', {}, [{ path: 'body.idNumber', message: edit.idNumber }]);
      await assertNoOtherFile(trx, ctx.tenantId, parsed.value.idNumber, scope, file.id);
      await assertNotAMember(trx, ctx.tenantId, parsed.value.idNumber, memberReadScope(ctx), ctx.language, file.member_id);
      Object.assign(changes, { id_number: parsed.value.idNumber, gender: parsed.value.gender, birth_date: parsed.value.birthDate });
    }
    // Moving the file to another branch: both must lie in the caller's scope.
    if (edit.orgId !== undefined && edit.orgId !== file.org_id) changes.org_id = (await requireBranch(trx, ctx.tenantId, scope, edit.orgId)).id;
    if (!(await updateFileDetails(trx, ctx.tenantId, file.id, version, changes))) throw conflict();
    await writeAudit(trx, ctx.auditor, {
      action: 'update',
      entityType: 'development_file',
      entityId: file.id,
      summary: `修改发展党员档案基本信息：${file.name}（${Object.keys(changes).join('、') || '无变化'}）`,
      before: Object.fromEntries(Object.keys(changes).map((k) => [k, (file as unknown as Record<string, unknown>)[k] ?? null])),
      after: changes,
    });
  });
  return fileDetail(ctx, scope, id);
}

/** Records a step, a review, a 公示, a probation extension or a failed probation (the route's write). */
export async function recordEntry(ctx: Ctx, id: number, version: number, input: EntryInput): Promise<FileDetail> {
  const scope = ctx.scope('development.write');
  if (input.kind === 'step' && input.step === null) throw new AppError(400, 'VALIDATION_FAILED', {}, [{ path: 'step', message: 'step' }]);
  await ctx.db.transaction().execute(async (trx) => addEntry(trx, ctx.auditor, ctx.language, await requireFile(trx, ctx.tenantId, scope, id), version, input, ctx.today));
  return fileDetail(ctx, scope, id);
}

/** Records a correction of an entry (the route's write). */
export async function recordCorrection(ctx: Ctx, id: number, entryId: number, version: number, reason: string, input: Omit<EntryInput, 'kind' | 'step'>): Promise<FileDetail> {
  const scope = ctx.scope('development.write');
  await ctx.db.transaction().execute(async (trx) => correctEntry(trx, ctx.auditor, ctx.language, await requireFile(trx, ctx.tenantId, scope, id), version, entryId, reason, input, ctx.today));
  return fileDetail(ctx, scope, id);
}
