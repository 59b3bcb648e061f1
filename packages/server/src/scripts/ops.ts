import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface RunningServer {
  pid: number;
  port: number;
  backupToken: string;
}

/** The server running on this data directory, from the DATA_DIR/server.json it writes when it listens (null when none is, or its process has gone). */
export function runningServer(dataDir: string): RunningServer | null {
  const file = resolve(dataDir, 'server.json');
  if (!existsSync(file)) return null;
  const server = JSON.parse(readFileSync(file, 'utf8')) as RunningServer;
  try {
    process.kill(server.pid, 0);
    return server;
  } catch {
    return null;
  }
}
