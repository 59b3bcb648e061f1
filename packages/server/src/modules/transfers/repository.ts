/** Every query of the transfers area (组织关系转接: internal moves, letters out, arrivals in, the 回执 watch). */
import type { DataScope } from '@hongyi/core';
import { type Kysely, type SqlBool, type Transaction, sql } from 'kysely';
import type { DB, MemberCategory, MemberStatus } from '../../db/schema.js';
import { bumpVersioned } from '../../db/versioned.js';
import { escapeLike, subtree } from '../../lib/scope.js';
import { nameColumns } from '../members/pinyin.js';
import { idNumberColumns, idNumberHash, openRow, sealRow } from '../../db/sealed.js';

type Db = Kysely<DB> | Transaction<DB>;

// ---------------------------------------------------------------------------------------
// The list

export interface TransferFilters {
  kind?: 'internal' | 'out' | 'in';
  receipt?: 'pending' | 'overdue' | 'received';
  q?: string;
}

/** The 回执 rule (receipts.ts isReceiptOverdue) in SQL, on member_transfers aliased `t`. */
export function receiptOverdueSql(today: string) {
  return sql<SqlBool>`(t.kind = 'out' and t.receipt_received_on is null and t.receipt_due_on < ${today}::date)`;
}

function transferQuery(db: Db, tenantId: number, scope: DataScope, f: TransferFilters, today: string) {
  let q = db
    .selectFrom('member_transfers as t')
    .innerJoin('members as m', (j) => j.onRef('m.tenant_id', '=', 't.tenant_id').onRef('m.id', '=', 't.member_id'))
    .leftJoin('orgs as fo', (j) => j.onRef('fo.tenant_id', '=', 't.tenant_id').onRef('fo.id', '=', 't.from_org_id'))
    .leftJoin('orgs as tob', (j) => j.onRef('tob.tenant_id', '=', 't.tenant_id').onRef('tob.id', '=', 't.to_org_id'))
    .where('t.tenant_id', '=', tenantId)
    // A transfer is visible to either side: the branch it left or the branch it joined.
    .where((eb) => eb.or([subtree(scope, 'fo.path', 'm.id'), subtree(scope, 'tob.path', 'm.id')]) as never);
  if (f.kind) q = q.where('t.kind', '=', f.kind);
  if (f.receipt === 'received') q = q.where('t.receipt_received_on', 'is not', null);
  if (f.receipt === 'pending') q = q.where('t.kind', '=', 'out').where('t.receipt_received_on', 'is', null);
  if (f.receipt === 'overdue') q = q.where(receiptOverdueSql(today));
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    q = q.where((eb) => eb.or([eb('m.name', 'like', like), eb('t.letter_no', 'like', like)]));
  }
  return q;
}

/** A page of the transfers in scope, newest first (all of them without a page). */
export async function transferRows(db: Db, tenantId: number, scope: DataScope, f: TransferFilters, today: string, page?: { limit: number; offset: number }) {
  const q = transferQuery(db, tenantId, scope, f, today)
    .selectAll('t')
    .select(['m.name as member_name', 'm.id_number_enc'])
    .orderBy('t.effective_on', 'desc')
    .orderBy('t.id', 'desc');
  return (await (page ? q.limit(page.limit).offset(page.offset) : q.limit(100_000)).execute()).map(openRow);
}
export type TransferRow = Awaited<ReturnType<typeof transferRows>>[number];

export async function transferCount(db: Db, tenantId: number, scope: DataScope, f: TransferFilters, today: string): Promise<number> {
  const row = await transferQuery(db, tenantId, scope, f, today).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface OverdueReceipt {
  transferId: number;
  fromOrgId: number;
  fromOrgName: string;
  fromOrgPath: string;
  memberName: string;
  letterNo: string;
  toOrgName: string;
  effectiveOn: string;
  dueOn: string;
}

/** Every overdue 回执 of a tenant, oldest letter first (the daily reminder digest). */
export async function overdueReceipts(db: Db, tenantId: number, today: string): Promise<OverdueReceipt[]> {
  const rows = await db
    .selectFrom('member_transfers as t')
    .innerJoin('members as m', (j) => j.onRef('m.tenant_id', '=', 't.tenant_id').onRef('m.id', '=', 't.member_id'))
    .innerJoin('orgs as fo', (j) => j.onRef('fo.tenant_id', '=', 't.tenant_id').onRef('fo.id', '=', 't.from_org_id'))
    .select(['t.id', 't.from_org_id', 't.from_org_name', 'fo.path', 'm.name', 't.letter_no', 't.to_org_name', 't.effective_on', 't.receipt_due_on'])
    .where('t.tenant_id', '=', tenantId)
    .where(receiptOverdueSql(today))
    .orderBy('t.effective_on')
    .orderBy('t.id')
    .execute();
  return rows.map((r) => ({
    transferId: r.id,
    fromOrgId: r.from_org_id!,
    fromOrgName: r.from_org_name,
    fromOrgPath: r.path,
    memberName: r.name,
    letterNo: r.letter_no,
    toOrgName: r.to_org_name,
    effectiveOn: r.effective_on,
    dueOn: r.receipt_due_on!,
  }));
}

// ---------------------------------------------------------------------------------------
// One transfer

export async function transferById(db: Db, tenantId: number, id: number) {
  return db.selectFrom('member_transfers').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

/** The path of the org a letter was issued from (null when it is gone). */
export async function orgPathOf(db: Db, tenantId: number, orgId: number | null): Promise<string | null> {
  if (orgId === null) return null;
  const row = await db.selectFrom('orgs').select('path').where('tenant_id', '=', tenantId).where('id', '=', orgId).executeTakeFirst();
  return row?.path ?? null;
}

export async function memberById(db: Db, tenantId: number, id: number) {
  return openRow(await db.selectFrom('members').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirstOrThrow());
}

export async function tenantName(db: Db, tenantId: number): Promise<string> {
  return (await db.selectFrom('tenants').select('name').where('id', '=', tenantId).executeTakeFirstOrThrow()).name;
}

export async function recordReceipt(trx: Transaction<DB>, tenantId: number, id: number, version: number, receivedOn: string): Promise<boolean> {
  return bumpVersioned(trx, 'member_transfers', tenantId, id, version, { receipt_received_on: receivedOn });
}

// ---------------------------------------------------------------------------------------
// Writing a transfer

/** The start of the member's open branch period (null when none is open). */
export async function openPeriodStart(trx: Transaction<DB>, tenantId: number, memberId: number): Promise<string | null> {
  const last = await trx
    .selectFrom('member_org_periods')
    .select('from_on')
    .where('tenant_id', '=', tenantId)
    .where('member_id', '=', memberId)
    .where('to_on', 'is', null)
    .orderBy('from_on', 'desc')
    .executeTakeFirst();
  return last?.from_on ?? null;
}

export async function closeOpenPeriods(trx: Transaction<DB>, tenantId: number, memberId: number, toOn: string): Promise<void> {
  await trx.updateTable('member_org_periods').set({ to_on: toOn }).where('tenant_id', '=', tenantId).where('member_id', '=', memberId).where('to_on', 'is', null).execute();
}

export async function openPeriod(trx: Transaction<DB>, tenantId: number, memberId: number, orgId: number, fromOn: string): Promise<void> {
  await trx.insertInto('member_org_periods').values({ tenant_id: tenantId, member_id: memberId, org_id: orgId, from_on: fromOn }).execute();
}

/**
 * Records a move between branches made before the member's history was kept: their open period
 * becomes the earlier branch's, closing on `onDate`, and the later branch's opens then. (The
 * member's record is already in the later branch.)
 */
export async function recordEarlierMove(trx: Transaction<DB>, tenantId: number, memberId: number, fromOrgId: number, toOrgId: number, onDate: string): Promise<void> {
  await trx.updateTable('member_org_periods').set({ org_id: fromOrgId, to_on: onDate }).where('tenant_id', '=', tenantId).where('member_id', '=', memberId).execute();
  await openPeriod(trx, tenantId, memberId, toOrgId, onDate);
}

/** The letter numbers of the year's letters out ('2026-001', …). */
export async function outLetterNumbers(trx: Transaction<DB>, tenantId: number, year: string): Promise<string[]> {
  const rows = await trx.selectFrom('member_transfers').select('letter_no').where('tenant_id', '=', tenantId).where('kind', '=', 'out').where('letter_no', 'like', `${year}-%`).execute();
  return rows.map((r) => r.letter_no);
}

export async function letterTaken(trx: Transaction<DB>, tenantId: number, kind: 'out' | 'in', letterNo: string): Promise<boolean> {
  const row = await trx.selectFrom('member_transfers').select('id').where('tenant_id', '=', tenantId).where('kind', '=', kind).where('letter_no', '=', letterNo).executeTakeFirst();
  return row !== undefined;
}

/** Moves a member's record to another branch (outside any party group). */
export async function setMemberOrg(trx: Transaction<DB>, tenantId: number, memberId: number, orgId: number, version: number): Promise<void> {
  await trx.updateTable('members').set({ org_id: orgId, party_group_id: null, version: version + 1, updated_at: new Date() }).where('tenant_id', '=', tenantId).where('id', '=', memberId).execute();
}

/** A member who left the unit: out of any party group, and off every committee seat. */
export async function markTransferredOut(trx: Transaction<DB>, tenantId: number, memberId: number, version: number): Promise<void> {
  await trx.updateTable('members').set({ status: 'transferred_out', party_group_id: null, version: version + 1, updated_at: new Date() }).where('tenant_id', '=', tenantId).where('id', '=', memberId).execute();
  await trx.updateTable('org_committee_seats').set({ member_id: null }).where('tenant_id', '=', tenantId).where('member_id', '=', memberId).execute();
}

export async function memberByIdNumberAnyStatus(trx: Transaction<DB>, tenantId: number, idNumber: string) {
  const row = await trx.selectFrom('members').selectAll().where('tenant_id', '=', tenantId).where('id_number_hash', '=', idNumberHash(idNumber)).executeTakeFirst();
  return row && openRow(row);
}

export interface ArrivingMember {
  name: string;
  gender: 'male' | 'female';
  birth_date: string;
  category: MemberCategory;
  joined_on: string;
  full_on: string | null;
  ethnicity: string;
  phone: string;
  org_id: number;
  party_group_id: null;
  status: MemberStatus;
  department_id?: number | null;
}

/** Re-activates a member who left earlier with the arriving values (the phone sealed, decision 0005). */
export async function reactivateMember(trx: Transaction<DB>, tenantId: number, id: number, version: number, values: ArrivingMember): Promise<void> {
  await trx.updateTable('members').set({ ...sealRow(values), ...nameColumns(values.name), version: version + 1, updated_at: new Date() }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

export async function insertMember(trx: Transaction<DB>, tenantId: number, idNumber: string, values: ArrivingMember): Promise<number> {
  const row = await trx
    .insertInto('members')
    .values({ tenant_id: tenantId, ...idNumberColumns(idNumber), ...sealRow(values), ...nameColumns(values.name) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface NewTransfer {
  kind: 'internal' | 'out' | 'in';
  member_id: number;
  from_org_id?: number | null;
  to_org_id?: number | null;
  from_org_name: string;
  to_org_name: string;
  effective_on: string;
  letter_no?: string;
  valid_days?: number | null;
  paid_through?: string | null;
  receipt_due_on?: string | null;
  /** Set only when the letter is recorded with its 回执 already back (the demo's older letters). */
  receipt_received_on?: string | null;
  notes?: string;
}

export async function insertTransfer(trx: Transaction<DB>, tenantId: number, username: string, t: NewTransfer): Promise<number> {
  const row = await trx
    .insertInto('member_transfers')
    .values({ tenant_id: tenantId, ...t, username })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
