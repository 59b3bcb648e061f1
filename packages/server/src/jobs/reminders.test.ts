import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp, errorOf } from '../test/harness.js';
import { reminderTimeOf, startReminderJob } from './reminders.js';

let t: TestApp;
let erId: number;

beforeAll(async () => {
  t = await createTestApp();
  const tenant = await t.database.db.selectFrom('tenants').select('id').where('code', '=', 'demo').executeTakeFirstOrThrow();
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

  it('runs once a day at the configured hour: webhooks sent, e-mail kept queued and shown as such, muted people skipped', async () => {
    const received: unknown[] = [];
    const server = createServer((req, res) => {
      let data = '';
      req.on('data', (c) => (data += c));
      req.on('end', () => {
        received.push(JSON.parse(data));
        res.end('{"errcode":0}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/robot/send?access_token=test`;
    // The clock of the job; China time is UTC+8, so 23:59 UTC on the 22nd is 07:59 on the 23rd.
    let now = new Date('2026-11-22T23:59:00Z');
    const job = startReminderJob(t.app, { at: '08:00', now: () => now, checkEveryMs: 3_600_000, log: () => undefined });
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
      expect(message.markdown.title).toBe('急诊科全科医学科党支部 组织生活提醒');

      // Later the same day, and after a restart the same day: nothing more is sent.
      now = new Date('2026-11-23T09:00:00Z');
      expect(await job.tick()).toBeNull();
      const restarted = startReminderJob(t.app, { at: '08:00', now: () => now, checkEveryMs: 3_600_000, log: () => undefined });
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
      server.close();
    }
  });

  it('stops: a stopped job runs nothing', async () => {
    const job = startReminderJob(t.app, { at: '00:00', now: () => new Date('2026-11-24T01:00:00Z'), checkEveryMs: 3_600_000, log: () => undefined });
    await job.stop();
    expect(await job.tick()).toBeNull();
  });
});
