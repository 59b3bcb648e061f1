/**
 * A year of organisational life for the demo hospitals (December of last year up to `today`):
 * 主题党日, 支委会 with 第一议题, 党小组会, quarterly 党员大会 with 党课, last year's 组织生活会 and
 * 民主评议, a 谈心谈话 round. Most branches keep to the rules; a few have gaps so the 党委 matrix
 * is not all green, and a handful of members stop attending (党章 第九条 flags).
 *
 * Deterministic: seeded PRNG, dates derived from `today`, no clock.
 */
import { type MeetingKind, type PlanItemRef, REVIEW_GRADES, addMonths, compareDates, generateYearPlan, resolveRuleSettings, suggestedPlanItems } from '@hongyi/core';
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { activeMembersForMeetings, orgsForMeetings, studyGroupMembers } from '../modules/orglife/repository.js';
import { type RecordInBulk, insertRecordsInBulk, recordsHeldFrom } from '../modules/orglife/repository-records.js';
import { insertPlanItems, insertPlanLinks } from '../modules/orglife/repository-plan.js';
import { insertChannel } from '../modules/orglife/repository-reminders.js';
import { tenantIdByCode } from '../modules/service/repository.js';
import { idNumberHash } from '../db/sealed.js';
import { type DemoData, mulberry32 } from './generate.js';

const BATCH = 500;
const REASONS = ['值班', '手术', '外出进修', '病假', '出差', '夜班后休息', '参加会诊'];
const SCENES: Record<MeetingKind, readonly string[]> = {
  theme_party_day: ['社区义诊现场', '病区', '门诊', '临床技能中心', '对口支援点'],
  branch_committee_meeting: ['管理服务窗口', '病区'],
  branch_general_meeting: ['病区', '教研室'],
  party_group_meeting: ['病区', '急诊', '手术室', '门诊'],
  party_lecture: ['教研室', '临床技能中心'],
  organisational_life_meeting: ['病区'],
  democratic_review: ['病区'],
  heart_to_heart_talk: ['病区'],
  first_topic_study: ['病区'],
  committee_study_session: ['管理服务窗口'],
};
const THEME_TOPICS = ['走进社区开展健康义诊', '重温入党誓词', '参观红色教育基地', '“我为群众办实事”志愿服务', '学习身边的优秀共产党员事迹', '开展急救技能进社区宣讲'];
const STUDY_TOPICS = ['学习习近平总书记关于卫生健康工作的重要论述', '学习党的二十届四中全会精神', '学习《中国共产党纪律处分条例》', '学习公立医院高质量发展相关文件'];
const LECTURE_TITLES = ['坚守医者初心，践行为民使命', '以高质量党建引领医院高质量发展', '从党史中汲取奋进力量', '廉洁行医，守住底线'];

interface MemberRow {
  id: number;
  name: string;
  category: 'full' | 'probationary';
  party_group_id: number | null;
  joined_on: string | null;
}

export async function loadOrglifeDemo(trx: Transaction<DB>, data: DemoData): Promise<void> {
  const today = data.today;
  const start = `${addMonths(today, -11).slice(0, 7)}-01`; // first day of the month 11 months ago
  const rules = resolveRuleSettings();
  for (const tenantData of data.tenants) {
    const tenantId = await tenantIdByCode(trx, tenantData.code);
    if (tenantId === undefined) throw new Error(`demo data: unknown tenant ${tenantData.code}`);
    const rnd = mulberry32(tenantId * 7919 + 20261123);
    const chance = (p: number) => rnd() < p;
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
    const orgs = await orgsForMeetings(trx, tenantId);
    const members = await activeMembersForMeetings(trx, tenantId);
    const byOrg = new Map<number, MemberRow[]>();
    for (const m of members) (byOrg.get(m.org_id) ?? byOrg.set(m.org_id, []).get(m.org_id)!).push(m);
    const byIdNumber = new Map(members.map((m) => [m.id_number_hash, m]));
    const keyToIdNumber = new Map(tenantData.members.map((m) => [m.key, idNumberHash(m.idNumber)]));
    const memberOfKey = (key: string | null) => (key ? byIdNumber.get(keyToIdNumber.get(key) ?? '') : undefined);

    // A few members stop attending (chronic absentees) so that the 第九条 flags show something.
    const absentees = new Set(members.filter(() => chance(0.012)).map((m) => m.id));
    const branches = orgs.filter((o) => ['branch', 'joint_branch', 'temporary_branch'].includes(o.type));
    // Branches with gaps: every seventh, plus the second branch of the small county hospital.
    const gappy = new Set(branches.filter((_, i) => i % 7 === 3 || (tenantData.code === 'county' && i === 1)).map((b) => b.id));

    interface Draft {
      org_id: number;
      party_group_id: number | null;
      kinds: MeetingKind[];
      held_on: string;
      roster: MemberRow[];
      speaker?: string;
      speakerIsSecretary?: boolean;
      reviews?: boolean;
    }
    const drafts: Draft[] = [];
    for (const b of branches) {
      const demoOrg = tenantData.orgs.find((o) => o.name === b.name);
      const roster =
        b.type === 'temporary_branch'
          ? (demoOrg?.teamMemberKeys ?? []).map((k) => memberOfKey(k)).filter((m): m is NonNullable<typeof m> => !!m)
          : (byOrg.get(b.id) ?? []);
      if (roster.length === 0) continue;
      const secretary = memberOfKey(demoOrg?.secretaryMemberKey ?? null) ?? roster[0]!;
      const full = roster.filter((m) => m.category === 'full');
      const committee = [secretary, ...full.filter((m) => m.id !== secretary.id).slice(0, 4)];
      const groups = orgs.filter((o) => o.type === 'party_group' && o.parent_id === b.id);
      const fixedDay = 5 + Math.floor(rnd() * 20);
      const isEr = b.name === '急诊科全科医学科党支部';
      const orgStart = b.established_on && compareDates(b.established_on, start) > 0 ? b.established_on : start;
      const orgEnd = b.ends_on && compareDates(b.ends_on, today) < 0 ? b.ends_on : today;
      const inLife = (d: string) => compareDates(d, orgStart) >= 0 && compareDates(d, orgEnd) <= 0;
      // A gappy branch skips about a third of its meetings and stops after the summer.
      const skip = (d: string) => gappy.has(b.id) && (chance(0.35) || d.slice(5, 7) > '08');
      for (let i = 0; i < 12; i++) {
        const month = addMonths(start, i).slice(0, 7);
        const day = (d: number) => `${month}-${String(Math.min(d, 28)).padStart(2, '0')}`;
        const monthNo = Number(month.slice(5, 7));
        const theme = day(fixedDay);
        if (inLife(theme) && !skip(theme)) drafts.push({ org_id: b.id, party_group_id: null, kinds: ['theme_party_day'], held_on: theme, roster });
        const committeeDay = day(Math.max(fixedDay - 6, 2));
        if (full.length >= 7 && b.type !== 'temporary_branch' && inLife(committeeDay) && !skip(committeeDay)) {
          // Now and then the 第一议题 is forgotten on the record: the checklist says so.
          const kinds: MeetingKind[] = chance(0.93) ? ['branch_committee_meeting', 'first_topic_study'] : ['branch_committee_meeting'];
          drafts.push({ org_id: b.id, party_group_id: null, kinds, held_on: committeeDay, roster: committee });
        }
        for (const [gi, g] of groups.entries()) {
          const groupDay = day(8 + gi * 4);
          // The ER branch's groups meet in the second half of the month: some of November is still open.
          const late = isEr && compareDates(today, `${month}-28`) <= 0 && gi >= 2;
          if (inLife(groupDay) && !skip(groupDay) && !late) drafts.push({ org_id: b.id, party_group_id: g.id, kinds: ['party_group_meeting'], held_on: groupDay, roster: roster.filter((m) => m.party_group_id === g.id) });
        }
        if ([2, 5, 8, 11].includes(monthNo)) {
          const general = day(fixedDay + 3);
          // The ER branch holds its Q4 党员大会 in December (the browser journey records it).
          if (!(isEr && monthNo === 11) && inLife(general) && !skip(general)) {
            drafts.push({ org_id: b.id, party_group_id: null, kinds: ['branch_general_meeting', 'party_lecture'], held_on: general, roster, speaker: monthNo === 5 ? secretary.name : pick(full).name, speakerIsSecretary: monthNo === 5 });
          }
        }
        if (monthNo === 12 && b.type !== 'temporary_branch') {
          const review = day(fixedDay + 1);
          if (inLife(review)) drafts.push({ org_id: b.id, party_group_id: null, kinds: ['organisational_life_meeting', 'democratic_review'], held_on: review, roster, reviews: true });
        }
        if (monthNo === 7) {
          const talk = day(15);
          if (inLife(talk) && !skip(talk)) drafts.push({ org_id: b.id, party_group_id: null, kinds: ['heart_to_heart_talk'], held_on: talk, roster: committee });
        }
      }
    }
    // The 党委's study sessions (中心组学习) with 第一议题, quarterly.
    const committeeOrg = orgs.find((o) => o.type === 'committee' && o.parent_id === null);
    if (committeeOrg) {
      // The 中心组: hospital leaders and heads of functional offices.
      const leaders = await studyGroupMembers(trx, tenantId, 15);
      for (const month of [2, 5, 8, 11]) {
        const d = `${today.slice(0, 4)}-${String(month).padStart(2, '0')}-18`;
        if (compareDates(d, today) <= 0) drafts.push({ org_id: committeeOrg.id, party_group_id: null, kinds: ['committee_study_session', 'first_topic_study'], held_on: d, roster: leaders });
      }
    }

    drafts.sort((a, b) => compareDates(a.held_on, b.held_on) || a.org_id - b.org_id);
    for (let s = 0; s < drafts.length; s += BATCH) {
      const batch = drafts.slice(s, s + BATCH);
      const attendanceOf = batch.map((d) =>
        d.roster
          .filter((m) => !m.joined_on || compareDates(m.joined_on, d.held_on) <= 0)
          .map((m) => {
            const r = rnd();
            const status = absentees.has(m.id) ? ('absent' as const) : r < 0.86 ? ('present' as const) : r < 0.96 ? ('excused' as const) : ('absent' as const);
            return { member_id: m.id, status, reason: status === 'excused' ? pick(REASONS) : '', voting: m.category === 'full' };
          }),
      );
      const records: RecordInBulk[] = batch.map((d, i) => {
        const att = attendanceOf[i]!;
        const kind = d.kinds[0]!;
        const topics =
          kind === 'theme_party_day' ? [pick(THEME_TOPICS)] : kind === 'branch_committee_meeting' ? [pick(STUDY_TOPICS), '研究本月支部工作安排'] : kind === 'committee_study_session' ? [pick(STUDY_TOPICS)] : [pick(STUDY_TOPICS), '通报支部近期工作'];
        const values = {
          org_id: d.org_id,
          party_group_id: d.party_group_id,
          kinds: d.kinds,
          held_on: d.held_on,
          start_time: kind === 'theme_party_day' ? '08:30' : '17:30',
          end_time: kind === 'theme_party_day' ? '11:30' : '18:30',
          place: kind === 'theme_party_day' ? '医院门诊广场' : '科室示教室',
          scene_tag: pick(SCENES[kind]),
          host_name: d.roster[0]?.name ?? '',
          recorder_name: d.roster[1]?.name ?? '',
          topics: JSON.stringify(topics),
          minutes: `${topics.join('；')}。与会党员结合岗位实际交流发言，会议按议程完成各项内容。`,
          speaker_name: d.speaker ?? '',
          speaker_is_secretary: d.speakerIsSecretary ?? false,
          lecture_title: d.speaker ? pick(LECTURE_TITLES) : '',
          study_content: d.kinds.includes('first_topic_study') ? pick(STUDY_TOPICS) : '',
          expected_count: att.length,
          present_count: att.filter((a) => a.status === 'present').length,
          excused_count: att.filter((a) => a.status === 'excused').length,
          absent_count: att.filter((a) => a.status === 'absent').length,
        };
        return { values, attendance: att, reviews: [] };
      });
      // The grades of the 民主评议, drawn after the batch's records as before.
      for (const [i, d] of batch.entries()) {
        if (d.reviews) records[i]!.reviews = attendanceOf[i]!.filter((a) => a.status === 'present').map((a) => ({ member_id: a.member_id, grade: rnd() < 0.18 ? REVIEW_GRADES[0] : REVIEW_GRADES[1] }));
      }
      await insertRecordsInBulk(trx, tenantId, records);
    }

    // This year's plan for every branch, generated from the rules.
    const year = Number(today.slice(0, 4));
    const planRows = branches.flatMap((b) => {
      const full = (byOrg.get(b.id) ?? []).filter((m) => m.category === 'full').length;
      return generateYearPlan({ year, orgType: b.type, fullMemberCount: full, rules }).map((p) => ({ org_id: b.id, year, kind: p.kind, planned_on: p.plannedOn, title: '' }));
    });
    const planItems: Array<{ id: number; org_id: number; kind: string; planned_on: string }> = [];
    for (let s = 0; s < planRows.length; s += 2000) planItems.push(...(await insertPlanItems(trx, tenantId, planRows.slice(s, s + 2000))));
    // The secretaries took the form's suggestion: each of this year's records completes the
    // nearest open plan item of each of its kinds (as the record form preselects them).
    const itemsByOrg = new Map<number, PlanItemRef[]>();
    for (const i of planItems) (itemsByOrg.get(i.org_id) ?? itemsByOrg.set(i.org_id, []).get(i.org_id)!).push({ id: i.id, kind: i.kind as MeetingKind, plannedOn: i.planned_on, recordId: null });
    const yearRecords = await recordsHeldFrom(trx, tenantId, `${year}-01-01`);
    const links: Array<{ plan_item_id: number; record_id: number }> = [];
    for (const r of yearRecords) {
      const items = itemsByOrg.get(r.org_id);
      if (!items) continue;
      for (const id of suggestedPlanItems(items, { kinds: r.kinds as MeetingKind[], heldOn: r.held_on, recordId: null })) {
        items.find((i) => i.id === id)!.recordId = r.id;
        links.push({ plan_item_id: id, record_id: r.id });
      }
    }
    await insertPlanLinks(trx, tenantId, links);

    // One branch keeps a mailbox for its reminders (yesterday's digest runs in load.ts, once every
    // part of the demo is in).
    const mailBranch = branches.find((b) => b.name === '急诊科全科医学科党支部') ?? branches.find((b) => gappy.has(b.id)) ?? branches[0];
    if (mailBranch) {
      await insertChannel(trx, tenantId, { org_id: mailBranch.id, kind: 'email', target: `dangzhibu${mailBranch.id}@${tenantData.code}.example.org`, user_id: null });
    }
  }
}
