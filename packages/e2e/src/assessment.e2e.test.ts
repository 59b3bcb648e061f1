import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { hasChromium, launch, openContext, screenshot, settle, signIn } from './browser.js';

const baseUrl = inject('baseUrl');
const WAIT = { timeout: 30_000, interval: 250 };
const BRANCH = '急诊科全科医学科党支部';
const SELF = '本年度支部坚持“三会一课”，开展急救知识进社区等志愿服务，发展党员按程序推进。';
let browser: Browser;

describe.skipIf(!hasChromium || !baseUrl)('yearly assessment (述职评议考核) journey', () => {
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the secretary sees the branch’s figures from the records, writes the self-assessment and submits; the drawer fits a phone', { timeout: 180_000 }, async () => {
    const context = await openContext(browser, { width: 1400, height: 900 });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'secretary');
    await page.getByTestId('main-menu').getByText('述职评议考核', { exact: true }).click();
    await page.waitForURL(/\/assessment$/, WAIT);
    const sheets = page.getByTestId('sheets');
    await sheets.waitFor(WAIT);
    // Only the own branch's sheet.
    expect(await sheets.locator('tr.ant-table-row').count()).toBe(1);
    expect(await sheets.textContent()).toContain(BRANCH);
    await sheets.getByTestId('open-sheet').click();
    const detail = page.getByTestId('sheet-detail');
    await detail.waitFor(WAIT);
    expect(await page.getByTestId('sheet-items').textContent()).toContain('组织生活开展');
    expect(await page.getByTestId('sheet-items').textContent()).toMatch(/依据记录 \d+ 条/);
    await page.getByTestId('self-text').fill(SELF);
    await page.getByTestId('self-submit').click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定/ }).click();
    await page.getByTestId('self-readonly').waitFor(WAIT);
    expect(await page.getByTestId('self-readonly').textContent()).toContain('三会一课');
    expect(await detail.textContent()).toContain('已提交');
    await settle(page);
    await screenshot(page, 'assessment-01-secretary-submitted');
    await context.close();

    const phone = await openContext(browser, { width: 1280, height: 844 });
    const p = await phone.newPage();
    await signIn(p, baseUrl, 'secretary');
    await p.setViewportSize({ width: 390, height: 844 });
    await p.goto(`${baseUrl}/assessment`);
    await p.getByTestId('open-sheet').first().waitFor(WAIT);
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390.5);
    await p.getByTestId('open-sheet').first().click();
    await p.getByTestId('sheet-detail').waitFor(WAIT);
    await settle(p);
    const box = await p.locator('.ant-drawer-content-wrapper').boundingBox();
    expect(box!.width).toBeLessThanOrEqual(390.5);
    const overflow = await p.getByTestId('sheet-detail').evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await screenshot(p, 'assessment-02-phone-drawer');
    await phone.close();
  });

  it('the office grades the submitted sheet (suggested grade shown) and downloads the summary', { timeout: 180_000 }, async () => {
    const context = await openContext(browser, { width: 1400, height: 900 });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'org');
    await page.goto(`${baseUrl}/assessment`);
    const sheets = page.getByTestId('sheets');
    await sheets.waitFor(WAIT);
    expect(await sheets.locator('tr.ant-table-row').count()).toBeGreaterThan(3);
    await sheets.locator('tr.ant-table-row').filter({ hasText: BRANCH }).getByTestId('open-sheet').click();
    await page.getByTestId('sheet-detail').waitFor(WAIT);
    await page.getByTestId('grade-open').click();
    const modal = page.locator('.ant-modal').filter({ has: page.getByTestId('grade-suggested') });
    await modal.waitFor(WAIT);
    await page.getByTestId('score-leadership').fill('18');
    await page.getByTestId('score-evaluation').fill('17');
    await expect.poll(() => page.getByTestId('grade-suggested').textContent(), WAIT).toMatch(/建议等次“(好|较好|一般|差)”/);
    await settle(page);
    await screenshot(page, 'assessment-03-grade-modal');
    await page.locator('#grade-save').click();
    await modal.waitFor({ state: 'hidden', timeout: WAIT.timeout });
    await page.getByTestId('sheet-grade').waitFor(WAIT);
    const grade = (await page.getByTestId('sheet-grade').textContent())!.trim();
    expect(['好', '较好', '一般', '差']).toContain(grade);
    await page.locator('.ant-drawer-close').click();
    await settle(page);
    await screenshot(page, 'assessment-04-office-sheets');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('summary').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const chunks: Buffer[] = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    const rows: string[] = [];
    book.worksheets[0]!.eachRow((r) => rows.push((r.values as unknown[]).slice(1).join('|')));
    expect(rows.some((r) => r.includes(BRANCH) && r.includes('已评定') && r.includes(grade))).toBe(true);
    await context.close();
  });
});
