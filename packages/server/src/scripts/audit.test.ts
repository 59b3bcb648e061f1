import { describe, expect, it } from 'vitest';
import { auditVerdict } from './audit.js';

/** The shape `npm audit --json` prints (report version 2). */
function report(vulnerabilities: Record<string, unknown>): string {
  return JSON.stringify({ auditReportVersion: 2, vulnerabilities, metadata: { vulnerabilities: {} } });
}

describe('the dependency audit', () => {
  it('fails on a high or critical advisory with a fix, and only lists the rest', () => {
    const verdict = auditVerdict(
      report({
        'fast-xml-parser': { name: 'fast-xml-parser', severity: 'high', range: '<4.4.1', fixAvailable: true },
        tar: { name: 'tar', severity: 'critical', range: '<6.2.1', fixAvailable: { name: 'exceljs', version: '5.0.0', isSemVerMajor: true } },
        'no-fix': { name: 'no-fix', severity: 'critical', range: '*', fixAvailable: false },
        lodash: { name: 'lodash', severity: 'moderate', range: '<4.17.21', fixAvailable: true },
      }),
    );
    expect(verdict.checked).toBe(true);
    expect(verdict.failing).toEqual(['fast-xml-parser <4.4.1 — high, fix available', 'tar <6.2.1 — critical, fix: exceljs@5.0.0 (major)']);
    expect(verdict.other).toEqual(['no-fix * — critical, no fix yet', 'lodash <4.17.21 — moderate, fix available']);
  });

  it('passes a clean report', () => {
    expect(auditVerdict(report({}))).toEqual({ checked: true, failing: [], other: [] });
  });

  it('says when the audit service could not be asked, instead of reading that as clean', () => {
    const offline = JSON.stringify({ message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk', statusCode: 405 });
    expect(auditVerdict(offline)).toEqual({ checked: false, unavailable: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk', failing: [], other: [] });
    expect(auditVerdict('npm ERR! network').checked).toBe(false);
  });
});
