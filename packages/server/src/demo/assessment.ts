/**
 * The yearly assessment of the demo 党委: the previous year's scheme published and graded for every
 * branch (one graded above the suggested grade, with the reason), and this year's published with some
 * self-assessments submitted and one returned — the 急诊 branch (the demo secretary's) still to write.
 * Figures are computed from the records the other demo parts load, the way the service computes them.
 *
 * Deterministic: branches in path order, the 党委's scores from a seeded PRNG.
 */
import { type AssessmentItem, suggestedGrade, totalScore } from '@hongyi/core';
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Ctx } from '../lib/context.js';
import { findScheme, insertScheme, insertSheet, markPublished, updateSheet } from '../modules/assessment/repository.js';
import { type Figure, figuresOf } from '../modules/assessment/service.js';
import { demoHospitalOrgs } from './hospital.js';
import { adoptionsOf, listFrameworks } from '../modules/worksystems/repository.js';
import { type DemoData, mulberry32 } from './generate.js';

/**
 * This year's scheme: the records the platform keeps carry 60 points (组织生活, 党课, 志愿服务, 服务群众人次 from
 * the work system, 理论学习), with targets a branch reaches by keeping the 三会一课 and serving as the
 * hospital asks — a quarterly 党课, four service events, eight study materials; the 党委 scores the other 40.
 */
const items = (adoptionId: number | null): AssessmentItem[] => [
  { key: 'meetings', name: '组织生活开展', kind: 'measure', measure: { source: 'orglife', aggregate: 'count', filters: {}, scope: 'subtree' }, target: 12, weight: 20, unit: '次', scoring: 'proportional', description: '“三会一课”、主题党日等组织生活，全年 12 次得满分' },
  { key: 'lectures', name: '讲党课', kind: 'measure', measure: { source: 'orglife', aggregate: 'count', filters: { kinds: ['party_lecture'] }, scope: 'subtree' }, target: 4, weight: 10, unit: '次', scoring: 'proportional', description: '每季度至少 1 次党课，全年 4 次得满分' },
  { key: 'service', name: '志愿服务活动', kind: 'measure', measure: { source: 'service', aggregate: 'count', filters: {}, scope: 'subtree' }, target: 4, weight: 10, unit: '次', scoring: 'proportional', description: '全年 4 次得满分' },
  adoptionId
    ? { key: 'beneficiaries', name: '服务群众人次', kind: 'indicator', adoptionId, indicatorKey: 'beneficiaries', target: 500, weight: 10, unit: '人次', scoring: 'proportional', description: '取自工作体系“四急四聚焦”：服务群众人次' }
    : { key: 'beneficiaries', name: '服务群众人次', kind: 'measure', measure: { source: 'service', aggregate: 'sum', field: 'beneficiaries', filters: {}, scope: 'subtree' }, target: 500, weight: 10, unit: '人次', scoring: 'proportional', description: '志愿服务惠及群众人次' },
  { key: 'learning', name: '理论学习', kind: 'measure', measure: { source: 'learning', aggregate: 'count', filters: {}, scope: 'subtree' }, target: 8, weight: 10, unit: '篇', scoring: 'proportional', description: '支部会议学习的材料，全年 8 篇得满分' },
  { key: 'leadership', name: '班子建设与作用发挥', kind: 'manual', target: null, weight: 20, unit: '', scoring: 'proportional', description: '党委根据述职和日常了解评分' },
  { key: 'evaluation', name: '民主评议', kind: 'manual', target: null, weight: 20, unit: '', scoring: 'proportional', description: '党员群众测评折算' },
];

/**
 * Last year's scheme: the platform went live in December, so the year was assessed on the 述职 and
 * the 民主评议 the 党委 scored, and on the 组织生活会 and 民主评议党员 each branch held in December (on record).
 */
const lastItems: AssessmentItem[] = [
  { key: 'review', name: '组织生活会和民主评议党员', kind: 'measure', measure: { source: 'orglife', aggregate: 'count', filters: { kinds: ['organisational_life_meeting'] }, scope: 'subtree' }, target: 1, weight: 20, unit: '次', scoring: 'threshold', description: '年底召开组织生活会、开展民主评议党员' },
  { key: 'report', name: '书记述职', kind: 'manual', target: null, weight: 30, unit: '', scoring: 'proportional', description: '党委根据支部书记述职评分' },
  { key: 'leadership', name: '班子建设与作用发挥', kind: 'manual', target: null, weight: 25, unit: '', scoring: 'proportional', description: '党委根据述职和日常了解评分' },
  { key: 'evaluation', name: '民主评议', kind: 'manual', target: null, weight: 25, unit: '', scoring: 'proportional', description: '党员群众测评折算' },
];

/** The 党委's scores of a branch's manual items: a branch's standing (most do well, a few less so) give or take a little per item, to half points. */
function manualScores(rnd: () => number): Record<string, number> {
  const standing = 0.62 + 0.36 * rnd();
  const score = (weight: number) => Math.round(Math.min(1, Math.max(0, standing + 0.08 * (rnd() - 0.5))) * weight * 2) / 2;
  return Object.fromEntries(lastItems.filter((i) => i.kind === 'manual').map((i) => [i.key, score(i.weight)]));
}

const SELF = [
  '本年度支部坚持“三会一课”制度，按计划开展主题党日，结合科室业务开展志愿服务和健康科普；发展党员工作按程序推进。不足之处是党员教育形式还不够丰富，下一步将加强与业务的融合。',
  '支部围绕医院中心工作，组织党员在急难险重任务中亮身份、作表率，支部书记带头讲党课。存在组织生活记录不够规范的问题，已制定整改措施。',
  '全年组织生活按时开展，党员参与率较高；党建项目稳步推进，获得院级表彰。今后将进一步发挥党员先锋模范作用。',
];

export async function loadAssessmentDemo(trx: Transaction<DB>, data: DemoData): Promise<void> {
  const hospital = await demoHospitalOrgs(trx, data);
  if (!hospital) return;
  const { tenantId, orgs, root } = hospital;
  const year = Number(data.today.slice(0, 4));
  const branches = orgs.filter((o) => ['branch', 'joint_branch', 'temporary_branch'].includes(o.type));
  // Only what figuresOf reads of a caller: the unit and today.
  const ctx = { tenantId, today: data.today } as unknown as Ctx;
  const framework = (await listFrameworks(trx, tenantId)).find((f) => f.templateKey === 'four_emergencies');
  const adoption = framework ? (await adoptionsOf(trx, tenantId, [framework.id])).find((a) => a.year === year) : undefined;

  // Last year: graded for every branch.
  const rnd = mulberry32(20251225);
  const lastId = await insertScheme(trx, tenantId, { orgId: root.id, year: year - 1, title: `${year - 1}年度党支部书记抓党建述职评议考核`, items: lastItems });
  await markPublished(trx, tenantId, lastId, 1, `${year}-01-05`);
  const last = (await findScheme(trx, tenantId, lastId))!;
  for (const [i, b] of branches.entries()) {
    const figures: Figure[] = await figuresOf(ctx, trx, last, { id: b.id, path: b.path });
    const scores = manualScores(rnd);
    const total = totalScore([...figures.filter((f) => f.score !== null).map((f) => f.score), ...Object.values(scores)]);
    const suggested = suggestedGrade(total);
    const raised = i === 1 && suggested !== '好';
    const grade = raised ? (suggested === '较好' ? '好' : suggested === '一般' ? '较好' : '一般') : suggested;
    const id = await insertSheet(trx, tenantId, { schemeId: lastId, orgId: b.id, figures });
    await updateSheet(trx, tenantId, id, 1, {
      status: 'graded',
      selfAssessment: SELF[i % SELF.length]!,
      scores,
      total,
      grade,
      gradeReason: raised ? '该支部在疫情防控和急危重症救治任务中表现突出，党委研究决定提高一个等次' : '',
      submittedAt: `${year}-01-15T02:00:00Z`,
      gradedAt: `${year}-01-25T02:00:00Z`,
      gradedByName: '组织部',
    });
  }

  // This year: published, some branches have submitted, one was returned; 急诊 still to write.
  const thisId = await insertScheme(trx, tenantId, { orgId: root.id, year, title: `${year}年度党支部书记抓党建述职评议考核`, items: items(adoption ? Number(adoption.id) : null) });
  await markPublished(trx, tenantId, thisId, 1, `${year}-11-01`);
  const current = (await findScheme(trx, tenantId, thisId))!;
  for (const [i, b] of branches.entries()) {
    const figures = await figuresOf(ctx, trx, current, { id: b.id, path: b.path });
    const id = await insertSheet(trx, tenantId, { schemeId: thisId, orgId: b.id, figures });
    if (b.name.startsWith('急诊')) continue;
    if (i % 3 === 1) await updateSheet(trx, tenantId, id, 1, { status: 'submitted', selfAssessment: SELF[i % SELF.length]!, submittedAt: `${year}-11-10T02:00:00Z` });
    else if (i % 5 === 2) await updateSheet(trx, tenantId, id, 1, { status: 'returned', selfAssessment: SELF[i % SELF.length]!, returnReason: '自评过于简略，请补充具体事例和数据', submittedAt: `${year}-11-08T02:00:00Z` });
  }
}
