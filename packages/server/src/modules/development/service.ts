import {
  DEFAULT_HOLIDAYS,
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
  scopeCoversPath,
  stepDef,
} from '@hongyi/core';
import type { Kysely, Transaction } from 'kysely';
import type { DB, DevelopmentFileStatus } from '../../db/schema.js';
import { writeAudit } from '../../plugins/audit.js';
import { ruleSettingsOf } from '../settings/service.js';
import { nameColumns } from '../members/pinyin.js';
import { memberByIdNumber } from '../members/repository.js';
import { idNumberTakenError } from '../members/service.js';
import { AppError, conflict, notFound } from '../../plugins/errors.js';
import { covers } from '../../lib/scope.js';
import { translate } from '../../plugins/i18n.js';

type Db = Kysely<DB> | Transaction<DB>;
type Auditor = { tenantId: number; userId: number | null; username: string; ip: string };


/** The working-day calendar from the global holidays table (the shipped schedule if empty). */
export async function loadCalendar(db: Db): Promise<WorkingDayCalendar> {
  const rows = await db.selectFrom('holidays').select(['day', 'kind']).execute();
  if (rows.length === 0) return new WorkingDayCalendar(DEFAULT_HOLIDAYS);
  const data: HolidayData = {};
  for (const r of rows) {
    const day = String(r.day).slice(0, 10);
    const year = (data[day.slice(0, 4)] ??= { off: [], work: [] });
    year[r.kind].push(day);
  }
  return new WorkingDayCalendar(data);
}

export interface EntryPerson {
  memberId: number;
  name: string;
}

export interface StoredWarning {
  code: string;
  path: string;
  params: Record<string, string | number>;
}

export type EntryRow = Awaited<ReturnType<typeof entriesOf>>[number];

export async function entriesOf(db: Db, tenantId: number, fileId: number) {
  return db
    .selectFrom('development_entries')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('file_id', '=', fileId)
    .orderBy('date')
    .orderBy('id')
    .execute();
}

/** Entries not replaced by a correction: the history the rules see. */
export function effective(rows: readonly EntryRow[]): EntryRow[] {
  const corrected = new Set(rows.map((r) => r.corrects_id).filter((id): id is number => id !== null));
  return rows.filter((r) => !corrected.has(r.id));
}

export function toFacts(row: EntryRow): DevelopmentEntryFacts {
  return {
    kind: row.kind,
    step: row.step,
    date: String(row.date),
    peopleIds: ((row.people as EntryPerson[] | null) ?? []).map((p) => p.memberId),
    details: (row.details as DevelopmentDetails | null) ?? {},
  };
}

export async function peopleFacts(db: Db, tenantId: number, ids: readonly number[]): Promise<Map<number, PersonFacts>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('members')
    .select(['id', 'name', 'category', 'full_on', 'status'])
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, { id: r.id, name: r.name, category: r.category, fullOn: r.full_on, status: r.status }]));
}

export function violationDetails(violations: readonly DevelopmentViolation[], language: Language, prefix = '') {
  return violations.map((x) => ({ path: prefix ? `${prefix}.${x.path}` : x.path, message: translate(x.code, language, x.params) }));
}

/** A refused entry: the first violation is the message, all of them are in the details. */
export function refusal(violations: readonly DevelopmentViolation[], language: Language): AppError {
  const first = violations[0] as DevelopmentViolation;
  return new AppError(422, first.code, first.params, violationDetails(violations, language));
}

export type FileRow = Awaited<ReturnType<typeof fileQuery>>;

export async function fileQuery(db: Db, tenantId: number, id: number) {
  return db
    .selectFrom('development_files as f')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'f.tenant_id').onRef('o.id', '=', 'f.org_id'))
    .leftJoin('departments as d', (j) => j.onRef('d.tenant_id', '=', 'f.tenant_id').onRef('d.id', '=', 'f.department_id'))
    .selectAll('f')
    .select(['o.name as org_name', 'o.path as org_path', 'd.name as department_name'])
    .where('f.tenant_id', '=', tenantId)
    .where('f.id', '=', id)
    .executeTakeFirst();
}

/** The file if it exists and lies in the caller's scope (a member sees only their own). */
export async function fileInScope(db: Db, tenantId: number, scope: DataScope, id: number) {
  const file = await fileQuery(db, tenantId, id);
  if (!file) throw notFound('DEV_FILE_NOT_FOUND', id);
  if (scope.kind === 'self') {
    if (scope.memberId === null || file.member_id !== scope.memberId) throw new AppError(403, 'OUT_OF_SCOPE');
  } else if (!scopeCoversPath(scope, file.org_path)) throw new AppError(403, 'OUT_OF_SCOPE');
  return file;
}

/**
 * Refuses a second development file for the same ID number. The existing file's number is named
 * only when it lies in the caller's scope; otherwise the caller learns only that one exists elsewhere.
 */
export async function assertNoOtherFile(db: Db, tenantId: number, idNumber: string, scope: DataScope, exceptId?: number): Promise<void> {
  let query = db
    .selectFrom('development_files as f')
    .innerJoin('orgs as o', (join) => join.onRef('o.tenant_id', '=', 'f.tenant_id').onRef('o.id', '=', 'f.org_id'))
    .select(['f.id', 'o.path'])
    .where('f.tenant_id', '=', tenantId)
    .where('f.id_number', '=', idNumber);
  if (exceptId !== undefined) query = query.where('f.id', '!=', exceptId);
  const taken = await query.executeTakeFirst();
  if (!taken) return;
  if (scope.kind !== 'self' && covers(scope, taken.path)) throw new AppError(409, 'DEV_FILE_EXISTS', { id: taken.id });
  throw new AppError(409, 'DEV_FILE_EXISTS_ELSEWHERE');
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

/** Who acted: the step's actor; branch for reviews, notices and probation decisions. */
function actorOf(input: { kind: DevelopmentEntryKind; step: number | null }): string {
  if (input.kind === 'step' && input.step) return stepDef(input.step).actor;
  return input.kind === 'notice' ? 'committee' : 'branch';
}

async function insertEntry(
  trx: Transaction<DB>,
  auditor: Auditor,
  fileId: number,
  input: EntryInput,
  people: ReadonlyMap<number, PersonFacts>,
  extra: { correctsId?: number; correctionReason?: string; imported?: boolean; warnings?: StoredWarning[] } = {},
) {
  return trx
    .insertInto('development_entries')
    .values({
      tenant_id: auditor.tenantId,
      file_id: fileId,
      kind: input.kind,
      step: input.kind === 'step' ? input.step : null,
      date: input.date,
      actor: actorOf(input),
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
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/**
 * Brings the file's derived columns and the member record in line with its history:
 * step 17 makes (or updates) the member as 预备党员 with 入党日期 = the branch meeting's date;
 * step 24 makes them 正式党员 from the end of probation (转正 date); a failed probation ends
 * their membership. Writes an audit row for every change to the member record.
 */
export async function syncFile(trx: Transaction<DB>, auditor: Auditor, fileId: number): Promise<void> {
  const tenantId = auditor.tenantId;
  const file = await trx.selectFrom('development_files').selectAll().where('tenant_id', '=', tenantId).where('id', '=', fileId).executeTakeFirstOrThrow();
  const progress = developmentProgress(effective(await entriesOf(trx, tenantId, fileId)).map(toFacts));
  const status = (progress.status ?? 'applicant') as DevelopmentFileStatus;
  let memberId = file.member_id;
  if (progress.stepDates[17] && progress.probationStart) {
    const full = progress.status === 'full';
    const want = {
      category: full ? ('full' as const) : ('probationary' as const),
      joined_on: progress.probationStart,
      full_on: full ? progress.probationEnd : null,
      // 取消预备党员资格 (党章 第七条) is its own member status, not 出党 ('left').
      status: progress.status === 'disqualified' ? ('disqualified' as const) : ('active' as const),
    };
    const existing = memberId
      ? await trx.selectFrom('members').selectAll().where('tenant_id', '=', tenantId).where('id', '=', memberId).executeTakeFirst()
      : await trx.selectFrom('members').selectAll().where('tenant_id', '=', tenantId).where('id_number', '=', file.id_number).executeTakeFirst();
    if (!existing) {
      const created = await trx
        .insertInto('members')
        .values({
          tenant_id: tenantId,
          name: file.name,
          ...nameColumns(file.name),
          gender: file.gender,
          id_number: file.id_number,
          birth_date: file.birth_date,
          ethnicity: file.ethnicity,
          education: file.education,
          phone: file.phone,
          org_id: file.org_id,
          department_id: file.department_id,
          ...want,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      memberId = created.id;
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
        await trx
          .updateTable('members')
          .set({ ...want, version: existing.version + 1, updated_at: new Date() })
          .where('tenant_id', '=', tenantId)
          .where('id', '=', existing.id)
          .execute();
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
  await trx
    .updateTable('development_files')
    .set({ last_step: progress.lastStep, status, member_id: memberId, updated_at: new Date() })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', fileId)
    .execute();
}

/** Bumps the file's version or fails with 409: serialises concurrent writes to one file. */
export async function claimVersion(trx: Transaction<DB>, tenantId: number, fileId: number, version: number): Promise<void> {
  const res = await trx
    .updateTable('development_files')
    .set({ version: version + 1 })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', fileId)
    .where('version', '=', version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw conflict();
}

export interface RuleContextInput {
  birthDate: string | null;
  peopleIds: readonly number[];
  today: string;
}

/** The unit's rule settings (公示 length and unit among them), from the settings store. */
export const tenantRuleSettings = ruleSettingsOf;

export async function ruleContext(db: Db, tenantId: number, input: RuleContextInput) {
  return {
    birthDate: input.birthDate,
    today: input.today,
    calendar: await loadCalendar(db),
    settings: await tenantRuleSettings(db, tenantId),
    people: await peopleFacts(db, tenantId, input.peopleIds),
  };
}

/** Records a new entry after checking it against the rules; 422 with every violation if refused. */
export async function addEntry(
  trx: Transaction<DB>,
  auditor: Auditor,
  language: Language,
  file: NonNullable<FileRow>,
  version: number,
  input: EntryInput,
  today: string,
): Promise<number> {
  await claimVersion(trx, auditor.tenantId, file.id, version);
  const history = effective(await entriesOf(trx, auditor.tenantId, file.id)).map(toFacts);
  const ctx = await ruleContext(trx, auditor.tenantId, { birthDate: file.birth_date, peopleIds: input.peopleIds, today });
  const violations = checkDevelopmentEntry(history, input, ctx);
  if (violations.length > 0) throw refusal(violations, language);
  const { id } = await insertEntry(trx, auditor, file.id, input, ctx.people);
  await writeAudit(trx, auditor, {
    action: 'create',
    entityType: 'development_entry',
    entityId: id,
    summary: `发展党员档案 ${file.name}：${input.kind === 'step' ? `第${input.step}步` : input.kind} ${input.date}`,
    after: { fileId: file.id, ...input },
  });
  await syncFile(trx, auditor, file.id);
  return id;
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
  file: NonNullable<FileRow>,
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
  const others = live.filter((r) => r.id !== entryId);
  const history = others.map(toFacts);
  // Steps recorded after the corrected one stay; check it as if it were being recorded now
  // among the steps before it, then check it does not pass the next recorded step.
  const before = full.kind === 'step' ? history.filter((h) => h.kind !== 'step' || (h.step ?? 0) < (full.step ?? 0)) : history;
  const ctx = await ruleContext(trx, auditor.tenantId, { birthDate: file.birth_date, peopleIds: full.peopleIds, today });
  const violations = checkDevelopmentEntry(before, full, ctx).filter((x) => x.code !== 'DEV_FILE_CLOSED');
  if (full.kind === 'step') {
    const next = history
      .filter((h) => h.kind === 'step' && (h.step ?? 0) > (full.step ?? 0))
      .sort((a, b) => (a.step ?? 0) - (b.step ?? 0))[0];
    if (next && compareDates(full.date, next.date) > 0) {
      violations.push({ code: 'DEV_DATE_AFTER_NEXT', path: 'date', params: { date: full.date, nextStep: next.step ?? 0, nextDate: next.date } });
    }
  }
  if (violations.length > 0) throw refusal(violations, language);
  const { id } = await insertEntry(trx, auditor, file.id, full, ctx.people, { correctsId: entryId, correctionReason: reason });
  await writeAudit(trx, auditor, {
    action: 'correct',
    entityType: 'development_entry',
    entityId: id,
    summary: `发展党员档案 ${file.name}：更正记录 ${entryId}（${reason}）`,
    before: { id: target.id, date: target.date, people: target.people, details: target.details },
    after: { fileId: file.id, correctsId: entryId, reason, ...full },
  });
  await syncFile(trx, auditor, file.id);
  return id;
}

export function presentEntry(row: EntryRow, language: Language, supersededBy: number | null) {
  const warnings = ((row.warnings as StoredWarning[] | null) ?? []).map((w) => ({ code: w.code, path: w.path, message: translate(w.code, language, w.params) }));
  return {
    id: row.id,
    kind: row.kind,
    step: row.step,
    date: String(row.date),
    actor: row.actor,
    people: (row.people as EntryPerson[] | null) ?? [],
    details: ((row.details as Record<string, unknown> | null) ?? {}) as Record<string, unknown>,
    documents: (row.documents as string[] | null) ?? [],
    note: row.note,
    correctsId: row.corrects_id,
    correctionReason: row.correction_reason,
    supersededBy,
    imported: row.imported,
    warnings,
    createdByName: row.created_by_name,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

export function presentHistory(rows: readonly EntryRow[], language: Language) {
  const replacedBy = new Map<number, number>();
  for (const r of rows) if (r.corrects_id !== null) replacedBy.set(r.corrects_id, r.id);
  return rows.map((r) => presentEntry(r, language, replacedBy.get(r.id) ?? null));
}

export function duesOf(rows: readonly EntryRow[], today: string, withinDays = 30) {
  return developmentDues(effective(rows).map(toFacts), today, withinDays);
}

/** Members with these statuses are (still) Party members: nobody opens a development file for them. */
const MEMBER_STATUSES_BLOCKING_A_FILE = new Set(['active', 'transferred_out', 'stopped']);

/**
 * The member holding this ID number when that forbids a development file for it (a Party member
 * does not apply again); null otherwise. A file that became the member's own (exceptMemberId) is
 * not refused by its member.
 */
export async function memberBlockingFile(db: Kysely<DB> | Transaction<DB>, tenantId: number, idNumber: string, exceptMemberId: number | null = null) {
  const holder = await memberByIdNumber(db, tenantId, idNumber);
  if (!holder || holder.id === exceptMemberId || !MEMBER_STATUSES_BLOCKING_A_FILE.has(holder.status)) return null;
  return holder;
}

/** Refuses a file for an ID number that belongs to a member, naming them only to a caller who may see them. */
export async function assertNotAMember(db: Kysely<DB> | Transaction<DB>, tenantId: number, idNumber: string, visible: DataScope | null, language: Language, exceptMemberId: number | null = null): Promise<void> {
  const holder = await memberBlockingFile(db, tenantId, idNumber, exceptMemberId);
  if (holder) throw idNumberTakenError(holder, visible, language, 'DEV_ID_NUMBER_IS_MEMBER');
}
