import { parseIdNumber } from '@hongyi/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { DEMO_TODAY, type TestApp, createTestApp } from '../test/harness.js';
import { verifyPassword } from '../plugins/password.js';
import {
  DEMO_PASSWORD,
  ER_BRANCH,
  ER_PARTY_GROUPS,
  NEUROLOGY_BRANCH,
  TEMPORARY_BRANCH,
  type DemoTenant,
  addYears,
  ageOn,
  generateDemo,
} from './generate.js';
import { loadHolidays, shippedHolidays } from './holidays.js';
import { isDatabaseEmpty, loadDemo } from './load.js';
import { idNumberHash } from '../db/sealed.js';

const TODAY = '2026-11-23';
const data = generateDemo({ today: TODAY });

function tenant(code: string): DemoTenant {
  const t = data.tenants.find((x) => x.code === code);
  if (!t) throw new Error(`no tenant ${code}`);
  return t;
}
const demo = tenant('demo');
const county = tenant('county');
const allMembers = data.tenants.flatMap((t) => t.members);
const MEMBER_ORG_TYPES = new Set(['branch', 'joint_branch']);

describe('generateDemo', () => {
  it('is deterministic for a seed and varies with it', () => {
    expect(generateDemo({ today: TODAY })).toEqual(data);
    expect(generateDemo()).toEqual(data); // the defaults are seed 20261123 and 2026-11-23
    const other = generateDemo({ seed: 7, today: TODAY });
    expect(other.tenants[0]?.members.map((m) => m.idNumber)).not.toEqual(demo.members.map((m) => m.idNumber));
  });

  it('gives every member a valid, unique ID number matching gender and birth date', () => {
    for (const m of allMembers) {
      const parsed = parseIdNumber(m.idNumber);
      expect(parsed, `${m.name} ${m.idNumber}`).toMatchObject({ ok: true });
      if (!parsed.ok) continue;
      expect(parsed.value.birthDate).toBe(m.birthDate);
      expect(parsed.value.gender).toBe(m.gender);
    }
    expect(new Set(allMembers.map((m) => m.idNumber)).size).toBe(allMembers.length);
  });

  it('has ages, dates and contact data that fit each kind of member', () => {
    for (const m of allMembers) {
      const age = ageOn(m.birthDate, TODAY);
      const [min, max] = m.jobCategory === '学生' ? [22, 30] : m.jobCategory === '离退休人员' ? [60, 85] : [22, 60];
      expect(age, `${m.name} (${m.jobCategory}) born ${m.birthDate}`).toBeGreaterThanOrEqual(min);
      expect(age, `${m.name} (${m.jobCategory}) born ${m.birthDate}`).toBeLessThanOrEqual(max);
      expect(m.joinedOn >= addYears(m.birthDate, 18), `${m.name} joined before 18`).toBe(true);
      expect(m.joinedOn <= TODAY).toBe(true);
      if (m.workStartedOn) expect(m.workStartedOn >= addYears(m.birthDate, 18) && m.workStartedOn <= TODAY).toBe(true);
      if (m.category === 'probationary') {
        expect(m.fullOn).toBeNull();
        expect(m.joinedOn > addYears(TODAY, -1)).toBe(true);
      } else {
        expect(m.fullOn).toBe(addYears(m.joinedOn, 1));
        expect(m.fullOn! <= TODAY).toBe(true);
      }
      expect(m.phone).toMatch(/^1[358]\d{9}$/);
      expect(m.name).toMatch(/^[\u4e00-\u9fa5]{2,3}$/);
    }
    expect(new Set(demo.members.map((m) => m.name)).size).toBe(demo.members.length);
  });

  it('builds the demo hospital at the expected scale', () => {
    expect(demo.name).toBe('示例医科大学附属第一医院');
    expect(demo.campuses.map((c) => c.name)).toEqual(['本部院区', '东院区', '南院区']);
    expect(demo.departments.length).toBeGreaterThanOrEqual(40);
    expect(new Set(demo.departments.map((d) => d.kind))).toEqual(new Set(['clinical', 'medtech', 'teaching', 'research', 'admin', 'logistics']));
    expect(demo.members.length).toBeGreaterThanOrEqual(1400);
    expect(demo.members.length).toBeLessThanOrEqual(1600);
    const byType = (type: string) => demo.orgs.filter((o) => o.type === type);
    expect(byType('committee').map((o) => o.name)).toEqual(['中共示例医科大学附属第一医院委员会']);
    expect(byType('general_branch')).toHaveLength(3);
    const branches = demo.orgs.filter((o) => MEMBER_ORG_TYPES.has(o.type));
    expect(branches.length).toBeGreaterThanOrEqual(40);
    expect(branches.length).toBeLessThanOrEqual(50);
    expect(byType('joint_branch')).toHaveLength(1);

    const probationary = demo.members.filter((m) => m.category === 'probationary').length / demo.members.length;
    expect(probationary).toBeGreaterThan(0.03);
    expect(probationary).toBeLessThan(0.08);
    expect(demo.members.filter((m) => m.ethnicity !== '汉族').length).toBeGreaterThan(20);

    // Branch sizes give the ≤50 and ≥7 rules something to warn about.
    const sizes = branches.map((b) => demo.members.filter((m) => m.orgKey === b.key).length);
    expect(sizes.filter((n) => n > 50).length).toBeGreaterThanOrEqual(2);
    expect(sizes.some((n) => n < 7)).toBe(true);
    expect(sizes.every((n) => n >= 3)).toBe(true);
  });

  it('places every member in an existing branch, on a department bound to it', () => {
    for (const t of data.tenants) {
      const orgs = new Map(t.orgs.map((o) => [o.key, o]));
      const departments = new Map(t.departments.map((d) => [d.key, d]));
      for (const m of t.members) {
        const branch = orgs.get(m.orgKey);
        expect(branch && MEMBER_ORG_TYPES.has(branch.type), `${m.name} in ${m.orgKey}`).toBe(true);
        expect(branch?.departmentKeys).toContain(m.departmentKey);
        expect(departments.get(m.departmentKey)?.campusKey).toBe(m.campusKey);
        if (m.partyGroupKey) {
          const group = orgs.get(m.partyGroupKey);
          expect(group?.type).toBe('party_group');
          expect(group?.parentKey).toBe(m.orgKey);
        }
      }
      for (const o of t.orgs) {
        if (o.parentKey !== null) expect(orgs.has(o.parentKey)).toBe(true);
        for (const d of o.departmentKeys) expect(departments.has(d)).toBe(true);
        if (o.secretaryMemberKey) expect(t.members.some((m) => m.key === o.secretaryMemberKey && m.category === 'full')).toBe(true);
      }
    }
  });

  it('keeps 职称 and 行政职务 apart: titles are levels, posts are administrative and most staff have none', () => {
    const titled = /(医师|护师|技师|药师|护士|教授|讲师|助教|研究员|研究实习员|工程师)$/;
    expect(demo.members.filter((m) => titled.test(m.post)).map((m) => m.post)).toEqual([]);
    expect(demo.members.filter((m) => m.post.startsWith('在读'))).toEqual([]);
    expect(new Set(demo.members.map((m) => m.title))).toEqual(new Set(['正高', '副高', '中级', '初级', null]));
    const withPost = demo.members.filter((m) => m.post !== '');
    expect(withPost.length / demo.members.length).toBeLessThan(0.25);
    const posts = new Set(withPost.map((m) => m.post));
    for (const p of ['科主任', '护士长', '院长', '党委书记']) expect(posts.has(p), p).toBe(true);
  });

  it('gives 神经内科党支部 35 members: 4 doctorates, 30 master’s, 1 bachelor’s', () => {
    const neuro = demo.members.filter((m) => m.orgKey === NEUROLOGY_BRANCH);
    expect(neuro).toHaveLength(35);
    expect(neuro.filter((m) => m.education === '博士研究生')).toHaveLength(4);
    expect(neuro.filter((m) => m.education === '硕士研究生')).toHaveLength(30);
    expect(neuro.filter((m) => m.education === '大学本科')).toHaveLength(1);
  });

  it('splits 急诊科全科医学科党支部 into four ward party groups that hold all its members', () => {
    const er = demo.orgs.find((o) => o.key === ER_BRANCH);
    expect(er?.departmentKeys.sort()).toEqual(['全科医学科', '急诊科', '重症医学科'].sort());
    const groups = demo.orgs.filter((o) => o.parentKey === ER_BRANCH && o.type === 'party_group');
    expect(groups.map((g) => g.name)).toEqual([...ER_PARTY_GROUPS]);
    const members = demo.members.filter((m) => m.orgKey === ER_BRANCH);
    expect(members.length).toBeGreaterThanOrEqual(30);
    for (const m of members) expect(groups.map((g) => g.key)).toContain(m.partyGroupKey);
    for (const g of groups) expect(members.some((m) => m.partyGroupKey === g.key), g.name).toBe(true);
  });

  it('has the special branches the five work systems need', () => {
    const org = (name: string) => demo.orgs.find((o) => o.name === name);
    // 三位一体: a branch on a 教研室.
    const teachingOffices = new Set(demo.departments.filter((d) => d.isTeachingOffice).map((d) => d.key));
    expect(org('内科学教研室党支部')?.departmentKeys.some((d) => teachingOffices.has(d))).toBe(true);
    // Student branch paired with a teacher branch.
    const students = org('临床医学院2023级研究生党支部');
    expect(students?.pairedWith).toBe('内科学教研室党支部');
    expect(demo.members.filter((m) => m.orgKey === students?.key).every((m) => m.jobCategory === '学生')).toBe(true);
    // Retired staff.
    const retired = demo.members.filter((m) => m.orgKey === '离退休第一党支部');
    expect(retired.length).toBeGreaterThan(20);
    expect(retired.every((m) => m.jobCategory === '离退休人员')).toBe(true);
    // Temporary branch with a lifespan covering today; its team keeps membership at home.
    const temp = org(TEMPORARY_BRANCH);
    expect(temp?.type).toBe('temporary_branch');
    expect(temp?.establishedOn && temp.establishedOn <= TODAY).toBe(true);
    expect(temp?.endsOn && temp.endsOn >= TODAY).toBe(true);
    expect(demo.members.some((m) => m.orgKey === TEMPORARY_BRANCH)).toBe(false);
    expect(temp?.teamMemberKeys?.length).toBeGreaterThanOrEqual(8);
    for (const key of temp?.teamMemberKeys ?? []) expect(demo.members.some((m) => m.key === key)).toBe(true);
  });

  it('creates the demo accounts linked to the right members', () => {
    expect(data.logins).toEqual([
      { tenantCode: 'demo', username: 'admin', password: DEMO_PASSWORD, roleLabel: '系统管理员' },
      { tenantCode: 'demo', username: 'org', password: DEMO_PASSWORD, roleLabel: '组织部' },
      { tenantCode: 'demo', username: 'secretary', password: DEMO_PASSWORD, roleLabel: '支部书记（急诊科全科医学科党支部）' },
      { tenantCode: 'demo', username: 'member', password: DEMO_PASSWORD, roleLabel: '党员' },
      { tenantCode: 'demo', username: 'jijian', password: DEMO_PASSWORD, roleLabel: '纪检' },
      { tenantCode: 'demo', username: 'leader', password: DEMO_PASSWORD, roleLabel: '院领导' },
      { tenantCode: 'demo', username: 'dangban', password: DEMO_PASSWORD, roleLabel: '党办' },
      { tenantCode: 'demo', username: 'yuanban', password: DEMO_PASSWORD, roleLabel: '院办' },
      { tenantCode: 'demo', username: 'chengban', password: DEMO_PASSWORD, roleLabel: '承办人' },
      { tenantCode: 'county', username: 'county.admin', password: DEMO_PASSWORD, roleLabel: '系统管理员' },
    ]);
    const user = (name: string) => demo.users.find((u) => u.username === name);
    const er = demo.orgs.find((o) => o.key === ER_BRANCH);
    const secretary = user('secretary');
    expect(secretary?.roles).toEqual([{ role: 'branch_secretary', orgKey: ER_BRANCH }]);
    expect(secretary?.memberKey).toBe(er?.secretaryMemberKey);
    const ordinary = demo.members.find((m) => m.key === user('member')?.memberKey);
    expect(ordinary?.orgKey).toBe(ER_BRANCH);
    expect(ordinary?.key).not.toBe(er?.secretaryMemberKey);
    for (const u of demo.users) {
      const linked = demo.members.find((m) => m.key === u.memberKey);
      if (u.memberKey) expect(u.name).toBe(linked?.name);
      else expect(u.name).toMatch(/^[\u4e00-\u9fa5]{2,3}$/);
    }
  });

  it('builds a small second tenant', () => {
    expect(county.name).toBe('示例县人民医院');
    expect(county.campuses).toHaveLength(1);
    expect(county.departments).toHaveLength(3);
    expect(county.orgs.filter((o) => o.type === 'committee')).toHaveLength(1);
    expect(county.orgs.filter((o) => o.type === 'branch')).toHaveLength(2);
    expect(county.members.length).toBeGreaterThanOrEqual(25);
    expect(county.members.length).toBeLessThanOrEqual(40);
    expect(county.users.map((u) => [u.username, u.roles[0]?.role])).toEqual([['county.admin', 'sys_admin']]);
  });
});

describe('loadDemo', () => {
  // The test harness's database was built by loadDemo (in the global setup); read it back.
  let t: TestApp;
  let database: Database;

  beforeAll(async () => {
    t = await createTestApp();
    database = t.database;
  });

  afterAll(async () => {
    await t?.close();
  });

  it('loads both tenants', async () => {
    // How long the load takes is measured by `npm run bench` (first start), not asserted here.
    expect(await isDatabaseEmpty(database.db)).toBe(false);
    const { db } = database;
    const tenants = await db.selectFrom('tenants').select(['id', 'code']).orderBy('id').execute();
    expect(tenants.map((t) => t.code)).toEqual(['demo', 'county']);
    const demoId = tenants[0]!.id;
    const count = async (table: 'members' | 'orgs' | 'departments' | 'campuses' | 'users' | 'org_departments') =>
      Number((await db.selectFrom(table).select(sql<number>`count(*)`.as('n')).where('tenant_id', '=', demoId).executeTakeFirstOrThrow()).n);
    // Every generated member is loaded; the development pipeline's demo adds its own 预备党员 on
    // top, and the transfers demo adds former members (转出) who are no longer active.
    const generatedIds = demo.members.map((m) => m.idNumber);
    const loaded = await db.selectFrom('members').select('id_number_enc').where('tenant_id', '=', demoId).where('id_number_hash', 'in', generatedIds.map(idNumberHash)).execute();
    expect(loaded).toHaveLength(demo.members.length);
    const fromPipeline = await db
      .selectFrom('members')
      .select('id')
      .where('tenant_id', '=', demoId)
      .where('id_number_hash', 'not in', generatedIds.map(idNumberHash))
      .where('status', '=', 'active')
      .where('id', 'not in', (eb) => eb.selectFrom('development_files').select('member_id').where('member_id', 'is not', null).$narrowType<{ member_id: number }>())
      .execute();
    expect(fromPipeline).toEqual([]);
    expect(await count('orgs')).toBe(demo.orgs.length);
    expect(await count('departments')).toBe(demo.departments.length);
    expect(await count('campuses')).toBe(3);
    expect(await count('users')).toBe(9);
    expect(await count('org_departments')).toBe(demo.orgs.reduce((n, o) => n + o.departmentKeys.length, 0));
  });

  it('loads the demo year’s front-line projects: about twenty across branches and campuses, some accepted, some with overdue tasks', async () => {
    const { db } = database;
    const demoId = (await db.selectFrom('tenants').select('id').where('code', '=', 'demo').executeTakeFirstOrThrow()).id;
    const projects = await db
      .selectFrom('projects as p')
      .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'p.tenant_id').onRef('o.id', '=', 'p.org_id'))
      .select(['p.id', 'p.stage', 'p.conclusion', 'o.name'])
      .where('p.tenant_id', '=', demoId)
      .execute();
    expect(projects.length).toBeGreaterThanOrEqual(18);
    expect(projects.map((p) => p.name)).toEqual(expect.arrayContaining(['急诊科全科医学科党支部', '神经内科党支部', '援疆医疗队临时党支部']));
    expect(projects.filter((p) => p.stage === 'accepted').every((p) => p.conclusion !== null)).toBe(true);
    expect(projects.filter((p) => p.stage === 'accepted').length).toBeGreaterThanOrEqual(4);
    const overdue = await db
      .selectFrom('project_tasks as t')
      .innerJoin('projects as p', (j) => j.onRef('p.tenant_id', '=', 't.tenant_id').onRef('p.id', '=', 't.project_id'))
      .select('t.id')
      .where('t.tenant_id', '=', demoId)
      .where('t.status', '=', 'open')
      .where('t.due_on', '<', DEMO_TODAY)
      .where('p.stage', 'in', ['approved', 'midterm'])
      .execute();
    expect(overdue.length).toBeGreaterThan(0);
  });

  it('loads the contact points and co-building: the leader’s branches visited about twice a quarter with follow-ups, eight agreements with joint activities', async () => {
    const { db } = database;
    const demoId = (await db.selectFrom('tenants').select('id').where('code', '=', 'demo').executeTakeFirstOrThrow()).id;
    const points = await db
      .selectFrom('contact_points as p')
      .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'p.tenant_id').onRef('u.id', '=', 'p.user_id'))
      .select(['p.id', 'u.username'])
      .where('p.tenant_id', '=', demoId)
      .execute();
    expect(points.length).toBeGreaterThanOrEqual(2);
    expect(points.length).toBeLessThanOrEqual(4);
    expect(new Set(points.map((p) => p.username))).toEqual(new Set(['leader']));
    const visits = await db.selectFrom('contact_visits').select('visited_on').where('tenant_id', '=', demoId).execute();
    const quarters = new Set(visits.filter((v) => v.visited_on.startsWith('2026')).map((v) => Math.floor((Number(v.visited_on.slice(5, 7)) - 1) / 3)));
    expect(quarters).toEqual(new Set([0, 1, 2, 3]));
    const followUps = await db.selectFrom('contact_followups').select(['status', 'due_on']).where('tenant_id', '=', demoId).execute();
    expect(followUps.filter((f) => f.status === 'done').length).toBeGreaterThan(followUps.length / 2);
    expect(followUps.filter((f) => f.status === 'open' && f.due_on < DEMO_TODAY).length).toBeGreaterThanOrEqual(2);
    expect(followUps.filter((f) => f.status === 'open' && f.due_on >= DEMO_TODAY).length).toBeGreaterThanOrEqual(1);
    const agreements = await db.selectFrom('contact_agreements').select(['id', 'kind', 'partner_org_id']).where('tenant_id', '=', demoId).execute();
    expect(agreements).toHaveLength(8);
    expect(agreements.filter((a) => a.kind === '师生结对')).toHaveLength(1);
    expect(agreements.filter((a) => a.partner_org_id !== null).length).toBeGreaterThanOrEqual(2);
    const activities = await db.selectFrom('contact_joint_activities').select(['agreement_id', 'service_event_id', 'orglife_record_id']).where('tenant_id', '=', demoId).execute();
    expect(new Set(activities.map((a) => a.agreement_id)).size).toBe(8);
    expect(activities.some((a) => a.service_event_id !== null || a.orglife_record_id !== null)).toBe(true);
    // Yesterday's reminder run gave the ER secretary their own follow-ups.
    const secretary = (await db.selectFrom('users').select('id').where('tenant_id', '=', demoId).where('username', '=', 'secretary').executeTakeFirstOrThrow()).id;
    const own = await db.selectFrom('person_digests').select('items').where('tenant_id', '=', demoId).where('user_id', '=', secretary).execute();
    expect(own.flatMap((d) => d.items as Array<{ type: string }>).some((i) => i.type === 'contact_followup')).toBe(true);
  });

  it('loads the demo year’s party-work funds: about forty branch requests over four quarters, a few returned, most of the budget on branch lines, no overdraft without its reason', async () => {
    const { db } = database;
    const demoId = (await db.selectFrom('tenants').select('id').where('code', '=', 'demo').executeTakeFirstOrThrow()).id;
    const requests = await db.selectFrom('fund_requests').select(['status', 'requested_on']).where('tenant_id', '=', demoId).execute();
    expect(requests.length).toBeGreaterThanOrEqual(36);
    expect(new Set(requests.map((r) => Math.floor((Number(r.requested_on.slice(5, 7)) - 1) / 3))).size).toBe(4);
    expect(requests.filter((r) => r.status === 'returned')).toHaveLength(4);
    expect(requests.filter((r) => r.status === 'submitted').length).toBeGreaterThan(0);
    expect(requests.filter((r) => r.status === 'approved').length).toBeGreaterThan(0);
    const lines = await db
      .selectFrom('fund_budget_lines as l')
      .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'l.tenant_id').onRef('o.id', '=', 'l.org_id'))
      .select(['l.id', 'l.budget_cents', 'o.type'])
      .where('l.tenant_id', '=', demoId)
      .execute();
    const total = lines.reduce((n, l) => n + l.budget_cents, 0);
    const branches = lines.filter((l) => l.type !== 'committee').reduce((n, l) => n + l.budget_cents, 0);
    expect(branches / total).toBeGreaterThan(0.5);
    const expenses = await db.selectFrom('fund_expenses').select(['budget_line_id', 'amount_cents', 'overrun_cents', 'overrun_reason']).where('tenant_id', '=', demoId).execute();
    for (const line of lines) {
      const spent = expenses.filter((e) => e.budget_line_id === line.id).reduce((n, e) => n + e.amount_cents, 0);
      if (spent > line.budget_cents) expect(expenses.some((e) => e.budget_line_id === line.id && e.overrun_cents > 0 && e.overrun_reason !== '')).toBe(true);
    }
    expect(expenses.filter((e) => e.overrun_cents > 0)).toHaveLength(1);
  });

  it('stores materialised paths: the committee subtree holds every branch', async () => {
    const { db } = database;
    for (const { id: tenantId } of await db.selectFrom('tenants').select('id').execute()) {
      const orgs = await db.selectFrom('orgs').selectAll().where('tenant_id', '=', tenantId).execute();
      const byId = new Map(orgs.map((o) => [o.id, o]));
      const committees = orgs.filter((o) => o.type === 'committee');
      expect(committees).toHaveLength(1);
      const root = committees[0]!;
      expect(root.path).toBe(`/${root.id}/`);
      for (const o of orgs) {
        const parent = o.parent_id === null ? null : byId.get(o.parent_id);
        expect(o.path).toBe(`${parent?.path ?? '/'}${o.id}/`);
        expect(o.depth).toBe(o.path.split('/').length - 3);
        expect(o.path.startsWith(root.path)).toBe(true);
      }
      const subtree = await db
        .selectFrom('orgs')
        .select(sql<number>`count(*)`.as('n'))
        .where('tenant_id', '=', tenantId)
        .where('path', 'like', `${root.path}%`)
        .where('type', 'in', ['branch', 'joint_branch', 'temporary_branch'])
        .executeTakeFirstOrThrow();
      expect(Number(subtree.n)).toBe(orgs.filter((o) => ['branch', 'joint_branch', 'temporary_branch'].includes(o.type)).length);
    }
  });

  it('links accounts, roles and members within their tenant', async () => {
    const { db } = database;
    const rows = await db
      .selectFrom('users')
      .innerJoin('tenants', 'tenants.id', 'users.tenant_id')
      .innerJoin('user_roles', (j) => j.onRef('user_roles.user_id', '=', 'users.id').onRef('user_roles.tenant_id', '=', 'users.tenant_id'))
      .leftJoin('members', (j) => j.onRef('members.id', '=', 'users.member_id').onRef('members.tenant_id', '=', 'users.tenant_id'))
      .leftJoin('orgs', (j) => j.onRef('orgs.id', '=', 'user_roles.org_id').onRef('orgs.tenant_id', '=', 'user_roles.tenant_id'))
      .select(['tenants.code', 'users.username', 'users.name', 'users.password_hash', 'user_roles.role', 'orgs.name as orgName', 'members.name as memberName'])
      .orderBy('users.id')
      .execute();
    expect(rows.map((r) => [r.code, r.username, r.role])).toEqual([
      ['demo', 'admin', 'sys_admin'],
      ['demo', 'org', 'org_office'],
      ['demo', 'secretary', 'branch_secretary'],
      ['demo', 'member', 'member'],
      ['demo', 'jijian', 'inspector'],
      ['demo', 'leader', 'leader'],
      ['demo', 'dangban', 'party_office'],
      ['demo', 'yuanban', 'president_office'],
      ['demo', 'chengban', 'task_owner'],
      ['county', 'county.admin', 'sys_admin'],
    ]);
    expect(rows.find((r) => r.username === 'secretary')?.orgName).toBe(ER_BRANCH);
    for (const r of rows) if (r.memberName !== null) expect(r.name).toBe(r.memberName);
    const admin = rows.find((r) => r.username === 'admin');
    expect(await verifyPassword(admin!.password_hash, DEMO_PASSWORD)).toBe(true);
    expect(new Set(rows.map((r) => r.password_hash)).size).toBe(rows.length);
  });

  it('refuses to load twice and leaves the data as it was', async () => {
    const before = await database.db.selectFrom('members').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    await expect(loadDemo(database.db, { today: TODAY })).rejects.toThrow(/already exist/);
    const after = await database.db.selectFrom('members').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    expect(Number(after.n)).toBeGreaterThanOrEqual(allMembers.length);
  });

  it('loads the holiday calendar once per year', async () => {
    const expected = shippedHolidays();
    const of2026 = expected.filter((h) => h.day.startsWith('2026-'));
    // A year missing from the table is loaded; years already there are left as they are.
    await sql`delete from holidays where day between '2026-01-01' and '2026-12-31'`.execute(database.db);
    expect(await loadHolidays(database.db)).toBe(of2026.length);
    expect(await loadHolidays(database.db)).toBe(0);
    const rows = await database.db.selectFrom('holidays').selectAll().orderBy('day').execute();
    expect(rows.length).toBeGreaterThanOrEqual(expected.length);
    expect(rows.find((r) => r.day === '2026-10-01')?.kind).toBe('off');
    expect(rows.find((r) => r.day === '2026-10-10')?.kind).toBe('work');
  });
});
