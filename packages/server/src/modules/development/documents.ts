/**
 * Generated documents: the person's development file (docx, built with the Word kit: the
 * official-document look shared by every generated document) and the standard forms the
 * steps need, prefilled (谈话记录, 公示 notice).
 */
import { DEVELOPMENT_STEP, type Language, stepDef } from '@hongyi/core';
import { docxBuffer, line, table, title } from '../../lib/docx.js';
import { ACTOR_NAMES, KIND_NAMES, STATUS_NAMES, STEP_NAMES } from './labels.js';

export interface DocFile {
  id: number;
  name: string;
  gender: 'male' | 'female';
  idNumber: string;
  birthDate: string | null;
  education: string | null;
  orgName: string;
  status: keyof (typeof STATUS_NAMES)['zh-CN'];
  progress: { stepDates: Readonly<Record<number, string>>; probationStart: string | null; probationEnd: string | null; notice: { start: string; end: string } | null };
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
  const children = [
    title(zh ? `发展党员档案：${file.name}` : `Development file: ${file.name}`),
    line(zh ? '姓名' : 'Name', file.name),
    line(zh ? '性别' : 'Gender', file.gender === 'male' ? (zh ? '男' : 'M') : zh ? '女' : 'F'),
    line(zh ? '出生日期' : 'Born', file.birthDate ?? '—'),
    line(zh ? '学历' : 'Education', file.education ?? '—'),
    line(zh ? '公民身份号码' : 'ID number', file.idNumber),
    line(zh ? '所在党支部' : 'Branch', file.orgName),
    line(zh ? '当前状态' : 'Status', STATUS_NAMES[language][file.status]),
  ];
  if (file.progress.probationStart) children.push(line(zh ? '预备期' : 'Probation', `${file.progress.probationStart} — ${file.progress.probationEnd ?? ''}`));
  return docxBuffer([
    ...children,
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
  ]);
}

/** Documents Hongyi generates from the file, listed beside the uploaded ones (each offered once the step it serves is near). */
export function generatedDocuments(fileId: number, stepDates: Readonly<Record<number, string>>, hasNotice: boolean, language: Language) {
  const zh = language === 'zh-CN';
  const S = DEVELOPMENT_STEP;
  const out: Array<{ key: string; title: string; url: string; format: 'docx' | 'text'; step: number | null }> = [
    { key: 'file', title: zh ? '发展党员档案（Word）' : 'Development file (Word)', url: `/api/v1/development/files/${fileId}/document`, format: 'docx', step: null },
  ];
  const form = (key: string, zhTitle: string, enTitle: string, step: number) => out.push({ key, title: zh ? zhTitle : enTitle, url: `/api/v1/development/files/${fileId}/forms/${key}`, format: 'text', step });
  if (stepDates[S.application]) form('talk_record', '谈话记录（入党申请人）', 'Talk record (applicant)', S.application_talk);
  if (stepDates[S.branch_committee_review] || hasNotice) form('notice', '公示文本', 'Public notice text', S.pre_review_and_notice);
  if (stepDates[S.branch_meeting_admission]) form('committee_talk_record', '谈话记录（上级党委）', 'Talk record (higher committee)', S.committee_talk);
  return out;
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
  const S = DEVELOPMENT_STEP;
  const gender = file.gender === 'male' ? (zh ? '男' : 'male') : zh ? '女' : 'female';
  if (form === 'notice') {
    const start = file.progress.notice?.start ?? '【公示开始日期】';
    const end = file.progress.notice?.end ?? '【公示结束日期】';
    if (!zh) {
      return {
        title: `Public notice: ${file.name} proposed for admission as a probationary member`,
        text: [
          `${file.name}, ${gender}, born ${file.birthDate ?? '[date]'}, education ${file.education ?? '[education]'}, of ${file.orgName}.`,
          `Applied on ${d[S.application] ?? '[date]'}; selected as activist on ${d[S.activist_selection] ?? '[date]'}; selected as candidate on ${d[S.candidate_selection] ?? '[date]'}.`,
          `Notice period: ${start} to ${end}. Comments may be sent to the party committee office by letter, phone or in person.`,
        ].join('\n'),
      };
    }
    return {
      title: `关于拟发展${file.name}同志为中共预备党员的公示`,
      text: [
        `根据《中国共产党发展党员工作细则》的规定，经${file.orgName}支部委员会研究，拟发展${file.name}同志为中共预备党员，现将有关情况公示如下：`,
        `${file.name}，${gender}，${file.birthDate ? `${file.birthDate.slice(0, 4)}年${Number(file.birthDate.slice(5, 7))}月出生` : '【出生年月】'}，${file.education ?? '【学历】'}学历，${file.orgName}【职务/岗位】。`,
        `该同志于${d[S.application] ?? '【日期】'}递交入党申请书，${d[S.activist_selection] ?? '【日期】'}被确定为入党积极分子，${d[S.candidate_selection] ?? '【日期】'}被确定为发展对象${d[S.concentrated_training] ? `，已参加集中培训` : ''}。`,
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
        committee ? `Branch meeting admitted on: ${d[S.branch_meeting_admission] ?? '[date]'}` : `Application received on: ${d[S.application] ?? '[date]'}`,
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
      committee ? `支部大会讨论通过时间：${d[S.branch_meeting_admission] ?? '【日期】'}` : `递交入党申请书时间：${d[S.application] ?? '【日期】'}`,
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
