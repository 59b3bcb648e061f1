import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { hasChromium, launch, screenshot, signIn } from './browser.js';

const baseUrl = inject('baseUrl');
const WAIT = { timeout: 20_000, interval: 250 };
let browser: Browser;

/** Every entry of the menu the user sees (submenus opened), as paths. */
async function menuPaths(page: Page): Promise<string[]> {
  const menu = page.getByTestId('main-menu');
  for (let round = 0; round < 3; round++) {
    const closed = menu.locator('.ant-menu-submenu:not(.ant-menu-submenu-open) > .ant-menu-submenu-title');
    const n = await closed.count();
    if (n === 0) break;
    for (let i = n - 1; i >= 0; i--) await closed.nth(i).click();
  }
  const ids = await menu.locator('li.ant-menu-item[data-menu-id]').evaluateAll((items) => items.map((li) => li.getAttribute('data-menu-id') ?? ''));
  return [...new Set(ids.map((id) => id.slice(id.indexOf('-/') + 1)).filter((p) => p.startsWith('/')))];
}

/** Opens every menu entry of a role and records failing API calls and error messages on the page. */
async function walkMenu(username: string): Promise<{ path: string; failures: string[] }[]> {
  const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
  const failures: string[] = [];
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.pathname.startsWith('/api/') && response.status() >= 400) failures.push(`${response.status()} ${url.pathname}`);
  });
  await signIn(page, baseUrl, username);
  const paths = await menuPaths(page);
  expect(paths.length).toBeGreaterThan(1);
  const out: { path: string; failures: string[] }[] = [];
  for (const path of paths) {
    failures.length = 0;
    await page.goto(`${baseUrl}${path}`);
    await page.getByTestId('main-menu').waitFor();
    await page.waitForLoadState('networkidle');
    await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached', timeout: 20_000 }).catch(() => undefined);
    const alerts = await page.locator('.ant-alert-error, .ant-result-error, .ant-result-warning').allTextContents();
    out.push({ path, failures: [...failures, ...alerts.map((a) => `alert: ${a}`)] });
    await screenshot(page, `roles-${username}${path.replace(/\//g, '-')}`);
  }
  await page.close();
  return out;
}

describe.skipIf(!hasChromium || !baseUrl)('every menu entry for members and hospital leaders', () => {
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a member: every page loads without a failing request or an error, the org structure shows their branch and committee', { timeout: 240_000 }, async () => {
    const visited = await walkMenu('member');
    expect(visited.map((v) => v.path)).toContain('/orgs');
    expect(visited.filter((v) => v.failures.length > 0)).toEqual([]);

    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
    await signIn(page, baseUrl, 'member');
    await page.goto(`${baseUrl}/orgs`);
    const detail = page.getByTestId('org-detail');
    await detail.waitFor();
    await expect.poll(() => page.getByTestId('org-fields').textContent(), WAIT).toContain('党员数');
    expect(await detail.textContent()).not.toContain('数据加载失败');
    await page.getByRole('tab', { name: /委员会与任期/ }).click();
    await expect.poll(() => page.getByTestId('committee-table').locator('.ant-table-row').count(), WAIT).toBeGreaterThan(0);
    expect(await page.getByRole('tab', { name: /^党员（/ }).count()).toBe(0);
    await screenshot(page, 'roles-member-orgs-committee');
    // On a phone the branch fits the width.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${baseUrl}/orgs`);
    await page.getByTestId('org-detail').waitFor();
    await expect.poll(() => page.getByTestId('org-fields').textContent(), WAIT).toContain('党员数');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'roles-member-orgs-phone');
    await page.close();
  });

  it('a hospital leader: every page loads without a failing request or an error, the org structure shows counts', { timeout: 240_000 }, async () => {
    const visited = await walkMenu('leader');
    expect(visited.map((v) => v.path)).toContain('/orgs');
    expect(visited.filter((v) => v.failures.length > 0)).toEqual([]);

    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
    await signIn(page, baseUrl, 'leader');
    await page.goto(`${baseUrl}/orgs`);
    const summary = page.getByTestId('org-structure-summary');
    await summary.waitFor();
    await expect.poll(() => summary.textContent(), WAIT).toMatch(/党员总数\d/);
    expect(await summary.textContent()).toContain('党支部');
    await page.getByTestId('org-tree').getByText('急诊科全科医学科党支部', { exact: true }).click();
    await expect.poll(() => page.getByTestId('org-fields').textContent(), WAIT).toContain('党员数');
    await screenshot(page, 'roles-leader-orgs-branch');
    await page.close();
  });
});
