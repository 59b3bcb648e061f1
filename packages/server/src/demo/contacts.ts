/**
 * Contact points (联系点) and co-building agreements (结对共建) of the demo hospitals (seed 002
 * "资源配置在一线": 领导干部联系点; seed 001: 师生党支部结对共建, 社区义诊; seed 002: co-building with
 * outside branches):
 * - each hospital leader with an account (the demo's 院长, `leader`) is the contact point of three
 *   branches (急诊科全科医学科党支部, 心血管内科党支部, 内科学教研室党支部) since the start of the
 *   year and visits them about twice a quarter; each visit leaves follow-ups (整改事项), owned by the
 *   branch's secretary where the branch has an account for one (急诊: `secretary`), else by the
 *   organisation office (`org`): most done, some open, a few overdue — two of them within the
 *   digest's window, so yesterday's reminder run already gave the ER secretary a digest of their own;
 * - eight agreements: internal pairings (急诊 with 心内 for the chest-pain centre, renewed once;
 *   神经外科 with 康复), a 师生结对 of the 内科学教研室 with the 2023 graduate students' branch,
 *   outside partners (a community, a primary school, a home for the elderly, the county hospital
 *   as 医联体) and one ended; each with joint activities, some linked to a service event or an
 *   organisational-life record of one side. The county hospital pairs its clinical branch with a
 *   township health centre.
 *
 * Deterministic: dates counted back from the demo's today (2026-11-23 by default), orgs by name.
 */
import { addDays } from '@hongyi/core';
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { type ActivityValues, insertActivity, insertAgreement, insertRenewal, linkCandidates } from '../modules/contacts/repository-agreements.js';
import { accountsWithRoles, insertFollowUps, insertPoint, insertVisit, setFollowUpDone } from '../modules/contacts/repository.js';
import { orgsOfTenant, tenantIdByCode } from '../modules/service/repository.js';
import { type DemoData, ER_BRANCH } from './generate.js';

type Org = { id: number; name: string; path: string };

interface FollowUpSpec {
  text: string;
  /** Days after the visit it is due. */
  dueIn: number;
  /** Days after the visit it was done, with what was done; none: still open. */
  done?: [number, string];
}

interface VisitSpec {
  branch: string;
  /** Days before today. */
  ago: number;
  purpose: string;
  participants: string;
  notes: string;
  followUps: FollowUpSpec[];
}

const CARDIOLOGY = '心血管内科党支部';
const TEACHING = '内科学教研室党支部';

const VISITS: VisitSpec[] = [
  {
    branch: ER_BRANCH,
    ago: 270,
    purpose: '调研指导',
    participants: '支部委员会成员、急诊科主任、护士长',
    notes: '听取支部年度工作计划和“四急四聚焦”品牌建设思路；实地查看抢救室、EICU 夜间值守情况；支部反映节假日急诊滞留患者多、床位周转压力大。',
    followUps: [
      { text: '牵头医务处研究节假日急诊滞留患者分流机制', dueIn: 45, done: [38, '已出台《急诊滞留患者分流管理办法（试行）》，节假日增开过渡病床 12 张'] },
      { text: '支部年度计划补充“急救知识进万家”系列活动安排', dueIn: 20, done: [15, '已补充全年 24 期系列活动计划并报党委备案'] },
    ],
  },
  {
    branch: CARDIOLOGY,
    ago: 249,
    purpose: '参加组织生活',
    participants: '支部全体党员',
    notes: '参加支部组织生活会，以普通党员身份参加讨论；围绕胸痛中心建设听取党员意见建议，强调把党建工作融入学科建设。',
    followUps: [
      { text: '胸痛中心绿色通道 D-to-B 时间数据按月在支部会上通报', dueIn: 30, done: [28, '自 4 月起每月支部委员会通报，3—10 月平均 D-to-B 时间 68 分钟'] },
    ],
  },
  {
    branch: TEACHING,
    ago: 214,
    purpose: '讲授党课',
    participants: '教研室党员教师、研究生党员代表',
    notes: '以“立德树人与医学人文”为题讲授专题党课；座谈了解“三位一体”运行情况，教师党员反映临床带教与教学任务冲突。',
    followUps: [
      { text: '协调教育处明确临床带教工作量认定办法', dueIn: 60, done: [71, '教育处已印发带教工作量认定细则，纳入绩效考核'] },
      { text: '教研室与研究生党支部建立结对共建机制', dueIn: 45, done: [40, '已签订师生结对共建协议'] },
    ],
  },
  {
    branch: ER_BRANCH,
    ago: 158,
    purpose: '走访党员群众',
    participants: '支部书记、院办主任',
    notes: '走访慰问夜班一线党员和困难职工 3 人；了解护理人员夜班频次和轮休情况，听取对后勤保障的意见。',
    followUps: [
      { text: '协调后勤保障处解决急诊夜班人员就餐问题', dueIn: 30, done: [21, '夜间送餐服务已开通，覆盖急诊、EICU'] },
      { text: '急诊预检分诊区候诊座椅和饮水设施补齐', dueIn: 74 },
    ],
  },
  {
    branch: CARDIOLOGY,
    ago: 116,
    purpose: '督导整改',
    participants: '支部委员会成员、医务处',
    notes: '督导上半年联系点整改事项落实情况；了解心内科门诊预约等候时间，听取患者代表意见。',
    followUps: [
      { text: '心内科专家门诊号源向线上预约倾斜，减少现场排队', dueIn: 40, done: [35, '线上号源占比提高到 70%，现场排队时间下降一半'] },
    ],
  },
  {
    branch: TEACHING,
    ago: 67,
    purpose: '调研指导',
    participants: '教研室主任、支部书记',
    notes: '调研教学评估迎评准备情况，强调支部在迎评工作中发挥战斗堡垒作用。',
    followUps: [
      { text: '迎评材料清单分解到支部委员，建立周报制度', dueIn: 45 },
    ],
  },
  {
    branch: ER_BRANCH,
    ago: 32,
    purpose: '督导整改',
    participants: '支部委员会成员、急诊科主任',
    notes: '回访二季度整改事项；检查支部“三会一课”记录和党员先锋岗设置情况；提出冬季呼吸道疾病高峰应急预案要求。',
    followUps: [
      { text: '完善冬季呼吸道疾病就诊高峰应急预案并组织演练', dueIn: 29 },
      { text: '党员先锋岗在急诊大厅和预检分诊区挂牌亮身份', dueIn: 37 },
      { text: '补齐支部“三会一课”会议记录中的签到材料', dueIn: 14, done: [12, '已补齐 7—9 月签到表并上传'] },
    ],
  },
  {
    branch: CARDIOLOGY,
    ago: 11,
    purpose: '调研指导',
    participants: '支部委员会成员',
    notes: '调研支部年度工作总结和明年计划，听取对医院党建工作的意见建议。',
    followUps: [
      { text: '梳理全年支部工作亮点，形成书记抓党建述职材料', dueIn: 30 },
    ],
  },
];

interface AgreementSpec {
  org: string;
  partner: { org: string } | { name: string };
  kind: string;
  /** Days before today it was signed, and the term in days. */
  signedAgo: number;
  termDays: number;
  content: string;
  renewal?: { ago: number; addDays: number; note: string };
  activities: Array<{ ago: number; title: string; place: string; participants: number; summary: string; link?: 'service' | 'orglife' }>;
}

const AGREEMENTS: AgreementSpec[] = [
  {
    org: ER_BRANCH,
    partner: { org: CARDIOLOGY },
    kind: '院内结对',
    signedAgo: 620,
    termDays: 364,
    content: '围绕胸痛中心建设开展联学联建：支部联合学习、急诊与心内科联合质控、联合开展义诊和急救科普，共建“胸痛救治党员先锋队”。',
    renewal: { ago: 258, addDays: 365, note: '胸痛中心通过国家级认证，续签一年，增加联合质控内容' },
    activities: [
      { ago: 300, title: '胸痛中心联合质控会暨党员先锋队授旗', place: '急诊楼三楼党员活动室', participants: 36, summary: '两支部党员共同复盘 12 例急性心梗救治流程，成立胸痛救治党员先锋队。' },
      { ago: 186, title: '“心”系群众联合义诊', place: '城南街道幸福里社区', participants: 18, summary: '两支部党员联合义诊，测血压、做心电图、讲解胸痛识别。', link: 'service' },
      { ago: 95, title: '联合主题党日：重温入党誓词', place: '内科楼党员之家', participants: 52, summary: '两支部联合开展主题党日，交流急诊与心内科协作经验。', link: 'orglife' },
      { ago: 24, title: '急性胸痛救治联合演练', place: '急诊抢救室', participants: 28, summary: '模拟急性心梗患者从院前到导管室全流程演练。' },
    ],
  },
  {
    org: TEACHING,
    partner: { org: '临床医学院2023级研究生党支部' },
    kind: '师生结对',
    signedAgo: 168,
    termDays: 730,
    content: '教师党支部与研究生党支部结对：书记讲党课、党员教师担任学业导师、师生共同参加志愿服务和临床技能培训。',
    activities: [
      { ago: 150, title: '“听书记讲党课”：医学生的初心与使命', place: '内科学教研室示教室', participants: 45, summary: '教研室党支部书记为研究生党员讲授专题党课。' },
      { ago: 88, title: '师生党员临床技能联学', place: '临床技能中心', participants: 30, summary: '党员教师带教心肺复苏、气管插管技能。' },
      { ago: 40, title: '党史知识竞赛', place: '学术报告厅', participants: 60, summary: '师生党员混合组队参加党史知识竞赛。' },
    ],
  },
  {
    org: CARDIOLOGY,
    partner: { name: '城南街道幸福里社区党委' },
    kind: '院外共建',
    signedAgo: 480,
    termDays: 1095,
    content: '医社共建：每月一次社区义诊和健康讲座，为社区高血压、冠心病患者建立随访档案，社区党员参与医院志愿服务。',
    activities: [
      { ago: 320, title: '高血压防治健康讲座', place: '幸福里社区党群服务中心', participants: 12, summary: '讲解高血压规范用药，现场答疑。' },
      { ago: 205, title: '冠心病患者随访建档', place: '幸福里社区卫生服务站', participants: 10, summary: '为 46 名社区冠心病患者建立随访档案。', link: 'service' },
      { ago: 60, title: '重阳节敬老义诊', place: '幸福里社区广场', participants: 15, summary: '为社区老人义诊、赠送药盒和健康手册。' },
    ],
  },
  {
    org: '儿科党支部',
    partner: { name: '示例市第一实验小学党支部' },
    kind: '院外共建',
    signedAgo: 400,
    termDays: 730,
    content: '医校共建：急救知识和儿童保健知识进校园，为教师开展急救培训，学校党员教师参与儿科志愿服务。',
    activities: [
      { ago: 250, title: '儿童意外伤害急救知识进校园', place: '第一实验小学报告厅', participants: 8, summary: '为 300 名学生讲解烫伤、异物卡喉的处置。' },
      { ago: 75, title: '教师心肺复苏培训', place: '第一实验小学', participants: 6, summary: '为 40 名教师开展心肺复苏和 AED 使用培训。' },
    ],
  },
  {
    org: '神经外科党支部',
    partner: { org: '康复医学科中医科党支部' },
    kind: '院内结对',
    signedAgo: 230,
    termDays: 365,
    content: '围绕脑卒中术后早期康复开展结对：联合查房、联合学习、共同制定术后康复路径。',
    activities: [
      { ago: 190, title: '卒中术后早期康复联合查房', place: '神经外科病区', participants: 20, summary: '两支部党员骨干联合查房，讨论 6 例术后康复方案。' },
      { ago: 52, title: '联合学习：公立医院高质量发展', place: '外科楼会议室', participants: 34, summary: '两支部联合开展理论学习，交流学科协作体会。' },
    ],
  },
  {
    org: '护理部党支部',
    partner: { name: '城北街道敬老院党支部' },
    kind: '院外共建',
    signedAgo: 350,
    termDays: 1095,
    content: '护理志愿服务进敬老院：定期健康巡诊、压疮护理指导、护理员培训。',
    activities: [
      { ago: 280, title: '春节慰问暨健康巡诊', place: '城北街道敬老院', participants: 9, summary: '为 60 名老人健康巡诊、赠送慰问品。' },
      { ago: 130, title: '护理员压疮护理培训', place: '城北街道敬老院', participants: 5, summary: '为敬老院护理员讲解压疮预防与护理。' },
      { ago: 18, title: '冬季防跌倒健康讲座', place: '城北街道敬老院', participants: 6, summary: '讲解冬季防跌倒要点，评估老人跌倒风险。' },
    ],
  },
  {
    org: '药学部党支部',
    partner: { name: '示例县人民医院党委' },
    kind: '院外共建',
    signedAgo: 300,
    termDays: 1095,
    content: '医联体党建共建：药学专业帮扶、合理用药培训、党建工作交流。',
    activities: [
      { ago: 210, title: '合理用药专题培训', place: '示例县人民医院', participants: 7, summary: '为县医院药师和临床医师讲解抗菌药物合理使用。' },
      { ago: 100, title: '党建工作交流座谈', place: '示例县人民医院会议室', participants: 14, summary: '交流支部建设和“三会一课”经验。' },
    ],
  },
  {
    org: '后勤保障处党支部',
    partner: { name: '示例市供电公司城区供电中心党支部' },
    kind: '院外共建',
    signedAgo: 1060,
    termDays: 1025,
    content: '保障医院重要负荷可靠供电，联合开展应急演练和安全用电宣传。',
    activities: [
      { ago: 500, title: '医院双电源切换联合演练', place: '医院配电室', participants: 16, summary: '模拟市电中断，演练双电源切换和应急发电。' },
      { ago: 120, title: '夏季用电高峰安全检查', place: '医院配电室、门诊楼', participants: 8, summary: '联合检查配电设施，排查隐患 5 处并整改。' },
    ],
  },
];

export async function loadContactsDemo(trx: Transaction<DB>, data: DemoData): Promise<void> {
  const today = data.today;
  const ago = (n: number) => addDays(today, -n);
  for (const [t, tenant] of data.tenants.entries()) {
    const tenantId = await tenantIdByCode(trx, tenant.code);
    if (tenantId === undefined) continue;
    const orgs = await orgsOfTenant(trx, tenantId);
    const org = (name: string): Org | undefined => orgs.find((o) => o.name === name);
    if (t > 0) {
      // The county hospital: its clinical branch and a township health centre.
      const clinical = org('临床党支部');
      if (!clinical) continue;
      const id = await insertAgreement(trx, tenantId, { org_id: clinical.id, partner_org_id: null, partner_name: '城关镇卫生院党支部', kind: '院外共建', signed_on: ago(200), ends_on: addDays(ago(200), 730), content: '县乡医疗卫生共建：专家下沉坐诊、乡镇医生进修、党建联学。' });
      for (const [n, title] of [[150, '专家下沉义诊'], [45, '党建联学：基层党组织建设']] as const) {
        await insertActivity(trx, tenantId, id, activity({ ago: n, title, place: '城关镇卫生院', participants: 8, summary: '' }, ago), null);
      }
      continue;
    }

    const accounts = await accountsWithRoles(trx, tenantId, ['leader', 'branch_secretary', 'org_office']);
    const office = accounts.find((a) => a.role === 'org_office');
    const secretaryOf = (o: Org) => accounts.find((a) => a.role === 'branch_secretary' && a.org_id === o.id);
    const leaders = [...new Map(accounts.filter((a) => a.role === 'leader').map((a) => [a.id, a])).values()];
    for (const leader of leaders) {
      const points = new Map<string, number>();
      for (const name of [ER_BRANCH, CARDIOLOGY, TEACHING]) {
        const o = org(name);
        if (o) points.set(name, await insertPoint(trx, tenantId, { user_id: leader.id, org_id: o.id, from_on: ago(326), to_on: null, note: '' }));
      }
      for (const v of VISITS) {
        const o = org(v.branch);
        const pointId = points.get(v.branch);
        if (!o || pointId === undefined) continue;
        const owner = secretaryOf(o) ?? office;
        if (!owner) continue;
        const visitedOn = ago(v.ago);
        const visitId = await insertVisit(trx, tenantId, { point_id: pointId, visited_on: visitedOn, purpose: v.purpose, participants: v.participants, notes: v.notes }, { userId: leader.id, username: 'leader' });
        const ids = await insertFollowUps(trx, tenantId, visitId, v.followUps.map((f) => ({ text: f.text, owner_user_id: owner.id, due_on: addDays(visitedOn, f.dueIn) })));
        for (const [i, f] of v.followUps.entries()) {
          if (f.done) await setFollowUpDone(trx, tenantId, ids[i]!, 1, { on: addDays(visitedOn, f.done[0]), note: f.done[1] });
        }
      }
    }

    for (const a of AGREEMENTS) {
      const own = org(a.org);
      const partner = 'org' in a.partner ? org(a.partner.org) : null;
      if (!own || ('org' in a.partner && !partner)) continue;
      const signedOn = ago(a.signedAgo);
      const firstEnd = addDays(signedOn, a.termDays);
      const endsOn = a.renewal ? addDays(firstEnd, a.renewal.addDays) : firstEnd;
      const id = await insertAgreement(trx, tenantId, {
        org_id: own.id,
        partner_org_id: partner?.id ?? null,
        partner_name: 'name' in a.partner ? a.partner.name : '',
        kind: a.kind,
        signed_on: signedOn,
        ends_on: endsOn,
        content: a.content,
      });
      if (a.renewal) await insertRenewal(trx, tenantId, id, { renewed_on: ago(a.renewal.ago), previous_ends_on: firstEnd, ends_on: endsOn, note: a.renewal.note }, { userId: office?.id ?? null, username: 'org' });
      const sides = [own.path, ...(partner ? [partner.path] : [])];
      for (const x of a.activities) {
        const values = activity(x, ago);
        if (x.link) {
          // A record of one side held within a fortnight of the activity, when there is one.
          const { records, events } = await linkCandidates(trx, tenantId, sides, addDays(values.held_on, -14), addDays(values.held_on, 14));
          if (x.link === 'service' && events[0]) Object.assign(values, { service_event_id: events[0].id, held_on: events[0].held_on });
          if (x.link === 'orglife' && records[0]) Object.assign(values, { orglife_record_id: records[0].id, held_on: records[0].held_on });
        }
        await insertActivity(trx, tenantId, id, values, office?.id ?? null);
      }
    }
  }
}

function activity(x: { ago: number; title: string; place: string; participants: number; summary: string }, ago: (n: number) => string): ActivityValues {
  return { held_on: ago(x.ago), title: x.title, place: x.place, participants: x.participants, summary: x.summary, orglife_record_id: null, service_event_id: null };
}
