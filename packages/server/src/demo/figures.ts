/**
 * Business figures of the demo hospitals' clinical departments, month by month from 2025-12 to
 * the last full month before `today`: the unit's default catalogue and values of a plausible
 * size (急诊科 ~9,000 门急诊人次 a month, 心内科 ~300 出院, 四级手术占比 15–35 %, 满意度 92–98 分),
 * with a winter peak and the Spring Festival dip. Deterministic: a hash of department, figure
 * and month, no Math.random.
 */
import { DEFAULT_FIGURES } from '@hongyi/core';
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { type ValueRow, clinicalDepartments, listFigures, replaceValues, seedFigures } from '../modules/figures/repository.js';
import { tenantIdByCode } from '../modules/service/repository.js';
import type { DemoData } from './generate.js';

/** A number in [0, 1) from a text, stable across runs (FNV-1a). */
function unit(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return ((h >>> 0) % 10_000) / 10_000;
}

/** Monthly base per figure code for a department, by what the department does. */
function baseOf(name: string): Record<string, number> {
  const surgical = /外科|骨科|泌尿|妇|产|眼|耳鼻|口腔|麻醉|甲乳|肝胆|胸/.test(name);
  const emergency = /急诊|急救/.test(name);
  const cardio = /心/.test(name);
  const size = 0.6 + unit(name) * 0.8;
  return {
    outpatient: emergency ? 9000 : Math.round((surgical ? 3200 : 4200) * size),
    discharged: emergency ? 120 : cardio ? 300 : Math.round((surgical ? 260 : 220) * size),
    surgeries: emergency ? 40 : surgical ? Math.round(220 * size) : cardio ? 90 : Math.round(15 * size),
    critical: emergency ? 160 : cardio ? 45 : Math.round((surgical ? 12 : 20) * size),
    grade4: surgical ? 18 + unit(`${name}4`) * 14 : cardio ? 22 : 0,
    projects: 0.4 * size,
    papers: 1.2 * size,
    patents: 0.15,
    satisfaction: 95,
    complaints: 1.2 * size,
  };
}

/** Monthly swing: more patients in winter, fewer around the Spring Festival (February). */
const SEASON = [1.06, 0.84, 1.0, 0.98, 0.97, 0.96, 1.02, 1.03, 0.98, 0.97, 1.0, 1.04];

function valueOf(code: string, base: number, department: string, month: string): number {
  const noise = unit(`${department}|${code}|${month}`);
  const season = SEASON[Number(month.slice(5)) - 1]!;
  switch (code) {
    case 'grade4':
      return base === 0 ? -1 : Math.round(Math.min(35, Math.max(15, base + (noise - 0.5) * 4)) * 10) / 10;
    case 'satisfaction':
      return Math.round((92 + noise * 6) * 10) / 10;
    case 'projects':
    case 'papers':
    case 'patents':
    case 'complaints':
      // Rare events: a whole number around the base, often nought.
      return Math.floor(base * 2 * noise + (noise > 0.85 ? 1 : 0));
    default:
      return Math.max(0, Math.round(base * season * (0.92 + noise * 0.16)));
  }
}

function demoMonths(today: string): string[] {
  const months: string[] = [];
  let [y, m] = [2025, 12];
  const last = today.slice(0, 7);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month >= last) break;
    months.push(month);
    if (++m > 12) [y, m] = [y + 1, 1];
  }
  return months;
}

export async function loadFiguresDemo(trx: Transaction<DB>, data: DemoData): Promise<void> {
  const months = demoMonths(data.today);
  for (const tenant of data.tenants) {
    const tenantId = await tenantIdByCode(trx, tenant.code);
    if (tenantId === undefined) continue;
    await seedFigures(trx, tenantId, DEFAULT_FIGURES);
    const figures = await listFigures(trx, tenantId);
    const departments = await clinicalDepartments(trx, tenantId);
    const values: ValueRow[] = [];
    for (const d of departments) {
      const base = baseOf(d.name);
      for (const month of months) {
        for (const f of figures) {
          const value = valueOf(f.code, base[f.code] ?? 0, d.name, month);
          if (value >= 0) values.push({ departmentId: d.id, figureId: f.id, month, value });
        }
      }
    }
    await replaceValues(trx, tenantId, [], values, null);
  }
}
