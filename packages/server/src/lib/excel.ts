import type { FastifyReply } from 'fastify';

export interface SheetColumn<T> {
  header: string;
  width?: number;
  /** The cell of a row; `index` counts from 0 (a 序号 column is `index + 1`). */
  value: (row: T, index: number) => string | number | null | undefined;
}

/** One-sheet workbook with a bold header row and frozen first row, as offices expect. */
export async function workbookBuffer<T>(sheetName: string, columns: SheetColumn<T>[], rows: T[]): Promise<Buffer> {
  // Loaded on first use: exceljs is large and most requests (and the start) never need it.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Hongyi';
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width ?? 16 }));
  sheet.getRow(1).font = { bold: true };
  rows.forEach((row, i) => sheet.addRow(columns.map((c) => c.value(row, i) ?? '')));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function sendXlsx(reply: FastifyReply, filename: string, buffer: Buffer) {
  return reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .send(buffer);
}
