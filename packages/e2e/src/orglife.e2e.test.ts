import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { apiGet, choose, exactly, hasChromium, launch, openContext, pickDate, screenshot, settle, signIn, switchLanguage, signInOnPhone } from './browser.js';

const baseUrl = inject('baseUrl');
const QUARTER = '2026-Q4';
/** The machine may be busy: lists and saves get time to arrive. */
const WAIT = { timeout: 20_000, interval: 250 };
const RESOLUTION = '同意推荐张佳同志为2026年度优秀共产党员候选人';
let browser: Browser;

/**
 * The server is pinned to the demo date (global-setup); the browser keeps its own clock: the web
 * app takes today from the server (/auth/me), so a meeting recorded "today" is on the demo date.
 */
/** Waits for spinners to go, and scrolls to the top so the sticky header is not painted mid-page in full-page shots. */
interface PlanItem {
  id: number;
  orgId: number;
  kind: string;
  plannedOn: string;
  state: 'done' | 'open' | 'overdue';
  record: { id: number; heldOn: string } | null;
}

/** Reads through the signed-in page's session (GET only: no CSRF needed). */
/** The secretary's branch's plan item for this quarter's 党员大会. */
async function quarterMeetingItem(page: Page): Promise<PlanItem> {
  const me = await apiGet<{ roles: Array<{ orgId: number }> }>(page, '/api/v1/auth/me');
  const plan = await apiGet<PlanItem[]>(page, `/api/v1/orglife/orgs/${me.roles[0]!.orgId}/plan?year=2026`);
  return plan.find((i) => i.kind === 'branch_general_meeting' && i.plannedOn >= '2026-10-01')!;
}

/** The branch checklist of the signed-in secretary's branch; returns the state of the Q4 党员大会. */
async function checklistState(page: Page): Promise<string | null> {
  await page.goto(`${baseUrl}/orglife/compliance`);
  const cell = page.getByTestId(`cell-branch_general_meeting-${QUARTER}`);
  await cell.waitFor();
  await settle(page);
  return cell.getAttribute('data-state');
}

/** A desktop window signed in as `username`. */
async function desktopAs(username: string) {
  const context = await openContext(browser, { width: 1400, height: 900 });
  const page = await context.newPage();
  await signIn(page, baseUrl, username);
  return { context, page };
}

/** Back to Chinese (the language the next journey starts in, kept by the account), then the window closes. */
async function closeInChinese(page: Page): Promise<void> {
  await switchLanguage(page, 'zh-CN');
  await expect.poll(() => page.getByTestId('main-menu').textContent(), WAIT).toContain('组织生活');
  await page.context().close();
}

describe.skipIf(!hasChromium || !baseUrl)('organisational life journey', () => {
  let recordUrl = '';
  let metBefore = 0;

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the 党委 matrix before: the branch has no 党员大会 yet this quarter', async () => {
    const { context, page } = await desktopAs('org');
    await page.goto(`${baseUrl}/orglife/matrix`);
    const row = page.locator('tr', { hasText: '急诊科全科医学科党支部' }).first();
    await row.getByTestId('matrix-met').waitFor();
    metBefore = Number(await row.getByTestId('matrix-met').textContent());
    expect(metBefore).toBeGreaterThan(0);
    await context.close();
  });

  it('the secretary records a 支部党员大会 with attendance and a resolution; the quarter turns green', async () => {
    const { context, page } = await desktopAs('secretary');
    expect(await checklistState(page)).not.toBe('met');
    await screenshot(page, 'orglife-01-checklist-before');
    // The yearly plan has this quarter's 党员大会, its date passed (the server's today) with no record.
    const item = await quarterMeetingItem(page);
    expect([item.state, item.record]).toEqual(['overdue', null]);

    await page.goto(`${baseUrl}/orglife/records`);
    await page.getByTestId('new-record').click();
    await page.waitForURL(/\/orglife\/records\/new$/);
    // The attendance list comes from the branch's roster on the meeting day (应到).
    const rows = page.getByTestId('attendance').locator('tr.ant-table-row');
    await expect.poll(() => rows.count(), WAIT).toBeGreaterThan(20);
    const expected = await rows.count();
    await page.getByTestId('place').fill('急诊楼三楼会议室');
    await page.getByTestId('host').fill('潘俊峰');
    await page.getByTestId('recorder').fill('张佳');
    await page.getByTestId('topics').fill('学习党的二十届四中全会精神\n推荐年度优秀共产党员候选人');
    await page.getByTestId('minutes').fill('支部书记传达会议精神，与会党员结合急诊工作交流发言。会议讨论推荐年度优秀共产党员候选人。');

    // Finding a member in the roster by pinyin, as typed on a keyboard without Chinese input.
    const me = await apiGet<{ roles: Array<{ orgId: number }> }>(page, '/api/v1/auth/me');
    const roster = await apiGet<Array<{ id: number; name: string; namePinyin: string; partyGroupId: number | null }>>(page, `/api/v1/orglife/orgs/${me.roles[0]!.orgId}/roster?date=2026-11-23`);
    const target = roster.find((m) => roster.filter((x) => x.namePinyin.includes(m.namePinyin)).length === 1)!;
    const search = page.getByTestId('attendance-search');
    await search.fill(target.namePinyin);
    await expect.poll(() => rows.count(), WAIT).toBe(1);
    expect(await rows.first().textContent()).toContain(target.name);
    await settle(page);
    await screenshot(page, 'orglife-02a-roster-search');
    await search.fill('');
    await expect.poll(() => rows.count(), WAIT).toBe(expected);

    // A whole party group marked present in one click: two of the group were marked absent first.
    const groupId = roster.find((m) => m.partyGroupId !== null)!.partyGroupId!;
    const groupSize = roster.filter((m) => m.partyGroupId === groupId).length;
    const groupName = (await apiGet<{ name: string }>(page, `/api/v1/orgs/${groupId}`)).name;
    await choose(page, 'attendance-group', exactly(groupName));
    await expect.poll(() => rows.count(), WAIT).toBe(groupSize);
    for (const i of [0, 1]) await rows.nth(i).getByText('缺席', { exact: true }).click();
    await expect.poll(() => page.getByTestId('attendance-summary').textContent(), WAIT).toContain(`实到 ${expected - 2} 人`);
    await page.getByTestId('group-present').click();
    await expect.poll(() => page.getByTestId('attendance-summary').textContent(), WAIT).toContain(`实到 ${expected} 人`);
    await page.locator('[data-testid="attendance-group"] .ant-select-clear').click({ force: true });
    await expect.poll(() => rows.count(), WAIT).toBe(expected);

    // Leave without a reason: the refusal is on the row, and the page scrolls to it.
    const late = rows.nth(expected - 1);
    await late.getByText('请假', { exact: true }).click();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.getByTestId('save-record').click();
    await expect.poll(() => late.getAttribute('class'), WAIT).toContain('attendance-row-error');
    expect(await late.textContent()).toContain('请假须填写原因');
    await expect.poll(async () => {
      const box = await late.boundingBox();
      return box !== null && box.y >= 0 && box.y + box.height <= 900;
    }, WAIT).toBe(true);
    await screenshot(page, 'orglife-02b-row-error');
    await late.getByText('到会', { exact: true }).click();
    await expect.poll(() => late.getAttribute('class'), WAIT).not.toContain('attendance-row-error');

    // A member abroad with the 党委's approval is left out of those due to vote (the quorum base), recorded once with the approval.
    const summary = page.getByTestId('attendance-summary');
    const votingBefore = Number(/有表决权 (\d+) 人/.exec((await summary.textContent()) ?? '')![1]);
    const awayKey = await rows.filter({ has: page.getByRole('button', { name: '不计入应到…' }) }).last().getAttribute('data-row-key');
    const away = page.locator(`[data-testid="attendance"] tr[data-row-key="${awayKey}"]`);
    await away.getByRole('button', { name: '不计入应到…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('事由').fill('出国（境）进修一年');
    await dialog.getByTestId('exclusion-approval-ref').fill('院党委〔2026〕30号');
    await screenshot(page, 'orglife-02c-voting-exclusion');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => away.textContent(), WAIT).toContain('经批准长期外出');
    await expect.poll(() => summary.textContent(), WAIT).toContain(`有表决权 ${votingBefore - 1} 人`);

    // Two on leave with a reason, one absent.
    for (const i of [1, 2]) {
      await rows.nth(i).getByText('请假', { exact: true }).click();
      await rows.nth(i).locator('input[type="text"]').fill('夜班后休息');
    }
    await rows.nth(3).getByText('缺席', { exact: true }).click();
    await expect.poll(() => page.getByTestId('attendance-summary').textContent(), WAIT).toContain(`应到 ${expected} 人，实到 ${expected - 3} 人`);
    await page.getByTestId('add-resolution').click();
    await page.getByPlaceholder('决议事项').fill(RESOLUTION);
    // The form offers that plan item and preselects it: the nearest open 党员大会 to the meeting's date.
    const planItems = page.getByTestId('plan-items');
    await expect.poll(() => planItems.locator('.ant-select-selection-item').allTextContents(), WAIT).toEqual([`${item.plannedOn} 支部党员大会（已逾期）`]);
    await settle(page);
    await screenshot(page, 'orglife-02-record-form');
    await page.getByTestId('save-record').click();
    await page.waitForURL(/\/orglife\/records\/\d+$/);
    recordUrl = page.url();
    // The saved record, read back: its attendance and the resolution's outcome (45 of 47 voting members in favour).
    await page.getByTestId('minutes-docx').waitFor();
    await expect.poll(() => page.getByTestId('resolution-outcome').textContent(), WAIT).toBe('通过');
    await expect.poll(() => page.getByTestId('attendance-summary').textContent(), WAIT).toContain(`实到 ${expected - 3} 人`);
    await expect.poll(() => planItems.locator('.ant-select-selection-item').allTextContents(), WAIT).toEqual([`${item.plannedOn} 支部党员大会`]);
    await settle(page);
    await screenshot(page, 'orglife-03-record-saved');
    const linked = await quarterMeetingItem(page);
    expect([linked.state, linked.record?.id, linked.record?.heldOn]).toEqual(['done', Number(recordUrl.split('/').pop()), '2026-11-23']);

    expect(await checklistState(page)).toBe('met');
    await screenshot(page, 'orglife-04-checklist-after');
    await context.close();
  }, 120_000);

  it('纪检 reads the record as a description of what was recorded, not as a disabled form', async () => {
    expect(recordUrl).not.toBe('');
    const { context, page } = await desktopAs('jijian');
    await page.goto(recordUrl);
    const view = page.getByTestId('record-view');
    await view.waitFor();
    await expect.poll(() => view.locator('tr.ant-table-row').count(), WAIT).toBeGreaterThan(20);
    const text = (await view.textContent()) ?? '';
    expect(text).toContain('急诊楼三楼会议室');
    expect(text).toContain(RESOLUTION);
    // No time was entered: it says so, with no placeholder time that reads like data.
    expect(text).toContain('未填写');
    expect(text).not.toContain('14:30');
    expect(await page.locator('input[disabled], textarea[disabled], .ant-select-disabled').count()).toBe(0);
    expect(await page.getByTestId('save-record').count()).toBe(0);
    // The minutes can still be downloaded; the search works read-only too.
    await page.getByTestId('minutes-docx').waitFor();
    await settle(page);
    await screenshot(page, 'orglife-21-record-read-only');
    await context.close();
  });

  it('the yearly plan shows the 党员大会 done with its record, in both languages, and the record in English', async () => {
    expect(recordUrl).not.toBe('');
    const { page } = await desktopAs('secretary');
    const item = await quarterMeetingItem(page);
    await page.goto(`${baseUrl}/orglife/plan`);
    const row = page.getByTestId(`plan-item-${item.id}`);
    await row.waitFor();
    expect(await row.getAttribute('data-state')).toBe('done');
    expect(await row.getByTestId('plan-state').textContent()).toBe('已完成');
    const link = page.getByTestId(`plan-record-${item.id}`);
    expect(await link.textContent()).toBe('2026-11-23 会议记录');
    expect(new URL(recordUrl).pathname).toBe(await link.getAttribute('href'));
    // December's items are still ahead of the server's today; earlier ones without a record are overdue.
    const states = await page.getByTestId('plan-table').locator('tr[data-state]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-state')));
    expect(new Set(states)).toEqual(new Set(['done', 'open', 'overdue']));
    expect(await page.getByTestId('plan-summary').textContent()).toMatch(/^共 \d+ 项：已完成 \d+，待开展 \d+，已逾期 \d+$/);
    await settle(page);
    await screenshot(page, 'orglife-11-plan-zh');

    // The secretary adds a 党课 to December, sees it open, and removes it again.
    await page.getByTestId('plan-add').click();
    const dialog = page.getByTestId('plan-item-form');
    await pickDate(page, dialog.getByLabel('计划日期', { exact: true }), '2026-12-18');
    await choose(page, 'plan-item-kind', exactly('党课'));
    await dialog.getByLabel('标题（可选）', { exact: true }).fill('书记讲党课：守初心 践使命');
    await screenshot(page, 'orglife-15-plan-add');
    await page.getByRole('dialog').getByRole('button', { name: /保\s*存/ }).click();
    const added = page.getByTestId('plan-table').locator('tr', { hasText: '书记讲党课：守初心 践使命' });
    await added.waitFor();
    expect([await added.getAttribute('data-state'), await added.locator('td').first().textContent()]).toEqual(['open', '2026-12-18']);
    await added.getByRole('button', { name: '删除' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定|OK/ }).click();
    await added.waitFor({ state: 'detached' });

    await switchLanguage(page, 'en-US');
    await expect.poll(() => row.getByTestId('plan-state').textContent(), WAIT).toBe('Done');
    expect(await link.textContent()).toBe('Record of 2026-11-23');
    await settle(page);
    await screenshot(page, 'orglife-12-plan-en');
    await link.click();
    await page.waitForURL(/\/orglife\/records\/\d+$/);
    await expect.poll(() => page.getByTestId('plan-items').locator('.ant-select-selection-item').allTextContents(), WAIT).toEqual([`${item.plannedOn} Branch general meeting`]);
    await settle(page);
    await screenshot(page, 'orglife-13-record-en');
    await closeInChinese(page);
  }, 120_000);

  it('attaches the sign-in sheet to the record (optional evidence), and the branch calendar shows the meeting held', async () => {
    expect(recordUrl).not.toBe('');
    const { page } = await desktopAs('secretary');
    await page.goto(recordUrl);
    await page.getByTestId('minutes-docx').waitFor();
    const uploads = page.getByTestId('orglife-attachment-uploads');
    await expect.poll(() => uploads.textContent(), WAIT).toContain('暂无附件');
    // What a file is comes from its bytes: a page of HTML named like a PDF is refused with what is accepted.
    const refused = page.waitForEvent('filechooser');
    await page.getByTestId('orglife-attachment-upload').click();
    await (await refused).setFiles({ name: '签到表.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<html><script>alert(1)</script></html>', 'utf8') });
    await expect.poll(() => page.getByTestId('orglife-attachment-upload-error').textContent(), WAIT).toContain('PDF、JPG、PNG');
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('orglife-attachment-upload').click();
    await (await chooser).setFiles({ name: '党员大会签到表.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% 签到表 潘俊峰 张佳\n%%EOF\n', 'utf8') });
    await expect.poll(() => uploads.textContent(), WAIT).toContain('党员大会签到表.pdf');
    expect(await uploads.textContent()).toContain('secretary 20');
    await settle(page);
    await screenshot(page, 'orglife-16-attachment');

    // The calendar of November: the meeting on the server's today, links to its record; the
    // plan's open December items are not in this month, November's due items end on the 30th.
    await page.goto(`${baseUrl}/orglife/calendar?month=2026-11`);
    const day = page.getByTestId('calendar-day-2026-11-23');
    await expect.poll(() => day.getByTestId('calendar-record').allTextContents(), WAIT).toContain('支部党员大会');
    expect(new URL(recordUrl).pathname).toBe(await day.getByTestId('calendar-record').filter({ hasText: '支部党员大会' }).getAttribute('href'));
    expect(await page.locator('.ant-picker-calendar-date-today').textContent()).toContain('23');
    await settle(page);
    await screenshot(page, 'orglife-17-calendar-zh');
    await switchLanguage(page, 'en-US');
    await expect.poll(() => day.getByTestId('calendar-record').allTextContents(), WAIT).toContain('Branch general meeting');
    await settle(page);
    await screenshot(page, 'orglife-18-calendar-en');
    await closeInChinese(page);
  }, 120_000);

  it('a new record in English: today is the server’s, and the 党员大会 item is done, so none is offered', async () => {
    const { page } = await desktopAs('secretary');
    await switchLanguage(page, 'en-US');
    await expect.poll(() => page.getByTestId('main-menu').textContent(), WAIT).toContain('Organisational life');
    // A new record in English: the form's today is the server's, and the 党员大会 item is done now, so nothing is preselected for it.
    await page.goto(`${baseUrl}/orglife/records/new`);
    await expect.poll(() => page.getByTestId('attendance').locator('tr.ant-table-row').count(), WAIT).toBeGreaterThan(20);
    expect(await page.locator('input[data-testid="held-on"]').inputValue()).toBe('2026-11-23');
    await expect.poll(() => page.getByTestId('plan-items').textContent(), WAIT).toContain('No open plan item of these kinds near this date');
    await settle(page);
    await screenshot(page, 'orglife-14-record-form-en');
    await closeInChinese(page);
  }, 120_000);

  it('downloads the minutes as a Word document with the meeting in it', async () => {
    expect(recordUrl).not.toBe('');
    const { context, page } = await desktopAs('secretary');
    await page.goto(recordUrl);
    await page.getByTestId('minutes-docx').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('minutes-docx').click()]);
    expect(download.suggestedFilename()).toMatch(/^急诊科全科医学科党支部2026-11-23.*支部党员大会.*记录\.docx$/);
    const path = await download.path();
    const bytes = readFileSync(path);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('急诊科全科医学科党支部支部党员大会记录');
    expect(text).toContain(RESOLUTION);
    expect(text).toContain('夜班后休息');
    await context.close();
  });

  it('the 党委 matrix shows it, and drills down to the branch', async () => {
    const { context, page } = await desktopAs('org');
    await page.goto(`${baseUrl}/orglife/matrix`);
    const row = page.locator('tr', { hasText: '急诊科全科医学科党支部' }).first();
    await row.getByTestId('matrix-met').waitFor();
    await settle(page);
    // The 党员大会 of Q4 is met now (it was recorded together with nothing else, so exactly one more item).
    expect(Number(await row.getByTestId('matrix-met').textContent())).toBe(metBefore + 1);
    await screenshot(page, 'orglife-05-matrix');
    await row.locator('button[data-testid^="matrix-"]').nth(10).click();
    await page.waitForURL(/\/orglife\/compliance\?orgId=\d+/);
    const cell = page.getByTestId(`cell-branch_general_meeting-${QUARTER}`);
    await cell.waitFor();
    expect(await cell.getAttribute('data-state')).toBe('met');
    await settle(page);
    await screenshot(page, 'orglife-06-matrix-drilldown');
    await context.close();
  });

  it('the organisation office sees the settings and the e-mail reminder waiting for a mail server, in both languages', async () => {
    const { page } = await desktopAs('org');
    await page.goto(`${baseUrl}/orglife/settings`);
    const deliveries = page.getByTestId('orglife-deliveries');
    await expect.poll(() => deliveries.textContent(), WAIT).toContain('未发送：未配置邮件服务器');
    // Office staff are told whom to ask; configuration names are for the system administrator.
    const hint = await page.getByTestId('deliveries-hint').textContent();
    expect(hint).toContain('尚未配置邮件服务器，请联系系统管理员');
    expect(hint).not.toContain('SMTP_URL');
    await page.getByTestId('save-settings').waitFor();
    await settle(page);
    await screenshot(page, 'orglife-08-settings-zh');
    await switchLanguage(page, 'en-US');
    await expect.poll(() => deliveries.textContent(), WAIT).toContain('Not sent: no mail server configured');
    await settle(page);
    await screenshot(page, 'orglife-09-settings-en');
    await closeInChinese(page);
  });

  it('the organisation office’s workbench shows the reminder digest with the overdue transfer 回执, in both languages', async () => {
    const { context, page } = await desktopAs('org');
    await page.goto(`${baseUrl}/`);
    const digests = page.getByTestId('reminder-digests');
    // The demo's letter of 邵文博 went out 50 days ago and its 回执 has not come back: yesterday's digest of the 党委 says so.
    const receipt = digests.locator('[data-testid^="digest-receipt-"]', { hasText: '邵文博' });
    await expect.poll(() => receipt.count(), WAIT).toBe(1);
    expect(await receipt.textContent()).toContain('回执逾期');
    expect(await receipt.textContent()).toContain('中共示例市第二人民医院委员会');
    // The letter still within its month is not there.
    expect(await digests.textContent()).not.toContain('纪晓彤');
    await digests.scrollIntoViewIfNeeded();
    await screenshot(page, 'orglife-19-reminders-zh');
    await switchLanguage(page, 'en-US');
    await expect.poll(() => receipt.textContent(), WAIT).toContain('Receipt overdue');
    expect(await receipt.textContent()).toContain('has not come back');
    await digests.scrollIntoViewIfNeeded();
    await screenshot(page, 'orglife-20-reminders-en');
    await switchLanguage(page, 'zh-CN');
    await expect.poll(() => page.getByTestId('main-menu').textContent(), WAIT).toContain('组织生活');
    // The item leads to the transfer list filtered to the overdue 回执, where the receipt is recorded.
    await receipt.getByRole('link').click();
    await page.waitForURL(/\/transfers\?receipt=overdue/);
    await expect.poll(() => page.locator('tr.ant-table-row', { hasText: '邵文博' }).count(), WAIT).toBe(1);
    await context.close();
  });

  it('the lapse list (党章 第九条) shows dues arrears beside organisational life', async () => {
    const { context, page } = await desktopAs('org');
    await page.goto(`${baseUrl}/orglife/lapses?minMonths=1`);
    const table = page.getByTestId('orglife-lapses');
    await expect.poll(() => table.locator('tr.ant-table-row').count(), WAIT).toBeGreaterThan(0);
    expect(await table.locator('thead').textContent()).toContain('党费');
    // Each member's last six months, one cell each: leave shown apart from attendance and absence.
    expect(await table.locator('thead').textContent()).toContain('近六个月');
    const strip = table.locator('[data-testid^="lapse-recent-"]').first();
    expect(await strip.locator('[data-state]').count()).toBe(6);
    const states = await table.locator('[data-testid^="lapse-recent-"] [data-state]').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-state')));
    expect(states).toContain('absent');
    await settle(page);
    await screenshot(page, 'orglife-10-lapses');
    await context.close();
  });

  it('a member sees their own organisational life on a phone', async () => {
    const context = await openContext(browser, { width: 390, height: 844, mobile: true });
    const page = await context.newPage();
    await signInOnPhone(page, baseUrl, 'member');
    await page.goto(`${baseUrl}/orglife/my`);
    await expect.poll(() => page.locator('.ant-list-item').count(), WAIT).toBeGreaterThan(5);
    // The meeting just recorded is on the member's own record (the member is on the branch roster).
    expect(await page.locator('.ant-list-item').first().textContent()).toContain('2026-11-23');
    // The last six months, one cell each (到 / 假 / 缺).
    await expect.poll(() => page.getByTestId('my-recent').locator('[data-state]').count(), WAIT).toBe(6);
    // Nothing wider than the phone: no sideways scrolling.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await settle(page);
    await screenshot(page, 'orglife-07-my-phone');
    await context.close();
  });
});
