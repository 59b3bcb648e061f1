import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { chooseInDropdown, hasChromium, launch, openFromMenu, screenshot, signIn, signInOnPhone, switchLanguage } from './browser.js';

const baseUrl = inject('baseUrl');
/** A list page loads its code and its data first; on a busy machine that takes more than expect.poll's default second. */
const WAIT = { timeout: 20_000, interval: 250 };
let browser: Browser;

describe.skipIf(!hasChromium || !baseUrl)('web shell', () => {
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('refuses a wrong password with a message on the login page', async () => {
    const page = await browser.newPage({ locale: 'zh-CN' });
    await page.goto(`${baseUrl}/login`);
    await screenshot(page, '01-login');
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill('wrong-password');
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('login-error').textContent()).toContain('用户名或密码错误');
    // A real user is told whom to ask, not to read a server log.
    const help = await page.getByTestId('login-help').textContent();
    expect(help).toContain('系统管理员');
    expect(help).not.toMatch(/日志|log/);
    await page.close();
  });

  /** Collects the page's Content-Security-Policy violations (console and the DOM event). */
  async function violationsOf(page: Page): Promise<string[]> {
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to (load|apply|execute|connect|frame)/i.test(message.text())) violations.push(message.text());
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber} on ${location.pathname}`),
      );
    });
    return violations;
  }

  it('runs under its Content-Security-Policy without a single violation', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
    const violations = await violationsOf(page);
    const response = await page.goto(`${baseUrl}/login`);
    expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await signIn(page, baseUrl, 'org');
    await page.getByTestId('dashboard').waitFor();
    await page.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
    for (const path of ['/members', '/orglife/matrix', '/dues/manage', '/orgs']) {
      await page.goto(`${baseUrl}${path}`);
      await page.getByTestId('main-menu').waitFor();
      await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached' });
    }
    expect(violations).toEqual([]);
    await page.close();
  });

  it('serves the API docs under the same policy without a violation', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
    const violations = await violationsOf(page);
    await page.goto(`${baseUrl}/api/docs/`);
    await expect.poll(() => page.locator('.opblock').count(), WAIT).toBeGreaterThan(20);
    await screenshot(page, '07-api-docs');
    expect(violations).toEqual([]);
    await page.close();
  });

  it('makes a temporary password the only thing to deal with, with the server’s reason on the field', { timeout: 120_000 }, async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    // The administrator gives a new hospital-leader account a temporary password (through the API,
    // as the accounts page does); the demo's own logins stay as they are for the other journeys.
    const login = await page.request.post(`${baseUrl}/api/v1/auth/login`, { data: { username: 'admin', password: 'Demo@2026' } });
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const created = await page.request.post(`${baseUrl}/api/v1/users`, {
      headers: { 'x-csrf-token': csrfToken },
      data: { username: 'shell.leader', name: '临时院领导', password: 'Start2026x', roles: [{ role: 'leader' }] },
    });
    expect(created.status()).toBe(201);
    const leader = (await created.json()) as { id: number };
    const reset = await page.request.post(`${baseUrl}/api/v1/users/${leader.id}/reset-password`, { headers: { 'x-csrf-token': csrfToken } });
    const { temporaryPassword } = (await reset.json()) as { temporaryPassword: string };
    await page.request.post(`${baseUrl}/api/v1/auth/logout`, { headers: { 'x-csrf-token': csrfToken } });

    await page.goto(`${baseUrl}/login`);
    await page.getByTestId('login-username').fill('shell.leader');
    await page.getByTestId('login-password').fill(temporaryPassword);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('new-password').waitFor();
    await page.getByTestId('current-password').fill(temporaryPassword);
    await page.getByTestId('new-password').fill('Passw0rd');
    await page.getByTestId('confirm-password').fill('Passw0rd');
    await page.getByTestId('change-password-submit').click();
    // The server refuses a common password; its reason stands under the field.
    await expect.poll(() => page.locator('.ant-form-item-explain-error').allTextContents(), WAIT).toContainEqual(expect.stringContaining('太常见'));
    // (antd animates the message in: let it settle before the picture.)
    await page.waitForTimeout(500);
    await screenshot(page, '08-temporary-password-390');
    await page.getByTestId('new-password').fill('Qiushi-Lou-2026');
    await page.getByTestId('confirm-password').fill('Qiushi-Lou-2026');
    // The server's answer first, then the page it leads to: a failure says which of the two did not come.
    const changed = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/password') && r.request().method() === 'POST', { timeout: 40_000 });
    await page.getByTestId('change-password-submit').click();
    expect((await changed).status()).toBe(200);
    await page.getByTestId('dashboard').waitFor({ timeout: 40_000 });
    await context.close();
  });

  it('signs in, shows the menu for the role, switches language, signs out', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
    await signIn(page, baseUrl, 'org');
    const menu = page.getByTestId('main-menu');
    await expect.poll(() => menu.textContent()).toContain('党员');
    // The organisation office does not manage accounts: that menu entry is the administrator's.
    expect(await menu.textContent()).not.toContain('账号');
    await expect.poll(() => page.getByTestId('tenant-name').textContent()).toContain('示例医科大学附属第一医院');
    await page.getByTestId('dashboard').waitFor();
    await page.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
    await screenshot(page, '02-home-zh');

    await switchLanguage(page, 'en-US');
    await expect.poll(() => menu.textContent()).toMatch(/Members/);
    await page.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
    await screenshot(page, '03-home-en');
    // The choice is saved for the user: a reload keeps English.
    await page.reload();
    await expect.poll(() => page.getByTestId('main-menu').textContent()).toMatch(/Members/);
    await switchLanguage(page, 'zh-CN');
    await expect.poll(() => page.getByTestId('main-menu').textContent()).toContain('党员');

    await chooseInDropdown(page, 'user-menu', '退出登录', page.getByTestId('login-form'));
    expect(page.url()).toContain('/login');
    await page.close();
  });

  it('shows the administrator the accounts and the audit log', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
    await signIn(page, baseUrl, 'admin');
    await page.goto(`${baseUrl}/admin/audit`);
    await expect.poll(() => page.locator('.ant-table-row').count(), WAIT).toBeGreaterThan(0);
    await screenshot(page, '04-audit');
    await page.goto(`${baseUrl}/admin/users`);
    await expect.poll(() => page.locator('.ant-table-row').count(), WAIT).toBeGreaterThan(3);
    await screenshot(page, '05-users');
    await page.close();
  });

  it('limits a branch secretary to their branch', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
    await signIn(page, baseUrl, 'secretary');
    await page.goto(`${baseUrl}/members`);
    await expect.poll(() => page.locator('.ant-table-row').count(), WAIT).toBeGreaterThan(5);
    const branches = await page.locator('.ant-table-row').allTextContents();
    expect(branches.every((row) => row.includes('急诊科全科医学科党支部'))).toBe(true);
    await screenshot(page, '06-members-secretary');
    await page.close();
  });

  it('opens each page at its top, names it in the tab, and leads back through breadcrumbs (matrix drill-down keeps the month)', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1400, height: 700 } });
    await signIn(page, baseUrl, 'org');
    await page.goto(`${baseUrl}/dues/manage`);
    await expect.poll(() => page.locator('.ant-table-row').count(), WAIT).toBeGreaterThan(10);
    await expect.poll(() => page.title()).toBe('月度结算与收缴 · 收缴与台账 - 红医');
    await page.getByRole('tab', { name: '欠缴提醒' }).click();
    await expect.poll(() => page.title()).toBe('欠缴提醒 · 收缴与台账 - 红医');
    await page.getByRole('tab', { name: '月度结算与收缴' }).click();
    await expect.poll(() => page.locator('.ant-table-row').count(), WAIT).toBeGreaterThan(10);
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(200);
    await openFromMenu(page, ['组织生活', '党委总览'], /\/orglife\/matrix/);
    await expect.poll(() => page.title()).toBe('党委总览 - 红医');
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await expect.poll(() => page.getByTestId('breadcrumb').textContent()).toBe('组织生活/党委总览');

    // Drill down from a month of the matrix filtered to a year: the checklist marks that month,
    // and the breadcrumb leads back to the matrix as it was.
    await page.goto(`${baseUrl}/orglife/matrix?year=2026`);
    const cell = page.locator('[data-testid^="matrix-"][data-state="missed"]').first();
    await cell.waitFor(WAIT);
    const month = (await cell.getAttribute('data-testid'))!.slice(-7);
    await cell.click();
    await page.waitForURL(/\/orglife\/compliance/);
    expect(new URL(page.url()).searchParams.get('month')).toBe(month);
    await expect.poll(() => page.locator('[data-marked="true"]').count(), WAIT).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('compliance-month').textContent()).toContain(month);
    await expect.poll(() => page.getByTestId('breadcrumb').textContent()).toBe('组织生活/党委总览/支部落实情况');
    await screenshot(page, '07-matrix-drilldown');
    await page.getByTestId('breadcrumb').getByRole('link', { name: '党委总览' }).click();
    await page.waitForURL(/\/orglife\/matrix\?year=2026/);
    await expect.poll(() => page.title()).toBe('党委总览 - 红医');

    // A record opened from a list: the breadcrumb names the list and links to it.
    await page.goto(`${baseUrl}/members`);
    await page.locator('.ant-table-row a[href^="/members/"]').first().click();
    await page.waitForURL(/\/members\/\d+$/);
    await expect.poll(() => page.getByTestId('breadcrumb').textContent()).toBe('党员管理/党员名册/党员档案');
    await expect.poll(() => page.title()).toBe('党员档案 - 红医');
    await page.getByTestId('breadcrumb').getByRole('link', { name: '党员名册' }).click();
    await page.waitForURL(/\/members$/);
    await page.close();
  });

  it('shows a branch’s checklist on a phone without sideways scrolling', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true });
    await signInOnPhone(page, baseUrl, 'secretary');
    await page.goto(`${baseUrl}/orglife/compliance`);
    await page.locator('[data-testid^="checklist-"]').first().waitFor(WAIT);
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await page.locator('.ant-card-head-title').first().isVisible()).toBe(true);
    await screenshot(page, '08-compliance-phone');
    await page.close();
  });

  it('reads code values in English: education, title and job category in lists and charts', async () => {
    const page = await browser.newPage({ locale: 'en-US', viewport: { width: 1400, height: 900 } });
    await signIn(page, baseUrl, 'jijian');
    await switchLanguage(page, 'en-US');
    await expect.poll(() => page.getByTestId('main-menu').textContent()).toMatch(/Members/);
    try {
      await page.goto(`${baseUrl}/members?pageSize=50`);
      await expect.poll(() => page.locator('.ant-table-row').count(), WAIT).toBeGreaterThan(10);
      const cells = await page.locator('.ant-table-row td:nth-last-child(-n+3)').allTextContents();
      expect(cells.some((c) => /Senior|Intermediate|Junior/.test(c))).toBe(true);
      expect(cells.filter((c) => /正高|副高|中级|初级|博士研究生|硕士研究生|大学本科/.test(c))).toEqual([]);
      await page.goto(`${baseUrl}/members/structure`);
      await expect.poll(() => page.getByTestId('structure-sentence').textContent(), WAIT).toContain('Doctorate');
      const tables = await page.locator('[data-testid="structure-education"], [data-testid="structure-title"], [data-testid="structure-jobCategory"]').allTextContents();
      expect(tables.join(' ')).not.toMatch(/[\u4e00-\u9fff]/);
      await expect.poll(() => page.title()).toBe('Member structure - Hongyi');
      await screenshot(page, '09-structure-en');
    } finally {
      await switchLanguage(page, 'zh-CN');
      await expect.poll(() => page.getByTestId('main-menu').textContent()).toContain('党员');
      await page.close();
    }
  });
});
