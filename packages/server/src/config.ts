import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { type WebhookAllowList, readWebhookAllowList } from './lib/webhook.js';

export interface MailConfig {
  /** smtp://user:pass@host:port (STARTTLS when the server offers it) or smtps://… (TLS from the start). */
  url: string;
  /** The From address, e.g. `红医 <dangjian@hospital.example.cn>`. */
  from: string;
}

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  demo: boolean;
  sessionSecret: string;
  sessionIdleMinutes: number;
  secureCookie: boolean;
  /** Outgoing e-mail for reminder digests (SMTP_URL, MAIL_FROM); null: e-mail stays queued. */
  mail: MailConfig | null;
  /** Which proxies' X-Forwarded-For to believe (TRUST_PROXY): none by default. */
  trustProxy: TrustProxy;
  /** PostgreSQL statement_timeout for the app's queries, ms (DATABASE_STATEMENT_TIMEOUT seconds); 0: none. */
  statementTimeoutMs: number;
  /** Intranet gateways a group-robot webhook may reach (WEBHOOK_ALLOW_HOSTS); public https addresses otherwise. */
  webhookAllow: WebhookAllowList;
}

/** As Fastify's trustProxy takes it: false (none), a hop count, or addresses / CIDR ranges. */
export type TrustProxy = false | number | string[];

/**
 * Reads the environment. SESSION_SECRET may be left unset on a single machine: a random one is
 * then kept in DATA_DIR so sessions survive restarts.
 */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = resolve(env.DATA_DIR ?? 'data');
  let sessionSecret = env.SESSION_SECRET ?? '';
  if (!sessionSecret) {
    mkdirSync(dataDir, { recursive: true });
    const file = resolve(dataDir, '.session-secret');
    if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
    sessionSecret = readFileSync(file, 'utf8').trim();
  }
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    demo: env.HONGYI_DEMO !== '0',
    sessionSecret,
    sessionIdleMinutes: Number(env.SESSION_IDLE_MINUTES ?? 30),
    secureCookie: env.COOKIE_SECURE === '1',
    mail: readMailConfig(env),
    trustProxy: readTrustProxy(env.TRUST_PROXY),
    statementTimeoutMs: readStatementTimeout(env.DATABASE_STATEMENT_TIMEOUT),
    webhookAllow: readWebhookAllowList(env.WEBHOOK_ALLOW_HOSTS),
  };
}

/** DATABASE_STATEMENT_TIMEOUT in seconds (30 by default, 0 for none), as milliseconds. */
export function readStatementTimeout(value: string | undefined): number {
  const text = value?.trim() ?? '';
  if (text === '') return 30_000;
  if (!/^\d+(\.\d+)?$/.test(text)) throw new Error(`DATABASE_STATEMENT_TIMEOUT must be a number of seconds (0 for none), not "${text}"`);
  return Math.round(Number(text) * 1000);
}

const PROXY_KEYWORDS = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * Reads TRUST_PROXY. Unset: X-Forwarded-For is ignored and the client is the connecting address
 * (a forged header cannot dodge the login limit or write a false address into the audit log).
 * Behind a reverse proxy: the number of proxies in front (e.g. 1), or their addresses and CIDR
 * ranges, comma-separated (e.g. 10.0.0.5,192.168.10.0/24; also proxy-addr's loopback,
 * linklocal, uniquelocal). "true" (believe anyone) is refused.
 */
export function readTrustProxy(value: string | undefined): TrustProxy {
  const text = value?.trim() ?? '';
  if (text === '' || text === '0' || text === 'false') return false;
  if (/^\d+$/.test(text)) return Number(text);
  const entries = text.split(',').map((e) => e.trim()).filter(Boolean);
  for (const entry of entries) {
    if (PROXY_KEYWORDS.has(entry)) continue;
    const [address, prefix, ...rest] = entry.split('/');
    const family = isIP(address ?? '');
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 6 ? 128 : 32));
    if (!family || !prefixOk || rest.length > 0) {
      throw new Error(
        `TRUST_PROXY must be the number of proxies in front of the server (e.g. 1) or their addresses / CIDR ranges, comma-separated (e.g. 10.0.0.5,192.168.10.0/24); "${entry}" is neither`,
      );
    }
  }
  return entries;
}

/**
 * Reads SMTP_URL and MAIL_FROM; null when SMTP_URL is unset. A malformed value is an error at
 * startup rather than a silent failure at 08:00. MAIL_FROM defaults to the SMTP user when that is
 * an address (most providers only accept mail from the account that signs in).
 */
export function readMailConfig(env: NodeJS.ProcessEnv): MailConfig | null {
  const url = env.SMTP_URL?.trim();
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // The value holds a password: never repeat it in the message.
    throw new Error('SMTP_URL must look like smtp://user:pass@host:port or smtps://user:pass@host:port');
  }
  if ((parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:') || !parsed.hostname) {
    throw new Error('SMTP_URL must look like smtp://user:pass@host:port or smtps://user:pass@host:port');
  }
  let user = parsed.username;
  try {
    user = decodeURIComponent(user);
  } catch {
    // A stray % in the user name: nodemailer will see it as written.
  }
  const from = env.MAIL_FROM?.trim() || (user.includes('@') ? user : '');
  if (!from) throw new Error('MAIL_FROM must be set (the sender address of reminder e-mails) when SMTP_URL is set');
  return { url, from };
}
