import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  demo: boolean;
  sessionSecret: string;
  sessionIdleMinutes: number;
  secureCookie: boolean;
}

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
  };
}
