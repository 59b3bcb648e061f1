/**
 * Member structure of an org subtree (statistics the upper levels ask for): education,
 * title, age band, gender, job category and years of membership, counted over active members.
 */
import { type CodeList, codeLabel } from '@hongyi/core';
import type { Ctx } from '../../lib/context.js';
import { workbookBuffer } from '../../lib/excel.js';
import { requireInScope } from '../../lib/scope.js';
import { notFound } from '../../plugins/errors.js';
import { EDUCATION_VALUES, TITLE_VALUES } from './fields.js';
import { orgNameAndPath, structureRows } from './repository.js';

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

export async function structureOf(ctx: Ctx, orgId: number | undefined) {
  const { language, today } = ctx;
  const scope = ctx.scope('members.read');
  const zh = language === 'zh-CN';
  let orgName = zh ? '全部' : 'All';
  let path: string | null = null;
  if (orgId) {
    const org = await orgNameAndPath(ctx.db, ctx.tenantId, orgId);
    requireInScope(scope, org && { orgPath: org.path }, notFound('ORG_NOT_FOUND', orgId));
    orgName = org!.name;
    path = org!.path;
  }
  const rows = await structureRows(ctx.db, ctx.tenantId, scope, path);
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

/** The structure report as Excel: one row per group of each dimension, with its share. */
export async function structureWorkbook(ctx: Ctx, orgId: number | undefined): Promise<{ name: string; buffer: Buffer }> {
  const zh = ctx.language === 'zh-CN';
  const s = await structureOf(ctx, orgId);
  const rows = s.dimensions.flatMap((d) => d.items.map((i) => ({ dimension: d.label, label: i.label, count: i.count, share: s.total ? Math.round((i.count / s.total) * 1000) / 10 : 0 })));
  const buffer = await workbookBuffer(
    zh ? '党员结构' : 'Structure',
    [
      { header: zh ? '维度' : 'Dimension', width: 14, value: (x) => x.dimension },
      { header: zh ? '类别' : 'Group', width: 18, value: (x) => x.label },
      { header: zh ? '人数' : 'Members', width: 10, value: (x) => x.count },
      { header: zh ? '占比(%)' : 'Share (%)', width: 10, value: (x) => x.share },
    ],
    rows,
  );
  return { name: zh ? `党员结构-${s.orgName}.xlsx` : 'member-structure.xlsx', buffer };
}
