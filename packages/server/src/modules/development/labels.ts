import type { DevelopmentActor, DevelopmentDueKind, DevelopmentEntryKind, DevelopmentStatus, Language } from '@hongyi/core';

/**
 * Names used in generated documents and spreadsheets (the web has its own copies in its
 * locale files). Step names follow 《中国共产党发展党员工作细则》.
 */
export const STEP_NAMES: Record<Language, readonly string[]> = {
  'zh-CN': [
    '递交入党申请书',
    '党组织派人谈话',
    '推荐和确定入党积极分子',
    '报上级党委备案',
    '指定培养联系人',
    '培养教育考察',
    '确定发展对象',
    '报上级党委备案',
    '确定入党介绍人',
    '进行政治审查',
    '开展集中培训',
    '支部委员会审查',
    '上级党委预审（含公示）',
    '填写入党志愿书',
    '支部大会讨论接收预备党员',
    '上级党委派人谈话',
    '上级党委审批',
    '再上一级党委组织部门备案',
    '编入党支部和党小组',
    '入党宣誓',
    '继续教育考察',
    '提出转正申请',
    '支部大会讨论转正',
    '上级党委审批转正',
    '材料归档',
  ],
  'en-US': [
    'Application submitted',
    'Talk with the applicant',
    'Recommended and selected as activist',
    'Filed with the higher committee',
    'Mentors assigned',
    'Education and review',
    'Selected as candidate',
    'Filed with the higher committee',
    'Sponsors assigned',
    'Political review',
    'Concentrated training',
    'Branch committee review',
    'Pre-review by the higher committee (with public notice)',
    'Application form filled in',
    'Branch general meeting admits as probationary member',
    'Talk by the higher committee',
    'Approval by the higher committee',
    'Filed with the organisation department above',
    'Placed in branch and party group',
    'Oath',
    'Continued education and review',
    'Application for full membership',
    'Branch general meeting on full membership',
    'Approval of full membership',
    'Files archived',
  ],
};

export const STAGE_NAMES: Record<Language, readonly string[]> = {
  'zh-CN': ['申请入党', '入党积极分子的确定和培养教育', '发展对象的确定和考察', '预备党员的接收', '预备党员的教育考察和转正'],
  'en-US': ['Application', 'Activists: selection and education', 'Candidates: selection and review', 'Admission as probationary member', 'Probation and full membership'],
};

export const STATUS_NAMES: Record<Language, Record<DevelopmentStatus, string>> = {
  'zh-CN': { applicant: '入党申请人', activist: '入党积极分子', candidate: '发展对象', probationary: '预备党员', full: '正式党员', disqualified: '取消预备党员资格' },
  'en-US': { applicant: 'Applicant', activist: 'Activist', candidate: 'Candidate', probationary: 'Probationary member', full: 'Full member', disqualified: 'Disqualified' },
};

export const ACTOR_NAMES: Record<Language, Record<DevelopmentActor, string>> = {
  'zh-CN': { applicant: '本人', branch: '党支部', committee: '基层党委', higher_committee: '上级党委组织部门' },
  'en-US': { applicant: 'Applicant', branch: 'Branch', committee: 'Party committee', higher_committee: 'Higher committee' },
};

export const KIND_NAMES: Record<Language, Record<DevelopmentEntryKind, string>> = {
  'zh-CN': { step: '步骤', review: '半年考察', notice: '公示', probation_extension: '延长预备期', disqualified: '取消预备党员资格' },
  'en-US': { step: 'Step', review: '6-monthly review', notice: 'Public notice', probation_extension: 'Probation extended', disqualified: 'Disqualified' },
};

export const DUE_NAMES: Record<Language, Record<DevelopmentDueKind, string>> = {
  'zh-CN': {
    talk_due: '一个月内谈话',
    review_due: '半年考察到期',
    notice_ending: '公示期满',
    approval_limit: '三个月审批期限',
    probation_ending: '预备期满',
    full_approval_limit: '转正审批期限',
  },
  'en-US': {
    talk_due: 'Talk within one month',
    review_due: '6-monthly review due',
    notice_ending: 'Public notice ends',
    approval_limit: '3-month approval limit',
    probation_ending: 'Probation ends',
    full_approval_limit: 'Full-membership approval limit',
  },
};
