import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { hasChromium, launch, openContext, screenshot, settle, signIn, switchLanguage } from './browser.js';

const baseUrl = inject('baseUrl');
const WAIT = { timeout: 30_000, interval: 250 };
const UNITS = ['示例医科大学附属第一医院', '示例县人民医院', '示例市第二人民医院', '示例市中医医院'];
let browser: Browser;

describe.skipIf(!hasChromium || !baseUrl)('commission (卫健委) journey', () => {
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the commission account signs in to its units side by side, opens one unit, exports, and reaches no unit page', { timeout: 240_000 }, async () => {
    const context = await openContext(browser, { width: 1400, height: 900 });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'wjw');
    // Its home is the units overview; its menu holds nothing of a unit.
    await page.waitForURL(/\/commission$/, WAIT);
    const menu = await page.getByTestId('main-menu').textContent();
    expect(menu).toContain('各单位汇总');
    for (const unitItem of ['党员管理', '组织生活', '党费', '工作台']) expect(menu).not.toContain(unitItem);
    const table = page.getByTestId('commission-units');
    await table.waitFor(WAIT);
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count(), WAIT).toBe(4);
    expect(await table.locator('tbody tr.ant-table-row td:first-child').allTextContents()).toEqual(UNITS);
    expect(await page.locator('text=XX省卫生健康委员会 · 各单位汇总').count()).toBe(1);
    // Two charts: side by side and the trend.
    await expect.poll(() => page.locator('canvas').count(), WAIT).toBe(2);
    await settle(page);
    await screenshot(page, 'commission-01-overview');
    // The trend of a past month-end counts the records as they stood then: members move.
    await page.getByText('党员', { exact: true }).last().click();
    await settle(page);
    await screenshot(page, 'commission-01b-trend-members');

    await table.getByRole('link', { name: '示例县人民医院' }).click();
    await page.waitForURL(/\/commission\/units\/\d+$/, WAIT);
    const figures = page.getByTestId('commission-unit-figures');
    await figures.waitFor(WAIT);
    expect(await figures.textContent()).toContain('三会一课达标率');
    expect(await page.locator('text=示例县人民医院 · 汇总数据').count()).toBe(1);
    expect(await page.textContent('body')).toContain('党内统计年报合计');
    await settle(page);
    await screenshot(page, 'commission-02-unit');
    await page.getByRole('button', { name: /返回各单位汇总/ }).click();
    await page.waitForURL(/\/commission$/, WAIT);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-button').click()]);
    expect(download.suggestedFilename()).toMatch(/^委员会汇总-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const chunks: Buffer[] = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toContain('XX省卫生健康委员会');
    expect([3, 4, 5, 6].map((r) => sheet.getRow(r).getCell(1).value)).toEqual(UNITS);
    expect(book.worksheets[1]!.rowCount).toBeGreaterThan(4);

    // A unit's page is not for it: the page is refused, the API too.
    await page.goto(`${baseUrl}/members`);
    await expect.poll(async () => (await page.textContent('body')) ?? '', WAIT).not.toContain('党员名册');
    const refused = await page.evaluate(async () => (await fetch('/api/v1/members')).status);
    expect(refused).toBe(403);

    // In English.
    await page.goto(`${baseUrl}/commission`);
    await table.waitFor(WAIT);
    await switchLanguage(page, 'en-US');
    await expect.poll(() => page.getByTestId('main-menu').textContent(), WAIT).toContain('Units overview');
    expect(await page.textContent('body')).toContain('三会一课 compliance');
    await settle(page);
    await screenshot(page, 'commission-03-english');
    await switchLanguage(page, 'zh-CN');
    await context.close();
  });

  it('on a phone the overview and a unit fit the width', { timeout: 180_000 }, async () => {
    const context = await openContext(browser, { width: 1280, height: 844 });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'wjw');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${baseUrl}/commission`);
    await page.getByTestId('commission-units').waitFor(WAIT);
    await expect.poll(() => page.locator('canvas').count(), WAIT).toBe(2);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await settle(page);
    await screenshot(page, 'commission-04-phone');
    await page.getByTestId('commission-units').getByRole('link', { name: '示例医科大学附属第一医院' }).click();
    await page.getByTestId('commission-unit-figures').waitFor(WAIT);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await settle(page);
    await screenshot(page, 'commission-05-phone-unit');
    await context.close();
  });
});
