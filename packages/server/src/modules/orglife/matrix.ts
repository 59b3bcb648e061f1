/**
 * The 党委 matrix: branches × months, the worst state of the items due in each month.
 *
 * Computing it for a whole 党委 from a year of records takes over a second at 8,000 branches
 * (bench/orglife.bench.ts), while the issue asks for 300 ms. So each row is stored once computed
 * (orglife_matrix_rows) and served from there while nothing it depends on has changed:
 * - its org's records, the org itself, its party groups and its members (the full-member count
 *   decides whether a 支委会 is due): orglife_revisions, bumped by triggers (migration
 *   2026-11-30T1000), is read together with the stored row;
 * - the day: complianceEpoch (packages/core) names the stretch of days over which no state moves;
 * - the rule settings: a digest of them.
 * A row that differs in any of these is computed again by packages/core, the same computation
 * as the branch checklist, and stored. The revision is read before the records, so a record
 * written meanwhile leaves a row that the next request sees as stale — never a stale row that
 * looks fresh.
 */
import { createHash } from 'node:crypto';
import {
  BRANCH_ORG_TYPES,
  type ComplianceCell,
  type ComplianceState,
  type DataScope,
  complianceEpoch,
  computeCompliance,
  monthStatesOf,
} from '@hongyi/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { type MatrixTally, type StoredMatrixRow, complianceRecords, fullMemberCounts, matrixTallies, orgsWithGroups, storeMatrixRows, storedMatrixRows } from './repository-compliance.js';
import { type LoadedSettings, loadSettings } from './service.js';

export interface MatrixRow {
  id: number;
  name: string;
  shortName: string;
  type: string;
  parentId: number | null;
  states: ComplianceState[];
  missed: number;
  met: number;
}

/** Month states stored one letter each (12 letters a row). */
const STATE_LETTER: Record<ComplianceState, string> = { met: 'm', due_soon: 's', pending: 'p', missed: 'x', not_applicable: 'n' };
const LETTER_STATE = new Map(Object.entries(STATE_LETTER).map(([state, letter]) => [letter, state as ComplianceState]));

function encodeStates(states: readonly ComplianceState[]): string {
  return states.map((s) => STATE_LETTER[s]).join('');
}

function decodeStates(letters: string): ComplianceState[] {
  return Array.from(letters, (l) => LETTER_STATE.get(l) ?? 'not_applicable');
}

/** The org types that have a row: branches of every kind and the 党委 (general branches hold no meetings of their own). */
const ROW_TYPES = [...BRANCH_ORG_TYPES, 'committee'] as const;

/** Digest of everything in the settings that compliance reads. */
function settingsKeyOf(settings: LoadedSettings): string {
  return createHash('sha256')
    .update(JSON.stringify({ rules: settings.rules, dueSoonDays: settings.orglife.dueSoonDays }))
    .digest('hex')
    .slice(0, 16);
}

type StoredRow = StoredMatrixRow;

/**
 * The matrix rows of a year for the orgs under `pathPrefix` (or the whole tenant) within the
 * caller's scope, ordered by the tree. Stale or missing rows are computed and stored.
 */
export async function matrixRows(db: Kysely<DB>, tenantId: number, year: number, today: string, pathPrefix: string | null, scope: DataScope): Promise<MatrixRow[]> {
  const settings = await loadSettings(db, tenantId);
  const epoch = complianceEpoch(year, today, settings.orglife);
  const settingsKey = settingsKeyOf(settings);
  const rows = await storedMatrixRows(db, tenantId, year, { epoch, settingsKey }, ROW_TYPES, pathPrefix, scope);
  const stale = rows.filter((o) => !o.fresh);
  // When every row is stale (a new compliance epoch, new settings), the records are read by
  // path rather than by a list of thousands of ids.
  const recordsOf = scope.kind === 'tenant' && stale.length === rows.length ? { pathPrefix } : { orgIds: stale.map((o) => o.id) };
  const computed = stale.length > 0 ? await computeRows(db, tenantId, year, today, settings, stale, recordsOf) : new Map<number, Computed>();
  if (stale.length > 0) await storeRows(db, tenantId, year, epoch, settingsKey, stale, computed);
  return rows.map((o) => {
    const c = computed.get(o.id);
    return {
      id: o.id,
      name: o.name,
      shortName: o.short_name,
      type: o.type,
      parentId: o.parent_id,
      states: c ? c.states : decodeStates(o.states!),
      missed: c ? c.missed : o.missed!,
      met: c ? c.met : o.met!,
    };
  });
}

/**
 * The matrix of the whole scope counted, not read: rows, rows with no missed item, rows whose
 * month `monthIndex` (0–11) is due soon, pending or missed — by campus. Stale rows are first
 * computed and stored (matrixRows), then counted from the store; a row written again meanwhile
 * is counted as it stood a moment before, like a matrix read a moment earlier.
 */
export async function matrixTally(db: Kysely<DB>, tenantId: number, year: number, today: string, scope: DataScope, monthIndex: number): Promise<MatrixTally[]> {
  const settings = await loadSettings(db, tenantId);
  const key = { epoch: complianceEpoch(year, today, settings.orglife), settingsKey: settingsKeyOf(settings) };
  const month = { index: monthIndex, dueLetters: DUE_STATES.map((s) => STATE_LETTER[s]) };
  const tallies = await matrixTallies(db, tenantId, year, key, ROW_TYPES, scope, month);
  if (tallies.every((t) => t.stale === 0)) return tallies;
  await matrixRows(db, tenantId, year, today, null, scope);
  return matrixTallies(db, tenantId, year, key, ROW_TYPES, scope, month);
}

/** The month states that count a row as due in its month (the overview's "this month"). */
export const DUE_STATES: readonly ComplianceState[] = ['due_soon', 'pending', 'missed'];

interface Computed {
  states: ComplianceState[];
  missed: number;
  met: number;
}

/** Computes the rows of `orgs` (with their party groups) from their records. */
async function computeRows(
  db: Kysely<DB>,
  tenantId: number,
  year: number,
  today: string,
  settings: LoadedSettings,
  orgs: StoredRow[],
  recordsOf: Parameters<typeof complianceRecords>[4],
): Promise<Map<number, Computed>> {
  const ids = orgs.map((o) => o.id);
  const whole = !('orgIds' in recordsOf);
  const [orgInputs, counts, records] = await Promise.all([
    // The rows' orgs and their party groups, with the dates that decide which periods are due.
    orgsWithGroups(db, tenantId, ids),
    fullMemberCounts(db, tenantId, whole ? undefined : ids),
    complianceRecords(db, tenantId, `${year}-01-01`, `${year}-12-31`, recordsOf),
  ]);
  const groups = orgInputs.filter((o) => o.type === 'party_group');
  const cells = computeCompliance({
    orgs: orgInputs.map((o) => ({ id: o.id, type: o.type, establishedOn: o.established_on, endsOn: o.ends_on, dissolvedOn: o.dissolved_on, fullMemberCount: counts.get(o.id) ?? 0 })),
    records,
    year,
    today,
    rules: settings.rules,
    settings: settings.orglife,
  });
  // A branch's row holds its own cells and its party groups' (the group meetings are the branch's duty).
  const rowOf = new Map<number, number>(ids.map((id) => [id, id]));
  for (const g of groups) if (g.parent_id !== null) rowOf.set(g.id, g.parent_id);
  const cellsByRow = new Map<number, ComplianceCell[]>();
  for (const c of cells) {
    const row = rowOf.get(c.orgId);
    if (row === undefined) continue;
    const list = cellsByRow.get(row);
    if (list) list.push(c);
    else cellsByRow.set(row, [c]);
  }
  const out = new Map<number, Computed>();
  for (const id of ids) {
    const list = cellsByRow.get(id) ?? [];
    let missed = 0;
    let met = 0;
    for (const c of list) {
      if (c.state === 'missed') missed++;
      else if (c.state === 'met') met++;
    }
    out.set(id, { states: monthStatesOf(list, year), missed, met });
  }
  return out;
}

/** Stores computed rows with the revision each was read at (repository storeMatrixRows). */
async function storeRows(db: Kysely<DB>, tenantId: number, year: number, epoch: string, settingsKey: string, orgs: StoredRow[], computed: Map<number, Computed>): Promise<void> {
  const rows = orgs.map((o) => {
    const c = computed.get(o.id)!;
    return { org_id: o.id, revision: Number(o.revision), states: encodeStates(c.states), missed: c.missed, met: c.met };
  });
  await storeMatrixRows(db, tenantId, year, { epoch, settingsKey }, rows);
}
