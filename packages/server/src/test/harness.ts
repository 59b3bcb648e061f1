import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { inject } from 'vitest';
import { buildApp } from '../app.js';
import type { TrustProxy } from '../config.js';
import { type Database, openDatabase } from '../db/database.js';
import type { Mailer } from '../lib/mail.js';
import type { WebhookOptions } from '../lib/webhook.js';
import { SESSION_COOKIE } from '../plugins/auth.js';
import { databaseUrlFor } from './postgres.js';

export const DEMO_PASSWORD = 'Demo@2026';
/** The date the demo hospital is generated for; tests see it as today. */
export const DEMO_TODAY = '2026-11-23';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  close(): Promise<void>;
  /** Signs in and returns a client that sends the session cookie and CSRF token. */
  login(username: string, password?: string): Promise<Client>;
  /** A client with no session. */
  anonymous(): Client;
}

export interface Client {
  csrfToken: string;
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
}

export async function openTestDatabase(empty: boolean, onQuery?: (sql: string) => void): Promise<{ database: Database; drop: () => Promise<void> }> {
  const config = inject('testDatabase');
  // Empty: a migrated database with no unit, as after `HONGYI_DEMO=0 npm start`; else the demo hospital.
  if (config.kind === 'pglite') {
    const database = await openDatabase({ loadDataDir: new Blob([readFileSync(empty ? config.emptyFile : config.dumpFile)]), onQuery });
    return { database, drop: async () => {} };
  }
  const name = `hongyi_t_${config.runId}_${randomBytes(4).toString('hex')}`;
  const admin = await openDatabase({ url: config.url });
  await sql.raw(`create database ${name} template ${empty ? config.emptyTemplate : config.template}`).execute(admin.db);
  const database = await openDatabase({ url: databaseUrlFor(config.url, name), onQuery });
  return {
    database,
    drop: async () => {
      await sql.raw(`drop database if exists ${name} with (force)`).execute(admin.db);
      await admin.close();
    },
  };
}

function client(app: FastifyInstance, cookie: string | null, csrfToken: string): Client {
  const request = (options: InjectOptions) =>
    app.inject({
      ...options,
      headers: {
        ...(cookie ? { cookie: `${SESSION_COOKIE}=${cookie}` } : {}),
        ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}),
        ...(options.headers ?? {}),
      },
    });
  return {
    csrfToken,
    request,
    get: (url) => request({ method: 'GET', url }),
    post: (url, body) => request({ method: 'POST', url, ...(body === undefined ? {} : { payload: body as object }) }),
    put: (url, body) => request({ method: 'PUT', url, ...(body === undefined ? {} : { payload: body as object }) }),
    patch: (url, body) => request({ method: 'PATCH', url, ...(body === undefined ? {} : { payload: body as object }) }),
    delete: (url) => request({ method: 'DELETE', url }),
  };
}

export async function createTestApp(
  options: {
    sessionIdleMinutes?: number;
    empty?: boolean;
    /** Reminder e-mails (a test's own SMTP receiver); none by default, as with no SMTP_URL. */
    mailer?: Mailer | null;
    /** The app's today; DEMO_TODAY by default (a test may move it on to see the next day's digest). */
    today?: () => string;
    /** Proxies whose X-Forwarded-For is believed (TRUST_PROXY); none by default. */
    trustProxy?: TrustProxy;
    /** Where robot webhooks may go; a test's own receiver needs webhookTestReceiver()'s options. */
    webhooks?: WebhookOptions;
    /** Serve GET /api/internal/backup with this token (as main.ts does). */
    backupToken?: string;
    /** Sees every statement the app runs through Kysely. */
    onQuery?: (sql: string) => void;
    /** Serve the web's files from this directory (as main.ts does with the build); none by default. */
    webDist?: string;
  } = {},
): Promise<TestApp> {
  const { database, drop } = await openTestDatabase(options.empty ?? false, options.onQuery);
  const app = await buildApp({
    database,
    sessionSecret: 'test-session-secret',
    sessionIdleMinutes: options.sessionIdleMinutes,
    webDist: options.webDist ?? null,
    version: 'test',
    today: options.today ?? (() => DEMO_TODAY),
    mailer: options.mailer ?? null,
    trustProxy: options.trustProxy,
    webhooks: options.webhooks,
    backupToken: options.backupToken,
  });
  await app.ready();
  return {
    app,
    database,
    async close() {
      await app.close();
      await database.close();
      await drop();
    },
    async login(username, password = DEMO_PASSWORD) {
      const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
      if (response.statusCode !== 200) throw new Error(`login ${username} failed: ${response.statusCode} ${response.body}`);
      const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE)?.value ?? null;
      return client(app, cookie, (response.json() as { csrfToken: string }).csrfToken);
    },
    anonymous: () => client(app, null, ''),
  };
}

export function errorOf(response: LightMyRequestResponse): { code: string; message: string; details?: Array<{ path: string; message: string }> } {
  return (response.json() as { error: { code: string; message: string; details?: Array<{ path: string; message: string }> } }).error;
}
