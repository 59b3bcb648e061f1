/**
 * Party-member training (党员培训): a class or course an org ran or sent members to, with its
 * organiser's level, its kind, dates, length and participants. The year-end table 党员培训情况
 * (statistics.ts) counts the members trained in the year and the person-times by level and kind.
 */
import type { Language } from './errors.js';

/** Who organised the training (the level of the 党委 or 党校 that ran it). */
export const TRAINING_LEVELS = [
  { key: 'central', label: '中央', en: 'Central' },
  { key: 'provincial', label: '省级', en: 'Provincial' },
  { key: 'municipal', label: '市级', en: 'Municipal' },
  { key: 'county', label: '县级', en: 'County' },
  { key: 'unit', label: '本单位党委', en: 'Unit party committee' },
  { key: 'branch', label: '党总支、党支部', en: 'General branch or branch' },
] as const;
export type TrainingLevel = (typeof TRAINING_LEVELS)[number]['key'];
export const TRAINING_LEVEL_KEYS = keysOf(TRAINING_LEVELS);

/** What kind of training it was. */
export const TRAINING_KINDS = [
  { key: 'rotation', label: '集中轮训', en: 'Rotational training' },
  { key: 'online', label: '网络培训', en: 'Online training' },
  { key: 'party_school', label: '党校培训', en: 'Party school' },
  { key: 'thematic', label: '专题培训', en: 'Thematic training' },
  { key: 'other', label: '其他培训', en: 'Other training' },
] as const;
export type TrainingKind = (typeof TRAINING_KINDS)[number]['key'];
export const TRAINING_KIND_KEYS = keysOf(TRAINING_KINDS);

/** Longest class accepted (days between start and end, inclusive). */
export const TRAINING_MAX_DAYS = 366;
/** Most participants on one class. */
export const TRAINING_MAX_PARTICIPANTS = 2000;

export function trainingLevelLabel(key: string, language: Language): string {
  return labelIn(TRAINING_LEVELS, key, language);
}

export function trainingKindLabel(key: string, language: Language): string {
  return labelIn(TRAINING_KINDS, key, language);
}

/** The keys of a non-empty list, as zod's enum takes them. */
function keysOf<K extends string>(list: readonly [{ key: K }, ...Array<{ key: K }>]): [K, ...K[]] {
  return list.map((x) => x.key) as [K, ...K[]];
}

/** The label of a key of a list in a language; the key itself when the list has no such key. */
function labelIn(list: ReadonlyArray<{ key: string; label: string; en: string }>, key: string, language: Language): string {
  const item = list.find((x) => x.key === key);
  return item ? (language === 'en-US' ? item.en : item.label) : key;
}
