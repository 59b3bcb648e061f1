/**
 * Upward reports (上级临时要报的表) of the first demo hospital, each run once by the 组织部:
 * - 「{去年}年度党员队伍结构情况」 for 市卫健委党委: the whole 党委, age band × education, as of
 *   last year's 12-31 (下年再报 makes this year's from it);
 * - 「高级职称党员名单」 for 市卫健委党委组织部: a person list of 正高 and 副高 members;
 * - 「35岁及以下青年党员分布情况」 for 团市委: branches × gender, members 35 and under.
 *
 * Deterministic: dates from `today`, the members as the demo holds them.
 */
import { type ReportDefinitionInput, reportDefinitionSchema } from '@hongyi/core';
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { insertDefinition, insertRun, membersOnDate, rootOrg } from '../modules/reports/repository.js';
import { frozenResult, specOf } from '../modules/reports/service.js';
import { demoHospitalId } from './hospital.js';
import type { DemoData } from './generate.js';

export async function loadReportsDemo(trx: Transaction<DB>, data: DemoData): Promise<void> {
  const tenantId = await demoHospitalId(trx, data);
  const root = tenantId === undefined ? undefined : await rootOrg(trx, tenantId);
  if (tenantId === undefined || !root) return;
  const lastYear = Number(data.today.slice(0, 4)) - 1;
  const midYear = data.today.slice(5) >= '07-01' ? `${data.today.slice(0, 4)}-06-30` : `${lastYear}-06-30`;
  const inputs: ReportDefinitionInput[] = [
    {
      title: `${lastYear}年度党员队伍结构情况`,
      requester: '市卫健委党委',
      asOf: `${lastYear}-12-31`,
      orgId: root.id,
      rowDimension: 'ageBand',
      columnDimension: 'education',
      fields: ['name', 'gender', 'age', 'education', 'org'],
      note: '按市卫健委党委通知要求，于次年1月10日前报送',
    },
    {
      title: '高级职称党员名单',
      requester: '市卫健委党委组织部',
      asOf: midYear,
      orgId: root.id,
      rowDimension: 'title',
      fields: ['name', 'gender', 'birthDate', 'education', 'title', 'post', 'department', 'org', 'joinedOn', 'idNumber'],
      filters: { titles: ['正高', '副高'] },
      note: '用于高层次人才党员联系服务名单',
    },
    {
      title: '35岁及以下青年党员分布情况',
      requester: '团市委',
      asOf: midYear,
      orgId: root.id,
      rowDimension: 'org',
      columnDimension: 'gender',
      fields: ['name', 'gender', 'age', 'org', 'category'],
      filters: { ageMax: 35 },
    },
  ];
  for (const input of inputs) {
    const d = reportDefinitionSchema.parse(input);
    const id = await insertDefinition(trx, tenantId, { title: d.title, requester: d.requester, as_of: d.asOf, org_id: d.orgId, spec: specOf(d), based_on_id: null }, '组织部');
    const result = frozenResult(d, await membersOnDate(trx, tenantId, root, d.includeSubtree, d.asOf));
    await insertRun(trx, tenantId, { definition_id: id, org_id: root.id, as_of: d.asOf, definition: JSON.stringify({ ...d, orgName: root.name }), result: JSON.stringify(result), total: result.total }, '组织部');
  }
}
