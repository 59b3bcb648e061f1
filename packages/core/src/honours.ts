/**
 * Honours and building programmes (issue 14; seed-systems.md 000 "a ladder of honours: national →
 * provincial → school", 001 "全国党建工作样板支部 … a model-branch building plan with acceptance").
 *
 * An honour is held by an org or a member, at a level, of a type; a building programme (培育创建)
 * runs 立项 → 中期检查 → 验收 and, when accepted, is the honour (one record: the acceptance
 * creates the honour, linked to its programme). The ladder (梯队) of a 党委 is a query over both:
 * what is held at each level and what is in cultivation.
 */
import { z } from 'zod';
import { nameListSchema } from './nameList.js';

/** Levels from the top down; the ladder shows them in this order (editable per unit). */
export const DEFAULT_HONOUR_LEVELS = ['国家级', '省级', '市级', '校级', '院级'] as const;

/** Honour types offered by default (issue 14; seeds 000, 001, 003, 004; editable per unit). */
export const DEFAULT_HONOUR_TYPES = [
  '全国党建工作样板支部',
  '党建工作样板支部',
  '全国党建工作示范高校',
  '标杆院系',
  '公立医院临床科室标杆党支部',
  '先进基层党组织',
  '优秀共产党员',
  '优秀党务工作者',
  '双带头人教师党支部书记工作室',
  '最佳党日活动',
  '学雷锋活动示范点',
  '先进集体',
] as const;

/** Who holds an honour. */
export const HONOUR_HOLDERS = ['org', 'member'] as const;
export type HonourHolder = (typeof HONOUR_HOLDERS)[number];

/** The unit's editable lists (settings section 'honours'). */
export const honoursSettingsSchema = z.strictObject({
  levels: nameListSchema(12, { itemMax: 20 }),
  types: nameListSchema(80, { itemMax: 40 }),
});
export type HonoursSettings = z.infer<typeof honoursSettingsSchema>;

export const DEFAULT_HONOURS_SETTINGS: HonoursSettings = { levels: [...DEFAULT_HONOUR_LEVELS], types: [...DEFAULT_HONOUR_TYPES] };

/**
 * A building programme's stages (培育创建): 立项 (approved) → 中期检查 (midterm) → 验收 (accepted),
 * or not passed (failed) at the check or the acceptance. Stages only move forward.
 */
export const PROGRAMME_STAGES = ['approved', 'midterm', 'accepted', 'failed'] as const;
export type ProgrammeStage = (typeof PROGRAMME_STAGES)[number];

const NEXT_STAGES: Record<ProgrammeStage, readonly ProgrammeStage[]> = {
  approved: ['midterm', 'failed'],
  midterm: ['accepted', 'failed'],
  accepted: [],
  failed: [],
};

export function nextProgrammeStages(stage: ProgrammeStage): readonly ProgrammeStage[] {
  return NEXT_STAGES[stage];
}

export function canAdvanceProgramme(from: ProgrammeStage, to: ProgrammeStage): boolean {
  return NEXT_STAGES[from].includes(to);
}

/** In cultivation: approved and not yet accepted or failed. */
export function inCultivation(stage: ProgrammeStage): boolean {
  return stage === 'approved' || stage === 'midterm';
}

export interface LadderHonour {
  id: number;
  level: string;
  type: string;
  title: string;
  holderName: string;
  awardedOn: string;
}

export interface LadderProgramme {
  id: number;
  level: string;
  type: string;
  title: string;
  orgName: string;
  stage: ProgrammeStage;
  startedOn: string;
}

export interface LadderRung {
  level: string;
  held: LadderHonour[];
  cultivating: LadderProgramme[];
}

/**
 * The ladder: one rung per level in the unit's order (levels no longer in the list come last, so
 * nothing recorded disappears), each with the honours held and the programmes in cultivation.
 */
export function honoursLadder(levels: readonly string[], honours: readonly LadderHonour[], programmes: readonly LadderProgramme[]): LadderRung[] {
  const order = [...levels];
  for (const l of [...honours.map((h) => h.level), ...programmes.map((p) => p.level)]) if (!order.includes(l)) order.push(l);
  return order.map((level) => ({
    level,
    held: honours.filter((h) => h.level === level).sort((a, b) => b.awardedOn.localeCompare(a.awardedOn) || a.id - b.id),
    cultivating: programmes.filter((p) => p.level === level && inCultivation(p.stage)).sort((a, b) => a.startedOn.localeCompare(b.startedOn) || a.id - b.id),
  }));
}
