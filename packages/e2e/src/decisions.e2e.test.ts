import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { apiGet, choose, hasChromium, launch, pickDate, screenshot, settle, signIn } from './browser.js';

const baseUrl = inject('baseUrl');
const WAIT = { timeout: 30_000, interval: 250 };
const TITLE = '关于引进128排螺旋CT设备的议题';
/** A 1×1 PNG: the 承办人's evidence (验收单 photo). */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
let browser: Browser;

/** The first 承办人 the API offers, picked on the task's owner select (`choose` checks the select shows it). */
async function chooseOwner(page: Page, testId: string): Promise<void> {
  const owners = await apiGet<Array<{ id: number; name: string }>>(page, '/api/v1/decisions/task-owners');
  await choose(page, testId, owners[0]!.name);
}

interface Topic {
  id: number;
  stage: string;
  tasks: Array<{ id: number; title: string; state: string }>;
}
interface Dashboard {
  tasks: { closedLate: number; closedOnTime: number };
  byCategory: Array<{ category: string; stages: Record<string, number> }>;
}

describe.skipIf(!hasChromium || !baseUrl)('decisions journey', () => {
  let topicId = 0;
  let before: Dashboard;

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('党办 submits a topic, completes its pre-review, has the 党委会 decide it and splits it into two tasks', { timeout: 300_000 }, async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'dangban');
    before = await apiGet<Dashboard>(page, '/api/v1/decisions/dashboard?year=2026');

    await page.goto(`${baseUrl}/decisions/topics`);
    await page.getByTestId('topics-table').locator('tr.ant-table-row').first().waitFor(WAIT);
    await settle(page);
    await screenshot(page, 'decisions-01-topics');
    await page.getByTestId('topic-new').click();
    await choose(page, 'topic-body', '党委会');
    await page.getByTestId('topic-title').fill(TITLE);
    await choose(page, 'topic-category', '大额资金使用');
    await page.getByTestId('topic-proposer').fill('医学装备处');
    await page.getByTestId('topic-amount').locator('input').or(page.locator('input[data-testid="topic-amount"]')).first().fill('860');
    await page.getByTestId('topic-save').click();
    await page.waitForURL(/\/decisions\/topics\/\d+$/, WAIT).catch(async (e: unknown) => { await screenshot(page, 'decisions-01b-topic-not-saved'); throw e; });
    topicId = Number(page.url().split('/').pop());
    await page.getByTestId('topic-page').waitFor(WAIT);

    // The pre-review checklist: every item done.
    for (let i = 0; i < 6; i++) await page.getByTestId(`prereview-${i}`).check();
    await page.getByTestId('prereview-save').click();
    await page.getByTestId('prereview-complete').waitFor(WAIT);
    await expect.poll(async () => (await apiGet<Topic>(page, `/api/v1/decisions/topics/${topicId}`)).stage, WAIT).toBe('reviewed');

    // A 党委会 meeting today: attendance, the topic on the agenda, the vote.
    await page.goto(`${baseUrl}/decisions/meetings`);
    await page.getByTestId('meeting-new').click();
    await choose(page, 'meeting-body', '党委会');
    await page.getByTestId('meeting-save').click();
    await page.waitForURL(/\/decisions\/meetings\/\d+$/, WAIT).catch(async (e: unknown) => { await screenshot(page, 'decisions-01c-meeting-not-saved'); throw e; });
    await page.getByTestId('meeting-page').waitFor(WAIT);
    await page.getByTestId('attendance-save').click();
    await page.getByText('出席情况（7/7）').waitFor(WAIT);
    await choose(page, 'agenda-pick', TITLE);
    await page.getByTestId('agenda-add').click();
    await page.getByTestId('meeting-agenda').getByText(TITLE).waitFor(WAIT);
    await page.getByTestId('decide-1').click();
    await page.getByTestId('decision-text').fill('同意引进，按政府采购程序实施。');
    await page.getByTestId('decision-save').click();
    await page.getByTestId('meeting-agenda').getByText('通过').waitFor(WAIT);
    await settle(page);
    await screenshot(page, 'decisions-02-meeting');

    // Split into two tasks for the 承办人: one already due (it will close late), one due next month.
    await page.goto(`${baseUrl}/decisions/topics/${topicId}`);
    await page.getByTestId('tasks-split').click();
    await page.getByTestId('task-title-0').fill('完成设备招标采购');
    await chooseOwner(page, 'task-owner-0');
    await pickDate(page, page.getByTestId('task-deadline-0'), '2026-11-20');
    await page.getByTestId('task-add').click();
    await page.getByTestId('task-title-1').fill('完成机房辐射防护改造');
    await page.getByTestId('task-department-1').fill('总务处');
    await chooseOwner(page, 'task-owner-1');
    await page.getByTestId('tasks-save').click();
    await expect.poll(async () => (await apiGet<Topic>(page, `/api/v1/decisions/topics/${topicId}`)).tasks.length, WAIT).toBe(2);
    await context.close();
  });

  it('the 承办人 reports on a phone: one task closes late, the other on time', { timeout: 240_000 }, async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 844 } });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'chengban');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${baseUrl}/decisions/my-tasks`);
    await page.getByTestId('my-tasks').waitFor(WAIT);
    const topic = (await apiGet<Array<{ id: number; title: string; topicId: number }>>(page, '/api/v1/decisions/my-tasks')).filter((x) => x.topicId === topicId);
    expect(topic).toHaveLength(2);
    for (const task of topic) {
      const procurement = task.title === '完成设备招标采购';
      await page.getByTestId(`feedback-progress-${task.id}`).fill(procurement ? '合同已签订，设备到货验收' : '机房改造完成并通过验收');
      await page.getByTestId(`feedback-completes-${task.id}`).check();
      // The procurement closes with its 验收单 attached (optional evidence).
      if (procurement) {
        await page.getByTestId(`my-task-${task.id}`).locator('form input[type=file]').setInputFiles({ name: '设备验收单.png', mimeType: 'image/png', buffer: PNG });
        await page.getByTestId(`feedback-evidence-name-${task.id}`).waitFor(WAIT);
      }
      await page.getByTestId(`feedback-save-${task.id}`).click();
      await expect.poll(async () => (await apiGet<Array<{ id: number; status: string }>>(page, '/api/v1/decisions/my-tasks')).find((x) => x.id === task.id)?.status, WAIT).toBe('closed');
      if (procurement) {
        const files = async () => (await apiGet<Array<{ id: number; feedback: Array<{ files: Array<{ name: string }> }> }>>(page, '/api/v1/decisions/my-tasks')).find((x) => x.id === task.id)?.feedback.flatMap((f) => f.files.map((x) => x.name));
        await expect.poll(files, WAIT).toEqual(['设备验收单.png']);
      }
    }
    await page.getByTestId('my-tasks-closed').getByText('（').first().click();
    await settle(page);
    await screenshot(page, 'decisions-03-my-tasks-phone');
    await context.close();
  });

  it('党办 evaluates the closed topic; the dashboard counts it', { timeout: 240_000 }, async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'dangban');
    const topic = await apiGet<Topic>(page, `/api/v1/decisions/topics/${topicId}`);
    expect(topic.stage).toBe('closed');
    expect(topic.tasks.map((x) => x.state).sort()).toEqual(['closed_late', 'closed_on_time']);
    await page.goto(`${baseUrl}/decisions/topics/${topicId}`);
    // The office sees the 承办人's evidence under the task's feedback.
    await page.getByTestId('topic-tasks').locator('.ant-table-row-expand-icon').first().waitFor(WAIT);
    const collapsed = page.getByTestId('topic-tasks').locator('.ant-table-row-expand-icon-collapsed');
    while ((await collapsed.count()) > 0) await collapsed.first().click();
    await page.getByTestId('topic-tasks').getByText('设备验收单.png').waitFor(WAIT);
    await settle(page);
    await screenshot(page, 'decisions-03b-topic-feedback-evidence');
    await page.getByTestId('evaluation-effect').fill('设备投入使用后，CT检查预约时间由7天缩短至2天');
    await page.getByTestId('evaluation-save').click();
    await expect.poll(async () => (await apiGet<Topic>(page, `/api/v1/decisions/topics/${topicId}`)).stage, WAIT).toBe('evaluated');

    const after = await apiGet<Dashboard>(page, '/api/v1/decisions/dashboard?year=2026');
    expect(after.tasks.closedLate).toBe(before.tasks.closedLate + 1);
    expect(after.tasks.closedOnTime).toBe(before.tasks.closedOnTime + 1);
    expect(after.byCategory.find((c) => c.category === 'large_fund')!.stages.evaluated).toBe(before.byCategory.find((c) => c.category === 'large_fund')!.stages.evaluated! + 1);
    await page.goto(`${baseUrl}/decisions/dashboard`);
    await page.getByTestId('decisions-dashboard').waitFor(WAIT);
    await page.getByTestId('dashboard-overdue').locator('tr.ant-table-row').first().waitFor(WAIT);
    await settle(page);
    await screenshot(page, 'decisions-04-dashboard');
    await context.close();
  });
  it('院办 sets up a 党政联席会议 with its members; the readers see the bodies without the buttons', { timeout: 240_000 }, async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
    await signIn(page, baseUrl, 'yuanban');
    await page.goto(`${baseUrl}/decisions/bodies`);
    const table = page.getByTestId('bodies-table');
    await expect.poll(() => table.textContent(), WAIT).toContain('院长办公会');
    // The demo's 党委会 is the 党办's: 院办 may not edit it.
    const rows = table.locator('tr.ant-table-row');
    expect(await rows.filter({ hasText: '党委会' }).first().getByRole('button').count()).toBe(0);
    await page.getByTestId('body-new').click();
    await choose(page, 'body-kind', '党政联席会议');
    await page.getByTestId('body-name').fill('东院区党政联席会议');
    const modal = page.getByRole('dialog');
    await modal.getByPlaceholder('成员姓名').first().fill('林志华');
    await modal.getByPlaceholder('职务').first().fill('党委书记');
    await page.getByTestId('body-add-member').click();
    await modal.getByPlaceholder('成员姓名').nth(1).fill('陈国栋');
    await modal.getByPlaceholder('职务').nth(1).fill('院长');
    await page.getByTestId('body-save').click();
    const created = rows.filter({ hasText: '东院区党政联席会议' });
    await expect.poll(() => created.count(), WAIT).toBe(1);
    expect(await created.locator('.ant-tag').allTextContents()).toEqual(['林志华（党委书记）', '陈国栋（院长）']);
    await settle(page);
    await screenshot(page, 'decisions-05-bodies');
    await page.close();

    const leader = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
    await signIn(leader, baseUrl, 'leader');
    await leader.goto(`${baseUrl}/decisions/bodies`);
    await expect.poll(() => leader.getByTestId('bodies-table').textContent(), WAIT).toContain('东院区党政联席会议');
    expect(await leader.getByTestId('body-new').count()).toBe(0);
    expect(await leader.getByTestId('bodies-table').getByRole('button').count()).toBe(0);
    await leader.close();
  });
  it('党办 changes the 大额资金 threshold and the checklist; 院办 reads the rules without changing them', { timeout: 240_000 }, async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
    await signIn(page, baseUrl, 'dangban');
    await page.goto(`${baseUrl}/decisions/settings`);
    const threshold = page.getByTestId('decision-threshold').locator('input').or(page.locator('input[data-testid="decision-threshold"]')).first();
    await expect.poll(() => threshold.inputValue(), WAIT).toBe('50.00');
    await threshold.fill('100');
    await page.getByTestId('decision-prereview').locator('input').fill('社会稳定风险评估');
    await page.getByTestId('decision-prereview').locator('input').press('Enter');
    await page.getByTestId('decision-settings-save').click();
    type Rules = { largeFundThresholdCents: number; prereviewItems: string[]; version: number };
    await expect.poll(async () => (await apiGet<Rules>(page, '/api/v1/decisions/settings')).largeFundThresholdCents, WAIT).toBe(100_000_000);
    expect((await apiGet<Rules>(page, '/api/v1/decisions/settings')).prereviewItems).toContain('社会稳定风险评估');
    await settle(page);
    await screenshot(page, 'decisions-06-settings');
    // Back as the demo had it, for the other journeys.
    await threshold.fill('50');
    await page.getByTestId('decision-prereview').locator('.ant-select-selection-item', { hasText: '社会稳定风险评估' }).locator('.ant-select-selection-item-remove').click();
    await page.getByTestId('decision-settings-save').click();
    await expect.poll(async () => (await apiGet<Rules>(page, '/api/v1/decisions/settings')).largeFundThresholdCents, WAIT).toBe(50_000_000);
    expect((await apiGet<Rules>(page, '/api/v1/decisions/settings')).prereviewItems).not.toContain('社会稳定风险评估');
    await page.close();

    const office = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
    await signIn(office, baseUrl, 'yuanban');
    await office.goto(`${baseUrl}/decisions/settings`);
    await expect.poll(() => office.getByTestId('decision-settings').textContent(), WAIT).toContain('党委办公室设置');
    expect(await office.getByTestId('decision-settings-save').count()).toBe(0);
    expect(await office.getByTestId('decision-threshold').locator('input').or(office.locator('input[data-testid="decision-threshold"]')).first().isDisabled()).toBe(true);
    await office.close();
  });
});
