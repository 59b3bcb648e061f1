/**
 * Membership transfers (组织关系转接): a move between branches of the unit, a transfer out with
 * the three-part letter and its 回执 watch, and an arrival with a letter. Each write is one
 * transaction: the branch history (member_org_periods), the member's change history and the
 * audit row land together.
 */
import { compareDates, holdsMembership, parseIdNumber } from '@hongyi/core';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Ctx } from '../../lib/context.js';
import type { MadeFile } from '../../lib/download-routes.js';
import { workbookBuffer } from '../../lib/excel.js';
import { personViewer, presentIdNumber, presentPhone } from '../../lib/person.js';
import { covers } from '../../lib/scope.js';
import { writeAudit } from '../../plugins/audit.js';
import { AppError, conflict, notFound } from '../../plugins/errors.js';
import { translate } from '../../plugins/i18n.js';
import { memberByIdNumber } from '../members/repository.js';
import { assertMemberDates, idNumberTakenError, memberInScope, officialEthnicity, recordChanges } from '../members/service.js';
import { orgById } from '../orgs/repository.js';
import { orgSettingsOf } from '../orgs/service.js';
import { type LetterData, letterDocx } from './letter.js';
import { isReceiptOverdue, receiptDueOn } from './receipts.js';
import {
  type ArrivingMember,
  type TransferFilters,
  type TransferRow,
  closeOpenPeriods,
  insertMember,
  insertTransfer,
  letterTaken,
  markTransferredOut,
  memberById,
  memberByIdNumberAnyStatus,
  openPeriod,
  openPeriodStart,
  orgPathOf,
  outLetterNumbers,
  reactivateMember,
  recordReceipt,
  setMemberOrg,
  tenantName,
  transferById,
  transferCount,
  transferRows,
} from './repository.js';

// ---------------------------------------------------------------------------------------
// The list

function present(ctx: Ctx, t: TransferRow) {
  return {
    id: t.id,
    kind: t.kind,
    memberId: t.member_id,
    memberName: t.member_name,
    idNumber: presentIdNumber(personViewer(ctx.grants), t.id_number),
    fromOrgName: t.from_org_name,
    toOrgName: t.to_org_name,
    effectiveOn: t.effective_on,
    letterNo: t.letter_no,
    paidThrough: t.paid_through,
    receiptDueOn: t.receipt_due_on,
    receiptReceivedOn: t.receipt_received_on,
    // Remind after one month without the 回执 (also in the daily reminder digest).
    receiptOverdue: isReceiptOverdue(t, ctx.today),
    notes: t.notes,
    version: t.version,
  };
}
export type TransferItem = ReturnType<typeof present>;

/** A page of the transfers touching the caller's scope, with the total and the overdue 回执 count. */
export async function transferPage(ctx: Ctx, f: TransferFilters, page: { page: number; pageSize: number }) {
  const scope = ctx.scope('members.read');
  const [total, overdue, rows] = await Promise.all([
    transferCount(ctx.db, ctx.tenantId, scope, f, ctx.today),
    transferCount(ctx.db, ctx.tenantId, scope, { receipt: 'overdue' }, ctx.today),
    transferRows(ctx.db, ctx.tenantId, scope, f, ctx.today, { limit: page.pageSize, offset: (page.page - 1) * page.pageSize }),
  ]);
  return { items: rows.map((t) => present(ctx, t)), total, overdueReceipts: overdue };
}

/** Every filtered transfer in scope as Excel (ID numbers as the caller may see them). */
export async function transfersWorkbook(ctx: Ctx, f: TransferFilters): Promise<MadeFile> {
  const rows = (await transferRows(ctx.db, ctx.tenantId, ctx.scope('members.read'), f, ctx.today)).map((t) => present(ctx, t));
  const zh = ctx.language === 'zh-CN';
  const kind = { internal: zh ? '内部调整' : 'Internal', out: zh ? '转出' : 'Out', in: zh ? '转入' : 'In' };
  const buffer = await workbookBuffer(
    zh ? '组织关系转接' : 'Transfers',
    [
      { header: zh ? '类型' : 'Kind', width: 10, value: (x) => kind[x.kind] },
      { header: zh ? '介绍信编号' : 'Letter no.', width: 12, value: (x) => x.letterNo },
      { header: zh ? '姓名' : 'Name', width: 10, value: (x) => x.memberName },
      { header: zh ? '公民身份号码' : 'ID number', width: 22, value: (x) => x.idNumber },
      { header: zh ? '转出党组织' : 'From', width: 28, value: (x) => x.fromOrgName },
      { header: zh ? '接收党组织' : 'To', width: 28, value: (x) => x.toOrgName },
      { header: zh ? '生效日期' : 'Effective', width: 12, value: (x) => x.effectiveOn },
      { header: zh ? '党费已交到' : 'Dues paid through', width: 12, value: (x) => x.paidThrough },
      { header: zh ? '回执收到日期' : 'Receipt received', width: 12, value: (x) => x.receiptReceivedOn ?? (x.receiptOverdue ? (zh ? '逾期未回' : 'Overdue') : '') },
    ],
    rows,
  );
  return { name: zh ? '组织关系转接.xlsx' : 'transfers.xlsx', buffer };
}

// ---------------------------------------------------------------------------------------
// Moves

/**
 * 党费已交到: read from the dues ledger (dues module). Isolated here so a ledger change is one
 * place; null when the member has no dues months yet.
 */
async function paidThroughOf(trx: Transaction<DB>, tenantId: number, memberId: number): Promise<string | null> {
  const { arrearsOf } = await import('../dues/repository.js');
  const { arrears } = await arrearsOf(trx, tenantId, memberId);
  return arrears.paidThrough;
}

/** Ends the member's open branch period on the effective date, which may not precede its start. */
async function closePeriod(trx: Transaction<DB>, ctx: Ctx, memberId: number, effectiveOn: string) {
  const last = await openPeriodStart(trx, ctx.tenantId, memberId);
  if (last && compareDates(effectiveOn, last) < 0) throw new AppError(400, 'TRANSFER_DATE_BEFORE_LAST', { date: effectiveOn, last });
  await closeOpenPeriods(trx, ctx.tenantId, memberId, effectiveOn);
}

/** The next letter number of the year ('2026-007'). */
async function nextLetterNo(trx: Transaction<DB>, tenantId: number, effectiveOn: string): Promise<string> {
  const year = effectiveOn.slice(0, 4);
  const max = (await outLetterNumbers(trx, tenantId, year)).reduce((m, no) => Math.max(m, Number(no.slice(5)) || 0), 0);
  return `${year}-${String(max + 1).padStart(3, '0')}`;
}

async function activeMemberInScope(trx: Transaction<DB>, ctx: Ctx, memberId: number) {
  const m = await memberInScope(trx, ctx.tenantId, ctx.scope('members.write'), memberId);
  if (m.status !== 'active') throw new AppError(400, 'TRANSFER_MEMBER_NOT_ACTIVE', { name: m.name, status: m.status });
  return m;
}

/** A live org that holds members' records (not a party group or temporary branch). */
async function receivingBranch(trx: Transaction<DB>, ctx: Ctx, orgId: number) {
  const to = await orgById(trx, ctx.tenantId, orgId);
  if (!to || to.dissolved_on) throw new AppError(400, 'ORG_NOT_FOUND', { id: orgId });
  if (!holdsMembership(to.type)) throw new AppError(400, 'MEMBER_ORG_NOT_BRANCH');
  return to;
}

export async function transferInternal(ctx: Ctx, input: { memberId: number; toOrgId: number; effectiveOn: string; notes: string }): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const m = await activeMemberInScope(trx, ctx, input.memberId);
    const to = await receivingBranch(trx, ctx, input.toOrgId);
    if (to.id === m.org_id) throw new AppError(400, 'TRANSFER_SAME_ORG');
    await closePeriod(trx, ctx, m.id, input.effectiveOn);
    await openPeriod(trx, ctx.tenantId, m.id, to.id, input.effectiveOn);
    await setMemberOrg(trx, ctx.tenantId, m.id, to.id, m.version);
    await recordChanges(trx, ctx, m.id, m, { org_id: to.id, party_group_id: null }, 'transfer');
    const id = await insertTransfer(trx, ctx.tenantId, ctx.username, {
      kind: 'internal',
      member_id: m.id,
      from_org_id: m.org_id,
      to_org_id: to.id,
      from_org_name: m.org_name,
      to_org_name: to.name,
      effective_on: input.effectiveOn,
      notes: input.notes,
    });
    await writeAudit(trx, ctx.auditor, { action: 'transfer', entityType: 'member', entityId: m.id, summary: `${m.name} 组织关系由 ${m.org_name} 转至 ${to.name}`, before: { orgId: m.org_id }, after: { orgId: to.id, effectiveOn: input.effectiveOn } });
    return id;
  });
}

export async function transferOut(ctx: Ctx, input: { memberId: number; toOrgName: string; effectiveOn: string; letterNo?: string; validDays?: number; notes: string }) {
  const { letterhead } = await orgSettingsOf(ctx.db, ctx.tenantId);
  return ctx.db.transaction().execute(async (trx) => {
    const m = await activeMemberInScope(trx, ctx, input.memberId);
    const letterNo = input.letterNo || (await nextLetterNo(trx, ctx.tenantId, input.effectiveOn));
    if (await letterTaken(trx, ctx.tenantId, 'out', letterNo)) throw new AppError(409, 'TRANSFER_LETTER_TAKEN', { letterNo });
    await closePeriod(trx, ctx, m.id, input.effectiveOn);
    const paidThrough = await paidThroughOf(trx, ctx.tenantId, m.id);
    const dueOn = receiptDueOn(input.effectiveOn);
    await markTransferredOut(trx, ctx.tenantId, m.id, m.version);
    await recordChanges(trx, ctx, m.id, m, { status: 'transferred_out', party_group_id: null }, 'transfer');
    const id = await insertTransfer(trx, ctx.tenantId, ctx.username, {
      kind: 'out',
      member_id: m.id,
      from_org_id: m.org_id,
      from_org_name: m.org_name,
      to_org_name: input.toOrgName,
      effective_on: input.effectiveOn,
      letter_no: letterNo,
      valid_days: input.validDays ?? letterhead.validDays,
      paid_through: paidThrough,
      receipt_due_on: dueOn,
      notes: input.notes,
    });
    await writeAudit(trx, ctx.auditor, { action: 'transfer', entityType: 'member', entityId: m.id, summary: `${m.name} 组织关系转出至 ${input.toOrgName}（介绍信 ${letterNo}）`, after: { transferId: id, letterNo, paidThrough } });
    return { id, letterNo, paidThrough, receiptDueOn: dueOn };
  });
}

/** A letter out issued from a branch in the caller's write scope. */
async function letterInScope(db: Ctx['db'] | Transaction<DB>, ctx: Ctx, id: number) {
  const t = await transferById(db, ctx.tenantId, id);
  if (!t) throw notFound('TRANSFER_NOT_FOUND', id);
  if (t.kind !== 'out') throw new AppError(400, 'TRANSFER_NOT_OUT');
  const fromPath = await orgPathOf(db, ctx.tenantId, t.from_org_id);
  if (fromPath === null || !covers(ctx.scope('members.write'), fromPath)) throw new AppError(403, 'OUT_OF_SCOPE');
  return t;
}

function ageOn(birth: string | null, on: string): number | null {
  if (!birth) return null;
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** The three-part letter as docx (printing it is audited); the numbers are masked unless the caller may see them. */
export async function transferLetter(ctx: Ctx, id: number): Promise<{ name: string; buffer: Buffer }> {
  const t = await letterInScope(ctx.db, ctx, id);
  const [m, { letterhead }, unit] = await Promise.all([memberById(ctx.db, ctx.tenantId, t.member_id), orgSettingsOf(ctx.db, ctx.tenantId), tenantName(ctx.db, ctx.tenantId)]);
  const viewer = personViewer(ctx.grants);
  const data: LetterData = {
    letterNo: t.letter_no,
    name: m.name,
    gender: m.gender,
    age: ageOn(m.birth_date, t.effective_on),
    ethnicity: m.ethnicity,
    category: m.category,
    idNumber: presentIdNumber(viewer, m.id_number),
    fromOrg: t.from_org_name,
    toOrg: t.to_org_name,
    paidThrough: t.paid_through,
    validDays: t.valid_days ?? letterhead.validDays,
    phone: presentPhone(viewer, m.phone),
    committeeName: letterhead.committeeName || `中共${unit}委员会`,
    address: letterhead.address,
    committeePhone: letterhead.phone,
    fax: letterhead.fax,
    postcode: letterhead.postcode,
    date: t.effective_on,
  };
  const buffer = await letterDocx(data);
  await writeAudit(ctx.db, ctx.auditor, { action: 'export', entityType: 'member_transfer', entityId: t.id, summary: `打印组织关系介绍信 ${t.letter_no}（${m.name}）` });
  return { name: `组织关系介绍信-${t.letter_no}-${m.name}.docx`, buffer };
}

export async function recordTransferReceipt(ctx: Ctx, id: number, input: { version: number; receivedOn: string }) {
  return ctx.db.transaction().execute(async (trx) => {
    const t = await letterInScope(trx, ctx, id);
    if (compareDates(input.receivedOn, t.effective_on) < 0) throw new AppError(400, 'TRANSFER_RECEIPT_BEFORE_EFFECTIVE', { date: input.receivedOn, effective: t.effective_on });
    if (!(await recordReceipt(trx, ctx.tenantId, t.id, input.version, input.receivedOn))) throw conflict();
    await writeAudit(trx, ctx.auditor, { action: 'update', entityType: 'member_transfer', entityId: t.id, summary: `回执已收到 ${t.letter_no}`, before: { receiptReceivedOn: t.receipt_received_on }, after: input });
    return { id: t.id, version: input.version + 1 };
  });
}

export interface ArrivalInput {
  name: string;
  idNumber: string;
  category: 'full' | 'probationary';
  joinedOn: string;
  fullOn?: string | null;
  ethnicity: string;
  phone: string;
  toOrgId: number;
  fromOrgName: string;
  letterNo: string;
  effectiveOn: string;
  departmentId?: number | null;
}

/** Registers a member arriving with a letter into a branch in scope; one who left earlier is re-activated. */
export async function transferIn(ctx: Ctx, input: ArrivalInput) {
  const scope = ctx.scope('members.write');
  const parsed = parseIdNumber(input.idNumber);
  if (!parsed.ok) throw new AppError(400, 'VALIDATION_FAILED', {}, [{ path: 'body.idNumber', message: translate(`MEMBER_ID_${parsed.problem.toUpperCase()}`, ctx.language) }]);
  if (input.category === 'probationary' && input.fullOn) throw new AppError(400, 'VALIDATION_FAILED', {}, [{ path: 'body.fullOn', message: translate('MEMBER_PROBATIONARY_WITH_FULL_DATE', ctx.language) }]);
  assertMemberDates({ birth_date: parsed.value.birthDate, joined_on: input.joinedOn, full_on: input.fullOn ?? null, category: input.category }, ctx.language);
  const ethnicity = officialEthnicity(input.ethnicity, ctx.language);
  return ctx.db.transaction().execute(async (trx) => {
    const to = await receivingBranch(trx, ctx, input.toOrgId);
    if (!covers(scope, to.path)) throw new AppError(403, 'OUT_OF_SCOPE');
    if (await letterTaken(trx, ctx.tenantId, 'in', input.letterNo)) throw new AppError(409, 'TRANSFER_LETTER_TAKEN', { letterNo: input.letterNo });
    const existing = await memberByIdNumberAnyStatus(trx, ctx.tenantId, parsed.value.idNumber);
    const values: ArrivingMember = {
      name: input.name,
      gender: parsed.value.gender,
      birth_date: parsed.value.birthDate,
      category: input.category,
      joined_on: input.joinedOn,
      full_on: input.fullOn ?? null,
      ethnicity,
      phone: input.phone,
      org_id: to.id,
      party_group_id: null,
      status: 'active',
      ...(input.departmentId !== undefined ? { department_id: input.departmentId } : {}),
    };
    let memberId: number;
    if (existing) {
      if (existing.status === 'active') {
        // Whose number it is shows only to a caller who may read that member.
        const visible = ctx.can('members.read') ? ctx.scope('members.read') : null;
        throw idNumberTakenError((await memberByIdNumber(trx, ctx.tenantId, existing.id_number))!, visible, ctx.language);
      }
      memberId = existing.id;
      await reactivate(trx, ctx, existing, values);
    } else {
      memberId = await insertMember(trx, ctx.tenantId, parsed.value.idNumber, values);
      await recordChanges(trx, ctx, memberId, null, { ...values, id_number: parsed.value.idNumber }, 'transfer');
    }
    await openPeriod(trx, ctx.tenantId, memberId, to.id, input.effectiveOn);
    const id = await insertTransfer(trx, ctx.tenantId, ctx.username, {
      kind: 'in',
      member_id: memberId,
      to_org_id: to.id,
      from_org_name: input.fromOrgName,
      to_org_name: to.name,
      effective_on: input.effectiveOn,
      letter_no: input.letterNo,
    });
    await writeAudit(trx, ctx.auditor, { action: 'transfer', entityType: 'member', entityId: memberId, summary: `${input.name} 组织关系由 ${input.fromOrgName} 转入 ${to.name}（介绍信 ${input.letterNo}）`, after: { ...values, letterNo: input.letterNo } });
    return { id, memberId };
  });
}

async function reactivate(trx: Transaction<DB>, ctx: Ctx, existing: NonNullable<Awaited<ReturnType<typeof memberByIdNumberAnyStatus>>>, values: ArrivingMember) {
  await reactivateMember(trx, ctx.tenantId, existing.id, existing.version, values);
  await recordChanges(trx, ctx, existing.id, existing, values, 'transfer');
}
