import type { FastifyInstance } from 'fastify';
import { duesArrearsRoutes } from './routes-arrears.js';
import { duesBaseRoutes } from './routes-bases.js';
import { duesCollectionRoutes } from './routes-collection.js';
import { duesReportRoutes } from './routes-reports.js';

/** Party dues (党费): bases and payroll, collection, arrears and a member's dues, ledger and reports. */
export async function duesRoutes(app: FastifyInstance) {
  await duesBaseRoutes(app);
  await duesCollectionRoutes(app);
  await duesArrearsRoutes(app);
  await duesReportRoutes(app);
}
