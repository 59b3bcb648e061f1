import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { apiGet, choose, hasChromium, launch, openContext, openFromMenu, screenshot, settle, signIn } from './browser.js';

const baseUrl = inject('baseUrl');
const WAIT = { timeout: 30_000, interval: 250 };
let browser: Browser;

type Live = { tables: { id: string; rows: { key: string; count: number }[] }[] };
const cellOf = (live: Live, table: string, row: string) => live.tables.find((t) => t.id === table)!.rows.find((r) => r.key === row)!.count;

describe.skipIf(!hasChromium || !baseUrl)('member training (党员培训) journey', () => {
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the office records a class with two participants and sees it counted in 党员培训情况', { timeout: 240_000 }, async () => {
    const context = await openContext(browser, { width: 1400, height: 900 });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'org');
    const before = await apiGet<Live>(page, '/api/v1/statistics?year=2026');
    await openFromMenu(page, ['党员培训'], /\/training/);
    await page.getByTestId('training-list').locator('.ant-table-row').first().waitFor(WAIT);
    await settle(page);
    await screenshot(page, 'training-01-list');

    await page.getByTestId('training-new').click();
    await page.getByTestId('training-title').waitFor(WAIT);
    await page.getByTestId('training-title').fill('心肺复苏党员先锋示范培训班');
    await choose(page, 'training-level', '本单位党委');
    await choose(page, 'training-kind', '专题培训');
    const participants = page.getByTestId('training-participants');
    const picked = async () => (await participants.locator('.ant-select-selection-item').allTextContents()).filter((t) => !t.startsWith('+'));
    for (const n of [0, 1]) {
      await choose(page, 'training-participants', undefined, { multiple: true });
      await expect.poll(picked, WAIT).toHaveLength(n + 1);
    }
    await settle(page);
    await screenshot(page, 'training-02-form');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.getByTestId('training-title').waitFor({ state: 'hidden', timeout: 30_000 });
    await page.getByText('心肺复苏党员先锋示范培训班').first().waitFor(WAIT);
    await page.getByText('心肺复苏党员先锋示范培训班').first().click();
    await page.getByTestId('training-participant-list').locator('.ant-tag').nth(1).waitFor(WAIT);
    await settle(page);
    await screenshot(page, 'training-03-detail');

    // Counted in the year's table: two more person-times at the unit level, in 专题培训.
    await page.goto(`${baseUrl}/statistics?year=2026`);
    await page.getByTestId('stats-table-training').waitFor(WAIT);
    const times = page.getByTestId('cell-training-level_unit');
    await expect.poll(async () => Number(await times.textContent()), WAIT).toBe(cellOf(before, 'training', 'level_unit') + 2);
    expect(Number(await page.getByTestId('cell-training-kind_thematic').textContent())).toBe(cellOf(before, 'training', 'kind_thematic') + 2);
    await page.getByTestId('stats-table-training').scrollIntoViewIfNeeded();
    await settle(page);
    await screenshot(page, 'training-04-statistics');
    await context.close();
  });

  it('on a phone the list and the form fit the width', { timeout: 180_000 }, async () => {
    const context = await openContext(browser, { width: 1280, height: 844 });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'org');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${baseUrl}/training`);
    await page.getByTestId('training-new').waitFor(WAIT);
    await page.getByText('学时').first().waitFor(WAIT);
    await settle(page);
    await screenshot(page, 'training-05-phone');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(392);
    await page.getByTestId('training-new').click();
    await page.getByTestId('training-title').waitFor(WAIT);
    await settle(page);
    await screenshot(page, 'training-06-phone-form');
    await context.close();
  });
});
