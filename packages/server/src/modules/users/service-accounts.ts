/**
 * Accounts for members: linking an account to a member's record (so that the member's own pages —
 * my dues, my organisational life, my development file — show their data) and creating accounts
 * in bulk for a branch from the roster, with one-time passwords that must be changed at the first
 * sign-in. Each write is one transaction and audited; passwords are shown once and never stored
 * or audited in clear.
 */
import type { Language } from '@hongyi/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Ctx } from '../../lib/context.js';
import { workbookBuffer } from '../../lib/excel.js';
import { covers } from '../../lib/scope.js';
import { MASKED_VIEW, presentIdNumber } from '../../lib/person.js';
import { writeAudit } from '../../plugins/audit.js';
import { AppError, conflict, notFound } from '../../plugins/errors.js';
import { translate } from '../../plugins/i18n.js';
import { hashPassword } from '../../plugins/password.js';
import {
  accountOf,
  activeMembersByIds,
  insertMemberAccounts,
  memberCandidates,
  memberWithAccount,
  membersWithAccountCount,
  membersWithoutAccount,
  orgForAccounts,
  setAccountMember,
  takenUsernames,
  usernamesLike,
} from './repository.js';
import { temporaryPassword } from './service.js';

/** Usernames as the accounts API accepts them. */
export const USERNAME_PATTERN = /^[A-Za-z0-9._-]{3,32}$/;
/** The most accounts created in one go (a large branch; argon2 hashing takes a moment each). */
export const MAX_BULK_ACCOUNTS = 300;

/** The members found for the link dialog: ID numbers always masked (enough to tell two namesakes apart). */
export async function searchMembersForLink(ctx: Ctx, q: string) {
  const rows = await memberCandidates(ctx.db, ctx.tenantId, q, 20);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    idNumber: presentIdNumber(MASKED_VIEW, r.id_number),
    orgName: r.org_name,
    departmentName: r.department_name,
    account: r.user_id ? { id: r.user_id, username: r.username ?? '' } : null,
  }));
}

/** Links an account to a member's record, or unlinks it (memberId null). A member has at most one account. */
export async function linkMember(ctx: Ctx, userId: number, version: number, memberId: number | null) {
  const { auditor, language } = ctx;
  return ctx.db.transaction().execute(async (trx) => {
    const user = await accountOf(trx, auditor.tenantId, userId);
    if (!user) throw notFound('USER_NOT_FOUND', userId);
    let memberName: string | null = null;
    if (memberId !== null) {
      const member = await memberWithAccount(trx, auditor.tenantId, memberId);
      if (!member) throw new AppError(400, 'MEMBER_NOT_FOUND', { id: memberId }, [{ path: 'body.memberId', message: translate('MEMBER_NOT_FOUND', language, { id: memberId }) }]);
      if (member.status !== 'active') throw new AppError(400, 'USER_MEMBER_NOT_ACTIVE', { name: member.name }, [{ path: 'body.memberId', message: translate('USER_MEMBER_NOT_ACTIVE', language, { name: member.name }) }]);
      if (member.user_id !== null && member.user_id !== userId) {
        const params = { name: member.name, username: member.username };
        throw new AppError(409, 'USER_MEMBER_ALREADY_LINKED', params, [{ path: 'body.memberId', message: translate('USER_MEMBER_ALREADY_LINKED', language, params) }]);
      }
      memberName = member.name;
    }
    if (!(await setAccountMember(trx, auditor.tenantId, userId, version, memberId))) throw conflict();
    await writeAudit(trx, auditor, {
      action: 'update',
      entityType: 'user',
      entityId: userId,
      summary: memberId === null ? `取消账号 ${user.username} 与党员的关联` : `账号 ${user.username} 关联党员 ${memberName}`,
      before: { memberId: user.member_id },
      after: { memberId },
    });
    return { id: userId, version: version + 1, memberId, memberName };
  });
}

/** A username from the name's pinyin ('zhangsan'), made unique with a number ('zhangsan2'); never one in use in any unit. */
export function proposeUsername(pinyin: string, memberId: number, taken: Set<string>): string {
  let stem = pinyin.toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 28);
  if (stem.length < 3) stem = `${stem}dy${memberId}`.slice(0, 28);
  let candidate = stem;
  for (let n = 2; taken.has(candidate); n++) candidate = `${stem}${n}`;
  taken.add(candidate);
  return candidate;
}

/** The subtree of one org, as a data scope (lib/scope.ts). */
const orgSubtree = (org: { id: number; path: string }) => ({ kind: 'subtree' as const, orgIds: [org.id], paths: [org.path] });

async function orgOf(db: Kysely<DB>, tenantId: number, orgId: number, language: Language) {
  const org = await orgForAccounts(db, tenantId, orgId);
  if (!org || org.dissolved_on || org.type === 'party_group') throw new AppError(400, 'ORG_NOT_FOUND', { id: orgId }, [{ path: 'orgId', message: translate('ORG_NOT_FOUND', language, { id: orgId }) }]);
  return org;
}

/** The members of a branch (and below) without an account, each with a proposed username. */
export async function bulkCandidates(ctx: Ctx, orgId: number) {
  const { db, tenantId } = ctx;
  const org = await orgOf(db, tenantId, orgId, ctx.language);
  const [members, withAccount] = await Promise.all([membersWithoutAccount(db, tenantId, org.path), membersWithAccountCount(db, tenantId, org.path)]);
  const stems = [...new Set(members.map((m) => m.name_pinyin.toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 28)).filter((s) => s.length >= 3))];
  const taken = await usernamesLike(db, stems);
  return {
    org: { id: org.id, name: org.name },
    withAccount,
    items: members.map((m) => ({ memberId: m.id, name: m.name, idNumber: presentIdNumber(MASKED_VIEW, m.id_number), orgName: m.org_name, username: proposeUsername(m.name_pinyin, m.id, taken) })),
  };
}

export interface BulkAccountInput {
  memberId: number;
  username: string;
}

/**
 * Creates an account with the 'member' role for each chosen member of the branch, all in one
 * transaction (every account or none, with the problems by row), each with a generated one-time
 * password that must be changed at the first sign-in. The passwords are returned once, also as an
 * Excel list to hand out; they are not kept anywhere.
 */
export async function createBulkAccounts(ctx: Ctx, orgId: number, input: BulkAccountInput[]) {
  const { db, auditor, language } = ctx;
  const org = await orgOf(db, auditor.tenantId, orgId, language);
  const details: { path: string; message: string }[] = [];
  const t = (code: string, params: Record<string, unknown>) => translate(code, language, params);
  const members = new Map((await activeMembersByIds(db, auditor.tenantId, input.map((a) => a.memberId))).map((m) => [m.id, m]));
  const taken = await takenUsernames(db, input.map((a) => a.username));
  const seenUsers = new Map<string, number>();
  const seenMembers = new Set<number>();
  input.forEach((a, i) => {
    const m = members.get(a.memberId);
    if (!m || m.status !== 'active' || !covers(orgSubtree(org), m.org_path)) details.push({ path: `accounts[${i}].memberId`, message: t('USERS_BULK_MEMBER_NOT_IN_ORG', { id: a.memberId, org: org.name }) });
    else if (m.username) details.push({ path: `accounts[${i}].memberId`, message: t('USERS_BULK_MEMBER_HAS_ACCOUNT', { name: m.name, username: m.username }) });
    else if (seenMembers.has(a.memberId)) details.push({ path: `accounts[${i}].memberId`, message: t('USERS_BULK_MEMBER_DUPLICATE', { name: m.name }) });
    seenMembers.add(a.memberId);
    const key = a.username.toLowerCase();
    if (!USERNAME_PATTERN.test(a.username)) details.push({ path: `accounts[${i}].username`, message: t('USERS_BULK_USERNAME_INVALID', { username: a.username }) });
    else if (taken.has(key)) details.push({ path: `accounts[${i}].username`, message: t('USERNAME_TAKEN', { username: a.username }) });
    else if (seenUsers.has(key)) details.push({ path: `accounts[${i}].username`, message: t('USERS_BULK_USERNAME_DUPLICATE', { username: a.username, first: (seenUsers.get(key) ?? 0) + 1 }) });
    seenUsers.set(key, i);
  });
  if (details.length > 0) throw new AppError(400, 'USERS_BULK_INVALID', { count: details.length }, details);

  const prepared = await Promise.all(
    input.map(async (a) => {
      const password = temporaryPassword();
      return { ...a, name: members.get(a.memberId)!.name, orgName: members.get(a.memberId)!.org_name, password, passwordHash: await hashPassword(password) };
    }),
  );
  const created = await db.transaction().execute(async (trx) => {
    const users = await insertMemberAccounts(trx, auditor.tenantId, prepared);
    const idOf = new Map(users.map((u) => [u.member_id, u.id]));
    for (const a of prepared) {
      await writeAudit(trx, auditor, {
        action: 'create',
        entityType: 'user',
        entityId: idOf.get(a.memberId) ?? '',
        summary: `从名册批量创建账号 ${a.username}（党员 ${a.name}，${org.name}）`,
        after: { username: a.username, memberId: a.memberId, roles: ['member'], mustChangePassword: true },
      });
    }
    return prepared.map((a) => ({ userId: idOf.get(a.memberId)!, memberId: a.memberId, name: a.name, orgName: a.orgName, username: a.username, temporaryPassword: a.password }));
  });
  const zh = language === 'zh-CN';
  const workbook = await workbookBuffer(
    zh ? '初始密码' : 'Initial passwords',
    [
      { header: zh ? '序号' : 'No.', width: 6, value: (_, i) => i + 1 },
      { header: zh ? '姓名' : 'Name', width: 12, value: (x) => x.name },
      { header: zh ? '所在党支部' : 'Branch', width: 28, value: (x) => x.orgName },
      { header: zh ? '用户名' : 'Username', width: 18, value: (x) => x.username },
      { header: zh ? '初始密码（首次登录须修改）' : 'One-time password (change at first sign-in)', width: 26, value: (x) => x.temporaryPassword },
    ],
    created,
  );
  return { org: { id: org.id, name: org.name }, created, workbookBase64: workbook.toString('base64') };
}
