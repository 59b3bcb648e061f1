import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';

/** The workbook an Excel download answered with, as ExcelJS reads it. */
export async function workbookOf(res: LightMyRequestResponse): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return workbook;
}
