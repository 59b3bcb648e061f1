/**
 * Writes the legacy-workbook fixtures with LibreOffice, the way an office's old files are saved:
 *   apt-get install libreoffice-calc-nogui && npx tsx packages/server/src/test/files/make-legacy-files.ts
 * The .xls files are committed; the tests do not need LibreOffice.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rosterFile } from '../../modules/members/testRoster.js';
import { LEGACY_HEADERS, legacyRosterRows } from './legacyRoster.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'legacy-'));
// LibreOffice no longer writes Excel 95 (BIFF5); Excel 97–2003 (BIFF8) is what offices keep.
for (const [name, rows] of [
  ['roster-lo97', legacyRosterRows()],
  ['roster-lo97-clean', legacyRosterRows().filter((r) => r[1] !== '葛明')],
] as const) {
  const source = join(work, `${name}.xlsx`);
  writeFileSync(source, await rosterFile(LEGACY_HEADERS, rows));
  const out = join(work, 'out');
  execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${work}/profile`, '--convert-to', 'xls:MS Excel 97', '--outdir', out, source], { stdio: 'inherit' });
  renameSync(join(out, `${name}.xls`), join(here, `${name}.xls`));
  console.log(`wrote ${name}.xls`);
}
