/**
 * The yearly 党费收缴台账 as a Word document (formats.md "Dues" and "Documents generated"):
 * 序号, 姓名, 月工资收入, 执行标准（比例）, 月应缴党费, 全年应缴, 全年实缴, 备注, a 合计 row, then
 * 制表人 / 制表日期. Landscape A4, page numbers in the footer. Chinese official-document look:
 * 方正小标宋简体 for the title and 仿宋 for the text, both falling back to 宋体 (then any serif
 * font) through the font table where they are not installed.
 */
import { AlignmentType, BorderStyle, Document, Footer, Packer, PageNumber, PageOrientation, Paragraph, Tab, TabStopType, Table, TableRow, TextRun, WidthType } from '../../lib/docx-classes.js';
import { BODY_SIZE, type CellOptions, type DocxFont, TABLE_SIZE, TITLE_FONT, TITLE_SIZE, chineseDate, cell as kitCell, run as kitRun } from '../../lib/docx.js';

const TITLE_FACE = TITLE_FONT.eastAsia;
const BODY_FACE = '仿宋';
const FALLBACK_FACE = '宋体';
/** 仿宋 (not the kit's 仿宋_GB2312), which the font table below maps to 宋体 where it is missing. */
const BODY_FONT: DocxFont = { eastAsia: BODY_FACE, ascii: 'FangSong', hAnsi: 'FangSong' };

/** A4 in twips; docx swaps width and height for landscape. */
const A4 = { width: 11906, height: 16838 };
/** Column widths in twips; they sum to the text width of landscape A4 with the margins below (16838 − 2 × 1417). */
const COLUMN_WIDTHS = [800, 1500, 1900, 1700, 1700, 1800, 1800, 2804];

/**
 * word/fontTable.xml naming 宋体 as the alternative (w:altName) for the official faces and
 * "roman" (serif) as their family, so Word and LibreOffice substitute 宋体 or a serif font
 * instead of an arbitrary sans-serif one when 方正小标宋简体 or 仿宋 is missing.
 */
function fontTableXml(): string {
  const font = (name: string, alt: string | null) =>
    `<w:font w:name="${name}">${alt ? `<w:altName w:val="${alt}"/>` : ''}<w:charset w:val="86"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    font(TITLE_FACE, FALLBACK_FACE) +
    font(BODY_FACE, FALLBACK_FACE) +
    font('FangSong', FALLBACK_FACE) +
    font(FALLBACK_FACE, 'SimSun') +
    font('SimSun', FALLBACK_FACE) +
    '</w:fonts>'
  );
}

export interface LedgerDocxRow {
  no: number;
  name: string;
  baseCents: number | null;
  rate: string;
  monthlyCents: number | null;
  yearDueCents: number;
  yearPaidCents: number;
  remark: string;
}

export interface LedgerDocxData {
  orgName: string;
  year: number;
  rows: LedgerDocxRow[];
  /** The 合计 row's 备注. */
  totalRemark: string;
  preparedBy: string;
  /** YYYY-MM-DD */
  preparedOn: string;
}

export const LEDGER_DOCX_HEADERS = ['序号', '姓名', '月工资收入', '执行标准（比例）', '月应缴党费', '全年应缴', '全年实缴', '备注'] as const;

/** Integer 分 → 元 with two decimals, without floating-point rounding; null → ''. */
export function yuanText(cents: number | null): string {
  if (cents === null) return '';
  const abs = Math.abs(cents);
  return `${cents < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export function ledgerTitle(orgName: string, year: number): string {
  return `${orgName}${year}年度党费收缴台账`;
}

const run = (text: string, options: { bold?: boolean; size?: number } = {}) => kitRun(text, { ...options, font: BODY_FONT });
const cell = (text: string, width: number, options: Omit<CellOptions, 'width' | 'font'> = {}) => kitCell(text, { ...options, width, font: BODY_FONT });

function ledgerTable(d: LedgerDocxData): Table {
  const w = COLUMN_WIDTHS;
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const header = new TableRow({ tableHeader: true, cantSplit: true, children: LEDGER_DOCX_HEADERS.map((h, i) => cell(h, w[i]!, { bold: true })) });
  const body = d.rows.map(
    (x) =>
      new TableRow({
        cantSplit: true,
        children: [
          cell(String(x.no), w[0]!),
          cell(x.name, w[1]!),
          cell(yuanText(x.baseCents), w[2]!, { align: 'right' }),
          cell(x.rate, w[3]!),
          cell(yuanText(x.monthlyCents), w[4]!, { align: 'right' }),
          cell(yuanText(x.yearDueCents), w[5]!, { align: 'right' }),
          cell(yuanText(x.yearPaidCents), w[6]!, { align: 'right' }),
          cell(x.remark, w[7]!, { align: 'left' }),
        ],
      }),
  );
  const sum = (f: (x: LedgerDocxRow) => number | null) => d.rows.reduce((s, x) => s + (f(x) ?? 0), 0);
  const totals = new TableRow({
    cantSplit: true,
    children: [
      cell('合计', w[0]! + w[1]!, { bold: true, span: 2 }),
      cell('', w[2]!),
      cell('', w[3]!),
      cell(yuanText(sum((x) => x.monthlyCents)), w[4]!, { align: 'right', bold: true }),
      cell(yuanText(sum((x) => x.yearDueCents)), w[5]!, { align: 'right', bold: true }),
      cell(yuanText(sum((x) => x.yearPaidCents)), w[6]!, { align: 'right', bold: true }),
      cell(d.totalRemark, w[7]!, { align: 'left' }),
    ],
  });
  return new Table({
    width: { size: w.reduce((s, x) => s + x, 0), type: WidthType.DXA },
    columnWidths: w,
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: [header, ...body, totals],
  });
}

export async function ledgerDocx(d: LedgerDocxData): Promise<Buffer> {
  const footer = new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ font: BODY_FONT, size: TABLE_SIZE, children: ['第 ', PageNumber.CURRENT, ' 页 共 ', PageNumber.TOTAL_PAGES, ' 页'] })],
      }),
    ],
  });
  const doc = new Document({
    creator: 'Hongyi',
    title: ledgerTitle(d.orgName, d.year),
    styles: { default: { document: { run: { font: BODY_FONT, size: BODY_SIZE } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: A4.width, height: A4.height, orientation: PageOrientation.LANDSCAPE },
            margin: { top: 1440, bottom: 1247, left: 1417, right: 1417, footer: 680 },
          },
        },
        footers: { default: footer },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 240 },
            children: [new TextRun({ text: ledgerTitle(d.orgName, d.year), font: TITLE_FONT, size: TITLE_SIZE })],
          }),
          new Paragraph({
            spacing: { after: 120 },
            tabStops: [{ type: TabStopType.RIGHT, position: COLUMN_WIDTHS.reduce((s, x) => s + x, 0) }],
            children: [run(`统计期间：${d.year}年1月至12月`, { size: TABLE_SIZE }), new TextRun({ font: BODY_FONT, size: TABLE_SIZE, children: [new Tab(), '单位：元'] })],
          }),
          ledgerTable(d),
          new Paragraph({
            spacing: { before: 360 },
            alignment: AlignmentType.RIGHT,
            children: [run(`制表人：${d.preparedBy}`), run('        '), run(`制表日期：${chineseDate(d.preparedOn)}`)],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc, false, [{ path: 'word/fontTable.xml', data: fontTableXml() }]);
}
