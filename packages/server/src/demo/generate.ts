/**
 * Deterministic demo data: a teaching hospital (tenant `demo`) built to show the five work
 * systems hospitals run (四维融合, 四急四聚焦, 五个在一线, 12345, PDCA), and a small county hospital (tenant
 * `county`) that proves tenant isolation.
 *
 * Pure: no I/O, no Math.random, no clock. The same seed and `today` give the same objects,
 * so screenshots, e2e journeys and rule warnings stay stable. Records link to each other by
 * string keys; load.ts turns keys into database ids.
 */
import { type Role, idNumberCheckChar } from '@hongyi/core';
import type { DepartmentKind, MemberCategory, OrgType } from '../db/schema.js';
import {
  BIRTHPLACES,
  CITY_DISTRICTS,
  GIVEN_NAMES,
  MINORITIES,
  MINORITY_SHARE,
  PHONE_PREFIXES,
  RESIDENTIAL_AREAS,
  SURNAMES,
  eraOf,
} from './names.js';

export const DEMO_PASSWORD = 'Demo@2026';
export const DEFAULT_DEMO_SEED = 20261123;
export const DEFAULT_DEMO_TODAY = '2026-11-23';

export const EDUCATION = {
  doctorate: '博士研究生',
  master: '硕士研究生',
  bachelor: '大学本科',
  college: '大学专科',
  secondary: '中专',
} as const;
export type Education = (typeof EDUCATION)[keyof typeof EDUCATION];

/** 工作岗位 as the national member information system words them. */
export const JOB_CATEGORY = {
  professional: '公有制事业单位专业技术人员',
  management: '公有制事业单位管理人员',
  skilledWorker: '公有制事业单位工勤技能人员',
  student: '学生',
  retired: '离退休人员',
} as const;

export type Title = '正高' | '副高' | '中级' | '初级';

// ---------------------------------------------------------------------------------------
// Output shapes

export interface DemoCampus {
  key: string;
  name: string;
  address: string;
  sort: number;
}

export interface DemoDepartment {
  key: string;
  name: string;
  kind: DepartmentKind;
  campusKey: string;
  isTeachingOffice: boolean;
  sort: number;
}

export interface DemoOrg {
  key: string;
  parentKey: string | null;
  type: OrgType;
  name: string;
  shortName: string;
  sort: number;
  campusKey: string | null;
  establishedOn: string | null;
  endsOn: string | null;
  /** Departments the branch is built on (支部建在科室上); loaded into org_departments. */
  departmentKeys: string[];
  /** The member who serves as secretary (not stored yet: no committee table exists). */
  secretaryMemberKey: string | null;
  /** Teacher branch this student branch is paired with (立德树人 师生支部结对). */
  pairedWith?: string;
  /**
   * Temporary branch: who serves in it. Their membership stays in their home branch
   * (临时党支部 do not take over members' records), so no member has this org as org_id.
   */
  teamMemberKeys?: string[];
}

export interface DemoMember {
  key: string;
  name: string;
  gender: 'male' | 'female';
  idNumber: string;
  ethnicity: string;
  nativePlace: string;
  birthDate: string;
  education: Education;
  degree: string | null;
  category: MemberCategory;
  orgKey: string;
  partyGroupKey: string | null;
  joinedOn: string;
  fullOn: string | null;
  workStartedOn: string | null;
  jobCategory: string;
  post: string;
  title: Title | null;
  departmentKey: string;
  campusKey: string;
  phone: string;
  address: string;
}

export interface DemoUser {
  username: string;
  name: string;
  password: string;
  memberKey: string | null;
  roles: { role: Role; orgKey: string | null }[];
}

export interface DemoTenant {
  code: string;
  name: string;
  campuses: DemoCampus[];
  departments: DemoDepartment[];
  orgs: DemoOrg[];
  members: DemoMember[];
  users: DemoUser[];
}

export interface DemoLogin {
  tenantCode: string;
  username: string;
  password: string;
  roleLabel: string;
}

export interface DemoData {
  today: string;
  tenants: DemoTenant[];
  logins: DemoLogin[];
  /** The commission over the units, when asked for (DemoOptions.commission). */
  commission: DemoCommission | null;
}

export interface DemoOptions {
  seed?: number;
  today?: string;
  /**
   * Also a provincial health commission (XX省卫生健康委员会) over the demo hospital, the county
   * hospital and two more small hospitals, with its account (npm start and the journeys; the server
   * tests' database keeps the two hospitals).
   */
  commission?: boolean;
}

// ---------------------------------------------------------------------------------------
// Seeded randomness and calendar arithmetic

/** mulberry32: tiny, fast, and good enough to make data look random while staying reproducible. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Random {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
  weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T {
    const total = entries.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [value, weight] of entries) {
      r -= weight;
      if (r < 0) return value;
    }
    const last = entries[entries.length - 1];
    if (!last) throw new Error('weighted pick from an empty list');
    return last[0];
  }
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }
}

const DAY_MS = 86_400_000;

function toDayNumber(iso: string): number {
  return Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
}
function fromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
export function addDays(iso: string, days: number): string {
  return fromDayNumber(toDayNumber(iso) + days);
}
/** Calendar years; 29 February falls back to 28 February in common years. */
export function addYears(iso: string, years: number): string {
  const y = Number(iso.slice(0, 4)) + years;
  let md = iso.slice(5);
  if (md === '02-29' && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) md = '02-28';
  return `${String(y).padStart(4, '0')}-${md}`;
}
/** Completed years of age on `day`. */
export function ageOn(birthDate: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) >= birthDate.slice(5) ? years : years - 1;
}
function clampDate(iso: string, min: string, max: string): string {
  if (iso < min) return min;
  if (iso > max) return max;
  return iso;
}

// ---------------------------------------------------------------------------------------
// Hospital structure

/** What kind of person fills a slot; decides education, title, post and 工作岗位. */
type PersonRole =
  | 'doctor'
  | 'nurse'
  | 'technician'
  | 'pharmacist'
  | 'teacher'
  | 'researcher'
  | 'engineer'
  | 'manager'
  | 'leader'
  | 'worker'
  | 'student'
  | 'retired';

/** A department head slot: role, post (职务) and the age range people in that post have. */
type HeadSlot = readonly [role: PersonRole, post: string, minAge: number, maxAge: number];

interface DepartmentSpec {
  name: string;
  kind: DepartmentKind;
  campus: string;
  isTeachingOffice?: boolean;
  heads: readonly HeadSlot[];
  /** Roles of the other staff, weighted. */
  staff: ReadonlyArray<readonly [PersonRole, number]>;
}

const CLINICAL_HEADS: readonly HeadSlot[] = [
  ['doctor', '科主任', 46, 58],
  ['doctor', '科副主任', 40, 55],
  ['nurse', '护士长', 36, 52],
];
const CLINICAL_STAFF: ReadonlyArray<readonly [PersonRole, number]> = [
  ['doctor', 48],
  ['nurse', 52],
];
const IMAGING_HEADS: readonly HeadSlot[] = [
  ['doctor', '科主任', 46, 58],
  ['doctor', '科副主任', 40, 55],
];
const IMAGING_STAFF: ReadonlyArray<readonly [PersonRole, number]> = [
  ['doctor', 60],
  ['technician', 35],
  ['nurse', 5],
];

function clinical(name: string, campus: string): DepartmentSpec {
  return { name, kind: 'clinical', campus, heads: CLINICAL_HEADS, staff: CLINICAL_STAFF };
}
function imaging(name: string, campus: string): DepartmentSpec {
  return { name, kind: 'medtech', campus, heads: IMAGING_HEADS, staff: IMAGING_STAFF };
}
/** The ages of the posts of a department led by its own profession: the head, the deputy, a secretary. */
const LED_AGES = [
  [46, 58],
  [40, 55],
  [30, 42],
] as const;
/** A department on the main campus whose heads are of its own profession (`posts` top down), its staff by default of that profession only. */
function ledBy(role: PersonRole, name: string, kind: DepartmentKind, posts: readonly string[], staff: DepartmentSpec['staff'] = [[role, 1]]): DepartmentSpec {
  const heads = posts.map((post, i): HeadSlot => [role, post, LED_AGES[i]![0], LED_AGES[i]![1]]);
  return { name, kind, campus: MAIN, heads, staff };
}
function teachingOffice(name: string): DepartmentSpec {
  return { ...ledBy('teacher', name, 'teaching', ['教研室主任', '教研室副主任', '教学秘书']), isTeachingOffice: true };
}
function office(name: string, kind: DepartmentKind, campus: string, heads: string[], staff?: DepartmentSpec['staff']): DepartmentSpec {
  const slots: HeadSlot[] = heads.map((post, i) => (i === 0 ? ['manager', post, 45, 58] : ['manager', post, 38, 55]));
  return { name, kind, campus, heads: slots, staff: staff ?? [['manager', 1]] };
}

const MAIN = '本部院区';
const EAST = '东院区';
const SOUTH = '南院区';

const DEMO_CAMPUSES: readonly DemoCampus[] = [
  { key: MAIN, name: MAIN, address: '示例市鼓楼区解放路222号', sort: 1 },
  { key: EAST, name: EAST, address: '示例市经济技术开发区大学路209号', sort: 2 },
  { key: SOUTH, name: SOUTH, address: '示例市南湖新区健康大道18号', sort: 3 },
];

const DEMO_DEPARTMENTS: readonly DepartmentSpec[] = [
  clinical('心血管内科', MAIN),
  clinical('呼吸与危重症医学科', MAIN),
  clinical('消化内科', MAIN),
  clinical('神经内科', MAIN),
  clinical('肾内科', EAST),
  clinical('内分泌科', EAST),
  clinical('血液科', MAIN),
  clinical('急诊科', MAIN),
  clinical('全科医学科', MAIN),
  clinical('重症医学科', MAIN),
  clinical('老年医学科', EAST),
  clinical('感染性疾病科', EAST),
  clinical('普通外科', MAIN),
  clinical('骨科', EAST),
  clinical('神经外科', MAIN),
  clinical('心胸外科', MAIN),
  clinical('泌尿外科', EAST),
  clinical('妇产科', SOUTH),
  clinical('儿科', SOUTH),
  clinical('眼科', EAST),
  clinical('耳鼻咽喉头颈外科', EAST),
  clinical('口腔科', SOUTH),
  clinical('皮肤科', SOUTH),
  clinical('肿瘤科', EAST),
  clinical('康复医学科', SOUTH),
  clinical('中医科', SOUTH),
  {
    name: '麻醉科',
    kind: 'clinical',
    campus: MAIN,
    heads: [
      ['doctor', '科主任', 46, 58],
      ['doctor', '科副主任', 40, 55],
      ['nurse', '手术室护士长', 36, 52],
    ],
    staff: [
      ['doctor', 55],
      ['nurse', 45],
    ],
  },
  imaging('放射科', MAIN),
  imaging('超声医学科', MAIN),
  imaging('核医学科', MAIN),
  imaging('病理科', MAIN),
  ledBy('technician', '检验科', 'medtech', ['科主任', '科副主任'], [
    ['technician', 88],
    ['doctor', 12],
  ]),
  {
    name: '输血科',
    kind: 'medtech',
    campus: MAIN,
    heads: [['technician', '科主任', 45, 58]],
    staff: [
      ['technician', 80],
      ['doctor', 20],
    ],
  },
  ledBy('pharmacist', '药学部', 'medtech', ['药学部主任', '药学部副主任']),
  {
    name: '护理部',
    kind: 'admin',
    campus: MAIN,
    heads: [
      ['nurse', '护理部主任', 46, 55],
      ['nurse', '护理部副主任', 40, 55],
    ],
    staff: [['nurse', 1]],
  },
  teachingOffice('内科学教研室'),
  teachingOffice('外科学教研室'),
  {
    name: '临床技能中心',
    kind: 'teaching',
    campus: MAIN,
    heads: [['teacher', '中心主任', 44, 58]],
    staff: [
      ['teacher', 60],
      ['technician', 40],
    ],
  },
  office('教育处', 'teaching', MAIN, ['教育处处长', '教育处副处长']),
  {
    name: '临床医学研究中心',
    kind: 'research',
    campus: EAST,
    heads: [['researcher', '中心主任', 45, 58]],
    staff: [
      ['researcher', 85],
      ['technician', 15],
    ],
  },
  {
    name: '中心实验室',
    kind: 'research',
    campus: MAIN,
    heads: [['researcher', '实验室主任', 42, 58]],
    staff: [
      ['researcher', 70],
      ['technician', 30],
    ],
  },
  office('党委办公室', 'admin', MAIN, ['党委办公室主任', '党委办公室副主任']),
  {
    name: '院长办公室',
    kind: 'admin',
    campus: MAIN,
    // 院领导 sit in the office branch (机关党支部), as in most hospitals.
    heads: [
      ['leader', '党委书记', 50, 59],
      ['leader', '院长', 50, 59],
      ['leader', '党委副书记', 48, 59],
      ['leader', '副院长', 46, 59],
      ['leader', '副院长', 46, 59],
      ['leader', '副院长', 46, 59],
      ['leader', '纪委书记', 48, 59],
      ['manager', '院长办公室主任', 44, 56],
      ['manager', '院长办公室副主任', 38, 52],
    ],
    staff: [['manager', 1]],
  },
  office('组织部', 'admin', MAIN, ['组织部部长', '组织部副部长']),
  office('宣传部', 'admin', MAIN, ['宣传部部长', '宣传部副部长']),
  office('纪委办公室', 'admin', MAIN, ['纪委办公室主任']),
  office('统战部', 'admin', MAIN, ['统战部部长']),
  office('工会', 'admin', MAIN, ['工会常务副主席']),
  office('团委', 'admin', MAIN, ['团委书记']),
  office('医务处', 'admin', MAIN, ['医务处处长', '医务处副处长'], [
    ['manager', 70],
    ['doctor', 30],
  ]),
  office('门诊部', 'admin', MAIN, ['门诊部主任'], [
    ['manager', 50],
    ['nurse', 50],
  ]),
  office('财务处', 'admin', MAIN, ['财务处处长', '财务处副处长']),
  office('人力资源处', 'admin', MAIN, ['人力资源处处长', '人力资源处副处长']),
  office('信息中心', 'admin', MAIN, ['信息中心主任'], [['engineer', 1]]),
  office('医学装备处', 'logistics', MAIN, ['医学装备处处长'], [
    ['engineer', 50],
    ['manager', 30],
    ['worker', 20],
  ]),
  office('后勤保障处', 'logistics', MAIN, ['后勤保障处处长', '后勤保障处副处长'], [
    ['worker', 75],
    ['manager', 25],
  ]),
  office('保卫处', 'logistics', MAIN, ['保卫处处长'], [
    ['worker', 80],
    ['manager', 20],
  ]),
  office('离退休工作处', 'admin', MAIN, ['离退休工作处处长']),
];

const COMMITTEE = '中共示例医科大学附属第一医院委员会';
const INTERNAL = '内科党总支';
const SURGICAL = '外科党总支';
const MEDTECH_ADMIN = '医技与机关党总支';

export const ER_BRANCH = '急诊科全科医学科党支部';
export const NEUROLOGY_BRANCH = '神经内科党支部';
export const ER_PARTY_GROUPS = ['急诊门诊党小组', '重症监护室党小组', '输液室党小组', '全科病房党小组'] as const;
export const TEMPORARY_BRANCH = '援疆医疗队临时党支部';

interface GroupPlan {
  names: readonly string[];
  /** Which group a member of the branch belongs to (by ward, as the source branch does). */
  assign: (slot: { department: string; role: PersonRole; index: number }, rnd: Random) => string;
}

/** Two party groups the branch's members join in turn. */
function alternating(first: string, second: string): GroupPlan {
  return { names: [first, second], assign: ({ index }) => (index % 2 === 0 ? first : second) };
}

interface BranchSpec {
  name: string;
  parent: string;
  type?: 'branch' | 'joint_branch';
  departments: readonly string[];
  /** Relative share of each department in the branch; equal when omitted. */
  weights?: readonly number[];
  size: number;
  establishedOn: string;
  population?: 'staff' | 'student' | 'retired';
  groups?: GroupPlan;
  pairedWith?: string;
}

const DEMO_BRANCHES: readonly BranchSpec[] = [
  { name: '心血管内科党支部', parent: INTERNAL, departments: ['心血管内科'], size: 49, establishedOn: '2009-06-26' },
  { name: '呼吸与危重症医学科党支部', parent: INTERNAL, departments: ['呼吸与危重症医学科'], size: 44, establishedOn: '2012-03-15' },
  { name: '消化内科党支部', parent: INTERNAL, departments: ['消化内科'], size: 42, establishedOn: '2009-06-26' },
  { name: NEUROLOGY_BRANCH, parent: INTERNAL, departments: ['神经内科'], size: 35, establishedOn: '2010-05-20' },
  { name: '肾内科内分泌科党支部', parent: INTERNAL, departments: ['肾内科', '内分泌科'], size: 42, establishedOn: '2015-09-10' },
  { name: '血液科党支部', parent: INTERNAL, departments: ['血液科'], size: 26, establishedOn: '2013-04-18' },
  {
    name: ER_BRANCH,
    parent: INTERNAL,
    departments: ['急诊科', '全科医学科', '重症医学科'],
    weights: [45, 25, 30],
    size: 49,
    establishedOn: '2011-07-01',
    groups: {
      names: ER_PARTY_GROUPS,
      assign: ({ department, role }, rnd) => {
        if (department === '重症医学科') return '重症监护室党小组';
        if (department === '全科医学科') return '全科病房党小组';
        return role === 'nurse' && rnd.chance(0.55) ? '输液室党小组' : '急诊门诊党小组';
      },
    },
  },
  { name: '肿瘤科党支部', parent: INTERNAL, departments: ['肿瘤科'], size: 40, establishedOn: '2014-06-30' },
  { name: '老年医学科党支部', parent: INTERNAL, departments: ['老年医学科'], size: 24, establishedOn: '2018-03-08' },
  { name: '感染性疾病科党支部', parent: INTERNAL, departments: ['感染性疾病科'], size: 22, establishedOn: '2020-02-03' },
  { name: '儿科党支部', parent: INTERNAL, departments: ['儿科'], size: 46, establishedOn: '2009-06-26' },
  { name: '康复医学科中医科党支部', parent: INTERNAL, departments: ['康复医学科', '中医科'], size: 33, establishedOn: '2016-11-22' },
  { name: '皮肤科口腔科党支部', parent: INTERNAL, departments: ['皮肤科', '口腔科'], size: 30, establishedOn: '2016-11-22' },
  // 三位一体: branch, 教研室 and department share organisation, people and work (济宁医学院).
  { name: '内科学教研室党支部', parent: INTERNAL, departments: ['内科学教研室'], size: 21, establishedOn: '2019-09-10' },
  {
    name: '临床医学院2023级研究生党支部',
    parent: INTERNAL,
    departments: ['教育处'],
    size: 38,
    establishedOn: '2023-10-16',
    population: 'student',
    pairedWith: '内科学教研室党支部',
  },
  {
    name: '临床医学院2024级研究生党支部',
    parent: INTERNAL,
    departments: ['教育处'],
    size: 26,
    establishedOn: '2024-10-21',
    population: 'student',
    pairedWith: '外科学教研室党支部',
  },

  { name: '普通外科第一党支部', parent: SURGICAL, departments: ['普通外科'], size: 47, establishedOn: '2009-06-26' },
  { name: '普通外科第二党支部', parent: SURGICAL, departments: ['普通外科'], size: 45, establishedOn: '2017-05-12' },
  {
    name: '骨科党支部',
    parent: SURGICAL,
    departments: ['骨科'],
    size: 56,
    establishedOn: '2009-06-26',
    groups: alternating('创伤骨科党小组', '脊柱关节外科党小组'),
  },
  { name: '神经外科党支部', parent: SURGICAL, departments: ['神经外科'], size: 42, establishedOn: '2011-03-25' },
  { name: '心胸外科党支部', parent: SURGICAL, departments: ['心胸外科'], size: 38, establishedOn: '2011-03-25' },
  { name: '泌尿外科党支部', parent: SURGICAL, departments: ['泌尿外科'], size: 32, establishedOn: '2013-04-18' },
  {
    name: '妇产科党支部',
    parent: SURGICAL,
    departments: ['妇产科'],
    size: 58,
    establishedOn: '2009-06-26',
    groups: alternating('产科党小组', '妇科党小组'),
  },
  { name: '眼科耳鼻咽喉头颈外科党支部', parent: SURGICAL, departments: ['眼科', '耳鼻咽喉头颈外科'], size: 36, establishedOn: '2015-09-10' },
  { name: '麻醉科党支部', parent: SURGICAL, departments: ['麻醉科'], size: 48, establishedOn: '2012-03-15' },
  { name: '外科学教研室党支部', parent: SURGICAL, departments: ['外科学教研室'], size: 18, establishedOn: '2019-09-10' },

  { name: '放射科党支部', parent: MEDTECH_ADMIN, departments: ['放射科'], size: 42, establishedOn: '2010-05-20' },
  { name: '超声医学科党支部', parent: MEDTECH_ADMIN, departments: ['超声医学科'], size: 26, establishedOn: '2014-06-30' },
  // Deliberately small: fewer than 7 members, so no branch committee (rules.md).
  { name: '核医学科党支部', parent: MEDTECH_ADMIN, departments: ['核医学科'], size: 5, establishedOn: '2021-06-18' },
  { name: '检验科输血科党支部', parent: MEDTECH_ADMIN, departments: ['检验科', '输血科'], weights: [80, 20], size: 40, establishedOn: '2010-05-20' },
  { name: '病理科党支部', parent: MEDTECH_ADMIN, departments: ['病理科'], size: 20, establishedOn: '2014-06-30' },
  { name: '药学部党支部', parent: MEDTECH_ADMIN, departments: ['药学部'], size: 44, establishedOn: '2009-06-26' },
  { name: '护理部党支部', parent: MEDTECH_ADMIN, departments: ['护理部'], size: 14, establishedOn: '2012-05-12' },
  { name: '教育处临床技能中心党支部', parent: MEDTECH_ADMIN, departments: ['教育处', '临床技能中心'], size: 16, establishedOn: '2018-09-10' },
  { name: '科研党支部', parent: MEDTECH_ADMIN, departments: ['临床医学研究中心', '中心实验室'], size: 22, establishedOn: '2017-12-20' },
  { name: '党政办公室党支部', parent: MEDTECH_ADMIN, departments: ['党委办公室', '院长办公室'], weights: [40, 60], size: 24, establishedOn: '2009-06-26' },
  { name: '组织宣传纪检党支部', parent: MEDTECH_ADMIN, departments: ['组织部', '宣传部', '纪委办公室'], size: 18, establishedOn: '2009-06-26' },
  { name: '医务处门诊部党支部', parent: MEDTECH_ADMIN, departments: ['医务处', '门诊部'], size: 20, establishedOn: '2013-04-18' },
  { name: '财务处人力资源处党支部', parent: MEDTECH_ADMIN, departments: ['财务处', '人力资源处'], size: 26, establishedOn: '2013-04-18' },
  // Small offices too small for a branch of their own share one (联合党支部).
  {
    name: '工会团委统战部联合党支部',
    parent: MEDTECH_ADMIN,
    type: 'joint_branch',
    departments: ['工会', '团委', '统战部'],
    size: 7,
    establishedOn: '2019-04-26',
  },
  { name: '信息中心医学装备处党支部', parent: MEDTECH_ADMIN, departments: ['信息中心', '医学装备处'], size: 22, establishedOn: '2016-11-22' },
  { name: '后勤保障处党支部', parent: MEDTECH_ADMIN, departments: ['后勤保障处', '保卫处'], weights: [75, 25], size: 46, establishedOn: '2009-06-26' },

  { name: '离退休第一党支部', parent: COMMITTEE, departments: ['离退休工作处'], size: 52, establishedOn: '2006-07-01', population: 'retired' },
  { name: '离退休第二党支部', parent: COMMITTEE, departments: ['离退休工作处'], size: 46, establishedOn: '2006-07-01', population: 'retired' },
];

// ---------------------------------------------------------------------------------------
// People

/** Typical age at which people with this education start work. */
const START_AGE: Record<Education, number> = {
  博士研究生: 29,
  硕士研究生: 26,
  大学本科: 22,
  大学专科: 20,
  中专: 18,
};
const DOWNGRADE: Record<Education, Education> = {
  博士研究生: '硕士研究生',
  硕士研究生: '大学本科',
  大学本科: '大学专科',
  大学专科: '中专',
  中专: '中专',
};

function educationFor(role: PersonRole, age: number, rnd: Random): Education {
  const { doctorate: D, master: M, bachelor: B, college: C, secondary: S } = EDUCATION;
  switch (role) {
    case 'doctor':
      return age >= 52 ? rnd.weighted([[D, 18], [M, 37], [B, 45]]) : rnd.weighted([[D, 38], [M, 52], [B, 10]]);
    case 'nurse':
      return age >= 45 ? rnd.weighted([[B, 45], [C, 40], [S, 15]]) : rnd.weighted([[M, 6], [B, 64], [C, 28], [S, 2]]);
    case 'technician':
      return rnd.weighted([[D, 4], [M, 36], [B, 48], [C, 12]]);
    case 'pharmacist':
      return rnd.weighted([[D, 8], [M, 45], [B, 42], [C, 5]]);
    case 'teacher':
      return rnd.weighted([[D, 60], [M, 40]]);
    case 'researcher':
      return rnd.weighted([[D, 75], [M, 25]]);
    case 'engineer':
      return rnd.weighted([[M, 30], [B, 60], [C, 10]]);
    case 'manager':
      return rnd.weighted([[D, 3], [M, 40], [B, 50], [C, 7]]);
    case 'leader':
      return rnd.weighted([[D, 70], [M, 30]]);
    case 'worker':
      return rnd.weighted([[B, 12], [C, 43], [S, 45]]);
    case 'student':
      // Highest completed education: master's students hold a bachelor's, doctoral students a master's.
      return rnd.chance(0.3) ? M : B;
    case 'retired':
      return age >= 72 ? rnd.weighted([[B, 30], [C, 35], [S, 35]]) : rnd.weighted([[M, 12], [B, 43], [C, 30], [S, 15]]);
  }
}

const DEGREE_FIELD: Partial<Record<PersonRole, string>> = {
  doctor: '医学',
  teacher: '医学',
  leader: '医学',
  student: '医学',
  researcher: '医学',
  nurse: '理学',
  technician: '理学',
  pharmacist: '理学',
  engineer: '工学',
  manager: '管理学',
  // Retirees: the field of an old degree is unknown (older rosters often leave 学位 empty).
};

function degreeFor(role: PersonRole, education: Education): string | null {
  const field = DEGREE_FIELD[role];
  if (!field) return null;
  if (education === '博士研究生') return `${field}博士`;
  if (education === '硕士研究生') return `${field}硕士`;
  if (education === '大学本科') return `${field}学士`;
  return null;
}

function staffAge(role: PersonRole, rnd: Random): number {
  const brackets: ReadonlyArray<readonly [readonly [number, number], number]> =
    role === 'doctor' || role === 'teacher' || role === 'researcher'
      ? [[[27, 30], 20], [[31, 40], 38], [[41, 50], 27], [[51, 60], 15]]
      : role === 'nurse'
        ? [[[22, 29], 34], [[30, 39], 38], [[40, 49], 21], [[50, 55], 7]]
        : [[[23, 29], 20], [[30, 39], 35], [[40, 49], 28], [[50, 60], 17]];
  const [min, max] = rnd.weighted(brackets);
  return rnd.int(min, max);
}

const TITLE_ORDER: readonly Title[] = ['初级', '中级', '副高', '正高'];

/**
 * Title by years since starting work: each step needs years at the level below (职称评审),
 * and many people take longer than the minimum. Nurses and people without a degree advance
 * more slowly, which keeps 正高 to the minority it is in a real hospital.
 */
function titleFor(role: PersonRole, education: Education, years: number, rnd: Random): Title {
  const slower = (role === 'nurse' ? 6 : 0) + (education === '大学专科' || education === '中专' ? 4 : 0);
  const toMiddle = { 博士研究生: 2, 硕士研究生: 3, 大学本科: 5, 大学专科: 6, 中专: 7 }[education] + rnd.int(0, 2);
  const toVice = toMiddle + rnd.int(5, 10) + slower;
  const toFull = education === '中专' ? Infinity : toVice + rnd.int(6, 14) + slower;
  if (years >= toFull) return '正高';
  if (years >= toVice) return '副高';
  if (years >= toMiddle) return '中级';
  return '初级';
}
function atLeast(title: Title, floor: Title): Title {
  return TITLE_ORDER.indexOf(title) >= TITLE_ORDER.indexOf(floor) ? title : floor;
}

/*
 * 职称 (title) and 职务 (post, the roster's 行政职务) are different things: 主任医师, 主管护师 or 副教授
 * are professional titles, held as their level (正高/副高/中级/初级) in `title`; `post` is an
 * administrative post — 科主任, 副主任, 护士长, 科长, 院长 … — which most staff do not hold.
 */

/** Trades of the logistics staff (工种): drawn for the record's variety, not a post. */
const WORKER_TRADES = ['电工', '水暖工', '驾驶员', '厨师', '设备维修工', '电梯维保员', '消防控制员', '保卫干事'] as const;

function jobCategoryFor(role: PersonRole): string {
  switch (role) {
    case 'manager':
    case 'leader':
      return JOB_CATEGORY.management;
    case 'worker':
      return JOB_CATEGORY.skilledWorker;
    case 'student':
      return JOB_CATEGORY.student;
    case 'retired':
      return JOB_CATEGORY.retired;
    default:
      return JOB_CATEGORY.professional;
  }
}

function maleShare(role: PersonRole, isHead: boolean): number {
  switch (role) {
    case 'doctor':
      return isHead ? 0.7 : 0.55;
    case 'nurse':
      return 0.04;
    case 'pharmacist':
      return 0.35;
    case 'worker':
    case 'engineer':
      return 0.65;
    case 'leader':
      return 0.75;
    case 'student':
      return 0.42;
    default:
      return 0.5;
  }
}

interface Slot {
  role: PersonRole;
  department: DepartmentSpec;
  headPost: string | null;
  headAge: readonly [number, number] | null;
  fixedEducation: Education | null;
}

/** Shared state across one tenant's people: uniqueness of names, ID numbers and phones. */
interface PeopleContext {
  rnd: Random;
  today: string;
  usedIdNumbers: Set<string>;
  usedPhones: Set<string>;
  usedNames: Set<string>;
  keyPrefix: string;
  count: number;
}

function personName(ctx: PeopleContext, gender: 'male' | 'female', birthYear: number): string {
  const pool = GIVEN_NAMES[eraOf(birthYear)][gender];
  let name = '';
  // Distinct names within a hospital keep search results and screenshots unambiguous.
  for (let attempt = 0; attempt < 30; attempt++) {
    const surname = ctx.rnd.weighted(SURNAMES);
    const given = ctx.rnd.pick(pool);
    name = surname + given;
    // 林林 or 王王华 read as nicknames, not registered names.
    if (!given.includes(surname) && !ctx.usedNames.has(name)) break;
  }
  ctx.usedNames.add(name);
  return name;
}

function idNumberFor(ctx: PeopleContext, areaCode: string, birthDate: string, gender: 'male' | 'female'): string {
  const birth = birthDate.replaceAll('-', '');
  for (;;) {
    // The 17th digit is odd for men and even for women (GB 11643).
    const sequence = ctx.rnd.int(0, 499) * 2 + (gender === 'male' ? 1 : 0);
    const first17 = `${areaCode}${birth}${String(sequence).padStart(3, '0')}`;
    const idNumber = first17 + idNumberCheckChar(first17);
    if (!ctx.usedIdNumbers.has(idNumber)) {
      ctx.usedIdNumbers.add(idNumber);
      return idNumber;
    }
  }
}

function phoneFor(ctx: PeopleContext): string {
  for (;;) {
    const phone = ctx.rnd.pick(PHONE_PREFIXES) + String(ctx.rnd.int(0, 99_999_999)).padStart(8, '0');
    if (!ctx.usedPhones.has(phone)) {
      ctx.usedPhones.add(phone);
      return phone;
    }
  }
}

function addressFor(rnd: Random, city: string, districts: readonly string[]): string {
  const floor = rnd.int(1, 18);
  return `${city}${rnd.pick(districts)}${rnd.pick(RESIDENTIAL_AREAS)}${rnd.int(1, 24)}号楼${rnd.int(1, 4)}单元${floor}0${rnd.int(1, 4)}室`;
}

function randomDayOfYear(rnd: Random, year: number): string {
  return addDays(`${year}-01-01`, rnd.int(0, 364));
}

interface PersonOptions {
  orgKey: string;
  partyGroupKey: string | null;
  /** Probability of being a probationary member (预备党员). */
  probationaryShare: number;
  city: string;
  districts: readonly string[];
}

function makePerson(ctx: PeopleContext, slot: Slot, opts: PersonOptions): DemoMember & { role: PersonRole } {
  const { rnd, today } = ctx;
  const { role } = slot;
  const isHead = slot.headPost !== null;
  const gender: 'male' | 'female' = rnd.chance(maleShare(role, isHead)) ? 'male' : 'female';

  // Age, then education, then make them agree: nobody holds a doctorate at 25.
  let age: number;
  if (slot.headAge) age = rnd.int(slot.headAge[0], slot.headAge[1]);
  else if (role === 'student') age = rnd.int(22, 27);
  else if (role === 'retired') {
    const [min, max] = rnd.weighted<readonly [number, number]>([[[60, 69], 45], [[70, 79], 40], [[80, 85], 15]]);
    age = rnd.int(min, max);
  } else age = staffAge(role, rnd);

  let education = slot.fixedEducation ?? educationFor(role, age, rnd);
  if (role === 'student') {
    // Doctoral students (holding a master's) are older than master's students.
    if (education === EDUCATION.master) age = rnd.int(25, 30);
  } else if (role !== 'retired') {
    if (slot.fixedEducation) age = Math.max(age, START_AGE[education] + 1);
    while (START_AGE[education] > age && education !== EDUCATION.secondary) education = DOWNGRADE[education];
  }

  const birthDate = addDays(addYears(today, -age), -rnd.int(0, 364));
  const birthYear = Number(birthDate.slice(0, 4));
  const adult = addYears(birthDate, 18);

  let workStartedOn: string | null = null;
  if (role !== 'student') {
    let year = birthYear + START_AGE[education] + rnd.int(0, 1);
    let start = addDays(`${year}-07-01`, rnd.int(0, 45));
    while (start > today) start = addDays(`${--year}-07-01`, rnd.int(0, 45));
    workStartedOn = start < adult ? addDays(adult, 30) : start;
  }
  const yearsOfService = workStartedOn ? ageOn(workStartedOn, today) : 0;

  let title: Title | null = null;
  let post = '';
  if (role === 'student') {
    // Students hold no post (they are 在读博士/硕士研究生 by their 工作岗位 and education).
  } else if (role === 'retired') {
    title = rnd.weighted<Title | null>([['正高', 15], ['副高', 35], ['中级', 35], ['初级', 5], [null, 10]]);
  } else if (role === 'worker') {
    // A trade (电工, 驾驶员 …) is not a post; a few lead a team. (The trade is still drawn, so the
    // rest of the generated hospital stays as it was.)
    post = yearsOfService >= 15 && rnd.chance(0.3) ? '班组长' : (rnd.pick(WORKER_TRADES), '');
  } else if (role === 'manager' || role === 'leader') {
    if (role === 'leader' || rnd.chance(0.5)) {
      title = titleFor(role, education, yearsOfService, rnd);
      if (role === 'leader') title = atLeast(title, '正高');
      else if (title === '正高') title = '副高';
    }
    // 科员 is a rank, not a post: office staff hold 副科长 or 科长 from their late thirties.
    post = age < 30 ? '' : age < 40 ? rnd.pick(['', '副科长']) : rnd.pick(['副科长', '科长']);
  } else {
    // Clinical, technical, teaching and research staff: a title, and no post unless they head something (below).
    title = titleFor(role, education, yearsOfService, rnd);
  }
  if (slot.headPost) {
    post = slot.headPost;
    // Heads are at least 副高, ward sisters and teaching secretaries at least 中级.
    if (title) title = atLeast(title, /护士长|教学秘书/.test(slot.headPost) ? '中级' : '副高');
  }

  // Membership dates: probationary members joined within the last year (预备期一年);
  // full members became full exactly one year after joining.
  const probationary = !isHead && rnd.chance(opts.probationaryShare);
  let joinedOn: string;
  if (probationary) {
    joinedOn = clampDate(addDays(today, -rnd.int(20, 350)), adult, today);
  } else {
    const latest = addDays(addYears(today, -1), -1);
    const latestYear = Number(latest.slice(0, 4));
    let year: number;
    if (role === 'retired') year = birthYear + rnd.int(20, 42);
    else if (role === 'student' || rnd.chance(0.45)) year = birthYear + rnd.int(19, 22); // at university
    else year = Number((workStartedOn ?? today).slice(0, 4)) + rnd.int(1, 15);
    // Spread the recently employed over the years they could have joined, rather than
    // piling them up on the last possible day.
    if (year > latestYear) year = rnd.int(Math.max(birthYear + 19, latestYear - 4), latestYear);
    const day = randomDayOfYear(rnd, year);
    joinedOn = clampDate(day > latest ? addDays(latest, -rnd.int(0, 300)) : day, addDays(adult, 60), latest);
  }
  const fullOn = probationary ? null : addYears(joinedOn, 1);

  const minority = rnd.chance(MINORITY_SHARE) ? rnd.weighted(MINORITIES.map((m) => [m, m[1]] as const)) : null;
  const [areaCode, nativePlace] = minority
    ? rnd.pick(minority[2])
    : rnd.weighted(BIRTHPLACES.map(([code, place, weight]) => [[code, place] as const, weight] as const));

  ctx.count++;
  return {
    role,
    key: `${ctx.keyPrefix}m${String(ctx.count).padStart(4, '0')}`,
    name: personName(ctx, gender, birthYear),
    gender,
    idNumber: idNumberFor(ctx, areaCode, birthDate, gender),
    ethnicity: minority ? minority[0] : '汉族',
    nativePlace,
    birthDate,
    education,
    degree: degreeFor(role, education),
    category: probationary ? 'probationary' : 'full',
    orgKey: opts.orgKey,
    partyGroupKey: opts.partyGroupKey,
    joinedOn,
    fullOn,
    workStartedOn,
    jobCategory: jobCategoryFor(role),
    post,
    title,
    departmentKey: slot.department.name,
    campusKey: slot.department.campus,
    phone: phoneFor(ctx),
    address: addressFor(rnd, opts.city, opts.districts),
  };
}

/** Heads of each department first, then the other staff spread over departments by weight. */
function rosterFor(spec: BranchSpec, departments: ReadonlyMap<string, DepartmentSpec>, rnd: Random): Slot[] {
  const deps = spec.departments.map((name) => {
    const d = departments.get(name);
    if (!d) throw new Error(`branch ${spec.name}: unknown department ${name}`);
    return d;
  });
  const first = deps[0];
  if (!first) throw new Error(`branch ${spec.name} has no department`);
  const population = spec.population ?? 'staff';
  if (population !== 'staff') {
    const role: PersonRole = population === 'student' ? 'student' : 'retired';
    return Array.from({ length: spec.size }, () => ({ role, department: first, headPost: null, headAge: null, fixedEducation: null }));
  }
  const slots: Slot[] = [];
  for (const d of deps) {
    for (const [role, post, minAge, maxAge] of d.heads) {
      if (slots.length < spec.size) slots.push({ role, department: d, headPost: post, headAge: [minAge, maxAge], fixedEducation: null });
    }
  }
  const rest = spec.size - slots.length;
  const weights = spec.weights ?? deps.map(() => 1);
  const totalWeight = weights.reduce((s, w) => s + w, 0);
  const headsPer = deps.map((d) => Math.min(d.heads.length, spec.size));
  // Target size per department, minus the heads already placed there.
  const targets = deps.map((_, i) => Math.max(0, Math.round((spec.size * (weights[i] ?? 1)) / totalWeight) - (headsPer[i] ?? 0)));
  let assigned = targets.reduce((s, n) => s + n, 0);
  for (let i = 0; assigned !== rest; i = (i + 1) % deps.length) {
    const t = targets[i] ?? 0;
    if (assigned < rest) {
      targets[i] = t + 1;
      assigned++;
    } else if (t > 0) {
      targets[i] = t - 1;
      assigned--;
    }
  }
  deps.forEach((d, i) => {
    for (let n = 0; n < (targets[i] ?? 0); n++) {
      slots.push({ role: rnd.weighted(d.staff), department: d, headPost: null, headAge: null, fixedEducation: null });
    }
  });
  return slots;
}

/**
 * 神经内科党支部 (长治 和平医院, seed 003): 35 members, 4 with a doctorate and 30 with a
 * master's degree. The heads and two more doctors hold the doctorates; one nurse has a
 * bachelor's; everyone else a master's.
 */
function fixNeurologyEducation(slots: Slot[]): void {
  const doctorates = new Set<number>([0, 1]);
  for (let i = 2; i < slots.length && doctorates.size < 4; i++) if (slots[i]?.role === 'doctor') doctorates.add(i);
  let bachelor = slots.findIndex((s, i) => i >= 2 && s.role === 'nurse' && s.headPost === null);
  if (bachelor < 0) bachelor = slots.length - 1;
  slots.forEach((s, i) => {
    s.fixedEducation = doctorates.has(i) ? EDUCATION.doctorate : i === bachelor ? EDUCATION.bachelor : EDUCATION.master;
  });
}

// ---------------------------------------------------------------------------------------
// Tenants

function shortNameOf(name: string): string {
  return name.replace(/(联合党支部|临时党支部|党支部|党总支|党小组)$/, '');
}

interface BuiltBranches {
  orgs: DemoOrg[];
  members: (DemoMember & { role: PersonRole })[];
}

function buildBranches(
  ctx: PeopleContext,
  branches: readonly BranchSpec[],
  departments: ReadonlyMap<string, DepartmentSpec>,
  parentSort: Map<string, number>,
  place: { city: string; districts: readonly string[] },
): BuiltBranches {
  const { rnd } = ctx;
  const orgs: DemoOrg[] = [];
  const members: BuiltBranches['members'] = [];
  for (const spec of branches) {
    const slots = rosterFor(spec, departments, rnd);
    if (spec.name === NEUROLOGY_BRANCH) fixNeurologyEducation(slots);
    const sort = (parentSort.get(spec.parent) ?? 0) + 1;
    parentSort.set(spec.parent, sort);
    const firstDepartment = departments.get(spec.departments[0] ?? '');
    const branch: DemoOrg = {
      key: spec.name,
      parentKey: spec.parent,
      type: spec.type ?? 'branch',
      name: spec.name,
      shortName: shortNameOf(spec.name),
      sort,
      campusKey: firstDepartment?.campus ?? null,
      establishedOn: spec.establishedOn,
      endsOn: null,
      departmentKeys: [...new Set(spec.departments)],
      secretaryMemberKey: null,
      ...(spec.pairedWith ? { pairedWith: spec.pairedWith } : {}),
    };
    orgs.push(branch);
    const groupKey = (group: string) => `${spec.name}/${group}`;
    spec.groups?.names.forEach((group, i) => {
      orgs.push({
        key: groupKey(group),
        parentKey: spec.name,
        type: 'party_group',
        name: group,
        shortName: shortNameOf(group),
        sort: i + 1,
        campusKey: branch.campusKey,
        establishedOn: spec.establishedOn,
        endsOn: null,
        departmentKeys: [],
        secretaryMemberKey: null,
      });
    });
    const probationaryShare = spec.population === 'retired' ? 0 : spec.population === 'student' ? 0.16 : spec.size < 10 ? 0 : 0.04;
    const branchMembers = slots.map((slot, index) => {
      const group = spec.groups ? spec.groups.assign({ department: slot.department.name, role: slot.role, index }, rnd) : null;
      return makePerson(ctx, slot, {
        orgKey: spec.name,
        partyGroupKey: group ? groupKey(group) : null,
        probationaryShare,
        ...place,
      });
    });
    branch.secretaryMemberKey = chooseSecretary(branchMembers, rnd)?.key ?? null;
    members.push(...branchMembers);
  }
  return { orgs, members };
}

/**
 * Clinical and teaching branches take a department head as secretary (双带头人: party and
 * professional leader in one person); other branches take a senior full member.
 */
function chooseSecretary(members: readonly (DemoMember & { role: PersonRole })[], rnd: Random): DemoMember | undefined {
  const full = members.filter((m) => m.category === 'full');
  const chiefs = full.filter((m) => ['科主任', '科副主任', '教研室主任', '教研室副主任'].includes(m.post));
  if (chiefs.length > 0) return rnd.pick(chiefs);
  const heads = full.filter((m) => /(主任|处长|部长|书记|主席)$/.test(m.post) && !m.post.includes('副'));
  if (heads.length > 0) return heads[0];
  const doctoral = full.filter((m) => m.role === 'student' && m.education === EDUCATION.master);
  if (doctoral.length > 0) return doctoral[0];
  return full.find((m) => m.role === 'retired' && m.title !== null && m.birthDate > '1950-01-01') ?? full[0];
}

function departmentsOut(specs: readonly DepartmentSpec[]): DemoDepartment[] {
  return specs.map((d, i) => ({
    key: d.name,
    name: d.name,
    kind: d.kind,
    campusKey: d.campus,
    isTeachingOffice: d.isTeachingOffice ?? false,
    sort: i + 1,
  }));
}

function stripRole<T extends { role: PersonRole }>(m: T): Omit<T, 'role'> {
  const { role: _role, ...rest } = m;
  return rest;
}

function buildDemoHospital(rnd: Random, today: string, usedIdNumbers: Set<string>, usedPhones: Set<string>): DemoTenant {
  const ctx: PeopleContext = { rnd, today, usedIdNumbers, usedPhones, usedNames: new Set(), keyPrefix: 'demo:', count: 0 };
  const departments = new Map(DEMO_DEPARTMENTS.map((d) => [d.name, d]));
  const place = { city: '示例市', districts: CITY_DISTRICTS };

  const orgs: DemoOrg[] = [
    {
      key: COMMITTEE,
      parentKey: null,
      type: 'committee',
      name: COMMITTEE,
      shortName: '院党委',
      sort: 1,
      campusKey: null,
      establishedOn: '1958-07-01',
      endsOn: null,
      departmentKeys: [],
      secretaryMemberKey: null,
    },
    ...[INTERNAL, SURGICAL, MEDTECH_ADMIN].map(
      (name, i): DemoOrg => ({
        key: name,
        parentKey: COMMITTEE,
        type: 'general_branch',
        name,
        shortName: shortNameOf(name),
        sort: i + 1,
        campusKey: null,
        establishedOn: '2017-06-28',
        endsOn: null,
        departmentKeys: [],
        secretaryMemberKey: null,
      }),
    ),
  ];
  const parentSort = new Map<string, number>([[COMMITTEE, 3]]);
  const built = buildBranches(ctx, DEMO_BRANCHES, departments, parentSort, place);
  orgs.push(...built.orgs);
  const members = built.members;

  // General branch secretaries: a head of one of their clinical branches.
  for (const general of orgs.filter((o) => o.type === 'general_branch')) {
    const firstBranch = orgs.find((o) => o.parentKey === general.key && o.secretaryMemberKey);
    general.secretaryMemberKey = firstBranch?.secretaryMemberKey ?? null;
  }
  const committee = orgs.find((o) => o.type === 'committee');
  if (committee) committee.secretaryMemberKey = members.find((m) => m.post === '党委书记')?.key ?? null;

  // 临时党支部 for the 援疆 medical team (paired assistance, seed 004): members keep their
  // membership in their home branches; the team lasts one year and is active on `today`.
  const secretaries = new Set(orgs.map((o) => o.secretaryMemberKey));
  const clinicalBranches = new Set(DEMO_BRANCHES.filter((b) => b.parent === INTERNAL || b.parent === SURGICAL).map((b) => b.name));
  const candidates = rnd.shuffle(
    members.filter(
      (m) =>
        clinicalBranches.has(m.orgKey) &&
        (m.role === 'doctor' || m.role === 'nurse') &&
        m.category === 'full' &&
        !secretaries.has(m.key) &&
        !['科主任', '科副主任', '护士长', '手术室护士长'].includes(m.post) &&
        ageOn(m.birthDate, today) >= 28 &&
        ageOn(m.birthDate, today) <= 50,
    ),
  );
  const leader = candidates.find((m) => m.role === 'doctor' && (m.title === '副高' || m.title === '正高')) ?? candidates[0];
  const team = [
    ...(leader ? [leader] : []),
    ...candidates.filter((m) => m !== leader && m.role === 'doctor').slice(0, 7),
    ...candidates.filter((m) => m !== leader && m.role === 'nurse').slice(0, 4),
  ];
  const teamStart = addDays(today, -250);
  orgs.push({
    key: TEMPORARY_BRANCH,
    parentKey: COMMITTEE,
    type: 'temporary_branch',
    name: TEMPORARY_BRANCH,
    shortName: shortNameOf(TEMPORARY_BRANCH),
    sort: (parentSort.get(COMMITTEE) ?? 0) + 1,
    campusKey: null,
    establishedOn: teamStart,
    endsOn: addDays(addYears(teamStart, 1), -1),
    departmentKeys: [],
    secretaryMemberKey: leader?.key ?? null,
    teamMemberKeys: team.map((m) => m.key),
  });

  // Accounts.
  const er = orgs.find((o) => o.key === ER_BRANCH);
  const erSecretary = members.find((m) => m.key === er?.secretaryMemberKey);
  const ordinary = members.find(
    (m) => m.orgKey === ER_BRANCH && m.category === 'full' && m.key !== erSecretary?.key && (m.role === 'doctor' || m.role === 'nurse') && m.post === '' && m.title !== '副高',
  );
  const organiser = members.find((m) => m.post === '组织部部长');
  const inspector = members.find((m) => m.post === '纪委办公室主任');
  const hospitalLeader = members.find((m) => m.post === '院长');
  const partyOfficer = members.find((m) => m.post === '党委办公室主任');
  const presidentOfficer = members.find((m) => m.post === '院长办公室主任');
  // A 承办人 of decision tasks: the head of the medical affairs office (医务处).
  const taskOwner = members.find((m) => m.post === '医务处处长');
  if (!er || !erSecretary || !ordinary || !organiser || !inspector || !hospitalLeader || !partyOfficer || !presidentOfficer || !taskOwner) {
    throw new Error('demo generator: a member needed for the demo accounts is missing');
  }
  const adminName = personName(ctx, 'male', 1986);
  const users: DemoUser[] = [
    { username: 'admin', name: adminName, password: DEMO_PASSWORD, memberKey: null, roles: [{ role: 'sys_admin', orgKey: null }] },
    { username: 'org', name: organiser.name, password: DEMO_PASSWORD, memberKey: organiser.key, roles: [{ role: 'org_office', orgKey: null }] },
    {
      username: 'secretary',
      name: erSecretary.name,
      password: DEMO_PASSWORD,
      memberKey: erSecretary.key,
      roles: [{ role: 'branch_secretary', orgKey: ER_BRANCH }],
    },
    { username: 'member', name: ordinary.name, password: DEMO_PASSWORD, memberKey: ordinary.key, roles: [{ role: 'member', orgKey: null }] },
    { username: 'jijian', name: inspector.name, password: DEMO_PASSWORD, memberKey: inspector.key, roles: [{ role: 'inspector', orgKey: null }] },
    { username: 'leader', name: hospitalLeader.name, password: DEMO_PASSWORD, memberKey: hospitalLeader.key, roles: [{ role: 'leader', orgKey: null }] },
    { username: 'dangban', name: partyOfficer.name, password: DEMO_PASSWORD, memberKey: partyOfficer.key, roles: [{ role: 'party_office', orgKey: null }] },
    { username: 'yuanban', name: presidentOfficer.name, password: DEMO_PASSWORD, memberKey: presidentOfficer.key, roles: [{ role: 'president_office', orgKey: null }] },
    { username: 'chengban', name: taskOwner.name, password: DEMO_PASSWORD, memberKey: taskOwner.key, roles: [{ role: 'task_owner', orgKey: null }] },
  ];

  return {
    code: 'demo',
    name: '示例医科大学附属第一医院',
    campuses: DEMO_CAMPUSES.map((c) => ({ ...c })),
    departments: departmentsOut(DEMO_DEPARTMENTS),
    orgs,
    members: members.map(stripRole),
    users,
  };
}

/** A small hospital: one campus, a 党委 and a few branches; the county hospital and the commission's other units. */
interface SmallHospitalSpec {
  code: string;
  name: string;
  committee: string;
  campus: string;
  address: string;
  departments: readonly DepartmentSpec[];
  branches: readonly BranchSpec[];
  area: { city: string; districts: readonly string[] };
  admin: string;
  establishedOn: string;
}

const COUNTY_CAMPUS = '院本部';
const COUNTY_COMMITTEE = '中共示例县人民医院委员会';
const COUNTY: SmallHospitalSpec = {
  code: 'county',
  name: '示例县人民医院',
  committee: COUNTY_COMMITTEE,
  campus: COUNTY_CAMPUS,
  address: '示例县城关镇人民路88号',
  departments: [clinical('内科', COUNTY_CAMPUS), clinical('外科', COUNTY_CAMPUS), office('院办公室', 'admin', COUNTY_CAMPUS, ['院办公室主任'])],
  branches: [
    { name: '临床党支部', parent: COUNTY_COMMITTEE, departments: ['内科', '外科'], size: 20, establishedOn: '2012-06-28' },
    { name: '行政后勤党支部', parent: COUNTY_COMMITTEE, departments: ['院办公室'], size: 10, establishedOn: '2012-06-28' },
  ],
  area: { city: '示例县', districts: ['城关镇', '城南街道', '城北街道'] },
  admin: 'county.admin',
  establishedOn: '1978-10-01',
};

const CITY2_COMMITTEE = '中共示例市第二人民医院委员会';
const TCM_COMMITTEE = '中共示例市中医医院委员会';
/** The commission's other small units (DemoOptions.commission): generated like the county hospital. */
const COMMISSION_HOSPITALS: readonly SmallHospitalSpec[] = [
  {
    code: 'city2',
    name: '示例市第二人民医院',
    committee: CITY2_COMMITTEE,
    campus: '院本部',
    address: '示例市和平区建设路126号',
    departments: [clinical('心血管内科', '院本部'), clinical('普通外科', '院本部'), clinical('妇产科', '院本部'), clinical('儿科', '院本部'), office('党委办公室', 'admin', '院本部', ['党委办公室主任']), office('总务科', 'logistics', '院本部', ['总务科科长'])],
    branches: [
      { name: '内科党支部', parent: CITY2_COMMITTEE, departments: ['心血管内科'], size: 18, establishedOn: '2009-07-01' },
      { name: '外科党支部', parent: CITY2_COMMITTEE, departments: ['普通外科'], size: 16, establishedOn: '2009-07-01' },
      { name: '妇儿党支部', parent: CITY2_COMMITTEE, departments: ['妇产科', '儿科'], size: 14, establishedOn: '2015-03-20' },
      { name: '机关后勤党支部', parent: CITY2_COMMITTEE, departments: ['党委办公室', '总务科'], size: 12, establishedOn: '2009-07-01' },
    ],
    area: { city: '示例市', districts: ['和平区', '新华区', '长安区'] },
    admin: 'city2.admin',
    establishedOn: '1956-05-01',
  },
  {
    code: 'tcm',
    name: '示例市中医医院',
    committee: TCM_COMMITTEE,
    campus: '院本部',
    address: '示例市新华区中华北大街58号',
    departments: [clinical('中医内科', '院本部'), clinical('针灸推拿科', '院本部'), office('院办公室', 'admin', '院本部', ['院办公室主任'])],
    branches: [
      { name: '临床党支部', parent: TCM_COMMITTEE, departments: ['中医内科', '针灸推拿科'], size: 22, establishedOn: '2011-09-15' },
      { name: '行政党支部', parent: TCM_COMMITTEE, departments: ['院办公室'], size: 9, establishedOn: '2011-09-15' },
    ],
    area: { city: '示例市', districts: ['新华区', '桥西区', '裕华区'] },
    admin: 'tcm.admin',
    establishedOn: '1984-10-01',
  },
];

function buildSmallHospital(spec: SmallHospitalSpec, rnd: Random, today: string, usedIdNumbers: Set<string>, usedPhones: Set<string>): DemoTenant {
  const ctx: PeopleContext = { rnd, today, usedIdNumbers, usedPhones, usedNames: new Set(), keyPrefix: `${spec.code}:`, count: 0 };
  const departments = new Map(spec.departments.map((d) => [d.name, d]));
  const orgs: DemoOrg[] = [
    {
      key: spec.committee,
      parentKey: null,
      type: 'committee',
      name: spec.committee,
      shortName: '院党委',
      sort: 1,
      campusKey: null,
      establishedOn: spec.establishedOn,
      endsOn: null,
      departmentKeys: [],
      secretaryMemberKey: null,
    },
  ];
  const built = buildBranches(ctx, spec.branches, departments, new Map(), { city: spec.area.city, districts: [...spec.area.districts] });
  orgs.push(...built.orgs);
  return {
    code: spec.code,
    name: spec.name,
    campuses: [{ key: spec.campus, name: spec.campus, address: spec.address, sort: 1 }],
    departments: departmentsOut(spec.departments),
    orgs,
    members: built.members.map(stripRole),
    users: [
      {
        username: spec.admin,
        name: personName(ctx, 'female', 1988),
        password: DEMO_PASSWORD,
        memberKey: null,
        roles: [{ role: 'sys_admin', orgKey: null }],
      },
    ],
  };
}

/** The demo commission (DemoOptions.commission): a provincial health commission over the demo hospitals. */
export interface DemoCommission {
  code: string;
  name: string;
  kind: 'health';
  officeName: string;
  /** Unit codes, with the day each joined. */
  units: { code: string; joinedOn: string }[];
  account: { username: string; name: string; password: string };
}

const ROLE_LABELS: Record<Role, string> = {
  sys_admin: '系统管理员',
  org_office: '组织部',
  branch_secretary: '支部书记',
  member: '党员',
  inspector: '纪检',
  leader: '院领导',
  party_office: '党办',
  president_office: '院办',
  task_owner: '承办人',
  commission: '卫健委',
};

export function generateDemo(options: DemoOptions = {}): DemoData {
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const today = options.today ?? DEFAULT_DEMO_TODAY;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || Number.isNaN(Date.parse(today))) throw new Error(`today must be YYYY-MM-DD, got ${today}`);
  // ID numbers and phones are unique across both hospitals, as real people's would be.
  const usedIdNumbers = new Set<string>();
  const usedPhones = new Set<string>();
  // Separate streams per tenant, so changing one hospital does not reshuffle the other.
  const tenants = [
    buildDemoHospital(new Random(seed), today, usedIdNumbers, usedPhones),
    buildSmallHospital(COUNTY, new Random((seed ^ 0x5bd1e995) >>> 0), today, usedIdNumbers, usedPhones),
    ...(options.commission ? COMMISSION_HOSPITALS.map((spec, i) => buildSmallHospital(spec, new Random((seed ^ (0x27d4eb2f + i * 0x9e3779b1)) >>> 0), today, usedIdNumbers, usedPhones)) : []),
  ];
  const commission: DemoCommission | null = options.commission
    ? {
        code: 'xx-wjw',
        name: 'XX省卫生健康委员会',
        kind: 'health',
        officeName: 'XX省卫生健康委员会机关党委',
        units: tenants.map((t, i) => ({ code: t.code, joinedOn: i < 2 ? '2024-01-01' : '2025-07-01' })),
        account: { username: 'wjw', name: '卫健委机关党委', password: DEMO_PASSWORD },
      }
    : null;
  const logins: DemoLogin[] = tenants.flatMap((t) =>
    t.users.map((u) => {
      const grant = u.roles[0];
      const label = grant ? ROLE_LABELS[grant.role] : '';
      return {
        tenantCode: t.code,
        username: u.username,
        password: u.password,
        roleLabel: grant?.role === 'branch_secretary' && grant.orgKey ? `${label}（${grant.orgKey}）` : label,
      };
    }),
  );
  if (commission) logins.push({ tenantCode: commission.code, username: commission.account.username, password: commission.account.password, roleLabel: ROLE_LABELS.commission });
  return { today, tenants, logins, commission };
}
