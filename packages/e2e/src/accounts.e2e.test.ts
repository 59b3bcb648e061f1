import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { chooseInTree, hasChromium, launch, screenshot, signIn } from './browser.js';

const baseUrl = inject('baseUrl');
const WAIT = { timeout: 20_000, interval: 250 };
const BRANCH = '血液科党支部';
let browser: Browser;

describe.skipIf(!hasChromium || !baseUrl)('accounts for members', () => {
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('creates accounts for a branch from the roster → downloads the one-time passwords → a member signs in and must change it → their own pages show their records', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1400, height: 900 }, acceptDownloads: true });
    await signIn(page, baseUrl, 'admin');
    await page.goto(`${baseUrl}/admin/users`);
    await page.getByTestId('bulk-accounts').click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '从党员名册批量创建账号' });
    await dialog.waitFor();
    await chooseInTree(page, 'bulk-org', BRANCH, { search: '血液科' });
    const table = page.getByTestId('bulk-table');
    await expect.poll(() => table.locator('.ant-table-row').count(), WAIT).toBeGreaterThan(5);
    expect(await page.getByTestId('bulk-summary').textContent()).toMatch(/尚无账号 \d+ 人，已有账号 \d+ 人/);
    // Every member of the branch is proposed with a pinyin username and a masked ID number.
    const firstRow = table.locator('.ant-table-row').first();
    const username = await firstRow.locator('input[aria-label="用户名"]').inputValue();
    expect(username).toMatch(/^[a-z]+\d*$/);
    expect(await firstRow.textContent()).toMatch(/\d{6}\*{8}[\dX]{4}/);
    const name = ((await firstRow.locator('td').nth(1).textContent()) ?? '').trim();
    // Only the first three this time.
    await table.locator('thead .ant-checkbox-input').click();
    for (let i = 0; i < 3; i++) await table.locator('.ant-table-row').nth(i).locator('.ant-checkbox-input').click();
    await screenshot(page, 'accounts-01-bulk-choose');
    await page.getByTestId('bulk-create').click();
    const result = page.getByTestId('bulk-result');
    await result.waitFor();
    expect(await result.textContent()).toContain('已为血液科党支部创建 3 个账号');
    expect(await result.textContent()).toContain('初始密码只显示这一次');
    const row = result.locator('.ant-table-row').filter({ hasText: username });
    const password = ((await row.locator('code').textContent()) ?? '').trim();
    expect(password).toMatch(/^[A-Za-z0-9]{10}$/);
    await screenshot(page, 'accounts-02-bulk-passwords');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('bulk-download').click()]);
    expect(download.suggestedFilename()).toBe(`初始密码-${BRANCH}.xlsx`);
    const chunks: Buffer[] = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    const cells = JSON.stringify(wb.worksheets[0]!.getSheetValues());
    expect(cells).toContain(username);
    expect(cells).toContain(password);
    // Closing asks first: the passwords cannot be seen again.
    await dialog.locator('.ant-modal-footer').getByRole('button', { name: /关\s*闭/ }).click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: /确\s*定|OK/ }).click();
    await expect.poll(() => page.getByTestId('user-table').textContent(), WAIT).toContain(username);
    expect(await page.getByTestId('user-table').locator('.ant-table-row').filter({ hasText: username }).textContent()).toContain(name);
    await page.close();

    // The member signs in with the one-time password and must change it first.
    const member = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
    await signIn(member, baseUrl, username, password);
    await member.getByTestId('new-password').waitFor();
    await member.getByTestId('current-password').fill(password);
    await member.getByTestId('new-password').fill('Blood#Bank2027');
    await member.getByTestId('confirm-password').fill('Blood#Bank2027');
    await member.getByTestId('change-password-submit').click();
    await member.getByTestId('new-password').waitFor({ state: 'hidden' });
    // On a phone, their own dues show their own record.
    await member.setViewportSize({ width: 390, height: 844 });
    await member.goto(`${baseUrl}/dues/my`);
    await expect.poll(() => member.locator('body').textContent(), WAIT).toContain(name);
    await screenshot(member, 'accounts-03-member-my-dues');
    await member.close();
  });

  it('links an existing account to a member found by pinyin, with the ID number masked', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
    await signIn(page, baseUrl, 'admin');
    await page.goto(`${baseUrl}/admin/users?q=leader`);
    await page.getByTestId('link-member-leader').click();
    const link = page.getByTestId('member-link');
    await link.waitFor();
    const current = (await link.textContent()) ?? '';
    await page.getByTestId('member-link-search').locator('input').fill('chen');
    const candidates = page.getByTestId('member-link-candidate');
    await expect.poll(() => candidates.count(), WAIT).toBeGreaterThan(1);
    expect(await candidates.first().textContent()).toMatch(/\d{6}\*{8}[\dX]{4}/);
    await screenshot(page, 'accounts-04-link-search');
    const free = candidates.filter({ has: page.getByRole('button', { name: /关\s*联/ }) }).filter({ hasNot: page.locator('button[disabled]') }).first();
    const chosen = ((await free.locator('strong').first().textContent()) ?? '').trim();
    await free.getByRole('button', { name: /关\s*联/ }).click();
    await expect.poll(() => page.getByTestId('user-table').locator('.ant-table-row').filter({ hasText: 'leader' }).first().textContent(), WAIT).toContain(chosen);
    expect(current).toContain('当前关联');
    // Back to the member the demo links it to, so other journeys see the leader as before.
    const original = /当前关联：(\S+?)取消关联/.exec(current.replace(/\s/g, ''))?.[1] ?? '';
    expect(original).not.toBe('');
    await page.getByTestId('link-member-leader').click();
    await page.getByTestId('member-link-search').locator('input').fill(original);
    const back = page.getByTestId('member-link-candidate').filter({ hasText: original }).first();
    await back.getByRole('button', { name: /关\s*联/ }).click();
    await expect.poll(() => page.getByTestId('user-table').locator('.ant-table-row').filter({ hasText: 'leader' }).first().textContent(), WAIT).toContain(original);
    await page.close();
  });
});
