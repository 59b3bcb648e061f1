/**
 * The members area's rules: who may see and change which record (lib/scope), the record's
 * dates (党章: 入党 at 18 or later, 出生 < 入党 ≤ 转正), one history row per changed field,
 * optimistic concurrency and an audit row for every write, in one transaction each.
 */
import { type DataScope, type Language, type RoleGrant, joinedUnderAge, normaliseEthnicity, parseIdNumber, scopeFor } from '@hongyi/core';
import type { Kysely, Transaction } from 'kysely';
import type { DB, MemberStatus, MembersTable } from '../../db/schema.js';
import type { Ctx } from '../../lib/context.js';
import { type SheetColumn, workbookBuffer } from '../../lib/excel.js';
import { personViewer } from '../../lib/person.js';
import { covers, requireInScope } from '../../lib/scope.js';
import { writeAudit } from '../../plugins/audit.js';
import { AppError, conflict, notFound } from '../../plugins/errors.js';
import { translate } from '../../plugins/i18n.js';
import { ROSTER_COLUMNS } from './fields.js';
import { nameColumns } from './pinyin.js';
import { type ExportRow, presentChange, presentExportRow, presentMember, presentProfile } from './present.js';
import {
  type ChangeRow,
  type ChangeSource,
  type MemberFilters,
  filterOrgOf,
  groupAndCampusNames,
  insertChanges,
  insertMember,
  isGroupOfBranch,
  memberByIdNumber,
  memberChanges,
  memberExportRows,
  memberPage,
  memberRecord,
  orgForMembers,
  profileExtras,
  updateMemberRow,
} from './repository.js';

type Db = Kysely<DB> | Transaction<DB>;

/** Who changes a member's record: the audit identity and the language of their messages (a Ctx is one). */
export interface Actor {
  tenantId: number;
  userId: number | null;
  username: string;
  ip: string;
  language: Language;
}

/** Columns whose changes are kept in member_changes (per field, append-only). */
export const TRACKED_COLUMNS = [
  'name',
  'gender',
  'id_number',
  'ethnicity',
  'native_place',
  'birth_date',
  'education',
  'degree',
  'category',
  'status',
  'org_id',
  'party_group_id',
  'joined_on',
  'full_on',
  'work_started_on',
  'job_category',
  'post',
  'title',
  'department_id',
  'campus_id',
  'phone',
  'address',
  'lost_contact',
  'flow_to',
  'sponsors',
  'academic_leader',
] as const satisfies readonly (keyof MembersTable | 'id_number' | 'phone')[];
export type TrackedColumn = (typeof TRACKED_COLUMNS)[number];

function asText(v: unknown): string | null {
  return v === null || v === undefined ? null : String(v);
}

/** One history row per changed field (nothing for unchanged ones). */
export function changeRows(
  actor: Actor,
  memberId: number,
  before: Partial<Record<TrackedColumn, unknown>> | null,
  after: Partial<Record<TrackedColumn, unknown>>,
  source: ChangeSource,
): ChangeRow[] {
  const rows: ChangeRow[] = [];
  for (const column of TRACKED_COLUMNS) {
    if (!(column in after)) continue;
    const from = before ? asText(before[column]) : null;
    const to = asText(after[column]);
    if (from === to) continue;
    rows.push({ tenant_id: actor.tenantId, member_id: memberId, field: column, old_value: from, new_value: to, source, username: actor.username });
  }
  return rows;
}

/** Appends one history row per changed field. */
export async function recordChanges(
  trx: Transaction<DB>,
  actor: Actor,
  memberId: number,
  before: Partial<Record<TrackedColumn, unknown>> | null,
  after: Partial<Record<TrackedColumn, unknown>>,
  source: ChangeSource,
): Promise<number> {
  const rows = changeRows(actor, memberId, before, after, source);
  await insertChanges(trx, rows);
  return rows.length;
}

/** A member's record when it lies in the scope (a member's own scope reaches only themselves); 404 / 403 OUT_OF_SCOPE otherwise. */
export async function requireMember(db: Db, tenantId: number, scope: DataScope, id: number) {
  const row = await memberRecord(db, tenantId, id);
  return requireInScope(scope, row && { ...row, orgPath: row.org_path, memberId: row.id }, notFound('MEMBER_NOT_FOUND', id));
}

/** @deprecated the old name of requireMember (transfers still call it). */
export const memberInScope = requireMember;

/**
 * Checks the record's dates: 出生 < 入党 ≤ 转正, and 入党 not before the 18th birthday (党章 第一条,
 * core joinedUnderAge) — with both dates named in the message.
 */
export function dateOrderProblem(v: { birth_date?: string | null; joined_on?: string | null; full_on?: string | null; category?: string }): { path: string; code: string; params?: Record<string, unknown> } | null {
  if (v.birth_date && v.joined_on && v.joined_on <= v.birth_date) return { path: 'body.joinedOn', code: 'MEMBER_JOINED_BEFORE_BIRTH' };
  if (v.birth_date && v.joined_on) {
    const under = joinedUnderAge(v.birth_date, v.joined_on);
    if (under) return { path: 'body.joinedOn', code: 'MEMBER_JOINED_UNDER_18', params: under };
  }
  if (v.joined_on && v.full_on && v.full_on < v.joined_on) return { path: 'body.fullOn', code: 'MEMBER_FULL_BEFORE_JOINED' };
  if (v.category === 'probationary' && v.full_on) return { path: 'body.fullOn', code: 'MEMBER_PROBATIONARY_WITH_FULL_DATE' };
  return null;
}

/** Refuses, with the field and the message, a record whose dates are out of order or who joined under 18. */
export function assertMemberDates(v: Parameters<typeof dateOrderProblem>[0], language: Language): void {
  const problem = dateOrderProblem(v);
  if (problem) throw new AppError(400, 'VALIDATION_FAILED', {}, [{ path: problem.path, message: translate(problem.code, language, problem.params) }]);
}

/** The official name of the ethnicity typed ('汉' → '汉族'), or a 400 naming the field (core normaliseEthnicity). */
export function officialEthnicity(text: string, language: Language, path = 'body.ethnicity'): string {
  const name = normaliseEthnicity(text);
  if (!name) throw new AppError(400, 'VALIDATION_FAILED', {}, [{ path, message: translate('MEMBER_ETHNICITY_UNKNOWN', language, { value: text }) }]);
  return name;
}

/** The caller's member-read scope (null when they have none): whose names an error may show them. */
export function memberReadScope(caller: { auth: { grants: readonly RoleGrant[]; memberId: number | null } | null } | Pick<Ctx, 'grants' | 'memberId'>): DataScope | null {
  const who = 'auth' in caller ? caller.auth : caller;
  return who ? scopeFor(who.grants, 'members.read', who.memberId) : null;
}

/**
 * The refusal for an ID number that already belongs to a member of the unit. It names the holder
 * only to a caller who may see them (their member scope covers the holder's branch); anyone else
 * learns only that the number is registered and whom to ask — so the API cannot be used to find
 * out who holds an ID number.
 */
export function idNumberTakenError(holder: { id: number; name: string; org_path: string }, visible: DataScope | null, language: Language, code: 'MEMBER_ID_NUMBER_TAKEN' | 'DEV_ID_NUMBER_IS_MEMBER' = 'MEMBER_ID_NUMBER_TAKEN', path = 'body.idNumber'): AppError {
  const canSee = visible !== null && covers(visible, holder.org_path, holder.id);
  const finalCode = canSee ? code : `${code}_ELSEWHERE`;
  const params = canSee ? { name: holder.name, id: holder.id } : {};
  return new AppError(409, finalCode, params, [{ path, message: translate(finalCode, language, params) }]);
}

/** The audit identity and language of a request (routes of modules not yet given a Ctx). */
export function actorOf(request: { auth: { tenantId: number; userId: number; username: string; language: Language } | null; ip: string }): Actor {
  if (!request.auth) throw new AppError(401, 'UNAUTHENTICATED');
  return { tenantId: request.auth.tenantId, userId: request.auth.userId, username: request.auth.username, ip: request.ip, language: request.auth.language };
}

// ---------------------------------------------------------------------------------------
// The list, the export and the profile

/** A page of members in the caller's scope, presented for their role. */
export async function listMembers(ctx: Ctx, filters: MemberFilters, page: number, pageSize: number) {
  const scope = ctx.scope('members.read');
  const org = await filterOrgOf(ctx.db, ctx.tenantId, filters.orgId);
  const { total, rows } = await memberPage(ctx.db, ctx.tenantId, scope, filters, org, page, pageSize);
  const viewer = personViewer(ctx.grants);
  return { items: rows.map((row) => presentMember(viewer, row)), total };
}

/** The roster's columns as a workbook: 序号, then ROSTER_COLUMNS (ID and phone kept as text). */
function rosterColumns(zh: boolean): SheetColumn<Partial<ExportRow>>[] {
  return [
    { header: zh ? '序号' : 'No.', width: 6, value: (_r, i) => i + 1 },
    ...ROSTER_COLUMNS.map((c) => ({ header: zh ? c.zh : c.en, width: c.width, value: (r: Partial<ExportRow>) => r[c.field], text: c.field === 'idNumber' || c.field === 'phone' })),
  ];
}

/** The filtered list in the roster's columns (importable again), audited. */
export async function exportMembers(ctx: Ctx, filters: MemberFilters): Promise<{ name: string; buffer: Buffer }> {
  const scope = ctx.scope('members.read');
  const zh = ctx.language === 'zh-CN';
  const rows = await memberExportRows(ctx.db, ctx.tenantId, scope, filters, await filterOrgOf(ctx.db, ctx.tenantId, filters.orgId), 200_000);
  const names = await groupAndCampusNames(ctx.db, ctx.tenantId);
  const viewer = personViewer(ctx.grants);
  const out = rows.map((x) => presentExportRow(viewer, x, names, ctx.language));
  const buffer = await workbookBuffer(zh ? '党员花名册' : 'Roster', rosterColumns(zh), out);
  await writeAudit(ctx.db, ctx.auditor, { action: 'export', entityType: 'member', entityId: '', summary: `导出党员名册 ${out.length} 人${ctx.sensitive ? '' : '（脱敏）'}` });
  return { name: zh ? '党员名册.xlsx' : 'members.xlsx', buffer };
}

/** The blank roster template: the export's columns under a title saying how to fill it in. */
export async function rosterTemplate(ctx: Ctx): Promise<{ name: string; buffer: Buffer }> {
  const zh = ctx.language === 'zh-CN';
  const title = zh ? '党员花名册（请从第3行起填写；身份证号请按文本填写）' : 'Member roster (fill in from row 3)';
  const buffer = await workbookBuffer(zh ? '党员花名册' : 'Roster', rosterColumns(zh), [], { title });
  return { name: zh ? '党员花名册模板.xlsx' : 'roster-template.xlsx', buffer };
}

export async function memberProfile(ctx: Ctx, id: number) {
  const m = await requireMember(ctx.db, ctx.tenantId, ctx.scope('members.read'), id);
  return presentProfile(personViewer(ctx.grants), m, await profileExtras(ctx.db, ctx.tenantId, m));
}

/** The change history of a member's record, newest first (the last 500 changes). */
export async function memberHistory(ctx: Ctx, id: number) {
  await requireMember(ctx.db, ctx.tenantId, ctx.scope('members.read'), id);
  const viewer = personViewer(ctx.grants);
  return { items: (await memberChanges(ctx.db, ctx.tenantId, id, 500)).map((x) => presentChange(viewer, x)) };
}

// ---------------------------------------------------------------------------------------
// Adding and editing

/** The editable fields of a member as the API names them (branch changes go through transfers). */
export interface MemberEdit {
  name?: string;
  gender?: 'male' | 'female';
  ethnicity?: string;
  nativePlace?: string;
  education?: string | null;
  degree?: string | null;
  category?: 'full' | 'probationary';
  status?: MemberStatus;
  partyGroupId?: number | null;
  joinedOn?: string | null;
  fullOn?: string | null;
  workStartedOn?: string | null;
  jobCategory?: string | null;
  post?: string;
  title?: string | null;
  departmentId?: number | null;
  campusId?: number | null;
  phone?: string;
  address?: string;
  lostContact?: boolean;
  flowTo?: string;
  sponsors?: string;
  academicLeader?: boolean;
}

const COLUMN_OF: Record<keyof MemberEdit, TrackedColumn> = {
  name: 'name',
  gender: 'gender',
  ethnicity: 'ethnicity',
  nativePlace: 'native_place',
  education: 'education',
  degree: 'degree',
  category: 'category',
  status: 'status',
  partyGroupId: 'party_group_id',
  joinedOn: 'joined_on',
  fullOn: 'full_on',
  workStartedOn: 'work_started_on',
  jobCategory: 'job_category',
  post: 'post',
  title: 'title',
  departmentId: 'department_id',
  campusId: 'campus_id',
  phone: 'phone',
  address: 'address',
  lostContact: 'lost_contact',
  flowTo: 'flow_to',
  sponsors: 'sponsors',
  academicLeader: 'academic_leader',
};

/** The columns an edit sets (the fields sent), the ethnicity by its official name. */
function toColumns(edit: MemberEdit, language: Language): Partial<Record<TrackedColumn, unknown>> {
  const out: Partial<Record<TrackedColumn, unknown>> = {};
  for (const [k, v] of Object.entries(edit)) if (v !== undefined) out[COLUMN_OF[k as keyof MemberEdit]] = v;
  if (typeof out.ethnicity === 'string') out.ethnicity = officialEthnicity(out.ethnicity, language);
  return out;
}

/**
 * Edits a member's record over the version the caller read (409 otherwise): dates checked with
 * the record's other dates, a party group only of the member's branch; each changed field goes
 * to the history. Returns the new version.
 */
export async function editMember(ctx: Ctx, id: number, version: number, edit: MemberEdit): Promise<{ id: number; version: number }> {
  const scope = ctx.scope('members.write');
  const columns = toColumns(edit, ctx.language);
  return ctx.db.transaction().execute(async (trx) => {
    const before = await requireMember(trx, ctx.tenantId, scope, id);
    assertMemberDates({ ...before, ...columns } as Parameters<typeof dateOrderProblem>[0], ctx.language);
    const set: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(columns)) if (asText((before as Record<string, unknown>)[k]) !== asText(v)) set[k] = v;
    if (typeof set.name === 'string') Object.assign(set, nameColumns(set.name));
    if (typeof set.party_group_id === 'number' && !(await isGroupOfBranch(trx, ctx.tenantId, set.party_group_id, before.org_id))) {
      throw new AppError(400, 'MEMBER_GROUP_NOT_IN_BRANCH', { id: set.party_group_id }, [{ path: 'body.partyGroupId', message: '' }]);
    }
    if (!(await updateMemberRow(trx, ctx.tenantId, id, version, set))) throw conflict();
    await recordChanges(trx, ctx, id, before, set as Partial<Record<TrackedColumn, unknown>>, 'edit');
    const beforeAudit: Record<string, unknown> = {};
    for (const k of Object.keys(set)) beforeAudit[k] = (before as Record<string, unknown>)[k];
    await writeAudit(trx, ctx.auditor, { action: 'update', entityType: 'member', entityId: id, summary: `修改党员信息 ${before.name}`, before: beforeAudit, after: set });
    return { id, version: version + 1 };
  });
}

export interface NewMember extends MemberEdit {
  name: string;
  idNumber: string;
  category: 'full' | 'probationary';
  orgId: number;
  joinedOn: string;
}

/**
 * Adds one member to a branch in scope. The ID number decides the birth date and the gender (a
 * gender sent must match it); a number the unit already holds is refused, naming the holder only
 * to a caller who may see them.
 */
export async function createMember(ctx: Ctx, input: NewMember): Promise<number> {
  const scope = ctx.scope('members.write');
  const { idNumber, orgId, ...edit } = input;
  const fail = (path: string, code: string): never => {
    throw new AppError(400, 'VALIDATION_FAILED', {}, [{ path, message: translate(code, ctx.language) }]);
  };
  const parsed = parseIdNumber(idNumber);
  if (!parsed.ok) return fail('body.idNumber', `MEMBER_ID_${parsed.problem.toUpperCase()}`);
  if (edit.gender && edit.gender !== parsed.value.gender) fail('body.gender', 'MEMBER_GENDER_MISMATCH');
  const columns: Record<string, unknown> = { ...toColumns(edit, ctx.language), birth_date: parsed.value.birthDate, gender: parsed.value.gender, id_number: parsed.value.idNumber, org_id: orgId };
  assertMemberDates(columns, ctx.language);
  return ctx.db.transaction().execute(async (trx) => {
    const org = await orgForMembers(trx, ctx.tenantId, orgId);
    if (!org || org.dissolved_on) throw new AppError(400, 'ORG_NOT_FOUND', { id: orgId });
    if (org.type === 'party_group' || org.type === 'temporary_branch') throw new AppError(400, 'MEMBER_ORG_NOT_BRANCH');
    if (!covers(scope, org.path)) throw new AppError(403, 'OUT_OF_SCOPE');
    const holder = await memberByIdNumber(trx, ctx.tenantId, parsed.value.idNumber);
    if (holder) throw idNumberTakenError(holder, memberReadScope(ctx), ctx.language);
    const id = await insertMember(trx, ctx.tenantId, { ...columns, ...nameColumns(edit.name) }, edit.joinedOn);
    await recordChanges(trx, ctx, id, null, columns, 'edit');
    await writeAudit(trx, ctx.auditor, { action: 'create', entityType: 'member', entityId: id, summary: `新增党员 ${edit.name}`, after: columns });
    return id;
  });
}
