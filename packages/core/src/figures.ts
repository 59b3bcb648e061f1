/**
 * Departments' business figures (业务指标) shown beside the party work of the branch bound to the
 * department: a catalogue per unit (editable by the office), monthly values per department.
 * The defaults follow what a clinical department reports monthly and a few 三级公立医院绩效考核
 * (国考, 国办发〔2019〕4号) indicators; the 国考 numbers were recalled from secondary copies
 * (docs statistics.md) — a starting catalogue the office edits, not an authority.
 */
import { z } from 'zod';

export const FIGURE_KINDS = ['count', 'ratio', 'score'] as const;
export type FigureKind = (typeof FIGURE_KINDS)[number];
export const FIGURE_UNITS = ['人次', '例', '台次', '%', '项', '篇', '件', '分', '人', '元', '万元', '天'] as const;

export const figureCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9_]{0,31}$/);

export const figureDefinitionInput = z.object({
  code: figureCode,
  name: z.string().trim().min(1).max(40),
  unit: z.string().trim().min(1).max(10),
  kind: z.enum(FIGURE_KINDS),
  gkCode: z.string().trim().max(20).nullable().default(null),
  active: z.boolean().default(true),
  sort: z.number().int().min(0).max(9999).default(0),
});
export type FigureDefinitionInput = z.infer<typeof figureDefinitionInput>;

/** What a new unit starts with (seeded on first read). */
export const DEFAULT_FIGURES: readonly FigureDefinitionInput[] = [
  { code: 'outpatient', name: '门急诊人次', unit: '人次', kind: 'count', gkCode: null, active: true, sort: 10 },
  { code: 'discharged', name: '出院人次', unit: '人次', kind: 'count', gkCode: null, active: true, sort: 20 },
  { code: 'surgeries', name: '手术台次', unit: '台次', kind: 'count', gkCode: null, active: true, sort: 30 },
  { code: 'critical', name: '危重症抢救例数', unit: '例', kind: 'count', gkCode: null, active: true, sort: 40 },
  // 国考 “出院患者四级手术比例”.
  { code: 'grade4', name: '四级手术占比', unit: '%', kind: 'ratio', gkCode: '4', active: true, sort: 50 },
  { code: 'projects', name: '科研项目', unit: '项', kind: 'count', gkCode: null, active: true, sort: 60 },
  { code: 'papers', name: '论文', unit: '篇', kind: 'count', gkCode: null, active: true, sort: 70 },
  { code: 'patents', name: '专利', unit: '件', kind: 'count', gkCode: null, active: true, sort: 80 },
  // 国考 满意度评价: 门诊/住院患者满意度.
  { code: 'satisfaction', name: '患者满意度', unit: '分', kind: 'score', gkCode: '53', active: true, sort: 90 },
  { code: 'complaints', name: '投诉', unit: '件', kind: 'count', gkCode: null, active: true, sort: 100 },
];

/** The largest value a figure may hold (numeric(14,2) in the table). */
export const FIGURE_VALUE_MAX = 999_999_999_999;

/** Why a value does not fit its figure: a ratio is 0–100 %, a score 0–100, a count a whole number ≥ 0. */
export function figureValueProblem(kind: FigureKind, value: number): 'negative' | 'ratio' | 'score' | 'whole' | 'large' | null {
  if (!Number.isFinite(value)) return 'large';
  if (value < 0) return 'negative';
  if (Math.abs(value) > FIGURE_VALUE_MAX) return 'large';
  if (kind === 'ratio' && value > 100) return 'ratio';
  if (kind === 'score' && value > 100) return 'score';
  if (kind === 'count' && !Number.isInteger(value)) return 'whole';
  return null;
}

export const monthString = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

/** 'YYYY-MM' from what a sheet holds as text: 2026-03, 2026/3, 2026.03, 2026年3月, 202603; null when unreadable. */
export function parseMonth(text: string): string | null {
  const t = text.replace(/\s/g, '');
  const m = /^(\d{4})(?:[-/.年](\d{1,2})月?|(\d{2}))(?:[-/.](\d{1,2})日?)?$/.exec(t);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2] ?? m[3]);
  if (y < 1900 || y > 2100 || mo < 1 || mo > 12) return null;
  return `${y}-${String(mo).padStart(2, '0')}`;
}

/** The months of a year up to (and including) the given last month. */
export function monthsOfYear(year: number, last?: string): string[] {
  const all = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
  return last ? all.filter((m) => m <= last) : all;
}

/** Headings of the import's fixed columns (the first names them in messages). */
export const FIGURE_IMPORT_COLUMNS = {
  department: ['科室', '科室名称', '部门', '部门名称', '单位'],
  month: ['月份', '统计月份', '年月', '月'],
  figure: ['指标', '指标名称', '指标代码', '项目'],
  value: ['数值', '值', '数量', '完成数'],
} as const;
