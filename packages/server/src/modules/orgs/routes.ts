/** The orgs area's routes, one file per resource. */
import type { FastifyInstance } from 'fastify';
import { orgCommitteeRoutes } from './routes-committee.js';
import { departmentRoutes } from './routes-departments.js';
import { orgLifecycleRoutes } from './routes-lifecycle.js';
import { orgSettingsRoutes } from './routes-settings.js';
import { orgTreeRoutes } from './routes-tree.js';

export async function orgRoutes(app: FastifyInstance) {
  await orgTreeRoutes(app);
  await orgLifecycleRoutes(app);
  await orgCommitteeRoutes(app);
  await orgSettingsRoutes(app);
  await departmentRoutes(app);
}
