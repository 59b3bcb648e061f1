/**
 * Brands (党建品牌) of the demo hospital, from the seeds:
 * - "四急四聚焦" of the 急诊科全科医学科党支部 (seed 001): the four focuses as elements, its working
 *   rules, and the figures its article cites — "急救知识进万家" issues (累计), volunteer hours,
 *   trainees, people served — counted from the branch's service events;
 * - "热血先锋" of the same 急诊 branch (seed 004: the ER branch's brand, "满腔热血 … 冲锋在救死扶伤的第一线");
 * - "12345" of the 神经内科党支部 (seed 003): 一个中心, 两个角色, 三个素质, 四个能力, 五项基本功, and
 *   its 12 party-building/business integration rules run as a closed loop (the article names the
 *   12 rules without listing them: these are written from what it says each area covers).
 * Some rules reviewed recently, some overdue, some never; evidence linked to the branch's records
 * (its series issues, theme party days, honours, the model-branch programme).
 *
 * Deterministic: dates relative to `today`, members in id order.
 */
import { type BrandEvidenceKind, type BrandMeasureInput, addMonths, brandMeasureSchema } from '@hongyi/core';
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { insertBrand, insertElement, insertEvidence, insertFigure, insertRule, recordRefs, seriesUnder, updateRule } from '../modules/brands/repository.js';
import { membersUnder, orgsOfTenant } from '../modules/service/repository.js';
import { demoHospitalId } from './hospital.js';
import { type DemoData, ER_BRANCH, NEUROLOGY_BRANCH } from './generate.js';

interface RuleSpec {
  title: string;
  description?: string;
  owner: string | number;
  every?: number;
  /** Months before today of the last review; none: never reviewed. */
  reviewedMonthsAgo?: number;
  note?: string;
  evidence?: Array<{ kind: BrandEvidenceKind; nth?: number; q?: string }>;
}

interface BrandSpec {
  orgId: number;
  orgPath: string;
  name: string;
  slogan: string;
  summary: string;
  startedOn: string;
  elements: Array<{ title: string; description: string; owner: string | number }>;
  rules: RuleSpec[];
  /** When the rules were set up (a rule never reviewed falls due a review interval later). */
  rulesSince: string;
  figures: Array<{ label: string; unit: string; measure: BrandMeasureInput }>;
}

export async function loadBrandsDemo(trx: Transaction<DB>, data: DemoData): Promise<void> {
  const tenantId = await demoHospitalId(trx, data);
  if (tenantId === undefined) return;
  const today = data.today;
  const orgs = await orgsOfTenant(trx, tenantId);
  const er = orgs.find((o) => o.name === ER_BRANCH);
  const neuro = orgs.find((o) => o.name === NEUROLOGY_BRANCH);
  if (!er || !neuro) return;
  const series = (await seriesUnder(trx, tenantId, er.path)).find((s) => s.name === '急救知识进万家');
  const erPeople = await membersUnder(trx, tenantId, er.path);
  const neuroPeople = await membersUnder(trx, tenantId, neuro.path);

  const fourFocuses: BrandSpec = {
    orgId: er.id,
    orgPath: er.path,
    name: '四急四聚焦',
    slogan: '急中生智 急流勇进 急蹄稳步 急人所急',
    summary: '秉持“立足育人抓党建、抓好党建促发展”的理念，对照“七个有力”标准，把支部建设与医疗救援、教学科研、对口帮扶、健康扶贫、疫情防控揉在一起抓，建成“党员之家、教师之家、传播急救知识之家”。',
    startedOn: '2019-09-01',
    elements: [
      { title: '急中生智 · 聚焦打造学习型党支部', description: '严格落实“三会一课”、党员固定活动日；按急诊门诊、重症监护室、输液室、全科病房分设四个党小组；“碎片时间学党史”系列学习。', owner: 0 },
      { title: '急流勇进 · 聚焦打造服务型党支部', description: '“学雷锋+急救”“翼动天使”专项优质服务；党员亮身份、勇争先、树形象。', owner: 1 },
      { title: '急蹄稳步 · 聚焦立德树人', description: '师生党支部结对共建，组织生活联过、党课联学；组织学生志愿服务、健康帮扶。', owner: 2 },
      { title: '急人所急 · 聚焦急救科普', description: '“急救知识进万家、健康护航你我他”，“五进”：学校、社区、基层、工地、企事业单位。', owner: 3 },
    ],
    rulesSince: addMonths(today, -20),
    rules: [
      { title: '“三会一课”与党员固定活动日制度', owner: '支部委员会', reviewedMonthsAgo: 2, note: '按季度检查，党小组会按月召开', evidence: [{ kind: 'orglife_record' }, { kind: 'orglife_record', nth: 1 }] },
      { title: '四个党小组按岗位分队学习制度', owner: 0, reviewedMonthsAgo: 14, note: '党小组划分随科室调整' },
      { title: '“急救知识进万家”“五进”科普常态化', description: '每月不少于三期，进学校、社区、基层、工地、企事业单位', owner: 3, every: 6, reviewedMonthsAgo: 3, note: '本年已覆盖“五进”全部场所', evidence: [{ kind: 'service_event', q: '急救知识进万家' }, { kind: 'honour', q: '学雷锋' }] },
      { title: '师生党支部结对共建制度', owner: 2, reviewedMonthsAgo: 11, evidence: [{ kind: 'programme' }] },
      { title: '“七个有力”对标检查与样板支部建设', owner: '支部书记', every: 12, evidence: [{ kind: 'honour', q: '样板支部' }] },
    ],
    figures: [
      ...(series ? [{ label: '“急救知识进万家”累计期数', unit: '期', measure: { source: 'service', measure: 'series_issues', seriesId: series.id, period: 'to_date' } as BrandMeasureInput }] : []),
      ...(series ? [{ label: '本年期数', unit: '期', measure: { source: 'service', measure: 'series_issues', seriesId: series.id } as BrandMeasureInput }] : []),
      { label: '志愿服务时长', unit: '小时', measure: { source: 'service', measure: 'hours' } },
      { label: '培训人数', unit: '人', measure: { source: 'service', measure: 'trainees' } },
      { label: '服务群众', unit: '人次', measure: { source: 'service', measure: 'beneficiaries' } },
    ],
  };

  const redBlood: BrandSpec = {
    orgId: er.id,
    orgPath: er.path,
    name: '热血先锋',
    slogan: '满腔热血治病救人，冲锋在救死扶伤第一线',
    summary: '急诊科的医护人员每天面对抢救场面，医护党员怀着满腔热血去治病救人，冲锋在救死扶伤的第一线。以全国公立医院临床科室标杆党支部为目标，引领学科发展。',
    startedOn: '2021-07-01',
    elements: [
      { title: '热血：党员示范岗', description: '抢救室、急诊门诊设党员示范岗，危重抢救党员先上。', owner: 4 },
      { title: '先锋：突击队', description: '突发公共事件、批量伤员救治组建党员突击队。', owner: '急诊科党支部委员会' },
    ],
    rulesSince: addMonths(today, -8),
    rules: [
      { title: '党员示范岗亮身份、公开承诺制度', owner: 4, reviewedMonthsAgo: 1, note: '示范岗 6 个，承诺已公示' },
      { title: '批量伤员救治党员突击队制度', owner: '支部书记' },
    ],
    figures: [
      { label: '义诊与志愿服务', unit: '次', measure: { source: 'service', measure: 'events', kinds: ['义诊', '志愿服务'] } },
      { label: '参与人次', unit: '人次', measure: { source: 'service', measure: 'participations' } },
    ],
  };

  const twelve = (title: string, owner: string | number, extra: Partial<RuleSpec> = {}): RuleSpec => ({ title, owner, ...extra });
  const n12345: BrandSpec = {
    orgId: neuro.id,
    orgPath: neuro.path,
    name: '12345',
    slogan: '围绕一个中心 发挥两个作用 提升三大素质 增强四大能力 掌握五项基本功',
    summary: '以患者为中心，把党建贯穿医疗、教学、科研；建立 12 项党建与业务融合制度，从党建、医疗、教学、科研等各方面、全过程闭环管理，实现党建与业务有机衔接、共同提升。',
    startedOn: '2020-07-01',
    elements: [
      { title: '一个中心', description: '始终坚持以患者为中心：学习有重点、活动有特色、落实有目标。', owner: 0 },
      { title: '两个角色', description: '党支部的战斗堡垒作用，党员的先锋模范作用：党员示范岗、党员志愿服务。', owner: '支部委员会' },
      { title: '三个素质', description: '政治素质、道德素质、业务素质。', owner: 1 },
      { title: '四个能力', description: '学习能力、创新能力、专业能力、协作能力。', owner: 2 },
      { title: '五项基本功', description: '组织群众、宣传群众、凝聚群众、服务群众、温暖群众。', owner: 3 },
    ],
    rulesSince: addMonths(today, -15),
    rules: [
      twelve('党建与业务同部署、同检查、同考核', '支部书记', { reviewedMonthsAgo: 2, note: '年度目标责任书已同步签订', evidence: [{ kind: 'orglife_record' }] }),
      twelve('支部书记与科主任“双带头人”会商', 0, { every: 6, reviewedMonthsAgo: 4 }),
      twelve('科室重大事项支部委员会前置讨论', '支部委员会', { reviewedMonthsAgo: 5 }),
      twelve('“第一议题”政治理论与专业前沿学习', 1, { every: 6, reviewedMonthsAgo: 1, note: '每月第一次党小组会学习', evidence: [{ kind: 'orglife_record', nth: 1 }] }),
      twelve('党员示范岗与医疗质量责任', 2, { reviewedMonthsAgo: 13, note: '关键技术开展率、病种覆盖率均 100%' }),
      twelve('党员志愿服务与义诊健康宣教', 3, { every: 6, reviewedMonthsAgo: 2, evidence: [{ kind: 'service_event' }, { kind: 'service_event', nth: 1 }] }),
      twelve('医德医风与廉洁行医教育', '支部纪检委员'),
      twelve('党员带教与青年医师培养（教学）', 4, { reviewedMonthsAgo: 9 }),
      twelve('党员科研攻关与创新激励（科研）', 5, { reviewedMonthsAgo: 10 }),
      twelve('卒中患者远程管理与康复随访', 6, { reviewedMonthsAgo: 16 }),
      twelve('新媒体健康科普（公众号“党建知识”“健康知识”、抖音、喜马拉雅）', 7, { every: 6, reviewedMonthsAgo: 3 }),
      twelve('先进事迹报告与“和平精神”传承教育', '支部宣传委员', { evidence: [{ kind: 'honour' }] }),
    ],
    figures: [
      { label: '志愿服务时长', unit: '小时', measure: { source: 'service', measure: 'hours' } },
      { label: '服务群众', unit: '人次', measure: { source: 'service', measure: 'beneficiaries' } },
      { label: '义诊与健康宣教', unit: '次', measure: { source: 'service', measure: 'events', kinds: ['义诊', '健康宣教'] } },
      { label: '获得荣誉', unit: '项', measure: { source: 'honours' } },
    ],
  };

  for (const [spec, people] of [
    [fourFocuses, erPeople],
    [redBlood, erPeople],
    [n12345, neuroPeople],
  ] as const) {
    const owner = (o: string | number) => {
      const m = typeof o === 'number' ? people[o] : undefined;
      return m ? { owner_member_id: m.id, owner_name: m.name } : { owner_member_id: null, owner_name: typeof o === 'string' ? o : '' };
    };
    const brandId = await insertBrand(trx, tenantId, { org_id: spec.orgId, name: spec.name, slogan: spec.slogan, summary: spec.summary, started_on: spec.startedOn });
    for (const [i, e] of spec.elements.entries()) await insertElement(trx, tenantId, brandId, { title: e.title, description: e.description, ...owner(e.owner), position: i + 1 });
    for (const [i, r] of spec.rules.entries()) {
      const ruleId = await insertRule(trx, tenantId, brandId, { title: r.title, description: r.description ?? '', ...owner(r.owner), review_every_months: r.every ?? 12, position: i + 1 }, spec.rulesSince);
      if (r.reviewedMonthsAgo !== undefined) {
        await updateRule(trx, tenantId, ruleId, 1, { last_reviewed_on: addMonths(today, -r.reviewedMonthsAgo), last_reviewed_by: '组织部', review_note: r.note ?? '' });
      }
      for (const ev of r.evidence ?? []) {
        const refs = await recordRefs(trx, tenantId, ev.kind, { orgPath: spec.orgPath, ...(ev.q ? { q: ev.q } : {}), limit: 5 });
        const ref = refs[ev.nth ?? 0];
        if (ref) await insertEvidence(trx, tenantId, ruleId, ev.kind, ref.id, '组织部');
      }
    }
    for (const [i, f] of spec.figures.entries()) await insertFigure(trx, tenantId, brandId, { label: f.label, unit: f.unit, measure: JSON.stringify(brandMeasureSchema.parse(f.measure)), position: i + 1 });
  }
}
