import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { hasChromium, launch, openContext, screenshot, settle, signIn } from './browser.js';

const baseUrl = inject('baseUrl');
const WAIT = { timeout: 30_000, interval: 250 };
let browser: Browser;

describe.skipIf(!hasChromium || !baseUrl)('work systems (工作体系) journey', () => {
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the office opens 工作体系 → 四急四聚焦 → the records behind 受益群众 → one service event', { timeout: 180_000 }, async () => {
    const context = await openContext(browser, { width: 1400, height: 900 });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'org');
    await page.getByTestId('main-menu').getByText('工作体系', { exact: true }).click();
    await page.waitForURL(/\/worksystems$/, WAIT);
    const card = page.getByTestId('worksystem-four_emergencies');
    await card.waitFor(WAIT);
    expect(await page.getByTestId('worksystems').locator('.ant-card').count()).toBe(6);
    await settle(page);
    await screenshot(page, 'worksystems-01-list');
    await card.getByRole('link', { name: '四急四聚焦' }).click();
    await page.waitForURL(/\/worksystems\/\d+$/, WAIT);
    const indicator = page.getByTestId('indicator-beneficiaries');
    await indicator.waitFor(WAIT);
    const shownValue = (await page.getByTestId('value-beneficiaries').textContent()) ?? '';
    await settle(page);
    await screenshot(page, 'worksystems-02-framework');
    await page.getByTestId('value-beneficiaries').click();
    const records = page.getByTestId('drill-record');
    await records.first().waitFor(WAIT);
    expect(await records.count()).toBeGreaterThan(0);
    // The drawer's title carries the same value the page showed.
    const figure = shownValue.split('/')[0]!.trim();
    expect(await page.locator('.ant-drawer-title').textContent()).toContain(figure);
    await settle(page);
    await screenshot(page, 'worksystems-03-drilldown');
    await records.first().getByRole('link').click();
    await page.waitForURL(/\/service\/events\/\d+$/, WAIT);
    await settle(page);
    await screenshot(page, 'worksystems-04-record');
    await context.close();
  });

  it('a hospital leader reads a framework on a phone', { timeout: 180_000 }, async () => {
    const context = await openContext(browser, { width: 390, height: 844, mobile: true });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/login`);
    await page.getByTestId('login-username').fill('leader');
    await page.getByTestId('login-password').fill('Demo@2026');
    await page.getByTestId('login-submit').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'), WAIT);
    await page.goto(`${baseUrl}/worksystems`);
    const card = page.getByTestId('worksystem-front_line');
    await card.waitFor(WAIT);
    await card.getByRole('link', { name: '五个在一线' }).click();
    await page.getByTestId('indicator-branches_active').waitFor(WAIT);
    await settle(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await screenshot(page, 'worksystems-05-phone');
    await context.close();
  });
});
