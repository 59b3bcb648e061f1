import { createHash } from 'node:crypto';
import { type DataScope, type Language, type RoleGrant, joinedUnderAge, normaliseEthnicity, scopeCoversPath, scopeFor } from '@hongyi/core';
import { type Kysely, type Transaction, sql } from 'kysely';
import { analyzeTables } from '../../db/analyze.js';
import type { DB, MembersTable } from '../../db/schema.js';
import type { PersonViewer } from '../../lib/person.js';
import { writeAudit } from '../../plugins/audit.js';
import { AppError, conflict, notFound } from '../../plugins/errors.js';
import { translate } from '../../plugins/i18n.js';
import { nameColumns } from './pinyin.js';
import { type RosterRow, type RosterValues, readRoster } from './roster.js';

type Db = Kysely<DB> | Transaction<DB>;

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
] as const satisfies readonly (keyof MembersTable)[];
export type TrackedColumn = (typeof TRACKED_COLUMNS)[number];

function asText(v: unknown): string | null {
  return v === null || v === undefined ? null : String(v);
}

type ChangeRow = { tenant_id: number; member_id: number; field: string; old_value: string | null; new_value: string | null; source: 'edit' | 'import' | 'transfer' | 'org'; username: string };

/** One history row per changed field (nothing for unchanged ones). */
export function changeRows(
  actor: Actor,
  memberId: number,
  before: Partial<Record<TrackedColumn, unknown>> | null,
  after: Partial<Record<TrackedColumn, unknown>>,
  source: ChangeRow['source'],
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

async function insertChanges(trx: Transaction<DB>, rows: ChangeRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 2000) await trx.insertInto('member_changes').values(rows.slice(i, i + 2000)).execute();
}

/** Appends one history row per changed field. */
export async function recordChanges(
  trx: Transaction<DB>,
  actor: Actor,
  memberId: number,
  before: Partial<Record<TrackedColumn, unknown>> | null,
  after: Partial<Record<TrackedColumn, unknown>>,
  source: ChangeRow['source'],
): Promise<number> {
  const rows = changeRows(actor, memberId, before, after, source);
  await insertChanges(trx, rows);
  return rows.length;
}

/** Fetches a member inside the scope, or 404 / 403 (OUT_OF_SCOPE). */
export async function memberInScope(db: Db, tenantId: number, scope: DataScope, id: number) {
  const row = await db
    .selectFrom('members as m')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'm.tenant_id').onRef('o.id', '=', 'm.org_id'))
    .selectAll('m')
    .select(['o.path as org_path', 'o.name as org_name'])
    .where('m.tenant_id', '=', tenantId)
    .where('m.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('MEMBER_NOT_FOUND', id);
  const visible = scope.kind === 'self' ? scope.memberId === id : scopeCoversPath(scope, row.org_path);
  if (!visible) throw new AppError(403, 'OUT_OF_SCOPE');
  return row;
}

export type MemberPatch = Partial<Omit<Record<TrackedColumn, unknown>, 'org_id'>> & { version: number };

/** Edits a member's record with optimistic concurrency; each changed field goes to the history. */
export async function updateMember(db: Kysely<DB>, actor: Actor, scope: DataScope, id: number, patch: MemberPatch) {
  return db.transaction().execute(async (trx) => {
    const before = await memberInScope(trx, actor.tenantId, scope, id);
    const { version, ...changes } = patch;
    const set: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined) continue;
      if (asText((before as Record<string, unknown>)[k]) !== asText(v)) set[k] = v;
    }
    if (typeof set.name === 'string') Object.assign(set, nameColumns(set.name));
    if (set.party_group_id !== undefined && set.party_group_id !== null) {
      const group = await trx
        .selectFrom('orgs')
        .select('id')
        .where('tenant_id', '=', actor.tenantId)
        .where('id', '=', set.party_group_id as number)
        .where('type', '=', 'party_group')
        .where('parent_id', '=', before.org_id)
        .executeTakeFirst();
      if (!group) throw new AppError(400, 'MEMBER_GROUP_NOT_IN_BRANCH', { id: set.party_group_id }, [{ path: 'body.partyGroupId', message: '' }]);
    }
    const res = await trx
      .updateTable('members')
      .set({ ...(set as object), version: version + 1, updated_at: new Date() })
      .where('tenant_id', '=', actor.tenantId)
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw conflict();
    await recordChanges(trx, actor, id, before, set as Partial<Record<TrackedColumn, unknown>>, 'edit');
    const beforeAudit: Record<string, unknown> = {};
    for (const k of Object.keys(set)) beforeAudit[k] = (before as Record<string, unknown>)[k];
    await writeAudit(trx, actor, { action: 'update', entityType: 'member', entityId: id, summary: `修改党员信息 ${before.name}`, before: beforeAudit, after: set });
  });
}

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
export function memberReadScope(request: { auth: { grants: readonly RoleGrant[]; memberId: number | null } | null }): DataScope | null {
  return request.auth ? scopeFor(request.auth.grants, 'members.read', request.auth.memberId) : null;
}

/**
 * The refusal for an ID number that already belongs to a member of the unit. It names the holder
 * only to a caller who may see them (their member scope covers the holder's branch); anyone else
 * learns only that the number is registered and whom to ask — so the API cannot be used to find
 * out who holds an ID number.
 */
export function idNumberTakenError(holder: { id: number; name: string; org_path: string }, visible: DataScope | null, language: Language, code: 'MEMBER_ID_NUMBER_TAKEN' | 'DEV_ID_NUMBER_IS_MEMBER' = 'MEMBER_ID_NUMBER_TAKEN', path = 'body.idNumber'): AppError {
  const canSee = visible !== null && (visible.kind === 'self' ? visible.memberId === holder.id : scopeCoversPath(visible, holder.org_path));
  const finalCode = canSee ? code : `${code}_ELSEWHERE`;
  const params = canSee ? { name: holder.name, id: holder.id } : {};
  return new AppError(409, finalCode, params, [{ path, message: translate(finalCode, language, params) }]);
}

export interface ImportSummary {
  added: number;
  updated: number;
  unchanged: number;
  errorCount: number;
}

/** Commits a roster: all rows land or none (one transaction); a row with an error stops the whole file. */
export async function commitRoster(db: Kysely<DB>, actor: Actor, scope: DataScope, fileBase64: string, today: string, viewer: PersonViewer) {
  const result = await db.transaction().execute(async (trx) => {
    const rows = await readRoster(trx, actor.tenantId, scope, fileBase64, actor.language, viewer);
    const details = rows.flatMap((r) => r.errors);
    if (details.length > 0) throw new AppError(400, 'ROSTER_ROWS_INVALID', { count: details.length, rows: rows.filter((r) => r.errors.length > 0).length }, details);
    const adds = rows.filter((r) => r.action === 'add');
    const updates = rows.filter((r) => r.action === 'update');
    const newIds: number[] = [];
    for (let i = 0; i < adds.length; i += 500) {
      const chunk = adds.slice(i, i + 500);
      const inserted = await trx
        .insertInto('members')
        .values(chunk.map((r) => ({ tenant_id: actor.tenantId, ...toInsert(r.values) })))
        .returning(['id', 'org_id', 'joined_on'])
        .execute();
      newIds.push(...inserted.map((x) => x.id));
      await trx
        .insertInto('member_org_periods')
        .values(inserted.map((x) => ({ tenant_id: actor.tenantId, member_id: x.id, org_id: x.org_id, from_on: x.joined_on ?? today })))
        .execute();
      const history = inserted.map((x) => ({ tenant_id: actor.tenantId, member_id: x.id, field: '*', old_value: null, new_value: 'import', source: 'import' as const, username: actor.username }));
      await trx.insertInto('member_changes').values(history).execute();
    }
    await updateMembersInBulk(trx, actor, updates);
    const sha = createHash('sha256').update(fileBase64).digest('hex');
    const summary = { added: adds.length, updated: updates.length, unchanged: rows.filter((r) => r.action === 'unchanged').length };
    const imp = await trx
      .insertInto('member_imports')
      .values({ tenant_id: actor.tenantId, file_sha256: sha, ...summary, username: actor.username })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, actor, {
      action: 'import',
      entityType: 'member_import',
      entityId: imp.id,
      summary: `导入党员名册：新增 ${summary.added} 人，更新 ${summary.updated} 人`,
      after: { ...summary, addedIds: newIds, updatedIds: updates.map((u) => u.memberId) },
    });
    return { importId: imp.id, ...summary };
  });
  await analyzeTables(db, ['members', 'member_org_periods', 'member_changes']);
  return result;
}

/** SQL types of the member columns a roster can set, for json_to_recordset. */
const COLUMN_TYPES: Record<string, 'text' | 'date' | 'bigint' | 'boolean'> = {
  name: 'text', gender: 'text', ethnicity: 'text', native_place: 'text', birth_date: 'date', education: 'text', degree: 'text', category: 'text',
  status: 'text', org_id: 'bigint', party_group_id: 'bigint', joined_on: 'date', full_on: 'date', work_started_on: 'date', job_category: 'text',
  post: 'text', title: 'text', department_id: 'bigint', campus_id: 'bigint', phone: 'text', address: 'text', lost_contact: 'boolean', flow_to: 'text',
  sponsors: 'text', name_pinyin: 'text', name_initials: 'text', name_sort: 'text',
};

/**
 * Applies the roster's updates set-based: rows that set the same columns go together, 1,000 at a
 * time, in one UPDATE … FROM json_to_recordset each; the per-field history goes in bulk too.
 * (One statement per member made a 10,000-row import take minutes.)
 */
async function updateMembersInBulk(trx: Transaction<DB>, actor: Actor, updates: RosterRow[]): Promise<void> {
  const groups = new Map<string, { id: number; set: Record<string, unknown> }[]>();
  const history: ChangeRow[] = [];
  for (const r of updates) {
    const set: Record<string, unknown> = { ...r.values };
    delete set.id_number;
    if (typeof set.name === 'string') Object.assign(set, nameColumns(set.name));
    const columns = Object.keys(set).filter((c) => c in COLUMN_TYPES).sort();
    const key = columns.join(',');
    const list = groups.get(key) ?? [];
    list.push({ id: r.memberId!, set });
    groups.set(key, list);
    history.push(...changeRows(actor, r.memberId!, r.existing as Partial<Record<TrackedColumn, unknown>>, set as Partial<Record<TrackedColumn, unknown>>, 'import'));
  }
  for (const [key, rows] of groups) {
    const columns = key ? key.split(',') : [];
    const assignments = sql.raw([...columns.map((c) => `${c} = v.${c}`), 'version = m.version + 1', 'updated_at = now()'].join(', '));
    const recordType = sql.raw(['id bigint', ...columns.map((c) => `${c} ${COLUMN_TYPES[c]}`)].join(', '));
    for (let i = 0; i < rows.length; i += 1000) {
      const chunk = rows.slice(i, i + 1000).map((r) => ({ id: r.id, ...Object.fromEntries(columns.map((c) => [c, r.set[c] ?? null])) }));
      await sql`
        update members m set ${assignments}
        from json_to_recordset(${JSON.stringify(chunk)}::json) as v(${recordType})
        where m.tenant_id = ${actor.tenantId} and m.id = v.id`.execute(trx);
    }
  }
  await insertChanges(trx, history);
}

function toInsert(v: RosterValues) {
  return {
    name: v.name!,
    ...nameColumns(v.name!),
    gender: v.gender!,
    id_number: v.id_number!,
    ethnicity: v.ethnicity ?? '汉族',
    native_place: v.native_place ?? '',
    birth_date: v.birth_date ?? null,
    education: v.education ?? null,
    degree: v.degree ?? null,
    category: v.category!,
    status: v.status ?? 'active',
    org_id: v.org_id!,
    party_group_id: v.party_group_id ?? null,
    joined_on: v.joined_on ?? null,
    full_on: v.full_on ?? null,
    work_started_on: v.work_started_on ?? null,
    job_category: v.job_category ?? null,
    post: v.post ?? '',
    title: v.title ?? null,
    department_id: v.department_id ?? null,
    campus_id: v.campus_id ?? null,
    phone: v.phone ?? '',
    address: v.address ?? '',
    lost_contact: v.lost_contact ?? false,
    flow_to: v.flow_to ?? '',
    sponsors: v.sponsors ?? '',
  };
}

export function actorOf(request: { auth: { tenantId: number; userId: number; username: string; language: Language } | null; ip: string }): Actor {
  if (!request.auth) throw new AppError(401, 'UNAUTHENTICATED');
  return { tenantId: request.auth.tenantId, userId: request.auth.userId, username: request.auth.username, ip: request.ip, language: request.auth.language };
}
