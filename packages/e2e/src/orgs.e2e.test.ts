import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { choose, chooseInDropdown, hasChromium, launch, pickDate, screenshot, settle, signIn, switchLanguage } from './browser.js';

const baseUrl = inject('baseUrl');
const BRANCH = '急诊科全科医学科党支部';
const ELECTION_RESULT = '选举产生新一届支部委员会委员 5 名';
let browser: Browser;

/** The server is pinned to the demo date (global-setup); the web app takes today from it, whatever the browser's clock says. */
async function contextAt(language: 'zh-CN' | 'en-US' = 'zh-CN'): Promise<BrowserContext> {
  return browser.newContext({ locale: language, viewport: { width: 1440, height: 900 }, acceptDownloads: true });
}

/** Names of the organisations in the warning list filtered to one level (all fit on one page). */
async function warnedOrgs(page: Page, severity: 'red' | 'yellow'): Promise<string[]> {
  await page.goto(`${baseUrl}/orgs/warnings?severity=${severity}`);
  const table = page.getByTestId('warnings-table');
  await table.waitFor();
  await settle(page);
  await expect.poll(() => table.locator('.ant-table-row').count()).toBeGreaterThan(0);
  return table.locator('.ant-table-row td:first-child').allTextContents();
}

describe.skipIf(!hasChromium || !baseUrl)('organisations journey', () => {
  let overdueBefore: string[] = [];

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the organisation office opens a branch: its fields, committee with 双带头人 and term', async () => {
    const context = await contextAt();
    const page = await context.newPage();
    await signIn(page, baseUrl, 'org');
    await page.goto(`${baseUrl}/orgs`);
    await page.getByTestId('org-tree').waitFor();
    await page.getByPlaceholder('搜索组织名称').fill('急诊');
    await page.getByTestId('org-tree').getByText(BRANCH, { exact: true }).click();
    const detail = page.getByTestId('org-detail');
    await detail.waitFor();
    const fields = page.getByTestId('org-fields');
    await expect.poll(() => fields.textContent()).toContain('对应科室/教研室');
    const fieldText = (await fields.textContent()) ?? '';
    expect(fieldText).toContain('急诊科');
    expect(fieldText).not.toContain('未配备书记');
    expect(fieldText).toMatch(/届满日期\d{4}-\d{2}-\d{2}/);
    await screenshot(page, 'orgs-01-branch');

    await page.getByRole('tab', { name: /委员会与任期/ }).click();
    const committee = page.getByTestId('committee-table');
    await committee.waitFor();
    const rows = await committee.locator('.ant-table-row').allTextContents();
    expect(rows.some((row) => row.startsWith('书记'))).toBe(true);
    expect(rows.some((row) => row.includes('双带头人'))).toBe(true);
    expect(await page.getByTestId('org-term').textContent()).toMatch(/届满日期\d{4}-\d{2}-\d{2}/);
    await screenshot(page, 'orgs-02-committee');

    // Someone else saves the branch while the form is open: saving the stale form is refused with a message.
    await page.getByTestId('org-edit').click();
    const form = page.locator('.ant-modal').filter({ has: page.getByTestId('org-form') });
    await form.waitFor();
    await form.locator('#contactName').fill('王联络');
    const me = (await (await page.request.get(`${baseUrl}/api/v1/auth/me`)).json()) as { csrfToken: string };
    const orgId = Number(new URL(page.url()).searchParams.get('orgId'));
    const current = (await (await page.request.get(`${baseUrl}/api/v1/orgs/${orgId}`)).json()) as { version: number };
    const other = await page.request.patch(`${baseUrl}/api/v1/orgs/${orgId}`, { headers: { 'X-CSRF-Token': me.csrfToken }, data: { version: current.version, contactPhone: '0571-88880000' } });
    expect(other.status()).toBe(200);
    await form.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => page.getByTestId('org-form-error').textContent()).toContain('已被他人修改');
    await screenshot(page, 'orgs-02b-edit-conflict');
    await page.getByTestId('org-form-error').getByRole('button', { name: '载入最新内容' }).click();
    await form.waitFor({ state: 'hidden' });
    await page.getByRole('tab', { name: '基本信息' }).click();
    await expect.poll(() => page.getByTestId('org-fields').textContent()).toContain('0571-88880000');
    await context.close();
  });

  it('records a 换届 for a branch overdue for election; the warning list no longer shows it', async () => {
    const context = await contextAt();
    const page = await context.newPage();
    await signIn(page, baseUrl, 'org');
    overdueBefore = await warnedOrgs(page, 'red');
    await screenshot(page, 'orgs-03-warnings-before');
    const target = overdueBefore[0] as string;
    expect(target).toBeTruthy();

    await page.getByTestId('warnings-table').getByRole('link', { name: target, exact: true }).first().click();
    await page.getByTestId('org-detail').waitFor();
    await expect.poll(() => page.getByTestId('org-warnings').textContent()).toContain('逾期');
    await page.getByRole('tab', { name: /委员会与任期/ }).click();
    await page.getByTestId('election-record').click();
    const modal = page.locator('.ant-modal').filter({ hasText: '记录换届选举' });
    await modal.waitFor();
    await pickDate(page, modal.locator('#heldOn'), '2026-11-20');
    // Those entitled come from the roster on the election date, shown with the number that must be present.
    await expect.poll(() => modal.getByTestId('election-electorate').textContent()).toContain('2026-11-20 名册上有选举权的党员');
    const due = Number(await modal.getByTestId('election-entitled').textContent());
    expect(due).toBeGreaterThan(3);
    const required = Math.floor((due * 4) / 5) + 1;
    expect(await modal.getByTestId('election-required').textContent()).toContain(`至少 ${required} 人`);
    // More present than entitled is refused on the form, in Chinese, with the numbers.
    await modal.locator('#votersPresent').fill(String(due + 1));
    await modal.locator('#results').fill(ELECTION_RESULT);
    await modal.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => modal.textContent()).toContain(`实到 ${due + 1} 人不能多于应到 ${due} 人`);
    // Four fifths (or fewer) is not enough.
    await modal.locator('#votersPresent').fill(String(required - 1));
    await modal.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => modal.textContent()).toContain(`实到 ${required - 1} 人未超过应到 ${due} 人的五分之四`);
    await modal.locator('#votersPresent').fill(String(required));
    await expect.poll(() => modal.textContent()).toContain('新一届任期将于 2029-11-20 届满');
    await expect.poll(() => modal.textContent()).not.toContain('未超过');
    await screenshot(page, 'orgs-04-election-form');
    await modal.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => page.locator('.ant-message').textContent()).toContain('2029-11-20');

    await page.getByRole('tab', { name: /换届记录/ }).click();
    const elections = page.getByTestId('election-table');
    await expect.poll(() => elections.locator('.ant-table-row').first().textContent()).toContain(ELECTION_RESULT);
    expect(await elections.locator('.ant-table-row').first().textContent()).toContain(`实到 ${required} / 应到 ${due}`);
    expect(await page.getByTestId('org-warnings').count()).toBe(0);
    await screenshot(page, 'orgs-05-elected');

    const overdueAfter = await warnedOrgs(page, 'red');
    expect(overdueAfter).not.toContain(target);
    expect(overdueAfter.length).toBe(overdueBefore.length - 1);
    await screenshot(page, 'orgs-06-warnings-after');
    await context.close();
  });

  it('creates a temporary branch under a general branch, then dissolves it: the confirmation says where members go', async () => {
    const context = await contextAt();
    const page = await context.newPage();
    await signIn(page, baseUrl, 'org');
    await page.goto(`${baseUrl}/orgs`);
    await page.getByTestId('org-tree').getByText('外科党总支', { exact: true }).click();
    await page.getByTestId('org-detail').waitFor();
    await page.getByTestId('org-create-child').click();
    const form = page.locator('.ant-modal').filter({ has: page.getByTestId('org-form') });
    await form.waitFor();
    await choose(page, 'org-form-type', '临时党支部');
    await form.locator('#name').fill('赴边疆义诊医疗队临时党支部');
    // A temporary branch needs its end date: refused in Chinese until it has one.
    await form.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => form.textContent()).toContain('临时党支部须填写结束日期');
    await pickDate(page, form.locator('#endsOn'), '2027-03-31');
    await form.getByRole('button', { name: /保\s*存/ }).click();
    await form.waitFor({ state: 'hidden' });
    const detail = page.getByTestId('org-detail');
    await expect.poll(() => detail.textContent()).toContain('赴边疆义诊医疗队临时党支部');
    // The parent's detail also lists the new child: wait until the detail shows the new branch itself.
    await expect.poll(() => page.getByTestId('org-fields').textContent()).toContain('结束日期2027-03-31');
    await expect.poll(() => page.getByTestId('org-tree').textContent()).toContain('赴边疆义诊医疗队临时党支部');
    await screenshot(page, 'orgs-07a-created');

    const dialog = page.locator('.ant-modal').filter({ hasText: '确认撤销' });
    await chooseInDropdown(page, 'org-more', '撤销', dialog);
    expect(await page.getByTestId('dissolve-consequence').textContent()).toContain('该组织没有党员和下级组织');
    await screenshot(page, 'orgs-07b-dissolve-confirm');
    await dialog.getByRole('button', { name: '确认撤销' }).click();
    await dialog.waitFor({ state: 'hidden' });
    // Kept with its history, out of the tree.
    await expect.poll(() => detail.textContent()).toContain('撤销');
    expect(await page.getByTestId('org-edit').count()).toBe(0);
    await expect.poll(() => page.getByTestId('org-tree').textContent()).not.toContain('赴边疆义诊医疗队临时党支部');
    await page.getByRole('tab', { name: '沿革' }).click();
    await expect.poll(() => detail.textContent()).toMatch(/成立[\s\S]*撤销|撤销[\s\S]*成立/);
    await screenshot(page, 'orgs-07c-dissolved');
    await context.close();
  });

  it('shows 双带头人 coverage per 党委/总支 with the branches that miss it, and the criteria', async () => {
    const context = await contextAt();
    const page = await context.newPage();
    await signIn(page, baseUrl, 'org');
    await page.goto(`${baseUrl}/orgs/dual-leaders`);
    const table = page.getByTestId('dual-table');
    await table.waitFor();
    await settle(page);
    await expect.poll(() => table.locator('.ant-table-row-level-0').count()).toBeGreaterThan(1);
    const first = (await table.locator('.ant-table-row-level-0').first().textContent()) ?? '';
    expect(first).toContain('委员会');
    expect(first).toMatch(/\d+(\.\d)?%/);
    // The groups that miss some are opened on their missing branches, each with its secretary.
    const missing = table.locator('[data-testid^="dual-missing-"] .ant-table-row');
    await expect.poll(() => missing.count()).toBeGreaterThan(0);
    // The criteria load with the settings, after the table.
    await expect.poll(() => page.getByTestId('dual-criteria').textContent()).toContain('副高级及以上专业技术职称');
    await screenshot(page, 'orgs-08-dual-leaders');
    await context.close();
  });

  it('lists departments by campus with their branches and the 三位一体 flag; the workbench shows the figures', async () => {
    const context = await contextAt();
    const page = await context.newPage();
    await signIn(page, baseUrl, 'org');
    await page.goto(`${baseUrl}/orgs/departments`);
    const table = page.getByTestId('dept-table');
    await table.waitFor();
    await settle(page);
    const row = table.locator('.ant-table-row', { hasText: '全科医学科' }).first();
    expect(await row.textContent()).toContain(BRANCH);
    await screenshot(page, 'orgs-09-departments');

    await page.goto(`${baseUrl}/`);
    const figures = page.getByTestId('org-figures');
    await figures.waitFor();
    await expect.poll(() => figures.textContent()).toContain('双带头人覆盖率');
    await settle(page);
    await screenshot(page, 'orgs-10-home');
    await context.close();
  });

  it('reads in English for a read-only inspector, without write buttons', async () => {
    const context = await contextAt();
    const page = await context.newPage();
    await signIn(page, baseUrl, 'jijian');
    await switchLanguage(page, 'en-US');
    await expect.poll(() => page.getByTestId('main-menu').textContent()).toContain('Organisations');
    await page.goto(`${baseUrl}/orgs/warnings`);
    await page.getByTestId('warnings-table').waitFor();
    await settle(page);
    await screenshot(page, 'orgs-11-warnings-en');
    await page.goto(`${baseUrl}/orgs`);
    await page.getByTestId('org-tree').getByText(BRANCH, { exact: true }).click();
    await page.getByTestId('org-detail').waitFor();
    await expect.poll(() => page.getByTestId('org-fields').textContent()).toContain('Departments');
    expect(await page.getByTestId('org-edit').count()).toBe(0);
    await page.getByRole('tab', { name: /Committee and term/ }).click();
    await page.getByTestId('committee-table').waitFor();
    expect(await page.getByTestId('election-record').count()).toBe(0);
    await screenshot(page, 'orgs-12-committee-en');
    // Back to Chinese: the choice is saved for the account.
    await switchLanguage(page, 'zh-CN');
    await expect.poll(() => page.getByTestId('main-menu').textContent()).toContain('党组织');
    await context.close();
  });
});
