import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { apiGet, ARTIFACTS, choose, chooseInCascader, hasChromium, launch, openContext, openFromMenu, screenshot, settle, signIn } from './browser.js';

const baseUrl = inject('baseUrl');
const WAIT = { timeout: 30_000, interval: 250 };
const BRANCH = '急诊科全科医学科党支部';
const SELF = '本年度支部坚持“三会一课”，开展急救知识进社区等志愿服务，发展党员按程序推进。';
let browser: Browser;

describe.skipIf(!hasChromium || !baseUrl)('yearly assessment (述职评议考核) journey', () => {
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the secretary sees the branch’s figures from the records, writes the self-assessment and submits; the drawer fits a phone', { timeout: 180_000 }, async () => {
    const context = await openContext(browser, { width: 1400, height: 900 });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'secretary');
    await openFromMenu(page, ['述职评议考核'], /\/assessment$/);
    const sheets = page.getByTestId('sheets');
    await sheets.waitFor(WAIT);
    // Only the own branch's sheet.
    expect(await sheets.locator('tr.ant-table-row').count()).toBe(1);
    expect(await sheets.textContent()).toContain(BRANCH);
    await sheets.getByTestId('open-sheet').click();
    const detail = page.getByTestId('sheet-detail');
    await detail.waitFor(WAIT);
    expect(await page.getByTestId('sheet-items').textContent()).toContain('组织生活开展');
    expect(await page.getByTestId('sheet-items').textContent()).toMatch(/依据记录 \d+ 条/);
    // The records behind a figure: a meeting without a title of its own reads as its kinds.
    const evidence = await page.getByTestId('evidence-tag').allTextContents();
    expect(evidence.length).toBeGreaterThan(0);
    // (A 党员大会 with a 党课 reads as the lecture's title.)
    expect(evidence.some((e) => /支部党员大会|支部委员会会议|党小组会|主题党日/.test(e))).toBe(true);
    expect(evidence.filter((e) => /—\s*$/.test(e))).toEqual([]);
    await page.getByTestId('self-text').fill(SELF);
    await page.getByTestId('self-submit').click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定/ }).click();
    await page.getByTestId('self-readonly').waitFor(WAIT);
    expect(await page.getByTestId('self-readonly').textContent()).toContain('三会一课');
    expect(await detail.textContent()).toContain('已提交');
    await settle(page);
    await screenshot(page, 'assessment-01-secretary-submitted');
    await context.close();

    const phone = await openContext(browser, { width: 1280, height: 844 });
    const p = await phone.newPage();
    await signIn(p, baseUrl, 'secretary');
    await p.setViewportSize({ width: 390, height: 844 });
    await p.goto(`${baseUrl}/assessment`);
    await p.getByTestId('open-sheet').first().waitFor(WAIT);
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390.5);
    await p.getByTestId('open-sheet').first().click();
    await p.getByTestId('sheet-detail').waitFor(WAIT);
    await settle(p);
    // The drawer has slid in to the left edge (the picture shows it in place), no wider than the phone.
    await expect.poll(async () => (await p.locator('.ant-drawer-content-wrapper').boundingBox())?.x ?? 999, WAIT).toBeLessThanOrEqual(0.5);
    const box = await p.locator('.ant-drawer-content-wrapper').boundingBox();
    expect(box!.width).toBeLessThanOrEqual(390.5);
    const overflow = await p.getByTestId('sheet-detail').evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await screenshot(p, 'assessment-02-phone-drawer');
    await phone.close();
  });

  it('the office drafts a scheme, adding a work-system indicator through the picker (name and unit prefilled, not the 党委’s total target); the editor fits a phone', { timeout: 180_000 }, async () => {
    const context = await openContext(browser, { width: 1400, height: 900 });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'org');
    await page.goto(`${baseUrl}/assessment`);
    await page.getByTestId('new-scheme').click();
    const modal = page.locator('.ant-modal').filter({ has: page.getByTestId('weights-total') });
    await modal.waitFor(WAIT);
    await page.getByTestId('scheme-title').fill('党支部标准化规范化建设专项考核');
    await page.getByTestId('item-name-0').fill('党委综合评价');
    await page.getByTestId('add-item').click();
    await choose(page, 'item-kind-1', '工作体系指标');
    await chooseInCascader(page, 'item-indicator-1', ['四急四聚焦', '服务型支部', '受益群众']);
    await expect.poll(() => page.getByTestId('item-name-1').inputValue(), WAIT).toBe('受益群众');
    expect(await page.getByTestId('item-unit-1').inputValue()).toBe('人次');
    expect(await page.getByTestId('item-key-1').inputValue()).toBe('beneficiaries');
    // The adoption's target is the 党委's over all its branches: not prefilled as a branch's, and the page says so.
    expect(await page.getByTestId('item-target-1').inputValue()).toBe('');
    await expect.poll(() => page.locator('.ant-message').textContent(), WAIT).toContain('多个支部合计的目标，未带入');
    await page.getByTestId('item-target-1').fill('800');
    await page.getByTestId('item-weight').nth(1).fill('40');
    // Weights of 140 and a code twice: the server's errors name what is wrong, the code's on its field.
    await page.getByTestId('item-key-0').fill('beneficiaries');
    await page.locator('#scheme-save').click();
    await expect.poll(async () => (await page.getByTestId('scheme-problem').textContent()) ?? '', WAIT).toMatch(/100|beneficiaries/);
    const keyItem = page.locator('.ant-form-item').filter({ has: page.getByTestId('item-key-1') });
    await expect.poll(async () => (await keyItem.locator('.ant-form-item-explain-error').allTextContents()).join(' '), WAIT).toContain('beneficiaries');
    await page.getByTestId('item-key-0').fill('evaluation');
    await page.getByTestId('item-weight').nth(0).fill('60');
    await settle(page);
    await screenshot(page, 'assessment-00-scheme-editor');
    await page.locator('#scheme-save').click();
    await modal.waitFor({ state: 'hidden', timeout: WAIT.timeout });
    const schemes = await apiGet<{ items: Array<{ title: string; status: string; items: Array<{ kind: string; adoptionId?: number; indicatorKey?: string; name: string; unit: string; target: number | null; weight: number }> }> }>(page, '/api/v1/assessment/schemes');
    const saved = schemes.items.find((x) => x.title === '党支部标准化规范化建设专项考核');
    expect(saved?.status).toBe('draft');
    expect(saved?.items[1]).toMatchObject({ kind: 'indicator', indicatorKey: 'beneficiaries', name: '受益群众', unit: '人次', target: 800, weight: 40 });
    expect(saved?.items[1]?.adoptionId).toBeGreaterThan(0);
    await context.close();

    // On a phone the editor's fields take the width, nothing overflows.
    const phone = await openContext(browser, { width: 1280, height: 844 });
    const p = await phone.newPage();
    await signIn(p, baseUrl, 'org');
    await p.setViewportSize({ width: 390, height: 844 });
    await p.goto(`${baseUrl}/assessment`);
    await p.getByTestId('new-scheme').click();
    await p.getByTestId('add-item').click();
    await choose(p, 'item-kind-1', '工作体系指标');
    await chooseInCascader(p, 'item-indicator-1', ['四急四聚焦', '服务型支部', '受益群众']);
    // The picker's three lists, open on the chosen path, stay on the screen.
    await p.getByTestId('item-indicator-1').click();
    const popup = p.locator('.ant-cascader-dropdown:visible');
    await popup.waitFor(WAIT);
    await settle(p);
    const popupBox = await popup.boundingBox();
    expect(popupBox!.x).toBeGreaterThanOrEqual(0);
    expect(popupBox!.x + popupBox!.width).toBeLessThanOrEqual(390.5);
    await p.screenshot({ path: `${ARTIFACTS}/assessment-00-phone-indicator-picker.png` });
    await p.keyboard.press('Escape');
    await popup.waitFor({ state: 'hidden', timeout: WAIT.timeout });
    await p.getByTestId('add-item').click();
    await choose(p, 'item-kind-2', '按记录计算');
    await choose(p, 'item-source-2', '服务活动');
    await choose(p, 'item-aggregate-2', '求和');
    await choose(p, 'item-field-2', '服务人次');
    await settle(p);
    const box = await p.locator('.ant-modal').boundingBox();
    expect(box!.width).toBeLessThanOrEqual(390.5);
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390.5);
    await screenshot(p, 'assessment-00-phone-scheme-editor');
    await phone.close();
  });

  it('the office grades the submitted sheet (suggested grade shown) and downloads the summary', { timeout: 180_000 }, async () => {
    const context = await openContext(browser, { width: 1400, height: 900 });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'org');
    await page.goto(`${baseUrl}/assessment`);
    const sheets = page.getByTestId('sheets');
    await sheets.waitFor(WAIT);
    expect(await sheets.locator('tr.ant-table-row').count()).toBeGreaterThan(3);
    // Not yet scored by the 党委: the total is the automatic items' (marked partial) and no grade is suggested.
    expect(await sheets.textContent()).toContain('（部分）');
    expect(await sheets.textContent()).toContain('待党委评分');
    await sheets.locator('tr.ant-table-row').filter({ hasText: BRANCH }).getByTestId('open-sheet').click();
    await page.getByTestId('sheet-detail').waitFor(WAIT);
    expect(await page.getByTestId('sheet-detail').textContent()).toContain('待党委评分');
    expect(await page.getByTestId('sheet-detail').textContent()).toContain('自动评分项目得分');
    await page.getByTestId('grade-open').click();
    const modal = page.locator('.ant-modal').filter({ has: page.getByTestId('grade-suggested') });
    await modal.waitFor(WAIT);
    await page.getByTestId('score-leadership').fill('18');
    await page.getByTestId('score-evaluation').fill('17');
    await expect.poll(() => page.getByTestId('grade-suggested').textContent(), WAIT).toMatch(/建议等次“(好|较好|一般|差)”/);
    await settle(page);
    await screenshot(page, 'assessment-03-grade-modal');
    await page.locator('#grade-save').click();
    await modal.waitFor({ state: 'hidden', timeout: WAIT.timeout });
    await page.getByTestId('sheet-grade').waitFor(WAIT);
    const grade = (await page.getByTestId('sheet-grade').textContent())!.trim();
    expect(['好', '较好', '一般', '差']).toContain(grade);
    await page.locator('.ant-drawer-close').click();
    await settle(page);
    await screenshot(page, 'assessment-04-office-sheets');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('summary').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const chunks: Buffer[] = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    const rows: string[] = [];
    book.worksheets[0]!.eachRow((r) => rows.push((r.values as unknown[]).slice(1).join('|')));
    expect(rows.some((r) => r.includes(BRANCH) && r.includes('已评定') && r.includes('全部项目') && r.includes(grade))).toBe(true);
    // The others wait for the 党委, as the page says.
    expect(rows.some((r) => !r.includes(BRANCH) && r.includes('待党委评分') && r.includes('自动评分项目（部分总分）'))).toBe(true);
    await context.close();
  });
});
