/**
 * The demo hospital (the first tenant of the demo data) as the loaders find it once the
 * tenants are in: the parts that concern only the hospital start here.
 */
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { type OrgRef, orgsOfTenant, tenantIdByCode } from '../modules/service/repository.js';
import type { DemoData } from './generate.js';

/** The demo hospital's tenant id; undefined when the data has no tenant or it is not loaded. */
export async function demoHospitalId(trx: Transaction<DB>, data: DemoData): Promise<number | undefined> {
  const tenant = data.tenants[0];
  return tenant ? tenantIdByCode(trx, tenant.code) : undefined;
}

/** The demo hospital with its orgs by path (the 党委 first, as `root`); undefined when it has none. */
export async function demoHospitalOrgs(trx: Transaction<DB>, data: DemoData): Promise<{ tenantId: number; orgs: OrgRef[]; root: OrgRef } | undefined> {
  const tenantId = await demoHospitalId(trx, data);
  if (tenantId === undefined) return undefined;
  const orgs = await orgsOfTenant(trx, tenantId);
  const root = orgs[0];
  return root ? { tenantId, orgs, root } : undefined;
}
