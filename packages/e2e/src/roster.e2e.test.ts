import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { idNumberCheckChar } from '../../core/src/idNumber.js';
import { hasChromium, launch, pickDate, screenshot, signIn, signInOnPhone } from './browser.js';

const baseUrl = inject('baseUrl');
let browser: Browser;

const BRANCH = '急诊科全科医学科党支部';

function idFor(birth: string, n: number): string {
  const first17 = `110101${birth.replace(/-/g, '')}${String(n).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

/** The same ID with a wrong check digit (GB 11643): what a typo in the last character gives. */
function wrongCheckDigit(id: string): string {
  return id.slice(0, 17) + (id.endsWith('0') ? '1' : '0');
}

const PEOPLE = [
  { name: '滕子骞', id: idFor('1988-04-12', 17), joined: '2012.07', full: '2013年7月1日', education: '硕士', phone: '13911110001', ethnicity: '回' },
  { name: '阮书瑶', id: idFor('1991-09-30', 24), joined: '2015-06-30', full: '2016-06-30', education: '博士研究生', phone: '13911110002', ethnicity: '汉' },
  { name: '蒯明远', id: idFor('1979-01-05', 33), joined: '2001年7月', full: '2002.07', education: '本科', phone: '13911110003', ethnicity: '汉族' },
];

/** A roster as an office keeps it: a merged title row, a note row, headings in its own words and order, short ethnic names, and a footer under a blank row. */
async function rosterXlsx(broken: boolean): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('花名册');
  const headers = ['序号', '党员姓名', '身份证号码', '所在支部', '党员类别', '入党时间', '转正时间', '最高学历', '手机号码', '民族'];
  sheet.addRow([`${BRANCH}党员花名册（2026年11月）`]);
  sheet.mergeCells(1, 1, 1, headers.length);
  sheet.addRow(['填报单位：急诊科', '', '', '', '', '', '填报日期：2026.11.20']);
  sheet.mergeCells(2, 1, 2, 3);
  sheet.addRow(headers);
  PEOPLE.forEach((p, i) => {
    const id = broken && i === 0 ? wrongCheckDigit(p.id) : p.id;
    const joined = broken && i === 2 ? '2001.13' : p.joined;
    sheet.addRow([i + 1, p.name, id, BRANCH, '正式党员', joined, p.full, p.education, p.phone, p.ethnicity]);
  });
  sheet.addRow([]);
  sheet.addRow(['合计：3人']);
  sheet.addRow(['填表人：王某', '', '', '', '审核人：李某', '', '制表日期：2026年11月20日']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function settle(page: Page): Promise<void> {
  await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached' }).catch(() => undefined);
}

async function choose(page: Page, buffer: Buffer, name: string): Promise<void> {
  await page.locator('input[type=file]').setInputFiles({ name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
}

describe.skipIf(!hasChromium || !baseUrl)('roster and transfer journey', () => {
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('imports a roster with errors → reads them → fixes → imports → finds a member by initials → transfers them out → downloads the letter', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1400, height: 900 }, acceptDownloads: true });
    await signIn(page, baseUrl, 'org');

    // The register, with its filters in the URL.
    await page.goto(`${baseUrl}/members`);
    await expect.poll(() => page.locator('[data-testid=member-table] .ant-table-row').count(), { timeout: 15_000 }).toBeGreaterThan(5);
    await settle(page);
    await screenshot(page, 'roster-01-members');
    // Sorted by name on the server, in roster order (pinyin), and the column says so.
    const nameHeader = page.locator('[data-testid=member-table] th').filter({ hasText: '姓名' }).first();
    expect(await nameHeader.getAttribute('aria-sort')).toBe('ascending');
    await nameHeader.hover();
    await expect.poll(() => page.locator('.ant-tooltip').last().textContent(), { timeout: 5_000 }).toContain('按姓名拼音排序');
    await screenshot(page, 'roster-01-members-name-sort');
    await page.mouse.move(0, 0);
    // The office's account joined before the system: no development file, so no 我的发展档案 in the menu.
    expect(await page.getByTestId('main-menu').textContent()).toContain('党员名册');
    expect(await page.getByTestId('main-menu').textContent()).not.toContain('我的发展档案');

    // 1. A roster with a wrong check digit and an impossible month: nothing can be imported.
    await page.goto(`${baseUrl}/members/import`);
    await choose(page, await rosterXlsx(true), '花名册-有错.xlsx');
    await page.getByTestId('import-has-errors').waitFor();
    const errors = page.getByTestId('import-errors');
    await expect.poll(() => errors.textContent(), { timeout: 15_000 }).toContain('校验位不正确');
    const text = (await errors.textContent()) ?? '';
    expect(text).toContain('不是有效日期');
    expect(text).toContain('2001.13');
    // Each error names its Excel row (header on row 3: the people are rows 4–6) and the file's own heading.
    const rows = await errors.locator('.ant-table-row').allTextContents();
    expect(rows.find((r) => r.includes('校验位'))).toMatch(/^4滕子骞身份证号码/);
    expect(rows.find((r) => r.includes('有效日期'))).toMatch(/^6蒯明远入党时间/);
    expect(await page.getByTestId('import-commit').isDisabled()).toBe(true);
    await screenshot(page, 'roster-02-import-errors');

    // 2. The fixed file: three to add, then committed in one go.
    const fixed = await rosterXlsx(false);
    await choose(page, fixed, '花名册.xlsx');
    await page.getByTestId('import-ready').waitFor();
    expect(await page.getByTestId('import-ready').textContent()).toContain('新增 3 人');
    await screenshot(page, 'roster-03-import-preview');
    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-done').waitFor();
    expect(await page.getByTestId('import-done').textContent()).toContain('新增 3 人');
    await screenshot(page, 'roster-04-import-done');

    // Re-importing the same file finds nothing to change.
    await choose(page, fixed, '花名册.xlsx');
    await page.getByTestId('import-nothing').waitFor();
    expect(await page.getByTestId('import-commit').isDisabled()).toBe(true);

    // 3. Find 滕子骞 by the initials of the name's pinyin.
    await page.goto(`${baseUrl}/members?q=tzq`);
    const table = page.getByTestId('member-table');
    await expect.poll(() => table.locator('.ant-table-row').allTextContents(), { timeout: 15_000 }).toEqual([expect.stringContaining('滕子骞')]);
    expect(page.url()).toContain('q=tzq');
    await screenshot(page, 'roster-05-search-initials');
    await table.getByRole('link', { name: '滕子骞' }).click();
    await page.getByTestId('member-profile-name').waitFor();
    expect(await page.getByTestId('member-profile-tabs').textContent()).toContain('变更记录');
    await expect.poll(() => page.locator('.ant-descriptions').first().textContent(), { timeout: 15_000 }).toContain('硕士研究生');
    // 民族 typed as '回' was stored as the official name.
    expect(await page.locator('.ant-descriptions').first().textContent()).toContain('回族');
    await screenshot(page, 'roster-06-profile');

    // 4. Transfer out and download the three-part letter.
    await page.getByTestId('member-transfer-out').click();
    await page.getByTestId('transfer-to-org-name').fill('中共某市第二人民医院委员会');
    await page.getByTestId('transfer-out-submit').click();
    await page.getByTestId('transfer-letter-download').waitFor();
    expect(await page.locator('.ant-result-title').textContent()).toMatch(/已开具介绍信 \d{4}-\d{3}/);
    await screenshot(page, 'roster-07-transfer-out');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('transfer-letter-download').click()]);
    expect(download.suggestedFilename()).toMatch(/^组织关系介绍信-\d{4}-\d{3}-滕子骞\.docx$/);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    // A docx is a zip: it starts with "PK".
    expect(Buffer.concat(chunks).subarray(0, 2).toString()).toBe('PK');

    // The transfer list shows the letter waiting for its receipt; the profile shows the member as transferred.
    await page.goto(`${baseUrl}/transfers?q=${encodeURIComponent('滕子骞')}`);
    await expect.poll(() => page.getByTestId('transfer-table').locator('.ant-table-row').first().textContent(), { timeout: 15_000 }).toContain('应于');
    await settle(page);
    await screenshot(page, 'roster-08-transfers');

    await page.goto(`${baseUrl}/members/structure`);
    await page.getByTestId('structure-sentence').waitFor();
    expect(await page.getByTestId('structure-sentence').textContent()).toMatch(/共有党员 \d+ 人/);
    await page.waitForTimeout(600);
    await screenshot(page, 'roster-09-structure');
    await page.close();
  });

  it('the member form refuses 入党日期 before the 18th birthday, naming both dates, and offers the 56 official ethnic names', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
    await signIn(page, baseUrl, 'org');
    await page.goto(`${baseUrl}/members`);
    await page.getByRole('button', { name: /新增党员/ }).click();
    const form = page.getByTestId('member-form');
    await form.waitFor();
    await page.getByTestId('member-form-name').fill('童某');
    await page.getByTestId('member-form-idNumber').fill(idFor('2015-03-01', 11));
    await pickDate(page, page.getByTestId('member-form-joinedOn'), '2024-07-01');
    await page.getByTestId('member-form-save').click();
    await expect.poll(() => form.textContent()).toContain('入党日期 2024-07-01 早于年满十八岁之日：出生日期 2015-03-01，最早 2033-03-01 方可入党');
    // 民族 is chosen from the official names; typing the short form finds it.
    await page.getByTestId('member-form-ethnicity').click();
    await page.keyboard.type('维');
    await expect.poll(() => page.locator('.ant-select-dropdown:visible .ant-select-item-option').allTextContents()).toEqual(['维吾尔族']);
    await page.keyboard.press('Enter');
    await screenshot(page, 'roster-10-member-form-under-18');
    await page.close();
  });

  it('fits the register and a profile on a phone', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true });
    await signInOnPhone(page, baseUrl, 'secretary');
    await page.goto(`${baseUrl}/members`);
    await expect.poll(() => page.locator('[data-testid=member-table] .ant-table-row').count(), { timeout: 15_000 }).toBeGreaterThan(3);
    // A branch secretary may not see whole ID numbers.
    expect(await page.locator('[data-testid=member-table] .ant-table-row').first().textContent()).toContain('*');
    await settle(page);
    await screenshot(page, 'roster-10-members-phone');
    await page.locator('[data-testid=member-table] .ant-table-row a').first().click();
    await page.getByTestId('member-profile-name').waitFor();
    await settle(page);
    await screenshot(page, 'roster-11-profile-phone');
    await page.close();
  });
});
