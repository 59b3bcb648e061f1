/**
 * Year-end statistics (党内统计年报) of the demo hospital: the 2025 tables of the 党委, counted from
 * the demo records as they stand and submitted by the organisation office in January, so the
 * snapshots tab has a frozen year to open next to the live 2026 tables.
 *
 * Deterministic: the counts follow from the demo records; dates relative to `today`.
 */
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { insertSnapshot, markSubmittedAt, replaceCounts, rootOrg, storeSnapshotFacts, userByName } from '../modules/statistics/repository.js';
import { demoHospitalId } from './hospital.js';
import type { DemoData } from './generate.js';

export async function loadStatisticsDemo(trx: Transaction<DB>, data: DemoData): Promise<void> {
  const tenantId = await demoHospitalId(trx, data);
  if (tenantId === undefined) return;
  const root = await rootOrg(trx, tenantId);
  if (!root) return;
  const year = Number(data.today.slice(0, 4)) - 1;
  const office = await userByName(trx, tenantId, 'org');
  // As taking a snapshot does: the people behind each cell stored with it, the counts from them.
  const id = await insertSnapshot(trx, { tenantId, orgId: root.id, year, asOf: `${year}-12-31`, versionNo: 1, data: { counts: [] }, reason: '', userId: office?.id ?? 0, userName: office?.name ?? '' });
  await replaceCounts(trx, tenantId, id, await storeSnapshotFacts(trx, { tenantId, path: root.path, year }, id));
  await markSubmittedAt(trx, tenantId, id, { id: office?.id ?? null, name: office?.name ?? '' }, `${year + 1}-01-14T16:00:00+08:00`, `${year + 1}-01-15T09:30:00+08:00`);
}
