/**
 * The orgs area's unit settings (双带头人 criteria, the transfer letter's letterhead: the settings
 * store's section 'orgs') and the 双带头人 coverage they decide.
 */
import { DUAL_LEADER_DEPARTMENT_KINDS, type UnitSettings } from '@hongyi/core';
import type { Ctx } from '../../lib/context.js';
import { covers } from '../../lib/scope.js';
import { AppError } from '../../plugins/errors.js';
import { saveSettings } from '../settings/service.js';
import { departmentKindsByOrg, orgsVisible, seatHolders } from './repository.js';
import { isDualLeader, orgSettingsOf, subtreeOf } from './service.js';

export function orgSettings(ctx: Ctx) {
  return orgSettingsOf(ctx.db, ctx.tenantId);
}

/** Saves the whole section over the version read (400 naming the field, 409 when stale, audited). */
export async function saveOrgSettings(ctx: Ctx, input: UnitSettings<'orgs'> & { version: number }) {
  return ctx.db.transaction().execute(async (trx) => {
    const saved = await saveSettings(trx, ctx.auditor, 'orgs', { dualLeader: input.dualLeader, letterhead: input.letterhead }, input.version, { summary: '修改党组织设置', language: ctx.language });
    return { ...saved.value, version: saved.version };
  });
}

/**
 * 双带头人 coverage per 党委 and 党总支 in the caller's scope: the share of clinical and teaching
 * branches (core DUAL_LEADER_DEPARTMENT_KINDS) whose secretary meets the unit's criteria.
 */
export async function dualLeaderReport(ctx: Ctx) {
  const scope = ctx.scope('orgs.read');
  if (scope.kind === 'self') throw new AppError(403, 'FORBIDDEN');
  const t = ctx.tenantId;
  const [{ dualLeader }, orgs, deps, seats] = await Promise.all([orgSettingsOf(ctx.db, t), orgsVisible(ctx.db, t, scope, ctx.memberId), departmentKindsByOrg(ctx.db, t), seatHolders(ctx.db, t, { post: 'secretary' })]);
  const secOf = new Map(seats.map((s) => [s.org_id, s]));
  const kinds: readonly string[] = DUAL_LEADER_DEPARTMENT_KINDS;
  const professional = new Set(deps.filter((d) => kinds.includes(d.kind)).map((d) => d.org_id));
  const branches = orgs
    .filter((o) => (o.type === 'branch' || o.type === 'joint_branch') && professional.has(o.id))
    .map((o) => {
      const s = secOf.get(o.id);
      const dual = s?.member_id ? isDualLeader(s, dualLeader) : false;
      return { id: o.id, name: o.name, path: o.path, secretaryId: s?.member_id ?? null, secretaryName: s?.name ?? null, title: s?.title ?? null, post: s?.job_post ?? null, dualLeader: dual };
    });
  const groups = orgs
    .filter((o) => o.type === 'committee' || o.type === 'general_branch')
    .map((p) => {
      const within = branches.filter((b) => covers(subtreeOf(p), b.path));
      const covered = within.filter((b) => b.dualLeader).length;
      const missing = within.filter((b) => !b.dualLeader).map(({ path: _path, ...b }) => b);
      return { id: p.id, name: p.name, type: p.type, branches: within.length, covered, rate: within.length ? Math.round((covered / within.length) * 1000) / 10 : null, missing };
    })
    .filter((g) => g.branches > 0);
  return { criteria: dualLeader, items: groups, total: groups.length };
}
