import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { hasChromium, launch, screenshot, signIn } from './browser.js';

const baseUrl = inject('baseUrl');
const QUARTER = '2026-Q4';
/** The machine may be busy: lists and saves get time to arrive. */
const WAIT = { timeout: 20_000, interval: 250 };
const RESOLUTION = '同意推荐张佳同志为2026年度优秀共产党员候选人';
let browser: Browser;

/**
 * The server is pinned to the demo date (global-setup); the browser keeps its own clock: the web
 * app takes today from the server (/auth/me), so a meeting recorded "today" is on the demo date.
 */
async function contextAt(options: { width: number; height: number; mobile?: boolean }): Promise<BrowserContext> {
  return browser.newContext({ locale: 'zh-CN', viewport: { width: options.width, height: options.height }, isMobile: options.mobile ?? false, acceptDownloads: true });
}

/** Waits for spinners to go, and scrolls to the top so the sticky header is not painted mid-page in full-page shots. */
async function settle(page: Page): Promise<void> {
  await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached' });
  await page.evaluate(() => window.scrollTo(0, 0));
}

/** The branch checklist of the signed-in secretary's branch; returns the state of the Q4 党员大会. */
async function checklistState(page: Page): Promise<string | null> {
  await page.goto(`${baseUrl}/orglife/compliance`);
  const cell = page.getByTestId(`cell-branch_general_meeting-${QUARTER}`);
  await cell.waitFor();
  await settle(page);
  return cell.getAttribute('data-state');
}

describe.skipIf(!hasChromium || !baseUrl)('organisational life journey', () => {
  let recordUrl = '';
  let metBefore = 0;

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the 党委 matrix before: the branch has no 党员大会 yet this quarter', async () => {
    const context = await contextAt({ width: 1400, height: 900 });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'org');
    await page.goto(`${baseUrl}/orglife/matrix`);
    const row = page.locator('tr', { hasText: '急诊科全科医学科党支部' }).first();
    await row.getByTestId('matrix-met').waitFor();
    metBefore = Number(await row.getByTestId('matrix-met').textContent());
    expect(metBefore).toBeGreaterThan(0);
    await context.close();
  });

  it('the secretary records a 支部党员大会 with attendance and a resolution; the quarter turns green', async () => {
    const context = await contextAt({ width: 1400, height: 900 });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'secretary');
    expect(await checklistState(page)).not.toBe('met');
    await screenshot(page, 'orglife-01-checklist-before');

    await page.goto(`${baseUrl}/orglife/records`);
    await page.getByTestId('new-record').click();
    await page.waitForURL(/\/orglife\/records\/new$/);
    // The attendance list comes from the branch's roster on the meeting day (应到).
    const rows = page.getByTestId('attendance').locator('tr.ant-table-row');
    await expect.poll(() => rows.count(), WAIT).toBeGreaterThan(20);
    const expected = await rows.count();
    await page.getByTestId('place').fill('急诊楼三楼会议室');
    await page.getByTestId('host').fill('潘俊峰');
    await page.getByTestId('recorder').fill('张佳');
    await page.getByTestId('topics').fill('学习党的二十届四中全会精神\n推荐年度优秀共产党员候选人');
    await page.getByTestId('minutes').fill('支部书记传达会议精神，与会党员结合急诊工作交流发言。会议讨论推荐年度优秀共产党员候选人。');
    // Two on leave with a reason, one absent.
    for (const i of [1, 2]) {
      await rows.nth(i).getByText('请假', { exact: true }).click();
      await rows.nth(i).locator('input[type="text"]').fill('夜班后休息');
    }
    await rows.nth(3).getByText('缺席', { exact: true }).click();
    await expect.poll(() => page.getByTestId('attendance-summary').textContent(), WAIT).toContain(`应到 ${expected} 人，实到 ${expected - 3} 人`);
    await page.getByTestId('add-resolution').click();
    await page.getByPlaceholder('决议事项').fill(RESOLUTION);
    await settle(page);
    await screenshot(page, 'orglife-02-record-form');
    await page.getByTestId('save-record').click();
    await page.waitForURL(/\/orglife\/records\/\d+$/);
    recordUrl = page.url();
    // The saved record, read back: its attendance and the resolution's outcome (45 of 47 voting members in favour).
    await page.getByTestId('minutes-docx').waitFor();
    await expect.poll(() => page.getByTestId('resolution-outcome').textContent(), WAIT).toBe('通过');
    await expect.poll(() => page.getByTestId('attendance-summary').textContent(), WAIT).toContain(`实到 ${expected - 3} 人`);
    await settle(page);
    await screenshot(page, 'orglife-03-record-saved');

    expect(await checklistState(page)).toBe('met');
    await screenshot(page, 'orglife-04-checklist-after');
    await context.close();
  });

  it('downloads the minutes as a Word document with the meeting in it', async () => {
    expect(recordUrl).not.toBe('');
    const context = await contextAt({ width: 1400, height: 900 });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'secretary');
    await page.goto(recordUrl);
    await page.getByTestId('minutes-docx').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('minutes-docx').click()]);
    expect(download.suggestedFilename()).toMatch(/^急诊科全科医学科党支部2026-11-23.*支部党员大会.*记录\.docx$/);
    const path = await download.path();
    const bytes = readFileSync(path);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('急诊科全科医学科党支部支部党员大会记录');
    expect(text).toContain(RESOLUTION);
    expect(text).toContain('夜班后休息');
    await context.close();
  });

  it('the 党委 matrix shows it, and drills down to the branch', async () => {
    const context = await contextAt({ width: 1400, height: 900 });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'org');
    await page.goto(`${baseUrl}/orglife/matrix`);
    const row = page.locator('tr', { hasText: '急诊科全科医学科党支部' }).first();
    await row.getByTestId('matrix-met').waitFor();
    await settle(page);
    // The 党员大会 of Q4 is met now (it was recorded together with nothing else, so exactly one more item).
    expect(Number(await row.getByTestId('matrix-met').textContent())).toBe(metBefore + 1);
    await screenshot(page, 'orglife-05-matrix');
    await row.locator('button[data-testid^="matrix-"]').nth(10).click();
    await page.waitForURL(/\/orglife\/compliance\?orgId=\d+/);
    const cell = page.getByTestId(`cell-branch_general_meeting-${QUARTER}`);
    await cell.waitFor();
    expect(await cell.getAttribute('data-state')).toBe('met');
    await settle(page);
    await screenshot(page, 'orglife-06-matrix-drilldown');
    await context.close();
  });

  it('the organisation office sees the settings and the e-mail reminder waiting for a mail server, in both languages', async () => {
    const context = await contextAt({ width: 1400, height: 900 });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'org');
    await page.goto(`${baseUrl}/orglife/settings`);
    const deliveries = page.getByTestId('orglife-deliveries');
    await expect.poll(() => deliveries.textContent(), WAIT).toContain('未发送：未配置邮件服务器');
    await page.getByTestId('save-settings').waitFor();
    await settle(page);
    await screenshot(page, 'orglife-08-settings-zh');
    await page.getByTestId('language-switch').click();
    await page.getByTestId('language-option-en-US').click();
    await expect.poll(() => deliveries.textContent(), WAIT).toContain('Not sent: no mail server configured');
    await settle(page);
    await screenshot(page, 'orglife-09-settings-en');
    await page.getByTestId('language-switch').click();
    await page.getByTestId('language-option-zh-CN').click();
    await expect.poll(() => page.getByTestId('main-menu').textContent(), WAIT).toContain('组织生活');
    await context.close();
  });

  it('the lapse list (党章 第九条) shows dues arrears beside organisational life', async () => {
    const context = await contextAt({ width: 1400, height: 900 });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'org');
    await page.goto(`${baseUrl}/orglife/lapses?minMonths=1`);
    const table = page.getByTestId('orglife-lapses');
    await expect.poll(() => table.locator('tr.ant-table-row').count(), WAIT).toBeGreaterThan(0);
    expect(await table.locator('thead').textContent()).toContain('党费');
    await settle(page);
    await screenshot(page, 'orglife-10-lapses');
    await context.close();
  });

  it('a member sees their own organisational life on a phone', async () => {
    const context = await contextAt({ width: 390, height: 844, mobile: true });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/login`);
    await page.getByTestId('login-username').fill('member');
    await page.getByTestId('login-password').fill('Demo@2026');
    await page.getByTestId('login-submit').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto(`${baseUrl}/orglife/my`);
    await expect.poll(() => page.locator('.ant-list-item').count(), WAIT).toBeGreaterThan(5);
    // The meeting just recorded is on the member's own record (the member is on the branch roster).
    expect(await page.locator('.ant-list-item').first().textContent()).toContain('2026-11-23');
    // Nothing wider than the phone: no sideways scrolling.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await settle(page);
    await screenshot(page, 'orglife-07-my-phone');
    await context.close();
  });
});
