/**
 * The org tree and what it knows of each org: counts, committee, term and the rule warnings
 * (core orgRules). Lifecycle writes are in service-lifecycle.ts, committees and elections in
 * service-committee.ts, settings, 双带头人 and departments in service-settings.ts.
 */
import {
  type DataScope,
  type DualLeaderCriteria,
  type Language,
  type OrgType,
  type OrgWarning,
  type Permission,
  type RuleSettings,
  type WarningSeverity,
  isElectedType,
  orgRuleWarnings,
  termExpiresOn,
} from '@hongyi/core';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Ctx } from '../../lib/context.js';
import { personViewer, presentPerson, presentPhone } from '../../lib/person.js';
import { covers, requireInScope } from '../../lib/scope.js';
import { AppError, notFound } from '../../plugins/errors.js';
import { translate } from '../../plugins/i18n.js';
import { isSeniorTitle } from '../members/fields.js';
import { loadSettings, ruleSettingsOf } from '../settings/service.js';
import {
  type OrgRow,
  activeChildren,
  activeMemberCounts,
  campusName,
  electionsOf,
  eventsOf,
  latestElections,
  liveOrgs,
  memberOrgId,
  orgById,
  orgDepartments,
  orgsVisible,
  parentName,
  seatCounts,
  seatHolders,
} from './repository.js';

type Db = Kysely<DB> | Transaction<DB>;

export { ruleSettingsOf };

/** 双带头人 criteria and the letterhead (settings store, section 'orgs'), with the version read. */
export async function orgSettingsOf(db: Db, tenantId: number) {
  const { value, version } = await loadSettings(db, tenantId, 'orgs');
  return { ...value, version };
}

/** Does a seat's holder meet the unit's 双带头人 criteria (any one is enough)? */
export function isDualLeader(m: { title: string | null; job_post: string | null; academic_leader: boolean | null }, c: DualLeaderCriteria): boolean {
  return (c.seniorTitle && isSeniorTitle(m.title)) || c.headPosts.includes(m.job_post ?? '') || (c.academicLeader && Boolean(m.academic_leader));
}

/** An org's own subtree as a scope: covers(subtreeOf(org), path) asks whether an org lies at or under it. */
export function subtreeOf(org: { id: number; path: string }): DataScope {
  return { kind: 'subtree', orgIds: [org.id], paths: [org.path] };
}

/**
 * The org, when it exists in the caller's unit and lies in their scope for the permission: 404
 * naming the id otherwise, 403 outside the scope. A member (self scope) reaches their own branch.
 */
export async function requireOrg(db: Db, ctx: Ctx, permission: Permission, id: number): Promise<OrgRow> {
  const scope = ctx.scope(permission);
  const org = await orgById(db, ctx.tenantId, id);
  const ownOrg = scope.kind === 'self' && org ? await memberOrgId(db, ctx.tenantId, ctx.memberId) : null;
  // For a self scope the org counts as the member's own record when it holds it.
  const scoped = org && { ...org, orgPath: org.path, memberId: ownOrg === org.id ? ctx.memberId : null };
  requireInScope(scope, scoped, notFound('ORG_NOT_FOUND', id));
  return org!;
}

// ---------------------------------------------------------------------------------------
// Facts and warnings

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
  /** The date of the latest election (elected types only). */
  termStart: string | null;
  termYears: number | null;
  /** When the current term expires (termStart + termYears), or null without an election. */
  termExpiresOn: string | null;
  endsOn: string | null;
  termDelayedUntil: string | null;
}

/**
 * The term facts of the live orgs in a scope (or of these ids): member counts (subtree totals for
 * 党委 and 党总支), committee seats and vacancies, and the current term with its expiry. The one
 * source of term expiry — the warnings list, an org's page and the reminder digest read it here.
 */
export async function orgFacts(db: Db, tenantId: number, scope: DataScope, settings: RuleSettings, orgIds?: number[]): Promise<OrgFacts[]> {
  // Every live org in scope, even when only some are asked for: a 党委's or 党总支's counts are its subtree's.
  const [orgs, counts, seats, lastElection] = await Promise.all([liveOrgs(db, tenantId, scope), activeMemberCounts(db, tenantId), seatCounts(db, tenantId), latestElections(db, tenantId)]);
  const wanted = orgIds ? new Set(orgIds) : null;
  const countOf = new Map<number, { n: number; full: number }>();
  for (const c of counts) {
    const sum = countOf.get(c.orgId) ?? { n: 0, full: 0 };
    countOf.set(c.orgId, { n: sum.n + c.count, full: sum.full + c.full });
  }
  const seatOf = new Map(seats.map((s) => [s.orgId, s]));
  // Totals per subtree for general branches and committees (members are held by branches).
  const total = (o: { path: string; type: OrgType; id: number }, key: 'n' | 'full') =>
    o.type === 'committee' || o.type === 'general_branch'
      ? orgs.filter((x) => covers(subtreeOf(o), x.path)).reduce((s, x) => s + (countOf.get(x.id)?.[key] ?? 0), 0)
      : (countOf.get(o.id)?.[key] ?? 0);
  return orgs.filter((o) => !wanted || wanted.has(o.id)).map((o) => {
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
      memberCount: total(o, 'n'),
      fullMemberCount: total(o, 'full'),
      seats: s?.seats ?? 0,
      vacancies: s?.vacant ?? 0,
      hasCommittee: (s?.members ?? 0) > 0,
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

/** A warning with its message in the caller's language. */
function presentWarning(w: OrgWarning, language: Language) {
  return { ...w, message: translate(w.code, language, w.params) };
}

/** The orgs in the caller's scope that have warnings (of a severity), 党委-wide; not for a member. */
export async function warningList(ctx: Ctx, severity?: WarningSeverity) {
  const scope = ctx.scope('orgs.read');
  if (scope.kind === 'self') throw new AppError(403, 'FORBIDDEN');
  const settings = await ruleSettingsOf(ctx.db, ctx.tenantId);
  const facts = await orgFacts(ctx.db, ctx.tenantId, scope, settings);
  return facts
    .map((f) => ({
      id: f.id,
      name: f.name,
      type: f.type,
      memberCount: f.memberCount,
      termExpiresOn: f.termExpiresOn,
      warnings: warningsFor(f, ctx.today, settings)
        .filter((w) => !severity || w.severity === severity)
        .map((w) => presentWarning(w, ctx.language)),
    }))
    .filter((x) => x.warnings.length > 0);
}

// ---------------------------------------------------------------------------------------
// The tree and one org

export interface TreeNode {
  id: number;
  parentId: number | null;
  type: OrgType;
  name: string;
  path: string;
  memberCount: number;
  children: TreeNode[];
}

/** The tree within the caller's scope with active member counts (subtree totals). */
export async function orgTree(ctx: Ctx): Promise<TreeNode[]> {
  const scope = ctx.scope('orgs.read');
  const [rows, counts] = await Promise.all([orgsVisible(ctx.db, ctx.tenantId, scope, ctx.memberId), activeMemberCounts(ctx.db, ctx.tenantId)]);
  const direct = new Map<number, number>();
  for (const c of counts) {
    direct.set(c.orgId, (direct.get(c.orgId) ?? 0) + c.count);
    if (c.partyGroupId) direct.set(c.partyGroupId, (direct.get(c.partyGroupId) ?? 0) + c.count);
  }
  const nodes = new Map<number, TreeNode>();
  for (const o of rows) nodes.set(o.id, { id: o.id, parentId: o.parent_id, type: o.type, name: o.name, path: o.path, memberCount: 0, children: [] });
  const roots: TreeNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId !== null ? nodes.get(node.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  // Subtree totals; a party group's members are already counted in its branch.
  const total = (node: TreeNode): void => {
    for (const child of node.children) total(child);
    const own = direct.get(node.id) ?? 0;
    node.memberCount = node.type === 'party_group' ? own : own + node.children.filter((c) => c.type !== 'party_group').reduce((s, c) => s + c.memberCount, 0);
  };
  roots.forEach(total);
  return roots;
}

/** One org: fields, departments, committee, current term, elections, history, children and warnings. */
export async function orgDetail(ctx: Ctx, id: number) {
  const org = await requireOrg(ctx.db, ctx, 'orgs.read', id);
  const t = ctx.tenantId;
  const viewer = personViewer(ctx.grants);
  const settings = await ruleSettingsOf(ctx.db, t);
  const { dualLeader } = await orgSettingsOf(ctx.db, t);
  const [facts] = org.dissolved_on ? [undefined] : await orgFacts(ctx.db, t, { kind: 'tenant' }, settings, [org.id]);
  const [parent, departments, seats, elections, events, children, campus] = await Promise.all([
    parentName(ctx.db, t, org.parent_id),
    orgDepartments(ctx.db, t, org.id),
    seatHolders(ctx.db, t, { orgId: org.id }),
    electionsOf(ctx.db, t, org.id),
    eventsOf(ctx.db, t, org.id),
    activeChildren(ctx.db, t, org.id),
    campusName(ctx.db, t, org.campus_id),
  ]);
  const warnings = facts ? warningsFor(facts, ctx.today, settings) : [];
  return {
    id: org.id,
    parentId: org.parent_id,
    parentName: parent,
    type: org.type,
    name: org.name,
    shortName: org.short_name,
    campusId: org.campus_id,
    campusName: campus,
    establishedOn: org.established_on,
    endsOn: org.ends_on,
    dissolvedOn: org.dissolved_on,
    mergedIntoId: org.merged_into_id,
    contactName: org.contact_name,
    contactPhone: presentPhone(viewer, org.contact_phone),
    unitSituation: org.unit_situation,
    unitNature: org.unit_nature,
    termYears: org.term_years,
    termDelayedUntil: org.term_delayed_until,
    version: org.version,
    memberCount: facts?.memberCount ?? 0,
    fullMemberCount: facts?.fullMemberCount ?? 0,
    term: facts && isElectedType(org.type) ? { start: facts.termStart, years: facts.termYears, expiresOn: facts.termExpiresOn } : null,
    departments: departments.map((d) => ({ id: d.id, name: d.name, kind: d.kind, teachingOffice: d.is_teaching_office, trinity: d.trinity })),
    committee: seats.map((s) => ({
      id: s.id,
      post: s.post,
      memberId: s.member_id,
      memberName: s.name,
      startedOn: s.started_on,
      title: s.title,
      jobPost: s.job_post,
      dualLeader: s.member_id ? isDualLeader(s, dualLeader) : false,
    })),
    elections: elections.map((e) => ({
      id: e.id,
      heldOn: e.held_on,
      termYears: e.term_years,
      votersDue: e.voters_due,
      votersPresent: e.voters_present,
      results: e.results,
      notes: e.notes,
      candidates: e.candidates as { name: string; memberId: number | null; votes: number; elected: boolean }[],
      // Who was left out of those due, and why, is personal: only for those who may read members.
      excludedCount: (e.excluded as unknown[]).length,
      excluded: ctx.can('members.read') ? (e.excluded as unknown[]) : [],
    })),
    history: events.map((e) => ({ id: e.id, kind: e.kind, onDate: e.on_date, detail: presentPerson(viewer, e.detail), username: e.username, at: new Date(e.at).toISOString() })),
    children: children.map((c) => ({ id: c.id, name: c.name, type: c.type })),
    warnings: warnings.map((w) => presentWarning(w, ctx.language)),
  };
}
