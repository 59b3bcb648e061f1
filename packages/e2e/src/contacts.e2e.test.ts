import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { apiGet, apiPost, choose, hasChromium, launch, openContext, openFromMenu, pickDate, screenshot, settle, signIn, signInOnPhone } from './browser.js';

const baseUrl = inject('baseUrl');
const WAIT = { timeout: 30_000, interval: 250 };
const BRANCH = '急诊科全科医学科党支部';
const CARDIOLOGY = '心血管内科党支部';
const FOLLOW_UP = '急诊留观区增设党员先锋岗并公示服务承诺';
let browser: Browser;

interface Point {
  id: number;
  orgId: number;
  orgName: string;
}
interface FollowUp {
  id: number;
  text: string;
  ownerUserId: number;
  ownerName: string;
  state: string;
  version: number;
}
interface Visit {
  id: number;
  notes: string;
  followUps: FollowUp[];
}
interface Own {
  own: Array<{ day: string; items: Array<{ type: string; followUpId?: number; ownerUserId?: number }> }>;
}

describe.skipIf(!hasChromium || !baseUrl)('contact points (联系点) and co-building (结对共建) journey', () => {
  let followUpId = 0;
  let secretaryId = 0;

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a leader opens 我的联系点 on a phone and records a visit to the ER branch with a follow-up owned by its secretary', { timeout: 180_000 }, async () => {
    const context = await openContext(browser, { width: 390, height: 844, mobile: true });
    const page = await context.newPage();
    await signInOnPhone(page, baseUrl, 'leader');
    await page.goto(`${baseUrl}/contacts/my`);
    await page.getByTestId('my-points').locator('.ant-card').first().waitFor(WAIT);
    const me = await apiGet<{ user: { id: number } }>(page, '/api/v1/auth/me');
    const points = await apiGet<Point[]>(page, `/api/v1/contacts/points?userId=${me.user.id}`);
    const er = points.find((p) => p.orgName === BRANCH)!;
    expect(er).toBeDefined();
    // The leader sees only their own contact points.
    expect((await apiGet<Point[]>(page, '/api/v1/contacts/points')).length).toBe(points.length);
    await settle(page);
    await screenshot(page, 'contacts-01-my-points-phone');

    const owners = await apiGet<Array<{ id: number; name: string; ofBranch: boolean }>>(page, `/api/v1/contacts/owners?orgId=${er.orgId}`);
    const secretary = owners.find((o) => o.ofBranch)!;
    secretaryId = secretary.id;
    await page.getByTestId(`my-point-visit-${er.id}`).click();
    const form = page.getByTestId('visit-form');
    await form.waitFor(WAIT);
    await choose(page, 'visit-purpose', '督导整改');
    await page.getByTestId('visit-participants').fill('支部委员会成员、急诊科护士长');
    await page.getByTestId('visit-notes').fill('检查冬季高峰应急准备，听取留观区患者和家属意见：夜间留观区候诊秩序需加强。');
    await page.getByTestId('followup-add').click();
    await page.getByTestId('followup-text-0').fill(FOLLOW_UP);
    await choose(page, 'followup-owner-0', secretary.name);
    await pickDate(page, page.getByTestId('followup-due-0'), '2026-11-27');
    await screenshot(page, 'contacts-02-visit-form-phone');
    await page.getByTestId('visit-save').click();
    await form.waitFor({ state: 'hidden', timeout: WAIT.timeout });

    const visits = async () => (await apiGet<{ items: Visit[] }>(page, `/api/v1/contacts/visits?pointId=${er.id}`)).items;
    await expect.poll(async () => (await visits()).some((v) => v.followUps.some((f) => f.text === FOLLOW_UP)), WAIT).toBe(true);
    const followUp = (await visits()).flatMap((v) => v.followUps).find((f) => f.text === FOLLOW_UP)!;
    expect(followUp).toMatchObject({ ownerUserId: secretary.id, state: 'due_soon' });
    followUpId = followUp.id;
    await page.getByTestId(`followup-${followUpId}`).waitFor(WAIT);
    await settle(page);
    await screenshot(page, 'contacts-03-visit-recorded-phone');
    await context.close();
  });

  it('the daily reminder run gives the secretary the follow-up in their own reminders; they close it on the follow-ups tab', { timeout: 180_000 }, async () => {
    // The scheduler's run of the day, as the organisation office can start it.
    const office = await browser.newPage();
    await signIn(office, baseUrl, 'org');
    const run = await apiPost(office, '/api/v1/orglife/reminders/run');
    expect(run.status).toBe(200);
    expect((run.json as { personal: number }).personal).toBeGreaterThanOrEqual(1);
    await office.close();

    const context = await openContext(browser, { width: 1400, height: 900 });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'secretary');
    const own = await apiGet<Own>(page, '/api/v1/orglife/notifications');
    expect(own.own[0]!.day).toBe('2026-11-23');
    expect(own.own[0]!.items).toContainEqual(expect.objectContaining({ type: 'contact_followup', followUpId, ownerUserId: secretaryId }));

    // Their own page of organisational life shows it, and so does the follow-ups tab.
    await page.goto(`${baseUrl}/orglife/my`);
    await page.getByTestId('own-reminders').getByTestId(`digest-contact-followup-${followUpId}`).waitFor(WAIT);
    await page.goto(`${baseUrl}/contacts?tab=followups&mine=true`);
    const reminder = page.getByTestId('own-reminders').getByTestId(`digest-contact-followup-${followUpId}`);
    await reminder.waitFor(WAIT);
    expect(await reminder.textContent()).toContain(FOLLOW_UP);
    await page.getByTestId('followups-table').locator('tr.ant-table-row').first().waitFor(WAIT);
    await settle(page);
    await screenshot(page, 'contacts-04-secretary-followups');

    await page.getByTestId(`followup-close-${followUpId}`).click();
    await page.getByTestId('followup-close-note').fill('已在留观区设党员先锋岗 2 个，服务承诺上墙公示');
    await page.getByTestId('followup-close-save').click();
    const mine = async () => (await apiGet<{ items: FollowUp[] }>(page, '/api/v1/contacts/follow-ups?mine=true&pageSize=100')).items.find((f) => f.id === followUpId)?.state;
    await expect.poll(mine, WAIT).toBe('done');
    await settle(page);
    await screenshot(page, 'contacts-05-secretary-closed');
    await context.close();
  });

  it('the office sees the contact points with their visits, and an internal pairing counted once for each side', { timeout: 180_000 }, async () => {
    const context = await openContext(browser, { width: 1400, height: 900 });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'org');
    await openFromMenu(page, ['联系点与共建', '联系点与结对共建'], /\/contacts$/);
    await page.getByTestId('points-table').locator('tr.ant-table-row').first().waitFor(WAIT);
    await page.getByTestId('visits').locator('.ant-card').first().waitFor(WAIT);
    await settle(page);
    await screenshot(page, 'contacts-06-office-points');

    await page.goto(`${baseUrl}/contacts?tab=agreements`);
    const table = page.getByTestId('agreements-table');
    await table.locator('tr.ant-table-row').first().waitFor(WAIT);
    type Agreement = { id: number; orgName: string; partner: string; internal: boolean; activities: number };
    const all = (await apiGet<{ items: Agreement[] }>(page, '/api/v1/contacts/agreements?pageSize=100')).items;
    const pairing = all.find((a) => a.internal && a.orgName === BRANCH && a.partner === CARDIOLOGY)!;
    expect(pairing.activities).toBeGreaterThan(0);
    const counts = (await apiGet<{ items: Array<{ orgName: string; activities: number }> }>(page, '/api/v1/contacts/activity-counts?year=2026')).items;
    // The pairing's activities of the year are recorded once and count on both sides.
    const year = (await apiGet<{ items: Array<Agreement & { activitiesInYear: number }> }>(page, '/api/v1/contacts/agreements?pageSize=100&year=2026')).items;
    const sideTotal = (name: string) => year.filter((a) => a.orgName === name || (a.internal && a.partner === name)).reduce((n, a) => n + a.activitiesInYear, 0);
    expect(counts.find((c) => c.orgName === BRANCH)?.activities).toBe(sideTotal(BRANCH));
    expect(counts.find((c) => c.orgName === CARDIOLOGY)?.activities).toBe(sideTotal(CARDIOLOGY));
    await page.getByTestId('activity-counts').locator('.ant-collapse-header').click();
    await page.getByTestId(`agreement-open-${pairing.id}`).click();
    const detail = page.getByTestId('agreement-detail');
    await detail.waitFor(WAIT);
    await detail.getByTestId('agreement-renewals').waitFor(WAIT);
    expect(await detail.textContent()).toContain('院内结对');
    await settle(page);
    await screenshot(page, 'contacts-07-office-agreement');
    await context.close();
  });
});
