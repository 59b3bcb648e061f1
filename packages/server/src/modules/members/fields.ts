import { EDUCATIONS, TITLES } from '@hongyi/core';

/**
 * The member roster's columns (formats.md "Member roster"): one table used by the template,
 * the export and the import (headings read by the Excel kit's findHeader). A new synonym for a
 * heading is one more string here.
 */
export type RosterField =
  | 'name'
  | 'gender'
  | 'idNumber'
  | 'ethnicity'
  | 'nativePlace'
  | 'birthDate'
  | 'education'
  | 'degree'
  | 'category'
  | 'orgName'
  | 'groupName'
  | 'joinedOn'
  | 'fullOn'
  | 'workStartedOn'
  | 'jobCategory'
  | 'post'
  | 'title'
  | 'departmentName'
  | 'campusName'
  | 'phone'
  | 'address'
  | 'status'
  | 'lostContact'
  | 'flowTo'
  | 'sponsors';

export interface RosterColumn {
  field: RosterField;
  zh: string;
  en: string;
  width: number;
  synonyms: string[];
}

export const ROSTER_COLUMNS: readonly RosterColumn[] = [
  { field: 'name', zh: '姓名', en: 'Name', width: 10, synonyms: ['党员姓名', '名字', 'name'] },
  { field: 'gender', zh: '性别', en: 'Gender', width: 6, synonyms: ['gender', 'sex'] },
  { field: 'idNumber', zh: '公民身份号码', en: 'ID number', width: 22, synonyms: ['身份证号', '身份证号码', '身份证', '公民身份证号码', '公民身份证号', '证件号码', 'idnumber'] },
  { field: 'ethnicity', zh: '民族', en: 'Ethnicity', width: 8, synonyms: ['ethnicity'] },
  { field: 'nativePlace', zh: '籍贯', en: 'Native place', width: 12, synonyms: ['nativeplace'] },
  { field: 'birthDate', zh: '出生日期', en: 'Birth date', width: 12, synonyms: ['出生年月', '出生年月日', '生日', 'birthdate'] },
  { field: 'education', zh: '学历', en: 'Education', width: 12, synonyms: ['最高学历', '文化程度', 'education'] },
  { field: 'degree', zh: '学位', en: 'Degree', width: 10, synonyms: ['最高学位', 'degree'] },
  { field: 'category', zh: '人员类别', en: 'Category', width: 10, synonyms: ['党员类别', '党员类型', '类别', '正式/预备', 'category'] },
  { field: 'orgName', zh: '所在党支部', en: 'Branch', width: 26, synonyms: ['党支部', '支部', '所在支部', '所在党组织', '党组织', '党组织名称', 'branch'] },
  { field: 'groupName', zh: '所在党小组', en: 'Party group', width: 16, synonyms: ['党小组', 'partygroup'] },
  { field: 'joinedOn', zh: '入党日期', en: 'Joined on', width: 12, synonyms: ['入党时间', '加入党组织日期', '入党年月', 'joinedon'] },
  { field: 'fullOn', zh: '转为正式党员日期', en: 'Full member on', width: 14, synonyms: ['转正日期', '转正时间', '转为正式党员时间', 'fullon'] },
  { field: 'workStartedOn', zh: '参加工作日期', en: 'Started work on', width: 12, synonyms: ['参加工作时间', '工作时间', 'workstartedon'] },
  { field: 'jobCategory', zh: '工作岗位', en: 'Job category', width: 24, synonyms: ['岗位', 'jobcategory'] },
  { field: 'post', zh: '职务', en: 'Post', width: 12, synonyms: ['行政职务', '现任职务', 'post'] },
  { field: 'title', zh: '职称', en: 'Title', width: 8, synonyms: ['专业技术职务', '职称级别', '专业技术职称', 'title'] },
  { field: 'departmentName', zh: '科室', en: 'Department', width: 16, synonyms: ['所在科室', '部门', '工作科室', '所在部门', '科室/部门', 'department'] },
  { field: 'campusName', zh: '院区', en: 'Campus', width: 10, synonyms: ['所在院区', 'campus'] },
  { field: 'phone', zh: '联系电话', en: 'Phone', width: 14, synonyms: ['手机', '手机号', '手机号码', '电话', '联系方式', 'phone'] },
  { field: 'address', zh: '现居住地', en: 'Address', width: 20, synonyms: ['家庭住址', '住址', '居住地', 'address'] },
  { field: 'status', zh: '党籍状态', en: 'Status', width: 10, synonyms: ['状态', 'status'] },
  { field: 'lostContact', zh: '是否失联', en: 'Lost contact', width: 8, synonyms: ['失联', '失联党员', 'lostcontact'] },
  { field: 'flowTo', zh: '是否流动党员', en: 'Mobile member (to)', width: 14, synonyms: ['流动党员', '流向', '流动去向', 'flowto'] },
  { field: 'sponsors', zh: '入党介绍人', en: 'Sponsors', width: 14, synonyms: ['介绍人', 'sponsors'] },
];

export const STATUS_LABELS = {
  active: '正常',
  transferred_out: '已转出',
  stopped: '停止党籍',
  left: '出党',
  expelled: '开除党籍',
  deceased: '去世',
  disqualified: '取消预备党员资格',
} as const;
export const STATUS_LABELS_EN = {
  active: 'Active',
  transferred_out: 'Transferred out',
  stopped: 'Membership suspended',
  left: 'Left the Party',
  expelled: 'Expelled',
  deceased: 'Deceased',
  disqualified: 'Probation failed (disqualified)',
} as const;

/** 学历 by name, common short forms and GB/T 4658 codes. */
export const EDUCATION_VALUES = EDUCATIONS;
const EDUCATION_ALIASES: Record<string, (typeof EDUCATION_VALUES)[number]> = {
  博士研究生: '博士研究生', 博士: '博士研究生', 研究生博士: '博士研究生', '11': '博士研究生', '10': '博士研究生',
  硕士研究生: '硕士研究生', 硕士: '硕士研究生', 研究生: '硕士研究生', '14': '硕士研究生',
  大学本科: '大学本科', 本科: '大学本科', '21': '大学本科', '20': '大学本科',
  大学专科: '大学专科', 专科: '大学专科', 大专: '大学专科', '31': '大学专科', '30': '大学专科',
  中专: '中专', 中等专科: '中专', 中等职业教育: '中专', '41': '中专', '40': '中专',
  高中及以下: '高中及以下', 高中: '高中及以下', 普通高中: '高中及以下', 初中: '高中及以下', 小学: '高中及以下', '61': '高中及以下', '60': '高中及以下', '70': '高中及以下', '80': '高中及以下',
};
export function educationOf(text: string): string | undefined {
  return EDUCATION_ALIASES[text.replace(/\s/g, '')];
}

/** 职称 levels, with the usual hospital titles mapped to their level. */
export const TITLE_VALUES = TITLES;
const TITLE_ALIASES: Record<string, (typeof TITLE_VALUES)[number]> = {
  正高: '正高', 正高级: '正高', 主任医师: '正高', 主任护师: '正高', 主任药师: '正高', 主任技师: '正高', 教授: '正高', 研究员: '正高',
  副高: '副高', 副高级: '副高', 副主任医师: '副高', 副主任护师: '副高', 副主任药师: '副高', 副主任技师: '副高', 副教授: '副高', 副研究员: '副高',
  中级: '中级', 主治医师: '中级', 主管护师: '中级', 主管药师: '中级', 主管技师: '中级', 讲师: '中级', 助理研究员: '中级',
  初级: '初级', 住院医师: '初级', 医师: '初级', 护师: '初级', 护士: '初级', 药师: '初级', 技师: '初级', 助教: '初级',
};
export function titleOf(text: string): string | undefined {
  return TITLE_ALIASES[text.replace(/\s/g, '')];
}

/** Titles at 副高 or above (one of the 双带头人 criteria). */
export function isSeniorTitle(title: string | null): boolean {
  return title === '正高' || title === '副高';
}
