/**
 * Demo data for organisations and members: 学科带头人, each member's branch period, the "三位一体" teaching offices, committees with their posts and 换届 records.
 * Most terms are current; a few expire within 6 or 3 months, one is overdue and some
 * committees have a vacancy, so the 党委-wide warning list has something real to show.
 *
 * Deterministic: seeded PRNG and dates derived from `today`, no clock.
 */
import { addMonths, addYears, compareDates } from '@hongyi/core';
import { type Transaction, sql } from 'kysely';
import type { CommitteePost, DB } from '../db/schema.js';
import { type DemoData, mulberry32 } from './generate.js';
import { idNumberHash } from '../db/sealed.js';

const BATCH = 500;

export async function loadOrgsMembersDemo(trx: Transaction<DB>, data: DemoData): Promise<void> {
  for (const tenant of data.tenants) {
    const t = await trx.selectFrom('tenants').select('id').where('code', '=', tenant.code).executeTakeFirstOrThrow();
    const tenantId = t.id;
    const rnd = mulberry32(20261130 + tenant.code.length);

    const members = await trx
      .selectFrom('members')
      .select(['id', 'name', 'id_number_hash', 'org_id', 'category', 'title', 'post', 'joined_on'])
      .where('tenant_id', '=', tenantId)
      .orderBy('id')
      .execute();
    // Some department heads with a senior title are 学科带头人. (The name columns were filled
    // when the members were inserted.)
    const academic = members.filter((m) => m.title === '正高' && m.post === '科主任' && rnd() < 0.6).map((m) => m.id);
    if (academic.length > 0) {
      await trx.updateTable('members').set({ academic_leader: true }).where('tenant_id', '=', tenantId).where('id', 'in', academic).execute();
    }
    await sql`
      insert into member_org_periods (tenant_id, member_id, org_id, from_on)
      select m.tenant_id, m.id, m.org_id, coalesce(greatest(m.joined_on, o.established_on), m.joined_on, ${data.today}::date)
      from members m join orgs o on o.tenant_id = m.tenant_id and o.id = m.org_id
      where m.tenant_id = ${tenantId}
        -- Members the services added (a development file's approval) began their period then.
        and not exists (select 1 from member_org_periods p where p.tenant_id = m.tenant_id and p.member_id = m.id)`.execute(trx);
    await trx.updateTable('departments').set({ trinity: true }).where('tenant_id', '=', tenantId).where('is_teaching_office', '=', true).execute();

    const orgs = await trx
      .selectFrom('orgs')
      .select(['id', 'name', 'type', 'established_on'])
      .where('tenant_id', '=', tenantId)
      .orderBy('id')
      .execute();
    const memberId = new Map(members.map((m) => [m.id_number_hash, m.id]));
    const secretaryOf = new Map<string, number>();
    for (const o of tenant.orgs) {
      const key = o.secretaryMemberKey ? tenant.members.find((m) => m.key === o.secretaryMemberKey) : undefined;
      if (key) secretaryOf.set(o.name, memberId.get(idNumberHash(key.idNumber))!);
    }
    const byOrg = new Map<number, typeof members>();
    for (const m of members) byOrg.set(m.org_id, [...(byOrg.get(m.org_id) ?? []), m]);

    const seats: { tenant_id: number; org_id: number; post: CommitteePost; member_id: number | null; started_on: string | null; sort: number }[] = [];
    const elections: { tenant_id: number; org_id: number; held_on: string; term_years: number; voters_due: number; voters_present: number; results: string; username: string }[] = [];
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
      seatList.forEach((s, sort) => seats.push({ tenant_id: tenantId, org_id: o.id, post: s.post, member_id: s.member, started_on: held, sort }));
      const due = full.length;
      const present = Math.max(Math.ceil(due * 0.85), Math.min(due, Math.floor(due * 0.8) + 1));
      elections.push({
        tenant_id: tenantId,
        org_id: o.id,
        held_on: held,
        term_years: years,
        voters_due: due,
        voters_present: present,
        results: `选举产生新一届委员会委员 ${seatList.filter((s) => s.member).length} 名`,
        username: 'demo',
      });
    }
    for (let i = 0; i < seats.length; i += BATCH) await trx.insertInto('org_committee_seats').values(seats.slice(i, i + BATCH)).execute();
    // Two earlier moves between branches (history only: the members' current branch is unchanged).
    const branches = orgs.filter((o) => o.type === 'branch' || o.type === 'joint_branch');
    const movedOn = addYears(data.today, -2).slice(0, 8) + '01';
    const candidates = members.filter((m) => m.joined_on && compareDates(m.joined_on, movedOn) < 0 && branches.some((b) => b.id === m.org_id));
    for (const m of [candidates[7], candidates[Math.floor(candidates.length / 2)]].filter((x) => x !== undefined)) {
      const from = branches.find((b) => b.id !== m.org_id)!;
      const to = branches.find((b) => b.id === m.org_id)!;
      await trx.updateTable('member_org_periods').set({ org_id: from.id, to_on: movedOn }).where('tenant_id', '=', tenantId).where('member_id', '=', m.id).execute();
      await trx.insertInto('member_org_periods').values({ tenant_id: tenantId, member_id: m.id, org_id: to.id, from_on: movedOn }).execute();
      await trx
        .insertInto('member_transfers')
        .values({ tenant_id: tenantId, kind: 'internal', member_id: m.id, from_org_id: from.id, to_org_id: to.id, from_org_name: from.name, to_org_name: to.name, effective_on: movedOn, username: 'demo' })
        .execute();
    }
    for (let i = 0; i < elections.length; i += BATCH) await trx.insertInto('org_elections').values(elections.slice(i, i + BATCH)).execute();
  }
}
