import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { apiGet, choose, hasChromium, launch, openContext, pickDate, screenshot, settle, signIn, signInOnPhone } from './browser.js';

const baseUrl = inject('baseUrl');
/** A 1×1 PNG: a piece of evidence. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const WAIT = { timeout: 30_000, interval: 250 };
const TITLE = '急诊分级预检分诊优化';
let browser: Browser;

/** Picks a member in a MemberSelect by typing the name (the same name may have just been picked in another select, whose list may still be closing). */
async function pickMember(page: Page, testId: string, name: string): Promise<void> {
  await choose(page, testId, name, { search: name });
}

/** Presses a lifecycle button on the project page and confirms the dialog (with a conclusion for 验收). */
async function step(page: Page, stage: string, conclusion?: string): Promise<void> {
  await page.getByTestId(`project-to-${stage}`).click();
  const dialog = page.locator('.ant-modal').filter({ has: page.getByTestId('step-ok') });
  await dialog.waitFor(WAIT);
  if (conclusion) await dialog.locator('label', { hasText: conclusion }).first().click();
  await page.getByTestId('step-ok').click();
  await dialog.waitFor({ state: 'hidden', timeout: WAIT.timeout });
}

interface ProjectDetail {
  id: number;
  stage: string;
  conclusion: string | null;
  tasks: Array<{ id: number; title: string; status: string; result: string }>;
  outcomes: Array<{ indicator: string; actual: number | null }>;
}

describe.skipIf(!hasChromium || !baseUrl)('front-line projects journey', () => {
  let projectUrl = '';

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the secretary proposes a project with two tasks owned by members of the branch', { timeout: 240_000 }, async () => {
    const context = await openContext(browser, { width: 1400, height: 900 });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'secretary');
    await page.goto(`${baseUrl}/projects/list`);
    await page.getByTestId('projects').locator('tr.ant-table-row').first().waitFor(WAIT);
    await settle(page);
    await screenshot(page, 'projects-01-branch-list');

    const roster = await apiGet<{ items: Array<{ id: number; name: string }> }>(page, '/api/v1/members?pageSize=5&status=active');
    const [a, b] = roster.items as unknown as [{ name: string }, { name: string }];
    await page.getByTestId('new-project').click();
    await page.waitForURL(/\/projects\/new$/);
    await page.getByTestId('project-title').fill(TITLE);
    await choose(page, 'project-area', '医疗服务');
    await pickMember(page, 'project-lead', a.name);
    await page.getByTestId('project-goal').fill('落实急诊预检分诊标准，危重患者分诊至接诊时间缩短到 5 分钟以内。');
    for (const [i, [title, owner, due]] of ([
      ['修订急诊预检分诊标准', a.name, '2026-12-10'],
      ['分诊护士培训与考核', b.name, '2026-12-20'],
    ] as const).entries()) {
      await page.getByTestId('add-task').click();
      await page.getByTestId(`task-title-${i}`).fill(title);
      await pickMember(page, `task-owner-${i}`, owner);
      await pickDate(page, page.getByTestId(`task-due-${i}`), due);
    }
    await page.getByTestId('add-outcome').click();
    await page.getByTestId('outcome-indicator-0').fill('危重患者分诊至接诊时间');
    await choose(page, 'outcome-better-0', '越低越好');
    await page.getByTestId('outcome-target-0').fill('5');
    await screenshot(page, 'projects-02-form');
    await page.getByTestId('project-save').click();
    await page.waitForURL(/\/projects\/\d+$/, WAIT).catch(async (error: unknown) => {
      await screenshot(page, 'projects-02-form-not-saved');
      throw error;
    });
    projectUrl = page.url();
    await page.getByTestId('project-page').waitFor();
    expect(await page.getByTestId('project-stage').first().textContent()).toBe('申报中');
    await expect.poll(() => page.getByTestId('project-tasks').locator('.ant-list-item').count(), WAIT).toBe(2);
    // A branch never approves its own project: no 立项 button for the secretary.
    expect(await page.getByTestId('project-to-approved').count()).toBe(0);
    await context.close();
  });

  it('the 党委 approves it (立项)', { timeout: 120_000 }, async () => {
    const context = await openContext(browser, { width: 1400, height: 900 });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'org');
    await page.goto(projectUrl);
    await page.getByTestId('project-page').waitFor();
    await step(page, 'approved');
    await expect.poll(() => page.getByTestId('project-stage').first().textContent(), WAIT).toBe('已立项');
    await context.close();
  });

  it('the secretary records a task result and an outcome figure', { timeout: 180_000 }, async () => {
    const context = await openContext(browser, { width: 1400, height: 900 });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'secretary');
    await page.goto(projectUrl);
    await page.getByTestId('project-page').waitFor();
    const id = Number(projectUrl.split('/').pop());
    const before = await apiGet<ProjectDetail>(page, `/api/v1/projects/${id}`);
    const first = before.tasks.find((x) => x.title === '修订急诊预检分诊标准')!;
    await page.getByTestId(`task-record-${first.id}`).click();
    const dialog = page.locator('.ant-modal').filter({ has: page.getByTestId('task-ok') });
    await dialog.waitFor(WAIT);
    await dialog.locator('label', { hasText: '已完成' }).first().click();
    await page.getByTestId('task-result-input').fill('新版分诊标准已印发，全科室执行');
    await page.getByTestId('task-ok').click();
    await dialog.waitFor({ state: 'hidden', timeout: WAIT.timeout });
    await expect.poll(() => page.getByTestId(`task-${first.id}`).textContent(), WAIT).toContain('新版分诊标准已印发');

    await page.getByTestId('outcomes-edit').click();
    await page.getByTestId('outcome-actual-0').fill('4');
    await page.getByTestId('outcomes-ok').click();
    await expect.poll(async () => (await apiGet<ProjectDetail>(page, `/api/v1/projects/${id}`)).outcomes[0]?.actual, WAIT).toBe(4);

    // Evidence uploaded in error is withdrawn with its reason and stays listed, struck through.
    await page.getByTestId('project-page').locator('input[type=file]').last().setInputFiles({ name: '培训签到表.png', mimeType: 'image/png', buffer: PNG });
    const uploaded = async () => (await apiGet<{ evidence: Array<{ id: number; name: string; withdrawn: boolean }> }>(page, `/api/v1/projects/${id}`)).evidence.find((f) => f.name === '培训签到表.png');
    await expect.poll(async () => (await uploaded())?.withdrawn, WAIT).toBe(false);
    const file = (await uploaded())!;
    await page.getByTestId(`project-file-withdraw-${file.id}`).click();
    await page.getByTestId('project-file-withdraw-reason').fill('传错了，换成盖章版');
    await page.locator('.ant-modal-confirm .ant-btn-dangerous').click();
    await expect.poll(async () => (await uploaded())?.withdrawn, WAIT).toBe(true);
    await page.getByTestId('project-file-uploads').getByText('传错了，换成盖章版').waitFor(WAIT);
    await settle(page);
    await screenshot(page, 'projects-03-running');
    await context.close();
  });

  it('the 党委 records the mid-term check and accepts it with 优秀; the list shows it; the report downloads', { timeout: 240_000 }, async () => {
    const context = await openContext(browser, { width: 1400, height: 900 });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'org');
    await page.goto(projectUrl);
    await page.getByTestId('project-page').waitFor();
    await step(page, 'midterm');
    await expect.poll(() => page.getByTestId('project-stage').first().textContent(), WAIT).toBe('已中期检查');
    await step(page, 'accepted', '优秀');
    await expect.poll(() => page.getByTestId('project-conclusion').first().textContent(), WAIT).toBe('优秀');
    // The time to be seen is a lower-is-better indicator: 4 minutes against at most 5 reaches it.
    expect(await page.getByTestId('project-outcomes').textContent()).toContain('达标');
    expect(await page.getByTestId('project-outcomes').textContent()).not.toContain('未达标');
    // Each task's state reads in the interface's language.
    expect(await page.getByTestId('task-state').allTextContents()).toEqual(['已完成', '进行中']);
    await settle(page);
    await screenshot(page, 'projects-04-accepted');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('project-report').click()]);
    expect(download.suggestedFilename()).toBe(`一线项目报告-${TITLE}.docx`);
    const chunks: Buffer[] = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).subarray(0, 2).toString()).toBe('PK');

    await page.goto(`${baseUrl}/projects/list?year=2026`);
    const row = page.getByTestId('projects').locator('tr.ant-table-row', { hasText: TITLE });
    await row.waitFor(WAIT);
    expect(await row.textContent()).toContain('优秀');
    expect(await row.textContent()).toContain('1/2');
    expect(await page.getByTestId('projects').locator('tr.ant-table-row').count()).toBeGreaterThanOrEqual(18);
    await settle(page);
    await screenshot(page, 'projects-05-committee-list');

    // The server pages the list: ten a page, the summary line still counts the whole year.
    const total = await page.getByTestId('projects').locator('tr.ant-table-row').count();
    await page.goto(`${baseUrl}/projects/list?year=2026&pageSize=10`);
    const rows = page.getByTestId('projects').locator('tr.ant-table-row');
    await rows.first().waitFor(WAIT);
    await expect.poll(() => rows.count(), WAIT).toBe(10);
    await expect.poll(async () => await page.getByTestId('projects-summary').textContent(), WAIT).toContain(`共 ${total} 个项目`);
    await page.locator('.ant-pagination-item-2').click();
    await page.waitForURL(/page=2/);
    await expect.poll(() => rows.count(), WAIT).toBe(Math.min(10, total - 10));
    await expect.poll(async () => await page.getByTestId('projects-summary').textContent(), WAIT).toContain(`共 ${total} 个项目`);
    await settle(page);
    await screenshot(page, 'projects-05b-committee-list-page-2');
    await context.close();
  });

  it('a member sees the projects they own a task of, on a phone', { timeout: 120_000 }, async () => {
    const context = await openContext(browser, { width: 390, height: 844, mobile: true });
    const page = await context.newPage();
    await signInOnPhone(page, baseUrl, 'member');
    await page.goto(`${baseUrl}/projects/list`);
    await page.getByTestId('projects').locator('tr.ant-table-row').first().waitFor(WAIT);
    await settle(page);
    await screenshot(page, 'projects-06-member-phone');
    await page.getByTestId('projects').locator('tr.ant-table-row a').first().click();
    await page.getByTestId('project-page').waitFor(WAIT);
    expect(await page.getByTestId('project-edit').count()).toBe(0);
    await settle(page);
    await screenshot(page, 'projects-07-member-project-phone');
    await context.close();
  });
});
