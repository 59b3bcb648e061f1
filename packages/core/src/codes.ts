/**
 * Code values of a member's record (学历, 职称, 民族, 工作岗位) with their English labels.
 *
 * The values are stored as the national party-member information system words them, in
 * Chinese, and stay so (imports, exports and upper levels read them); only what is shown is
 * translated. A value outside these lists is shown as stored.
 */
import type { Language } from './errors.js';

/** 学历 (GB/T 4658 levels as the member system groups them). */
export const EDUCATION_LABELS_EN = {
  博士研究生: 'Doctorate',
  硕士研究生: "Master's",
  大学本科: "Bachelor's",
  大学专科: 'College diploma',
  中专: 'Secondary vocational',
  高中及以下: 'High school or below',
} as const;

/** The 学历 a record holds, highest first. */
export const EDUCATIONS = Object.keys(EDUCATION_LABELS_EN) as (keyof typeof EDUCATION_LABELS_EN)[];

/** 职称 levels (专业技术职务 grouped by level). */
export const TITLE_LABELS_EN = {
  正高: 'Senior (full)',
  副高: 'Senior (associate)',
  中级: 'Intermediate',
  初级: 'Junior',
  无职称: 'No title',
} as const;

/** The 职称 levels a record holds (no title: none recorded), highest first. */
export const TITLES = ['正高', '副高', '中级', '初级'] as const satisfies readonly (keyof typeof TITLE_LABELS_EN)[];

/** 工作岗位 as the member system words them (the categories hospitals and universities meet). */
export const JOB_CATEGORY_LABELS_EN = {
  公有制事业单位专业技术人员: 'Public institution: professional',
  公有制事业单位管理人员: 'Public institution: management',
  公有制事业单位工勤技能人员: 'Public institution: skilled support',
  公有制企业专业技术人员: 'State enterprise: professional',
  公有制企业管理人员: 'State enterprise: management',
  公有制企业工人: 'State enterprise: worker',
  非公有制企业专业技术人员: 'Private enterprise: professional',
  非公有制企业管理人员: 'Private enterprise: management',
  非公有制企业工人: 'Private enterprise: worker',
  党政机关公务员: 'Civil servant',
  参照公务员法管理人员: 'Managed as civil servant',
  学生: 'Student',
  研究生: 'Postgraduate student',
  本科生: 'Undergraduate student',
  离退休人员: 'Retired',
  农牧渔民: 'Farmer, herder or fisher',
  军人武警: 'Military or armed police',
  无固定职业人员: 'No fixed occupation',
  下岗失业人员: 'Laid off or unemployed',
  其他职业人员: 'Other occupation',
} as const;

/** 民族: the 56 ethnic groups (GB/T 3304), with their official English names. */
export const ETHNIC_GROUP_LABELS_EN = {
  汉族: 'Han',
  蒙古族: 'Mongol',
  回族: 'Hui',
  藏族: 'Tibetan',
  维吾尔族: 'Uyghur',
  苗族: 'Miao',
  彝族: 'Yi',
  壮族: 'Zhuang',
  布依族: 'Bouyei',
  朝鲜族: 'Korean',
  满族: 'Manchu',
  侗族: 'Dong',
  瑶族: 'Yao',
  白族: 'Bai',
  土家族: 'Tujia',
  哈尼族: 'Hani',
  哈萨克族: 'Kazakh',
  傣族: 'Dai',
  黎族: 'Li',
  傈僳族: 'Lisu',
  佤族: 'Va',
  畲族: 'She',
  高山族: 'Gaoshan',
  拉祜族: 'Lahu',
  水族: 'Sui',
  东乡族: 'Dongxiang',
  纳西族: 'Naxi',
  景颇族: 'Jingpo',
  柯尔克孜族: 'Kirgiz',
  土族: 'Tu',
  达斡尔族: 'Daur',
  仫佬族: 'Mulao',
  羌族: 'Qiang',
  布朗族: 'Blang',
  撒拉族: 'Salar',
  毛南族: 'Maonan',
  仡佬族: 'Gelao',
  锡伯族: 'Xibe',
  阿昌族: 'Achang',
  普米族: 'Pumi',
  塔吉克族: 'Tajik',
  怒族: 'Nu',
  乌孜别克族: 'Uzbek',
  俄罗斯族: 'Russian',
  鄂温克族: 'Ewenki',
  德昂族: 'Deang',
  保安族: 'Bonan',
  裕固族: 'Yugur',
  京族: 'Gin',
  塔塔尔族: 'Tatar',
  独龙族: 'Derung',
  鄂伦春族: 'Oroqen',
  赫哲族: 'Hezhen',
  门巴族: 'Monba',
  珞巴族: 'Lhoba',
  基诺族: 'Jino',
} as const;

export const CODE_LABELS_EN = {
  education: EDUCATION_LABELS_EN as Readonly<Record<string, string>>,
  title: TITLE_LABELS_EN as Readonly<Record<string, string>>,
  jobCategory: JOB_CATEGORY_LABELS_EN as Readonly<Record<string, string>>,
  ethnicity: ETHNIC_GROUP_LABELS_EN as Readonly<Record<string, string>>,
};
export type CodeList = keyof typeof CODE_LABELS_EN;

/**
 * How a stored code value reads in a language: as stored in Chinese, its English label in
 * English (as stored when the list does not know it). Null and '' stay as they are.
 */
export function codeLabel<T extends string | null | undefined>(list: CodeList, value: T, language: Language): T | string {
  if (value === null || value === undefined || value === '' || language === 'zh-CN') return value;
  return Object.hasOwn(CODE_LABELS_EN[list], value) ? (CODE_LABELS_EN[list][value] as string) : value;
}
