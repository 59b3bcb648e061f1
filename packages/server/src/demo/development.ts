/**
 * Demo member development: ~40 people at every stage in the teaching hospital (a few in the
 * county hospital), with dates that obey the 细则 and some deadlines falling this month.
 *
 * People past step 17 are existing demo members (their files end in the member record they
 * already have: step 15 = their 入党日期); those before step 17 are new applicants. Every
 * timeline is built from the rules, so the demo shows no violations. Deterministic.
 */
import {
  DEFAULT_RULE_SETTINGS,
  type DevelopmentEntryFacts,
  WorkingDayCalendar,
  addDays,
  addMonths,
  addYears,
  compareDates,
  type DevelopmentDetails,
  idNumberCheckChar,
  publicNoticeEndFor,
} from '@hongyi/core';
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { activeMembersForFiles, branchesForFiles } from '../modules/development/repository.js';
import { createFileWithHistory } from '../modules/development/service.js';
import { tenantIdByCode } from '../modules/service/repository.js';
import { mulberry32 } from './generate.js';
import { GIVEN_NAMES, SURNAMES } from './names.js';

const calendar = new WorkingDayCalendar();

interface Planned {
  kind: DevelopmentEntryFacts['kind'];
  step: number | null;
  date: string;
  people?: 'mentors' | 'sponsors';
  details?: Record<string, unknown>;
  documents?: string[];
}

/** The full timeline of someone who applied on `applied`, every step within the rules. */
function timeline(applied: string, meetingOn?: string): Planned[] {
  const s: Record<number, string> = {};
  const out: Planned[] = [];
  const step = (n: number, date: string, extra: Partial<Planned> = {}) => {
    s[n] = date;
    out.push({ kind: 'step', step: n, date, ...extra });
  };
  step(1, applied, { documents: ['入党申请书'] });
  step(2, addDays(applied, 18), { documents: ['谈话记录'] });
  step(3, addMonths(applied, 4), { documents: ['推荐表', '支委会会议记录'] });
  step(4, addDays(s[3]!, 7));
  step(5, addDays(s[3]!, 10), { people: 'mentors' });
  // Written reviews at 6 and 12 months (细则: 每半年考察一次).
  step(6, addMonths(s[3]!, 6), { documents: ['考察登记表'] });
  out.push({ kind: 'review', step: null, date: addMonths(s[3]!, 12) });
  step(7, addDays(addYears(s[3]!, 1), 5), { documents: ['支委会会议记录'] });
  step(8, addDays(s[7]!, 7));
  step(9, addDays(s[7]!, 10), { people: 'sponsors' });
  step(10, addMonths(s[7]!, 1), { documents: ['政治审查报告'] });
  step(11, addMonths(s[7]!, 2), { details: { trainingDays: 3, classHours: 24 }, documents: ['培训结业证书'] });
  step(12, addMonths(s[7]!, 3));
  const noticeStart = addDays(s[12]!, 1);
  const noticeEnd = publicNoticeEndFor(calendar, noticeStart, DEFAULT_RULE_SETTINGS.publicNotice);
  out.push({ kind: 'notice', step: null, date: noticeStart, details: { noticeEnd }, documents: ['公示材料'] });
  step(13, addDays(noticeEnd, 3));
  step(14, addDays(s[13]!, 7), { documents: ['入党志愿书'] });
  // An existing member's 入党日期 is the branch meeting's date, whatever the timeline says.
  step(15, meetingOn ?? addDays(s[14]!, 14), { documents: ['支部大会会议记录'] });
  step(16, addDays(s[15]!, 20), { documents: ['谈话记录'] });
  step(17, addDays(s[15]!, 45));
  // 18 before 19: the pipeline records the steps in order (filing, then placing in the branch).
  step(18, addDays(s[17]!, 5));
  step(19, addDays(s[17]!, 7));
  step(20, addDays(s[17]!, 20));
  step(21, addDays(s[17]!, 30));
  step(22, addDays(addYears(s[15]!, 1), -20), { documents: ['转正申请书'] });
  step(23, addDays(addYears(s[15]!, 1), 5), { documents: ['支部大会会议记录'] });
  step(24, addDays(s[23]!, 30));
  step(25, addDays(s[24]!, 10));
  return out;
}

/** The application date whose timeline puts `step` on `date`. */
function appliedFor(step: number, date: string): string {
  for (let back = 0; back < 2500; back++) {
    const applied = addDays(date, -back);
    const at = timeline(applied).find((p) => p.kind === 'step' && p.step === step);
    if (at && at.date === date) return applied;
    if (at && compareDates(at.date, date) < 0) return applied; // clamped month ends: nearest
  }
  throw new Error(`demo development: no timeline puts step ${step} on ${date}`);
}

interface Person {
  applied: string;
  /** Last step taken (the person stops there even if time would allow more). */
  stopAt: number;
  meetingOn?: string;
  memberId?: number;
  /** Not yet a demo member: the file's approval (step 17) makes them one (syncFile, as for anyone). */
  becomesMember?: boolean;
}

export async function loadDevelopmentDemo(trx: Transaction<DB>, tenantCodes: readonly string[], today: string): Promise<void> {
  for (const code of tenantCodes) {
    const tenantId = await tenantIdByCode(trx, code);
    if (tenantId === undefined) throw new Error(`demo data: unknown tenant ${code}`);
    await loadTenant(trx, tenantId, code === 'demo' ? 40 : 4, today);
  }
}

async function loadTenant(trx: Transaction<DB>, tenantId: number, size: number, today: string): Promise<void> {
  const rnd = mulberry32(20261123 + tenantId);
  const int = (min: number, max: number) => min + Math.floor(rnd() * (max - min + 1));
  const branches = await branchesForFiles(trx, tenantId);
  const members = await activeMembersForFiles(trx, tenantId);
  if (branches.length === 0) return;
  // The branch of the demo secretary gets a share of the files, so the journey has people.
  const featured = branches.find((b) => b.name === '急诊科全科医学科党支部') ?? branches[0]!;
  const branchFor = (i: number) => (i % 4 === 0 ? featured : branches[int(0, branches.length - 1)]!);

  // Who sits where: deadlines this month first, then a spread over all stages.
  const plan: Array<{ person: Person; orgId: number }> = [];
  const add = (person: Person, orgId: number) => plan.push({ person, orgId });
  const t = (days: number) => addDays(today, days);
  const small = size < 10;
  // Deadlines within 30 days: a talk, a review, a notice ending, an approval limit, probation ending.
  add({ applied: t(-12), stopAt: 1 }, featured.id);
  add({ applied: appliedFor(3, addMonths(t(6), -6)), stopAt: 6 }, featured.id);
  if (!small) {
    const at12 = appliedFor(12, t(-3));
    add({ applied: at12, stopAt: 12 }, featured.id);
    add({ applied: appliedFor(15, addMonths(t(9), -3)), stopAt: 16 }, branchFor(1).id);
    add({ applied: appliedFor(3, addMonths(t(20), -6)), stopAt: 6 }, branchFor(2).id);
  }
  // Probation ended 12 days ago and the branch meeting on 转正 is still to be held (overdue):
  // the demo members all joined within the last year, so this one is new.
  if (!small) {
    const meetingOn = addDays(addYears(today, -1), -12);
    add({ applied: appliedFor(15, meetingOn), stopAt: 22, meetingOn, becomesMember: true }, featured.id);
  }
  // Probationary members whose probation ends within 30 days, and recent full members: from
  // the demo members themselves (step 15 = their 入党日期).
  // Oldest first: those whose probation ends soonest.
  const probationers = members
    .filter((m) => m.category === 'probationary' && m.joined_on)
    .sort((a, b) => compareDates(a.joined_on!, b.joined_on!) || a.id - b.id);
  const recentFull = members.filter((m) => m.category === 'full' && m.joined_on && compareDates(m.joined_on, addYears(today, -3)) > 0);
  const memberPeople = [...probationers.slice(0, small ? 1 : 8), ...recentFull.slice(0, small ? 1 : 6)];
  for (const m of memberPeople) {
    const applied = appliedFor(15, m.joined_on!);
    const probationEnd = addYears(m.joined_on!, 1);
    const stopAt = m.category === 'full' ? 25 : compareDates(probationEnd, today) <= 0 ? 22 : 21;
    add({ applied, stopAt, memberId: m.id, meetingOn: m.joined_on! }, m.org_id);
  }
  // The rest: applicants to candidates, spread over 3 years.
  for (let i = 0; plan.length < size; i++) {
    // Up to ~18 months back: everyone stands where the rules have brought them so far.
    const applied = t(-int(25, 560));
    const reachable = timeline(applied).filter((p) => p.kind === 'step' && compareDates(p.date, today) <= 0).length;
    add({ applied, stopAt: Math.max(1, Math.min(reachable, 16)) }, branchFor(i).id);
  }

  const byId = new Map(members.map((m) => [m.id, m]));
  // Who the entries name, as the rules see them (the demo's members are all active).
  const people = new Map(members.map((m) => [m.id, { id: m.id, name: m.name, category: m.category, fullOn: m.full_on, status: 'active' as const }]));
  const auditor = { tenantId, userId: null, username: 'demo', ip: '' };
  let sequence = 0;
  for (const { person, orgId } of plan) {
    const member = person.memberId ? byId.get(person.memberId) : undefined;
    const branchFull = members.filter((m) => m.org_id === orgId && m.category === 'full' && m.id !== member?.id);
    const pickFull = (n: number, on: string) =>
      branchFull
        .filter((m) => m.full_on && compareDates(m.full_on, on) <= 0)
        .slice(int(0, 3), 20)
        .slice(0, n);
    let identity: { name: string; gender: 'male' | 'female'; idNumber: string; birthDate: string; education: string | null; phone: string; departmentId: number | null };
    if (member) {
      identity = {
        name: member.name,
        gender: member.gender,
        idNumber: member.id_number,
        birthDate: member.birth_date ?? addYears(person.applied, -25),
        education: member.education,
        phone: member.phone,
        departmentId: member.department_id,
      };
    } else {
      const gender: 'male' | 'female' = rnd() < 0.4 ? 'male' : 'female';
      const birthDate = addDays(addYears(person.applied, -int(21, 34)), -int(0, 364));
      const era = Number(birthDate.slice(0, 4)) < 1991 ? 'from1976' : 'from1991';
      const surname = SURNAMES[int(0, 40)]![0];
      const pool = GIVEN_NAMES[era][gender];
      const first17 = `320311${birthDate.replaceAll('-', '')}${String(((sequence++ * 7) % 500) * 2 + (gender === 'male' ? 1 : 0)).padStart(3, '0')}`;
      identity = {
        name: surname + pool[int(0, pool.length - 1)]!,
        gender,
        idNumber: first17 + idNumberCheckChar(first17),
        birthDate,
        education: ['大学本科', '硕士研究生', '博士研究生', '大学专科'][int(0, 3)]!,
        phone: `139${String(int(0, 99_999_999)).padStart(8, '0')}`,
        departmentId: null,
      };
    }
    const planned = timeline(person.applied, person.meetingOn).filter(
      (p) => compareDates(p.date, today) <= 0 && (p.step === null ? true : p.step <= person.stopAt),
    );
    // Reviews and notices belong between their steps: drop those past the person's stop.
    const kept = planned.filter((p) => p.kind === 'step' || (p.kind === 'review' && person.stopAt >= 6) || (p.kind === 'notice' && person.stopAt >= 12));
    const entries = kept.map((p) => ({
      entry: { kind: p.kind, step: p.step, date: p.date, peopleIds: p.people ? pickFull(2, p.date).map((m) => m.id) : [], details: (p.details ?? {}) as DevelopmentDetails, documents: p.documents ?? [], note: '' },
      warnings: [],
    }));
    // The same path as an imported history: the file, its entries and the member record the
    // approval (step 17) makes — a new applicant becomes a member exactly as in Hongyi.
    const file = {
      name: identity.name,
      gender: identity.gender,
      id_number: identity.idNumber,
      birth_date: identity.birthDate,
      education: identity.education,
      phone: identity.phone,
      org_id: orgId,
      department_id: identity.departmentId,
      member_id: member?.id ?? null,
    };
    await createFileWithHistory(trx, auditor, file, entries, people, { imported: false });
  }
}
