import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { hasChromium, launch, openContext, openFromMenu, screenshot, settle, signIn } from './browser.js';

const baseUrl = inject('baseUrl');
const WAIT = { timeout: 30_000, interval: 250 };
let browser: Browser;

describe.skipIf(!hasChromium || !baseUrl)('year-end statistics (党内统计年报) journey', () => {
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the office opens the 2025 statistics, drills into a cell and exports Excel', { timeout: 180_000 }, async () => {
    const context = await openContext(browser, { width: 1400, height: 900 });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'org');
    await openFromMenu(page, ['党员管理', '党内统计'], /\/statistics$/);
    await page.getByTestId('stats-table-basic').waitFor(WAIT);
    expect(await page.getByTestId('stats-year').textContent()).toContain('2025');
    const total = page.getByTestId('cell-basic-total');
    await expect.poll(async () => Number(await total.textContent()), WAIT).toBeGreaterThan(0);
    const count = Number(await total.textContent());
    await settle(page);
    await screenshot(page, 'statistics-01-tables');

    await total.click();
    const drawer = page.getByTestId('cell-drawer');
    await drawer.waitFor(WAIT);
    await expect.poll(() => page.getByTestId('cell-total').textContent(), WAIT).toContain(`共 ${count} 条`);
    await settle(page);
    await screenshot(page, 'statistics-02-drawer');
    await page.locator('.ant-drawer-close').first().click();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('stats-export').click()]);
    expect(download.suggestedFilename()).toBe('党内统计年报-2025-实时.xlsx');
    const chunks: Buffer[] = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual([
      '1 两年党员数综合比较',
      '2 党员基本情况',
      '3 党员入党时间情况',
      '4 党员学历情况',
      '5 党员职业情况',
      '6 发展党员情况',
      '7 学生党员情况',
      '8 预备党员转正情况',
      '9 党员出党情况',
      '10 民主评议党员情况',
      '11 党员培训情况',
      '12 党内表彰情况',
      '13 基层党组织情况',
      '14 流动党员情况',
      '15 入党申请人和入党积极分子情况',
    ]);
    expect(book.worksheets[1]!.getRow(3).values).toEqual([undefined, '党员总数', count]);

    // The demo's 2025 version was submitted in January: it opens from the versions tab.
    await page.getByRole('tab', { name: '报送版本' }).click();
    await page.getByTestId('open-snapshot-1').waitFor(WAIT);
    await page.getByTestId('open-snapshot-1').click();
    await page.getByTestId('snapshot-drawer').getByTestId('stats-table-comparison').waitFor(WAIT);
    await settle(page);
    await screenshot(page, 'statistics-03-snapshot');
    // A submitted version's cell lists the people stored with it.
    const frozenTotal = page.getByTestId('snapshot-drawer').getByTestId('cell-basic-total');
    const frozenCount = Number(await frozenTotal.textContent());
    await frozenTotal.click();
    await expect.poll(() => page.getByTestId('cell-source').last().textContent(), WAIT).toContain('报送时保存的名单');
    await expect.poll(() => page.getByTestId('cell-total').last().textContent(), WAIT).toContain(`共 ${frozenCount} 条`);
    await settle(page);
    await screenshot(page, 'statistics-04-snapshot-cell');
    await context.close();
  });

  it('on a phone the tables and the drawer fit the width', { timeout: 180_000 }, async () => {
    const context = await openContext(browser, { width: 1280, height: 844 });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'org');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${baseUrl}/statistics?year=2025`);
    await page.getByTestId('stats-table-basic').waitFor(WAIT);
    await settle(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'statistics-04-phone');
    await page.getByTestId('cell-basic-total').click();
    await page.getByTestId('cell-total').waitFor(WAIT);
    await settle(page);
    await screenshot(page, 'statistics-05-phone-drawer');
    await page.goto(`${baseUrl}/statistics/print?year=2025`);
    await page.getByTestId('stats-print').getByTestId('stats-table-orgs').waitFor(WAIT);
    await settle(page);
    await screenshot(page, 'statistics-06-print');
    await context.close();
  });
});
