/**
 * Generated documents: the person's development file (docx) and the standard forms the steps
 * need, prefilled (谈话记录, 公示 notice). Official-document look: 方正小标宋简体 titles,
 * 仿宋_GB2312 text where installed.
 */
import { type Language, stepDef } from '@hongyi/core';
import { AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { ACTOR_NAMES, KIND_NAMES, STATUS_NAMES, STEP_NAMES } from './labels.js';

const TITLE_FONT = { eastAsia: '方正小标宋简体', ascii: 'SimSun', hAnsi: 'SimSun' };
const BODY_FONT = { eastAsia: '仿宋_GB2312', ascii: 'FangSong', hAnsi: 'FangSong' };

export interface DocFile {
  id: number;
  name: string;
  gender: 'male' | 'female';
  idNumber: string;
  birthDate: string | null;
  education: string | null;
  orgName: string;
  status: keyof (typeof STATUS_NAMES)['zh-CN'];
  progress: { stepDates: Record<string, string>; probationStart: string | null; probationEnd: string | null; notice: { start: string; end: string } | null };
  entries: Array<{
    id: number;
    kind: keyof (typeof KIND_NAMES)['zh-CN'];
    step: number | null;
    date: string;
    actor: string;
    people: { name: string }[];
    details: Record<string, unknown>;
    documents: string[];
    note: string;
    correctsId: number | null;
    correctionReason: string;
    supersededBy: number | null;
  }>;
}

function cell(text: string, bold = false): TableCell {
  return new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, font: BODY_FONT, size: 21, bold })] })] });
}

function table(header: string[], rows: string[][]): Table {
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: [new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }), ...rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) }))],
  });
}

function para(text: string, bold = false): Paragraph {
  return new Paragraph({ spacing: { line: 400 }, children: [new TextRun({ text, font: BODY_FONT, size: 28, bold })] });
}

function entryLabel(e: DocFile['entries'][number], language: Language): string {
  if (e.kind === 'step' && e.step) return `${e.step}. ${STEP_NAMES[language][e.step - 1]}`;
  return KIND_NAMES[language][e.kind];
}

function entryNote(e: DocFile['entries'][number], language: Language): string {
  const zh = language === 'zh-CN';
  const parts: string[] = [];
  const d = e.details;
  if (d.trainingDays) parts.push(zh ? `培训${String(d.trainingDays)}天` : `${String(d.trainingDays)} days`);
  if (d.classHours) parts.push(zh ? `${String(d.classHours)}学时` : `${String(d.classHours)} class hours`);
  if (d.noticeEnd) parts.push(zh ? `公示至${String(d.noticeEnd)}` : `notice until ${String(d.noticeEnd)}`);
  if (d.extensionReason) parts.push(zh ? `延期审批原因：${String(d.extensionReason)}` : `late approval: ${String(d.extensionReason)}`);
  if (d.extensionMonths) parts.push(zh ? `延长${String(d.extensionMonths)}个月` : `${String(d.extensionMonths)} months`);
  if (d.reason) parts.push(String(d.reason));
  if (e.correctsId) parts.push(zh ? `更正（原因：${e.correctionReason}）` : `correction (${e.correctionReason})`);
  if (e.supersededBy) parts.push(zh ? '已被更正' : 'superseded');
  if (e.note) parts.push(e.note);
  return parts.join('；');
}

/** The development file: the person, then every entry of the history (corrections included). */
export async function developmentDocx(file: DocFile, language: Language): Promise<Buffer> {
  const zh = language === 'zh-CN';
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 300 },
      children: [new TextRun({ text: zh ? `发展党员档案：${file.name}` : `Development file: ${file.name}`, font: TITLE_FONT, size: 40 })],
    }),
    para(`${zh ? '姓名' : 'Name'}：${file.name}    ${zh ? '性别' : 'Gender'}：${file.gender === 'male' ? (zh ? '男' : 'M') : zh ? '女' : 'F'}`),
    para(`${zh ? '出生日期' : 'Born'}：${file.birthDate ?? '—'}    ${zh ? '学历' : 'Education'}：${file.education ?? '—'}`),
    para(`${zh ? '公民身份号码' : 'ID number'}：${file.idNumber}`),
    para(`${zh ? '所在党支部' : 'Branch'}：${file.orgName}`),
    para(`${zh ? '当前状态' : 'Status'}：${STATUS_NAMES[language][file.status]}`),
  ];
  if (file.progress.probationStart) {
    children.push(para(`${zh ? '预备期' : 'Probation'}：${file.progress.probationStart} — ${file.progress.probationEnd ?? ''}`));
  }
  children.push(para(''));
  children.push(
    table(
      zh ? ['事项', '日期', '实施主体', '有关人员', '材料', '说明'] : ['Entry', 'Date', 'By', 'People', 'Documents', 'Notes'],
      file.entries.map((e) => [
        entryLabel(e, language),
        e.date,
        ACTOR_NAMES[language][(e.actor || (e.step ? stepDef(e.step).actor : 'branch')) as keyof (typeof ACTOR_NAMES)['zh-CN']] ?? e.actor,
        e.people.map((p) => p.name).join('、'),
        e.documents.join('、'),
        entryNote(e, language),
      ]),
    ),
  );
  const doc = new Document({ sections: [{ children }] });
  return Packer.toBuffer(doc);
}

/** Prefilled text of a standard form. Placeholders in brackets are left for the people involved. */
export function formText(
  file: DocFile,
  form: 'talk_record' | 'notice' | 'committee_talk_record',
  language: Language,
  today: string,
): { title: string; text: string } {
  const zh = language === 'zh-CN';
  const d = file.progress.stepDates;
  const gender = file.gender === 'male' ? (zh ? '男' : 'male') : zh ? '女' : 'female';
  if (form === 'notice') {
    const start = file.progress.notice?.start ?? '【公示开始日期】';
    const end = file.progress.notice?.end ?? '【公示结束日期】';
    if (!zh) {
      return {
        title: `Public notice: ${file.name} proposed for admission as a probationary member`,
        text: [
          `${file.name}, ${gender}, born ${file.birthDate ?? '[date]'}, education ${file.education ?? '[education]'}, of ${file.orgName}.`,
          `Applied on ${d['1'] ?? '[date]'}; selected as activist on ${d['3'] ?? '[date]'}; selected as candidate on ${d['7'] ?? '[date]'}.`,
          `Notice period: ${start} to ${end}. Comments may be sent to the party committee office by letter, phone or in person.`,
        ].join('\n'),
      };
    }
    return {
      title: `关于拟发展${file.name}同志为中共预备党员的公示`,
      text: [
        `根据《中国共产党发展党员工作细则》的规定，经${file.orgName}支部委员会研究，拟发展${file.name}同志为中共预备党员，现将有关情况公示如下：`,
        `${file.name}，${gender}，${file.birthDate ? `${file.birthDate.slice(0, 4)}年${Number(file.birthDate.slice(5, 7))}月出生` : '【出生年月】'}，${file.education ?? '【学历】'}学历，${file.orgName}【职务/岗位】。`,
        `该同志于${d['1'] ?? '【日期】'}递交入党申请书，${d['3'] ?? '【日期】'}被确定为入党积极分子，${d['7'] ?? '【日期】'}被确定为发展对象${d['11'] ? `，已参加集中培训` : ''}。`,
        `公示时间：${start}至${end}。`,
        '公示期间，党员和群众可通过来信、来电、来访等方式向党委组织部门反映该同志的有关情况和问题。反映问题应实事求是，以真实姓名反映。',
        '联系电话：【电话】    联系人：【姓名】',
        '',
        `中共【单位】委员会`,
        today,
      ].join('\n'),
    };
  }
  const committee = form === 'committee_talk_record';
  if (!zh) {
    return {
      title: committee ? `Record of the higher committee's talk with ${file.name}` : `Record of the talk with applicant ${file.name}`,
      text: [
        `Person: ${file.name} (${gender}, born ${file.birthDate ?? '[date]'}), ${file.orgName}`,
        committee ? `Branch meeting admitted on: ${d['15'] ?? '[date]'}` : `Application received on: ${d['1'] ?? '[date]'}`,
        'Date of talk: [date]    Place: [place]',
        'Talk held by: [name, post]    Recorded by: [name]',
        'Main points: [motivation for joining, understanding of the Party, strengths and shortcomings]',
        'Assessment and advice: [text]',
      ].join('\n'),
    };
  }
  return {
    title: committee ? `上级党委派人同${file.name}同志谈话记录` : `同入党申请人${file.name}同志谈话记录`,
    text: [
      `谈话对象：${file.name}（${gender}，${file.birthDate ?? '【出生日期】'}出生，${file.education ?? '【学历】'}）`,
      `所在党支部：${file.orgName}`,
      committee ? `支部大会讨论通过时间：${d['15'] ?? '【日期】'}` : `递交入党申请书时间：${d['1'] ?? '【日期】'}`,
      '谈话时间：【日期】    谈话地点：【地点】',
      '谈话人：【姓名、职务】    记录人：【姓名】',
      committee
        ? '谈话内容：【对党的认识、入党动机、对党的纲领和章程的理解、今后努力方向】'
        : '谈话内容：【了解入党动机和对党的认识，介绍党的基本知识和入党条件、程序】',
      '谈话人意见：【】',
      '谈话人签名：            日期：',
    ].join('\n'),
  };
}
