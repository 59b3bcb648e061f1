/**
 * Decisions under PDCA for the demo hospital: the 党委会 (twice a month), the 院长办公会 (every
 * other Monday) and a 党政联席会议 with the hospital's leaders as members, topics of every category
 * through the year (三重一大 matters studied by the 党委会 first, then decided at the 院长办公会),
 * tasks split from the passed decisions — most closed on time, some late, some now overdue, part
 * of them the 承办人's (chengban, 医务处处长) — and evaluations of the closed ones.
 *
 * Deterministic: a seeded generator and dates counted from the demo's today.
 */
import { type DecisionBodyKind, type TopicCategory, addDays, compareDates, dayOfWeek, prereviewChecklist, DEFAULT_DECISIONS_SETTINGS } from '@hongyi/core';
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import {
  closeTask,
  insertAgendaItem,
  insertBody,
  insertEvaluation,
  insertFeedback,
  insertMeeting,
  insertTask,
  insertTopic,
  listBodies,
  saveAttendance,
  saveMembers,
  setTopicStage,
  updateAgendaItem,
  usersOfTenant,
} from '../modules/decisions/repository.js';
import { demoHospitalId } from './hospital.js';
import { type DemoData, mulberry32 } from './generate.js';

/** Topic titles per category (the hospital's real kinds of business), with amounts in 万元 where money is involved. */
const TITLES: Record<TopicCategory, Array<[string, string, number | null]>> = {
  major_decision: [
    ['关于医院“十五五”发展规划编制工作的议题', '院长办公室', null],
    ['关于年度预算草案的议题', '财务处', 185_000],
    ['关于绩效考核分配方案调整的议题', '人力资源处', null],
    ['关于公立医院高质量发展实施方案的议题', '院长办公室', null],
    ['关于紧密型医联体建设方案的议题', '医务处', null],
    ['关于年度预算执行情况及调整的议题', '财务处', 12_000],
    ['关于深化公立医院薪酬制度改革方案的议题', '人力资源处', null],
    ['关于年度党建工作要点的议题', '党委办公室', null],
    ['关于医院章程修订的议题', '院长办公室', null],
    ['关于学科建设三年行动计划的议题', '科研处', null],
    ['关于DRG付费改革应对方案的议题', '医务处', null],
  ],
  cadre: [
    ['关于心血管内科主任任免的议题', '党委组织部', null],
    ['关于护理部副主任任免的议题', '党委组织部', null],
    ['关于急诊科副主任任免的议题', '党委组织部', null],
    ['关于医务处副处长人选的议题', '党委组织部', null],
    ['关于中层干部轮岗交流的议题', '党委组织部', null],
    ['关于肿瘤科主任任免的议题', '党委组织部', null],
    ['关于儿科党支部书记人选的议题', '党委组织部', null],
    ['关于试用期满中层干部考核结果的议题', '党委组织部', null],
    ['关于后备干部推荐人选的议题', '党委组织部', null],
    ['关于东院区综合办公室主任任免的议题', '党委组织部', null],
    ['关于神经内科副主任任免的议题', '党委组织部', null],
  ],
  major_project: [
    ['关于急诊综合楼改造项目的议题', '基建处', 4_800],
    ['关于东院区二期建设项目的议题', '基建处', 36_000],
    ['关于智慧医院信息平台升级项目的议题', '信息中心', 2_600],
    ['关于互联网医院建设项目的议题', '信息中心', 900],
    ['关于南院区门诊楼装修工程的议题', '基建处', 3_200],
    ['关于国家区域医疗中心建设项目的议题', '院长办公室', 52_000],
    ['关于临床研究中心建设项目的议题', '科研处', 1_500],
    ['关于院区能源管理改造项目的议题', '总务处', 1_100],
    ['关于病理科实验室改造项目的议题', '基建处', 760],
    ['关于发热门诊标准化改造的议题', '基建处', 880],
    ['关于智慧后勤平台建设的议题', '信息中心', 650],
  ],
  large_fund: [
    ['关于引进3.0T磁共振成像设备的议题', '医学装备处', 1_280],
    ['关于引进达芬奇手术机器人的议题', '医学装备处', 2_350],
    ['关于引进PET-CT设备的议题', '医学装备处', 1_900],
    ['关于购置直线加速器的议题', '医学装备处', 2_100],
    ['关于后勤社会化服务采购的议题', '总务处', 680],
    ['关于引进数字减影血管造影机（DSA）的议题', '医学装备处', 1_050],
    ['关于购置体外膜肺氧合（ECMO）设备的议题', '医学装备处', 320],
    ['关于年度药品集中采购配套资金的议题', '药学部', 2_800],
    ['关于科研平台大型仪器购置的议题', '科研处', 940],
    ['关于物业服务合同续签的议题', '总务处', 1_260],
    ['关于医用耗材SPD项目的议题', '医学装备处', 560],
  ],
  general: [
    ['关于职工食堂改造的议题', '总务处', 45],
    ['关于门诊预约诊疗流程优化的议题', '门诊部', null],
    ['关于院内停车管理办法修订的议题', '保卫处', null],
    ['关于医疗质量安全月活动方案的议题', '医务处', null],
    ['关于进修医师管理规定的议题', '教育处', null],
    ['关于住院医师规范化培训基地管理办法的议题', '教育处', null],
    ['关于患者满意度提升专项行动的议题', '门诊部', null],
    ['关于院务公开工作实施细则的议题', '院长办公室', null],
    ['关于节假日医疗服务安排的议题', '医务处', null],
    ['关于多学科诊疗（MDT）管理办法的议题', '医务处', null],
    ['关于护理人员分层管理办法的议题', '护理部', null],
    ['关于志愿者服务管理办法的议题', '党委宣传部', null],
    ['关于医疗纠纷预防与处理办法修订的议题', '医务处', null],
    ['关于科研经费管理办法修订的议题', '科研处', 40],
    ['关于职工健康体检方案的议题', '工会', 46],
    ['关于临床路径管理实施方案的议题', '医务处', null],
    ['关于院内感染防控专项检查的议题', '感染管理科', null],
    ['关于门诊楼无障碍设施改造的议题', '总务处', 38],
    ['关于医院文化建设实施方案的议题', '党委宣传部', null],
    ['关于药事管理与药物治疗学委员会调整的议题', '药学部', null],
    ['关于年度安全生产工作方案的议题', '保卫处', null],
  ],
};

const TASKS = ['制定实施方案并报院办备案', '完成招标采购', '完成场地和配套改造', '组织培训并投入使用', '完成公示和文件印发', '开展效果评估并报告'];

export async function loadDecisionsDemo(trx: Transaction<DB>, data: DemoData): Promise<void> {
  const tenantId = await demoHospitalId(trx, data);
  if (tenantId === undefined) return;
  const tenant = data.tenants[0]!;
  const today = data.today;
  const year = Number(today.slice(0, 4));
  const rnd = mulberry32(20261313);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;

  const leaders = (post: string) => tenant.members.filter((m) => m.post === post);
  const [secretary] = leaders('党委书记');
  const [president] = leaders('院长');
  const [deputySecretary] = leaders('党委副书记');
  const vicePresidents = leaders('副院长');
  const [discipline] = leaders('纪委书记');
  if (!secretary || !president || !deputySecretary || !discipline || vicePresidents.length < 3) return;
  const users = await usersOfTenant(trx, tenantId);
  const userId = (username: string) => users.find((u) => u.username === username)?.id ?? null;
  const chengban = users.find((u) => u.username === 'chengban');
  const campuses = tenant.campuses.map((c) => c.name);

  const m = (p: { name: string }, title: string, isChair = false, user: number | null = null) => ({ userId: user, name: p.name, title, isChair });
  const leaderId = userId('leader');
  const committeeMembers = [
    m(secretary, '党委书记', true),
    m(president, '院长', false, leaderId),
    m(deputySecretary, '党委副书记'),
    ...vicePresidents.slice(0, 3).map((v) => m(v, '副院长')),
    m(discipline, '纪委书记'),
  ];
  const presidentMembers = [m(president, '院长', true, leaderId), ...vicePresidents.slice(0, 3).map((v) => m(v, '副院长')), m(deputySecretary, '党委副书记')];
  const body = async (kind: DecisionBodyKind, name: string, members: typeof committeeMembers) => {
    const id = await insertBody(trx, tenantId, kind, name);
    await saveMembers(trx, tenantId, id, members);
    return id;
  };
  const committee = await body('party_committee', '党委会', committeeMembers);
  const presidentOffice = await body('president_office_meeting', '院长办公会', presidentMembers);
  await body('joint_meeting', '党政联席会议', committeeMembers);
  const bodies = await listBodies(trx, tenantId);
  const membersOf = (id: number) => bodies.find((b) => b.id === id)!.members;

  // Meeting days: the 党委会 on the first weekday from the 8th and the 22nd, the 院长办公会 every other Monday.
  const weekday = (date: string) => {
    let d = date;
    while (dayOfWeek(d) === 0 || dayOfWeek(d) === 6) d = addDays(d, 1);
    return d;
  };
  const committeeDays: string[] = [];
  for (let month = 1; month <= 12; month++) {
    for (const day of ['08', '22']) {
      const d = weekday(`${year}-${String(month).padStart(2, '0')}-${day}`);
      if (compareDates(d, today) < 0) committeeDays.push(d);
    }
  }
  const presidentDays: string[] = [];
  for (let d = weekday(`${year}-01-05`); compareDates(d, today) < 0; d = addDays(d, 14)) presidentDays.push(d);

  const checklist = prereviewChecklist(DEFAULT_DECISIONS_SETTINGS).map((p) => ({ ...p, done: true, note: '已完成' }));
  const categories: TopicCategory[] = ['major_decision', 'cadre', 'major_project', 'large_fund', 'general'];
  const used = new Map<TopicCategory, number>();
  const nextTitle = (category: TopicCategory) => {
    const n = used.get(category) ?? 0;
    used.set(category, n + 1);
    const [title, proposer, wan] = TITLES[category][n % TITLES[category].length]!;
    return { title: n >= TITLES[category].length ? title.replace('的议题', `（${Math.floor(n / TITLES[category].length) + 1}）的议题`) : title, proposer, amountCents: wan === null ? null : wan * 1_000_000 };
  };

  const holdMeeting = async (bodyId: number, heldOn: string, number: string) => {
    const id = await insertMeeting(trx, tenantId, { body_id: bodyId, held_on: heldOn, number, first_topic: pick(['学习习近平总书记关于卫生健康工作的重要论述', '学习《关于加强公立医院党的建设工作的意见》', '学习党的二十届四中全会精神', '学习《中国共产党纪律处分条例》']), note: '' });
    const members = membersOf(bodyId);
    const absent = rnd() < 0.4 ? members[1 + Math.floor(rnd() * (members.length - 1))]!.id : null;
    await saveAttendance(trx, tenantId, id, members.map((x) => ({ bodyMemberId: x.id, present: x.id !== absent, leaveReason: x.id === absent ? pick(['外出开会', '公务出差', '病假']) : '' })));
    return { id, present: members.length - (absent ? 1 : 0), due: members.length };
  };

  const decideTopic = async (meeting: { id: number; present: number }, topicId: number, kind: DecisionBodyKind, decision: string) => {
    const item = await insertAgendaItem(trx, tenantId, meeting.id, topicId);
    const votes = kind === 'president_office_meeting' ? null : { for: meeting.present, against: 0, abstain: 0 };
    await updateAgendaItem(trx, tenantId, item, 1, {
      recused: [],
      discussion: '与会同志逐项审议，认为论证充分、程序合规。',
      decision,
      votes_for: votes?.for ?? null,
      votes_against: votes ? 0 : null,
      votes_abstain: votes ? 0 : null,
      views: kind === 'president_office_meeting' ? '分管院领导：同意；财务：资金来源已落实；纪委：程序合规。' : '',
      result: 'passed',
    });
    await setTopicStage(trx, tenantId, topicId, 'decided');
  };

  const addTasks = async (topicId: number, decidedOn: string, proposer: string, campus: string, index: number) => {
    const count = 1 + (index % 2);
    let open = 0;
    for (let k = 0; k < count; k++) {
      const mine = chengban && (index + k) % 3 === 0;
      const deadline = addDays(decidedOn, 30 + Math.floor(rnd() * 60));
      const id = await insertTask(trx, tenantId, topicId, {
        title: TASKS[(index + k) % TASKS.length]!,
        department: mine ? '医务处' : proposer,
        owner_user_id: mine ? chengban.id : null,
        owner_name: mine ? chengban.name : `${proposer}负责人`,
        deadline,
        campus,
      });
      const author = { userId: mine ? chengban.id : (userId('dangban') ?? 0), name: mine ? chengban.name : '党委办公室' };
      const mid = addDays(decidedOn, 14);
      if (compareDates(mid, today) < 0) await insertFeedback(trx, tenantId, id, { reported_on: mid, progress: '已制定工作方案，正在推进。', completes: false }, author);
      // Past the deadline: most closed on time, one in five late, one in six still open (overdue).
      const roll = rnd();
      if (compareDates(deadline, today) < 0 && roll > 0.17) {
        const closedOn = roll < 0.37 ? addDays(deadline, 3 + Math.floor(rnd() * 20)) : addDays(deadline, -Math.floor(rnd() * 10));
        if (compareDates(closedOn, today) < 0) {
          await insertFeedback(trx, tenantId, id, { reported_on: closedOn, progress: '任务已完成，相关材料已归档。', completes: true }, author);
          await closeTask(trx, tenantId, id, 1, closedOn);
          continue;
        }
      }
      open++;
    }
    if (open === 0) {
      await setTopicStage(trx, tenantId, topicId, 'closed');
      if (rnd() < 0.6) {
        await insertEvaluation(trx, tenantId, topicId, {
          evaluated_on: compareDates(addDays(decidedOn, 100), today) < 0 ? addDays(decidedOn, 100) : today,
          effect: pick(['达到预期目标，运行平稳。', '群众满意度明显提升。', '相关指标改善，成效明显。']),
          problems: pick(['', '个别环节衔接不够顺畅。', '进度较计划有所滞后。']),
          rule_change_needed: index % 4 === 0,
          revised_rule_title: index % 4 === 0 ? pick(['大型医用设备采购管理办法', '基本建设项目管理规定', '中层干部选拔任用工作办法']) : '',
          revised_rule_on: null,
        });
        await setTopicStage(trx, tenantId, topicId, 'evaluated');
      }
    }
  };

  const newTopic = async (bodyId: number, category: TopicCategory, campus: string, studiedBy: number | null = null, title?: { title: string; proposer: string; amountCents: number | null }) => {
    const t = title ?? nextTitle(category);
    const id = await insertTopic(
      trx,
      tenantId,
      { body_id: bodyId, title: t.title, summary: `${t.proposer}提出，经调研论证、专家论证、风险评估和合法性审查后提交。`, proposer: t.proposer, department_id: null, category, amount_cents: t.amountCents, campus, studied_by_topic_id: studiedBy },
      checklist,
      userId('dangban') ?? 0,
    );
    await setTopicStage(trx, tenantId, id, 'reviewed');
    return { ...t, id };
  };

  // The 党委会: two topics a meeting; a 三重一大 topic with administrative follow-up goes on to the next 院长办公会.
  const forPresident: Array<{ studied: number; category: TopicCategory; title: { title: string; proposer: string; amountCents: number | null }; after: string; campus: string }> = [];
  let index = 0;
  for (const [n, day] of committeeDays.entries()) {
    const meeting = await holdMeeting(committee, day, `${year}年第${n + 1}次`);
    for (let k = 0; k < 2; k++) {
      const category = categories[(n * 2 + k) % 4]!;
      const campus = campuses[index % campuses.length] ?? '';
      const topic = await newTopic(committee, category, campus);
      await decideTopic(meeting, topic.id, 'party_committee', category === 'cadre' ? '同意按程序任免。' : '原则同意，提交院长办公会研究落实。');
      if (category === 'cadre' || category === 'major_decision') await addTasks(topic.id, day, topic.proposer, campus, index++);
      else forPresident.push({ studied: topic.id, category, title: { title: topic.title.replace('的议题', '实施方案的议题'), proposer: topic.proposer, amountCents: topic.amountCents }, after: day, campus });
    }
  }

  // The 院长办公会: the studied 三重一大 topics and one general topic a meeting.
  for (const [n, day] of presidentDays.entries()) {
    const meeting = await holdMeeting(presidentOffice, day, `${year}年第${n + 1}次`);
    const ready = forPresident.filter((f) => compareDates(f.after, day) < 0).slice(0, 1);
    for (const f of ready) {
      forPresident.splice(forPresident.indexOf(f), 1);
      const topic = await newTopic(presidentOffice, f.category, f.campus, f.studied, f.title);
      await decideTopic(meeting, topic.id, 'president_office_meeting', '同意实施，由分管院领导牵头落实。');
      await addTasks(topic.id, day, topic.proposer, f.campus, index++);
    }
    const campus = campuses[n % campuses.length] ?? '';
    const general = await newTopic(presidentOffice, 'general', campus);
    await decideTopic(meeting, general.id, 'president_office_meeting', '同意。');
    await addTasks(general.id, day, general.proposer, campus, index++);
  }

  // Topics on their way: a draft and one reviewed for the next 党委会.
  const draft = nextTitle('large_fund');
  await insertTopic(trx, tenantId, { body_id: committee, title: draft.title, summary: '正在开展专家论证。', proposer: draft.proposer, department_id: null, category: 'large_fund', amount_cents: draft.amountCents, campus: campuses[0] ?? '', studied_by_topic_id: null }, prereviewChecklist(DEFAULT_DECISIONS_SETTINGS).map((p, i) => ({ ...p, done: i < 2 })), userId('dangban') ?? 0);
  await newTopic(committee, 'major_decision', campuses[0] ?? '');
}
