/**
 * The roster behind the legacy-workbook fixtures (roster-lo97.xls, and roster-lo97-clean.xls without 葛明's row): the same rows are written as
 * .xlsx by the test and as Excel 97–2003 by LibreOffice
 * (make-legacy-files.ts), and the two imports must read alike.
 */
import { idFor } from '../../modules/members/testRoster.js';

export const LEGACY_BRANCH = '急诊科全科医学科党支部';
export const LEGACY_HEADERS = ['序号', '党员姓名', '身份证号（18位）', '性 别', '所在支部', '入党时间', '转正日期', '党员类别', '文化程度', '手机号', '科室'];

/** Each row as the office typed it: dates as text, as serial numbers and as real date cells; one wrong check digit. */
export function legacyRosterRows(): unknown[][] {
  const birth = '1987-09-14';
  const wrongCheck = idFor(birth, 19);
  return [
    [1, '庞晓燕', idFor(birth, 12), '女', LEGACY_BRANCH, '2012.07', '2013.07', '正式党员', '硕士研究生', '13912340001', '急诊科'],
    [2, '邵建国', idFor(birth, 13), '男', LEGACY_BRANCH, '2014年6月28日', '2015年6月28日', '正式', '大学本科', '139 1234 0002', '全科医学科'],
    [3, '温丽娟', idFor(birth, 14), '女', LEGACY_BRANCH, 43647, 44013, '正式党员', '博士研究生', '', '急诊科'],
    [4, '韩志强', idFor(birth, 15), '男', LEGACY_BRANCH, new Date(Date.UTC(2018, 5, 30)), new Date(Date.UTC(2019, 5, 30)), '正式党员', '本科', '13912340004', '急诊科'],
    [5, '祁海燕', idFor(birth, 16), '女', LEGACY_BRANCH, '2026-03-01', '', '预备党员', '大专', '', '全科医学科'],
    [6, '葛明', `${wrongCheck.slice(0, 17)}${wrongCheck.endsWith('0') ? '1' : '0'}`, '男', LEGACY_BRANCH, '2016-07-01', '2017-07-01', '正式党员', '本科', '', '急诊科'],
  ];
}
