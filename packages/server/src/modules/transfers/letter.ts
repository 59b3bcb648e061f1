/**
 * The three-part membership transfer letter (组织关系介绍信, 三联: 存根 / 介绍信 / 回执) per
 * formats.md: 编号, 姓名, 性别, 年龄, 民族, 正式/预备, 公民身份号码, 由…去…, 党费已交到 X年X月
 * (大写 on the printed letter), 有效期 X 天, 党员联系电话, 原基层党委通讯地址/联系电话/传真/邮编, 日期.
 */
import { AlignmentType, BorderStyle, Document, Packer, Paragraph, TextRun } from 'docx';

const DIGITS = '〇一二三四五六七八九';

/** '2026-10' → '二〇二六年十月'; a date → '二〇二六年十一月二十三日'. */
export function chineseDate(value: string): string {
  const [y, m, d] = value.split('-');
  const year = [...(y ?? '')].map((c) => DIGITS[Number(c)]).join('');
  const small = (n: number) => (n < 10 ? DIGITS[n]! : n === 10 ? '十' : n < 20 ? `十${DIGITS[n - 10]}` : `${DIGITS[Math.floor(n / 10)]}十${n % 10 ? DIGITS[n % 10] : ''}`);
  return `${year}年${small(Number(m))}月${d ? `${small(Number(d))}日` : ''}`;
}

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

const FONT = { ascii: 'FangSong', eastAsia: '仿宋', hAnsi: 'FangSong' };
const TITLE_FONT = { ascii: 'SimSun', eastAsia: '方正小标宋简体', hAnsi: 'SimSun' };

function p(text: string, opts: { bold?: boolean; center?: boolean; right?: boolean; size?: number; title?: boolean; indent?: boolean } = {}) {
  return new Paragraph({
    alignment: opts.center ? AlignmentType.CENTER : opts.right ? AlignmentType.RIGHT : AlignmentType.LEFT,
    spacing: { line: 400 },
    indent: opts.indent ? { firstLine: 640 } : undefined,
    children: [new TextRun({ text, bold: opts.bold, size: opts.size ?? 28, font: opts.title ? TITLE_FONT : FONT })],
  });
}

function cut(label: string) {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    border: { bottom: { style: BorderStyle.DASHED, size: 6, color: '999999', space: 4 } },
    spacing: { before: 240, after: 240 },
    children: [new TextRun({ text: label, size: 18, color: '999999', font: FONT })],
  });
}

export function letterText(d: LetterData) {
  const gender = d.gender === 'male' ? '男' : '女';
  const category = d.category === 'full' ? '正式' : '预备';
  const paid = d.paidThrough ? chineseDate(d.paidThrough) : '　　年　　月';
  const age = d.age === null ? '' : `${d.age}岁，`;
  return {
    stub: `${d.name}同志（${gender}，${age}${d.ethnicity}），系中共${category}党员，公民身份号码${d.idNumber}，由${d.fromOrg}去${d.toOrg}。党费已交到${paid}。有效期${d.validDays}天。`,
    letter: `兹介绍${d.name}同志（${gender}，${age}${d.ethnicity}），系中共${category}党员，公民身份号码${d.idNumber}，前往${d.toOrg}，请转接组织关系。该同志党费已交到${paid}。（有效期${d.validDays}天）`,
    receipt: `${d.name}同志的党员组织关系已转达我处，特此回复。`,
    paid,
  };
}

export async function letterDocx(d: LetterData): Promise<Buffer> {
  const text = letterText(d);
  const date = chineseDate(d.date);
  const no = `第 ${d.letterNo} 号`;
  const doc = new Document({
    creator: 'Hongyi',
    title: `组织关系介绍信 ${d.letterNo}`,
    sections: [
      {
        properties: { page: { margin: { top: 1000, bottom: 1000, left: 1400, right: 1400 } } },
        children: [
          p('中国共产党党员组织关系介绍信（存根）', { center: true, bold: true, size: 32, title: true }),
          p(no, { right: true }),
          p(text.stub, { indent: true }),
          p(`党员联系电话：${d.phone}`),
          p(date, { right: true }),
          cut('（此处骑缝盖章）'),
          p('中国共产党党员组织关系介绍信', { center: true, bold: true, size: 36, title: true }),
          p(no, { right: true }),
          p(`${d.toOrg}：`),
          p(text.letter, { indent: true }),
          p(`党员联系电话：${d.phone}`),
          p(`原基层党委通讯地址：${d.address}　　邮编：${d.postcode}`),
          p(`联系电话：${d.committeePhone}　　传真：${d.fax}`),
          p(`${d.committeeName || d.fromOrg}（盖章）`, { right: true }),
          p(date, { right: true }),
          cut('（此联由接收党组织填写后寄回）'),
          p('中国共产党党员组织关系介绍信（回执）', { center: true, bold: true, size: 32, title: true }),
          p(no, { right: true }),
          p(`${d.committeeName || d.fromOrg}：`),
          p(text.receipt, { indent: true }),
          p('接收党组织（盖章）', { right: true }),
          p('　　年　　月　　日', { right: true }),
        ],
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}
