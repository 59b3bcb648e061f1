import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { choose, chooseInTree, hasChromium, launch, openContext, openFromMenu, pickDate, screenshot, settle, signIn } from './browser.js';

const baseUrl = inject('baseUrl');
const WAIT = { timeout: 30_000, interval: 250 };
const TITLE = '2026年党员学历结构（E2E）';
let browser: Browser;

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; book: ExcelJS.Workbook }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
  return { name: download.suggestedFilename(), book };
}

describe.skipIf(!hasChromium || !baseUrl)('upward reports (上报表) journey', () => {
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the office defines a report, previews, runs it, drills into a cell, exports Excel and reports again next year', { timeout: 240_000 }, async () => {
    const context = await openContext(browser, { width: 1400, height: 900 });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'org');
    await openFromMenu(page, ['党员管理', '上报表'], /\/reports$/);
    await page.getByTestId('reports').getByText('2025年度党员队伍结构情况').waitFor(WAIT);
    await settle(page);
    await screenshot(page, 'reports-01-list');

    await page.getByTestId('new-report').click();
    const modal = page.locator('.ant-modal').filter({ has: page.getByTestId('report-title') });
    await modal.waitFor(WAIT);
    await page.getByTestId('report-title').fill(TITLE);
    await page.getByTestId('report-requester').fill('省委教育工委');
    const asOf = page.getByTestId('report-as-of');
    await pickDate(page, asOf, '2026-10-31');
    expect(await asOf.inputValue()).toBe('2026-10-31');
    await chooseInTree(page, 'report-org');
    await choose(page, 'report-row-dimension', '学历');
    await choose(page, 'report-column-dimension', /^性别$/);
    await page.getByTestId('report-field-title').check();
    await page.getByTestId('report-preview').click();
    const preview = page.getByTestId('report-preview-result');
    await preview.waitFor(WAIT);
    expect(await preview.textContent()).toMatch(/共 \d+ 人（截至 2026-10-31）/);
    expect(await preview.getByTestId('report-breakdown').textContent()).toContain('大学本科');
    await screenshot(page, 'reports-02-editor-preview');
    await page.getByTestId('report-save').click();
    await modal.waitFor({ state: 'hidden', timeout: WAIT.timeout });

    // The new definition opens: run it, then open a cell.
    const drawer = page.getByTestId('report-drawer');
    await drawer.getByText('省委教育工委').waitFor(WAIT);
    await drawer.getByTestId('report-run').click();
    const run = page.getByTestId('run-drawer');
    await run.getByTestId('report-breakdown').waitFor(WAIT);
    expect(await run.textContent()).toContain('之后的党员信息修改不影响它');
    const firstCell = run.locator('[data-testid^="cell-"]').first();
    const n = Number(await firstCell.textContent());
    expect(n).toBeGreaterThan(0);
    await settle(page);
    await screenshot(page, 'reports-03-run');
    await firstCell.click();
    const cell = page.getByTestId('cell-drawer');
    await cell.locator('.ant-table-row').first().waitFor(WAIT);
    // The people come a page at a time (50): the title gives the cell's count, the table its first page.
    expect(await cell.locator('.ant-drawer-title').textContent()).toContain(`${n} 人`);
    expect(await cell.locator('.ant-table-row').count()).toBe(Math.min(n, 50));
    if (n > 50) expect(await cell.locator('.ant-pagination').textContent()).toContain(String(Math.ceil(n / 50)));
    // The office may see ID numbers in full (members.sensitive): 18 characters, no stars.
    expect(await cell.locator('.ant-table-row').first().textContent()).toMatch(/\d{17}[\dX]/);
    await screenshot(page, 'reports-04-cell');
    await cell.locator('.ant-drawer-close').click();
    await cell.waitFor({ state: 'hidden', timeout: WAIT.timeout });

    const { name, book } = await downloaded(page, () => run.getByTestId('run-export').click());
    expect(name).toBe(`${TITLE}-2026-10-31.xlsx`);
    expect(book.worksheets.map((s) => s.name)).toEqual(['汇总表', '人员名单']);
    const table = book.getWorksheet('汇总表')!;
    expect(String(table.getCell('A1').value)).toContain('截至 2026-10-31');
    expect(String(table.getCell('A1').value)).toContain('省委教育工委');
    expect((table.getRow(2).values as unknown[]).slice(1)).toEqual(['学历 \\ 性别', '男', '女', '合计']);
    const total = table.getRow(table.rowCount);
    expect(total.getCell(1).value).toBe('合计');
    const people = book.getWorksheet('人员名单')!;
    expect(people.rowCount - 2).toBe(Number(total.getCell(4).value));

    // 下年再报: a copy as of 2027-10-31, run at once.
    await run.locator('.ant-drawer-close').click();
    await run.waitFor({ state: 'hidden', timeout: WAIT.timeout });
    await drawer.getByTestId('report-next-year').click();
    await page.locator('.ant-popconfirm:visible').getByRole('button', { name: /确\s*定|OK/ }).click();
    const nextRun = page.getByTestId('run-drawer');
    await expect.poll(async () => (await nextRun.locator('.ant-drawer-title').textContent()) ?? '', WAIT).toContain('2027年党员学历结构（E2E）（2027-10-31）');
    await nextRun.getByTestId('report-breakdown').waitFor(WAIT);
    await settle(page);
    await screenshot(page, 'reports-05-next-year');
    await context.close();
  });

  it('on a phone a reader opens a run and its people, with no write buttons', { timeout: 180_000 }, async () => {
    const context = await openContext(browser, { width: 1280, height: 844 });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'jijian');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${baseUrl}/reports`);
    await page.getByTestId('reports').getByText('高级职称党员名单').waitFor(WAIT);
    expect(await page.getByTestId('new-report').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await settle(page);
    await screenshot(page, 'reports-06-phone-list');
    await page.getByTestId('reports').getByText('2025年度党员队伍结构情况').click();
    const drawer = page.getByTestId('report-drawer');
    await drawer.getByTestId('run-open').first().waitFor(WAIT);
    expect(await drawer.getByTestId('report-run').count()).toBe(0);
    await screenshot(page, 'reports-07-phone-definition');
    await drawer.getByTestId('run-open').first().click();
    const run = page.getByTestId('run-drawer');
    await run.locator('[data-testid^="cell-"]').first().waitFor(WAIT);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'reports-08-phone-run');
    await run.locator('[data-testid^="cell-"]').first().click();
    const cell = page.getByTestId('cell-drawer');
    await cell.locator('.ant-table-row').first().waitFor(WAIT);
    // The inspector sees masked ID numbers.
    expect(await cell.locator('.ant-table-row').first().textContent()).toContain('*');
    await screenshot(page, 'reports-09-phone-cell');
    await context.close();
  });
});
