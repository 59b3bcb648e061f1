/**
 * Rules of a member's record: the age of joining and the official ethnic names.
 */
import { addYears, compareDates } from './calendar.js';
import { DEVELOPMENT_RULES } from './rules.js';

// ---------------------------------------------------------------------------------------
// Age at joining (党章 第一条: 年满十八岁 …… 可以申请加入中国共产党; 细则 第二章)
// ---------------------------------------------------------------------------------------

/** 党章 第一条: only those aged 18 may apply, so nobody joins (入党日期) before their 18th birthday. */
/** A member's standing (党籍状态): in good standing, transferred out, suspended (停止党籍), left, expelled, deceased, or probation failed (取消预备党员资格). */
export const MEMBER_STATUSES = ['active', 'transferred_out', 'stopped', 'left', 'expelled', 'deceased', 'disqualified'] as const;
export type MemberStanding = (typeof MEMBER_STATUSES)[number];

export const MIN_JOINING_AGE_YEARS = DEVELOPMENT_RULES.minApplicationAgeYears;

/** The 18th birthday: the first day on which a person born on birthDate may have joined (29 Feb → 28 Feb). */
export function earliestJoiningDate(birthDate: string): string {
  return addYears(birthDate, MIN_JOINING_AGE_YEARS);
}

/** When joinedOn is before the 18th birthday: the earliest possible date, for the message; else null. */
export function joinedUnderAge(birthDate: string, joinedOn: string): { birthDate: string; joinedOn: string; earliest: string } | null {
  const earliest = earliestJoiningDate(birthDate);
  return compareDates(joinedOn, earliest) < 0 ? { birthDate, joinedOn, earliest } : null;
}

// ---------------------------------------------------------------------------------------
// 民族: the 56 official names (GB/T 3304-1991 《中国各民族名称的罗马字母拼写法和代码》, in code order)
// ---------------------------------------------------------------------------------------

export const ETHNIC_GROUPS = [
  '汉族', '蒙古族', '回族', '藏族', '维吾尔族', '苗族', '彝族', '壮族', '布依族', '朝鲜族',
  '满族', '侗族', '瑶族', '白族', '土家族', '哈尼族', '哈萨克族', '傣族', '黎族', '傈僳族',
  '佤族', '畲族', '高山族', '拉祜族', '水族', '东乡族', '纳西族', '景颇族', '柯尔克孜族', '土族',
  '达斡尔族', '仫佬族', '羌族', '布朗族', '撒拉族', '毛南族', '仡佬族', '锡伯族', '阿昌族', '普米族',
  '塔吉克族', '怒族', '乌孜别克族', '俄罗斯族', '鄂温克族', '德昂族', '保安族', '裕固族', '京族', '塔塔尔族',
  '独龙族', '鄂伦春族', '赫哲族', '门巴族', '珞巴族', '基诺族',
] as const;
export type EthnicGroup = (typeof ETHNIC_GROUPS)[number];

/** Short forms people type: the name without 族 (汉, 回, 维吾尔), its GB/T 3304 code (01–56) and a few customary ones. */
const ETHNIC_ALIASES = new Map<string, EthnicGroup>();
ETHNIC_GROUPS.forEach((name, i) => {
  ETHNIC_ALIASES.set(name, name);
  ETHNIC_ALIASES.set(name.slice(0, -1), name);
  ETHNIC_ALIASES.set(String(i + 1).padStart(2, '0'), name);
  ETHNIC_ALIASES.set(String(i + 1), name);
});
for (const [alias, name] of [
  ['蒙', '蒙古族'],
  ['维', '维吾尔族'],
] as const) {
  ETHNIC_ALIASES.set(alias, name);
}

/** The official name for what was typed ('汉' → '汉族', '回' → '回族', '05' → '维吾尔族'), or null when it is none of the 56. */
export function normaliseEthnicity(text: string): EthnicGroup | null {
  const key = text.replace(/[\s\u3000]/g, '');
  return ETHNIC_ALIASES.get(key) ?? null;
}
