import ExcelJS from 'exceljs';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { ARTIFACTS, apiGet, apiPost, hasChromium, launch, screenshot, settle, signIn, signInOnPhone } from './browser.js';

const baseUrl = inject('baseUrl');
/** A list page loads its code and its data first; on a busy machine that takes more than expect.poll's default second. */
const WAIT = { timeout: 20_000, interval: 250 };
let browser: Browser;

interface BaseItem {
  id: number;
  name: string;
  category: string;
}

describe.skipIf(!hasChromium || !baseUrl)('party dues journey', () => {
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('imports payroll → checks bases → closes the month → records a payment → sees arrears', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
    await signIn(page, baseUrl, 'secretary');

    // A payroll sheet for three employed members of the branch, in the hospital's layout.
    const members = (await apiGet<{ items: BaseItem[] }>(page, '/api/v1/dues/bases?pageSize=20')).items.filter((m) => m.category === 'employed').slice(0, 3);
    expect(members).toHaveLength(3);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('工资表');
    sheet.addRow(['2026年1月工资表']);
    sheet.addRow(['序号', '姓名', '岗位工资', '薪级工资', '基础性绩效工资', '养老保险', '住房公积金', '所得税']);
    members.forEach((m, i) => sheet.addRow([i + 1, m.name, 4200 + i * 500, 1800, 3000, 900, 1000, 310.45]));
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = join(ARTIFACTS, 'dues-payroll.xlsx');
    await workbook.xlsx.writeFile(file);

    await page.goto(`${baseUrl}/dues/manage?tab=payroll`);
    await page.getByTestId('dues-payroll-choose').waitFor();
    // The payroll choice is the unit's: a branch secretary reads it, with nothing to change.
    await page.getByTestId('dues-payroll-choice-readonly').waitFor();
    expect(await page.getByTestId('dues-payroll-save-choice').count()).toBe(0);
    expect(await page.locator('.ant-checkbox-group').count()).toBe(0);
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByTestId('dues-payroll-preview').click();
    const rows = page.getByTestId('dues-payroll-rows').locator('.ant-table-row');
    await expect.poll(() => rows.count(), WAIT).toBe(3);
    // Default choice: 岗位 + 薪级 + 基础性绩效 − 所得税 = 9000 − 310.45 → 1.5%.
    expect(await rows.first().textContent()).toContain('8,689.55');
    await screenshot(page, 'dues-01-payroll-preview');
    await page.getByTestId('dues-payroll-commit').click();
    await expect.poll(() => page.getByTestId('dues-payroll-rows').count()).toBe(0);

    await page.goto(`${baseUrl}/dues/manage?tab=bases&status=set&q=${encodeURIComponent(members[0]!.name)}`);
    const baseRow = page.getByTestId('dues-bases').locator('.ant-table-row').first();
    await expect.poll(() => baseRow.textContent()).toContain('130.34');
    expect(await baseRow.textContent()).toContain('潘俊峰');
    await screenshot(page, 'dues-02-bases');

    await page.goto(`${baseUrl}/dues/manage?tab=collect`);
    await page.getByTestId('dues-close').waitFor();
    await settle(page);
    // A click that lands while the tab is still rendering opens no confirmation: press again until it shows.
    const confirmClose = page.locator('.ant-popconfirm:visible .ant-btn-primary');
    await expect
      .poll(async () => {
        if (!(await confirmClose.isVisible())) await page.getByTestId('dues-close').click();
        return confirmClose.isVisible();
      }, { timeout: WAIT.timeout, interval: 1_000 })
      .toBe(true);
    await confirmClose.click();
    await expect.poll(() => page.getByTestId('dues-close-result').textContent(), WAIT).toMatch(/新增 \d+ 人应缴/);
    await screenshot(page, 'dues-03-close');

    await page.getByTestId('dues-record-payment').click();
    await page.getByTestId('dues-member-search').locator('input').fill(members[1]!.name);
    await page.getByTestId('dues-member-search').locator('input').press('Enter');
    await page.locator('.ant-modal .ant-table-row').first().click();
    const months = page.locator('.ant-modal .ant-checkbox-input');
    await months.first().waitFor();
    for (let i = 0; i < (await months.count()); i++) await months.nth(i).check();
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await expect.poll(() => page.locator('.ant-message').textContent()).toContain('已登记');
    const detail = await apiGet<{ arrears: { unpaidMonths: string[] } }>(page, `/api/v1/dues/members/${members[1]!.id}`);
    expect(detail.arrears.unpaidMonths).toEqual([]);

    await page.goto(`${baseUrl}/dues/manage?tab=arrears`);
    await page.getByTestId('dues-arrears-counts').waitFor();
    const counts = (await apiGet<{ counts: Record<string, number> }>(page, '/api/v1/dues/arrears?pageSize=1')).counts;
    await expect.poll(() => page.getByTestId('dues-arrears-counts').textContent()).toContain(`报告（6个月）${counts.report}`);
    // The amount owed stays in view, clear of the fixed action column.
    const firstRow = page.getByTestId('dues-arrears').locator('.ant-table-row').first();
    const amount = await firstRow.locator('td').nth(4).boundingBox();
    const action = await firstRow.locator('td').last().boundingBox();
    expect(amount!.x + amount!.width).toBeLessThanOrEqual(action!.x + 1);
    expect(await firstRow.locator('td').nth(4).textContent()).toMatch(/^\d[\d,]*\.\d\d$/);
    const arrearsRows = await page.getByTestId('dues-arrears').locator('.ant-table-row').allTextContents();
    expect(arrearsRows.length).toBeGreaterThan(0);
    expect(arrearsRows.some((r) => r.includes(members[1]!.name))).toBe(false);
    await screenshot(page, 'dues-04-arrears');
    await page.close();
  });

  it('counts the members without a base for the office and the branch, and lists them', async () => {
    for (const username of ['org', 'secretary']) {
      const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
      await signIn(page, baseUrl, username);
      const summary = await apiGet<{ missing: number; year: number }>(page, '/api/v1/dues/bases/summary');
      expect(summary.missing).toBeGreaterThan(0);
      await page.goto(`${baseUrl}/dues/manage`);
      await expect.poll(() => page.getByTestId('dues-missing-bases').textContent(), WAIT).toContain(`有 ${summary.missing} 名党员尚未核定 ${summary.year} 年`);
      await page.getByTestId('dues-missing-bases-link').click();
      await expect.poll(() => new URL(page.url()).searchParams.get('status')).toBe('missing');
      const rows = page.getByTestId('dues-bases').locator('.ant-table-row');
      await expect.poll(() => rows.count(), WAIT).toBe(Math.min(summary.missing, 20));
      expect((await rows.allTextContents()).every((r) => r.includes('未核定'))).toBe(true);
      await screenshot(page, `dues-06-missing-bases-${username}`);
      await page.close();
    }
  });

  it('tells a member with no base that none is set and who sets it, on a phone', async () => {
    // An account for a member without a base, made by the administrator as a unit would.
    const admin = await browser.newPage();
    await signIn(admin, baseUrl, 'admin');
    const org = await browser.newPage();
    await signIn(org, baseUrl, 'org');
    const [missing] = (await apiGet<{ items: { id: number; name: string }[] }>(org, '/api/v1/dues/bases?status=missing&pageSize=1')).items;
    expect(missing).toBeDefined();
    const { status: created } = await apiPost(admin, '/api/v1/users', { username: 'dues.nobase', name: '无基数党员', password: 'Temp@2026x', memberId: missing!.id, roles: [{ role: 'member', orgId: null }] });
    expect(created).toBe(201);
    await admin.close();
    await org.close();

    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true });
    await signInOnPhone(page, baseUrl, 'dues.nobase', 'Temp@2026x');
    const { status: changed } = await apiPost(page, '/api/v1/auth/password', { currentPassword: 'Temp@2026x', newPassword: 'Nobase@2026x' });
    expect(changed).toBe(200);
    await page.goto(`${baseUrl}/dues/my`);
    await page.getByTestId('my-dues-no-base').waitFor();
    const text = await page.getByTestId('my-dues').textContent();
    expect(text).toContain('尚未核定');
    expect(text).toContain('支部书记');
    expect(text).not.toContain('党费已全部交清');
    await screenshot(page, 'dues-07-my-dues-no-base-phone');
    await page.close();
  });

  it('shows a member their own dues on a phone', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true });
    await signInOnPhone(page, baseUrl, 'member');
    // The member's home leads to their dues.
    await page.getByTestId('personal-home').getByRole('button', { name: '我的党费' }).click();
    await page.waitForURL(/\/dues\/my$/);
    await expect.poll(() => page.getByTestId('my-dues').textContent(), WAIT).toContain('党费已交到');
    expect(await page.title()).toBe('我的党费 - 红医');
    await screenshot(page, 'dues-05-my-dues-phone');
    await page.close();
  });
});
