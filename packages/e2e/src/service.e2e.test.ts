import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { apiGet, choose, hasChromium, launch, openContext, screenshot, settle, signIn, signInOnPhone } from './browser.js';

const baseUrl = inject('baseUrl');
const WAIT = { timeout: 20_000, interval: 250 };
const SERIES = '急救知识进万家';
const ER = '急诊科全科医学科党支部';
let browser: Browser;

/** Fills an antd InputNumber (the test id lands on the input itself or on its wrapper). */
async function fillNumber(page: Page, testId: string, value: string): Promise<void> {
  const el = page.getByTestId(testId);
  const input = (await el.evaluate((e) => e.tagName)) === 'INPUT' ? el : el.locator('input');
  await input.fill(value);
}

interface Totals {
  rows: Array<{ label: string; figures: { events: number; beneficiaries: number; trained: number; participations: number; hours: number } }>;
}
interface SeriesRow {
  id: number;
  name: string;
  lastIssue: number;
}

interface Checklist {
  orgName: string;
  items: Array<{ key: string; rules: Array<{ found: number; records: Array<{ title: string }> }> }>;
}
const publicised = (c: Checklist) => c.items.find((i) => i.key === 'publicise_to_people')!.rules[0]!;

describe.skipIf(!hasChromium || !baseUrl)('service journey', () => {
  let before: Totals['rows'][number]['figures'];
  let publicisedBefore: number;
  let series: SeriesRow;

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the secretary records a 急救知识进万家 issue with participants and people served; it takes the next number', { timeout: 240_000 }, async () => {
    const context = await openContext(browser, { width: 1400, height: 900 });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'secretary');
    series = (await apiGet<SeriesRow[]>(page, '/api/v1/service/series')).find((s) => s.name === SERIES)!;
    expect(series.lastIssue).toBeGreaterThanOrEqual(100);
    const year = '2026';
    before = (await apiGet<Totals>(page, `/api/v1/service/totals?groupBy=org&year=${year}`)).rows.find((r) => r.label === ER)!.figures;
    publicisedBefore = publicised(await apiGet<Checklist>(page, `/api/v1/strengths/checklist?year=${year}`)).found;

    await page.goto(`${baseUrl}/service/events`);
    await page.getByTestId('service-events').locator('tr.ant-table-row').first().waitFor();
    await settle(page);
    await screenshot(page, 'service-01-events');
    await page.getByTestId('new-service-event').click();
    await page.waitForURL(/\/service\/events\/new$/);
    await choose(page, 'service-kind', '急救科普');
    await page.getByTestId('service-title').fill('急救知识进万家·心肺复苏进校园');
    await choose(page, 'service-series', `${SERIES}（下一期：第 ${series.lastIssue + 1} 期）`);
    await choose(page, 'service-place-type', '学校');
    await page.getByTestId('service-place').fill('市第一中学');
    await fillNumber(page, 'service-beneficiaries', '320');
    await fillNumber(page, 'service-trained', '150');

    // Two members of the branch, found by name, and a student by name only.
    const roster = await apiGet<{ items: Array<{ id: number; name: string }> }>(page, '/api/v1/members?pageSize=5');
    const [a, b] = roster.items as [{ id: number; name: string }, { id: number; name: string }];
    for (const [i, m] of [a, b].entries()) {
      await page.getByTestId('add-participant').click();
      await choose(page, `participant-member-${i}`, m.name, { search: m.name });
      await fillNumber(page, `participant-hours-${i}`, '3');
    }
    await page.getByTestId('add-non-member').click();
    await page.getByTestId('participant-name-2').fill('医学生林晓');
    await fillNumber(page, 'participant-hours-2', '2.5');
    await settle(page);
    await screenshot(page, 'service-02-form');
    await page.getByTestId('save-service-event').click();
    await page.waitForURL(/\/service\/events\/\d+$/, WAIT).catch(async (error: unknown) => {
      await screenshot(page, 'service-02-form-not-saved');
      throw error;
    });
    const view = page.getByTestId('service-event-view');
    await view.waitFor();
    expect(await view.textContent()).toContain(`${SERIES} 第 ${series.lastIssue + 1} 期`);
    await expect.poll(() => page.getByTestId('service-participants').locator('tr.ant-table-row').count(), WAIT).toBe(3);
    // Photos: the picker and its hint offer what the route takes (JPG, PNG, PDF), not Word or Excel.
    expect(await page.locator('input[type=file]').evaluateAll((inputs) => inputs.map((i) => i.getAttribute('accept')))).toEqual(['.jpg,.jpeg,.png,.pdf']);
    expect(await page.getByText('可上传照片（JPG、PNG）或 PDF，单个不超过 10 MB').count()).toBe(1);
    await settle(page);
    await screenshot(page, 'service-03-event');
    await context.close();
  });

  it('the series shows the new issue on top with the running totals', { timeout: 120_000 }, async () => {
    const context = await openContext(browser, { width: 1400, height: 900 });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'secretary');
    await page.goto(`${baseUrl}/service/series/${series.id}`);
    const first = page.getByTestId('series-issues').locator('tr.ant-table-row').first();
    await first.waitFor();
    expect(await first.textContent()).toContain(`第 ${series.lastIssue + 1} 期`);
    expect(await first.textContent()).toContain('心肺复苏进校园');
    await settle(page);
    await screenshot(page, 'service-04-series');
    await context.close();
  });

  it('the branch’s totals have grown by the event: one more event, 3 person-times, 8.5 hours, 320 people served, 150 trained', { timeout: 120_000 }, async () => {
    const context = await openContext(browser, { width: 1400, height: 900 });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'org');
    await page.goto(`${baseUrl}/service/totals?groupBy=org&year=2026`);
    const row = page.getByTestId('service-totals').locator('tr', { hasText: ER }).first();
    await row.waitFor();
    const after = (await apiGet<Totals>(page, '/api/v1/service/totals?groupBy=org&year=2026')).rows.find((r) => r.label === ER)!.figures;
    expect(after.events - before.events).toBe(1);
    expect(after.participations - before.participations).toBe(3);
    expect(Math.round((after.hours - before.hours) * 10) / 10).toBe(8.5);
    expect(after.beneficiaries - before.beneficiaries).toBe(320);
    expect(after.trained - before.trained).toBe(150);
    expect(await row.textContent()).toContain(String(after.beneficiaries));
    await settle(page);
    await screenshot(page, 'service-05-totals');
    await page.goto(`${baseUrl}/honours/ladder`);
    await page.getByTestId('honours-ladder').locator('.ant-card').first().waitFor();
    await settle(page);
    await screenshot(page, 'service-06-ladder');
    await context.close();
  });

  it('the branch’s 七个有力 checklist counts the event as evidence of 宣传师生有力; the office sees the branches side by side', { timeout: 180_000 }, async () => {
    const context = await openContext(browser, { width: 1400, height: 900 });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'secretary');
    await page.goto(`${baseUrl}/honours/strengths?year=2026`);
    const card = page.getByTestId('strength-publicise_to_people-rule-0');
    // The item is open when it has a gap; open it when it is evidenced.
    if (!(await card.isVisible())) await page.getByTestId('strength-publicise_to_people').click();
    await card.waitFor();
    await expect.poll(() => page.getByTestId('strength-publicise_to_people-rule-0-count').textContent(), WAIT).toContain(`已有 ${publicisedBefore + 1} /`);
    expect(await card.textContent()).toContain('心肺复苏进校园');
    expect(await page.getByTestId('strengths-summary').textContent()).toContain(ER);
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'service-07-strengths-checklist');
    await context.close();

    const office = await (await openContext(browser, { width: 1400, height: 900 })).newPage();
    await signIn(office, baseUrl, 'org');
    await office.goto(`${baseUrl}/honours/strengths?tab=compare&year=2026`);
    const row = office.getByTestId('strengths-compare').locator('tr.ant-table-row', { hasText: ER }).first();
    await row.waitFor();
    expect(await office.getByTestId('strengths-compare').locator('tr.ant-table-row').count()).toBeGreaterThan(5);
    expect(await row.textContent()).toMatch(/有据|缺口/);
    await settle(office);
    await screenshot(office, 'service-08-strengths-compare');
    await office.goto(`${baseUrl}/honours/strengths?tab=rules`);
    await office.getByTestId('strengths-edit-serve_people').click();
    await office.getByTestId('strengths-rules-form').waitFor();
    await screenshot(office, 'service-09-strengths-rules');
    await office.context().close();

    const phone = await (await openContext(browser, { width: 390, height: 844, mobile: true })).newPage();
    await signInOnPhone(phone, baseUrl, 'secretary');
    await phone.goto(`${baseUrl}/honours/strengths?year=2026`);
    await phone.getByTestId('strengths-checklist').waitFor();
    await settle(phone);
    await screenshot(phone, 'service-10-strengths-phone');
    expect(Number(await phone.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(390);
    await phone.context().close();
  });

  it('a member sees their own service on a phone', { timeout: 120_000 }, async () => {
    const context = await openContext(browser, { width: 390, height: 844, mobile: true });
    const page = await context.newPage();
    await signInOnPhone(page, baseUrl, 'member');
    await page.goto(`${baseUrl}/service/my`);
    await page.getByTestId('my-service').waitFor();
    await settle(page);
    await screenshot(page, 'service-11-my-phone');
    // Nothing wider than the phone: no sideways scrolling.
    expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(390);
    await context.close();
  });
});
