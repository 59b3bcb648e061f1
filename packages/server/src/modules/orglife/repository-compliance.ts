/**
 * Queries behind compliance: the orgs and their full-member counts, the records of a period as
 * compliance inputs, the stored 党委 matrix rows, and the attendance months of the 党章 第九条
 * flags.
 */
import { type ComplianceOrg, type ComplianceRecord, type DataScope, type MeetingKind, addMonths } from '@hongyi/core';
import { type Kysely, type Transaction, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { escapeLike, inIds, subtree } from '../../lib/scope.js';

type Db = Kysely<DB> | Transaction<DB>;

export interface OrgRow {
  id: number;
  parent_id: number | null;
  type: ComplianceOrg['type'];
  name: string;
  short_name: string;
  path: string;
  established_on: string | null;
  ends_on: string | null;
  dissolved_on: string | null;
}

const ORG_COLUMNS = ['id', 'parent_id', 'type', 'name', 'short_name', 'path', 'established_on', 'ends_on', 'dissolved_on'] as const;

export function orgById(db: Db, tenantId: number, orgId: number): Promise<OrgRow | undefined> {
  return db.selectFrom('orgs').select(ORG_COLUMNS).where('tenant_id', '=', tenantId).where('id', '=', orgId).executeTakeFirst();
}

/** The orgs under a path (or the whole tenant) within a scope, in tree order. */
export function orgsUnder(db: Db, tenantId: number, pathPrefix: string | null, scope: DataScope): Promise<OrgRow[]> {
  let q = db.selectFrom('orgs as o').select(ORG_COLUMNS.map((c) => `o.${c}` as const)).where('o.tenant_id', '=', tenantId).where(scope.kind === 'self' ? sql<boolean>`false` : subtree(scope, 'o.path')).orderBy('o.path');
  if (pathPrefix) q = q.where('o.path', 'like', `${escapeLike(pathPrefix)}%`);
  return q.execute();
}

/** Full members per org (branch org_id, and party group) for the committee threshold; of some branches only, when given. */
export async function fullMemberCounts(db: Db, tenantId: number, orgIds?: readonly number[]): Promise<Map<number, number>> {
  let q = db
    .selectFrom('members')
    .select(['org_id', 'party_group_id', sql<number>`count(*)`.as('n')])
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'active')
    .where('category', '=', 'full');
  if (orgIds) q = q.where(inIds('org_id', orgIds));
  const rows = await q.groupBy(['org_id', 'party_group_id']).execute();
  const out = new Map<number, number>();
  for (const r of rows) {
    out.set(r.org_id, (out.get(r.org_id) ?? 0) + Number(r.n));
    if (r.party_group_id) out.set(r.party_group_id, (out.get(r.party_group_id) ?? 0) + Number(r.n));
  }
  return out;
}

/**
 * The records of a period as compliance inputs (has minutes, attendance and, for a 党课, a speaker).
 *
 * A whole 党委 is ~200k records a year: fetched as one row per row would spend most of the
 * matrix's time decoding rows in the driver, so PostgreSQL packs each org's records into one
 * text ("id,group,date,kind+kind,flags;…") and they are unpacked here (bench/orglife.bench.ts).
 */
export async function complianceRecords(db: Db, tenantId: number, from: string, to: string, of: { pathPrefix: string | null } | { orgIds: readonly number[] }): Promise<ComplianceRecord[]> {
  const inPath =
    'orgIds' in of
      ? sql`and ${inIds('r.org_id', of.orgIds)}`
      : of.pathPrefix
        ? sql`and exists (select 1 from orgs o where o.tenant_id = r.tenant_id and o.id = r.org_id and o.path like ${`${escapeLike(of.pathPrefix)}%`})`
        : sql``;
  const rows = await sql<{ org_id: number; packed: string }>`
    select r.org_id, string_agg(concat_ws(',', r.id, coalesce(r.party_group_id, 0), r.held_on::text, array_to_string(r.kinds, '+'),
      concat((r.minutes <> '')::int, (r.present_count > 0)::int, (r.speaker_name <> '')::int, r.speaker_is_secretary::int)), ';') as packed
    from orglife_records r
    where r.tenant_id = ${tenantId} and r.held_on >= ${from}::date and r.held_on <= ${to}::date ${inPath}
    group by r.org_id`.execute(db);
  const out: ComplianceRecord[] = [];
  for (const row of rows.rows) {
    const orgId = Number(row.org_id);
    for (const item of row.packed.split(';')) {
      const [id, group, heldOn, kinds, flags] = item.split(',') as [string, string, string, string, string];
      out.push({
        id: Number(id),
        orgId,
        partyGroupId: group === '0' ? null : Number(group),
        heldOn,
        kinds: kinds.split('+') as MeetingKind[],
        hasMinutes: flags[0] === '1',
        hasAttendance: flags[1] === '1',
        hasSpeaker: flags[2] === '1',
        speakerIsSecretary: flags[3] === '1',
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// The stored 党委 matrix (matrix.ts)

export interface StoredMatrixRow {
  id: number;
  parent_id: number | null;
  type: OrgRow['type'];
  name: string;
  short_name: string;
  revision: number;
  /** Stored, and computed from the current revision, epoch and settings. */
  fresh: boolean;
  states: string | null;
  missed: number | null;
  met: number | null;
}

/** The orgs of these types under a path within the scope, each with its stored row of the year and whether it is fresh. */
export async function storedMatrixRows(
  db: Db,
  tenantId: number,
  year: number,
  key: { epoch: string; settingsKey: string },
  types: readonly OrgRow['type'][],
  pathPrefix: string | null,
  scope: DataScope,
): Promise<StoredMatrixRow[]> {
  let q = db
    .selectFrom('orgs as o')
    .leftJoin('orglife_revisions as v', (j) => j.onRef('v.tenant_id', '=', 'o.tenant_id').onRef('v.org_id', '=', 'o.id'))
    .leftJoin('orglife_matrix_rows as s', (j) => j.onRef('s.tenant_id', '=', 'o.tenant_id').onRef('s.org_id', '=', 'o.id').on('s.year', '=', year))
    .select([
      'o.id',
      'o.parent_id',
      'o.type',
      'o.name',
      'o.short_name',
      sql<number>`coalesce(v.revision, 0)`.as('revision'),
      sql<boolean>`coalesce(s.revision = coalesce(v.revision, 0) and s.epoch = ${key.epoch} and s.settings_key = ${key.settingsKey}, false)`.as('fresh'),
      's.states',
      's.missed',
      's.met',
    ])
    .where('o.tenant_id', '=', tenantId)
    .where('o.type', 'in', [...types])
    .where(subtree(scope, 'o.path'))
    .orderBy('o.path');
  if (pathPrefix) q = q.where('o.path', 'like', `${escapeLike(pathPrefix)}%`);
  return (await q.execute()) as StoredMatrixRow[];
}

export interface MatrixTally {
  /** The rows' campus (院区); null for the rows of orgs with none recorded. */
  campus: string | null;
  rows: number;
  /** Rows not stored, or stored before a change (the figures below then miss them). */
  stale: number;
  /** Rows with no missed item in the year. */
  clean: number;
  /** Rows whose month `monthIndex` holds one of the `dueLetters` (the stored month states). */
  due: number;
}

/**
 * The stored matrix rows of the orgs storedMatrixRows reads (the whole scope), counted by their
 * org's campus in tree order of each campus's first row, without reading a row: the overview's
 * compliance cards.
 */
export async function matrixTallies(
  db: Db,
  tenantId: number,
  year: number,
  key: { epoch: string; settingsKey: string },
  types: readonly OrgRow['type'][],
  scope: DataScope,
  month: { index: number; dueLetters: readonly string[] },
): Promise<MatrixTally[]> {
  const rows = await db
    .selectFrom('orgs as o')
    .leftJoin('orglife_revisions as v', (j) => j.onRef('v.tenant_id', '=', 'o.tenant_id').onRef('v.org_id', '=', 'o.id'))
    .leftJoin('orglife_matrix_rows as s', (j) => j.onRef('s.tenant_id', '=', 'o.tenant_id').onRef('s.org_id', '=', 'o.id').on('s.year', '=', year))
    .leftJoin('campuses as c', (j) => j.onRef('c.tenant_id', '=', 'o.tenant_id').onRef('c.id', '=', 'o.campus_id'))
    .select([
      'c.name as campus',
      sql<string>`count(*)`.as('rows'),
      sql<string>`count(*) filter (where not coalesce(s.revision = coalesce(v.revision, 0) and s.epoch = ${key.epoch} and s.settings_key = ${key.settingsKey}, false))`.as('stale'),
      sql<string>`count(*) filter (where s.missed = 0)`.as('clean'),
      sql<string>`count(*) filter (where substr(s.states, ${month.index + 1}::int, 1) in (${sql.join(month.dueLetters.map((l) => sql`${l}`))}))`.as('due'),
    ])
    .where('o.tenant_id', '=', tenantId)
    .where('o.type', 'in', [...types])
    .where(subtree(scope, 'o.path'))
    .groupBy('c.name')
    .orderBy(sql`min(o.path)`)
    .execute();
  return rows.map((r) => ({ campus: r.campus, rows: Number(r.rows), stale: Number(r.stale), clean: Number(r.clean), due: Number(r.due) }));
}

/** The orgs with these ids and their party groups, with the dates that decide which periods are due. */
export function orgsWithGroups(db: Db, tenantId: number, ids: readonly number[]) {
  return db
    .selectFrom('orgs')
    .select(['id', 'parent_id', 'type', 'established_on', 'ends_on', 'dissolved_on'])
    .where('tenant_id', '=', tenantId)
    .where((eb) => eb.or([inIds('id', ids), eb.and([eb('type', '=', 'party_group'), inIds('parent_id', ids)])]))
    .execute();
}

/**
 * Stores computed rows, a statement per 5,000. Each keeps the revision read before its records:
 * if two requests race, whichever stores last, the row is fresh only if that revision is still
 * the org's current one.
 */
export async function storeMatrixRows(
  db: Db,
  tenantId: number,
  year: number,
  key: { epoch: string; settingsKey: string },
  rows: ReadonlyArray<{ org_id: number; revision: number; states: string; missed: number; met: number }>,
): Promise<void> {
  for (let i = 0; i < rows.length; i += 5000) {
    const chunk = rows.slice(i, i + 5000);
    await sql`
      insert into orglife_matrix_rows as s (tenant_id, year, org_id, revision, epoch, settings_key, states, missed, met)
      select ${tenantId}, ${year}, v.org_id, v.revision, ${key.epoch}, ${key.settingsKey}, v.states, v.missed, v.met
      from json_to_recordset(${JSON.stringify(chunk)}::json) as v(org_id bigint, revision bigint, states text, missed integer, met integer)
      on conflict (tenant_id, year, org_id) do update set
        revision = excluded.revision, epoch = excluded.epoch, settings_key = excluded.settings_key,
        states = excluded.states, missed = excluded.missed, met = excluded.met, computed_at = now()`.execute(db);
  }
}

// ---------------------------------------------------------------------------------------
// 党章 第九条 flags (lapses.ts)

/** The orgs a lapse list covers: within the scope (all for a member's own row), under an org when given. */
export async function lapseOrgs(db: Db, tenantId: number, scope: DataScope | undefined, orgId: number | undefined) {
  let q = db.selectFrom('orgs as o').select(['o.id', 'o.name', 'o.path']).where('o.tenant_id', '=', tenantId);
  if (scope) q = q.where(scope.kind === 'self' ? sql<boolean>`true` : subtree(scope, 'o.path'));
  if (orgId) {
    const org = await db.selectFrom('orgs').select('path').where('tenant_id', '=', tenantId).where('id', '=', orgId).executeTakeFirst();
    if (!org) return null;
    q = q.where('o.path', 'like', `${escapeLike(org.path)}%`);
  }
  return q.execute();
}

/** The day of the unit's first record (its records begin there), or null. */
export async function firstRecordDay(db: Db, tenantId: number): Promise<string | null> {
  const first = await db.selectFrom('orglife_records').select(sql<string | null>`min(held_on)::text`.as('first')).where('tenant_id', '=', tenantId).executeTakeFirst();
  return first?.first ?? null;
}

/**
 * The members in scope with the day their records begin (since), the last month they were present
 * and the last month they took part in at all (present or excused), those not present for at
 * least `minMonths` full months only (only they can be listed: a run of months without
 * organisational life is never longer than the run without attending). Both months come from the
 * days kept per member with the attendance (orglife_member_last, migration 2026-12-06T0580): one
 * join of the members with their kept rows, no probe of the attendance per member.
 */
export function lapseCandidatesQuery(tenantId: number, firstRecord: string, orgIds: readonly number[] | null, today: string, minMonths: number, members?: number | readonly number[]) {
  // Not present since before this month's start less minMonths months (or never, since then): months not attended ≥ minMonths.
  // In days: the records of the member begin before the month after the cutoff's, and the last day present (if any) is before the cutoff.
  const cutoff = addMonths(`${today.slice(0, 7)}-01`, -minMonths);
  return sql<{ id: number; org_id: number; since: string; last_active: string | null; last_attended: string | null }>`
    select m.id, m.org_id, greatest(${firstRecord}::date, m.joined_on)::text as since,
      to_char(l.last_present, 'YYYY-MM') as last_attended, to_char(l.last_active, 'YYYY-MM') as last_active
    from members m
      left join orglife_member_last l on l.tenant_id = m.tenant_id and l.member_id = m.id
    where m.tenant_id = ${tenantId} and m.status = 'active' ${orgIds === null ? sql`` : sql`and ${inIds('m.org_id', orgIds)}`}
      ${members === undefined ? sql`` : typeof members === 'number' ? sql`and m.id = ${members}` : sql`and ${inIds('m.id', members)}`}
      ${minMonths <= 0 ? sql`` : sql`and greatest(${firstRecord}::date, m.joined_on) < ${addMonths(cutoff, 1)}::date and (l.last_present is null or l.last_present < ${cutoff}::date)`}`;
}

export async function lapseCandidates(db: Db, ...args: Parameters<typeof lapseCandidatesQuery>) {
  return (await lapseCandidatesQuery(...args).execute(db)).rows;
}

/** The months of these members with organisational life: '2026-05' attended or excused only. */
export async function monthsWithLife(db: Db, tenantId: number, memberIds: readonly number[]) {
  const result = await sql<{ member_id: number; month: string; attended: boolean }>`
    select a.member_id, to_char(a.held_on, 'YYYY-MM') as month, bool_or(a.status = 'present') as attended
    from orglife_attendance a
    where a.tenant_id = ${tenantId} and ${inIds('a.member_id', memberIds)} and a.status in ('present', 'excused')
    group by a.member_id, to_char(a.held_on, 'YYYY-MM')`.execute(db);
  return result.rows;
}

export function memberNames(db: Db, tenantId: number, ids: readonly number[]) {
  return db.selectFrom('members').select(['id', 'name']).where('tenant_id', '=', tenantId).where(inIds('id', ids)).execute();
}
