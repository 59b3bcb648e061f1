/**
 * An org's lifecycle: create under a parent of the right type (core PARENT_TYPES), edit with
 * optimistic concurrency, move with its subtree, merge into one of the same kind (core
 * mayMergeInto) and dissolve — each one transaction with its org event and audit row.
 */
import { type Language, type OrgType, mayHaveParent, mayMergeInto } from '@hongyi/core';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Ctx } from '../../lib/context.js';
import { covers } from '../../lib/scope.js';
import { writeAudit } from '../../plugins/audit.js';
import { AppError, conflict } from '../../plugins/errors.js';
import { translate } from '../../plugins/i18n.js';
import { recordChanges } from '../members/service.js';
import {
  type OrgColumns,
  type OrgRow,
  activeChildren,
  departmentIdsFound,
  insertOrg,
  insertOrgEvent,
  markDissolved,
  membersOfOrgOrGroup,
  moveMemberRecord,
  orgById,
  rebuildPaths,
  replaceOrgDepartments,
  reparent,
  setMemberPartyGroup,
  updateOrgVersioned,
  vacateSeats,
} from './repository.js';
import { requireOrg, subtreeOf } from './service.js';

/** The editable fields of an org, as the API names them. */
export interface OrgFields {
  name?: string;
  shortName?: string;
  campusId?: number | null;
  establishedOn?: string | null;
  endsOn?: string | null;
  contactName?: string;
  contactPhone?: string;
  unitSituation?: 'same_as_parent' | 'legal_entity' | 'joint';
  unitNature?: string;
  termYears?: number | null;
  termDelayedUntil?: string | null;
  departmentIds?: number[];
  sort?: number;
}

const COLUMNS: Record<Exclude<keyof OrgFields, 'departmentIds'>, keyof OrgColumns> = {
  name: 'name',
  shortName: 'short_name',
  campusId: 'campus_id',
  establishedOn: 'established_on',
  endsOn: 'ends_on',
  contactName: 'contact_name',
  contactPhone: 'contact_phone',
  unitSituation: 'unit_situation',
  unitNature: 'unit_nature',
  termYears: 'term_years',
  termDelayedUntil: 'term_delayed_until',
  sort: 'sort',
};

function columnsOf(fields: OrgFields): OrgColumns {
  const out: Record<string, unknown> = {};
  for (const [k, column] of Object.entries(COLUMNS)) {
    const value = fields[k as keyof typeof COLUMNS];
    if (value !== undefined) out[column] = value;
  }
  return out as OrgColumns;
}

const zh = (language: Language) => language === 'zh-CN';

async function setDepartments(trx: Transaction<DB>, ctx: Ctx, orgId: number, ids: number[]) {
  const known = await departmentIdsFound(trx, ctx.tenantId, ids);
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new AppError(400, 'VALIDATION_FAILED', {}, [{ path: 'body.departmentIds', message: translate('ORG_DEPARTMENT_UNKNOWN', ctx.language, { ids: unknown.join(', ') }) }]);
  }
  await replaceOrgDepartments(trx, ctx.tenantId, orgId, ids);
}

/** A live org to move or merge into (400 naming the id the caller sent otherwise). */
async function liveTarget(trx: Transaction<DB>, ctx: Ctx, id: number): Promise<OrgRow> {
  const org = await orgById(trx, ctx.tenantId, id);
  if (!org || org.dissolved_on) throw new AppError(400, 'ORG_NOT_FOUND', { id });
  return org;
}

async function liveOrgInScope(trx: Transaction<DB>, ctx: Ctx, id: number): Promise<OrgRow> {
  const org = await requireOrg(trx, ctx, 'orgs.write', id);
  if (org.dissolved_on) throw new AppError(400, 'ORG_DISSOLVED', { name: org.name });
  return org;
}

export async function createOrg(ctx: Ctx, input: OrgFields & { parentId: number; type: OrgType; name: string }): Promise<number> {
  if (input.type === 'temporary_branch' && !input.endsOn) {
    const reason = zh(ctx.language) ? '临时党支部须填写结束日期' : 'a temporary branch needs an end date';
    throw new AppError(400, 'VALIDATION_FAILED', {}, [{ path: 'body.endsOn', message: translate('ORG_PARENT_INVALID', ctx.language, { reason }) }]);
  }
  return ctx.db.transaction().execute(async (trx) => {
    const parent = await liveTarget(trx, ctx, input.parentId);
    if (!mayHaveParent(input.type, parent.type)) throw new AppError(400, 'ORG_PARENT_INVALID', { reason: `${parent.name} → ${input.type}` });
    const { departmentIds } = input;
    const id = await insertOrg(trx, ctx.tenantId, parent, input.type, { ...columnsOf(input), name: input.name });
    if (departmentIds) await setDepartments(trx, ctx, id, departmentIds);
    await insertOrgEvent(trx, ctx.tenantId, id, 'create', input.establishedOn ?? ctx.today, { parentId: input.parentId, name: input.name }, ctx.username);
    await writeAudit(trx, ctx.auditor, { action: 'create', entityType: 'org', entityId: id, summary: `新建党组织 ${input.name}`, after: input });
    return id;
  });
}

export async function editOrg(ctx: Ctx, id: number, input: OrgFields & { version: number }) {
  const { version, departmentIds } = input;
  return ctx.db.transaction().execute(async (trx) => {
    const before = await liveOrgInScope(trx, ctx, id);
    const set = columnsOf(input);
    if (!(await updateOrgVersioned(trx, ctx.tenantId, before.id, version, set))) throw conflict();
    if (departmentIds) await setDepartments(trx, ctx, before.id, departmentIds);
    await insertOrgEvent(trx, ctx.tenantId, before.id, 'update', ctx.today, { ...set, departmentIds }, ctx.username);
    await writeAudit(trx, ctx.auditor, { action: 'update', entityType: 'org', entityId: before.id, summary: `修改党组织 ${before.name}`, before, after: { ...set, departmentIds } });
    return { id: before.id, version: version + 1 };
  });
}

export async function moveOrg(ctx: Ctx, id: number, input: { version: number; parentId: number; onDate: string }) {
  return ctx.db.transaction().execute(async (trx) => {
    const org = await liveOrgInScope(trx, ctx, id);
    const parent = await liveTarget(trx, ctx, input.parentId);
    if (covers(subtreeOf(org), parent.path)) throw new AppError(400, 'ORG_PARENT_INVALID', { reason: zh(ctx.language) ? '不能移到自身或其下级之下' : 'cannot move under itself or its own subtree' });
    if (!mayHaveParent(org.type, parent.type)) throw new AppError(400, 'ORG_PARENT_INVALID', { reason: `${parent.name} → ${org.name}` });
    if (!(await updateOrgVersioned(trx, ctx.tenantId, org.id, input.version, { parent_id: parent.id }))) throw conflict();
    const newPath = `${parent.path}${org.id}/`;
    await rebuildPaths(trx, ctx.tenantId, org.path, newPath, parent.depth + 1 - org.depth);
    await insertOrgEvent(trx, ctx.tenantId, org.id, 'move', input.onDate, { fromParentId: org.parent_id, toParentId: parent.id }, ctx.username);
    await writeAudit(trx, ctx.auditor, { action: 'update', entityType: 'org', entityId: org.id, summary: `调整隶属关系 ${org.name} → ${parent.name}`, before: { parentId: org.parent_id, path: org.path }, after: { parentId: parent.id, path: newPath } });
    return { id: org.id, path: newPath };
  });
}

/** Re-homes an org's members and child orgs to a target, dissolving it (inside the caller's transaction). */
async function dissolveInto(trx: Transaction<DB>, ctx: Ctx, org: OrgRow, target: OrgRow | null, onDate: string, kind: 'merge' | 'dissolve') {
  const t = ctx.tenantId;
  const members = await membersOfOrgOrGroup(trx, t, org.id);
  const children = await activeChildren(trx, t, org.id);
  const activeMembers = members.filter((m) => m.org_id === org.id);
  if (!target && (activeMembers.length > 0 || children.length > 0)) throw new AppError(400, 'ORG_DISSOLVE_NEEDS_TARGET', { name: org.name, count: activeMembers.length + children.length });
  if (target) {
    for (const m of members) {
      if (m.org_id === org.id) {
        await moveMemberRecord(trx, t, m.id, target.id, onDate);
        await recordChanges(trx, ctx, m.id, { org_id: org.id, party_group_id: m.party_group_id }, { org_id: target.id, party_group_id: null }, 'org');
      } else {
        // A party group's members stay in their branch: merged into another group of the
        // branch they join it; when the group is dissolved they are outside any group.
        const group = target.type === 'party_group' ? target.id : null;
        await setMemberPartyGroup(trx, t, m.id, group);
        await recordChanges(trx, ctx, m.id, { party_group_id: org.id }, { party_group_id: group }, 'org');
      }
    }
    for (const c of children) await reparent(trx, t, c, target);
  }
  await vacateSeats(trx, t, org.id);
  await markDissolved(trx, t, org.id, onDate, kind === 'merge' ? target!.id : null);
  const detail = { targetId: target?.id ?? null, targetName: target?.name ?? null, members: activeMembers.length, children: children.length };
  await insertOrgEvent(trx, t, org.id, kind, onDate, detail, ctx.username);
  if (target) await insertOrgEvent(trx, t, target.id, 'update', onDate, { received: org.name, ...detail }, ctx.username);
  await writeAudit(trx, ctx.auditor, { action: kind, entityType: 'org', entityId: org.id, summary: `${kind === 'merge' ? '合并' : '撤销'}党组织 ${org.name}${target ? ` → ${target.name}` : ''}`, after: detail });
  return detail;
}

/** The org at the version the caller read (409 otherwise), live and in scope. */
async function orgToClose(trx: Transaction<DB>, ctx: Ctx, id: number, version: number): Promise<OrgRow> {
  const org = await liveOrgInScope(trx, ctx, id);
  if (org.version !== version) throw conflict();
  return org;
}

export async function mergeOrg(ctx: Ctx, id: number, input: { version: number; intoId: number; onDate: string }) {
  return ctx.db.transaction().execute(async (trx) => {
    const org = await orgToClose(trx, ctx, id, input.version);
    const into = await liveTarget(trx, ctx, input.intoId);
    if (covers(subtreeOf(org), into.path)) throw new AppError(400, 'ORG_MERGE_INVALID', { reason: zh(ctx.language) ? '不能并入自身或其下级' : 'cannot merge into itself or its subtree' });
    if (!mayMergeInto({ id: org.id, type: org.type, parentId: org.parent_id }, { id: into.id, type: into.type, parentId: into.parent_id })) {
      throw new AppError(400, 'ORG_MERGE_INVALID', { reason: zh(ctx.language) ? '只能并入同类党组织（党小组只能并入本支部的党小组）' : 'only into an organisation of the same kind (a party group into a group of its own branch)' });
    }
    return { id: org.id, ...(await dissolveInto(trx, ctx, org, into, input.onDate, 'merge')) };
  });
}

export async function dissolveOrg(ctx: Ctx, id: number, input: { version: number; onDate: string; membersToId?: number }) {
  return ctx.db.transaction().execute(async (trx) => {
    const org = await orgToClose(trx, ctx, id, input.version);
    let target: OrgRow | null = null;
    if (input.membersToId) {
      target = (await orgById(trx, ctx.tenantId, input.membersToId)) ?? null;
      if (!target || target.dissolved_on || covers(subtreeOf(org), target.path) || target.type === 'party_group') throw new AppError(400, 'ORG_NOT_FOUND', { id: input.membersToId });
    } else if (org.type === 'party_group') {
      // A dissolved group's members stay in its branch.
      target = (await orgById(trx, ctx.tenantId, org.parent_id!))!;
    }
    return { id: org.id, ...(await dissolveInto(trx, ctx, org, target, input.onDate, 'dissolve')) };
  });
}
