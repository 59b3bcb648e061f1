/**
 * Contact points (联系点) and co-building (结对共建): what is shared by the three parts —
 * the unit's settings, who sees what, and the accounts offered as leaders and owners.
 *
 * Who sees and does what (core access.ts):
 * - the office (contacts.write) keeps the links and the agreements, and records visits and
 *   follow-ups for any contact point;
 * - a leader (contacts.visit) records and edits visits only under their own contact points, and
 *   sees only those;
 * - a branch secretary (contacts.read, their subtree) sees the links and visits of their
 *   branches and the agreements either side of which is theirs, and closes the follow-ups they
 *   own; whoever owns a follow-up sees it and its visit;
 * - the inspector and the system administrator read everything.
 */
import type { ContactsSettings } from '@hongyi/core';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Ctx } from '../../lib/context.js';
import { covers, requireInScope } from '../../lib/scope.js';
import { fieldError } from '../../plugins/errors.js';
import { loadSettings, saveSettings } from '../settings/service.js';
import { type ContactView, accountsWithRoles, committeeMemberAccounts, findOrg } from './repository.js';

export type Db = Ctx['db'] | Transaction<DB>;

export async function contactsSettings(ctx: Ctx, db: Db = ctx.db) {
  return loadSettings(db, ctx.tenantId, 'contacts');
}

export async function saveContactsSettings(ctx: Ctx, value: ContactsSettings, version: number) {
  return ctx.db.transaction().execute((trx) => saveSettings(trx, ctx.auditor, 'contacts', value, version, { summary: '修改联系点与结对共建设置', language: ctx.language }));
}

/**
 * What the caller sees of contact points, visits and follow-ups: the office and the readers their
 * scope; a leader (contacts.visit without contacts.write) only their own contact points.
 */
export function contactView(ctx: Ctx): ContactView {
  if (!ctx.can('contacts.write') && ctx.can('contacts.visit')) return { kind: 'leader', userId: ctx.userId };
  return { kind: 'scope', scope: ctx.scope('contacts.read'), userId: ctx.userId };
}

/** True when the view reaches a contact point (its leader and branch). */
export function viewCovers(view: ContactView, point: { userId: number; orgPath: string }): boolean {
  return view.kind === 'leader' ? point.userId === view.userId : covers(view.scope, point.orgPath);
}

/** The org, when it exists in the unit (400 on the field) and the caller's scope for the permission reaches it (403). */
export async function orgInScope(ctx: Ctx, db: Db, orgId: number, path: string, permission: 'contacts.read' | 'contacts.write') {
  const org = await findOrg(db, ctx.tenantId, orgId);
  return requireInScope(ctx.scope(permission), org && { ...org, orgPath: org.path }, fieldError(ctx.language, path, 'CONTACT_ORG_UNKNOWN', { id: orgId }));
}

/** The accounts that may be a contact point: those with the leader role and the 党委委员 with an account. */
export async function leaderAccounts(ctx: Ctx, db: Db = ctx.db) {
  const leaders = await accountsWithRoles(db, ctx.tenantId, ['leader']);
  const seats = await committeeMemberAccounts(db, ctx.tenantId);
  const out = new Map<number, { id: number; name: string; leader: boolean; committeePost: string | null }>();
  for (const l of leaders) out.set(l.id, { id: l.id, name: l.name, leader: true, committeePost: null });
  for (const s of seats) {
    const known = out.get(s.id);
    if (known) known.committeePost ??= s.post;
    else out.set(s.id, { id: s.id, name: s.name, leader: false, committeePost: s.post });
  }
  return [...out.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.id - b.id);
}

/**
 * The accounts a follow-up may be given to (those who can see and close it): branch secretaries,
 * the office and leaders, the secretaries of the given branch first. Names only; a caller who
 * records no visits gets none.
 */
export async function ownerAccounts(ctx: Ctx, orgId: number | undefined) {
  if (!ctx.can('contacts.write') && !ctx.can('contacts.visit')) return [];
  const org = orgId ? await orgInScope(ctx, ctx.db, orgId, 'query.orgId', 'contacts.read') : null;
  const rows = await accountsWithRoles(ctx.db, ctx.tenantId, ['branch_secretary', 'org_office', 'leader']);
  const out = new Map<number, { id: number; name: string; roles: string[]; orgNames: string[]; ofBranch: boolean }>();
  for (const r of rows) {
    const entry = out.get(r.id) ?? { id: r.id, name: r.name, roles: [], orgNames: [], ofBranch: false };
    if (!entry.roles.includes(r.role)) entry.roles.push(r.role);
    if (r.org_name && !entry.orgNames.includes(r.org_name)) entry.orgNames.push(r.org_name);
    // A secretary whose grant covers the branch (its own, or the general branch above it).
    if (org && r.role === 'branch_secretary' && r.org_id && r.org_path && covers({ kind: 'subtree', orgIds: [r.org_id], paths: [r.org_path] }, org.path)) entry.ofBranch = true;
    out.set(r.id, entry);
  }
  return [...out.values()].sort((a, b) => Number(b.ofBranch) - Number(a.ofBranch) || a.name.localeCompare(b.name, 'zh-CN') || a.id - b.id);
}
