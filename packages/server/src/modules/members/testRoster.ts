import { idNumberCheckChar } from '@hongyi/core';
import ExcelJS from 'exceljs';
import type { Client } from '../../test/harness.js';
import { postFile } from '../../test/multipart.js';

/** A valid ID number for tests: area 110101, the birth date given, sequence n (odd = male). */
export function idFor(birth: string, n: number): string {
  const first17 = `110101${birth.replace(/-/g, '')}${String(n).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

/** A roster workbook as offices have it: a merged title row and a blank row above the header. */
export async function rosterFile(headers: string[], rows: unknown[][], options: { title?: boolean; merges?: string[] } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('花名册');
  if (options.title !== false) {
    sheet.addRow(['急诊科全科医学科党支部党员花名册']);
    sheet.mergeCells(1, 1, 1, headers.length);
    sheet.addRow([]);
  }
  sheet.addRow(headers);
  for (const r of rows) sheet.addRow(r);
  for (const range of options.merges ?? []) sheet.mergeCells(range);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Sends a roster workbook to the import's preview or commit as a form upload, the way the import page does. */
export function postRoster(client: Client, step: 'preview' | 'commit', file: Buffer, name = '党员花名册.xlsx') {
  return postFile(client, `/api/v1/members/import/${step}`, { name, content: file });
}
