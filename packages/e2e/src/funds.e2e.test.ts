import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { ARTIFACTS, apiGet, choose, hasChromium, launch, openContext, screenshot, settle, signIn, switchLanguage } from './browser.js';

const baseUrl = inject('baseUrl');
const WAIT = { timeout: 30_000, interval: 250 };
const BRANCH = '急诊科全科医学科党支部';
const PURPOSE = '“冬季送温暖”急诊科走访慰问困难党员交通及慰问品';
let browser: Browser;

interface Quarter {
  quarter: string;
  approval: { count: number; maxDays: number | null };
  payment: { count: number; maxDays: number | null };
}
interface Priority {
  quarters: Quarter[];
}

describe.skipIf(!hasChromium || !baseUrl)('party-work funds (党建经费) journey', () => {
  let before: Quarter;

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a branch secretary asks for money for the branch on a phone', { timeout: 180_000 }, async () => {
    const context = await openContext(browser, { width: 1280, height: 844 });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'secretary');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${baseUrl}/funds`);
    await page.getByTestId('new-request').waitFor(WAIT);
    // Only the secretary's own branch shows.
    const cards = page.getByTestId('request-card');
    await settle(page);
    for (const text of await cards.allTextContents()) expect(text).toContain(BRANCH);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'funds-01-phone-list');

    await page.getByTestId('new-request').click();
    const modal = page.locator('.ant-modal').filter({ has: page.getByTestId('request-purpose') });
    await modal.waitFor(WAIT);
    // One branch: chosen already.
    await expect.poll(() => page.getByTestId('request-org').textContent(), WAIT).toContain(BRANCH);
    await choose(page, 'request-category', '支部活动');
    await expect.poll(() => modal.textContent(), WAIT).toContain('可用');
    await page.getByTestId('request-amount').fill('860');
    await page.getByTestId('request-purpose').fill(PURPOSE);
    await screenshot(page, 'funds-02-phone-form');
    await modal.getByRole('button', { name: /提\s*交/ }).click();
    await modal.waitFor({ state: 'hidden', timeout: WAIT.timeout });
    const card = cards.filter({ hasText: '860.00' }).first();
    await card.waitFor(WAIT);
    expect(await card.textContent()).toContain('待审批');
    await settle(page);
    await screenshot(page, 'funds-03-phone-submitted');
    await context.close();
  });

  it('the office approves it, records the payment, and the 三优先 report counts its days in the quarter', { timeout: 180_000 }, async () => {
    const context = await openContext(browser, { width: 1400, height: 900 });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'org');
    // The unit's fourth quarter before the office acts (a submission counts no approval or payment).
    before = (await apiGet<Priority>(page, '/api/v1/funds/priority?year=2026')).quarters[3]!;
    await page.goto(`${baseUrl}/funds?status=submitted`);
    const row = page.getByTestId('requests').locator('tr', { hasText: PURPOSE });
    await row.waitFor(WAIT);
    await settle(page);
    await screenshot(page, 'funds-04-office-queue');
    await row.click();
    const drawer = page.getByTestId('request-detail');
    await drawer.waitFor(WAIT);
    await page.getByTestId('approve-request').click();
    const approve = page.locator('.ant-modal').filter({ has: page.getByTestId('decision-text') });
    await approve.waitFor(WAIT);
    await page.getByTestId('decision-text').fill('同意，按标准据实报销');
    await approve.getByRole('button', { name: /批\s*准/ }).click();
    await approve.waitFor({ state: 'hidden', timeout: WAIT.timeout });
    await expect.poll(() => drawer.textContent(), WAIT).toContain('已批准待拨付');

    await page.getByTestId('pay-request').click();
    const pay = page.locator('.ant-modal').filter({ has: page.getByTestId('pay-voucher') });
    await pay.waitFor(WAIT);
    await page.getByTestId('pay-voucher').fill('记-11-0231');
    await screenshot(page, 'funds-05-pay');
    await pay.getByRole('button', { name: /登记拨付/ }).click();
    await pay.waitFor({ state: 'hidden', timeout: WAIT.timeout });
    await expect.poll(() => drawer.textContent(), WAIT).toContain('已拨付');
    expect(await drawer.textContent()).toContain('2026-11-23 拨付 860.00 元，凭证号 记-11-0231');
    expect(await drawer.textContent()).toContain('0 天（工作日 0）');
    await screenshot(page, 'funds-06-paid');
    await page.keyboard.press('Escape');

    // The report: the fourth quarter has one more approval and one more payment, each of 0 days.
    await page.goto(`${baseUrl}/funds?tab=priority`);
    const table = page.getByTestId('priority-table');
    await table.waitFor(WAIT);
    const after = (await apiGet<Priority>(page, '/api/v1/funds/priority?year=2026')).quarters[3]!;
    expect(after.approval.count).toBe(before.approval.count + 1);
    expect(after.payment.count).toBe(before.payment.count + 1);
    const q4 = table.locator('tr', { hasText: 'Q4' });
    expect(await q4.locator('td').nth(3).textContent()).toBe(String(after.approval.count));
    expect(await q4.locator('td').nth(7).textContent()).toBe(String(after.payment.count));
    expect(await page.getByTestId('branch-share').textContent()).toMatch(/\d+(\.\d)?%/);
    await settle(page);
    await screenshot(page, 'funds-07-priority');

    // The budget lines: the branch's 支部活动 line has the 860 元 spent.
    await page.goto(`${baseUrl}/funds?tab=lines`);
    await page.getByTestId('lines').locator('tr', { hasText: BRANCH }).first().waitFor(WAIT);
    await settle(page);
    await screenshot(page, 'funds-08-lines');

    // One workbook, four sheets; the request's row carries its days.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-button').click()]);
    expect(download.suggestedFilename()).toMatch(/^党建经费-2026-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const chunks: Buffer[] = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['预算', '经费申请', '支出', '三优先']);
    const requests = book.worksheets[1]!;
    const header = (requests.getRow(2).values as unknown[]).slice(1);
    const ours = Array.from({ length: requests.rowCount - 2 }, (_, i) => (requests.getRow(i + 3).values as unknown[]).slice(1)).find((r) => r[4] === PURPOSE)!;
    expect(ours[header.indexOf('状态')]).toBe('已拨付');
    expect(ours[header.indexOf('审批天数')]).toBe(0);
    expect(ours[header.indexOf('拨付天数')]).toBe(0);

    // Once in English.
    await page.goto(`${baseUrl}/funds?tab=priority`);
    await table.waitFor(WAIT);
    await switchLanguage(page, 'en-US');
    await expect.poll(() => page.getByTestId('priority').textContent(), WAIT).toContain('Budget first');
    expect(await page.getByTestId('main-menu').textContent()).toContain('Party funds');
    await settle(page);
    await screenshot(page, 'funds-09-english');
    await switchLanguage(page, 'zh-CN');
    await context.close();
  });

  it('the leader reads on a phone and finds no buttons to write with', { timeout: 180_000 }, async () => {
    const context = await openContext(browser, { width: 1280, height: 844 });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'leader');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${baseUrl}/funds`);
    await page.getByTestId('request-card').first().waitFor(WAIT);
    expect(await page.getByTestId('new-request').count()).toBe(0);
    await page.getByTestId('request-card').filter({ hasText: '860.00' }).first().click();
    const drawer = page.getByTestId('request-detail');
    await drawer.waitFor(WAIT);
    for (const id of ['approve-request', 'pay-request', 'edit-request']) expect(await page.getByTestId(id).count()).toBe(0);
    // The drawer fills the phone's width once it has slid in.
    await expect.poll(() => drawer.evaluate((el) => Math.round(el.closest('.ant-drawer-content-wrapper')?.getBoundingClientRect().left ?? -1)), WAIT).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}/funds-10-leader-phone.png` });
    await page.goto(`${baseUrl}/funds?tab=priority`);
    await page.getByTestId('priority-chart').waitFor(WAIT);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await settle(page);
    await screenshot(page, 'funds-11-leader-priority');
    await context.close();
  });
});
