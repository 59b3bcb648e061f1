/**
 * Demo data for organisations and members: 学科带头人, each member's branch period, committees with their posts and 换届 records.
 * Most terms are current; a few expire within 6 or 3 months, one is overdue and some
 * committees have a vacancy, so the 党委-wide warning list has something real to show.
 *
 * Deterministic: seeded PRNG and dates derived from `today`, no clock.
 */
import { addMonths, addYears, compareDates } from '@hongyi/core';
import type { Transaction } from 'kysely';
import type { CommitteePost, DB } from '../db/schema.js';
import { membersForStaffing, openMissingPeriods, setAcademicLeaders } from '../modules/members/repository.js';
import { membersByIdNumbers } from '../modules/members/repository-roster.js';
import { insertElections, insertSeats, orgsWithFounding } from '../modules/orgs/repository.js';
import { tenantIdByCode } from '../modules/service/repository.js';
import { insertTransfer, recordEarlierMove } from '../modules/transfers/repository.js';
import { idNumberHash } from '../db/sealed.js';
import { type DemoData, mulberry32 } from './generate.js';

export async function loadOrgsMembersDemo(trx: Transaction<DB>, data: DemoData): Promise<void> {
  for (const tenant of data.tenants) {
    const tenantId = await tenantIdByCode(trx, tenant.code);
    if (tenantId === undefined) throw new Error(`demo data: unknown tenant ${tenant.code}`);
    const rnd = mulberry32(20261130 + tenant.code.length);

    const members = await membersForStaffing(trx, tenantId);
    // Some department heads with a senior title are 学科带头人. (The name columns were filled
    // when the members were inserted.)
    const academic = members.filter((m) => m.title === '正高' && m.post === '科主任' && rnd() < 0.6).map((m) => m.id);
    await setAcademicLeaders(trx, tenantId, academic);
    // The members loaded in bulk begin their branch period here (those the services added, a
    // development file's approval, began theirs then).
    await openMissingPeriods(trx, tenantId, data.today);

    const orgs = await orgsWithFounding(trx, tenantId);
    const secretaries = tenant.orgs.flatMap((o) => {
      const m = o.secretaryMemberKey ? tenant.members.find((x) => x.key === o.secretaryMemberKey) : undefined;
      return m ? [{ org: o.name, idNumber: m.idNumber }] : [];
    });
    const memberId = new Map((await membersByIdNumbers(trx, tenantId, secretaries.map((s) => s.idNumber))).map((m) => [idNumberHash(m.id_number), m.id]));
    const secretaryOf = new Map(secretaries.map((s) => [s.org, memberId.get(idNumberHash(s.idNumber))!]));
    const byOrg = new Map<number, typeof members>();
    for (const m of members) byOrg.set(m.org_id, [...(byOrg.get(m.org_id) ?? []), m]);

    const seats: { org_id: number; post: CommitteePost; member_id: number | null; started_on: string | null; sort: number }[] = [];
    const elections: { org_id: number; held_on: string; term_years: number; voters_due: number; voters_present: number; results: string }[] = [];
    let branchIndex = 0;
    for (const o of orgs) {
      if (o.type === 'party_group' || o.type === 'temporary_branch') continue;
      const own = byOrg.get(o.id) ?? [];
      const full = own.filter((m) => m.category === 'full');
      const years = o.type === 'committee' ? 5 : 3;
      // The latest election: on the founding date's cycle, with a few terms near or past expiry.
      let held: string;
      const i = branchIndex++;
      if (o.type === 'committee') held = '2023-06-28';
      else if (i % 11 === 5) held = addMonths(addYears(data.today, -years), -2); // overdue by 2 months
      else if (i % 7 === 3) held = addMonths(addYears(data.today, -years), 2); // expires within 3 months
      else if (i % 9 === 4) held = addMonths(addYears(data.today, -years), 5); // within 6 months
      else {
        held = o.established_on ?? '2020-01-01';
        while (compareDates(addYears(held, years), addMonths(data.today, 6)) <= 0) held = addYears(held, years);
      }
      const seatList: { post: CommitteePost; member: number | null }[] = [];
      if (o.type === 'committee') {
        const find = (post: string) => members.find((m) => m.post === post)?.id ?? null;
        seatList.push({ post: 'secretary', member: find('党委书记') }, { post: 'deputy_secretary', member: find('党委副书记') }, { post: 'discipline', member: find('纪委书记') });
      } else {
        const secretary = secretaryOf.get(o.name) ?? full[0]?.id ?? null;
        seatList.push({ post: 'secretary', member: secretary });
        // 正式党员7人以上设支部委员会 (支部工作条例): 组织、宣传、纪检委员, sometimes one seat vacant.
        if (full.length >= 7) {
          const others = full.filter((m) => m.id !== secretary);
          const pick = () => {
            const idx = Math.floor(rnd() * others.length);
            return others.splice(idx, 1)[0]?.id ?? null;
          };
          seatList.push({ post: 'organisation', member: pick() }, { post: 'publicity', member: pick() });
          seatList.push({ post: 'discipline', member: i % 6 === 2 ? null : pick() });
        }
      }
      seatList.forEach((s, sort) => seats.push({ org_id: o.id, post: s.post, member_id: s.member, started_on: held, sort }));
      const due = full.length;
      const present = Math.max(Math.ceil(due * 0.85), Math.min(due, Math.floor(due * 0.8) + 1));
      elections.push({
        org_id: o.id,
        held_on: held,
        term_years: years,
        voters_due: due,
        voters_present: present,
        results: `选举产生新一届委员会委员 ${seatList.filter((s) => s.member).length} 名`,
      });
    }
    await insertSeats(trx, tenantId, seats);
    // Two earlier moves between branches (history only: the members' current branch is unchanged).
    const branches = orgs.filter((o) => o.type === 'branch' || o.type === 'joint_branch');
    const movedOn = addYears(data.today, -2).slice(0, 8) + '01';
    const candidates = members.filter((m) => m.joined_on && compareDates(m.joined_on, movedOn) < 0 && branches.some((b) => b.id === m.org_id));
    for (const m of [candidates[7], candidates[Math.floor(candidates.length / 2)]].filter((x) => x !== undefined)) {
      const from = branches.find((b) => b.id !== m.org_id)!;
      const to = branches.find((b) => b.id === m.org_id)!;
      await recordEarlierMove(trx, tenantId, m.id, from.id, to.id, movedOn);
      await insertTransfer(trx, tenantId, 'demo', { kind: 'internal', member_id: m.id, from_org_id: from.id, to_org_id: to.id, from_org_name: from.name, to_org_name: to.name, effective_on: movedOn });
    }
    await insertElections(trx, { tenantId, username: 'demo' }, elections);
  }
}
