import { type AddressInfo, createServer as createTcpServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpMailer } from '../lib/mail.js';
import { DEMO_TODAY, type TestApp, createTestApp, errorOf } from '../test/harness.js';
import { startSmtpReceiver } from '../test/smtp.js';
import { startWebhookReceiver, webhookTestOptions } from '../test/webhookReceiver.js';
import { webhookPoster } from '../modules/orglife/reminders.js';
import { reminderTimeOf, startReminderJob } from './reminders.js';

let t: TestApp;
let erId: number;
let tenantId: number;

beforeAll(async () => {
  t = await createTestApp({ webhooks: webhookTestOptions });
  const tenant = await t.database.db.selectFrom('tenants').select('id').where('code', '=', 'demo').executeTakeFirstOrThrow();
  tenantId = tenant.id;
  erId = (await t.database.db.selectFrom('orgs').select('id').where('tenant_id', '=', tenant.id).where('name', '=', '急诊科全科医学科党支部').executeTakeFirstOrThrow()).id;
});
afterAll(() => t.close());

describe('daily reminder job', () => {
  it('reads REMINDER_TIME as HH:MM China time, 08:00 by default', () => {
    expect(reminderTimeOf(undefined)).toBe('08:00');
    expect(reminderTimeOf(' 07:30 ')).toBe('07:30');
    expect(() => reminderTimeOf('8am')).toThrow(/HH:MM/);
    expect(() => reminderTimeOf('24:00')).toThrow(/HH:MM/);
  });

  it('runs once a day at the configured hour: webhooks sent, e-mail kept queued while no mail server is configured and shown as such, muted people skipped', async () => {
    const server = await startWebhookReceiver();
    const received = server.received;
    const url = server.url('/robot/send?access_token=test');
    // The clock of the job; China time is UTC+8, so 23:59 UTC on the 22nd is 07:59 on the 23rd.
    let now = new Date('2026-11-22T23:59:00Z');
    const poster = webhookPoster(webhookTestOptions);
    const job = startReminderJob(t.app, { at: '08:00', now: () => now, checkEveryMs: 3_600_000, log: () => undefined, poster });
    try {
      const secretary = await t.login('secretary');
      const org = await t.login('org');
      const robot = (await secretary.post(`/api/v1/orglife/orgs/${erId}/channels`, { kind: 'dingtalk', target: url })).json();
      const mail = (await secretary.post(`/api/v1/orglife/orgs/${erId}/channels`, { kind: 'email', target: 'dangzhibu@example.org' })).json();
      // The organisation office adds a mailbox too, then mutes its own reminders.
      const officeMail = (await org.post(`/api/v1/orglife/orgs/${erId}/channels`, { kind: 'email', target: 'zuzhibu@example.org' })).json();
      expect((await org.put('/api/v1/orglife/notifications/mute', { muted: true })).statusCode).toBe(200);

      expect(await job.tick()).toBeNull(); // 07:59: not yet
      expect(received).toHaveLength(0);
      now = new Date('2026-11-23T00:00:00Z'); // 08:00
      const runs = await job.tick();
      expect(runs).not.toBeNull();
      const demo = runs!.find((r) => r.deliveries.some((d) => d.channelId === robot.id))!;
      expect(demo.digests).toBeGreaterThan(0);
      const byChannel = new Map(demo.deliveries.map((d) => [d.channelId, d]));
      expect(byChannel.get(robot.id)).toEqual({ channelId: robot.id, kind: 'dingtalk', status: 'sent', detail: 'HTTP 200' });
      expect(byChannel.get(mail.id)).toEqual({ channelId: mail.id, kind: 'email', status: 'queued', detail: 'NO_MAIL_SERVER' });
      expect(byChannel.get(officeMail.id)?.status).toBe('skipped_muted');
      expect(received).toHaveLength(1);
      const message = received[0] as { msgtype: string; markdown: { title: string; text: string } };
      // Meetings, development deadlines and dues arrears of the branch (lib/digest.ts sources): 党建工作提醒.
      expect(message.markdown.title).toBe('急诊科全科医学科党支部 党建工作提醒');

      // Later the same day, and after a restart the same day: nothing more is sent.
      now = new Date('2026-11-23T09:00:00Z');
      expect(await job.tick()).toBeNull();
      const restarted = startReminderJob(t.app, { at: '08:00', now: () => now, checkEveryMs: 3_600_000, log: () => undefined, poster });
      const again = await restarted.tick();
      await restarted.stop();
      expect(again!.every((r) => r.digests === 0 && r.deliveries.length === 0)).toBe(true);
      expect(received).toHaveLength(1);

      // The settings page lists the deliveries, the queued e-mail with its reason.
      expect((await t.anonymous().get('/api/v1/orglife/deliveries')).statusCode).toBe(401);
      expect(errorOf(await secretary.get('/api/v1/orglife/deliveries?status=lost')).code).toBe('VALIDATION_FAILED');
      expect((await (await t.login('member')).get('/api/v1/orglife/deliveries')).statusCode).toBe(403);
      const list = (await secretary.get(`/api/v1/orglife/deliveries?orgId=${erId}&pageSize=100`)).json();
      const queued = list.items.find((d: { channelId: number }) => d.channelId === mail.id);
      expect(queued).toMatchObject({ orgId: erId, day: '2026-11-23', kind: 'email', target: 'dangzhibu@example.org', status: 'queued', detail: 'NO_MAIL_SERVER' });
      expect(queued.items).toBeGreaterThan(0);
      const mine = list.items.filter((d: { channelId: number }) => [robot.id, mail.id, officeMail.id].includes(d.channelId));
      expect(mine.map((d: { status: string }) => d.status).sort()).toEqual(['queued', 'sent', 'skipped_muted']);
      expect(list.items.every((d: { orgId: number }) => d.orgId === erId)).toBe(true);
    } finally {
      await job.stop();
      await server.close();
    }
  });

  it('once a mail server is configured, sends the e-mails left queued, each once; an unreachable server fails them with the reason', async () => {
    const db = t.database.db;
    const queued = () =>
      db
        .selectFrom('orglife_deliveries as v')
        .innerJoin('orglife_channels as c', (j) => j.onRef('c.tenant_id', '=', 'v.tenant_id').onRef('c.id', '=', 'v.channel_id'))
        .innerJoin('orglife_digests as d', (j) => j.onRef('d.tenant_id', '=', 'v.tenant_id').onRef('d.id', '=', 'v.digest_id'))
        .select(['v.digest_id', 'v.channel_id', 'c.target', 'd.day', 'v.status', 'v.detail'])
        .where('c.kind', '=', 'email')
        .orderBy('d.day')
        .orderBy('v.channel_id')
        .execute();
    // Left by the run above (no mail server), in every tenant: the branch's mailbox today, the demo mailboxes yesterday and today.
    const waiting = (await queued()).filter((d) => d.status === 'queued');
    expect(waiting.map((d) => d.target)).toContain('dangzhibu@example.org');
    expect(waiting.length).toBeGreaterThanOrEqual(3);
    expect(waiting.every((d) => d.detail === 'NO_MAIL_SERVER')).toBe(true);

    const smtp = await startSmtpReceiver();
    const mailer = smtpMailer({ url: `smtp://127.0.0.1:${smtp.port}`, from: '红医 <hongyi@example.org>' });
    const at = (iso: string) => ({ at: '08:00', now: () => new Date(iso), checkEveryMs: 3_600_000, log: () => undefined, mailer });
    try {
      const job = startReminderJob(t.app, at('2026-11-24T00:30:00Z'));
      const runs = await job.tick();
      await job.stop();
      expect(runs!.every((r) => r.digests === 0)).toBe(true); // today's digests were made by the run above
      expect(runs!.flatMap((r) => r.deliveries.map((d) => d.status))).toEqual(waiting.map(() => 'sent'));
      expect(smtp.received.map((m) => m.rcptTo[0]).sort()).toEqual(waiting.map((d) => d.target).sort());
      const branchMail = smtp.received.find((m) => m.rcptTo[0] === 'dangzhibu@example.org')!;
      expect(branchMail.subject).toBe(`急诊科全科医学科党支部 党建工作提醒（${DEMO_TODAY}）`);
      expect(branchMail.headers.get('from')).toBe('红医 <hongyi@example.org>');
      const after = await queued();
      expect(after.filter((d) => d.status === 'queued')).toEqual([]);
      // The muted person's mailbox stays skipped: muting is not undone by a mail server.
      expect(after.filter((d) => d.target === 'zuzhibu@example.org').map((d) => d.status)).toEqual(['skipped_muted']);

      // The next day's start, or a second server: nothing is sent twice.
      const again = startReminderJob(t.app, at('2026-11-25T00:30:00Z'));
      expect((await again.tick())!.every((r) => r.deliveries.length === 0)).toBe(true);
      await again.stop();
      expect(smtp.received).toHaveLength(waiting.length);
    } finally {
      await smtp.close();
    }

    // A server that does not answer: the e-mail fails with the connection error (no stack), and is not tried again.
    const closed = createTcpServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const secretary = await t.login('secretary');
    const late = (await secretary.post(`/api/v1/orglife/orgs/${erId}/channels`, { kind: 'email', target: 'late@example.org' })).json();
    const digest = (await db.selectFrom('orglife_digests').select('id').where('tenant_id', '=', tenantId).where('org_id', '=', erId).where('day', '=', DEMO_TODAY).executeTakeFirstOrThrow()).id;
    await db.insertInto('orglife_deliveries').values({ tenant_id: tenantId, digest_id: digest, channel_id: late.id, status: 'queued', detail: 'NO_MAIL_SERVER' }).execute();
    const deadMailer = smtpMailer({ url: `smtp://127.0.0.1:${deadPort}`, from: 'hongyi@example.org' });
    const dead = startReminderJob(t.app, { at: '08:00', now: () => new Date('2026-11-26T00:30:00Z'), checkEveryMs: 3_600_000, log: () => undefined, mailer: deadMailer });
    const failed = (await dead.tick())!.find((r) => r.tenantId === tenantId)!;
    await dead.stop();
    expect(failed.deliveries).toEqual([{ channelId: late.id, kind: 'email', status: 'failed', detail: `connect ECONNREFUSED 127.0.0.1:${deadPort}` }]);
    const list = (await secretary.get(`/api/v1/orglife/deliveries?orgId=${erId}&status=failed&pageSize=100`)).json();
    expect(list.items.find((d: { channelId: number }) => d.channelId === late.id)).toMatchObject({ status: 'failed', detail: `connect ECONNREFUSED 127.0.0.1:${deadPort}` });
    const retry = startReminderJob(t.app, { at: '08:00', now: () => new Date('2026-11-27T00:30:00Z'), checkEveryMs: 3_600_000, log: () => undefined, mailer: deadMailer });
    expect((await retry.tick())!.every((r) => r.deliveries.length === 0)).toBe(true);
    await retry.stop();
  });

  it('stops: a stopped job runs nothing', async () => {
    const job = startReminderJob(t.app, { at: '00:00', now: () => new Date('2026-11-24T01:00:00Z'), checkEveryMs: 3_600_000, log: () => undefined });
    await job.stop();
    expect(await job.tick()).toBeNull();
  });
});
