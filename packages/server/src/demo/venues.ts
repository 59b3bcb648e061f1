/**
 * Venues (活动阵地) of the demo hospitals against the 六有 standard (seed 002, "资源配置在一线"):
 * - the 急诊科全科医学科党支部's 急诊楼三楼党员活动室;
 * - the 内科楼党员之家, owned by the 心血管内科党支部 and shared by the other internal-medicine
 *   branches of the 内科党总支;
 * - a 党员活动室 for each other clinical branch of the 内科 and 外科 党总支, and for the county
 *   hospital's clinical branch.
 * Most meet all six items; every fifth lacks one (书报 or 标志), with a note of what is planned.
 *
 * Deterministic: branches in path order, dates relative to `today`.
 */
import { DEFAULT_VENUE_STANDARD, type VenueCheck, addDays } from '@hongyi/core';
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { insertVenue, replaceShares } from '../modules/venues/repository.js';
import { orgsOfTenant, tenantIdByCode } from '../modules/service/repository.js';
import { type DemoData, ER_BRANCH } from './generate.js';

const HOME_OWNER = '心血管内科党支部';
const GAPS: Array<{ item: string; note: string }> = [
  { item: '有书报', note: '党报党刊已征订，书架待配' },
  { item: '有标志', note: '门牌和党徽标识制作中' },
];

const checks = (missing: { item: string; note: string } | null): VenueCheck[] =>
  DEFAULT_VENUE_STANDARD.map((item) => (item === missing?.item ? { item, met: false, note: missing.note } : { item, met: true, note: '' }));

/** The department part of a branch name (心胸外科党支部 → 心胸外科). */
const departmentOf = (branch: string) => branch.replace(/党支部$/, '');

export async function loadVenuesDemo(trx: Transaction<DB>, data: DemoData): Promise<void> {
  for (const [t, tenant] of data.tenants.entries()) {
    const tenantId = await tenantIdByCode(trx, tenant.code);
    if (tenantId === undefined) continue;
    const orgs = await orgsOfTenant(trx, tenantId);
    const generals = orgs.filter((o) => o.type === 'general_branch' && (o.name === '内科党总支' || o.name === '外科党总支'));
    const internal = generals.find((g) => g.name === '内科党总支');
    const clinical = orgs.filter((o) => o.type === 'branch' && (t > 0 ? o.name === '临床党支部' : generals.some((g) => o.path.startsWith(g.path))) && !/教研室|研究生/.test(o.name));
    const home = orgs.find((o) => o.name === HOME_OWNER);
    const sharing = home && internal ? clinical.filter((o) => o.path.startsWith(internal.path) && o.id !== home.id && /内科|血液|呼吸/.test(o.name) && o.name !== ER_BRANCH) : [];
    let n = 0;
    for (const org of clinical) {
      if (sharing.some((s) => s.id === org.id)) continue;
      const isHome = org.id === home?.id;
      const name = org.name === ER_BRANCH ? '急诊楼三楼党员活动室' : isHome ? '内科楼党员之家' : `${departmentOf(org.name)}党员活动室`;
      const place = org.name === ER_BRANCH ? '急诊楼三楼东侧' : isHome ? '内科楼一楼东侧' : `${departmentOf(org.name)}病区示教室`;
      const missing = n % 5 === 3 ? GAPS[Math.floor(n / 5) % GAPS.length]! : null;
      const id = await insertVenue(trx, tenantId, {
        org_id: org.id,
        name,
        place,
        area_m2: isHome ? 120 : 30 + (n % 4) * 10,
        seats: isHome ? 80 : 20 + (n % 4) * 6,
        note: isHome ? '内科各支部共用，每周三下午支部活动优先' : '',
        checklist: checks(missing),
        checked_on: addDays(data.today, -20 - (n % 30)),
      });
      if (isHome) await replaceShares(trx, tenantId, id, sharing.map((s) => s.id));
      n += 1;
    }
  }
}
