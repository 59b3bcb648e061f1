import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWebhookAllowList, checkWebhookTarget, isForbiddenAddress, postWebhook } from '../lib/webhook.js';
import { type Client, type TestApp, createTestApp, errorOf } from './harness.js';
import { startWebhookReceiver, webhookTestOptions } from './webhookReceiver.js';

let t: TestApp;
let secretary: Client;
let org: Client;
let erId: number;

beforeAll(async () => {
  // No allow-list: as a server without WEBHOOK_ALLOW_HOSTS.
  t = await createTestApp();
  secretary = await t.login('secretary');
  org = await t.login('org');
  erId = (await t.database.db.selectFrom('orgs').select('id').where('name', '=', '急诊科全科医学科党支部').executeTakeFirstOrThrow()).id;
});
afterAll(() => t.close());

describe('which addresses a webhook may reach', () => {
  it('refuses loopback, private, link-local, unique-local, CGNAT, multicast and unspecified addresses, IPv4 inside IPv6 too', () => {
    const forbidden = [
      '127.0.0.1', '127.8.8.8', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '100.127.255.254',
      '0.0.0.0', '224.0.0.1', '239.255.255.250', '255.255.255.255', '198.18.0.1', '192.0.2.1',
      '::', '::1', 'fe80::1', 'fc00::1', 'fd12:3456::1', 'ff02::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:169.254.169.254',
      '::ffff:10.0.0.1', '64:ff9b::a9fe:a9fe', '2002:7f00:1::', '2001:db8::1', '::127.0.0.1',
    ];
    const allowed = ['101.32.118.1', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2400:3200::1', '::ffff:8.8.8.8', '2002:0808:0808::1'];
    expect(forbidden.filter((a) => !isForbiddenAddress(a))).toEqual([]);
    expect(allowed.filter((a) => isForbiddenAddress(a))).toEqual([]);
    expect(isForbiddenAddress('not-an-address')).toBe(true);
  });

  it('resolves the name and checks every address it gives; https only; the allow-list lets an intranet gateway in', async () => {
    const dns = (table: Record<string, string[]>) => async (host: string) => {
      if (!(host in table)) throw new Error('ENOTFOUND');
      return table[host] as string[];
    };
    const resolve = dns({ 'qyapi.weixin.qq.com': ['101.32.118.1'], 'rebind.example.org': ['101.32.118.1', '127.0.0.1'], 'gw.hospital.local': ['10.20.1.5'] });
    const none = readWebhookAllowList(undefined);
    expect(await checkWebhookTarget('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x', none, resolve)).toMatchObject({ ok: true });
    expect(await checkWebhookTarget('http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x', none, resolve)).toEqual({ ok: false, problem: 'WEBHOOK_NOT_HTTPS' });
    expect(await checkWebhookTarget('https://rebind.example.org/', none, resolve)).toEqual({ ok: false, problem: 'WEBHOOK_FORBIDDEN_ADDRESS', address: '127.0.0.1' });
    expect(await checkWebhookTarget('https://[::ffff:169.254.169.254]/latest/meta-data', none, resolve)).toMatchObject({ ok: false, problem: 'WEBHOOK_FORBIDDEN_ADDRESS' });
    expect(await checkWebhookTarget('https://2130706433/', none, resolve)).toMatchObject({ ok: false, problem: 'WEBHOOK_FORBIDDEN_ADDRESS' });
    expect(await checkWebhookTarget('https://nowhere.invalid/', none, resolve)).toEqual({ ok: false, problem: 'WEBHOOK_UNRESOLVABLE' });
    expect(await checkWebhookTarget('https://user:pw@qyapi.weixin.qq.com/', none, resolve)).toEqual({ ok: false, problem: 'WEBHOOK_BAD_URL' });
    expect(await checkWebhookTarget('https://gw.hospital.local/robot', none, resolve)).toMatchObject({ ok: false, problem: 'WEBHOOK_FORBIDDEN_ADDRESS' });
    // WEBHOOK_ALLOW_HOSTS: by name or by range; the rest stays refused, and https stays required.
    for (const allow of [readWebhookAllowList('gw.hospital.local'), readWebhookAllowList(' 10.20.0.0/16 , other.local')]) {
      expect(await checkWebhookTarget('https://gw.hospital.local/robot', allow, resolve)).toMatchObject({ ok: true });
      expect(await checkWebhookTarget('http://gw.hospital.local/robot', allow, resolve)).toMatchObject({ ok: false, problem: 'WEBHOOK_NOT_HTTPS' });
      expect(await checkWebhookTarget('https://127.0.0.1/', allow, resolve)).toMatchObject({ ok: false, problem: 'WEBHOOK_FORBIDDEN_ADDRESS' });
    }
    expect(() => readWebhookAllowList('10.0.0.0/33')).toThrow(/WEBHOOK_ALLOW_HOSTS/);
    expect(() => readWebhookAllowList('https://gw.local/')).toThrow(/WEBHOOK_ALLOW_HOSTS/);
  });
});

describe('reminder channels', () => {
  it('are refused when saved with a clear reason on the field', async () => {
    for (const [target, reason] of [
      ['http://127.0.0.1:6379/', '只接受 https://'],
      ['https://127.0.0.1:6379/', '本机或内部网络'],
      ['https://169.254.169.254/latest/meta-data/', '本机或内部网络'],
      ['https://[::ffff:127.0.0.1]/', '本机或内部网络'],
      ['https://localhost:8080/', '本机或内部网络'],
      ['https://no-such-host.invalid/robot', '无法解析'],
    ] as const) {
      const res = await secretary.post(`/api/v1/orglife/orgs/${erId}/channels`, { kind: 'dingtalk', target });
      expect(res.statusCode, target).toBe(400);
      expect(errorOf(res).code, target).toBe('WEBHOOK_TARGET_REFUSED');
      expect(errorOf(res).details?.[0], target).toMatchObject({ path: 'body.target', message: expect.stringContaining(reason) });
      // Configuration names are for the system administrator; the secretary is told whom to ask.
      expect(errorOf(res).message, target).not.toContain('WEBHOOK_ALLOW_HOSTS');
    }
    // E-mail channels are not webhooks.
    expect((await secretary.post(`/api/v1/orglife/orgs/${erId}/channels`, { kind: 'email', target: 'zhibu@hospital.example.org' })).statusCode).toBe(201);
  });

  it('are checked again at delivery (DNS can change): a channel that now points inside is not posted to, and the log says why in a code', async () => {
    const server = await startWebhookReceiver();
    try {
      // As if the name had resolved to a public address when saved and to this server now.
      const tenant = await t.database.db.selectFrom('orgs').select('tenant_id').where('id', '=', erId).executeTakeFirstOrThrow();
      for (const target of [server.url('/robot'), server.url('/robot').replace('127.0.0.1', 'localhost')]) {
        await t.database.db.insertInto('orglife_channels').values({ tenant_id: tenant.tenant_id, org_id: erId, kind: 'wecom', target, user_id: null }).execute();
      }
      const run = (await org.post('/api/v1/orglife/reminders/run')).json() as { deliveries: Array<{ kind: string; status: string; detail: string }> };
      const robots = run.deliveries.filter((d) => d.kind === 'wecom');
      expect(robots.map((d) => [d.status, d.detail])).toEqual([
        ['failed', 'WEBHOOK_FORBIDDEN_ADDRESS'],
        ['failed', 'WEBHOOK_FORBIDDEN_ADDRESS'],
      ]);
      expect(server.received).toEqual([]);
      const list = (await org.get(`/api/v1/orglife/deliveries?orgId=${erId}&status=failed`)).json() as { items: Array<{ detail: string }> };
      expect(list.items.every((d) => /^(WEBHOOK_[A-Z_]+|HTTP \d{3})$/.test(d.detail))).toBe(true);
    } finally {
      await server.close();
    }
  });
});

describe('delivery', () => {
  it('posts to an allowed https receiver, follows no redirect, and reports failures as short codes', async () => {
    const server = await startWebhookReceiver((path) =>
      path.startsWith('/moved') ? { status: 302, headers: { location: 'https://127.0.0.1:1/elsewhere' } } : path.startsWith('/broken') ? { status: 500 } : { status: 200 },
    );
    try {
      expect(await postWebhook(server.url('/robot'), { msgtype: 'text' }, webhookTestOptions)).toEqual({ ok: true, status: 200, detail: 'HTTP 200' });
      expect(server.received).toEqual([{ msgtype: 'text' }]);
      expect(await postWebhook(server.url('/moved'), {}, webhookTestOptions)).toEqual({ ok: false, status: 302, detail: 'WEBHOOK_REDIRECT' });
      expect(server.received).toHaveLength(2);
      expect(await postWebhook(server.url('/broken'), {}, webhookTestOptions)).toEqual({ ok: false, status: 500, detail: 'HTTP 500' });
      // Without the allow-list the same receiver is refused before any connection.
      expect(await postWebhook(server.url('/robot'), {}, { allow: readWebhookAllowList(undefined) })).toEqual({ ok: false, status: 0, detail: 'WEBHOOK_FORBIDDEN_ADDRESS' });
      // A certificate the server does not trust, a closed port: codes, not the errors' texts.
      expect(await postWebhook(server.url('/robot'), {}, { allow: webhookTestOptions.allow })).toEqual({ ok: false, status: 0, detail: 'WEBHOOK_TLS' });
      expect(await postWebhook('https://127.0.0.1:1/robot', {}, webhookTestOptions)).toEqual({ ok: false, status: 0, detail: 'WEBHOOK_UNREACHABLE' });
      expect(server.received).toHaveLength(3);
    } finally {
      await server.close();
    }
  });
});
