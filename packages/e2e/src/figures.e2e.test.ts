import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { apiGet, hasChromium, launch, openContext, openFromMenu, screenshot, settle, signIn } from './browser.js';

const baseUrl = inject('baseUrl');
const WAIT = { timeout: 30_000, interval: 250 };
let browser: Browser;

async function bytesOf(download: { createReadStream(): Promise<NodeJS.ReadableStream> }): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The template with the 急诊科 row filled: 门急诊人次 and 四级手术占比 as given. */
async function filled(template: Buffer, grade4: number): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(template as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  const headings = Array.from(sheet.getRow(2).values as unknown[], (v) => String(v ?? ''));
  const col = (prefix: string) => headings.findIndex((h) => h.startsWith(prefix));
  let row = 3;
  while (sheet.getRow(row).getCell(1).value !== '急诊科') row++;
  sheet.getRow(row).getCell(col('门急诊人次')).value = 9100;
  sheet.getRow(row).getCell(col('四级手术占比')).value = grade4;
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function choose(page: Page, buffer: Buffer) {
  await page.locator('input[type=file]').first().setInputFiles({ name: '十月业务指标.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
}

describe.skipIf(!hasChromium || !baseUrl)('党建与业务 (business figures) journey', () => {
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the office downloads the template, uploads it with one wrong value, reads the row error, fixes it and imports', { timeout: 180_000 }, async () => {
    const context = await openContext(browser, { width: 1400, height: 900 });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'org');
    await openFromMenu(page, ['党建与业务'], /\/figures$/);
    await page.getByRole('tab', { name: '导入数据' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('figures-template').click()]);
    const template = await bytesOf(download);

    await choose(page, await filled(template, 120));
    const problem = page.getByTestId('figures-problem');
    await problem.waitFor(WAIT);
    expect(await problem.textContent()).toMatch(/第 \d+ 行“四级手术占比\(%\)”：百分比 120 超出 0–100 的范围/);
    expect(await page.getByTestId('figures-commit').isDisabled()).toBe(true);
    await settle(page);
    await screenshot(page, 'figures-01-row-error');

    await choose(page, await filled(template, 28.5));
    const ready = page.getByTestId('figures-ready');
    await ready.waitFor(WAIT);
    expect(await ready.textContent()).toContain('可导入 2 项数据');
    await settle(page);
    await screenshot(page, 'figures-02-preview');
    await page.getByTestId('figures-commit').click();
    await page.getByTestId('figures-done').waitFor(WAIT);
    const values = await apiGet<{ figures: { id: number; code: string }[]; departments: { id: number; name: string }[]; items: { departmentId: number; figureId: number; month: string; value: number }[] }>(page, '/api/v1/figures/values?year=2026');
    const er = values.departments.find((d) => d.name === '急诊科')!.id;
    const grade4 = values.figures.find((f) => f.code === 'grade4')!.id;
    expect(values.items.find((v) => v.departmentId === er && v.figureId === grade4 && v.month === '2026-10')?.value).toBe(28.5);

    await page.getByRole('tab', { name: '指标目录' }).click();
    await page.getByText('危重症抢救例数').waitFor(WAIT);
    await screenshot(page, 'figures-03-catalogue');
    await context.close();
  });

  it('a secretary opens 党建与业务 for their branch and sees both charts, on a desk and on a phone', { timeout: 180_000 }, async () => {
    const context = await openContext(browser, { width: 1400, height: 900 });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'secretary');
    await page.goto(`${baseUrl}/figures`);
    const business = page.getByTestId('figures-business');
    const activity = page.getByTestId('figures-activity');
    await business.locator('canvas').waitFor(WAIT);
    await activity.locator('canvas').waitFor(WAIT);
    expect(await page.getByTestId('figures-branch').textContent()).toContain('急诊科全科医学科党支部');
    expect(await business.textContent()).toContain('急诊科');
    expect(await page.getByTestId('figures-note').textContent()).toContain('并不表示因果关系');
    expect(await page.getByRole('tab', { name: '导入数据' }).count()).toBe(0);
    await settle(page);
    await screenshot(page, 'figures-04-branch');
    await page.setViewportSize({ width: 390, height: 844 });
    await settle(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'figures-05-phone');
    await context.close();
  });
});
