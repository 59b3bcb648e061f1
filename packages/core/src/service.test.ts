import { describe, expect, it } from 'vitest';
import { DEFAULT_SERVICE_SETTINGS, ZERO_FIGURES, addFigures, issueGaps, issueLabel, runningTotals, serviceSettingsSchema } from './service.js';
import { canAdvanceProgramme, honoursLadder, inCultivation, nextProgrammeStages } from './honours.js';
import { UNIT_SETTINGS } from './settings.js';

const figures = (beneficiaries: number, hours: number) => ({ ...ZERO_FIGURES, events: 1, participations: 1, beneficiaries, hours });

describe('service arithmetic', () => {
  it('adds half hours without drifting', () => {
    let sum = { ...ZERO_FIGURES };
    for (let i = 0; i < 10; i++) sum = addFigures(sum, { ...ZERO_FIGURES, hours: 0.1 });
    expect(sum.hours).toBe(1);
  });

  it('gives each issue the totals of every issue up to it, in number order', () => {
    const out = runningTotals([
      { issueNo: 107, figures: figures(50, 2) },
      { issueNo: 106, figures: figures(100, 1.5) },
    ]);
    expect(out.map((i) => [i.issueNo, i.running.beneficiaries, i.running.hours, i.running.events])).toEqual([
      [106, 100, 1.5, 1],
      [107, 150, 3.5, 2],
    ]);
  });

  it('finds the numbers missing between the first and the last issue', () => {
    expect(issueGaps([1, 2, 5, 3])).toEqual([4]);
    expect(issueGaps([])).toEqual([]);
    expect(issueLabel(107, 'zh-CN')).toBe('第 107 期');
  });

  it('offers the seed lists by default and refuses a list with a repeated item', () => {
    expect(DEFAULT_SERVICE_SETTINGS.placeTypes).toEqual(['学校', '社区', '基层', '工地', '企事业单位']);
    expect(UNIT_SETTINGS.service.defaults).toBe(DEFAULT_SERVICE_SETTINGS);
    expect(serviceSettingsSchema.safeParse({ ...DEFAULT_SERVICE_SETTINGS, placeTypes: ['学校', '学校'] }).success).toBe(false);
    expect(serviceSettingsSchema.safeParse({ ...DEFAULT_SERVICE_SETTINGS, eventKinds: [] }).success).toBe(false);
  });
});

describe('building programmes and the ladder', () => {
  it('moves only forward: 立项 → 中期检查 → 验收, or not passed', () => {
    expect(nextProgrammeStages('approved')).toEqual(['midterm', 'failed']);
    expect(canAdvanceProgramme('approved', 'accepted')).toBe(false);
    expect(canAdvanceProgramme('midterm', 'accepted')).toBe(true);
    expect(canAdvanceProgramme('accepted', 'midterm')).toBe(false);
    expect(inCultivation('midterm')).toBe(true);
    expect(inCultivation('failed')).toBe(false);
  });

  it('puts honours and programmes in cultivation on rungs in the unit’s order; a level no longer listed comes last', () => {
    const rungs = honoursLadder(
      ['国家级', '省级'],
      [
        { id: 1, level: '省级', type: '先进基层党组织', title: '', holderName: '急诊支部', awardedOn: '2024-06-30' },
        { id: 2, level: '区级', type: '先进集体', title: '', holderName: '儿科支部', awardedOn: '2023-06-30' },
      ],
      [
        { id: 9, level: '国家级', type: '全国党建工作样板支部', title: '', orgName: '急诊支部', stage: 'midterm', startedOn: '2024-03-01' },
        { id: 8, level: '国家级', type: '全国党建工作样板支部', title: '', orgName: '儿科支部', stage: 'failed', startedOn: '2022-03-01' },
      ],
    );
    expect(rungs.map((r) => [r.level, r.held.map((h) => h.id), r.cultivating.map((p) => p.id)])).toEqual([
      ['国家级', [], [9]],
      ['省级', [1], []],
      ['区级', [2], []],
    ]);
  });
});
