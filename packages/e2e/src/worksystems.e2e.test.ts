import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { ARTIFACTS, choose, hasChromium, launch, openContext, openFromMenu, screenshot, settle, signIn, signInOnPhone } from './browser.js';

const baseUrl = inject('baseUrl');
const WAIT = { timeout: 30_000, interval: 250 };
let browser: Browser;

describe.skipIf(!hasChromium || !baseUrl)('work systems (工作体系) journey', () => {
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the office opens 工作体系 → 四急四聚焦 → the records behind 受益群众 → one service event', { timeout: 180_000 }, async () => {
    const context = await openContext(browser, { width: 1400, height: 900 });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'org');
    await openFromMenu(page, ['工作体系'], /\/worksystems$/);
    const card = page.getByTestId('worksystem-four_emergencies');
    await card.waitFor(WAIT);
    expect(await page.getByTestId('worksystems').locator('.ant-card').count()).toBe(6);
    await settle(page);
    await screenshot(page, 'worksystems-01-list');
    await card.getByRole('link', { name: '四急四聚焦' }).click();
    await page.waitForURL(/\/worksystems\/\d+$/, WAIT);
    const indicator = page.getByTestId('indicator-beneficiaries');
    await indicator.waitFor(WAIT);
    const shownValue = (await page.getByTestId('value-beneficiaries').textContent()) ?? '';
    await settle(page);
    await screenshot(page, 'worksystems-02-framework');
    await page.getByTestId('value-beneficiaries').click();
    const records = page.getByTestId('drill-record');
    await records.first().waitFor(WAIT);
    expect(await records.count()).toBeGreaterThan(0);
    // The drawer's title carries the same value the page showed.
    const figure = shownValue.split('/')[0]!.trim();
    expect(await page.locator('.ant-drawer-title').textContent()).toContain(figure);
    // The drawer lists one page of the records at a time; the intro counts them all.
    const drawer = page.getByTestId('drill-drawer');
    const count = Number(/的 ([\d,]+) 条记录/.exec((await drawer.locator('.ant-typography').first().textContent()) ?? '')?.[1]?.replace(/,/g, ''));
    expect(count).toBeGreaterThan(0);
    if (count > 20) {
      expect(await records.count()).toBe(20);
      const firstTitle = await records.first().textContent();
      await drawer.locator('.ant-pagination-item-2').click();
      await expect.poll(() => records.first().textContent(), WAIT).not.toBe(firstTitle);
      expect(await records.count()).toBe(Math.min(20, count - 20));
      await drawer.locator('.ant-pagination-item-1').click();
      await expect.poll(() => records.first().textContent(), WAIT).toBe(firstTitle);
    } else {
      expect(await records.count()).toBe(count);
    }
    await settle(page);
    await screenshot(page, 'worksystems-03-drilldown');
    await records.first().getByRole('link').click();
    await page.waitForURL(/\/service\/events\/\d+$/, WAIT);
    await settle(page);
    await screenshot(page, 'worksystems-04-record');
    await context.close();
  });

  it('the office copies 五个在一线, publishes it, adopts it for one branch with a target, and enters a manual value with evidence', { timeout: 240_000 }, async () => {
    const context = await openContext(browser, { width: 1400, height: 900 });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'org');
    await page.goto(`${baseUrl}/worksystems`);
    await page.getByTestId('copy-template').click();
    await choose(page, 'template-select', '五个在一线');
    await page.getByTestId('copy-name').fill('五个在一线（急诊试点）');
    await page.getByRole('dialog').getByRole('button', { name: /复\s*制/ }).click();
    await page.waitForURL(/\/worksystems\/\d+$/, WAIT);
    // A draft only: publish it from the definition tab (its help panel lists core's sources).
    await page.getByRole('tab', { name: '体系定义' }).click();
    await page.getByTestId('definition-help').click();
    await page.getByTestId('definition-help').getByText('orglife', { exact: true }).first().waitFor(WAIT);
    await settle(page);
    await screenshot(page, 'worksystems-06-definition-help');
    await page.getByTestId('publish').click();
    await page.getByText('已发布第 1 版', { exact: false }).first().waitFor(WAIT);
    await page.getByRole('tab', { name: '年度进度' }).click();
    await page.getByTestId('adopt').click();
    await page.getByTestId('adopt-branches').waitFor(WAIT);
    await choose(page, 'adopt-branches');
    await page.getByTestId('adopt-target-integrity_education').fill('4');
    await settle(page);
    await screenshot(page, 'worksystems-07-adopt');
    await page.getByRole('dialog').getByRole('button', { name: /保\s*存/ }).click();
    await page.getByTestId('indicator-integrity_education').waitFor(WAIT);
    // 填报 the manual indicator for the branch.
    await page.getByTestId('enter-integrity_education').click();
    await page.getByTestId('manual-value').waitFor(WAIT);
    await page.getByTestId('manual-value').fill('2');
    await page.getByTestId('manual-evidence').fill('开展廉洁教育专题党课、参观廉政教育基地');
    await page.getByTestId('manual-link').fill('https://example.org/lianjie');
    await settle(page);
    await screenshot(page, 'worksystems-08-manual');
    await page.getByRole('dialog').getByRole('button', { name: /保\s*存/ }).click();
    // A new value stays open: its evidence files can be attached now (optional); the office closes it.
    await page.getByTestId('manual-files-upload').waitFor(WAIT);
    await page.getByTestId('manual-close').click();
    await page.getByTestId('manual-value').waitFor({ state: 'hidden', timeout: 30_000 });
    await expect.poll(async () => (await page.getByTestId('value-integrity_education').textContent()) ?? '', WAIT).toContain('2');
    await expect.poll(async () => (await page.getByTestId('value-integrity_education').textContent()) ?? '', WAIT).toContain('4');
    await context.close();
  });

  it('a branch secretary enters 廉洁教育 for the branch, attaches the sign-in sheet (an HTML page refused) and sees it listed; on a phone too', { timeout: 240_000 }, async () => {
    const ER = '急诊科全科医学科党支部';
    const openFrontLine = async (page: Page) => {
      await page.goto(`${baseUrl}/worksystems`);
      // The built-in 五个在一线, not the office's copy of it made earlier in this journey.
      const card = page.getByTestId('worksystem-front_line').filter({ has: page.getByRole('link', { name: '五个在一线', exact: true }) });
      await card.waitFor(WAIT);
      await card.getByRole('link', { name: '五个在一线', exact: true }).click();
      await page.getByTestId('indicator-integrity_education').waitFor(WAIT);
    };
    const context = await openContext(browser, { width: 1400, height: 900 });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'secretary');
    await openFrontLine(page);
    await page.getByTestId('enter-integrity_education').click();
    await page.getByTestId('manual-value').waitFor(WAIT);
    await choose(page, 'manual-org', ER);
    await page.getByTestId('manual-value').fill('5');
    await page.getByTestId('manual-evidence').fill('警示教育片、廉政教育基地、“五廉”专题党课、廉洁从医承诺、家风座谈');
    await page.getByRole('dialog').getByRole('button', { name: /保\s*存/ }).click();
    // A new value stays open for its evidence; a value the demo had already entered closes: open it again.
    const upload = page.getByTestId('manual-files-upload');
    await expect.poll(async () => (await upload.isVisible()) || (await page.getByTestId('manual-value').count()) === 0, WAIT).toBe(true);
    if (!(await upload.isVisible())) {
      await page.getByTestId('enter-integrity_education').click();
      await choose(page, 'manual-org', ER);
      await upload.waitFor(WAIT);
    }
    const refused = page.waitForEvent('filechooser');
    await upload.click();
    await (await refused).setFiles({ name: '签到表.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<html><script>alert(1)</script></html>', 'utf8') });
    await expect.poll(() => page.getByTestId('manual-files-upload-error').textContent(), WAIT).toContain('PDF、JPG、PNG');
    const chooser = page.waitForEvent('filechooser');
    await upload.click();
    await (await chooser).setFiles({ name: '廉洁教育签到表.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% 廉洁教育签到表\n%%EOF\n', 'utf8') });
    const uploads = page.getByTestId('manual-files-uploads');
    await expect.poll(() => uploads.textContent(), WAIT).toContain('廉洁教育签到表.pdf');
    await settle(page);
    await screenshot(page, 'worksystems-13-secretary-evidence');
    await page.getByTestId('manual-close').click();
    await page.getByTestId('manual-value').waitFor({ state: 'hidden', timeout: 30_000 });
    const listed = page.getByTestId('manual-values-integrity_education').getByTestId('manual-value-row').filter({ hasText: ER });
    await expect.poll(() => listed.getByTestId('manual-file').allTextContents(), WAIT).toContain('廉洁教育签到表.pdf');
    await page.getByTestId('indicator-integrity_education').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'worksystems-14-secretary-listed.png') });
    await context.close();

    // The same on a phone: the value with its file in the list, the dialog with the upload.
    const phone = await openContext(browser, { width: 390, height: 844, mobile: true });
    const small = await phone.newPage();
    // On a phone the menu is a drawer: signed in once the page leaves /login.
    await signInOnPhone(small, baseUrl, 'secretary');
    await openFrontLine(small);
    await settle(small);
    expect(await small.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
    await small.getByTestId('indicator-integrity_education').scrollIntoViewIfNeeded();
    await expect.poll(() => small.getByTestId('manual-values-integrity_education').textContent(), WAIT).toContain('廉洁教育签到表.pdf');
    await small.screenshot({ path: join(ARTIFACTS, 'worksystems-15-secretary-phone-listed.png') });
    await small.getByTestId('enter-integrity_education').click();
    await choose(small, 'manual-org', ER);
    await expect.poll(() => small.getByTestId('manual-files-uploads').textContent(), WAIT).toContain('廉洁教育签到表.pdf');
    await screenshot(small, 'worksystems-16-secretary-phone-dialog');
    await phone.close();
  });

  it('the 党委 overview → a framework → one branch → one indicator → one record', { timeout: 180_000 }, async () => {
    const context = await openContext(browser, { width: 1400, height: 900 });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'org');
    const frameworks = page.getByTestId('overview-frameworks');
    await frameworks.waitFor(WAIT);
    await settle(page);
    await screenshot(page, 'worksystems-09-overview');
    await frameworks.getByText('四急四聚焦', { exact: true }).first().click();
    await page.waitForURL(/\/worksystems\/\d+$/, WAIT);
    const indicator = page.getByTestId('indicator-beneficiaries');
    await indicator.waitFor(WAIT);
    await indicator.getByRole('button', { name: /各支部/ }).click();
    await indicator.locator('.ant-table-row').first().getByRole('button').click();
    const records = page.getByTestId('drill-record');
    await records.first().waitFor(WAIT);
    await settle(page);
    await screenshot(page, 'worksystems-10-branch-drill');
    await records.first().getByRole('link').click();
    await page.waitForURL(/\/service\/events\/\d+$/, WAIT);
    await context.close();
  });

  it('a hospital leader reads the overview on a phone: aggregate cards without links', { timeout: 180_000 }, async () => {
    const context = await openContext(browser, { width: 390, height: 844, mobile: true });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/login`);
    await page.getByTestId('login-username').fill('leader');
    await page.getByTestId('login-password').fill('Demo@2026');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('overview-year').waitFor(WAIT);
    await page.getByTestId('card-compliance').waitFor(WAIT);
    await page.getByTestId('card-duesRate').waitFor(WAIT);
    await page.getByTestId('overview-frameworks').waitFor(WAIT);
    expect(await page.getByTestId('overview-comparison').count()).toBe(0);
    await settle(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await screenshot(page, 'worksystems-11-leader-phone-overview');
    await page.getByTestId('overview-frameworks').scrollIntoViewIfNeeded();
    await screenshot(page, 'worksystems-12-leader-phone-frameworks');
    await context.close();
  });

  it('a hospital leader reads a framework on a phone', { timeout: 180_000 }, async () => {
    const context = await openContext(browser, { width: 390, height: 844, mobile: true });
    const page = await context.newPage();
    await signInOnPhone(page, baseUrl, 'leader');
    await page.goto(`${baseUrl}/worksystems`);
    // The built-in 五个在一线, not the office's copy of it made earlier in this journey.
    const card = page.getByTestId('worksystem-front_line').filter({ has: page.getByRole('link', { name: '五个在一线', exact: true }) });
    await card.waitFor(WAIT);
    await card.getByRole('link', { name: '五个在一线', exact: true }).click();
    await page.getByTestId('indicator-branches_active').waitFor(WAIT);
    await settle(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await screenshot(page, 'worksystems-05-phone');
    await context.close();
  });
});
