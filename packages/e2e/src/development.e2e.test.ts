import { idNumberCheckChar } from '@hongyi/core';
import ExcelJS from 'exceljs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { ARTIFACTS, apiGet, choose, chooseInTree, hasChromium, launch, openContext, pickDate, screenshot, settle, signIn, signInOnPhone } from './browser.js';

const baseUrl = inject('baseUrl');
/** The demo hospital's date: the server is pinned to it (global-setup), and the web app takes its today from the server. */
const TODAY = '2026-11-23';
const BRANCH = '急诊科全科医学科党支部';
/** A page loads its code and its data first; on a busy machine that takes more than expect.poll's default second. */
const WAIT = { timeout: 20_000, interval: 250 };
let browser: Browser;

interface FileJson {
  id: number;
  name: string;
  lastStep: number;
  status: string;
  progress: { probationEnd: string | null };
}

/** Reads through the signed-in page's session (GET only: no CSRF needed). */
/** Records the next step (or another kind) in the file page's record form and waits for the answer. */
async function record(page: Page, date: string, options: { kind?: string } = {}): Promise<void> {
  const form = page.getByTestId('development-record');
  if (options.kind) await choose(page, 'development-kind', options.kind);
  await pickDate(page, form.getByLabel('日期', { exact: true }), date);
  const answer = page.waitForResponse((r) => r.url().includes('/entries') && r.request().method() === 'POST');
  await form.getByTestId('development-submit').click();
  await answer;
  await settle(page);
}

describe.skipIf(!hasChromium || !baseUrl)('member development journey', () => {
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the board with the funnel, the files, the due list and the settings', async () => {
    const context = await openContext(browser, { width: 1400, height: 900 });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'org');
    await page.goto(`${baseUrl}/development`);
    await page.getByTestId('development-funnel').locator('canvas').waitFor();
    await settle(page);
    await expect.poll(() => page.locator('.ant-table-row').count(), { timeout: 10_000 }).toBeGreaterThan(3);
    // Let the chart finish drawing.
    await page.waitForTimeout(1200);
    await screenshot(page, 'development-01-board');
    await page.goto(`${baseUrl}/development?tab=files`);
    await expect.poll(() => page.getByTestId('development-table').locator('.ant-table-row').count(), { timeout: 10_000 }).toBeGreaterThan(5);
    await settle(page);
    await screenshot(page, 'development-02-files');
    await page.goto(`${baseUrl}/development?tab=due`);
    await expect.poll(() => page.getByTestId('development-due').locator('.ant-table-row').count(), { timeout: 10_000 }).toBeGreaterThan(3);
    expect(await page.getByTestId('development-due').textContent()).toContain('预备期满');
    // The list is paged on the server; the summary counts the whole of it.
    const dueTotal = await apiGet<{ total: number; overdue: number }>(page, '/api/v1/development/due');
    await expect.poll(() => page.getByTestId('development-due-summary').textContent(), { timeout: 10_000 }).toContain(`共 ${dueTotal.total} 项，其中已逾期 ${dueTotal.overdue} 项`);
    await settle(page);
    await page.waitForTimeout(500);
    await screenshot(page, 'development-03-due');
    await page.goto(`${baseUrl}/development?tab=settings`);
    await page.getByTestId('development-settings-save').waitFor();
    await screenshot(page, 'development-04-settings');
    await context.close();
  });

  it('imports an existing pipeline from the template as a form upload: a wrong file is refused, the preview shows it, the import lands', async () => {
    const context = await openContext(browser, { width: 1400, height: 900 });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'org');
    // The template's own heading row, then one applicant of the ER branch with steps 1–3.
    const template = new ExcelJS.Workbook();
    const bytes = await page.evaluate(async () => Array.from(new Uint8Array(await (await fetch('/api/v1/development/import/template')).arrayBuffer())));
    await template.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('发展党员');
    sheet.addRow((template.worksheets[0]!.getRow(1).values as string[]).slice(1));
    const first17 = '11010119990305042';
    sheet.addRow(['导入测试员', first17 + idNumberCheckChar(first17), '急诊科全科医学科党支部', '大学本科', '', '', '', '', '', '', '2025-03-01', '2025-03-20', '2025-09-01']);
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = join(ARTIFACTS, 'development-import.xlsx');
    await book.xlsx.writeFile(file);
    const notExcel = join(ARTIFACTS, 'development-import.txt');
    writeFileSync(notExcel, '姓名,身份证号');

    await page.goto(`${baseUrl}/development?tab=import`);
    const tab = page.getByTestId('development-import');
    await tab.waitFor();
    await tab.locator('input[type=file]').setInputFiles(notExcel);
    await page.getByTestId('development-import-preview').click();
    await expect.poll(() => page.getByTestId('development-import-error').textContent(), WAIT).toContain('.xlsx');
    await tab.locator('input[type=file]').setInputFiles(file);
    await page.getByTestId('development-import-preview').click();
    await expect.poll(() => page.getByTestId('development-import-result').textContent(), WAIT).toMatch(/1/);
    await screenshot(page, 'development-05-import-preview');
    await page.getByTestId('development-import-commit').click();
    await expect.poll(async () => (await apiGet<{ total: number }>(page, `/api/v1/development/files?q=${encodeURIComponent('导入测试员')}`)).total, WAIT).toBe(1);
    await context.close();
  });

  it('opens a file with the application, records the talk, and the one-year rule refuses 发展对象 with its message', async () => {
    const context = await openContext(browser, { width: 1400, height: 900 });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'org');
    await page.goto(`${baseUrl}/development?tab=files`);
    await page.getByTestId('development-new').click();
    const modal = page.getByRole('dialog');
    const first17 = '11010519980312052';
    await modal.getByLabel('姓名', { exact: true }).fill('王晓雨');
    await modal.getByLabel('公民身份号码', { exact: true }).fill(first17 + idNumberCheckChar(first17));
    await chooseInTree(page, 'development-org', BRANCH);
    await pickDate(page, modal.getByLabel('递交入党申请书日期', { exact: true }), '2026-11-10');
    await modal.getByLabel('学历', { exact: true }).fill('大学本科');
    await screenshot(page, 'development-05-new-file');
    await modal.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.waitForURL(/\/development\/files\/\d+$/);
    await page.getByTestId('development-entries').waitFor();
    await settle(page);
    expect(await page.getByTestId('development-entries').textContent()).toContain('递交入党申请书');
    await screenshot(page, 'development-06-file-opened');

    // Step 2 (talk, within a month), 3 (activist), 4, 5 (a mentor), 6 (first written review) — all today.
    await record(page, TODAY);
    await record(page, TODAY);
    await record(page, TODAY);
    await choose(page, 'development-people', undefined, { multiple: true });
    await record(page, TODAY);
    await record(page, TODAY);
    await record(page, TODAY);
    expect(await page.getByTestId('development-entries').locator('.ant-table-row').count()).toBe(6);

    // Step 7 today: less than a year as an activist — refused with the exact message.
    await record(page, TODAY);
    const error = page.getByTestId('development-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('培养教育不满一年：2026-11-23 确定为入党积极分子，最早 2027-11-23 可确定为发展对象');
    await screenshot(page, 'development-07-one-year-refused');

    // Evidence for the application: uploaded beside the generated documents.
    const step1 = page.getByTestId('development-documents');
    await step1.scrollIntoViewIfNeeded();
    // For step 1: the application itself.
    await choose(page, 'development-doc-entry', '1. 递交入党申请书');
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('development-upload').click();
    await (await chooser).setFiles({ name: '入党申请书.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 test') });
    await expect.poll(() => page.getByTestId('development-uploads').textContent(), { timeout: 10_000 }).toContain('入党申请书.pdf');
    expect(await page.getByTestId('development-generated').textContent()).toContain('发展党员档案（Word）');
    // Shown on the entry it supports, too.
    expect(await page.getByTestId('development-entries').locator('.ant-table-row').first().textContent()).toContain('入党申请书.pdf');
    await screenshot(page, 'development-08-documents');
    await context.close();
  });

  it('takes a 预备党员 whose probation has ended through 转正, and refuses one whose probation has not', async () => {
    const context = await openContext(browser, { width: 1400, height: 900 });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'org');
    const list = await apiGet<{ items: FileJson[] }>(page, '/api/v1/development/files?status=probationary&pageSize=200');
    const details = await Promise.all(list.items.map((f) => apiGet<FileJson>(page, `/api/v1/development/files/${f.id}`)));
    const ended = details.find((f) => f.lastStep === 22 && f.progress.probationEnd !== null && f.progress.probationEnd <= TODAY);
    const running = details.find((f) => f.progress.probationEnd !== null && f.progress.probationEnd > TODAY);
    expect(ended, 'a demo 预备党员 whose probation has ended').toBeDefined();
    expect(running, 'a demo 预备党员 still on probation').toBeDefined();

    // Still on probation: the branch meeting on 转正 is refused with the dates.
    await page.goto(`${baseUrl}/development/files/${running!.id}`);
    await page.getByTestId('development-entries').waitFor();
    await settle(page);
    if (running!.lastStep === 21) await record(page, TODAY);
    await record(page, TODAY);
    const error = page.getByTestId('development-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/^预备期未满：预备期自 \d{4}-\d{2}-\d{2} 起，至 \d{4}-\d{2}-\d{2} 期满/);
    expect(await error.textContent()).toContain(running!.progress.probationEnd!);
    await screenshot(page, 'development-09-probation-refused');

    // Probation ended: 23 (branch meeting), 24 (approval), 25 (files archived).
    await page.goto(`${baseUrl}/development/files/${ended!.id}`);
    await page.getByTestId('development-entries').waitFor();
    await settle(page);
    await screenshot(page, 'development-10-before-full');
    for (let i = 0; i < 3; i++) await record(page, TODAY);
    await expect.poll(() => page.locator('.ant-descriptions').textContent(), { timeout: 10_000 }).toContain('正式党员');
    // 正式党员 shows after step 24; the file is complete once step 25 has landed too.
    await expect.poll(() => page.locator('.ant-descriptions').textContent(), { timeout: 10_000 }).toContain('已完成全部步骤');
    // Nothing left to record: the form is gone.
    expect(await page.getByTestId('development-record').count()).toBe(0);
    const after = await apiGet<FileJson & { memberId: number }>(page, `/api/v1/development/files/${ended!.id}`);
    expect(after.status).toBe('full');
    await screenshot(page, 'development-11-full-member');
    // The member record follows: 正式党员.
    const member = await apiGet<{ category: string }>(page, `/api/v1/members/${after.memberId}`);
    expect(member.category).toBe('full');
    await context.close();
  });

  it('lets the administrator see and extend the holiday calendar', async () => {
    const context = await openContext(browser, { width: 1400, height: 900 });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'admin');
    await page.goto(`${baseUrl}/admin/holidays`);
    await expect.poll(() => page.getByTestId('holidays-table').locator('.ant-table-row').count(), { timeout: 10_000 }).toBeGreaterThan(10);
    await screenshot(page, 'development-12-holidays');
    await context.close();
  });

  it('shows a member their own file on a phone', async () => {
    const context = await openContext(browser, { width: 390, height: 844, mobile: true });
    const page = await context.newPage();
    await signInOnPhone(page, baseUrl, 'member');
    await page.goto(`${baseUrl}/development/my`);
    await page.locator('[data-testid="my-development"], [data-testid="my-development-empty"]').first().waitFor();
    await settle(page);
    // Nothing wider than the phone: no sideways scrolling.
    expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(390);
    await screenshot(page, 'development-13-my-phone');
    await context.close();
  });
});
