import { readFileSync } from 'node:fs';
import { type Server, createServer as createHttpsServer, Agent } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { WebhookOptions } from '../lib/webhook.js';

// A self-signed certificate for 127.0.0.1 and localhost, for tests only (valid until 2126).
const cert = readFileSync(new URL('./fixtures/webhook-test.crt', import.meta.url));
const key = readFileSync(new URL('./fixtures/webhook-test.key', import.meta.url));

/**
 * How tests let webhooks reach their own receiver: 127.0.0.1 on the allow-list, as an operator
 * would list an intranet gateway (WEBHOOK_ALLOW_HOSTS), and an agent that trusts the receiver's
 * certificate. Everything else about the checks stays as in production: https only, every other
 * private address refused, no redirects followed.
 */
export const webhookTestOptions: WebhookOptions = {
  allow: { hosts: [], networks: ['127.0.0.1'] },
  agent: new Agent({ ca: cert }),
};

export interface WebhookReceiver {
  /** https://127.0.0.1:<port><path> */
  url(path: string): string;
  received: unknown[];
  close(): Promise<void>;
}

/** An HTTPS robot on 127.0.0.1 that records each JSON body and answers like 企业微信 (or as `answer` says). */
export async function startWebhookReceiver(answer: (path: string) => { status: number; headers?: Record<string, string> } = () => ({ status: 200 })): Promise<WebhookReceiver> {
  const received: unknown[] = [];
  const server: Server = createHttpsServer({ cert, key }, (req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      received.push(JSON.parse(data || 'null'));
      const { status, headers } = answer(req.url ?? '/');
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end('{"errcode":0,"errmsg":"ok"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (path) => `https://127.0.0.1:${port}${path}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
