import { type DigestItem, addDays } from '@hongyi/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMailConfig } from '../../config.js';
import { smtpMailer } from '../../lib/mail.js';
import { DEMO_TODAY, type TestApp, createTestApp } from '../../test/harness.js';
import { type SmtpReceiver, startSmtpReceiver } from '../../test/smtp.js';
import { ROBOT_MARKDOWN_MAX_BYTES, digestMarkdown, itemsBySubtree } from './reminders.js';

/**
 * Reminder digests with a mail server configured (SMTP_URL → a local SMTP receiver that signs
 * the app in and refuses one domain's recipients), and the overdue transfer 回执 in the digest.
 */
let t: TestApp;
let smtp: SmtpReceiver;
let day = DEMO_TODAY;
let tenantId: number;
let erId: number;
let rootId: number;
let rootName: string;
let demoMailbox: string;

const LOGIN = { user: 'hongyi@hospital.example.org', pass: 's3cret:p@ss' };

interface Delivery {
  id: number;
  day: string;
  channelId: number;
  target: string;
  status: string;
  detail: string;
  orgId: number;
}
interface Digest {
  id: number;
  orgId: number;
  day: string;
  items: Array<{ type: string; orgId: number; orgName: string; ruleName?: string; period?: string; state?: string; transferId?: number; memberName?: string; letterNo?: string; toOrgName?: string; dueOn: string }>;
}

beforeAll(async () => {
  smtp = await startSmtpReceiver({ rejectDomain: 'rejected.example.org', login: LOGIN });
  const config = readMailConfig({ SMTP_URL: `smtp://${encodeURIComponent(LOGIN.user)}:${encodeURIComponent(LOGIN.pass)}@127.0.0.1:${smtp.port}` });
  t = await createTestApp({ mailer: smtpMailer(config!), today: () => day });
  const db = t.database.db;
  tenantId = (await db.selectFrom('tenants').select('id').where('code', '=', 'demo').executeTakeFirstOrThrow()).id;
  erId = (await db.selectFrom('orgs').select('id').where('tenant_id', '=', tenantId).where('name', '=', '急诊科全科医学科党支部').executeTakeFirstOrThrow()).id;
  const root = await db.selectFrom('orgs').select(['id', 'name']).where('tenant_id', '=', tenantId).where('parent_id', 'is', null).executeTakeFirstOrThrow();
  rootId = root.id;
  rootName = root.name;
  demoMailbox = (await db.selectFrom('orglife_channels').select('target').where('tenant_id', '=', tenantId).where('org_id', '=', erId).where('kind', '=', 'email').executeTakeFirstOrThrow()).target;
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

async function deliveries(orgId: number): Promise<Delivery[]> {
  const res = await (await t.login('org')).get(`/api/v1/orglife/deliveries?orgId=${orgId}&pageSize=100`);
  expect(res.statusCode).toBe(200);
  return res.json().items;
}

describe('mail configuration', () => {
  it('reads SMTP_URL and MAIL_FROM; none means no mailer; a bad value stops the start without repeating the password', () => {
    expect(readMailConfig({})).toBeNull();
    expect(readMailConfig({ SMTP_URL: ' ' })).toBeNull();
    expect(readMailConfig({ SMTP_URL: 'smtps://dangjian%40hospital.example.cn:pw@smtp.exmail.qq.com:465' })).toEqual({
      url: 'smtps://dangjian%40hospital.example.cn:pw@smtp.exmail.qq.com:465',
      from: 'dangjian@hospital.example.cn',
    });
    expect(readMailConfig({ SMTP_URL: 'smtp://relay.hospital.local:25', MAIL_FROM: '红医 <noreply@hospital.example.cn>' })?.from).toBe('红医 <noreply@hospital.example.cn>');
    expect(() => readMailConfig({ SMTP_URL: 'smtp://user:pw@relay.hospital.local:25' })).toThrow(/MAIL_FROM/);
    expect(() => readMailConfig({ SMTP_URL: 'http://user:topsecret@relay.hospital.local' })).toThrow(/SMTP_URL/);
    expect(() => readMailConfig({ SMTP_URL: 'smtp://user:topsecret@' })).toThrow(/SMTP_URL/);
    try {
      readMailConfig({ SMTP_URL: 'imap://user:topsecret@relay' });
    } catch (error) {
      expect((error as Error).message).not.toContain('topsecret');
    }
  });
});

describe('digest grouping', () => {
  it('files each item under every org on its path, exactly as filtering by path prefix did', async () => {
    const orgs = await t.database.db.selectFrom('orgs').select(['id', 'path', 'type']).where('tenant_id', '=', tenantId).execute();
    const pathOf = new Map(orgs.map((o) => [o.id, o.path]));
    // Three items per org, so order within a group shows; and an item of an unknown org.
    const items = [...orgs, ...orgs, ...orgs].map((o, i) => ({ orgId: o.id, n: i })).concat([{ orgId: -1, n: -1 }]);
    const grouped = itemsBySubtree(items, (id) => pathOf.get(id));
    for (const receiver of orgs) {
      const quadratic = items.filter((i) => pathOf.get(i.orgId)?.startsWith(receiver.path));
      expect(grouped.get(receiver.id) ?? []).toEqual(quadratic);
    }
    // Ids that are prefixes of one another as text: '/1/5/' is not an ancestor of '/1/50/'.
    const paths = new Map([
      [1, '/1/'],
      [5, '/1/5/'],
      [50, '/1/50/'],
      [7, '/1/5/7/'],
    ]);
    const g = itemsBySubtree([{ orgId: 50 }, { orgId: 7 }, { orgId: 5 }], (id) => paths.get(id));
    expect(g.get(5)).toEqual([{ orgId: 7 }, { orgId: 5 }]);
    expect(g.get(50)).toEqual([{ orgId: 50 }]);
    expect(g.get(1)).toEqual([{ orgId: 50 }, { orgId: 7 }, { orgId: 5 }]);
  });
});

describe('reminder e-mail', () => {
  it('sends the digest by SMTP, records sent or failed with the server’s answer, and sends what was queued before, once', async () => {
    const org = await t.login('org');
    const secretary = await t.login('secretary');
    // Yesterday's digest (demo) left the branch's mailbox queued: there was no mail server then.
    const before = (await deliveries(erId)).filter((d) => d.target === demoMailbox);
    expect(before.map((d) => [d.day, d.status, d.detail])).toEqual([[addDays(DEMO_TODAY, -1), 'queued', 'NO_MAIL_SERVER']]);
    expect((await org.get('/api/v1/orglife/deliveries')).json().mailConfigured).toBe(true);

    const good = (await secretary.post(`/api/v1/orglife/orgs/${erId}/channels`, { kind: 'email', target: 'zhibu@hospital.example.org' })).json();
    const bad = (await secretary.post(`/api/v1/orglife/orgs/${erId}/channels`, { kind: 'email', target: 'nobody@rejected.example.org' })).json();
    const run = await org.post('/api/v1/orglife/reminders/run');
    expect(run.statusCode).toBe(200);
    const mine = run.json().deliveries.filter((d: { channelId: number }) => [good.id, bad.id].includes(d.channelId));
    expect(mine).toEqual([
      { channelId: good.id, kind: 'email', status: 'sent', detail: '250 OK: message queued' },
      { channelId: bad.id, kind: 'email', status: 'failed', detail: '550 5.1.1 <nobody@rejected.example.org>: Recipient address rejected: User unknown' },
    ]);
    // The app signed in with the user and password of SMTP_URL; the sender is that user.
    expect(smtp.logins.length).toBeGreaterThan(0);
    expect(smtp.logins.every((u) => u === LOGIN.user)).toBe(true);

    // The message: to the channel's address, subject and plain text in Chinese with the org and its items.
    const digest = ((await secretary.get('/api/v1/orglife/notifications')).json().items as Digest[]).find((d) => d.orgId === erId && d.day === DEMO_TODAY)!;
    expect(digest.items.length).toBeGreaterThan(0);
    const toGood = smtp.received.filter((m) => m.rcptTo.includes('zhibu@hospital.example.org'));
    expect(toGood).toHaveLength(1);
    const mail = toGood[0]!;
    expect(mail.rcptTo).toEqual(['zhibu@hospital.example.org']);
    expect(mail.mailFrom).toBe(LOGIN.user);
    expect(mail.headers.get('from')).toBe(LOGIN.user);
    // Meeting items, and since the other modules contribute (lib/digest.ts), development deadlines and dues arrears: 党建工作提醒.
    expect(mail.subject).toBe(`急诊科全科医学科党支部 党建工作提醒（${DEMO_TODAY}）`);
    expect(mail.headers.get('content-type')).toMatch(/^text\/plain/);
    const lines = mail.text.split('\n').filter((l) => l.startsWith('- '));
    const meetings = digest.items.filter((i) => i.type === 'orglife');
    expect(meetings.length).toBeGreaterThan(0);
    for (const item of meetings) {
      expect(lines.some((l) => l.includes(`${item.ruleName}（${item.period}）`) && l.includes(item.state === 'missed' ? '已逾期未开展' : `将于 ${item.dueOn} 到期`))).toBe(true);
    }
    expect(lines.filter((l) => /将于 .* 到期|已逾期未开展/.test(l) && !l.includes('党员发展'))).toHaveLength(meetings.length);
    expect(mail.text).toContain('可在系统中关闭提醒');
    expect(smtp.received.some((m) => m.rcptTo.includes('nobody@rejected.example.org'))).toBe(false);

    // The demo mailbox: today's digest, and yesterday's that waited for a mail server (dated yesterday).
    const toDemo = smtp.received.filter((m) => m.rcptTo.includes(demoMailbox)).map((m) => m.subject);
    expect(toDemo.sort()).toEqual([`急诊科全科医学科党支部 党建工作提醒（${addDays(DEMO_TODAY, -1)}）`, `急诊科全科医学科党支部 党建工作提醒（${DEMO_TODAY}）`]);

    // The settings page's list: sent with the answer, failed with the reason, nothing queued left.
    const list = await deliveries(erId);
    expect(list.find((d) => d.channelId === good.id)).toMatchObject({ status: 'sent', detail: '250 OK: message queued' });
    expect(list.find((d) => d.channelId === bad.id)).toMatchObject({ status: 'failed', detail: expect.stringContaining('550 5.1.1') });
    expect(list.filter((d) => d.target === demoMailbox).map((d) => [d.day, d.status])).toEqual([
      [DEMO_TODAY, 'sent'],
      [addDays(DEMO_TODAY, -1), 'sent'],
    ]);
    expect(list.every((d) => !d.detail.includes('\n') && !/\bat .+:\d+:\d+/.test(d.detail))).toBe(true);
    expect((await org.get(`/api/v1/orglife/deliveries?orgId=${erId}&status=queued`)).json().total).toBe(0);

    // Again the same day: no digest, nothing sent again.
    const count = smtp.received.length;
    expect((await org.post('/api/v1/orglife/reminders/run')).json()).toEqual({ digests: 0, personal: 0, deliveries: [] });
    expect(smtp.received).toHaveLength(count);
  });

  it('does not send a stale queued e-mail late, nor one whose sending was cut off', async () => {
    const db = t.database.db;
    const org = await t.login('org');
    const channel = (await (await t.login('secretary')).post(`/api/v1/orglife/orgs/${erId}/channels`, { kind: 'email', target: 'old@hospital.example.org' })).json();
    const stale = await db
      .insertInto('orglife_digests')
      .values({ tenant_id: tenantId, org_id: erId, day: addDays(DEMO_TODAY, -20), items: JSON.stringify([{ orgId: erId, orgName: '急诊科全科医学科党支部', rule: 'theme_party_day', period: '2026-10', state: 'missed', dueOn: '2026-10-31' }]) })
      .returning('id')
      .executeTakeFirstOrThrow();
    const cut = await db
      .insertInto('orglife_digests')
      .values({ tenant_id: tenantId, org_id: erId, day: addDays(DEMO_TODAY, -2), items: JSON.stringify([{ orgId: erId, orgName: '急诊科全科医学科党支部', rule: 'theme_party_day', period: '2026-11', state: 'due_soon', dueOn: '2026-11-30' }]) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('orglife_deliveries').values({ tenant_id: tenantId, digest_id: stale.id, channel_id: channel.id, status: 'queued', detail: 'NO_MAIL_SERVER' }).execute();
    await db.insertInto('orglife_deliveries').values({ tenant_id: tenantId, digest_id: cut.id, channel_id: channel.id, status: 'queued', detail: 'SENDING', at: sql<Date>`now() - interval '1 hour'` }).execute();
    const count = smtp.received.length;
    const run = (await org.post('/api/v1/orglife/reminders/run')).json();
    expect(run.deliveries).toEqual([{ channelId: channel.id, kind: 'email', status: 'failed', detail: 'EXPIRED' }]);
    expect(smtp.received).toHaveLength(count);
    const list = (await deliveries(erId)).filter((d) => d.channelId === channel.id);
    expect(list.map((d) => [d.day, d.status, d.detail])).toEqual([
      [addDays(DEMO_TODAY, -2), 'failed', 'INTERRUPTED'],
      [addDays(DEMO_TODAY, -20), 'failed', 'EXPIRED'],
    ]);
    // A digest stored before items were typed reads as organisational life in-app.
    const notes = (await (await t.login('secretary')).get('/api/v1/orglife/notifications')).json().items as Digest[];
    expect(notes.find((d) => d.id === cut.id)?.items).toEqual([
      { type: 'orglife', orgId: erId, orgName: '急诊科全科医学科党支部', rule: 'theme_party_day', ruleName: '主题党日', period: '2026-11', state: 'due_soon', stateName: '即将到期', dueOn: '2026-11-30' },
    ]);
  });
});

describe('overdue transfer receipts in the daily digest', () => {
  it('puts each 回执 not back within a month into the 党委’s digest until it is recorded; a recent letter waits its month', async () => {
    const db = t.database.db;
    const org = await t.login('org');
    const secretary = await t.login('secretary');
    const members = await db
      .selectFrom('members')
      .select(['id', 'name'])
      .where('tenant_id', '=', tenantId)
      .where('org_id', '=', erId)
      .where('status', '=', 'active')
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('member_org_periods as p').select('p.id').whereRef('p.member_id', '=', 'members.id').where('p.from_on', '>', '2026-10-01'))),
      )
      .orderBy('id', 'desc')
      .limit(2)
      .execute();
    expect(members).toHaveLength(2);
    const [old, recent] = members as [(typeof members)[0], (typeof members)[0]];
    // Effective 2026-10-20: the 回执 was due 2026-11-20. Effective 2026-10-24: due 2026-11-24, not late on the 24th.
    const oldOut = (await org.post('/api/v1/transfers/out', { memberId: old.id, toOrgName: '中共示例市第三人民医院委员会', effectiveOn: '2026-10-20' })).json();
    const recentOut = (await org.post('/api/v1/transfers/out', { memberId: recent.id, toOrgName: '中共示例市中医医院委员会', effectiveOn: '2026-10-24' })).json();
    expect([oldOut.receiptDueOn, recentOut.receiptDueOn]).toEqual(['2026-11-20', '2026-11-24']);
    // The organisation office reads its mailbox; the 党委 had no channel until now.
    const officeMail = (await org.post(`/api/v1/orglife/orgs/${rootId}/channels`, { kind: 'email', target: 'zuzhibu@hospital.example.org' })).json();

    type Notes = { items: Digest[] };
    const receiptsIn = (d: Digest | undefined) => (d?.items ?? []).filter((i) => i.type === 'transfer_receipt');
    try {
      // Yesterday's digest (demo, before any channel): the 党委 got one for the 回执 (and its own work: the committees' terms and
      // the decision tasks and contact-point follow-ups its offices supervise), not the meeting items the matrix shows it.
      const yesterday = ((await org.get('/api/v1/orglife/notifications')).json() as Notes).items.find((d) => d.orgId === rootId && d.day === addDays(DEMO_TODAY, -1));
      expect(yesterday?.items.some((i) => i.type === 'transfer_receipt')).toBe(true);
      expect(yesterday!.items.every((i) => ['transfer_receipt', 'org_term', 'decision_task', 'contact_followup'].includes(i.type))).toBe(true);

      day = addDays(DEMO_TODAY, 1); // 2026-11-24
      const run = (await org.post('/api/v1/orglife/reminders/run')).json();
      expect(run.digests).toBeGreaterThan(0);
      const notes = ((await org.get('/api/v1/orglife/notifications')).json() as Notes).items;
      const committee = notes.find((d) => d.orgId === rootId && d.day === day);
      const receipts = receiptsIn(committee);
      expect(receipts.map((i) => i.transferId)).toContain(oldOut.id);
      expect(receipts.map((i) => i.transferId)).not.toContain(recentOut.id);
      expect(receipts.find((i) => i.transferId === oldOut.id)).toEqual({
        type: 'transfer_receipt',
        orgId: erId,
        orgName: '急诊科全科医学科党支部',
        transferId: oldOut.id,
        memberName: old.name,
        letterNo: oldOut.letterNo,
        toOrgName: '中共示例市第三人民医院委员会',
        effectiveOn: '2026-10-20',
        dueOn: '2026-11-20',
      });
      // The same rule as the transfer list's overdue filter.
      const overdue = (await org.get('/api/v1/transfers?receipt=overdue&pageSize=100')).json();
      expect(receipts.map((i) => i.transferId).sort()).toEqual(overdue.items.map((x: { id: number }) => x.id).sort());
      // With a channel the 党委's digest carries its subtree's meeting items too, as before.
      expect(committee!.items.some((i) => i.type === 'orglife')).toBe(true);
      // The former branch is not reminded (see runReminders).
      const branch = ((await secretary.get('/api/v1/orglife/notifications')).json() as Notes).items.find((d) => d.orgId === erId && d.day === day);
      expect(branch).toBeDefined();
      expect(receiptsIn(branch)).toEqual([]);

      // The organisation office's e-mail names the member, the letter and where it went.
      const mail = smtp.received.find((m) => m.rcptTo.includes('zuzhibu@hospital.example.org') && m.subject.includes(day));
      expect(mail?.subject).toBe(`${rootName} 党建工作提醒（${day}）`);
      expect(mail!.text).toContain(`组织关系介绍信回执逾期未收回：${old.name}（介绍信 ${oldOut.letterNo}，2026-10-20 由急诊科全科医学科党支部转往中共示例市第三人民医院委员会，回执应于 2026-11-20 前收回）`);
      expect(mail!.text).not.toContain(recent.name);
      expect((await deliveries(rootId)).find((d) => d.channelId === officeMail.id && d.day === day)?.status).toBe('sent');

      // The 回执 comes back; the next day it is gone, and the recent letter, now a day past its month, is in.
      expect((await org.post(`/api/v1/transfers/${oldOut.id}/receipt`, { version: 1, receivedOn: day })).statusCode).toBe(200);
      day = addDays(DEMO_TODAY, 2); // 2026-11-25
      await org.post('/api/v1/orglife/reminders/run');
      const next = ((await org.get('/api/v1/orglife/notifications')).json() as Notes).items.find((d) => d.orgId === rootId && d.day === day);
      const nextIds = receiptsIn(next).map((i) => i.transferId);
      expect(nextIds).not.toContain(oldOut.id);
      expect(nextIds).toContain(recentOut.id);
      expect(nextIds.length).toBe(receipts.length);
    } finally {
      day = DEMO_TODAY;
    }
  });
});

describe('robot message size', () => {
  const item = (n: number): DigestItem => ({ type: 'orglife', orgId: n, orgName: `第${n}党支部`, rule: 'theme_party_day', period: '2026-11', state: 'due_soon', dueOn: '2026-11-30' });

  it('sends a short digest whole', () => {
    const text = digestMarkdown('中共示例医院委员会', [item(1), item(2)]);
    expect(text.split('\n')).toEqual(['**中共示例医院委员会 组织生活提醒**', '- 第1党支部：主题党日（2026-11）将于 2026-11-30 到期', '- 第2党支部：主题党日（2026-11）将于 2026-11-30 到期', '（按规则自动生成，每日至多一次，可在系统中关闭提醒）']);
  });

  it('cuts a 党委’s long digest to what a 企业微信 robot accepts, and says how many more there are', () => {
    const items = Array.from({ length: 300 }, (_, i) => item(i + 1));
    const text = digestMarkdown('中共示例医院委员会', items);
    expect(Buffer.byteLength(text, 'utf8')).toBeLessThanOrEqual(ROBOT_MARKDOWN_MAX_BYTES);
    const lines = text.split('\n');
    const shown = lines.filter((l) => l.startsWith('- 第')).length;
    expect(shown).toBeGreaterThan(40);
    expect(lines.at(-2)).toBe(`- ……另有 ${300 - shown} 项，请登录系统查看`);
    expect(lines.at(-1)).toBe('（按规则自动生成，每日至多一次，可在系统中关闭提醒）');
    // Filled up: one more item would not have fitted.
    expect(Buffer.byteLength(text, 'utf8') + Buffer.byteLength(`\n- 第${shown + 1}党支部：主题党日（2026-11）将于 2026-11-30 到期`, 'utf8')).toBeGreaterThan(ROBOT_MARKDOWN_MAX_BYTES);
  });
});
