/**
 * Factories for tests that stand alone: a small unit built row by row, instead of the demo
 * hospital. Units, campuses, departments and accounts have no API of their own (they come from
 * first-run setup and the administrator's pages), so they are inserted here; everything a user
 * records — orgs, members, meetings, development files, dues — goes through the API, the way
 * people create it, so a test's rows obey the same rules as real ones.
 */
import { type Role, idNumberCheckChar } from '@hongyi/core';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { nameColumns } from '../modules/members/pinyin.js';
import { hashPassword } from '../plugins/password.js';
import { type Client, DEMO_PASSWORD, type TestApp } from './harness.js';

/** The password of every fixture account (the demo's, so `t.login(username)` works). */
export const FIXTURE_PASSWORD = DEMO_PASSWORD;

let passwordHash: Promise<string> | null = null;
/** argon2 is slow by design: one hash, shared by every fixture account. */
function fixtureHash(): Promise<string> {
  passwordHash ??= hashPassword(FIXTURE_PASSWORD);
  return passwordHash;
}

/** A valid 18-digit ID number (GB 11643) for a birth date; `seq` (1–999) makes it unique, odd = male. */
export function idNumberFor(birthDate: string, seq: number, area = '110101'): string {
  const first17 = `${area}${birthDate.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

export interface Unit {
  tenantId: number;
  code: string;
  name: string;
  /** The 党委 at the root of the unit's org tree. */
  rootOrgId: number;
  campusId: number;
}

/** A unit (tenant) with its 党委 and one campus, as first-run setup leaves it. */
export async function createUnit(db: Kysely<DB>, code: string, name: string): Promise<Unit> {
  return db.transaction().execute(async (trx) => {
    const { id: tenantId } = await trx.insertInto('tenants').values({ code, name }).returning('id').executeTakeFirstOrThrow();
    const root = await trx
      .insertInto('orgs')
      .values({ tenant_id: tenantId, parent_id: null, type: 'committee', name: `中共${name}委员会`, campus_id: null, established_on: '2020-01-01', ends_on: null, dissolved_on: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.updateTable('orgs').set({ path: `/${root.id}/` }).where('tenant_id', '=', tenantId).where('id', '=', root.id).execute();
    const campus = await trx.insertInto('campuses').values({ tenant_id: tenantId, name: `${name}本部`, address: '', sort: 1 }).returning('id').executeTakeFirstOrThrow();
    return { tenantId, code, name, rootOrgId: root.id, campusId: campus.id };
  });
}

export async function createDepartment(db: Kysely<DB>, unit: Unit, name: string, kind: 'clinical' | 'medtech' | 'admin' = 'clinical'): Promise<number> {
  const row = await db.insertInto('departments').values({ tenant_id: unit.tenantId, name, kind, campus_id: unit.campusId }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** An account with roles (a branch role names its org) and optionally its member record. */
export async function createAccount(
  db: Kysely<DB>,
  unit: Unit,
  username: string,
  roles: Array<{ role: Role; orgId?: number }>,
  options: { name?: string; memberId?: number } = {},
): Promise<number> {
  const hash = await fixtureHash();
  return db.transaction().execute(async (trx) => {
    const user = await trx
      .insertInto('users')
      .values({ tenant_id: unit.tenantId, username, name: options.name ?? username, password_hash: hash, member_id: options.memberId ?? null, password_changed_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const r of roles) await trx.insertInto('user_roles').values({ tenant_id: unit.tenantId, user_id: user.id, role: r.role, org_id: r.orgId ?? null }).execute();
    return user.id;
  });
}

async function created<T>(response: Promise<{ statusCode: number; body: string; json(): unknown }>, what: string): Promise<T> {
  const res = await response;
  if (res.statusCode !== 201 && res.statusCode !== 200) throw new Error(`fixture: creating ${what} answered ${res.statusCode}: ${res.body}`);
  return res.json() as T;
}

export async function createOrg(
  client: Client,
  parentId: number,
  type: 'general_branch' | 'branch' | 'joint_branch' | 'temporary_branch' | 'party_group',
  name: string,
  extra: Record<string, unknown> = {},
): Promise<number> {
  const body = { parentId, type, name, establishedOn: '2021-01-01', ...(type === 'temporary_branch' ? { endsOn: '2027-12-31' } : {}), ...extra };
  return (await created<{ id: number }>(client.post('/api/v1/orgs', body), `org ${name}`)).id;
}

export interface MemberSpec {
  name: string;
  orgId: number;
  seq: number;
  birthDate?: string;
  category?: 'full' | 'probationary';
  partyGroupId?: number;
  departmentId?: number;
  phone?: string;
  /** 入党 date (a full member's 转正 follows a year later); 2010-07-01 for a full member, 2026-06-01 for a probationary one by default. */
  joinedOn?: string;
}

export async function createMember(client: Client, m: MemberSpec): Promise<{ id: number; version: number }> {
  const birthDate = m.birthDate ?? '1985-03-04';
  const category = m.category ?? 'full';
  const body = {
    name: m.name,
    idNumber: idNumberFor(birthDate, m.seq),
    category,
    orgId: m.orgId,
    joinedOn: m.joinedOn ?? (category === 'full' ? '2010-07-01' : '2026-06-01'),
    // 转正 a year after joining (党章 第七条).
    ...(category === 'full' ? { fullOn: m.joinedOn ? `${Number(m.joinedOn.slice(0, 4)) + 1}${m.joinedOn.slice(4)}` : '2011-07-01' } : {}),
    ...(m.partyGroupId ? { partyGroupId: m.partyGroupId } : {}),
    ...(m.departmentId ? { departmentId: m.departmentId } : {}),
    phone: m.phone ?? `1390000${String(m.seq).padStart(4, '0')}`,
  };
  const member = await created<{ id: number; version?: number }>(client.post('/api/v1/members', body), `member ${m.name}`);
  return { id: member.id, version: member.version ?? 1 };
}

/** Sets the name columns a direct insert needs (pinyin for sorting and search). */
export { nameColumns };

/** Signs in after the accounts exist; the same as `t.login` with the fixture password. */
export function signIn(t: TestApp, username: string): Promise<Client> {
  return t.login(username, FIXTURE_PASSWORD);
}
