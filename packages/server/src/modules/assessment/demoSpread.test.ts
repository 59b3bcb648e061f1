/**
 * The demo hospital's assessment reads like a real one: last year's graded sheets mostly 好 / 较好, a few
 * 一般, at most one 差 — by the grades the totals suggest, from the records and the 党委's scores; this
 * year's branches reach most of the points their records carry, the manual items still to be scored.
 */
import { ASSESSMENT_GRADES } from '@hongyi/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 300_000);
afterAll(() => t?.close());

interface Scheme { id: number; year: number; status: string; items: Array<{ kind: string; weight: number }> }
interface SheetRow { orgName: string; status: string; total: number; suggestedGrade: string; grade: string | null }

describe('the demo’s yearly assessment', () => {
  it('last year’s graded sheets suggest mostly 好 / 较好, a few 一般, at most one 差; this year’s records carry most of their points', async () => {
    const office = await t.login('org');
    const schemes = (await office.get('/api/v1/assessment/schemes')).json().items as Scheme[];
    const years = schemes.map((s) => s.year).sort();
    const last = schemes.find((s) => s.year === years[0])!;
    const current = schemes.find((s) => s.year === years.at(-1))!;
    expect(current.year).toBe(last.year + 1);

    const graded = (await office.get(`/api/v1/assessment/schemes/${last.id}/sheets`)).json().items as SheetRow[];
    expect(graded.length).toBeGreaterThan(20);
    expect(graded.every((h) => h.status === 'graded')).toBe(true);
    const count = Object.fromEntries(ASSESSMENT_GRADES.map((g) => [g, graded.filter((h) => h.suggestedGrade === g).length]));
    expect(count['好']! + count['较好']!).toBeGreaterThanOrEqual(Math.ceil(graded.length * 0.7));
    expect(count['好']).toBeGreaterThan(0);
    expect(count['一般']).toBeGreaterThan(0);
    expect(count['一般']).toBeLessThanOrEqual(Math.ceil(graded.length * 0.25));
    expect(count['差']).toBeLessThanOrEqual(1);
    // The grades given follow the suggestions, but for the one the 党委 raised with a reason.
    expect(graded.filter((h) => h.grade !== h.suggestedGrade).length).toBeLessThanOrEqual(1);

    // This year: the manual items wait for the 党委; the records' items are mostly reached.
    const sheets = (await office.get(`/api/v1/assessment/schemes/${current.id}/sheets`)).json().items as SheetRow[];
    const recordWeight = current.items.filter((i) => i.kind !== 'manual').reduce((s, i) => s + i.weight, 0);
    expect(recordWeight).toBeGreaterThan(0);
    const shares = sheets.filter((h) => h.status !== 'graded').map((h) => h.total / recordWeight);
    expect(shares.length).toBeGreaterThan(20);
    expect(shares.filter((s) => s >= 0.9).length).toBeGreaterThanOrEqual(Math.ceil(shares.length * 0.7));
    expect(shares.filter((s) => s < 0.6).length).toBeLessThanOrEqual(1);
  });
});
