/**
 * 台账 documents (formats.md "Documents generated"): 会议记录 per record, a branch's yearly
 * 台账 of all organisational life, and the 民主评议 results. Chinese official-document look:
 * 方正小标宋简体 for titles and 仿宋_GB2312 for text where installed, falling back to 宋体.
 */
import { PageBreak, Paragraph, type Table } from '../../lib/docx-classes.js';
import { body, chineseDate, docxBuffer, line, run, table, title } from '../../lib/docx.js';
import { GRADE_NAMES, kindLabel } from './schemas.js';
import type { RecordDetail } from './service-records.js';

/** The dues module still takes the Word sender from here; it lives in the kit. */
export { sendDocx } from '../../lib/docx.js';

/** Names in the roster's order, or 无. */
const names = (list: readonly string[]) => (list.length > 0 ? list.join('、') : '无');

/** The signature lines of a 会议记录: the host and the recorder sign and date it by hand. */
function signatures(): Paragraph[] {
  const blank = '＿＿＿＿＿＿＿＿';
  const signLine = (role: string, first: boolean) =>
    new Paragraph({ spacing: { before: first ? 600 : 300, line: 420 }, children: [run(`${role}（签字）：${blank}　　　　日期：　　　　年　　月　　日`)] });
  return [signLine('主持人', true), signLine('记录人', false)];
}

/** The paragraphs of one 会议记录 (时间, 地点, 主持人, 记录人, 应到/实到/请假/缺席 with names, 议题, 内容, 决议, signatures). */
function minutesBlock(r: RecordDetail): (Paragraph | Table)[] {
  const kinds = r.kinds.map((k) => kindLabel(k, true)).join('、');
  const time = [r.startTime, r.endTime].filter(Boolean).join('—');
  const of = (status: 'present' | 'excused' | 'absent') => r.attendance.filter((a) => a.status === status);
  const out: (Paragraph | Table)[] = [
    title(`${r.orgName}${kinds}记录`),
    line('会议类型', kinds),
    line('时间', `${chineseDate(r.heldOn)}${time ? ` ${time}` : ''}`),
    line('地点', r.place || '—'),
  ];
  if (r.sceneTag) out.push(line('场景', r.sceneTag));
  if (r.partyGroupName) out.push(line('党小组', r.partyGroupName));
  out.push(
    line('主持人', r.hostName || '—'),
    line('记录人', r.recorderName || '—'),
    line('应到人数', `${r.expectedCount}人`),
    line('应到人员', names(r.attendance.map((a) => a.name))),
    line('实到人数', `${r.presentCount}人`),
    line('实到人员', names(of('present').map((a) => a.name))),
    line('请假人数', `${r.excusedCount}人`),
    line('请假人员', names(of('excused').map((a) => `${a.name}（请假：${a.reason}）`))),
    line('缺席人数', `${r.absentCount}人`),
    line('缺席人员', names(of('absent').map((a) => a.name))),
  );
  if (r.kinds.includes('party_lecture')) {
    out.push(line('党课主讲人', r.speakerName || '—'), line('党课题目', r.lectureTitle || '—'));
  }
  if (r.kinds.includes('first_topic_study')) out.push(line('第一议题学习内容', r.studyContent || '—'));
  out.push(line('议题', r.topics.length > 0 ? '' : '—'));
  r.topics.forEach((t, i) => out.push(body(`${i + 1}. ${t}`)));
  out.push(line('会议内容', ''));
  for (const p of (r.minutes || '—').split(/\n+/)) out.push(body(p));
  if (r.resolutions.length > 0) {
    out.push(line('决议', ''));
    out.push(
      table(
        ['序号', '决议事项', '类型', '有表决权', '到会', '赞成', '反对', '弃权', '结果'],
        r.resolutions.map((x) => [String(x.seq), x.title, x.kind === 'election' ? '选举' : '一般决议', String(x.votingMembers), String(x.present), String(x.votesFor), String(x.votesAgainst), String(x.votesAbstain), x.passed ? '通过' : '未通过']),
      ),
    );
  }
  if (r.reviews.length > 0) {
    out.push(line('民主评议结果', ''));
    out.push(table(['序号', '姓名', '评议等次'], r.reviews.map((v, i) => [String(i + 1), v.name, GRADE_NAMES[v.grade].zh])));
  }
  // Attachments are kept in the system; the minutes name them as the 附件 of an official record does.
  const attached = r.attachments.filter((a) => !a.withdrawn);
  if (attached.length > 0) out.push(line('附件', attached.map((a, i) => `${i + 1}. ${a.name}`).join('；')));
  out.push(...signatures());
  return out;
}

export async function minutesDocx(r: RecordDetail): Promise<Buffer> {
  return docxBuffer(minutesBlock(r));
}

/** The branch's yearly 台账: a summary table, then every record's minutes, one per page. */
export async function yearLedgerDocx(orgName: string, year: number, records: RecordDetail[]): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    title(`${orgName}${year}年度组织生活台账`),
    body(`本台账由系统根据已记录的会议自动生成，共${records.length}次。`, false),
    table(
      ['序号', '日期', '类型', '地点', '应到', '实到', '主要议题'],
      records.map((r, i) => [String(i + 1), r.heldOn, r.kinds.map((k) => kindLabel(k, true)).join('、'), r.place, String(r.expectedCount), String(r.presentCount), r.topics[0] ?? '']),
    ),
  ];
  for (const r of records) children.push(new Paragraph({ children: [new PageBreak()] }), ...minutesBlock(r));
  return docxBuffer(children);
}

export async function reviewsDocx(orgName: string, year: number, rows: { name: string; grade: keyof typeof GRADE_NAMES; heldOn: string }[]): Promise<Buffer> {
  const counts = Object.keys(GRADE_NAMES).map((g) => `${GRADE_NAMES[g as keyof typeof GRADE_NAMES].zh}${rows.filter((r) => r.grade === g).length}人`);
  return docxBuffer([
      title(`${orgName}${year}年度民主评议党员结果`),
      body(`参加评议${rows.length}人，其中${counts.join('，')}。`, false),
      table(['序号', '姓名', '评议等次', '评议日期'], rows.map((r, i) => [String(i + 1), r.name, GRADE_NAMES[r.grade].zh, r.heldOn])),
  ]);
}
