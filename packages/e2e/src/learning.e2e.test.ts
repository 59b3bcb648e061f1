import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { apiGet, choose, chooseInTree, hasChromium, launch, openContext, openFromMenu, screenshot, settle, signIn, switchLanguage } from './browser.js';

const baseUrl = inject('baseUrl');
const WAIT = { timeout: 30_000, interval: 250 };
const BRANCH = '急诊科全科医学科党支部';
const TITLE = '白求恩精神：对工作极端负责，对同志极端热忱';

let browser: Browser;

describe.skipIf(!hasChromium || !baseUrl)('learning (学习教育) journey', () => {
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the secretary adds the next issue of 碎片时间学党史 and records the branch meeting that studied it', { timeout: 180_000 }, async () => {
    const context = await openContext(browser, { width: 1400, height: 900 });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'secretary');
    await openFromMenu(page, ['学习教育'], /\/learning/);
    await page.getByTestId('material').first().waitFor(WAIT);
    const before = (await apiGet<Array<{ name: string; lastIssue: number }>>(page, `${baseUrl}/api/v1/learning/series`)).find((s) => s.name === '碎片时间学党史')!;

    await page.getByTestId('new-material').click();
    const modal = page.locator('.ant-modal').filter({ has: page.getByTestId('material-title') });
    await modal.waitFor(WAIT);
    await chooseInTree(page, 'material-org', BRANCH);
    await page.getByTestId('material-title').fill(TITLE);
    await choose(page, 'material-kind', '微党课');
    await choose(page, 'material-series', '碎片时间学党史');
    await modal.locator('.ant-modal-title').click();
    await screenshot(page, 'learning-01-form');
    await modal.getByRole('button', { name: /保\s*存/ }).click();
    await modal.waitFor({ state: 'hidden', timeout: WAIT.timeout });

    // The drawer of the new material opens: the next issue number, not yet studied.
    const drawer = page.getByTestId('material-detail');
    await drawer.waitFor(WAIT);
    await expect.poll(() => drawer.textContent(), WAIT).toContain(`碎片时间学党史 第 ${before.lastIssue + 1} 期`);
    expect(await page.getByTestId('material-studies').textContent()).toContain('还没有会议记录学习这份资料');
    await choose(page, 'study-meeting');
    await page.getByTestId('study-link').click();
    await page.getByTestId('study').first().waitFor(WAIT);
    expect(await page.getByTestId('material-studies').textContent()).toContain(BRANCH);
    await settle(page);
    await screenshot(page, 'learning-02-studied');
    await context.close();
  });

  it('the office reads which 党委会 opened with a 第一议题 and exports the materials', { timeout: 180_000 }, async () => {
    const context = await openContext(browser, { width: 1400, height: 900 });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'org');
    await page.goto(`${baseUrl}/learning?tab=firstTopics`);
    const meetings = page.getByTestId('first-topic-meetings');
    await meetings.locator('tbody tr.ant-table-row').first().waitFor(WAIT);
    const data = await apiGet<{ coverage: { meetings: number; covered: number }; topics: unknown[] }>(page, `${baseUrl}/api/v1/learning/first-topics?year=2026`);
    expect(data.coverage.meetings).toBeGreaterThan(10);
    expect(await page.getByTestId('first-topics-covered').textContent()).toContain(String(data.coverage.covered));
    expect(await page.getByTestId('first-topic-library').textContent()).toContain('党委会学习');
    await settle(page);
    await screenshot(page, 'learning-03-first-topics');

    await page.goto(`${baseUrl}/learning?tab=materials&firstTopic=true`);
    await page.getByTestId('material').first().waitFor(WAIT);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-button').click()]);
    expect(download.suggestedFilename()).toMatch(/^学习资料-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const chunks: Buffer[] = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual(['发布日期', '类别', '标题', '来源', '系列', '期数', '第一议题', '发布组织', '学习次数', '学习会议']);
    expect(sheet.rowCount - 2).toBe(data.topics.length);
    for (let r = 3; r <= sheet.rowCount; r++) expect(sheet.getRow(r).getCell(7).value).toBe('是');

    await switchLanguage(page, 'en-US');
    await expect.poll(() => page.getByTestId('main-menu').textContent(), WAIT).toContain('Learning');
    await settle(page);
    await screenshot(page, 'learning-04-english');
    await switchLanguage(page, 'zh-CN');
    await context.close();
  });

  it('a member on a phone writes a note of their own, and sees no points anywhere', { timeout: 180_000 }, async () => {
    const context = await openContext(browser, { width: 1280, height: 844 });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'member');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${baseUrl}/learning`);
    await page.getByTestId('material').first().waitFor(WAIT);
    expect(await page.getByTestId('new-material').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await settle(page);
    await screenshot(page, 'learning-05-phone');
    await page.goto(`${baseUrl}/learning?tab=notes`);
    await page.getByTestId('note').first().waitFor(WAIT);
    const notes = await page.getByTestId('note').count();
    await page.getByTestId('new-note').click();
    await page.getByTestId('note-content').fill('学白求恩：急诊夜班也要对每一位病人极端负责。');
    await page.locator('.ant-modal').getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => page.getByTestId('note').count(), WAIT).toBe(notes + 1);
    // The page says what it does not do (不计分、不排名 …); the notes themselves carry no points, ranks or hours.
    const text = (await page.getByTestId('notes').textContent()) ?? '';
    for (const word of ['积分', '分数', '排名', '打卡', '学时']) expect(text).not.toContain(word);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await settle(page);
    await screenshot(page, 'learning-06-phone-notes');
    await context.close();
  });
});
