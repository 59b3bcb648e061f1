/**
 * GET /api/internal/backup: the whole database as a backup file, for `npm run backup` on this
 * machine only (loopback, and the token the server wrote to DATA_DIR/server.json). Registered
 * only when the server is started with a token; not part of the public API.
 */
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { publicCtxOf } from '../../lib/context.js';
import { streamBackup } from './service.js';

export async function backupRoutes(app: FastifyInstance, opts: { token: string }) {
  app.get('/api/internal/backup', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    const given = request.headers['x-backup-token'];
    const out = new PassThrough();
    streamBackup(publicCtxOf(request), opts.token, typeof given === 'string' ? given : undefined, out);
    return reply.header('content-type', 'application/gzip').header('cache-control', 'no-store').send(out);
  });
}
