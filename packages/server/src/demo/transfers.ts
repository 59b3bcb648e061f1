/**
 * Demo transfers out of the hospital (组织关系转出): three former members who left for other
 * units, with their letters — one 回执 back, one still within the month, one overdue — so the
 * transfer list's receipt watch has something real to show. They are added as former members
 * (status 已转出), so no active member, dues ledger or meeting record changes.
 *
 * Deterministic: names, ID numbers and dates derive from `today`, no clock.
 */
import { addDays, addMonths, idNumberCheckChar } from '@hongyi/core';
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { nameColumns } from '../modules/members/pinyin.js';
import { insertMember } from '../modules/members/repository.js';
import { rosterReferenceData } from '../modules/members/repository-roster.js';
import { tenantIdByCode } from '../modules/service/repository.js';
import { closeOpenPeriods, insertTransfer } from '../modules/transfers/repository.js';
import { receiptDueOn } from '../modules/transfers/receipts.js';

const LEAVERS = [
  { name: '韩若曦', birth: '19890312', seq: '142', gender: 'female', daysAgo: 120, receiptAfter: 18, to: '中共示例市妇幼保健院委员会' },
  { name: '邵文博', birth: '19850907', seq: '231', gender: 'male', daysAgo: 50, receiptAfter: null, to: '中共示例市第二人民医院委员会' },
  { name: '纪晓彤', birth: '19930125', seq: '064', gender: 'female', daysAgo: 12, receiptAfter: null, to: '中共示例省人民医院委员会' },
] as const;

export async function loadTransfersDemo(trx: Transaction<DB>, tenantCode: string, today: string): Promise<void> {
  const tenantId = await tenantIdByCode(trx, tenantCode);
  if (tenantId === undefined) return;
  // The first open branches by id, one for each leaver.
  const branches = (await rosterReferenceData(trx, tenantId)).orgs
    .filter((o) => o.type === 'branch')
    .sort((a, b) => a.id - b.id)
    .slice(0, LEAVERS.length);
  if (branches.length < LEAVERS.length) return;
  for (const [i, p] of LEAVERS.entries()) {
    const branch = branches[i]!;
    const first17 = `370102${p.birth}${p.seq}`;
    const effectiveOn = addDays(today, -p.daysAgo);
    const joinedOn = `${Number(p.birth.slice(0, 4)) + 24}-07-01`;
    // The member's record and branch period, as adding a member writes them; the period ends
    // with the letter out.
    const memberId = await insertMember(
      trx,
      tenantId,
      {
        name: p.name,
        gender: p.gender,
        id_number: first17 + idNumberCheckChar(first17),
        birth_date: `${p.birth.slice(0, 4)}-${p.birth.slice(4, 6)}-${p.birth.slice(6, 8)}`,
        education: '硕士研究生',
        category: 'full',
        status: 'transferred_out',
        org_id: branch.id,
        joined_on: joinedOn,
        full_on: `${Number(p.birth.slice(0, 4)) + 25}-07-01`,
        title: '中级',
        phone: `1390531${String(1000 + i * 37)}`,
        ...nameColumns(p.name),
      },
      joinedOn,
    );
    await closeOpenPeriods(trx, tenantId, memberId, effectiveOn);
    await insertTransfer(trx, tenantId, 'demo', {
      kind: 'out',
      member_id: memberId,
      from_org_id: branch.id,
      from_org_name: branch.name,
      to_org_name: p.to,
      effective_on: effectiveOn,
      letter_no: `${effectiveOn.slice(0, 4)}-9${String(i + 1).padStart(2, '0')}`,
      valid_days: 90,
      paid_through: addMonths(effectiveOn, -1).slice(0, 7),
      receipt_due_on: receiptDueOn(effectiveOn),
      receipt_received_on: p.receiptAfter === null ? null : addDays(effectiveOn, p.receiptAfter),
    });
  }
}
