/**
 * The three-part membership transfer letter (组织关系介绍信, 三联: 存根 / 介绍信 / 回执) per
 * formats.md: 编号, 姓名, 性别, 年龄, 民族, 正式/预备, 公民身份号码, 由…去…, 党费已交到 X年X月
 * (大写 on the printed letter), 有效期 X 天, 党员联系电话, 原基层党委通讯地址/联系电话/传真/邮编, 日期.
 * Built from the Word kit (lib/docx: fonts, Chinese-numeral dates).
 */
import { AlignmentType, BorderStyle, Paragraph, TextRun } from '../../lib/docx-classes.js';
import { BODY_FONT, TITLE_FONT, body, chineseNumeralDate, docxBuffer, right, run } from '../../lib/docx.js';

export interface LetterData {
  letterNo: string;
  name: string;
  gender: 'male' | 'female';
  age: number | null;
  ethnicity: string;
  category: 'full' | 'probationary';
  idNumber: string;
  fromOrg: string;
  toOrg: string;
  paidThrough: string | null;
  validDays: number;
  phone: string;
  committeeName: string;
  address: string;
  committeePhone: string;
  fax: string;
  postcode: string;
  date: string;
}

function heading(text: string, size: number): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing: { line: 400 }, children: [new TextRun({ text, bold: true, size, font: TITLE_FONT })] });
}

/** The dashed line the parts are cut along, with what to do there. */
function cut(label: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    border: { bottom: { style: BorderStyle.DASHED, size: 6, color: '999999', space: 4 } },
    spacing: { before: 240, after: 240 },
    children: [new TextRun({ text: label, size: 18, color: '999999', font: BODY_FONT })],
  });
}

const plain = (text: string) => body(text, false);

export function letterText(d: LetterData) {
  const gender = d.gender === 'male' ? '男' : '女';
  const category = d.category === 'full' ? '正式' : '预备';
  const paid = d.paidThrough ? chineseNumeralDate(d.paidThrough) : '　　年　　月';
  const age = d.age === null ? '' : `${d.age}岁，`;
  return {
    stub: `${d.name}同志（${gender}，${age}${d.ethnicity}），系中共${category}党员，公民身份号码${d.idNumber}，由${d.fromOrg}去${d.toOrg}。党费已交到${paid}。有效期${d.validDays}天。`,
    letter: `兹介绍${d.name}同志（${gender}，${age}${d.ethnicity}），系中共${category}党员，公民身份号码${d.idNumber}，前往${d.toOrg}，请转接组织关系。该同志党费已交到${paid}。（有效期${d.validDays}天）`,
    receipt: `${d.name}同志的党员组织关系已转达我处，特此回复。`,
    paid,
  };
}

export function letterDocx(d: LetterData): Promise<Buffer> {
  const text = letterText(d);
  const date = chineseNumeralDate(d.date);
  const no = `第 ${d.letterNo} 号`;
  const issuer = d.committeeName || d.fromOrg;
  return docxBuffer([
    heading('中国共产党党员组织关系介绍信（存根）', 32),
    right(no),
    body(text.stub),
    plain(`党员联系电话：${d.phone}`),
    right(date),
    cut('（此处骑缝盖章）'),
    heading('中国共产党党员组织关系介绍信', 36),
    right(no),
    plain(`${d.toOrg}：`),
    body(text.letter),
    plain(`党员联系电话：${d.phone}`),
    plain(`原基层党委通讯地址：${d.address}　　邮编：${d.postcode}`),
    plain(`联系电话：${d.committeePhone}　　传真：${d.fax}`),
    right(`${issuer}（盖章）`),
    right(date),
    cut('（此联由接收党组织填写后寄回）'),
    heading('中国共产党党员组织关系介绍信（回执）', 32),
    right(no),
    plain(`${issuer}：`),
    body(text.receipt),
    right('接收党组织（盖章）'),
    new Paragraph({ alignment: AlignmentType.RIGHT, children: [run('　　年　　月　　日')] }),
  ]);
}
