import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { apiGet, choose, hasChromium, launch, openContext, openFromMenu, screenshot, settle, signIn, switchLanguage } from './browser.js';

const baseUrl = inject('baseUrl');
const WAIT = { timeout: 30_000, interval: 250 };
let browser: Browser;

interface BrandPage {
  figures: Array<{ label: string; value: number }>;
  rules: Array<{ id: number; title: string; state: string; lastReviewedOn: string | null; reviewNote: string; evidence: Array<{ title: string; date: string }> }>;
}

describe.skipIf(!hasChromium || !baseUrl)('brands (党建品牌) journey', () => {
  let brandUrl = '';

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the office opens 党建品牌 from the menu, opens 四急四聚焦 and sees its figures counted from the records', { timeout: 180_000 }, async () => {
    const context = await openContext(browser, { width: 1400, height: 900 });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'org');
    await openFromMenu(page, ['荣誉与创建', '党建品牌'], /\/brands$/);
    await page.getByTestId('brand-四急四聚焦').waitFor(WAIT);
    await page.getByTestId('brand-12345').waitFor(WAIT);
    await settle(page);
    await screenshot(page, 'brands-01-list');

    await page.getByTestId('brand-四急四聚焦').getByRole('link', { name: '“四急四聚焦”' }).click();
    await page.waitForURL(/\/brands\/\d+$/, WAIT);
    brandUrl = page.url();
    await page.getByTestId('brand-page').waitFor(WAIT);
    const id = Number(brandUrl.split('/').pop());
    const data = await apiGet<BrandPage>(page, `/api/v1/brands/${id}?year=2026`);
    const hours = data.figures.find((f) => f.label === '志愿服务时长')!;
    expect(hours.value).toBeGreaterThan(0);
    // The cards show the computed numbers (antd's Statistic groups thousands).
    await expect.poll(() => page.getByTestId('figure-志愿服务时长').textContent(), WAIT).toContain(hours.value.toLocaleString('en-US'));
    const issues = data.figures.find((f) => f.label === '“急救知识进万家”累计期数')!;
    expect(issues.value).toBeGreaterThan(67);
    expect(await page.getByTestId('figure-“急救知识进万家”累计期数').textContent()).toContain(String(issues.value));
    for (const label of ['培训人数', '服务群众']) await page.getByTestId(`figure-${label}`).waitFor();
    // An overdue rule reads red.
    await expect.poll(() => page.getByTestId('rule-2').getByTestId('rule-state').textContent(), WAIT).toBe('已逾期');
    await settle(page);
    await screenshot(page, 'brands-02-page');
    await context.close();
  });

  it('the office records a review of an overdue rule and links an evidence record; both are listed', { timeout: 180_000 }, async () => {
    const context = await openContext(browser, { width: 1400, height: 900 });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'org');
    await page.goto(brandUrl);
    await page.getByTestId('brand-page').waitFor(WAIT);
    // The figure form declares what is counted, never a number.
    await page.getByTestId('add-figure').click();
    const figureForm = page.locator('.ant-modal').filter({ hasText: '数据来源' });
    await figureForm.waitFor(WAIT);
    expect(await figureForm.textContent()).toContain('不能手工填写数字');
    await screenshot(page, 'brands-03a-figure-form');
    await figureForm.getByRole('button', { name: /取\s*消/ }).click();
    await figureForm.waitFor({ state: 'hidden', timeout: WAIT.timeout });

    const rule = page.getByTestId('rule-2');
    await rule.getByTestId('rule-review').click();
    const review = page.locator('.ant-modal').filter({ has: page.getByTestId('review-ok') });
    await review.waitFor(WAIT);
    await page.getByTestId('review-note').fill('四个党小组按岗位分队学习已落实，本季度学习 6 次');
    await page.getByTestId('review-ok').click();
    await review.waitFor({ state: 'hidden', timeout: WAIT.timeout });
    await expect.poll(() => rule.getByTestId('rule-state').textContent(), WAIT).toBe('正常');
    await expect.poll(() => rule.textContent(), WAIT).toContain('四个党小组按岗位分队学习已落实');

    const evidenceBefore = await rule.locator('[data-testid="rule-evidence"] li').count();
    await rule.getByTestId('rule-link').click();
    const link = page.locator('.ant-modal').filter({ has: page.getByTestId('link-ok') });
    await link.waitFor(WAIT);
    const chosen = await choose(page, 'evidence-record');
    await screenshot(page, 'brands-03-link');
    await page.getByTestId('link-ok').click();
    await link.waitFor({ state: 'hidden', timeout: WAIT.timeout });
    await expect.poll(() => rule.locator('[data-testid="rule-evidence"] li').count(), WAIT).toBe(evidenceBefore + 1);
    // The record is listed with its date and title (the option read "date title（org）").
    const [date, ...title] = chosen.replace(/（.*）$/, '').split(' ');
    await expect.poll(() => rule.getByTestId('rule-evidence').textContent(), WAIT).toContain(`${date} ${title.join(' ')}`);
    const id = Number(brandUrl.split('/').pop());
    const saved = (await apiGet<BrandPage>(page, `/api/v1/brands/${id}`)).rules[1]!;
    expect(saved).toMatchObject({ state: 'ok', reviewNote: '四个党小组按岗位分队学习已落实，本季度学习 6 次' });
    expect(saved.evidence.map((e) => e.date)).toContain(date);
    await settle(page);
    await screenshot(page, 'brands-04-reviewed');

    // Once in English: the page reads in English.
    await switchLanguage(page, 'en-US');
    await expect.poll(() => page.getByTestId('brand-page').textContent(), WAIT).toContain('Rules (checklist)');
    const text = (await page.getByTestId('brand-page').textContent()) ?? '';
    expect(text).toContain('Figures for 2026');
    expect(text).toContain('Elements');
    expect(text).toContain('Up to date');
    expect(text).toContain('Last reviewed');
    expect(await page.getByTestId('main-menu').textContent()).toContain('Brands');
    await settle(page);
    await screenshot(page, 'brands-05-english');
    await switchLanguage(page, 'zh-CN');
    await context.close();
  });

  it('on a phone the list and the page read in one column; a reader sees no buttons', { timeout: 180_000 }, async () => {
    const context = await openContext(browser, { width: 1280, height: 844 });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'leader');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${baseUrl}/brands`);
    await page.getByTestId('brand-12345').waitFor(WAIT);
    expect(await page.getByTestId('new-brand').count()).toBe(0);
    await settle(page);
    await screenshot(page, 'brands-06-phone-list');
    await page.goto(brandUrl);
    await page.getByTestId('brand-page').waitFor(WAIT);
    await page.getByTestId('figure-志愿服务时长').waitFor(WAIT);
    expect(await page.getByTestId('rule-review').count()).toBe(0);
    expect(await page.getByTestId('add-figure').count()).toBe(0);
    // Nothing runs off the side of the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await settle(page);
    await screenshot(page, 'brands-07-phone-page');
    await context.close();
  });
});
