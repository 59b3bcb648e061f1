import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { choose, chooseInTree, hasChromium, launch, openContext, openFromMenu, screenshot, settle, signIn, switchLanguage } from './browser.js';

const baseUrl = inject('baseUrl');
const WAIT = { timeout: 30_000, interval: 250 };
const BRANCH = '急诊科全科医学科党支部';
const SIBLING = '心血管内科党支部';
const VENUE = '急诊科示教室党员角';
let browser: Browser;

describe.skipIf(!hasChromium || !baseUrl)('venues (活动阵地) journey', () => {
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the secretary adds a venue meeting five of six items, shared with a sibling branch, and sees the missing item in red', { timeout: 180_000 }, async () => {
    const context = await openContext(browser, { width: 1400, height: 900 });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'secretary');
    await openFromMenu(page, ['组织生活', '活动阵地'], /\/orglife\/venues$/);
    await page.getByTestId('venue-card').filter({ hasText: '急诊楼三楼党员活动室' }).waitFor(WAIT);
    // The standard is read, not edited, by a secretary.
    expect(await page.getByTestId('venue-standard').textContent()).toContain('查看标准');

    await page.getByTestId('new-venue').click();
    const modal = page.locator('.ant-modal').filter({ has: page.getByTestId('venue-name') });
    await modal.waitFor(WAIT);
    await chooseInTree(page, 'venue-org', BRANCH);
    await page.getByTestId('venue-name').fill(VENUE);
    for (const item of ['有场所', '有设施', '有标志', '有党旗', '有制度']) await page.getByTestId(`venue-item-${item}`).check();
    await modal.getByPlaceholder('说明（可不填）').nth(4).fill('书架下月配齐');
    await choose(page, 'venue-shared', SIBLING, { search: '心血管', multiple: true });
    await screenshot(page, 'venues-01-form');
    await modal.getByRole('button', { name: /保\s*存/ }).click();
    await modal.waitFor({ state: 'hidden', timeout: WAIT.timeout });

    const card = page.getByTestId('venue-card').filter({ hasText: VENUE });
    await card.waitFor(WAIT);
    expect(await card.getByTestId('item-met').count()).toBe(5);
    const missing = card.getByTestId('item-missing');
    expect(await missing.allTextContents()).toEqual(['✗ 有书报']);
    expect(await missing.evaluate((el) => getComputedStyle(el).color)).toMatch(/rgb\((2[0-9]{2}), ([0-9]{1,2}), ([0-9]{1,2})\)/);
    expect(await card.textContent()).toContain(`共用组织：${SIBLING}`);
    await card.click();
    const drawer = page.getByTestId('venue-detail');
    await drawer.waitFor(WAIT);
    expect(await drawer.textContent()).toContain('有书报：书架下月配齐');
    expect(await drawer.textContent()).toContain('照片不是必需的');
    await settle(page);
    await screenshot(page, 'venues-02-drawer');
    await context.close();
  });

  it('the office filters the venues with gaps and exports them', { timeout: 180_000 }, async () => {
    const context = await openContext(browser, { width: 1400, height: 900 });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'org');
    await page.goto(`${baseUrl}/orglife/venues?onlyGaps=true`);
    const card = page.getByTestId('venue-card').filter({ hasText: VENUE });
    await card.waitFor(WAIT);
    // Only venues with gaps: every card shows a red item.
    const cards = page.getByTestId('venue-card');
    const n = await cards.count();
    expect(n).toBeGreaterThan(1);
    for (let i = 0; i < n; i++) expect(await cards.nth(i).getByTestId('item-missing').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('venue-standard').textContent()).toContain('修改标准');
    await settle(page);
    await screenshot(page, 'venues-03-gaps');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-button').click()]);
    expect(download.suggestedFilename()).toMatch(/^活动阵地-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const chunks: Buffer[] = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual(['阵地', '位置', '所属组织', '共用组织', '有场所', '有设施', '有标志', '有党旗', '有书报', '有制度', '检查日期']);
    const rows = Array.from({ length: sheet.rowCount - 2 }, (_, i) => (sheet.getRow(i + 3).values as unknown[]).slice(1));
    expect(rows.length).toBe(n);
    const ours = rows.find((r) => r[0] === VENUE)!;
    expect(ours.slice(2, 10)).toEqual([BRANCH, SIBLING, '✓', '✓', '✓', '✓', '✗', '✓']);

    // The office may edit the unit's list (a small modal); opened and left as it is.
    await page.getByTestId('venue-standard').click();
    const standard = page.locator('.ant-modal').filter({ has: page.getByTestId('venue-standard-items') });
    await standard.waitFor(WAIT);
    expect(await standard.textContent()).toContain('有书报');
    await screenshot(page, 'venues-03b-standard');
    await standard.getByRole('button', { name: /取\s*消/ }).click();
    await standard.waitFor({ state: 'hidden', timeout: WAIT.timeout });

    // Once in English: the page reads in English.
    await switchLanguage(page, 'en-US');
    await expect.poll(() => page.getByTestId('venue-standard').textContent(), WAIT).toContain('Edit the standard');
    expect(await card.textContent()).toContain('1 missing');
    expect(await card.textContent()).toContain('Owner');
    expect(await page.getByTestId('main-menu').textContent()).toContain('Venues');
    await settle(page);
    await screenshot(page, 'venues-03c-english');
    await switchLanguage(page, 'zh-CN');
    await context.close();
  });

  it('on a phone the cards read in one column; a reader sees no buttons', { timeout: 180_000 }, async () => {
    const context = await openContext(browser, { width: 1280, height: 844 });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'jijian');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${baseUrl}/orglife/venues`);
    await page.getByTestId('venue-card').first().waitFor(WAIT);
    expect(await page.getByTestId('new-venue').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await settle(page);
    await screenshot(page, 'venues-04-phone');
    await page.getByTestId('venue-card').filter({ hasText: '内科楼党员之家' }).click();
    const drawer = page.getByTestId('venue-detail');
    await drawer.waitFor(WAIT);
    expect(await page.getByTestId('edit-venue').count()).toBe(0);
    expect(await drawer.textContent()).toContain('呼吸与危重症医学科党支部');
    await screenshot(page, 'venues-05-phone-drawer');
    await context.close();
  });
});
