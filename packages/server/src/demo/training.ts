/**
 * Training of members (党员培训) in the demo hospitals, last year and this year up to today:
 * - the 党委's 集中轮训 of every member, in four quarterly batches (two days, 16 class hours);
 * - the 党委's 专题培训 on the plenary session of the year for the secretaries (three days);
 * - the 市卫健委's 支部书记示范培训班 for a few secretaries, the 省委党校's 公立医院党委书记
 *   培训班 for one, and once a 中组部 network class for the secretary of the 党委;
 * - the 网络学院's online course (12 class hours) that about a third of the members finish;
 * - each branch's own one-day 专题学习 for half of its members.
 *
 * Deterministic: members in id order, dates fixed in the year, nothing after `today`.
 */
import { compareDates } from '@hongyi/core';
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { tenantIdByCode } from '../modules/service/repository.js';
import { activeMembers, insertClass, replaceParticipants, secretaries } from '../modules/training/repository.js';
import type { ClassInput } from '../modules/training/service.js';
import { rootOrg } from '../modules/statistics/repository.js';
import type { DemoData } from './generate.js';

/** A demo class: what the office enters, less the org, note and participants the loader chooses. */
type ClassSpec = Omit<ClassInput, 'orgId' | 'note' | 'memberIds'>;

export async function loadTrainingDemo(trx: Transaction<DB>, data: DemoData): Promise<void> {
  const thisYear = Number(data.today.slice(0, 4));
  for (const tenant of data.tenants) {
    const tenantId = await tenantIdByCode(trx, tenant.code);
    if (tenantId === undefined) continue;
    const root = await rootOrg(trx, tenantId);
    if (!root) continue;
    const members = await activeMembers(trx, tenantId);
    if (members.length === 0) continue;
    const secs = await secretaries(trx, tenantId);
    const leaders = secs.length > 0 ? secs : members.filter((_, i) => i % 12 === 0).map((m) => m.id);
    const add = async (orgId: number, c: ClassSpec, memberIds: number[]) => {
      if (compareDates(c.endsOn, data.today) > 0 || memberIds.length === 0) return;
      const id = await insertClass(trx, tenantId, { org_id: orgId, title: c.title, level: c.level, kind: c.kind, organiser: c.organiser, starts_on: c.startsOn, ends_on: c.endsOn, hours: c.hours, note: '', created_by: null });
      await replaceParticipants(trx, tenantId, id, [...new Set(memberIds)]);
    };
    for (const year of [thisYear - 1, thisYear]) {
      const plenary = year % 2 === 0 ? '党的二十届四中全会精神' : '党的二十届三中全会精神';
      // 集中轮训: every member once a year, a quarter of them each quarter.
      for (let q = 0; q < 4; q++) {
        const month = String(q * 3 + 3).padStart(2, '0');
        await add(root.id, { title: `${year}年度党员集中轮训（第${q + 1}期）`, level: 'unit', kind: 'rotation', organiser: '医院党委组织部', startsOn: `${year}-${month}-12`, endsOn: `${year}-${month}-13`, hours: 16 }, members.filter((_, i) => i % 4 === q).map((m) => m.id));
      }
      await add(root.id, { title: `学习贯彻${plenary}专题培训班`, level: 'unit', kind: 'thematic', organiser: '医院党委', startsOn: `${year}-11-18`, endsOn: `${year}-11-20`, hours: 24 }, leaders);
      await add(root.id, { title: `${year}年全市卫生健康系统党支部书记示范培训班`, level: 'municipal', kind: 'thematic', organiser: '市卫生健康委党委', startsOn: `${year}-05-20`, endsOn: `${year}-05-22`, hours: 24 }, leaders.slice(0, 6));
      await add(root.id, { title: `${year}年全省公立医院党委书记培训班`, level: 'provincial', kind: 'party_school', organiser: '省委党校', startsOn: `${year}-09-08`, endsOn: `${year}-09-12`, hours: 40 }, leaders.slice(0, 1));
      if (year === thisYear - 1) await add(root.id, { title: '全国公立医院党建工作网络示范培训班', level: 'central', kind: 'online', organiser: '中组部党员教育中心', startsOn: `${year}-07-01`, endsOn: `${year}-07-31`, hours: 20 }, leaders.slice(0, 1));
      await add(root.id, { title: `${year}年党员网络学院专题课程`, level: 'provincial', kind: 'online', organiser: '省委组织部党员教育网络学院', startsOn: `${year}-04-01`, endsOn: `${year}-04-30`, hours: 12 }, members.filter((_, i) => i % 3 === 1).map((m) => m.id));
      // Each branch's own one-day 专题学习, for half of its members.
      const byOrg = new Map<number, number[]>();
      for (const m of members) if (m.orgType === 'branch' || m.orgType === 'joint_branch') byOrg.set(m.orgId, [...(byOrg.get(m.orgId) ?? []), m.id]);
      for (const [orgId, ids] of byOrg) {
        await add(orgId, { title: `支部“${plenary}”专题学习`, level: 'branch', kind: 'thematic', organiser: '', startsOn: `${year}-10-${String(10 + (orgId % 15)).padStart(2, '0')}`, endsOn: `${year}-10-${String(10 + (orgId % 15)).padStart(2, '0')}`, hours: 4 }, ids.filter((_, i) => i % 2 === 0));
      }
    }
  }
}
