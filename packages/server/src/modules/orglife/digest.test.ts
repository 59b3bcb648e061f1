import { type DigestItem, idNumberCheckChar } from '@hongyi/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TODAY, type TestApp, createTestApp } from '../../test/harness.js';
import { type Branch, type OrglifeUnit, dueMonths, electCommittee, openDevelopmentFile, orglifeUnit } from '../../test/fixtures/orglife.js';
import { developmentDigest } from '../development/digest.js';
import { duesDigest } from '../dues/digest.js';
import { termDigest } from '../orgs/digest.js';
import { digestMail, digestMarkdown } from './reminders.js';

/**
 * The notification sources of the daily digest (lib/digest.ts) on a unit of its own: committee
 * terms, development deadlines and dues arrears appear when they are about to be missed or were
 * just missed, and not otherwise; who receives them; robots and e-mails name nobody's arrears.
 * Today is DEMO_TODAY (2026-11-23).
 */
let t: TestApp;
let u: OrglifeUnit;
let soon: Branch; // term ends 2027-01-10 (within 3 months), an application of 2026-11-01 (talk due 2026-12-01), 4 months of dues unpaid
let far: Branch; // term ends 2027-06-01, an application of 2026-10-01 (talk overdue since 2026-11-01), 1 month unpaid
let late: Branch; // term ended 2026-11-10 (just missed), an application of 2026-06-01 (talk overdue since July), 8 months unpaid
let old: Branch; // term ended 2026-06-01 (long missed: on the orgs page, not pushed), an application of 2026-11-20 (talk due 2026-12-20)

const idNumber = (n: number) => {
  const first17 = `11010119950101${String(n).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
};

beforeAll(async () => {
  t = await createTestApp({ empty: true });
  u = await orglifeUnit(t, 'digest', '提醒测试医院');
  soon = await u.branch('内科第一党支部');
  far = await u.branch('外科第一党支部');
  late = await u.branch('医技第一党支部');
  old = await u.branch('行政第一党支部');
  await electCommittee(u.office, soon, '2024-01-10');
  await electCommittee(u.office, far, '2024-06-01');
  await electCommittee(u.office, late, '2023-11-10');
  await electCommittee(u.office, old, '2023-06-01');
  await openDevelopmentFile(u.office, soon, '2026-11-01', idNumber(101));
  await openDevelopmentFile(u.office, far, '2026-10-01', idNumber(102));
  await openDevelopmentFile(u.office, late, '2026-06-01', idNumber(103));
  await openDevelopmentFile(u.office, old, '2026-11-20', idNumber(104));
  await dueMonths(u.office, soon, soon.members[0]!, ['2026-07', '2026-08', '2026-09', '2026-10']);
  await dueMonths(u.office, far, far.members[0]!, ['2026-10']);
  await dueMonths(u.office, late, late.members[0]!, ['2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10']);
}, 120_000);
afterAll(() => t?.close());

describe('notification sources', () => {
  it('a committee term: within the warning window or just expired, not earlier nor long after', async () => {
    const items = await termDigest.itemsFor(t.database.db, u.unit.tenantId, DEMO_TODAY);
    expect(items.map((i) => [i.orgId, i.state, i.deadline]).sort()).toEqual(
      [
        [soon.id, 'due_soon', '2027-01-10'],
        [late.id, 'overdue', '2026-11-10'],
      ].sort(),
    );
  });

  it('a development deadline: due within two weeks or overdue since the last 30 days', async () => {
    const items = await developmentDigest.itemsFor(t.database.db, u.unit.tenantId, DEMO_TODAY);
    expect(items.map((i) => [i.orgId, i.kind, i.date, i.state])).toEqual([
      [far.id, 'talk_due', '2026-11-01', 'overdue'],
      [soon.id, 'talk_due', '2026-12-01', 'due_soon'],
    ]);
  });

  it('dues arrears: from the first lapse level (3 months) to the report level (6), no sooner, no later', async () => {
    const items = await duesDigest.itemsFor(t.database.db, u.unit.tenantId, DEMO_TODAY);
    expect(items.map((i) => [i.memberId, i.months, i.level])).toEqual([[soon.members[0]!.id, 4, 'remind']]);
  });
});

describe('the daily digest with every kind', () => {
  it('gives each branch its own items and the 党委 the terms; robots and e-mails count arrears without naming anyone', async () => {
    const run = await u.office.post('/api/v1/orglife/reminders/run');
    expect(run.statusCode).toBe(200);
    type Digest = { orgId: number; day: string; items: Array<DigestItem & { memberName?: string }> };
    const mine = ((await soon.secretary.get('/api/v1/orglife/notifications')).json().items as Digest[]).find((d) => d.orgId === soon.id)!;
    const types = new Set(mine.items.map((i) => i.type));
    expect([...types].sort()).toEqual(['development_due', 'dues_arrears', 'org_term', 'orglife']);
    expect(mine.items.find((i) => i.type === 'dues_arrears')).toMatchObject({ memberId: soon.members[0]!.id, memberName: soon.members[0]!.name, months: 4, level: 'remind' });
    // Nothing due: no term, development or dues item in the far branch's digest beyond its overdue talk.
    const farDigest = ((await far.secretary.get('/api/v1/orglife/notifications')).json().items as Digest[]).find((d) => d.orgId === far.id)!;
    expect(farDigest.items.filter((i) => i.type !== 'orglife').map((i) => i.type)).toEqual(['development_due']);
    // The 党委 (no channel): the terms it must approve, not the branches' meetings, development or dues.
    const committee = ((await u.office.get('/api/v1/orglife/notifications')).json().items as Digest[]).find((d) => d.orgId === u.unit.rootOrgId)!;
    expect(committee.items.map((i) => [i.type, i.orgId]).sort()).toEqual(
      [
        ['org_term', soon.id],
        ['org_term', late.id],
      ].sort(),
    );
    // A second run the same day sends nothing (at most one digest per org and day).
    expect((await u.office.post('/api/v1/orglife/reminders/run')).json()).toEqual({ digests: 0, personal: 0, deliveries: [] });

    const robot = digestMarkdown(soon.name, mine.items);
    expect(robot).toContain(`**${soon.name} 党建工作提醒**`);
    expect(robot).toContain('- 本届委员会任期将于 2027-01-10 届满，请做好换届准备');
    expect(robot).toContain('- 党员发展：1 项工作即将到期（最早 2026-12-01），请登录系统查看');
    expect(robot).toContain('- 党费：1 名党员已连续 4 个月及以上未交纳，请登录系统查看');
    expect(robot).not.toContain(soon.members[0]!.name);
    const mail = digestMail('zhibu@example.org', soon.name, DEMO_TODAY, mine.items, 'en-US');
    expect(mail.subject).toBe(`${soon.name} Party work reminders (${DEMO_TODAY})`);
    expect(mail.text).toContain("- the committee's term ends on 2027-01-10: prepare the election");
    expect(mail.text).toContain('- Dues: 1 member unpaid for 4 or more consecutive months; see the arrears list');
    expect(mail.text).not.toContain(soon.members[0]!.name);
  });
});
