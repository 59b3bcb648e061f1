/**
 * Legacy Excel 97–2003 workbooks (.xls, BIFF8; also BIFF5 with a Chinese code page). Offices still
 * keep rosters and payroll sheets this way, often saved by WPS or LibreOffice. ExcelJS reads only
 * .xlsx, so an .xls is read with SheetJS (the registry's `@e965/xlsx`, a republication of SheetJS
 * CE 0.20.3, which carries the fixes for the advisories against the `xlsx` 0.18.5 on the registry;
 * see docs/decisions/0003-legacy-xls.md) and copied cell by cell, at the same row and column, into
 * an ExcelJS worksheet — so every importer reads both kinds with the same code and names the same
 * row numbers as the user's file.
 */
import type ExcelJS from 'exceljs';

/** The signature of an OLE compound file: Excel 97–2003 workbooks, and also encrypted .xlsx files. */
const CFB_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

export function isCompoundFile(file: Buffer): boolean {
  return file.length >= 8 && file.subarray(0, 8).equals(CFB_SIGNATURE);
}

/** Why a legacy workbook could not be read: encrypted (设有打开密码) or not a workbook at all. */
export type LegacyReadFailure = 'password' | 'invalid';

export class LegacyWorkbookError extends Error {
  constructor(readonly reason: LegacyReadFailure) {
    super(`legacy workbook: ${reason}`);
  }
}

/** Excel's day 0 in the 1900 system is 1899-12-30 (with Lotus's leap-year bug); the 1904 system starts 1462 days later. */
const EPOCH_1900_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/**
 * The sheets of an .xls as ExcelJS worksheets, each cell at its own
 * address: numbers, text and booleans as they are, a number in a date format as a UTC Date (as
 * ExcelJS gives it for .xlsx), error cells empty, formulas as their cached result, the number
 * format kept (a percentage stays recognisable), merged ranges kept.
 */
export async function legacySheets(file: Buffer): Promise<ExcelJS.Worksheet[]> {
  const XLSX = await import('@e965/xlsx');
  const { default: ExcelJS } = await import('exceljs');
  const cptable = await import('@e965/xlsx/dist/cpexcel.full.mjs');
  XLSX.set_cptable(cptable);
  let workbook: ReturnType<typeof XLSX.read>;
  try {
    workbook = XLSX.read(file, { type: 'buffer', cellFormula: false, cellHTML: false, cellStyles: false, cellDates: false, cellNF: true, bookVBA: false });
  } catch (error) {
    throw new LegacyWorkbookError(/password-protected|password protection/i.test(String((error as Error)?.message)) ? 'password' : 'invalid');
  }
  const date1904 = Boolean(workbook.Workbook?.WBProps?.date1904);
  const target = new ExcelJS.Workbook();
  for (const name of workbook.SheetNames) {
    const source = workbook.Sheets[name];
    const ref = source?.['!ref'];
    if (!source || !ref) continue;
    const range = XLSX.utils.decode_range(ref);
    const sheet = target.addWorksheet(uniqueName(target, name));
    for (let r = range.s.r; r <= range.e.r; r += 1) {
      for (let c = range.s.c; c <= range.e.c; c += 1) {
        const cell = source[XLSX.utils.encode_cell({ r, c })] as { t: string; v?: unknown; z?: string | number } | undefined;
        if (!cell || cell.v === undefined || cell.v === null || cell.t === 'e' || cell.t === 'z') continue;
        const into = sheet.getCell(r + 1, c + 1);
        const format = typeof cell.z === 'string' ? cell.z : undefined;
        if (cell.t === 'n' && typeof cell.v === 'number') {
          if (format && XLSX.SSF.is_date(format)) {
            into.value = new Date(EPOCH_1900_MS + Math.round((cell.v + (date1904 ? 1462 : 0)) * DAY_MS));
          } else {
            into.value = cell.v;
            if (format && format !== 'General') into.numFmt = format;
          }
        } else if (cell.t === 'b') {
          into.value = Boolean(cell.v);
        } else {
          into.value = String(cell.v);
        }
      }
    }
    // Merged ranges as ExcelJS keeps them for .xlsx: every cell of a merge reads the merged value
    // (offices merge a branch's name down the rows of its members).
    for (const m of (source['!merges'] ?? []) as { s: { r: number; c: number }; e: { r: number; c: number } }[]) {
      try {
        sheet.mergeCells(m.s.r + 1, m.s.c + 1, m.e.r + 1, m.e.c + 1);
      } catch {
        // An overlapping range (a damaged file): its cells stay as they are.
      }
    }
  }
  return target.worksheets;
}

function uniqueName(workbook: ExcelJS.Workbook, name: string): string {
  const base = name.replace(/[*?:\\/[\]]/g, ' ').slice(0, 28) || 'Sheet';
  let candidate = base;
  for (let i = 2; workbook.getWorksheet(candidate); i += 1) candidate = `${base} ${i}`;
  return candidate;
}
