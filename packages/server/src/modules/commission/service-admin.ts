/**
 * The deployment operator's commission page (docs/decisions/0004-commission-level.md): the
 * administrators of the operating unit create commissions (卫健委, 教育工委) with their office tenant,
 * rename or delete them, attach and detach units, and create, disable or reset the commission's
 * accounts. The same
 * repository inserts the demo loader and the test fixtures use; every change is one transaction
 * and audited in the operator's own log. Routes call assertOperator before any of these.
 */
import type { CommissionKind } from '@hongyi/core';
import type { Ctx } from '../../lib/context.js';
import { writeAudit } from '../../plugins/audit.js';
import { AppError, conflict, fieldError, notFound } from '../../plugins/errors.js';
import { translate } from '../../plugins/i18n.js';
import { assertPasswordAcceptable, hashPassword } from '../../plugins/password.js';
import { deleteUserSessions, setPassword, usernameTaken } from '../auth/repository.js';
import { temporaryPassword } from '../users/service.js';
import {
  addCommissionUnit,
  allCommissions,
  codeTaken,
  commissionById,
  commissionNamed,
  deploymentUnits,
  insertCommission,
  insertCommissionAccount,
  isCommissionUnit,
  officeAccount,
  officeAccounts,
  removeCommissionUnit,
  renameCommission,
  renameOffice,
  setOfficeAccountActive,
  deleteCommission,
  unitByCode,
  unitsOfAll,
} from './repository.js';

/** Every commission with its units and accounts, and the deployment's units to attach. */
export async function commissionAdminList(ctx: Ctx) {
  const commissions = await allCommissions(ctx.db);
  const units = await unitsOfAll(ctx.db);
  const accounts = await officeAccounts(
    ctx.db,
    commissions.map((c) => c.office_tenant_id),
  );
  return {
    items: commissions.map((c) => ({
      id: c.id,
      code: c.code,
      name: c.name,
      kind: c.kind,
      officeName: c.office_name,
      version: c.version,
      units: units.filter((u) => u.commission_id === c.id).map((u) => ({ tenantId: u.id, code: u.code, name: u.name, joinedOn: u.joined_on })),
      accounts: accounts
        .filter((a) => a.tenant_id === c.office_tenant_id)
        .map((a) => ({ id: a.id, username: a.username, name: a.name, active: a.active, mustChangePassword: a.must_change_password })),
    })),
    units: (await deploymentUnits(ctx.db)).map((u) => ({ tenantId: u.id, code: u.code, name: u.name })),
  };
}

async function oneCommission(ctx: Ctx, id: number) {
  const list = await commissionAdminList(ctx);
  const found = list.items.find((c) => c.id === id);
  if (!found) throw notFound('COMMISSION_NOT_FOUND', id);
  return found;
}

async function existing(ctx: Ctx, id: number) {
  const c = await commissionById(ctx.db, id);
  if (!c) throw notFound('COMMISSION_NOT_FOUND', id);
  return c;
}

async function assertNameFree(ctx: Ctx, name: string, except?: number) {
  if (await commissionNamed(ctx.db, name, except)) throw fieldError(ctx.language, 'body.name', 'COMMISSION_NAME_TAKEN', { name });
}

export interface NewCommission {
  code: string;
  name: string;
  kind: CommissionKind;
  officeName?: string | undefined;
}

/** The office's name when the operator gives none: the commission's own, with 机关. */
const defaultOfficeName = (name: string) => `${name}机关`;

/** A commission and its office tenant (which holds its accounts and nothing of a unit). */
export async function createCommissionByOperator(ctx: Ctx, input: NewCommission) {
  await assertNameFree(ctx, input.name);
  if (await codeTaken(ctx.db, input.code)) throw fieldError(ctx.language, 'body.code', 'COMMISSION_CODE_TAKEN', { code: input.code });
  const officeName = input.officeName || defaultOfficeName(input.name);
  const { id } = await ctx.db.transaction().execute(async (trx) => {
    const created = await insertCommission(trx, { code: input.code, name: input.name, kind: input.kind, officeName });
    await writeAudit(trx, ctx.auditor, { action: 'create', entityType: 'commission', entityId: created.id, summary: `创建委员会 ${input.name}`, after: { ...input, officeName } });
    return created;
  });
  return oneCommission(ctx, id);
}

/**
 * Renames a commission (409 on a stale version) and, with it, its office: to the name given, or,
 * when the office still bears the name made from the commission's, to the one made from the new
 * name. An office named otherwise keeps its name unless one is given.
 */
export async function renameCommissionByOperator(ctx: Ctx, id: number, version: number, name: string, officeName?: string) {
  const before = await existing(ctx, id);
  await assertNameFree(ctx, name, id);
  const office = officeName || (before.office_name === defaultOfficeName(before.name) ? defaultOfficeName(name) : before.office_name);
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await renameCommission(trx, id, version, name))) throw conflict();
    if (office !== before.office_name) await renameOffice(trx, before.office_tenant_id, office);
    await writeAudit(trx, ctx.auditor, {
      action: 'update',
      entityType: 'commission',
      entityId: id,
      summary: `委员会更名 ${before.name} → ${name}`,
      before: { name: before.name, officeName: before.office_name },
      after: { name, officeName: office },
    });
  });
  return oneCommission(ctx, id);
}

/**
 * Deletes a commission with its office (409 on a stale version). Only an empty one: a unit that
 * belongs to it must be detached first, and a commission whose office holds accounts keeps its
 * record (the accounts' sign-ins and changes are audited there): disable the accounts instead.
 */
export async function deleteCommissionByOperator(ctx: Ctx, id: number, version: number): Promise<void> {
  const c = await oneCommission(ctx, id);
  const before = await existing(ctx, id);
  if (c.units.length > 0 || c.accounts.length > 0) throw new AppError(409, 'COMMISSION_NOT_EMPTY', { units: c.units.length, accounts: c.accounts.length, remaining: remainingOf(ctx, c) });
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await deleteCommission(trx, id, version, before.office_tenant_id))) throw conflict();
    await writeAudit(trx, ctx.auditor, { action: 'delete', entityType: 'commission', entityId: id, summary: `删除委员会 ${c.name}`, before: { code: c.code, name: c.name, kind: c.kind, officeName: c.officeName } });
  });
}

/** What keeps a commission from being deleted, named in the caller's language: its units and its accounts (the first few of each). */
function remainingOf(ctx: Ctx, c: { units: readonly { name: string }[]; accounts: readonly { username: string }[] }): string {
  const zh = ctx.language === 'zh-CN';
  const names = (all: readonly string[]) => (all.length > 5 ? `${all.slice(0, 5).join(zh ? '、' : ', ')}${zh ? '等' : ', …'}` : all.join(zh ? '、' : ', '));
  const parts = [
    ...(c.units.length > 0 ? [translate('COMMISSION_REMAINING_UNITS', ctx.language, { count: c.units.length, names: names(c.units.map((u) => u.name)) })] : []),
    ...(c.accounts.length > 0 ? [translate('COMMISSION_REMAINING_ACCOUNTS', ctx.language, { count: c.accounts.length, names: names(c.accounts.map((a) => a.username)) })] : []),
  ];
  return parts.join(zh ? '、' : ' and ');
}

/** A unit (by its code) joins the commission from a day (today unless given). */
export async function attachUnit(ctx: Ctx, id: number, unitCode: string, joinedOn: string | undefined) {
  const c = await existing(ctx, id);
  const unit = await unitByCode(ctx.db, unitCode);
  if (!unit || unit.office) throw fieldError(ctx.language, 'body.unitCode', 'COMMISSION_UNIT_CODE_UNKNOWN', { code: unitCode });
  if (await isCommissionUnit(ctx.db, c.id, unit.id)) throw fieldError(ctx.language, 'body.unitCode', 'COMMISSION_UNIT_ATTACHED', { unit: unit.name, commission: c.name });
  const day = joinedOn ?? ctx.today;
  await ctx.db.transaction().execute(async (trx) => {
    await addCommissionUnit(trx, c.id, unit.id, day);
    await writeAudit(trx, ctx.auditor, { action: 'create', entityType: 'commission_unit', entityId: `${c.id}:${unit.id}`, summary: `${c.name} 纳入单位 ${unit.name}`, after: { unit: unit.code, joinedOn: day } });
  });
  return oneCommission(ctx, id);
}

/** A unit leaves the commission: its accounts no longer read the unit's figures. */
export async function detachUnit(ctx: Ctx, id: number, tenantId: number) {
  const c = await existing(ctx, id);
  const before = (await oneCommission(ctx, id)).units.find((u) => u.tenantId === tenantId);
  await ctx.db.transaction().execute(async (trx) => {
    if (!before || !(await removeCommissionUnit(trx, c.id, tenantId))) throw notFound('COMMISSION_UNIT_NOT_ATTACHED', tenantId);
    await writeAudit(trx, ctx.auditor, { action: 'delete', entityType: 'commission_unit', entityId: `${c.id}:${tenantId}`, summary: `${c.name} 移出单位 ${before.name}`, before });
  });
}

export interface NewCommissionAccount {
  username: string;
  name: string;
  password: string;
}

/**
 * A commission account: a user of the office tenant with the one role `commission`, whose initial
 * password must be changed at the first sign-in. The users module's rules: usernames unique on the
 * platform (decision 0002, 409 USERNAME_TAKEN), the password policy, argon2id.
 */
export async function createCommissionAccount(ctx: Ctx, id: number, input: NewCommissionAccount) {
  const c = await existing(ctx, id);
  if (await usernameTaken(ctx.db, input.username)) {
    const params = { username: input.username };
    throw new AppError(409, 'USERNAME_TAKEN', params, [{ path: 'body.username', message: translate('USERNAME_TAKEN', ctx.language, params) }]);
  }
  await assertPasswordAcceptable(input.password, { username: input.username, name: input.name }, 'body.password', ctx.language);
  const passwordHash = await hashPassword(input.password);
  await ctx.db.transaction().execute(async (trx) => {
    const userId = await insertCommissionAccount(trx, c.office_tenant_id, { username: input.username, name: input.name, passwordHash, mustChangePassword: true });
    await writeAudit(trx, ctx.auditor, { action: 'create', entityType: 'commission_account', entityId: userId, summary: `${c.name} 创建账号 ${input.username}`, after: { username: input.username, name: input.name, role: 'commission' } });
  });
  return oneCommission(ctx, id);
}

/** Disables a commission account (its sessions end; it can no longer sign in) or enables it again. */
export async function setCommissionAccountActive(ctx: Ctx, id: number, userId: number, active: boolean) {
  const c = await existing(ctx, id);
  const account = await officeAccount(ctx.db, c.office_tenant_id, userId);
  if (!account) throw notFound('COMMISSION_ACCOUNT_NOT_FOUND', userId);
  if (account.active !== active) {
    await ctx.db.transaction().execute(async (trx) => {
      await setOfficeAccountActive(trx, c.office_tenant_id, userId, active);
      if (!active) await deleteUserSessions(trx, c.office_tenant_id, userId);
      await writeAudit(trx, ctx.auditor, {
        action: 'update',
        entityType: 'commission_account',
        entityId: userId,
        summary: `${c.name} ${active ? '启用' : '停用'}账号 ${account.username}`,
        before: { active: account.active },
        after: { active },
      });
    });
  }
  return oneCommission(ctx, id);
}

/** A one-time password for a commission account, to be changed at the next sign-in; its sessions end. */
export async function resetCommissionAccount(ctx: Ctx, id: number, userId: number): Promise<{ temporaryPassword: string }> {
  const c = await existing(ctx, id);
  const account = await officeAccount(ctx.db, c.office_tenant_id, userId);
  if (!account) throw notFound('COMMISSION_ACCOUNT_NOT_FOUND', userId);
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  await ctx.db.transaction().execute(async (trx) => {
    await setPassword(trx, c.office_tenant_id, userId, passwordHash, true);
    await deleteUserSessions(trx, c.office_tenant_id, userId);
    await writeAudit(trx, ctx.auditor, { action: 'password_reset', entityType: 'commission_account', entityId: userId, summary: `${c.name} 重置账号密码 ${account.username}` });
  });
  return { temporaryPassword: password };
}
