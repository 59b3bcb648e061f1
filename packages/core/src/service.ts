/**
 * Service and volunteer work (issue 14; seed-systems.md 000 "服务赋能 / 西行医+", 001 "急救科普",
 * 004 "健康教育 / 对口支援"): one record per real event, counted wherever it matters — the branch's
 * totals, each participant's hours, a numbered series, the 主题党日 it was held as.
 *
 * Rules here are the vocabulary and the arithmetic; the unit edits the lists (settings.ts
 * 'service'). No points or rankings of people (rules.md "Burden reduction"): per-person totals are
 * listed by name, never ordered by amount, and photos are optional evidence, never a condition.
 */
import { z } from 'zod';
import { nameListSchema } from './nameList.js';

/** Event kinds offered by default (issue 14; editable per unit). */
export const DEFAULT_SERVICE_EVENT_KINDS = ['义诊', '健康宣教', '急救科普', '对口支援/支医', '远程教学', '志愿服务', '党史馆讲解'] as const;

/** Place types: the "五进" of seed 001 (学校, 社区, 基层, 工地, 企事业单位); editable per unit. */
export const DEFAULT_SERVICE_PLACE_TYPES = ['学校', '社区', '基层', '工地', '企事业单位'] as const;

/** Regions offered as suggestions (seed 000 "西行医+": 新疆, 青海, 西藏); free text is accepted. */
export const DEFAULT_SERVICE_REGIONS = ['本市', '新疆', '青海', '西藏'] as const;

/** Who took part: a member (linked to the roster) or, by name only, non-member staff or a student. */
export const PARTICIPANT_KINDS = ['member', 'staff', 'student'] as const;
export type ParticipantKind = (typeof PARTICIPANT_KINDS)[number];

/**
 * Bounds of what one event records. A 对口支援 stay may last months (seed 004: three years in
 * 那曲, recorded as several events), so hours per participant and event go up to 2,000 (about a
 * year of working hours); one decimal (half hours).
 */
export const SERVICE_LIMITS = {
  participants: 500,
  hoursPerParticipant: 2000,
  /** People served / trained / views per event: generous, bounded to an integer column. */
  count: 10_000_000,
  classHours: 10_000,
  issueNumber: 100_000,
} as const;

const uniqueList = (max: number) => nameListSchema(max, { min: 0 });

/** The unit's editable lists (settings section 'service'). */
export const serviceSettingsSchema = z.strictObject({
  eventKinds: uniqueList(50).refine((l) => l.length > 0, { message: 'at least one kind' }),
  placeTypes: uniqueList(30),
  regions: uniqueList(100),
});
export type ServiceSettings = z.infer<typeof serviceSettingsSchema>;

export const DEFAULT_SERVICE_SETTINGS: ServiceSettings = {
  eventKinds: [...DEFAULT_SERVICE_EVENT_KINDS],
  placeTypes: [...DEFAULT_SERVICE_PLACE_TYPES],
  regions: [...DEFAULT_SERVICE_REGIONS],
};

/** How totals are grouped (issue 14: per person, branch, 党委 and year). */
export const SERVICE_TOTAL_GROUPS = ['member', 'org', 'committee', 'year'] as const;
export type ServiceTotalGroup = (typeof SERVICE_TOTAL_GROUPS)[number];

/** The figures of one event that add up. */
export interface ServiceFigures {
  events: number;
  /** 人次: one per participant per event. */
  participations: number;
  hours: number;
  /** 服务群众 (人次) */
  beneficiaries: number;
  trained: number;
  classHours: number;
  mediaReach: number;
}

export const ZERO_FIGURES: Readonly<ServiceFigures> = Object.freeze({ events: 0, participations: 0, hours: 0, beneficiaries: 0, trained: 0, classHours: 0, mediaReach: 0 });

/** Hours keep one decimal: sums of halves never drift into 12.499999. */
export function roundHours(hours: number): number {
  return Math.round(hours * 10) / 10;
}

export function addFigures(a: ServiceFigures, b: ServiceFigures): ServiceFigures {
  return {
    events: a.events + b.events,
    participations: a.participations + b.participations,
    hours: roundHours(a.hours + b.hours),
    beneficiaries: a.beneficiaries + b.beneficiaries,
    trained: a.trained + b.trained,
    classHours: a.classHours + b.classHours,
    mediaReach: a.mediaReach + b.mediaReach,
  };
}

/** A series' issues in number order, each with the totals of every issue up to it (the series page). */
export function runningTotals<T extends { issueNo: number; figures: ServiceFigures }>(issues: readonly T[]): Array<T & { running: ServiceFigures }> {
  let running: ServiceFigures = { ...ZERO_FIGURES };
  return [...issues]
    .sort((a, b) => a.issueNo - b.issueNo)
    .map((issue) => {
      running = addFigures(running, issue.figures);
      return { ...issue, running };
    });
}

/** The issue numbers missing between the first and the last (an imported list with holes shows them). */
export function issueGaps(numbers: readonly number[]): number[] {
  if (numbers.length === 0) return [];
  const have = new Set(numbers);
  const min = Math.min(...numbers);
  const max = Math.max(...numbers);
  const gaps: number[] = [];
  for (let n = min; n <= max && gaps.length < 200; n++) if (!have.has(n)) gaps.push(n);
  return gaps;
}

/** "第 107 期" / "Issue 107". */
export function issueLabel(issueNo: number, language: 'zh-CN' | 'en-US'): string {
  return language === 'zh-CN' ? `第 ${issueNo} 期` : `Issue ${issueNo}`;
}
