/**
 * A year of service work for the demo hospital (seed 001 "四急四聚焦", seed 000 "西行医+", seed 004
 * "健康教育 / 对口支援"): the 急诊科全科医学科党支部's series "急救知识进万家" with about 40 issues
 * this year, numbered on from the 67 held before (so the latest is around 第 107 期), and the other
 * branches' 义诊, 健康宣教, 志愿服务, 对口支援, 远程教学 and 党史馆讲解 with plausible hours and
 * people served; a few held as the branch's 主题党日 (linked, not typed twice).
 *
 * Deterministic: a seeded generator and `today`, no clock. Inserted through the service
 * repository, as the module stores them (no caller, so no audit rows, like the rest of the demo).
 */
import { addDays } from '@hongyi/core';
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import {
  type ParticipantRow,
  insertDemoSeries,
  insertEvent,
  membersUnder,
  orgsOfTenant,
  replaceParticipants,
  takeIssueNumber,
  tenantIdByCode,
  themeDayRecords,
} from '../modules/service/repository.js';
import { type DemoData, ER_BRANCH, mulberry32 } from './generate.js';

const SERIES = '急救知识进万家';
const ISSUES_BEFORE = 67;
const PLACES: Record<string, readonly string[]> = {
  学校: ['市第一中学', '实验小学', '医科大学附属中学', '外国语学校', '职业技术学院'],
  社区: ['和平里社区', '新华街道社区卫生服务中心', '幸福家园社区', '滨河社区', '南苑社区'],
  基层: ['城关镇卫生院', '东岭乡卫生院', '石桥村卫生室', '北山镇卫生院'],
  工地: ['地铁 5 号线施工现场', '滨江新城项目工地', '高铁站改扩建工地'],
  企事业单位: ['市供电公司', '高新区管委会', '长途汽车客运站', '市图书馆'],
};
const FIVE = Object.keys(PLACES);
const TOPICS = ['心肺复苏与 AED 使用', '海姆立克急救法', '创伤止血包扎', '溺水急救', '中暑与热射病防治', '烧烫伤处理', '胸痛早识别', '卒中早识别“BE FAST”', '儿童意外伤害急救', '骨折固定与搬运'];
const STUDENTS = ['林晓', '陈思远', '黄雨桐', '周子涵', '吴昊天', '郑可欣', '孙浩然', '马语嫣'];

interface OtherKind {
  kind: string;
  perBranch: number;
  placeTypes: readonly string[];
  region: () => string;
  title: (place: string) => string;
  beneficiaries: [number, number];
  trained: [number, number];
  classHours: [number, number];
  hours: [number, number];
  people: [number, number];
}

export async function loadServiceDemo(trx: Transaction<DB>, data: DemoData): Promise<void> {
  for (const [index, tenant] of data.tenants.entries()) {
    const tenantId = await tenantIdByCode(trx, tenant.code);
    if (tenantId === undefined) continue;
    const rnd = mulberry32(20261203 + index * 101);
    const int = (min: number, max: number) => min + Math.floor(rnd() * (max - min + 1));
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
    const dayIn = (daysBack: number) => addDays(data.today, -int(1, daysBack));
    const orgs = await orgsOfTenant(trx, tenantId);
    const branches = orgs.filter((o) => o.type === 'branch');
    const scale = index === 0 ? 1 : 0.3;

    const peopleOf = async (path: string, n: number, hours: [number, number], students = 0): Promise<ParticipantRow[]> => {
      const members = await membersUnder(trx, tenantId, path);
      const chosen = new Set<number>();
      const out: ParticipantRow[] = [];
      for (let k = 0; k < Math.min(n, members.length) * 3 && out.length < Math.min(n, members.length); k++) {
        const m = pick(members);
        if (chosen.has(m.id)) continue;
        chosen.add(m.id);
        out.push({ kind: 'member', memberId: m.id, name: m.name, hours: int(hours[0] * 2, hours[1] * 2) / 2 });
      }
      for (const name of [...STUDENTS].sort(() => rnd() - 0.5).slice(0, students)) out.push({ kind: 'student', memberId: null, name, hours: int(hours[0] * 2, hours[1] * 2) / 2 });
      return out;
    };

    // The ER branch's numbered series: ~40 issues over the last year, following the 67 held before.
    // (A unit without that branch gets a smaller series of its first branch.)
    const er = branches.find((b) => b.name === ER_BRANCH);
    const owner = er ?? branches[0];
    if (owner) {
      const plan = er
        ? { name: SERIES, before: ISSUES_BEFORE, count: 40, description: '急救知识进万家、健康护航你我他：把急救知识送进学校、社区、基层、工地、企事业单位（“五进”）。' }
        : { name: '健康知识进乡村', before: 0, count: 12, description: '每月一期，把健康知识送到乡镇卫生院和村卫生室。' };
      const seriesId = await insertDemoSeries(trx, tenantId, { org_id: owner.id, name: plan.name, kind: '急救科普', description: plan.description, last_issue: plan.before });
      const dates = Array.from({ length: plan.count }, (_, i) => addDays(data.today, -Math.round(((plan.count - i) * 360) / plan.count) + int(0, 4))).sort();
      for (const [i, heldOn] of dates.entries()) {
        const placeType = er ? FIVE[i % FIVE.length]! : '基层';
        const place = pick(PLACES[placeType]!);
        const issueNo = await takeIssueNumber(trx, tenantId, seriesId);
        const id = await insertEvent(
          trx,
          tenantId,
          {
            org_id: owner.id,
            kind: '急救科普',
            title: `${plan.name}·${pick(TOPICS)}`,
            held_on: heldOn,
            place_type: placeType,
            place,
            region: '本市',
            beneficiaries: int(60, 380),
            trained: int(30, 180),
            class_hours: 0,
            media_reach: rnd() < 0.6 ? int(800, 9000) : null,
            orglife_record_id: null,
            note: '',
          },
          { id: seriesId, issueNo },
          null,
        );
        await replaceParticipants(trx, tenantId, id, await peopleOf(owner.path, int(3, 6), [2, 4], rnd() < 0.5 ? int(1, 3) : 0));
      }
    }

    // Other branches: everyday service work.
    const kinds: OtherKind[] = [
      { kind: '义诊', perBranch: 2, placeTypes: ['社区', '基层'], region: () => '本市', title: (p) => `${p}义诊`, beneficiaries: [80, 400], trained: [0, 0], classHours: [0, 0], hours: [3, 6], people: [3, 8] },
      { kind: '健康宣教', perBranch: 2, placeTypes: ['社区', '学校', '企事业单位'], region: () => '本市', title: (p) => `走进${p}健康讲座`, beneficiaries: [40, 260], trained: [0, 0], classHours: [0, 0], hours: [2, 3], people: [1, 3] },
      { kind: '志愿服务', perBranch: 1, placeTypes: ['社区'], region: () => '本市', title: () => '门诊志愿导诊服务', beneficiaries: [100, 500], trained: [0, 0], classHours: [0, 0], hours: [4, 8], people: [4, 10] },
    ];
    const far: OtherKind[] = [
      { kind: '对口支援/支医', perBranch: 1, placeTypes: ['基层'], region: () => pick(['新疆', '青海', '西藏']), title: () => '“西行医+”组团式医疗援助', beneficiaries: [600, 2500], trained: [20, 80], classHours: [0, 0], hours: [80, 240], people: [1, 2] },
      { kind: '远程教学', perBranch: 1, placeTypes: [], region: () => pick(['新疆', '青海', '西藏']), title: () => '“西行医+”远程教学查房', beneficiaries: [0, 0], trained: [20, 90], classHours: [4, 24], hours: [4, 24], people: [1, 3] },
    ];
    for (const branch of branches) {
      const mine = [...kinds, ...(rnd() < 0.35 ? far : [])];
      for (const k of mine) {
        const n = Math.max(0, Math.round(k.perBranch * scale * (0.5 + rnd())));
        for (let i = 0; i < n; i++) {
          const placeType = k.placeTypes.length ? pick(k.placeTypes) : '';
          const place = placeType ? pick(PLACES[placeType]!) : '线上';
          const id = await insertEvent(
            trx,
            tenantId,
            {
              org_id: branch.id,
              kind: k.kind,
              title: k.title(place),
              held_on: dayIn(360),
              place_type: placeType,
              place,
              region: k.region(),
              beneficiaries: int(...k.beneficiaries),
              trained: int(...k.trained),
              class_hours: int(...k.classHours),
              media_reach: null,
              orglife_record_id: null,
              note: '',
            },
            null,
            null,
          );
          await replaceParticipants(trx, tenantId, id, await peopleOf(branch.path, int(...k.people), k.hours));
        }
      }
    }

    // A few 主题党日 held as service: the event is linked to the record and takes its date.
    const party = orgs.find((o) => o.type === 'committee');
    const linkable = branches.filter((b) => b.id !== er?.id).slice(0, Math.round(6 * scale));
    for (const branch of linkable) {
      const [record] = await themeDayRecords(trx, tenantId, branch.id, 3);
      if (!record || record.eventId !== null || record.heldOn > data.today) continue;
      const place = pick(PLACES['社区']!);
      const id = await insertEvent(
        trx,
        tenantId,
        { org_id: branch.id, kind: '义诊', title: `主题党日：${place}党员义诊`, held_on: record.heldOn, place_type: '社区', place, region: '本市', beneficiaries: int(60, 200), trained: 0, class_hours: 0, media_reach: null, orglife_record_id: record.id, note: '主题党日活动，组织生活记录同时计入' },
        null,
        null,
      );
      await replaceParticipants(trx, tenantId, id, await peopleOf(branch.path, int(5, 12), [2, 3]));
    }

    // The party-history hall (seed 004): guided visits by the 党委's volunteer guides.
    if (party) {
      for (let i = 0; i < Math.round(10 * scale); i++) {
        const id = await insertEvent(
          trx,
          tenantId,
          { org_id: party.id, kind: '党史馆讲解', title: '院史馆·党史馆讲解接待', held_on: dayIn(350), place_type: '', place: '院史馆', region: '本市', beneficiaries: int(30, 120), trained: 0, class_hours: 0, media_reach: null, orglife_record_id: null, note: '' },
          null,
          null,
        );
        await replaceParticipants(trx, tenantId, id, await peopleOf(party.path, int(1, 2), [2, 3]));
      }
    }
  }
}
