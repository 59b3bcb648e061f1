import { describe, expect, it } from 'vitest';
import { DEFAULT_LEARNING_SETTINGS, firstTopicCoverage, learningSettingsSchema } from './learning.js';

describe('learning settings', () => {
  it('accept the defaults and refuse a duplicate kind', () => {
    expect(learningSettingsSchema.parse(DEFAULT_LEARNING_SETTINGS)).toEqual(DEFAULT_LEARNING_SETTINGS);
    expect(learningSettingsSchema.safeParse({ kinds: ['视频', '视频'] }).success).toBe(false);
  });

  it('have no place for points or time targets: a strict schema refuses them', () => {
    expect(learningSettingsSchema.safeParse({ ...DEFAULT_LEARNING_SETTINGS, pointsPerArticle: 1 }).success).toBe(false);
    expect(learningSettingsSchema.safeParse({ ...DEFAULT_LEARNING_SETTINGS, dailyMinutes: 30 }).success).toBe(false);
  });
});

describe('第一议题 coverage of 党委会', () => {
  it('counts a meeting covered by a linked material or by the topic written on it, and lists the others oldest first', () => {
    const c = firstTopicCoverage([
      { meetingId: 3, heldOn: '2026-03-10', studied: [], written: '' },
      { meetingId: 1, heldOn: '2026-01-12', studied: ['习近平总书记在二十届中央纪委五次全会上的重要讲话'], written: '' },
      { meetingId: 2, heldOn: '2026-02-09', studied: [], written: '学习全国卫生健康工作会议精神' },
      { meetingId: 4, heldOn: '2026-02-20', studied: [], written: '   ' },
    ]);
    expect(c).toEqual({ meetings: 4, covered: 2, missing: [{ meetingId: 4, heldOn: '2026-02-20' }, { meetingId: 3, heldOn: '2026-03-10' }] });
  });

  it('is empty for a period without meetings', () => {
    expect(firstTopicCoverage([])).toEqual({ meetings: 0, covered: 0, missing: [] });
  });
});
