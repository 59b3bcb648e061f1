/**
 * Learning in the demo hospitals, never scored (seed 001: 碎片时间学党史 30 issues, 微党课; seed
 * 002: the 第一议题 system):
 * - the 党委 publishes a 第一议题 about every month, each studied by the 党委会 that follows it and
 *   by the branch committees' 第一议题 studies of that month (the organisational-life records that
 *   carry the kind 'first_topic_study');
 * - the 党委 also shares some 会议精神 and 理论文章, and a 红色资源 list;
 * - the 急诊科全科医学科党支部 runs "碎片时间学党史", 30 issues planned, one every two weeks since
 *   January, each a five-minute 微党课 before the morning hand-over (another hospital: the 党委's
 *   monthly 微党课);
 * - the demo member keeps a few notes of their own.
 *
 * Deterministic: dates relative to `today`, orgs and meetings in order.
 */
import { addDays, compareDates } from '@hongyi/core';
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { firstTopicStudyRecords, insertMaterial, insertNote, insertSeries, insertStudies, memberOfAccount, partyCommitteeMeetings, rootOrg, takeIssueNumber } from '../modules/learning/repository.js';
import { orgsOfTenant, tenantIdByCode } from '../modules/service/repository.js';
import { type DemoData, ER_BRANCH } from './generate.js';

const FIRST_TOPICS: Array<[title: string, source: string, kind: string]> = [
  ['习近平总书记在二十届中央纪委五次全会上的重要讲话', '新华社', '讲话原文'],
  ['习近平总书记关于卫生健康工作的重要论述', '《求是》', '理论文章'],
  ['全国卫生健康工作会议精神', '国家卫生健康委', '会议精神'],
  ['2026年全国两会精神', '新华社', '会议精神'],
  ['习近平总书记关于加强作风建设的重要论述', '人民日报', '理论文章'],
  ['《关于加强公立医院党的建设工作的意见》', '中共中央办公厅', '讲话原文'],
  ['习近平总书记关于党的建设的重要思想', '《求是》', '理论文章'],
  ['《中国共产党纪律处分条例》', '中共中央', '讲话原文'],
  ['习近平总书记在庆祝中国共产党成立105周年之际的重要讲话精神', '新华社', '讲话原文'],
  ['习近平总书记关于人才工作的重要论述', '人民日报', '理论文章'],
  ['党的二十届四中全会精神', '新华社', '会议精神'],
  ['习近平总书记关于深化医药卫生体制改革的重要指示精神', '国家卫生健康委', '讲话原文'],
];

const SHARED: Array<[title: string, source: string, kind: string, url: string]> = [
  ['公立医院高质量发展相关文件汇编', '省卫生健康委', '会议精神', ''],
  ['“大医精诚”——林巧稚、吴孟超的从医故事', '学习强国', '视频', 'https://www.xuexi.cn/'],
  ['医德医风建设典型案例选编', '院纪委', '理论文章', ''],
  ['本市红色教育基地名录（可预约参观）', '市委组织部', '红色资源', ''],
  ['廉洁行医，守住底线（院纪委书记微党课）', '院纪委', '微党课', ''],
];

const PARTY_HISTORY = [
  '中共一大：开天辟地的大事变', '南昌起义：打响武装反抗的第一枪', '三湾改编：支部建在连上', '古田会议：思想建党、政治建军', '遵义会议：伟大转折',
  '长征：白求恩精神与红军卫生队', '延安时期的中国医科大学', '七大：实事求是的思想路线', '西柏坡：“两个务必”', '开国大典：人民站起来了',
  '抗美援朝中的医疗队', '爱国卫生运动的由来', '赤脚医生与农村合作医疗', '两弹一星精神', '改革开放的序幕',
  '抗击非典：白衣战士冲在前', '汶川地震医疗救援', '北京奥运会医疗保障', '精准扶贫与健康扶贫', '抗击新冠肺炎疫情的伟大斗争',
  '建党百年：伟大建党精神', '“两个确立”的决定性意义', '健康中国2030', '医学人文：钟南山的“敢医敢言”', '从一张病历看医改',
  '党的二十大：中国式现代化', '急诊人的初心：生命至上', '身边的榜样：本院优秀共产党员', '党员先锋岗的故事', '回望来路：我院建院史',
];

const NOTES = [
  '第一议题学到“把人民健康放在优先发展的战略位置”，对照急诊分诊流程，绿色通道还能再快一步。',
  '碎片时间学党史第 5 期：遵义会议。实事求是，从科室实际出发想办法。',
  '学习《中国共产党纪律处分条例》，红包回扣零容忍，守住底线。',
];

export async function loadLearningDemo(trx: Transaction<DB>, data: DemoData): Promise<void> {
  const year = Number(data.today.slice(0, 4));
  for (const [index, tenant] of data.tenants.entries()) {
    const tenantId = await tenantIdByCode(trx, tenant.code);
    if (tenantId === undefined) continue;
    const root = await rootOrg(trx, tenantId);
    if (!root) continue;

    // 第一议题: one about the 5th of each month so far, studied by the 党委会 and the branches' first-topic studies after it.
    const topics: Array<{ id: number; on: string }> = [];
    for (const [m, [title, source, kind]] of FIRST_TOPICS.entries()) {
      const on = `${year}-${String(m + 1).padStart(2, '0')}-05`;
      if (compareDates(on, data.today) > 0) break;
      const id = await insertMaterial(trx, tenantId, { org_id: root.id, kind, title, source, url: '', summary: `${title}，党委会“第一议题”学习，各支部跟进学习。`, published_on: on, first_topic: true, series_id: null, issue_no: null, created_by: null });
      topics.push({ id, on });
    }
    const topicFor = (day: string) => [...topics].reverse().find((tp) => compareDates(tp.on, day) <= 0);
    const links: Array<{ material_id: number; orglife_record_id: number | null; decision_meeting_id: number | null }> = [];
    for (const meeting of await partyCommitteeMeetings(trx, tenantId, `${year}-01-01`, data.today)) {
      const topic = topicFor(meeting.heldOn);
      if (topic) links.push({ material_id: topic.id, orglife_record_id: null, decision_meeting_id: Number(meeting.id) });
    }
    const studies = await firstTopicStudyRecords(trx, tenantId, `${year}-01-01`);
    for (const r of studies) {
      const topic = topicFor(r.heldOn);
      if (topic) links.push({ material_id: topic.id, orglife_record_id: Number(r.id), decision_meeting_id: null });
    }
    await insertStudies(trx, tenantId, links);

    // Shared reading from the 党委, a few days after each quarter begins.
    for (const [i, [title, source, kind, url]] of SHARED.entries()) {
      const on = addDays(`${year}-01-10`, i * 61);
      if (compareDates(on, data.today) > 0) break;
      await insertMaterial(trx, tenantId, { org_id: root.id, kind, title, source, url, summary: '', published_on: on, first_topic: false, series_id: null, issue_no: null, created_by: null });
    }

    // 碎片时间学党史: the emergency branch's series, one issue every two weeks since the first Monday of
    // January; a hospital without that branch has the 党委's monthly 微党课 instead.
    const er = (await orgsOfTenant(trx, tenantId)).find((o) => o.name === ER_BRANCH);
    const series = er
      ? { org: er, name: '碎片时间学党史', description: '交班前五分钟，一期一个党史故事；科室微信群同步推送，不打卡、不计分。', planned: 30, every: 14 }
      : { org: root, name: '微党课·身边的榜样', description: '每月一期，党员讲身边的故事。', planned: 12, every: 30 };
    const seriesId = await insertSeries(trx, tenantId, { org_id: series.org.id, name: series.name, description: series.description, planned_issues: series.planned });
    for (let n = 0, on = `${year}-01-05`; n < series.planned && compareDates(on, data.today) <= 0; n++, on = addDays(on, series.every)) {
      const issue = await takeIssueNumber(trx, tenantId, seriesId);
      await insertMaterial(trx, tenantId, { org_id: series.org.id, kind: '微党课', title: PARTY_HISTORY[n]!, source: '', url: '', summary: '', published_on: on, first_topic: false, series_id: seriesId, issue_no: issue, created_by: null });
    }
    if (index > 0) continue;
    // The demo member's own notes.
    const memberId = await memberOfAccount(trx, tenantId, 'member');
    if (memberId) {
      for (const [i, content] of NOTES.entries()) {
        await insertNote(trx, tenantId, memberId, { material_id: i === 0 ? (topics.at(-1)?.id ?? null) : null, noted_on: addDays(data.today, -7 - i * 23), content });
      }
    }
  }
}
