import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { apiGet, hasChromium, launch, openContext, screenshot, settle, signIn } from './browser.js';

const baseUrl = inject('baseUrl');
const WAIT = { timeout: 30_000, interval: 250 };
let browser: Browser;

interface Overview {
  cards: { key: string; value: number; of: number | null; href: string }[];
}

describe.skipIf(!hasChromium || !baseUrl)('dashboards journey', () => {
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the office’s overview shows cards that open their lists', { timeout: 180_000 }, async () => {
    const context = await openContext(browser, { width: 1400, height: 900 });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'org');
    await page.getByTestId('overview-year').waitFor(WAIT);
    const data = await apiGet<Overview>(page, '/api/v1/dashboard/overview');
    // The office reads every area: a card for each.
    for (const key of ['compliance', 'funnel', 'duesRate', 'dualLeader', 'honours', 'service', 'venues', 'funds', 'firstTopics', 'visits', 'meetingsDue', 'duesArrears']) {
      expect(data.cards.map((c) => c.key), key).toContain(key);
    }
    const venues = data.cards.find((c) => c.key === 'venues')!;
    expect(await page.getByTestId('card-venues').textContent()).toContain(String(venues.value));
    await settle(page);
    await screenshot(page, 'dashboards-01-office');
    await page.getByTestId('card-venues').click();
    await page.waitForURL(/\/orglife\/venues$/, WAIT);
    await page.getByTestId('venue-card').first().waitFor(WAIT);
    await page.goBack();
    await page.getByTestId('card-duesArrears').click();
    await page.waitForURL(/\/dues\/manage\?tab=arrears$/, WAIT);
    await context.close();
  });

  it('a branch secretary’s overview holds their branch: this month’s due items first', { timeout: 180_000 }, async () => {
    const context = await openContext(browser, { width: 1400, height: 900 });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'secretary');
    await page.getByTestId('overview-due').waitFor(WAIT);
    const data = await apiGet<Overview>(page, '/api/v1/dashboard/overview');
    // One branch in the matrix: their own.
    expect(data.cards.find((c) => c.key === 'meetingsDue')?.of).toBe(1);
    expect(data.cards.find((c) => c.key === 'compliance')?.of).toBe(1);
    await settle(page);
    await screenshot(page, 'dashboards-01b-secretary');
    await page.getByTestId('card-developmentDue').click();
    await page.waitForURL(/\/development\?tab=due$/, WAIT);
    await context.close();
  });

  it('the leader reads the overview on a phone without scrolling sideways; every card opens a page', { timeout: 240_000 }, async () => {
    const context = await openContext(browser, { width: 1280, height: 844 });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'leader');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(baseUrl);
    await page.getByTestId('overview-year').waitFor(WAIT);
    await settle(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'dashboards-02-leader-phone');
    const data = await apiGet<Overview>(page, '/api/v1/dashboard/overview');
    expect(data.cards.length).toBeGreaterThanOrEqual(6);
    // Every link the leader is given lands on a page they may read (no 403 page).
    for (const card of data.cards) {
      await page.goto(`${baseUrl}${card.href}`);
      await settle(page);
      expect(await page.locator('.ant-result-403').count(), card.href).toBe(0);
      expect(await page.locator('.ant-alert-error').count(), card.href).toBe(0);
    }
    await context.close();
  });

  it('every menu entry the leader sees opens without a refusal or an error', { timeout: 240_000 }, async () => {
    const context = await openContext(browser, { width: 1400, height: 900 });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'leader');
    // The leader's menu (orgs, learning, service, honours and brands, contacts, projects, decisions, funds, own pages).
    const paths = [
      '/orgs', '/orgs/warnings', '/orgs/dual-leaders', '/orgs/departments', '/learning', '/learning?tab=firstTopics', '/learning?tab=notes',
      '/service/events', '/service/series', '/service/totals', '/service/my', '/honours/list', '/honours/ladder', '/honours/programmes',
      '/honours/strengths', '/brands', '/contacts', '/contacts?tab=followups', '/contacts?tab=agreements', '/contacts/my', '/projects/list',
      '/decisions/topics', '/decisions/meetings', '/decisions/tasks', '/decisions/dashboard', '/decisions/bodies', '/decisions/settings',
      '/funds', '/funds?tab=priority', '/orglife/my', '/dues/my',
    ];
    const menu = await page.getByTestId('main-menu').textContent();
    for (const name of ['党组织', '学习教育', '服务与志愿', '荣誉与创建', '联系点与共建', '一线项目', '决策督办', '党建经费']) expect(menu, name).toContain(name);
    for (const path of paths) {
      await page.goto(`${baseUrl}${path}`);
      await settle(page);
      expect(await page.locator('.ant-result-403, .ant-result-404').count(), path).toBe(0);
      expect(await page.locator('.ant-alert-error').count(), path).toBe(0);
    }
    await context.close();
  });

  it('a member’s phone home shows their dues status', { timeout: 180_000 }, async () => {
    const context = await openContext(browser, { width: 1280, height: 844 });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'member');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(baseUrl);
    const home = page.getByTestId('member-home');
    await home.waitFor(WAIT);
    await expect.poll(() => home.textContent(), WAIT).toContain('我的党费');
    expect(await home.textContent()).toMatch(/已交清|欠缴/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await settle(page);
    await screenshot(page, 'dashboards-03-member-phone');
    await page.getByTestId('me-/dues/my').click();
    await page.waitForURL(/\/dues\/my$/, WAIT);
    await context.close();
  });
});
