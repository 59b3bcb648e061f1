/**
 * The Word kit: every generated document (会议记录, 台账, 介绍信, development files, reports)
 * is built from these pieces, so they share the official-document look (党政机关公文格式
 * GB/T 9704: 方正小标宋简体 titles, 仿宋_GB2312 text, 四号 body where installed, falling back
 * to 宋体 / 仿宋), A4 pages and the same dates.
 */
import { AlignmentType, BorderStyle, Document, type FileChild, Packer, PageOrientation, Paragraph, Table, TableCell, TableRow, TextRun, VerticalAlign, WidthType } from './docx-classes.js';
import type { FastifyReply } from 'fastify';
import { attachmentDisposition } from './download.js';

export const TITLE_FONT = { eastAsia: '方正小标宋简体', ascii: 'SimSun', hAnsi: 'SimSun' };
export const BODY_FONT = { eastAsia: '仿宋_GB2312', ascii: 'FangSong', hAnsi: 'FangSong' };
/** Sizes in half-points: 二号 22 pt titles, 四号 14 pt text, 小四 12 pt tables. */
export const TITLE_SIZE = 44;
export const BODY_SIZE = 28;
export const TABLE_SIZE = 24;
const LINE = 420;

/** '2026-11-23' → '2026年11月23日'; '2026-11' → '2026年11月'. */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${y}年${Number(m)}月${d ? `${Number(d)}日` : ''}`;
}

const DIGITS = '〇一二三四五六七八九';
/** The date in Chinese numerals, as printed on letters: '2026-10' → '二〇二六年十月'; '2026-11-23' → '二〇二六年十一月二十三日'. */
export function chineseNumeralDate(date: string): string {
  const [y, m, d] = date.split('-');
  const year = [...(y ?? '')].map((c) => DIGITS[Number(c)]).join('');
  const small = (n: number) => (n < 10 ? DIGITS[n]! : n === 10 ? '十' : n < 20 ? `十${DIGITS[n - 10]}` : `${DIGITS[Math.floor(n / 10)]}十${n % 10 ? DIGITS[n % 10] : ''}`);
  return `${year}年${small(Number(m))}月${d ? `${small(Number(d))}日` : ''}`;
}

/** A face for East Asian and Latin text (BODY_FONT unless a document names its own). */
export type DocxFont = { eastAsia: string; ascii: string; hAnsi: string };

export function run(text: string, options: { bold?: boolean; size?: number; underline?: boolean; font?: DocxFont } = {}): TextRun {
  return new TextRun({ text, font: options.font ?? BODY_FONT, size: options.size ?? BODY_SIZE, bold: options.bold, underline: options.underline ? {} : undefined });
}

export function title(text: string): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 300 }, children: [new TextRun({ text, font: TITLE_FONT, size: TITLE_SIZE })] });
}

export function heading(text: string): Paragraph {
  return new Paragraph({ spacing: { before: 200, line: LINE }, children: [run(text, { bold: true })] });
}

/** "label：value" on one line. */
export function line(label: string, value: string): Paragraph {
  return new Paragraph({ spacing: { line: LINE }, children: [run(`${label}：`, { bold: true }), run(value)] });
}

/** A paragraph of text, first line indented two characters unless `indent` is false. */
export function body(text: string, indent = true): Paragraph {
  return new Paragraph({ spacing: { line: LINE }, indent: indent ? { firstLine: 560 } : undefined, children: [run(text)] });
}

export function right(text: string): Paragraph {
  return new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { line: LINE }, children: [run(text)] });
}

export interface CellOptions {
  bold?: boolean;
  align?: 'center' | 'left' | 'right';
  /** Width in twentieths of a point (DXA); the table shares its width evenly when omitted. */
  width?: number;
  span?: number;
  font?: DocxFont;
}

export function cell(text: string, options: CellOptions = {}): TableCell {
  const alignment = options.align === 'right' ? AlignmentType.RIGHT : options.align === 'left' ? AlignmentType.LEFT : AlignmentType.CENTER;
  return new TableCell({
    width: options.width ? { size: options.width, type: WidthType.DXA } : undefined,
    columnSpan: options.span,
    verticalAlign: VerticalAlign.CENTER,
    margins: { left: 80, right: 80, top: 40, bottom: 40 },
    children: [new Paragraph({ alignment, children: [run(text, { bold: options.bold, size: TABLE_SIZE, font: options.font })] })],
  });
}

/** A table's thin black border (read when a table is built: the docx package loads on first use). */
const border = () => ({ style: BorderStyle.SINGLE, size: 4, color: '000000' });

/** A full-width table with a repeated bold heading row and rows that do not split across pages. */
export function table(header: readonly string[], rows: readonly (readonly string[])[], options: { widths?: readonly number[]; align?: ReadonlyArray<CellOptions['align']> } = {}): Table {
  const opts = (i: number): CellOptions => ({ width: options.widths?.[i], align: options.align?.[i] });
  const BORDER = border();
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER },
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: header.map((h, i) => cell(h, { ...opts(i), bold: true })) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, opts(i))) })),
    ],
  });
}

/** Signature lines under a record: "主持人（签字）：＿＿＿＿" for each role, then the date line. */
export function signatureLines(roles: readonly string[], dateLabel = '日期'): Paragraph[] {
  const blank = '\u3000'.repeat(8);
  return [
    new Paragraph({ spacing: { before: 480 }, children: [] }),
    ...roles.map((role) => new Paragraph({ spacing: { line: 600 }, children: [run(`${role}（签字）：`), run(blank, { underline: true })] })),
    new Paragraph({ spacing: { line: 600 }, children: [run(`${dateLabel}：`), run(`${'\u3000'.repeat(3)}年${'\u3000'.repeat(2)}月${'\u3000'.repeat(2)}日`)] }),
  ];
}

/** An A4 document (2.54 cm / 3.17 cm margins) of one section; `landscape` for wide tables. */
export function documentOf(children: FileChild[], options: { landscape?: boolean } = {}): Document {
  const portrait = { width: 11906, height: 16838 };
  return new Document({
    creator: 'Hongyi',
    styles: { default: { document: { run: { font: BODY_FONT, size: BODY_SIZE } } } },
    sections: [
      {
        properties: {
          page: {
            size: options.landscape ? { width: portrait.height, height: portrait.width, orientation: PageOrientation.LANDSCAPE } : portrait,
            margin: { top: 1440, bottom: 1440, left: 1800, right: 1800 },
          },
        },
        children,
      },
    ],
  });
}

export function docxBuffer(children: FileChild[], options: { landscape?: boolean } = {}): Promise<Buffer> {
  return Packer.toBuffer(documentOf(children, options));
}

export function sendDocx(reply: FastifyReply, filename: string, buffer: Buffer) {
  return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document').header('content-disposition', attachmentDisposition(filename)).send(buffer);
}
