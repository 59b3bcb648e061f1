/**
 * Member structure of an org subtree (statistics the upper levels ask for): education,
 * title, age band, gender, job category and years of membership, counted over active members.
 */
import { type CodeList, type DataScope, type Language, codeLabel, scopeCoversPath } from '@hongyi/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { scopeCondition } from '../../lib/scope.js';
import { AppError, notFound } from '../../plugins/errors.js';
import { EDUCATION_VALUES, TITLE_VALUES } from './fields.js';

function yearsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  return ty - fy - (tm < fm || (tm === fm && td < fd) ? 1 : 0);
}

const AGE_BANDS = [
  { max: 29, zh: '30岁以下', en: 'Under 30' },
  { max: 39, zh: '30–39岁', en: '30–39' },
  { max: 49, zh: '40–49岁', en: '40–49' },
  { max: 59, zh: '50–59岁', en: '50–59' },
  { max: 999, zh: '60岁及以上', en: '60 and over' },
];
const MEMBERSHIP_BANDS = [
  { max: 4, zh: '不满5年', en: 'Under 5 years' },
  { max: 9, zh: '5–9年', en: '5–9 years' },
  { max: 19, zh: '10–19年', en: '10–19 years' },
  { max: 29, zh: '20–29年', en: '20–29 years' },
  { max: 999, zh: '30年及以上', en: '30 years and over' },
];

export async function structureOf(db: Kysely<DB>, tenantId: number, scope: DataScope, orgId: number | undefined, today: string, language: Language) {
  const zh = language === 'zh-CN';
  let orgName = zh ? '全部' : 'All';
  let path: string | null = null;
  if (orgId) {
    const org = await db.selectFrom('orgs').select(['name', 'path']).where('tenant_id', '=', tenantId).where('id', '=', orgId).executeTakeFirst();
    if (!org) throw notFound('ORG_NOT_FOUND', orgId);
    if (!scopeCoversPath(scope, org.path)) throw new AppError(403, 'OUT_OF_SCOPE');
    orgName = org.name;
    path = org.path;
  }
  let q = db
    .selectFrom('members as m')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'm.tenant_id').onRef('o.id', '=', 'm.org_id'))
    .select(['m.education', 'm.title', 'm.birth_date', 'm.gender', 'm.job_category', 'm.joined_on', 'm.category'])
    .where('m.tenant_id', '=', tenantId)
    .where('m.status', '=', 'active')
    .where(scopeCondition(scope, 'o.path', 'm.id'));
  if (path) q = q.where('o.path', 'like', `${path}%`);
  const rows = await q.execute();
  const none = zh ? '未填写' : 'Not recorded';
  // Code values (学历, 职称, 工作岗位) are counted as stored and labelled in the reader's language.
  const tally = (values: (string | null)[], order: readonly string[], list?: CodeList) => {
    const counts = new Map<string, number>(order.map((k) => [k, 0]));
    for (const v of values) counts.set(v ?? none, (counts.get(v ?? none) ?? 0) + 1);
    return [...counts].filter(([k, n]) => n > 0 || order.includes(k)).map(([label, count]) => ({ label: list ? codeLabel(list, label, language) : label, count }));
  };
  const band = (years: number | null, bands: typeof AGE_BANDS) => (years === null ? none : (zh ? bands.find((b) => years <= b.max)!.zh : bands.find((b) => years <= b.max)!.en));
  return {
    orgName,
    total: rows.length,
    full: rows.filter((r) => r.category === 'full').length,
    probationary: rows.filter((r) => r.category === 'probationary').length,
    dimensions: [
      { key: 'education', label: zh ? '学历' : 'Education', items: tally(rows.map((r) => r.education), EDUCATION_VALUES, 'education') },
      { key: 'title', label: zh ? '职称' : 'Title', items: tally(rows.map((r) => r.title ?? '无职称'), [...TITLE_VALUES], 'title') },
      {
        key: 'age',
        label: zh ? '年龄' : 'Age',
        items: tally(
          rows.map((r) => band(r.birth_date ? yearsBetween(r.birth_date, today) : null, AGE_BANDS)),
          AGE_BANDS.map((b) => (zh ? b.zh : b.en)),
        ),
      },
      { key: 'gender', label: zh ? '性别' : 'Gender', items: tally(rows.map((r) => (r.gender === 'male' ? (zh ? '男' : 'Male') : zh ? '女' : 'Female')), []) },
      { key: 'jobCategory', label: zh ? '工作岗位' : 'Job category', items: tally(rows.map((r) => r.job_category), [], 'jobCategory').sort((a, b) => b.count - a.count) },
      {
        key: 'membershipYears',
        label: zh ? '党龄' : 'Years of membership',
        items: tally(
          rows.map((r) => band(r.joined_on ? yearsBetween(r.joined_on, today) : null, MEMBERSHIP_BANDS)),
          MEMBERSHIP_BANDS.map((b) => (zh ? b.zh : b.en)),
        ),
      },
    ],
  };
}
