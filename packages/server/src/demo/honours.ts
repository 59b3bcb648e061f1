/**
 * Honours and building programmes for the demo hospital (seeds 000, 001, 003, 004): the ER branch's
 * 全国党建工作样板支部 reached through a programme accepted last year, provincial and school
 * honours of the 党委 and branches, members' 优秀共产党员 / 优秀党务工作者, and programmes now in
 * cultivation — so the ladder (梯队) has something at every level.
 *
 * Deterministic: fixed dates relative to `today` and a seeded choice of members.
 */
import { addDays, addMonths } from '@hongyi/core';
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { type ProgrammeValues, insertHonour, insertProgramme, replaceMilestones, updateProgramme } from '../modules/honours/repository.js';
import { membersUnder, orgsOfTenant, tenantIdByCode } from '../modules/service/repository.js';
import { demoHospitalId } from './hospital.js';
import { type DemoData, ER_BRANCH, mulberry32 } from './generate.js';

export async function loadHonoursDemo(trx: Transaction<DB>, data: DemoData): Promise<void> {
  const tenantId = await demoHospitalId(trx, data);
  if (tenantId === undefined) return;
  for (const other of data.tenants.slice(1)) await loadSmallUnit(trx, other.code, data.today);
  const rnd = mulberry32(20261210);
  const today = data.today;
  const year = Number(today.slice(0, 4));
  const orgs = await orgsOfTenant(trx, tenantId);
  const party = orgs.find((o) => o.type === 'committee');
  const er = orgs.find((o) => o.name === ER_BRANCH);
  const branches = orgs.filter((o) => o.type === 'branch' && o.id !== er?.id);
  const generals = orgs.filter((o) => o.type === 'general_branch');
  if (!party || !er || branches.length < 4) return;
  const honour = (org_id: number, level: string, type: string, title: string, issuer: string, awarded_on: string, member_id: number | null = null) =>
    insertHonour(trx, tenantId, { org_id, member_id, level, type, title, issuer, awarded_on, note: '' });

  // The ER branch's model-branch programme: 立项 → 中期检查 → 验收 (seed 001), then the honour it produced.
  const started = `${year - 3}-03-15`;
  const model = await addProgramme(
    trx,
    tenantId,
    {
      org_id: er.id,
      title: '第二批全国党建工作样板支部培育创建',
      level: '国家级',
      type: '全国党建工作样板支部',
      issuer: '教育部思想政治工作司',
      owner_name: '急诊科全科医学科党支部书记',
      started_on: started,
      note: '“四急四聚焦”支部建设体系，对照“七个有力”标准建设。',
    },
    [
      ['制定建设方案和任务清单', `${year - 3}-05-31`, `${year - 3}-05-20`],
      ['中期检查', `${year - 2}-04-30`, `${year - 2}-04-18`],
      ['验收材料报送', `${year - 1}-03-31`, `${year - 1}-03-25`],
    ],
  );
  await updateProgramme(trx, tenantId, model, 1, { stage: 'midterm', midterm_on: `${year - 2}-04-18` });
  await updateProgramme(trx, tenantId, model, 2, { stage: 'accepted', closed_on: `${year - 1}-06-20` });
  await insertHonour(trx, tenantId, { org_id: er.id, member_id: null, level: '国家级', type: '全国党建工作样板支部', title: '第二批全国党建工作样板支部培育创建', issuer: '教育部思想政治工作司', awarded_on: `${year - 1}-06-20`, note: '' }, model);

  await honour(er.id, '国家级', '学雷锋活动示范点', '第五批全国学雷锋活动示范点', '中央宣传部', `${year - 2}-03-05`);
  await honour(er.id, '市级', '先进集体', '疫情防控工作先进集体', '市卫生健康委员会', `${year - 3}-12-20`);
  await honour(party.id, '省级', '先进基层党组织', '全省高校先进基层党组织', '省委教育工委', `${year - 1}-06-28`);
  await honour(party.id, '校级', '先进基层党组织', '校级先进基层党组织', '校党委', `${year}-06-28`);
  await honour(party.id, '省级', '最佳党日活动', '全省高校“最佳党日活动”优胜奖', '省委教育工委', `${year - 1}-11-10`);
  await honour(branches[0]!.id, '校级', '最佳党日活动', '“党委—支部—党员”三级联动主题党日', '校党委组织部', `${year}-07-01`);
  await honour(branches[1]!.id, '院级', '先进基层党组织', '院级先进党支部', '院党委', `${year}-06-30`);
  await honour(branches[2]!.id, '院级', '先进基层党组织', '院级先进党支部', '院党委', `${year}-06-30`);

  // Members: 优秀共产党员 / 优秀党务工作者 at the hospital, a few at school and provincial level.
  const people = await membersUnder(trx, tenantId, party.path);
  const chosen = new Set<number>();
  const someone = () => {
    for (;;) {
      const m = people[Math.floor(rnd() * people.length)]!;
      if (!chosen.has(m.id)) {
        chosen.add(m.id);
        return m;
      }
    }
  };
  const memberOrg = new Map((await Promise.all(orgs.map(async (o) => ({ o, ms: o.type === 'branch' ? await membersUnder(trx, tenantId, o.path) : [] })))).flatMap(({ o, ms }) => ms.map((m) => [m.id, o.id] as const)));
  const award = async (level: string, type: string, issuer: string, on: string) => {
    const m = someone();
    await honour(memberOrg.get(m.id) ?? party.id, level, type, '', issuer, on, m.id);
  };
  for (let i = 0; i < 8; i++) await award('院级', '优秀共产党员', '院党委', `${year}-06-30`);
  for (let i = 0; i < 3; i++) await award('院级', '优秀党务工作者', '院党委', `${year}-06-30`);
  for (let i = 0; i < 2; i++) await award('校级', '优秀共产党员', '校党委', `${year - 1}-06-30`);
  await award('省级', '优秀共产党员', '省委教育工委', `${year - 1}-06-28`);

  // In cultivation now.
  const standard = await addProgramme(
    trx,
    tenantId,
    { org_id: (generals[0] ?? party).id, title: '全省党建工作标杆院系培育创建', level: '省级', type: '标杆院系', issuer: '省委教育工委', owner_name: '党委办公室', started_on: addMonths(today, -14) },
    [
      ['建设方案', addMonths(today, -12), addDays(addMonths(today, -12), -6)],
      ['中期检查', addMonths(today, -2), addMonths(today, -2)],
      ['验收', addMonths(today, 10), null],
    ],
  );
  await updateProgramme(trx, tenantId, standard, 1, { stage: 'midterm', midterm_on: addMonths(today, -2) });
  await addProgramme(
    trx,
    tenantId,
    { org_id: branches[0]!.id, title: '全省党建工作样板支部培育创建', level: '省级', type: '党建工作样板支部', issuer: '省委教育工委', started_on: addMonths(today, -5) },
    [
      ['建设方案和任务清单', addMonths(today, -4), addMonths(today, -4)],
      ['中期检查', addMonths(today, 7), null],
    ],
  );
  await addProgramme(
    trx,
    tenantId,
    { org_id: branches[3]!.id, title: '“双带头人”教师党支部书记工作室建设', level: '校级', type: '双带头人教师党支部书记工作室', issuer: '校党委组织部', started_on: addMonths(today, -9) },
    [['工作室挂牌', addMonths(today, -8), addMonths(today, -8)]],
  );
}

/** A milestone of a programme: its title, due date and the date it was done (null: not yet). */
type Milestone = readonly [title: string, dueOn: string, doneOn: string | null];

/** Inserts a programme (no owning member; no owner name or note unless given) with its milestones in order. */
async function addProgramme(
  trx: Transaction<DB>,
  tenantId: number,
  values: Omit<ProgrammeValues, 'owner_member_id' | 'owner_name' | 'note'> & Partial<Pick<ProgrammeValues, 'owner_name' | 'note'>>,
  milestones: readonly Milestone[],
): Promise<number> {
  const id = await insertProgramme(trx, tenantId, { owner_member_id: null, owner_name: '', note: '', ...values });
  await replaceMilestones(trx, tenantId, id, milestones.map(([title, dueOn, doneOn]) => ({ title, dueOn, doneOn, note: '' })));
  return id;
}

/** A smaller unit (the county hospital): a few honours and one programme in cultivation. */
async function loadSmallUnit(trx: Transaction<DB>, code: string, today: string): Promise<void> {
  const tenantId = await tenantIdByCode(trx, code);
  if (tenantId === undefined) return;
  const year = Number(today.slice(0, 4));
  const orgs = await orgsOfTenant(trx, tenantId);
  const party = orgs.find((o) => o.type === 'committee');
  const branch = orgs.find((o) => o.type === 'branch');
  if (!party || !branch) return;
  await insertHonour(trx, tenantId, { org_id: party.id, member_id: null, level: '市级', type: '先进基层党组织', title: '全市先进基层党组织', issuer: '市委组织部', awarded_on: `${year - 1}-06-28`, note: '' });
  const [member] = await membersUnder(trx, tenantId, branch.path);
  if (member) await insertHonour(trx, tenantId, { org_id: branch.id, member_id: member.id, level: '院级', type: '优秀共产党员', title: '', issuer: '院党委', awarded_on: `${year}-06-30`, note: '' });
  await addProgramme(trx, tenantId, { org_id: branch.id, title: '党建工作样板支部培育创建', level: '市级', type: '党建工作样板支部', issuer: '市卫生健康委员会', started_on: addMonths(today, -6) }, [
    ['建设方案', addMonths(today, -5), addMonths(today, -5)],
  ]);
}
