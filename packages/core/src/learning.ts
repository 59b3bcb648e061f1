/**
 * Learning (学习), never scored. Seeds 001 ("碎片时间学党史" 30 issues, 微党课, 云上党建) and 002
 * ("第一议题"制度), rules.md: 第一议题 is the first item of a 党委会 or 支委会, the study of the
 * latest central speeches; burden reduction (2024–2026): no points, no time tracking, no rankings,
 * no forced daily check-ins. So a material is something to read or watch, a study is a meeting
 * that studied it, and a note is a member's own, read by nobody else. Nothing here counts minutes
 * or awards points, and the settings have no place for either (a strict schema refuses them).
 */
import { z } from 'zod';
import { nameListSchema } from './nameList.js';

/** The kinds of material offered by default; the unit edits the list (settings section 'learning'). */
export const DEFAULT_LEARNING_KINDS = ['理论文章', '会议精神', '讲话原文', '微党课', '视频', '红色资源'] as const;

export const LEARNING_KINDS_MAX = 30;

export const learningSettingsSchema = z.strictObject({
  kinds: nameListSchema(LEARNING_KINDS_MAX, { itemMax: 20 }),
});
export type LearningSettings = z.infer<typeof learningSettingsSchema>;

export const DEFAULT_LEARNING_SETTINGS: LearningSettings = { kinds: [...DEFAULT_LEARNING_KINDS] };

/** A 党委会 as the 第一议题 view sees it: the material studied there, else the topic written on the meeting. */
export interface FirstTopicMeeting {
  meetingId: number;
  heldOn: string;
  /** Titles of the 第一议题 materials linked to the meeting. */
  studied: readonly string[];
  /** The 第一议题 written on the meeting record itself (decisions module), '' when none. */
  written: string;
}

export interface FirstTopicCoverage {
  meetings: number;
  /** Meetings with a 第一议题: a linked material or a written topic. */
  covered: number;
  /** The meetings without one, oldest first. */
  missing: { meetingId: number; heldOn: string }[];
}

/** Which 党委会 of a period opened with a 第一议题: a fact to fix, not a score. */
export function firstTopicCoverage(meetings: readonly FirstTopicMeeting[]): FirstTopicCoverage {
  const missing = meetings
    .filter((m) => m.studied.length === 0 && m.written.trim() === '')
    .map((m) => ({ meetingId: m.meetingId, heldOn: m.heldOn }))
    .sort((a, b) => (a.heldOn < b.heldOn ? -1 : a.heldOn > b.heldOn ? 1 : a.meetingId - b.meetingId));
  return { meetings: meetings.length, covered: meetings.length - missing.length, missing };
}

/** Words that must never name a field of a learning answer or setting (burden reduction). */
export const UNSCORED_WORDS = ['points', 'score', 'rank', 'duration', 'minutes', 'checkin'] as const;
