/** Member development's routes, by concept. */
import type { FastifyInstance } from 'fastify';
import { boardRoutes } from './routes-board.js';
import { documentRoutes } from './routes-documents.js';
import { entryRoutes } from './routes-entries.js';
import { fileRoutes } from './routes-files.js';
import { importRoutes } from './routes-import.js';
import { settingsRoutes } from './routes-settings.js';

export async function developmentRoutes(app: FastifyInstance) {
  await fileRoutes(app);
  await entryRoutes(app);
  await documentRoutes(app);
  await boardRoutes(app);
  await importRoutes(app);
  await settingsRoutes(app);
}
