/** The members area's routes, by resource. */
import type { FastifyInstance } from 'fastify';
import { memberRecordRoutes } from './routes-members.js';
import { rosterRoutes } from './routes-roster.js';
import { structureRoutes } from './routes-structure.js';

export async function memberRoutes(app: FastifyInstance) {
  await memberRecordRoutes(app);
  await rosterRoutes(app);
  await structureRoutes(app);
}
