// npm run audit:deps — the dependency audit CI runs: fails on a high or critical advisory that has
// a fix available (`npm audit fix` or an upgrade would remove it); lists the others.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** One package's entry in `npm audit --json` (report version 2, npm 7 and later). */
interface AuditEntry {
  name?: string;
  severity?: string;
  range?: string;
  fixAvailable?: boolean | { name: string; version: string; isSemVerMajor?: boolean };
}

export interface AuditVerdict {
  /** The audit service answered. When it did not (an offline mirror, a registry without the audit endpoint) nothing could be checked. */
  checked: boolean;
  /** Why nothing could be checked. */
  unavailable?: string;
  /** High or critical, with a fix: these fail the run. */
  failing: string[];
  /** Every other advisory, listed for the reader. */
  other: string[];
}

const BLOCKING = new Set(['high', 'critical']);

/** Reads `npm audit --json`'s output into what fails the run and what is only listed. */
export function auditVerdict(output: string): AuditVerdict {
  let report: { vulnerabilities?: Record<string, AuditEntry>; message?: string; error?: { summary?: string } };
  try {
    report = JSON.parse(output) as typeof report;
  } catch {
    return { checked: false, unavailable: 'npm audit printed no JSON', failing: [], other: [] };
  }
  if (!report.vulnerabilities) return { checked: false, unavailable: report.message || report.error?.summary || 'the audit service gave no report', failing: [], other: [] };
  const failing: string[] = [];
  const other: string[] = [];
  for (const [name, entry] of Object.entries(report.vulnerabilities)) {
    const fix = entry.fixAvailable;
    const fixText = fix === true ? 'fix available' : fix ? `fix: ${fix.name}@${fix.version}${fix.isSemVerMajor ? ' (major)' : ''}` : 'no fix yet';
    const line = `${entry.name ?? name} ${entry.range ?? ''} — ${entry.severity ?? 'unknown'}, ${fixText}`.replace(/\s+—/, ' —');
    (BLOCKING.has(entry.severity ?? '') && fix ? failing : other).push(line);
  }
  return { checked: true, failing, other };
}

async function main(): Promise<void> {
  // npm audit exits non-zero when it finds anything; its JSON is read either way.
  const run = promisify(execFile);
  const output = await run('npm', ['audit', '--json'], { maxBuffer: 64 * 1024 * 1024 }).then(
    (r) => r.stdout,
    (e: { stdout?: string }) => e.stdout ?? '',
  );
  const verdict = auditVerdict(output);
  if (!verdict.checked) {
    console.warn(`! dependency audit not checked: ${verdict.unavailable}`);
    return;
  }
  for (const line of verdict.other) console.log(`  ${line}`);
  for (const line of verdict.failing) console.error(`✗ ${line}`);
  if (verdict.failing.length > 0) process.exit(1);
  console.log(`✓ no high or critical advisory with a fix available (${verdict.other.length} other listed)`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
