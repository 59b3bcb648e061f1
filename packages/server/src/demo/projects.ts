/**
 * The demo hospital's front-line action projects of the demo year (seed 002 "五个在一线": 聚力攻坚
 * 在一线, 21 projects in 2024): about twenty projects of branches on the three campuses and of the
 * 援疆 temporary branch — 胸痛中心, 卒中绿色通道, 青年医师科研攻关, 基层帮扶 … — each with a goal,
 * tasks owned by the branch's members (党员设岗定责), outcome indicators, and a stage: some accepted
 * with their conclusion, most running (a few tasks overdue), two new proposals and one not approved.
 *
 * Deterministic: a seeded generator and `today`, no clock. Inserted through the projects
 * repository, as the module stores them (no caller, so no audit rows, like the rest of the demo).
 */
import { type ProjectConclusion, addDays, compareDates } from '@hongyi/core';
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { insertProject, insertTask, memberOfAccount, replaceOutcomes, updateProject } from '../modules/projects/repository.js';
import { membersUnder, orgsOfTenant } from '../modules/service/repository.js';
import { demoHospitalId } from './hospital.js';
import { type DemoData, ER_BRANCH, NEUROLOGY_BRANCH, TEMPORARY_BRANCH, mulberry32 } from './generate.js';

type Profile = 'accepted' | 'midterm' | 'approved' | 'proposed' | 'rejected';

interface DemoProject {
  branch: string;
  title: string;
  area: string;
  goal: string;
  tasks: readonly string[];
  outcomes: ReadonlyArray<[indicator: string, unit: string, target: number, actual: number]>;
  profile: Profile;
  conclusion?: ProjectConclusion;
}

const PROJECTS: readonly DemoProject[] = [
  {
    branch: ER_BRANCH,
    title: '胸痛中心救治时间缩短',
    area: '医疗服务',
    goal: '打通院前—急诊—导管室一体化流程，急性 ST 段抬高型心肌梗死患者门-球时间（D2B）中位数缩短至 75 分钟以内。',
    tasks: ['梳理胸痛患者院内救治流程并绘制流程图', '与 120 调度中心建立心电图远程传输', '开展胸痛早识别全员培训', '每月召开胸痛中心质控分析会', '形成胸痛救治时间节点质控报告'],
    outcomes: [
      ['D2B 时间中位数', '分钟', 75, 78],
      ['远程心电图传输率', '%', 80, 86],
    ],
    profile: 'midterm',
  },
  {
    branch: ER_BRANCH,
    title: '“急救知识进万家”科普品牌建设',
    area: '医疗服务',
    goal: '以党员先锋岗带动急救科普“五进”，全年开展急救科普 40 期以上，培训群众 3000 人次。',
    tasks: ['制定全年科普计划与课程清单', '组建党员急救科普讲师团', '录制心肺复苏科普短视频', '年终科普成效总结'],
    outcomes: [
      ['科普期数', '期', 40, 42],
      ['培训群众', '人次', 3000, 3560],
    ],
    profile: 'accepted',
    conclusion: '优秀',
  },
  {
    branch: NEUROLOGY_BRANCH,
    title: '卒中绿色通道优化',
    area: '医疗服务',
    goal: '优化急性缺血性卒中静脉溶栓流程，入院至溶栓时间（DNT）中位数控制在 45 分钟以内。',
    tasks: ['建立卒中预警与一键启动机制', '急诊 CT 优先检查流程改造', '溶栓药物床旁前置', '每季度卒中病例复盘'],
    outcomes: [
      ['DNT 中位数', '分钟', 45, 38],
      ['静脉溶栓例数', '例', 120, 146],
    ],
    profile: 'accepted',
    conclusion: '优秀',
  },
  {
    branch: NEUROLOGY_BRANCH,
    title: '青年医师科研攻关',
    area: '科研攻关',
    goal: '党员导师“一对一”带教青年医师，围绕脑血管病开展临床研究，申报省部级以上课题。',
    tasks: ['确定党员导师与青年医师结对名单', '组织科研设计专题培训', '完成课题申报书撰写', '投稿 SCI 或中文核心论文'],
    outcomes: [
      ['申报省部级课题', '项', 3, 2],
      ['发表论文', '篇', 5, 3],
    ],
    profile: 'midterm',
  },
  {
    branch: '心血管内科党支部',
    title: '心衰患者全程随访管理',
    area: '医疗服务',
    goal: '建立出院心衰患者随访档案，30 天再入院率下降 20%。',
    tasks: ['建立心衰患者随访数据库', '党员医师分片包干随访', '开设心衰护理门诊'],
    outcomes: [['30 天再入院率下降', '%', 20, 0]],
    profile: 'approved',
  },
  {
    branch: '呼吸与危重症医学科党支部',
    title: '慢阻肺基层规范化诊疗帮扶',
    area: '基层帮扶',
    goal: '对口帮扶 3 家乡镇卫生院建立肺功能检查室，培训基层医生 60 人次。',
    tasks: ['调研帮扶卫生院设备与人员现状', '协助建立肺功能检查室', '开展基层医生规范化培训', '远程会诊常态化'],
    outcomes: [
      ['建成肺功能检查室', '个', 3, 3],
      ['培训基层医生', '人次', 60, 72],
    ],
    profile: 'accepted',
    conclusion: '合格',
  },
  {
    branch: '消化内科党支部',
    title: '早癌筛查能力提升',
    area: '学科建设',
    goal: '推广消化道早癌内镜筛查，早癌检出率提升至 10% 以上。',
    tasks: ['开展色素内镜与放大内镜培训', '建立早癌病例讨论制度', '组织社区早癌筛查义诊'],
    outcomes: [['早癌检出率', '%', 10, 8.6]],
    profile: 'midterm',
  },
  {
    branch: '肾内科内分泌科党支部',
    title: '糖尿病足多学科联合诊治',
    area: '学科建设',
    goal: '联合血管外科、骨科组建糖尿病足 MDT，截肢率下降。',
    tasks: ['组建糖尿病足 MDT 团队', '制定多学科会诊流程', '开展糖尿病足筛查进社区'],
    outcomes: [['MDT 会诊例数', '例', 80, 64]],
    profile: 'midterm',
  },
  {
    branch: '儿科党支部',
    title: '儿童哮喘规范化管理',
    area: '医疗服务',
    goal: '建立儿童哮喘专病门诊与随访体系，规范用药率达到 90%。',
    tasks: ['开设儿童哮喘专病门诊', '编写家长哮喘管理手册', '开展家长课堂'],
    outcomes: [['规范用药率', '%', 90, 0]],
    profile: 'approved',
  },
  {
    branch: '老年医学科党支部',
    title: '老年患者跌倒预防',
    area: '患者安全',
    goal: '实施老年住院患者跌倒风险评估全覆盖，跌倒发生率下降 30%。',
    tasks: ['引入跌倒风险评估量表', '病区环境适老化改造', '护理人员防跌倒培训', '跌倒不良事件月度分析'],
    outcomes: [
      ['风险评估覆盖率', '%', 100, 100],
      ['跌倒发生率下降', '%', 30, 34],
    ],
    profile: 'accepted',
    conclusion: '优秀',
  },
  {
    branch: '感染性疾病科党支部',
    title: '院感防控能力提升',
    area: '患者安全',
    goal: '党员带头落实手卫生与多重耐药菌防控，手卫生依从率达到 95%。',
    tasks: ['手卫生依从性暗访督查', '多重耐药菌防控专题培训', '发热门诊流程再优化'],
    outcomes: [['手卫生依从率', '%', 95, 93]],
    profile: 'midterm',
  },
  {
    branch: '肿瘤科党支部',
    title: '肿瘤患者全程疼痛管理',
    area: '医疗服务',
    goal: '建立癌痛规范化治疗病房，疼痛评估率 100%，患者满意度提升。',
    tasks: ['癌痛规范化治疗病房创建', '疼痛评估质控', '出院患者镇痛随访'],
    outcomes: [['疼痛评估率', '%', 100, 98]],
    profile: 'midterm',
  },
  {
    branch: '康复医学科中医科党支部',
    title: '中西医结合康复进社区',
    area: '基层帮扶',
    goal: '在 5 个社区设立中西医结合康复指导点，服务群众 2000 人次。',
    tasks: ['遴选社区康复指导点', '党员专家轮值坐诊', '制作康复操宣教视频'],
    outcomes: [
      ['社区指导点', '个', 5, 5],
      ['服务群众', '人次', 2000, 2380],
    ],
    profile: 'accepted',
    conclusion: '合格',
  },
  {
    branch: '内科学教研室党支部',
    title: '临床教学质量提升',
    area: '人才培养',
    goal: '推进“三位一体”教研室党支部建设，住培结业考核通过率达到 98%。',
    tasks: ['教学查房规范化督导', '住培学员阶段考核', '青年教师讲课比赛'],
    outcomes: [['结业考核通过率', '%', 98, 0]],
    profile: 'approved',
  },
  {
    branch: '皮肤科口腔科党支部',
    title: '口腔健康进校园',
    area: '医疗服务',
    goal: '为 10 所中小学开展口腔检查与窝沟封闭。',
    tasks: ['联系学校并排期', '组织口腔检查与窝沟封闭'],
    outcomes: [['覆盖学校', '所', 10, 0]],
    profile: 'proposed',
  },
  {
    branch: '血液科党支部',
    title: '血液病患者院外随访信息化',
    area: '管理服务',
    goal: '上线随访小程序，出院患者随访率达到 90%。',
    tasks: ['需求调研', '小程序开发与上线'],
    outcomes: [['随访率', '%', 90, 0]],
    profile: 'rejected',
  },
  {
    branch: '普通外科第一党支部',
    title: '加速康复外科（ERAS）推广',
    area: '学科建设',
    goal: '在结直肠手术中全面推行 ERAS 路径，平均住院日缩短 2 天。',
    tasks: ['制定 ERAS 临床路径', '麻醉、护理、营养多学科协作', '路径执行率月度监测'],
    outcomes: [['平均住院日缩短', '天', 2, 1.5]],
    profile: 'midterm',
  },
  {
    branch: TEMPORARY_BRANCH,
    title: '援疆医疗队“传帮带”基层帮扶',
    area: '基层帮扶',
    goal: '在受援医院建立急诊、重症专科，带教当地医生 20 名，开展新技术 10 项。',
    tasks: ['制定“师带徒”带教名单', '开展新技术新项目', '组织巡回义诊', '撰写援疆工作总结'],
    outcomes: [
      ['带教当地医生', '名', 20, 17],
      ['新技术新项目', '项', 10, 8],
    ],
    profile: 'midterm',
  },
  {
    branch: '消化内科党支部',
    title: '消化内镜中心预约流程优化',
    area: '管理服务',
    goal: '内镜检查平均等候时间由 7 天缩短至 3 天。',
    tasks: ['分析预约等候数据', '实行分时段预约', '增开周末内镜门诊'],
    outcomes: [['平均等候时间', '天', 3, 0]],
    profile: 'proposed',
  },
  {
    branch: '心血管内科党支部',
    title: '心血管介入青年骨干培养',
    area: '人才培养',
    goal: '培养能独立完成冠脉介入手术的青年骨干 4 名。',
    tasks: ['制定青年骨干培养计划', '介入手术分级授权考核', '外派进修'],
    outcomes: [['独立术者', '名', 4, 4]],
    profile: 'accepted',
    conclusion: '合格',
  },
];

export async function loadProjectsDemo(trx: Transaction<DB>, data: DemoData): Promise<void> {
  const tenantId = await demoHospitalId(trx, data);
  if (tenantId === undefined) return;
  const rnd = mulberry32(20261203 + 2020);
  const int = (min: number, max: number) => min + Math.floor(rnd() * (max - min + 1));
  const today = data.today;
  const year = Number(today.slice(0, 4));
  const orgs = await orgsOfTenant(trx, tenantId);
  const root = orgs[0];
  const everyone = root ? await membersUnder(trx, tenantId, root.path) : [];
  const memberLogin = await memberOfAccount(trx, tenantId, 'member');

  for (const [n, spec] of PROJECTS.entries()) {
    const org = orgs.find((o) => o.name === spec.branch);
    if (!org) continue;
    const own = spec.branch === TEMPORARY_BRANCH ? everyone.slice(int(0, Math.max(0, everyone.length - 12))).slice(0, 12) : await membersUnder(trx, tenantId, org.path);
    if (own.length === 0) continue;
    const person = () => own[int(0, own.length - 1)]!;
    const closed = spec.profile === 'accepted';
    const startedOn = `${year}-0${int(1, 3)}-${String(int(1, 20)).padStart(2, '0')}`;
    const endsOn = closed ? addDays(today, -int(10, 40)) : `${year}-12-31`;
    const proposedLate = spec.profile === 'proposed' || spec.profile === 'rejected';
    const start = proposedLate ? addDays(today, -int(5, 25)) : startedOn;
    const end = proposedLate ? `${year + 1}-06-30` : endsOn;
    const lead = person();
    const id = await insertProject(
      trx,
      tenantId,
      { org_id: org.id, title: spec.title, area: spec.area, goal: spec.goal, started_on: start, ends_on: end, lead_member_id: lead.id },
      null,
    );

    // Tasks spread over the project's dates; those due before today mostly done (a few late), some left open.
    const span = Math.max(30, daysBetween(start, end));
    for (const [k, title] of spec.tasks.entries()) {
      const dueOn = addDays(start, Math.round((span * (k + 1)) / (spec.tasks.length + 0.3)));
      // The demo's member login owns a task of the ER branch's chest-pain project (a member sees their own).
      const owner = spec.branch === ER_BRANCH && k === 2 && memberLogin !== null && n === 0 ? { id: memberLogin } : k === 0 ? lead : person();
      const past = compareDates(dueOn, today) < 0;
      const running = spec.profile === 'midterm' || spec.profile === 'approved';
      const done = closed || (past && running && rnd() < 0.75);
      const doneOn = done ? maxDate(minDate(addDays(dueOn, rnd() < 0.2 ? int(1, 12) : -int(0, 15)), today), start) : null;
      await insertTask(trx, tenantId, id, { title, owner_member_id: owner.id, due_on: dueOn, status: done ? 'done' : 'open', done_on: doneOn, result: done ? resultOf(title) : '' });
    }
    const running = spec.profile !== 'proposed' && spec.profile !== 'rejected';
    await replaceOutcomes(
      trx,
      tenantId,
      id,
      spec.outcomes.map(([indicator, unit, target, actual]) => ({ indicator, unit, target, actual: running && (closed || spec.profile === 'midterm') ? actual : null, better: /时间|DNT|D2B/.test(indicator) ? ('lower' as const) : ('higher' as const) })),
    );

    // The 党委's steps.
    let version = 1;
    const step = async (values: Parameters<typeof updateProject>[4]) => {
      await updateProject(trx, tenantId, id, version, values);
      version += 1;
    };
    if (spec.profile === 'rejected') {
      await step({ stage: 'rejected', closed_on: addDays(start, 4), closed_note: '目标与院级信息化项目重复，建议并入医院统一建设' });
      continue;
    }
    if (spec.profile === 'proposed') continue;
    const approvedOn = addDays(start, int(3, 12));
    await step({ stage: 'approved', approved_on: approvedOn, approval_note: '经党委会研究，同意立项' });
    if (spec.profile === 'approved') continue;
    const midtermOn = minDate(`${year}-0${int(6, 7)}-${String(int(5, 28)).padStart(2, '0')}`, addDays(endsOn, -5));
    await step({ stage: 'midterm', midterm_on: midtermOn, midterm_note: rnd() < 0.5 ? '进度符合计划，继续推进' : '部分任务滞后，请支部加强督办' });
    if (spec.profile === 'midterm') continue;
    const acceptedOn = minDate(addDays(endsOn, int(5, 15)), addDays(today, -1));
    await step({ stage: 'accepted', accepted_on: acceptedOn, conclusion: spec.conclusion ?? '合格', acceptance_note: spec.conclusion === '优秀' ? '目标全面完成，成效显著，形成可推广经验' : '主要目标基本完成' });
  }
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function minDate(a: string, b: string): string {
  return compareDates(a, b) <= 0 ? a : b;
}

function maxDate(a: string, b: string): string {
  return compareDates(a, b) >= 0 ? a : b;
}

function resultOf(title: string): string {
  if (title.includes('培训') || title.includes('课堂')) return '已完成，覆盖全体医护人员，考核合格';
  if (title.includes('流程') || title.includes('路径')) return '已印发执行，纳入科室制度汇编';
  if (title.includes('总结') || title.includes('报告')) return '已形成书面材料报党委';
  return '已按计划完成';
}
