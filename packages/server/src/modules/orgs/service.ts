import { type DataScope, type DualLeaderCriteria, type OrgWarning, type RuleSettings, orgRuleWarnings, scopeCoversPath, termExpiresOn } from '@hongyi/core';
import { type Kysely, type Transaction, sql } from 'kysely';
import type { DB, OrgType } from '../../db/schema.js';
import { AppError, notFound } from '../../plugins/errors.js';
import { isSeniorTitle } from '../members/fields.js';

import { loadSettings, ruleSettingsOf } from '../settings/service.js';

type Db = Kysely<DB> | Transaction<DB>;

const ELECTED: readonly OrgType[] = ['committee', 'general_branch', 'branch', 'joint_branch'];
export function isElectedType(type: OrgType): type is 'committee' | 'general_branch' | 'branch' | 'joint_branch' {
  return ELECTED.includes(type);
}

export { ruleSettingsOf };

/** 双带头人 criteria and the letterhead (settings store, section 'orgs'), with the version read. */
export async function orgSettingsOf(db: Db, tenantId: number) {
  const { value, version } = await loadSettings(db, tenantId, 'orgs');
  return { ...value, version };
}

export function isDualLeader(m: { title: string | null; post: string; academic_leader: boolean }, c: DualLeaderCriteria): boolean {
  return (c.seniorTitle && isSeniorTitle(m.title)) || c.headPosts.includes(m.post) || (c.academicLeader && m.academic_leader);
}

/** An org inside the scope; a member (self scope) reaches only their own branch. */
export async function orgInScope(db: Db, tenantId: number, scope: DataScope, id: number, ownOrgId: number | null = null) {
  const org = await db.selectFrom('orgs').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  if (!org) throw notFound('ORG_NOT_FOUND', id);
  const visible = scope.kind === 'self' ? ownOrgId === id : scopeCoversPath(scope, org.path);
  if (!visible) throw new AppError(403, 'OUT_OF_SCOPE');
  return org;
}

/** Which parent types each org type may sit under (党章: 党委 → 党总支 → 党支部 → 党小组). */
export const PARENT_TYPES: Record<OrgType, readonly (OrgType | null)[]> = {
  committee: [null, 'committee'],
  general_branch: ['committee'],
  branch: ['committee', 'general_branch'],
  joint_branch: ['committee', 'general_branch'],
  temporary_branch: ['committee', 'general_branch'],
  party_group: ['branch', 'joint_branch'],
};

export interface OrgFacts {
  id: number;
  name: string;
  type: OrgType;
  path: string;
  parentId: number | null;
  memberCount: number;
  fullMemberCount: number;
  seats: number;
  vacancies: number;
  hasCommittee: boolean;
  termStart: string | null;
  termYears: number | null;
  termExpiresOn: string | null;
  endsOn: string | null;
  termDelayedUntil: string | null;
}

/** Counts and committee facts for the orgs whose path starts with one of `paths` (or all). */
export async function orgFacts(db: Db, tenantId: number, scope: DataScope, settings: RuleSettings, orgIds?: number[]): Promise<OrgFacts[]> {
  let q = db
    .selectFrom('orgs as o')
    .select(['o.id', 'o.name', 'o.type', 'o.path', 'o.parent_id', 'o.ends_on', 'o.term_years', 'o.term_delayed_until'])
    .where('o.tenant_id', '=', tenantId)
    .where('o.dissolved_on', 'is', null);
  if (orgIds) q = q.where('o.id', 'in', orgIds.length ? orgIds : [0]);
  if (scope.kind === 'subtree') q = q.where(sql<boolean>`(${sql.join(scope.paths.map((p) => sql`o.path like ${`${p}%`}`), sql` or `)})`);
  const orgs = await q.orderBy('o.path').execute();
  const counts = await db
    .selectFrom('members')
    .select(['org_id', sql<number>`count(*)`.as('n'), sql<number>`count(*) filter (where category = 'full')`.as('full')])
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'active')
    .groupBy('org_id')
    .execute();
  const seats = await db
    .selectFrom('org_committee_seats')
    .select(['org_id', sql<number>`count(*)`.as('n'), sql<number>`count(*) filter (where member_id is null)`.as('vacant'), sql<number>`count(*) filter (where post not in ('secretary', 'deputy_secretary'))`.as('members')])
    .where('tenant_id', '=', tenantId)
    .groupBy('org_id')
    .execute();
  const elections = await db
    .selectFrom('org_elections')
    .select(['org_id', 'held_on', 'term_years'])
    .where('tenant_id', '=', tenantId)
    .orderBy('held_on', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const countOf = new Map(counts.map((c) => [c.org_id, c]));
  const seatOf = new Map(seats.map((s) => [s.org_id, s]));
  const lastElection = new Map<number, { held_on: string; term_years: number }>();
  for (const e of elections) if (!lastElection.has(e.org_id)) lastElection.set(e.org_id, e);
  // Totals per subtree for general branches and committees (members are held by branches).
  const subtree = (o: { path: string; type: OrgType; id: number }, key: 'n' | 'full') =>
    o.type === 'committee' || o.type === 'general_branch'
      ? orgs.filter((x) => x.path.startsWith(o.path)).reduce((s, x) => s + Number(countOf.get(x.id)?.[key] ?? 0), 0)
      : Number(countOf.get(o.id)?.[key] ?? 0);
  return orgs.map((o) => {
    const s = seatOf.get(o.id);
    const e = lastElection.get(o.id);
    const years = isElectedType(o.type) ? (o.term_years ?? e?.term_years ?? settings.termYears[o.type]) : null;
    const termStart = isElectedType(o.type) ? (e?.held_on ?? null) : null;
    return {
      id: o.id,
      name: o.name,
      type: o.type,
      path: o.path,
      parentId: o.parent_id,
      memberCount: subtree(o, 'n'),
      fullMemberCount: subtree(o, 'full'),
      seats: Number(s?.n ?? 0),
      vacancies: Number(s?.vacant ?? 0),
      hasCommittee: Number(s?.members ?? 0) > 0,
      termStart,
      termYears: years,
      termExpiresOn: termStart && years ? termExpiresOn(termStart, years) : null,
      endsOn: o.ends_on,
      termDelayedUntil: o.term_delayed_until,
    };
  });
}

export function warningsFor(f: OrgFacts, today: string, settings: RuleSettings): OrgWarning[] {
  return orgRuleWarnings({
    type: f.type,
    fullMemberCount: f.fullMemberCount,
    memberCount: f.memberCount,
    hasCommittee: f.hasCommittee,
    committeeSize: f.seats,
    termStart: f.termStart,
    termYears: f.termYears,
    vacancies: f.vacancies,
    endsOn: f.endsOn,
    today,
    termDelayedUntil: f.termDelayedUntil,
    settings,
  });
}

/** Rewrites the materialised paths and depths of an org's subtree after a move. */
export async function rebuildPaths(trx: Transaction<DB>, tenantId: number, oldPath: string, newPath: string, depthDelta: number): Promise<void> {
  await sql`
    update orgs set path = ${newPath} || substr(path, ${oldPath.length + 1}), depth = depth + ${depthDelta}, updated_at = now()
    where tenant_id = ${tenantId} and path like ${`${oldPath}%`}`.execute(trx);
}
