import type { Language } from '@hongyi/core';

/**
 * Server-side messages in both languages. Error codes are stable identifiers for clients;
 * the message is for people. Params are filled into {name} placeholders.
 */
const messages: Record<string, { 'zh-CN': string; 'en-US': string }> = {
  UNAUTHENTICATED: { 'zh-CN': '请先登录', 'en-US': 'Please sign in first' },
  SESSION_EXPIRED: { 'zh-CN': '登录已过期，请重新登录', 'en-US': 'Your session has expired; please sign in again' },
  FORBIDDEN: { 'zh-CN': '您没有执行此操作的权限', 'en-US': 'You do not have permission to do this' },
  OPERATOR_ONLY: {
    'zh-CN': '节假日等全局基础数据由平台运营单位的系统管理员维护',
    'en-US': 'Global reference data such as the holiday calendar is maintained by the operating unit’s system administrators',
  },
  SETTINGS_UNIT_WIDE: {
    'zh-CN': '这是全单位的设置，只有党委组织部门可以修改',
    'en-US': 'This is a unit-wide setting; only the organisation office can change it',
  },
  OUT_OF_SCOPE: { 'zh-CN': '该数据不在您的管理范围内', 'en-US': 'This record is outside your scope' },
  CSRF_INVALID: {
    'zh-CN': '请求缺少有效的安全令牌，请刷新页面后重试',
    'en-US': 'The request lacks a valid security token; reload the page and try again',
  },
  NOT_FOUND: { 'zh-CN': '未找到请求的资源', 'en-US': 'The requested resource was not found' },
  ROUTE_NOT_FOUND: { 'zh-CN': '接口不存在：{method} {url}', 'en-US': 'No such endpoint: {method} {url}' },
  INVALID_JSON: { 'zh-CN': '请求体不是有效的 JSON', 'en-US': 'The request body is not valid JSON' },
  UNSUPPORTED_MEDIA_TYPE: { 'zh-CN': '不支持的请求内容类型', 'en-US': 'Unsupported content type' },
  BODY_TOO_LARGE: { 'zh-CN': '请求内容过大（上限 {limit}）', 'en-US': 'The request body is too large (limit {limit})' },
  VALIDATION_FAILED: { 'zh-CN': '提交的数据有误，请检查标出的字段', 'en-US': 'Some fields are invalid; please check them' },
  INTERNAL: { 'zh-CN': '服务器内部错误，请稍后重试', 'en-US': 'Internal server error; please try again later' },
  TEXT_NUL: {
    'zh-CN': '“{field}”含有不可见的空字符（\\0），多见于从其他系统复制的文字：请删除后重新输入',
    'en-US': '"{field}" contains an invisible NUL character (\\0), often from text copied out of another system; remove it and type it again',
  },
  TEXT_LONE_SURROGATE: {
    'zh-CN': '“{field}”含有无法保存的残缺字符（不成对的 UTF-16 代理项）：请删除后重新输入',
    'en-US': '"{field}" contains a broken character (an unpaired UTF-16 surrogate) that cannot be stored; remove it and type it again',
  },
  TEXT_INVALID: { 'zh-CN': '提交的文字含有无法保存的字符', 'en-US': 'The text contains characters that cannot be stored' },
  TEXT_TOO_LONG: { 'zh-CN': '提交的文字过长', 'en-US': 'The text is too long' },
  VALUE_OUT_OF_RANGE: { 'zh-CN': '提交的数值超出允许范围', 'en-US': 'A number is beyond the allowed range' },
  VALUE_NOT_ALLOWED: { 'zh-CN': '提交的数值不符合规定', 'en-US': 'A value is not allowed' },
  REFERENCE_NOT_FOUND: { 'zh-CN': '{thing}不存在（编号 {value}）', 'en-US': 'No such {thing} (id {value})' },
  TABLE_record: { 'zh-CN': '引用的记录', 'en-US': 'record' },
  TABLE_departments: { 'zh-CN': '科室', 'en-US': 'department' },
  TABLE_campuses: { 'zh-CN': '院区', 'en-US': 'campus' },
  TABLE_members: { 'zh-CN': '党员', 'en-US': 'member' },
  TABLE_orgs: { 'zh-CN': '党组织', 'en-US': 'organisation' },
  TABLE_users: { 'zh-CN': '账号', 'en-US': 'account' },
  RECORD_IN_USE: { 'zh-CN': '该记录仍被其他记录引用，不能删除', 'en-US': 'This record is still referenced by others and cannot be removed' },
  DUPLICATE_VALUE: { 'zh-CN': '已存在相同的记录', 'en-US': 'The same record already exists' },
  QUERY_TIMEOUT: {
    'zh-CN': '服务器正忙，这次查询超时未完成：请缩小查询范围或稍后重试',
    'en-US': 'The server is busy and this query timed out; narrow it down or try again later',
  },
  PAGE_TOO_DEEP: {
    'zh-CN': '翻页过深（第 {page} 页，每页 {pageSize} 条）：最多查看前 {max} 条，请用筛选条件缩小范围',
    'en-US': 'Page too deep (page {page} of {pageSize}): at most the first {max} rows can be paged through; narrow the list with filters',
  },
  VERSION_CONFLICT: {
    'zh-CN': '该记录已被他人修改，请刷新后重试',
    'en-US': 'This record was changed by someone else; reload and try again',
  },
  LOGIN_FAILED: { 'zh-CN': '用户名或密码错误', 'en-US': 'Wrong username or password' },
  LOGIN_RATE_LIMITED: {
    'zh-CN': '登录失败次数过多，请在 {minutes} 分钟后（{until}）重试',
    'en-US': 'Too many failed sign-ins; try again in {minutes} min (after {until})',
  },
  TENANT_REQUIRED: {
    'zh-CN': '该用户名在多个单位中都有（用户名全平台唯一之前建立的账号），请同时填写您所在单位的单位代码；不清楚单位代码请询问本单位系统管理员',
    'en-US': 'This username exists in several units (accounts made before usernames became unique); please also give your unit’s code — your unit’s system administrator can tell you',
  },
  PASSWORD_CHANGE_REQUIRED: {
    'zh-CN': '请先修改临时密码，再使用其他功能',
    'en-US': 'Please replace your temporary password before doing anything else',
  },
  PASSWORD_WRONG: { 'zh-CN': '当前密码不正确', 'en-US': 'The current password is wrong' },
  PASSWORD_TOO_SHORT: { 'zh-CN': '密码至少 8 位', 'en-US': 'The password needs at least 8 characters' },
  PASSWORD_TOO_SIMPLE: { 'zh-CN': '密码须同时包含字母和数字', 'en-US': 'The password needs both letters and digits' },
  PASSWORD_SAME: { 'zh-CN': '新密码不能与当前密码相同', 'en-US': 'The new password must differ from the current one' },
  PASSWORD_CONTAINS_USERNAME: { 'zh-CN': '密码不能包含用户名', 'en-US': 'The password must not contain the username' },
  PASSWORD_TOO_COMMON: {
    'zh-CN': '这个密码太常见，容易被猜中（如 password1、Passw0rd、123456 的变体）：请换一个不常见的词组或更长的密码',
    'en-US': 'This password is too common and easy to guess (like password1, Passw0rd or variants of 123456); choose an uncommon phrase or a longer password',
  },
  USERNAME_TAKEN: {
    'zh-CN': '用户名“{username}”已被使用（用户名在本平台所有单位中唯一，不区分大小写），请换一个，例如加上单位简称',
    'en-US': 'The username "{username}" is already taken (usernames are unique across all units of this platform, ignoring case); choose another, e.g. with your unit’s short name',
  },
  USER_MEMBER_ALREADY_LINKED: { 'zh-CN': '党员“{name}”已关联账号“{username}”，一名党员只能关联一个账号', 'en-US': 'The member "{name}" is already linked to the account "{username}"; a member has one account' },
  USER_MEMBER_NOT_ACTIVE: { 'zh-CN': '党员“{name}”的党籍状态不是正常，不能关联账号', 'en-US': 'The member "{name}" is not active and cannot be linked to an account' },
  USERS_BULK_INVALID: { 'zh-CN': '有 {count} 处问题，未创建任何账号；请检查标出的行', 'en-US': '{count} problems; no account was created. Check the rows marked' },
  USERS_BULK_MEMBER_NOT_IN_ORG: { 'zh-CN': '党员（编号 {id}）不在“{org}”或已不在册', 'en-US': 'Member {id} is not (or no longer) in "{org}"' },
  USERS_BULK_MEMBER_HAS_ACCOUNT: { 'zh-CN': '{name} 已有账号“{username}”', 'en-US': '{name} already has the account "{username}"' },
  USERS_BULK_MEMBER_DUPLICATE: { 'zh-CN': '{name} 在列表中出现了两次', 'en-US': '{name} appears twice in the list' },
  USERS_BULK_USERNAME_INVALID: { 'zh-CN': '用户名“{username}”格式不正确：3–32 位字母、数字、点、下划线或短横线', 'en-US': 'The username "{username}" is invalid: 3–32 letters, digits, dots, underscores or hyphens' },
  USERS_BULK_USERNAME_DUPLICATE: { 'zh-CN': '用户名“{username}”与列表第 {first} 行重复', 'en-US': 'The username "{username}" repeats row {first} of the list' },
  ORG_REQUIRED_FOR_ROLE: {
    'zh-CN': '角色“支部书记/支委”须指定所管理的党组织',
    'en-US': 'The branch secretary role needs the organisation it manages',
  },
  ORG_NOT_FOUND: { 'zh-CN': '党组织不存在（编号 {id}）', 'en-US': 'No such organisation (id {id})' },
  MEMBER_NOT_FOUND: { 'zh-CN': '党员不存在（编号 {id}）', 'en-US': 'No such member (id {id})' },
  AUDIT_ENTRY_NOT_FOUND: { 'zh-CN': '审计记录不存在（编号 {id}）', 'en-US': 'No such audit entry (id {id})' },
  USER_NOT_FOUND: { 'zh-CN': '用户不存在（编号 {id}）', 'en-US': 'No such user (id {id})' },
  CANNOT_DISABLE_SELF: { 'zh-CN': '不能停用自己的账号', 'en-US': 'You cannot disable your own account' },
  SETUP_DONE: {
    'zh-CN': '系统已初始化，不能重复创建首个单位',
    'en-US': 'The system is already set up; the first unit cannot be created again',
  },
  TENANT_CODE_TAKEN: { 'zh-CN': '单位代码“{code}”已被使用', 'en-US': 'The unit code "{code}" is already taken' },
  // Dues (党费)
  DUES_CATEGORY_INVALID: { 'zh-CN': '党费类别“{value}”无效', 'en-US': 'Unknown dues category "{value}"' },
  DUES_BASE_NEGATIVE: { 'zh-CN': '缴费基数不能为负数（{value} 分）', 'en-US': 'The dues base cannot be negative ({value} fen)' },
  DUES_BASE_NOT_INTEGER: { 'zh-CN': '缴费基数须为整数（单位：分），收到 {value}', 'en-US': 'The dues base must be a whole number of fen; got {value}' },
  DUES_BASE_TOO_LARGE: {
    'zh-CN': '缴费基数 {value} 分超出合理范围（上限 {max} 分），请检查是否多输了位数',
    'en-US': 'The dues base {value} fen is beyond the plausible limit ({max} fen); check for extra digits',
  },
  DUES_FARMER_AMOUNT_REQUIRED: { 'zh-CN': '农民党员须选择每月交纳金额（{min}–{max} 分）', 'en-US': 'Farmers choose a monthly amount ({min}–{max} fen)' },
  DUES_FARMER_AMOUNT_NOT_INTEGER: { 'zh-CN': '农民党员交纳金额须为整数（单位：分），收到 {value}', 'en-US': 'The farmer amount must be a whole number of fen; got {value}' },
  DUES_FARMER_AMOUNT_OUT_OF_RANGE: {
    'zh-CN': '农民党员每月交纳 0.2–1 元（{min}–{max} 分），收到 {value} 分',
    'en-US': 'Farmers pay 0.2–1 yuan a month ({min}–{max} fen); got {value} fen',
  },
  DUES_AMOUNT_NEGATIVE: { 'zh-CN': '金额不能为负数（{value} 分）', 'en-US': 'The amount cannot be negative ({value} fen)' },
  DUES_AMOUNT_NOT_INTEGER: { 'zh-CN': '金额须为整数（单位：分），收到 {value}', 'en-US': 'The amount must be a whole number of fen; got {value}' },
  DUES_AMOUNT_ZERO: { 'zh-CN': '金额须大于 0', 'en-US': 'The amount must be greater than 0' },
  DUES_MONTHS_INVALID: { 'zh-CN': '月份数无效（{value}）', 'en-US': 'Invalid number of months ({value})' },
  DUES_MONTH_INVALID: { 'zh-CN': '月份“{month}”格式应为 YYYY-MM', 'en-US': 'The month "{month}" must be YYYY-MM' },
  DUES_MONTH_IN_FUTURE: { 'zh-CN': '{month} 尚未到来，不能结算', 'en-US': '{month} has not come yet and cannot be closed' },
  DUES_MONTH_NOT_DUE: {
    'zh-CN': '{name} 在 {month} 没有应缴记录（该月尚未结算）',
    'en-US': '{name} has nothing due for {month} (the month is not closed yet)',
  },
  DUES_MONTH_ALREADY_PAID: { 'zh-CN': '{name} 的 {month} 党费已交清', 'en-US': '{name} has already paid the dues for {month}' },
  DUES_NO_BASE: {
    'zh-CN': '{name} 尚未核定 {year} 年度缴费基数',
    'en-US': '{name} has no dues base set for {year}',
  },
  DUES_ENTRY_NOT_FOUND: { 'zh-CN': '党费台账记录不存在（编号 {id}）', 'en-US': 'No such dues ledger entry (id {id})' },
  DUES_CORRECTION_OF_CORRECTION: {
    'zh-CN': '更正记录不能再被更正，请对原记录（编号 {id}）再做一次更正',
    'en-US': 'A correction cannot be corrected; correct the original entry (id {id}) again',
  },
  DUES_CORRECTION_ZERO: { 'zh-CN': '更正金额与现有金额相同，无需更正', 'en-US': 'The corrected amount equals the current one; nothing to correct' },
  DUES_CORRECTION_NEGATIVE_RESULT: {
    'zh-CN': '更正后的金额不能为负数',
    'en-US': 'The corrected amount cannot be negative',
  },
  DUES_PAYROLL_FILE_INVALID: { 'zh-CN': '无法读取工资表：请上传 .xlsx 文件', 'en-US': 'The payroll sheet cannot be read; upload an .xlsx file' },
  DUES_PAYROLL_EMPTY: { 'zh-CN': '工资表没有数据行', 'en-US': 'The payroll sheet has no data rows' },
  DUES_PAYROLL_COLUMNS: { 'zh-CN': '工资表的列与所选口径不符，请检查标出的列', 'en-US': 'The payroll columns do not match the chosen items; see the columns listed' },
  DUES_PAYROLL_COLUMN_MISSING: { 'zh-CN': '缺少列“{column}”', 'en-US': 'Missing column "{column}"' },
  DUES_PAYROLL_COLUMN_UNKNOWN: {
    'zh-CN': '无法识别的列“{column}”（可识别：{known}）',
    'en-US': 'Unrecognised column "{column}" (known: {known})',
  },
  DUES_PAYROLL_ROWS_INVALID: {
    'zh-CN': '工资表有 {count} 处错误，未导入任何数据；请改正后重新导入',
    'en-US': 'The payroll sheet has {count} errors; nothing was imported. Fix them and import again',
  },
  DUES_PAYROLL_VALUE_INVALID: { 'zh-CN': '“{column}”应为金额（元，最多两位小数）', 'en-US': '"{column}" must be an amount in yuan (at most two decimals)' },
  DUES_PAYROLL_ITEM_NEGATIVE: { 'zh-CN': '工资项“{column}”不能为负数', 'en-US': 'Pay item "{column}" cannot be negative' },
  DUES_PAYROLL_DEDUCTION_NEGATIVE: {
    'zh-CN': '扣除项“{column}”不能为负数（扣除额应填正数）',
    'en-US': 'Deduction "{column}" cannot be negative (enter deductions as positive amounts)',
  },
  DUES_PAYROLL_BASE_NEGATIVE: { 'zh-CN': '扣除额大于应发工资，税后工资为负', 'en-US': 'Deductions exceed pay: the after-tax base is negative' },
  DUES_PAYROLL_MEMBER_NOT_FOUND: {
    'zh-CN': '在您的管理范围内找不到党员“{name}”',
    'en-US': 'No member named "{name}" within your scope',
  },
  DUES_PAYROLL_MEMBER_AMBIGUOUS: {
    'zh-CN': '有多名党员叫“{name}”，请在“身份证号码”列填写身份证号',
    'en-US': 'Several members are named "{name}"; fill in the ID number column',
  },
  DUES_PAYROLL_MEMBER_DUPLICATE: { 'zh-CN': '“{name}”在第 {row} 行已出现过', 'en-US': '"{name}" already appears in row {row}' },
  DUES_PAYROLL_NOT_EMPLOYED: {
    'zh-CN': '“{name}”的党费类别不是在职，不按工资核定基数',
    'en-US': '"{name}" is not in the employed dues category; the base is not set from pay',
  },
  DUES_PAYROLL_NO_ITEMS: { 'zh-CN': '至少选择一项计入基数的工资项目', 'en-US': 'Choose at least one pay item for the base' },
  DUES_PAYROLL_TAX_REQUIRED: {
    'zh-CN': '个人所得税必须扣除（党费按税后工资计算）',
    'en-US': 'Income tax is always deducted (dues are computed on after-tax pay)',
  },
  DUES_STATEMENT_ROWS_INVALID: {
    'zh-CN': '对账单有 {count} 行无法匹配，未登记任何缴费；请改正后重新导入',
    'en-US': '{count} statement rows could not be matched; nothing was recorded. Fix them and import again',
  },
  DUES_STATEMENT_NO_MATCH: {
    'zh-CN': '姓名“{name}”与身份证号不匹配任何在范围内的党员',
    'en-US': 'Name "{name}" and ID number match no member within your scope',
  },
  DUES_BACK_PAYMENT_OVER_LIMIT: {
    'zh-CN': '补交跨度 {months} 个月，超过党费规定一般不超过 {limit} 个月的要求，请在备注中说明原因',
    'en-US': 'This back-payment reaches {months} months back, beyond the usual limit of {limit} months; note the reason',
  },
  DUES_STATEMENT_DATE_INVALID: { 'zh-CN': '缴纳日期应为 YYYY-MM-DD 格式的日期', 'en-US': 'The payment date must be a YYYY-MM-DD date' },
  DUES_STATEMENT_NOTHING_DUE: {
    'zh-CN': '“{name}”没有未交的党费，该笔款项请按自愿多交登记',
    'en-US': '"{name}" owes nothing; record this payment as a voluntary extra',
  },
  // Member development (发展党员工作细则)
  DEV_FILE_NOT_FOUND: { 'zh-CN': '发展党员档案不存在（编号 {id}）', 'en-US': 'No such development file (id {id})' },
  DEV_ENTRY_NOT_FOUND: { 'zh-CN': '档案记录不存在（编号 {id}）', 'en-US': 'No such entry (id {id})' },
  DEV_ENTRY_SUPERSEDED: { 'zh-CN': '该记录（编号 {id}）已被更正，请更正最新的记录', 'en-US': 'Entry {id} has already been corrected; correct the latest entry' },
  DEV_FILE_EXISTS_ELSEWHERE: { 'zh-CN': '此公民身份号码已在您管辖范围之外有发展党员档案，请联系党委组织部', 'en-US': 'A development file with this ID number exists outside your scope; ask the organisation office' },
  DEV_FILE_EXISTS: { 'zh-CN': '此公民身份号码已有发展党员档案（编号 {id}）', 'en-US': 'A development file with this ID number exists (id {id})' },
  DEV_ID_NUMBER_IS_MEMBER: { 'zh-CN': '该身份证号已登记为党员“{name}”，不能再建立发展党员档案', 'en-US': 'This ID number belongs to the member "{name}"; no development file can be opened for it' },
  DEV_ID_NUMBER_IS_MEMBER_ELSEWHERE: {
    'zh-CN': '该身份证号已在本单位登记为党员，不能建立发展党员档案；如有疑问请向党委组织部门咨询',
    'en-US': 'This ID number is already registered as a member in the unit, so no development file can be opened; ask the organisation office',
  },
  DEV_ID_NUMBER_INVALID: { 'zh-CN': '公民身份号码无效', 'en-US': 'Invalid ID number' },
  DEV_ORG_NOT_BRANCH: { 'zh-CN': '发展党员档案须建在党支部（或党总支、党委）下，不能建在党小组', 'en-US': 'A development file belongs to a branch (or general branch, committee), not to a party group' },
  DEV_HOLIDAY_NOT_FOUND: { 'zh-CN': '节假日表中没有 {id}', 'en-US': '{id} is not in the holiday calendar' },
  DEV_DATE_INVALID: { 'zh-CN': '日期无效：{date}', 'en-US': 'Invalid date: {date}' },
  DEV_DATE_IN_FUTURE: { 'zh-CN': '日期 {date} 晚于今天（{today}），不能预先登记', 'en-US': 'The date {date} is after today ({today}); steps cannot be recorded in advance' },
  DEV_FILE_CLOSED: { 'zh-CN': '该同志已于 {date} 被取消预备党员资格，档案已关闭', 'en-US': 'Probation failed on {date}; the file is closed' },
  DEV_STEP_INVALID: { 'zh-CN': '步骤编号无效：{step}', 'en-US': 'Invalid step number: {step}' },
  DEV_STEP_ALREADY_RECORDED: { 'zh-CN': '第 {step} 步已于 {date} 登记；如有错误请使用“更正”并说明原因', 'en-US': 'Step {step} was recorded on {date}; use a correction with a reason to change it' },
  DEV_STEP_OUT_OF_ORDER: { 'zh-CN': '程序不能跳过：第 {step} 步须在第 {requires} 步完成之后进行', 'en-US': 'Steps cannot be skipped: step {step} needs step {requires} first' },
  DEV_DATE_BEFORE_PREVIOUS: { 'zh-CN': '第 {step} 步的日期 {date} 早于第 {previousStep} 步（{previousDate}）', 'en-US': 'The date of step {step} ({date}) is before step {previousStep} ({previousDate})' },
  DEV_DATE_AFTER_NEXT: { 'zh-CN': '更正后的日期 {date} 晚于第 {nextStep} 步（{nextDate}）', 'en-US': 'The corrected date {date} is after step {nextStep} ({nextDate})' },
  DEV_BIRTH_DATE_MISSING: { 'zh-CN': '缺少出生日期，无法核对年满十八岁', 'en-US': 'The birth date is missing, so the age of 18 cannot be checked' },
  DEV_APPLICANT_UNDER_18: { 'zh-CN': '申请入党须年满十八岁：{birthDate} 出生，最早 {earliest} 可递交入党申请书', 'en-US': 'Applicants must be 18: born {birthDate}, may apply from {earliest}' },
  DEV_TALK_LATE: { 'zh-CN': '党组织应在收到入党申请书后一个月内派人谈话：{appliedOn} 收到申请，最迟 {latest}', 'en-US': 'The talk must follow within one month of the application: received {appliedOn}, latest {latest}' },
  DEV_MENTOR_COUNT: { 'zh-CN': '培养联系人应为 {min}至{max} 名正式党员（现为 {count} 名）', 'en-US': 'Give {min} to {max} full members as mentors (now {count})' },
  DEV_SPONSOR_COUNT: { 'zh-CN': '入党介绍人应为 {required} 名正式党员（现为 {count} 名）', 'en-US': 'Give {required} full members as sponsors (now {count})' },
  DEV_PERSON_UNKNOWN: { 'zh-CN': '党员不存在（编号 {id}）', 'en-US': 'No such member (id {id})' },
  DEV_MENTOR_NOT_FULL: { 'zh-CN': '培养联系人须为正式党员：{name} 在 {date} 还不是正式党员（转正日期 {fullOn}）', 'en-US': 'Mentors must be full members: {name} was not a full member on {date} (full from {fullOn})' },
  DEV_SPONSOR_NOT_FULL: { 'zh-CN': '入党介绍人须为正式党员：{name} 在 {date} 还不是正式党员（转正日期 {fullOn}）', 'en-US': 'Sponsors must be full members: {name} was not a full member on {date} (full from {fullOn})' },
  DEV_ACTIVIST_YEAR_NOT_MET: { 'zh-CN': '培养教育不满一年：{activistOn} 确定为入党积极分子，最早 {earliest} 可确定为发展对象', 'en-US': 'Less than one year of education: activist since {activistOn}, candidate from {earliest} at the earliest' },
  DEV_REVIEW_MISSING: { 'zh-CN': '缺少半年考察：{from} 至 {to} 期间没有书面考察记录', 'en-US': 'A 6-monthly review is missing: none between {from} and {to}' },
  DEV_REVIEW_NOT_ACTIVIST: { 'zh-CN': '半年考察只在入党积极分子培养教育期间（第6步之后、第7步之前）登记', 'en-US': 'Reviews are recorded while the person is an activist (after step 6, before step 7)' },
  DEV_TRAINING_TOO_SHORT: { 'zh-CN': '集中培训一般不少于{minDays}天或{minHours}个学时（现为 {days} 天、{hours} 学时）', 'en-US': 'Concentrated training needs at least {minDays} days or {minHours} class hours (now {days} days, {hours} hours)' },
  DEV_NOTICE_OUT_OF_ORDER: { 'zh-CN': '公示在支部委员会审查（第12步）之后、上级党委预审（第13步）之前进行', 'en-US': 'The public notice comes after the branch committee review (step 12) and before the pre-review (step 13)' },
  DEV_NOTICE_BEFORE_REVIEW: { 'zh-CN': '公示开始日期 {noticeStart} 早于支部委员会审查日期 {reviewedOn}', 'en-US': 'The notice starts ({noticeStart}) before the branch committee review ({reviewedOn})' },
  DEV_NOTICE_REQUIRED: { 'zh-CN': '请先登记公示（起止日期）', 'en-US': 'Record the public notice (first and last day) first' },
  DEV_NOTICE_TOO_SHORT: { 'zh-CN': '公示期不足 {days} 个工作日：{noticeStart} 开始，最早 {earliestEnd} 期满（现填 {noticeEnd}）', 'en-US': 'The notice is shorter than {days} working days: from {noticeStart} it ends on {earliestEnd} at the earliest (given {noticeEnd})' },
  DEV_NOTICE_TOO_SHORT_CALENDAR_DAYS: { 'zh-CN': '公示期不足 {days} 天：{noticeStart} 开始，最早 {earliestEnd} 期满（现填 {noticeEnd}）', 'en-US': 'The notice is shorter than {days} days: from {noticeStart} it ends on {earliestEnd} at the earliest (given {noticeEnd})' },
  UPLOAD_TOO_LARGE: { 'zh-CN': '文件“{name}”过大：{size} MB，单个文件不超过 {max} MB', 'en-US': 'The file "{name}" is too large: {size} MB; at most {max} MB per file' },
  UPLOAD_EMPTY: { 'zh-CN': '文件“{name}”是空的', 'en-US': 'The file "{name}" is empty' },
  WEBHOOK_TARGET_REFUSED: { 'zh-CN': '该地址不能接收提醒：{reason}', 'en-US': 'This address cannot receive reminders: {reason}' },
  WEBHOOK_NOT_HTTPS: { 'zh-CN': '只接受 https:// 开头的群机器人地址', 'en-US': 'only https:// group-robot addresses are accepted' },
  WEBHOOK_BAD_URL: { 'zh-CN': '地址格式不正确（不能含用户名或密码）', 'en-US': 'the address is malformed (it may not contain a user name or password)' },
  WEBHOOK_FORBIDDEN_ADDRESS: {
    'zh-CN': '地址指向本机或内部网络（{address}），群机器人地址应是企业微信或钉钉的公网地址；如需经内网网关转发，请联系系统管理员',
    'en-US': 'the address points to this server or the internal network ({address}); a group robot’s address is a public 企业微信 or 钉钉 one. To go through an intranet gateway, ask your system administrator',
  },
  WEBHOOK_UNRESOLVABLE: { 'zh-CN': '无法解析该地址的域名，请核对', 'en-US': 'the address’s host name cannot be resolved; check it' },
  UPLOAD_TYPE_NOT_ALLOWED: {
    'zh-CN': '文件“{name}”不是可接收的类型：请上传 PDF、JPG、PNG 图片或 Word（.docx）、Excel（.xlsx）文件',
    'en-US': 'The file "{name}" is not an accepted type: upload a PDF, JPG or PNG image, or a Word (.docx) or Excel (.xlsx) file',
  },
  DEV_DOCUMENT_NOT_FOUND: { 'zh-CN': '材料不存在（编号 {id}）', 'en-US': 'No such document (id {id})' },
  DEV_DOCUMENT_WITHDRAWN: { 'zh-CN': '材料（编号 {id}）已撤回', 'en-US': 'Document {id} has been withdrawn' },
  DEV_DOCUMENT_ENTRY_UNKNOWN: { 'zh-CN': '本档案中没有编号为 {id} 的记录', 'en-US': 'This file has no entry {id}' },
  DEV_NOTICE_NOT_ENDED: { 'zh-CN': '公示期至 {noticeEnd} 才结束，预审最早于次日进行', 'en-US': 'The notice runs until {noticeEnd}; the pre-review can follow the next day at the earliest' },
  DEV_APPROVAL_LATE: { 'zh-CN': '超过三个月审批期限：支部大会 {meetingOn} 通过，应于 {latest} 前审批；特殊情况延长须填写原因', 'en-US': 'Past the 3-month approval limit: branch meeting on {meetingOn}, approve by {latest}; a later approval needs a reason' },
  DEV_APPROVAL_EXTENSION_TOO_LONG: { 'zh-CN': '审批时间延长后不得超过六个月：支部大会 {meetingOn} 通过，最迟 {latest}', 'en-US': 'Even extended, approval must come within 6 months: branch meeting on {meetingOn}, latest {latest}' },
  DEV_PROBATION_NOT_ENDED: { 'zh-CN': '预备期未满：预备期自 {start} 起，至 {end} 期满', 'en-US': 'Probation has not ended: from {start} until {end}' },
  DEV_FULL_APPROVAL_LATE: { 'zh-CN': '超过转正审批期限：支部大会 {meetingOn} 通过转正，应于 {latest} 前审批', 'en-US': 'Past the approval limit for full membership: branch meeting on {meetingOn}, approve by {latest}' },
  DEV_NOT_PROBATIONARY: { 'zh-CN': '只有预备党员（上级党委审批后、转正前）才能延长预备期或取消预备党员资格', 'en-US': 'Only a probationary member (approved, not yet full) can have probation extended or be disqualified' },
  DEV_REASON_REQUIRED: { 'zh-CN': '请填写原因', 'en-US': 'Give the reason' },
  DEV_PROBATION_EXTENSION_ONCE: { 'zh-CN': '预备期只能延长 {max} 次', 'en-US': 'Probation can be extended only {max} time(s)' },
  DEV_PROBATION_EXTENSION_MONTHS: { 'zh-CN': '延长预备期不能少于 {min} 个月、不超过 {max} 个月（现为 {months} 个月）', 'en-US': 'A probation extension is {min} to {max} months (given {months})' },
  DEV_IMPORT_FILE_INVALID: { 'zh-CN': '无法读取上传的 Excel 文件（须为 .xlsx）', 'en-US': 'The uploaded file is not a readable .xlsx workbook' },
  DEV_IMPORT_EMPTY: { 'zh-CN': '表格中没有人员', 'en-US': 'The sheet has no people' },
  DEV_IMPORT_COLUMNS: { 'zh-CN': '表头不符合导入模板，请下载模板核对', 'en-US': 'The headings do not match the import template' },
  DEV_IMPORT_COLUMN_MISSING: { 'zh-CN': '缺少列“{column}”', 'en-US': 'Missing column "{column}"' },
  DEV_IMPORT_ROWS: { 'zh-CN': '有 {count} 处错误，未导入任何数据，请修改后重新上传', 'en-US': '{count} errors; nothing was imported. Fix them and upload again' },
  DEV_IMPORT_ID_NUMBER: { 'zh-CN': '第 {row} 行（{name}）：公民身份号码无效', 'en-US': 'Row {row} ({name}): invalid ID number' },
  DEV_IMPORT_DUPLICATE: { 'zh-CN': '第 {row} 行（{name}）：已有此公民身份号码的档案', 'en-US': 'Row {row} ({name}): a file with this ID number already exists' },
  DEV_IMPORT_IS_MEMBER: { 'zh-CN': '第 {row} 行（{name}）：该身份证号已登记为党员，不能建立发展党员档案', 'en-US': 'Row {row} ({name}): this ID number belongs to a member; no development file can be opened for it' },
  DEV_IMPORT_ORG_UNKNOWN: { 'zh-CN': '第 {row} 行（{name}）：没有名为“{org}”的党组织', 'en-US': 'Row {row} ({name}): no organisation named "{org}"' },
  DEV_IMPORT_ORG_OUT_OF_SCOPE: { 'zh-CN': '第 {row} 行（{name}）：“{org}”不在您的管理范围内', 'en-US': 'Row {row} ({name}): "{org}" is outside your scope' },
  DEV_IMPORT_PERSON_UNKNOWN: { 'zh-CN': '第 {row} 行（{name}）：找不到党员“{person}”', 'en-US': 'Row {row} ({name}): no member named "{person}"' },
  DEV_IMPORT_PERSON_AMBIGUOUS: { 'zh-CN': '第 {row} 行（{name}）：有多名党员叫“{person}”，请在系统中录入', 'en-US': 'Row {row} ({name}): several members are named "{person}"; enter this step in Hongyi instead' },
  DEV_IMPORT_DATE: { 'zh-CN': '第 {row} 行（{name}）：“{column}”不是有效日期（如 2025-03-01）', 'en-US': 'Row {row} ({name}): "{column}" is not a valid date (e.g. 2025-03-01)' },
  DEV_IMPORT_NO_DATES: { 'zh-CN': '第 {row} 行（{name}）：没有任何步骤日期', 'en-US': 'Row {row} ({name}): no step dates' },
  // Organisational life (三会一课 etc.)
  ORGLIFE_INVALID: { 'zh-CN': '组织生活记录有误，请检查标出的字段', 'en-US': 'The record has problems; please check the marked fields' },
  ORGLIFE_RECORD_NOT_FOUND: { 'zh-CN': '组织生活记录不存在（编号 {id}）', 'en-US': 'No such organisational-life record (id {id})' },
  ORGLIFE_QUORUM_NOT_MET: {
    'zh-CN': '“{title}”不能作出决议：有表决权的党员应到 {votingMembers} 人，实到 {present} 人，须超过半数（至少 {required} 人）到会',
    'en-US': '"{title}" cannot be resolved: {present} of {votingMembers} voting members present; more than half ({required}) must attend',
  },
  ORGLIFE_ELECTION_QUORUM_NOT_MET: {
    'zh-CN': '“{title}”选举无效：有选举权的党员应到 {votingMembers} 人，实到 {present} 人，须超过五分之四（至少 {required} 人）到会',
    'en-US': '"{title}" election invalid: {present} of {votingMembers} voters present; more than 4/5 ({required}) must attend',
  },
  ORGLIFE_VOTES_EXCEED_PRESENT: { 'zh-CN': '“{title}”的票数合计 {cast} 超过到会有表决权党员 {present} 人', 'en-US': '"{title}": {cast} votes cast but only {present} voting members present' },
  ORGLIFE_QR_INVALID: { 'zh-CN': '签到二维码无效或已过期，请向支部书记确认', 'en-US': 'The attendance QR code is invalid or has expired; ask the secretary' },
  ORGLIFE_NOT_ON_ROSTER: { 'zh-CN': '您不在该会议的应到名单中', 'en-US': 'You are not on this meeting’s roster' },
  ORGLIFE_PLAN_EXISTS: { 'zh-CN': '{year} 年的计划已存在，请直接修改', 'en-US': 'A plan for {year} already exists; edit it instead' },
  ORGLIFE_PLAN_NOT_FOR_ORG: { 'zh-CN': '只有党委和党支部有年度组织生活计划', 'en-US': 'Only committees and branches have a yearly plan' },
  ORGLIFE_PLAN_ITEM_NOT_FOUND: { 'zh-CN': '计划事项不存在（编号 {id}）', 'en-US': 'No such plan item (id {id})' },
  ORGLIFE_ATTACHMENT_NOT_FOUND: { 'zh-CN': '附件不存在（编号 {id}）', 'en-US': 'No such attachment (id {id})' },
  ORGLIFE_ATTACHMENT_WITHDRAWN: { 'zh-CN': '附件（编号 {id}）已撤回', 'en-US': 'Attachment {id} has been withdrawn' },
  ORGLIFE_PLAN_ITEM_DONE: {
    'zh-CN': '该计划事项已由 {heldOn} 的会议记录完成，不能删除；如确需删除，请先在该记录中取消关联',
    'en-US': 'The record of {heldOn} completed this plan item, so it cannot be removed; unlink it in that record first',
  },
  ORGLIFE_CHANNEL_NOT_FOUND: { 'zh-CN': '提醒渠道不存在（编号 {id}）', 'en-US': 'No such reminder channel (id {id})' },
  ORGLIFE_VOTING_EXCLUSION_NOT_FOUND: { 'zh-CN': '表决权登记不存在（编号 {id}）', 'en-US': 'No such voting-exclusion entry (id {id})' },
  // Organisations and members: roster import (row-level messages name the Excel row and column)
  ROSTER_FILE_INVALID: { 'zh-CN': '无法读取该文件，请上传 .xlsx 格式的 Excel 文件', 'en-US': 'The file cannot be read; upload an .xlsx Excel file' },
  ROSTER_EMPTY: { 'zh-CN': '文件中没有党员数据', 'en-US': 'The file holds no member rows' },
  ROSTER_TOO_MANY_ROWS: { 'zh-CN': '一次最多导入 {max} 行，请分批导入', 'en-US': 'At most {max} rows per import; split the file' },
  ROSTER_HEADER_NOT_FOUND: { 'zh-CN': '未找到表头行：须包含“{missing}”列（前 30 行内）', 'en-US': 'No header row found: it needs the column(s) "{missing}" within the first 30 rows' },
  ROSTER_ROWS_INVALID: { 'zh-CN': '名册有 {rows} 行共 {count} 处错误，未导入任何数据，请修改后重新导入', 'en-US': '{count} problems in {rows} rows; nothing was imported. Fix them and import again' },
  ROSTER_REQUIRED: { 'zh-CN': '第 {row} 行“{column}”：必填', 'en-US': 'Row {row}, "{column}": required' },
  ROSTER_ID_FORMAT: { 'zh-CN': '第 {row} 行“{column}”：“{value}”不是 18 位公民身份号码', 'en-US': 'Row {row}, "{column}": "{value}" is not an 18-character ID number' },
  ROSTER_ID_BIRTHDATE: { 'zh-CN': '第 {row} 行“{column}”：“{value}”中的出生日期不存在', 'en-US': 'Row {row}, "{column}": the birth date inside "{value}" does not exist' },
  ROSTER_ID_CHECKDIGIT: { 'zh-CN': '第 {row} 行“{column}”：“{value}”校验位不正确（GB 11643），请核对是否抄错', 'en-US': 'Row {row}, "{column}": the check digit of "{value}" is wrong (GB 11643); check for a typo' },
  ROSTER_ID_STORED_AS_NUMBER: {
    'zh-CN': '第 {row} 行“{column}”：身份证号被存成了数字，末几位已丢失：请把该列设为文本后重新填写',
    'en-US': 'Row {row}, "{column}": the ID number was stored as a number and its last digits are lost: format the column as text and enter it again',
  },
  ROSTER_DUPLICATE_IN_FILE: { 'zh-CN': '第 {row} 行“{column}”：与第 {first} 行重复', 'en-US': 'Row {row}, "{column}": duplicates row {first}' },
  ROSTER_VALUE_UNKNOWN: { 'zh-CN': '第 {row} 行“{column}”：无法识别“{value}”', 'en-US': 'Row {row}, "{column}": "{value}" is not recognised' },
  ROSTER_GENDER_MISMATCH: { 'zh-CN': '第 {row} 行“{column}”：“{value}”与身份证号中的性别不符', 'en-US': 'Row {row}, "{column}": "{value}" does not match the gender in the ID number' },
  ROSTER_DATE_INVALID: { 'zh-CN': '第 {row} 行“{column}”：“{value}”不是有效日期（可写 2019-07-01、2019.07、2019年7月1日）', 'en-US': 'Row {row}, "{column}": "{value}" is not a date (e.g. 2019-07-01, 2019.07)' },
  ROSTER_BIRTH_MISMATCH: { 'zh-CN': '第 {row} 行“{column}”：{value} 与身份证号中的出生日期 {fromId} 不符', 'en-US': 'Row {row}, "{column}": {value} differs from the birth date {fromId} in the ID number' },
  ROSTER_JOINED_BEFORE_BIRTH: { 'zh-CN': '第 {row} 行“{column}”：入党日期 {joined} 不能早于出生日期 {birth}', 'en-US': 'Row {row}, "{column}": joined on {joined}, before the birth date {birth}' },
  ROSTER_JOINED_UNDER_18: {
    'zh-CN': '第 {row} 行“{column}”：入党日期 {joined} 早于年满十八岁之日（出生日期 {birth}，最早 {earliest}）',
    'en-US': 'Row {row}, "{column}": joined on {joined}, before the 18th birthday (born {birth}; {earliest} at the earliest)',
  },
  ROSTER_ETHNICITY_UNKNOWN: {
    'zh-CN': '第 {row} 行“{column}”：“{value}”不是 56 个民族的规范名称（如 汉族、回族）',
    'en-US': 'Row {row}, "{column}": "{value}" is not one of the 56 official ethnic group names (e.g. 汉族, 回族)',
  },
  ROSTER_FULL_BEFORE_JOINED: { 'zh-CN': '第 {row} 行“{column}”：转正日期 {full} 早于入党日期 {joined}', 'en-US': 'Row {row}, "{column}": full membership on {full} is before joining on {joined}' },
  ROSTER_PROBATIONARY_WITH_FULL_DATE: { 'zh-CN': '第 {row} 行“{column}”：预备党员不应有转正日期（{full}），请核对人员类别', 'en-US': 'Row {row}, "{column}": a probationary member has no full-membership date ({full}); check the category' },
  ROSTER_PHONE_INVALID: { 'zh-CN': '第 {row} 行“{column}”：“{value}”不是有效的电话号码', 'en-US': 'Row {row}, "{column}": "{value}" is not a phone number' },
  ROSTER_ORG_UNKNOWN: { 'zh-CN': '第 {row} 行“{column}”：没有名为“{value}”的党支部', 'en-US': 'Row {row}, "{column}": no branch named "{value}"' },
  ROSTER_ORG_AMBIGUOUS: { 'zh-CN': '第 {row} 行“{column}”：有多个名为“{value}”的党组织，请填写全称', 'en-US': 'Row {row}, "{column}": several organisations are named "{value}"; use the full name' },
  ROSTER_ORG_OUT_OF_SCOPE: { 'zh-CN': '第 {row} 行“{column}”：“{value}”不在您的管理范围内', 'en-US': 'Row {row}, "{column}": "{value}" is outside your scope' },
  ROSTER_GROUP_UNKNOWN: { 'zh-CN': '第 {row} 行“{column}”：“{org}”下没有名为“{value}”的党小组', 'en-US': 'Row {row}, "{column}": "{org}" has no party group "{value}"' },
  ROSTER_DEPARTMENT_UNKNOWN: { 'zh-CN': '第 {row} 行“{column}”：没有名为“{value}”的科室', 'en-US': 'Row {row}, "{column}": no department named "{value}"' },
  ROSTER_CAMPUS_UNKNOWN: { 'zh-CN': '第 {row} 行“{column}”：没有名为“{value}”的院区', 'en-US': 'Row {row}, "{column}": no campus named "{value}"' },
  ROSTER_MEMBER_OUT_OF_SCOPE: {
    'zh-CN': '第 {row} 行“{column}”：该身份证号的党员不在您的管理范围内，不能通过导入修改；如有疑问请向党委组织部门咨询',
    'en-US': 'Row {row}, "{column}": the member with this ID number is not in your scope and cannot be changed by your import; ask the organisation office',
  },
  ROSTER_ORG_CHANGE_NEEDS_TRANSFER: {
    'zh-CN': '第 {row} 行“{column}”：该党员在“{from}”，不能通过导入改为“{to}”，请办理组织关系转接',
    'en-US': 'Row {row}, "{column}": the member is in "{from}"; moving them to "{to}" needs a transfer, not an import',
  },
  // Organisations and members: member records
  MEMBER_ID_FORMAT: { 'zh-CN': '不是 18 位公民身份号码', 'en-US': 'is not an 18-character ID number' },
  MEMBER_ID_BIRTHDATE: { 'zh-CN': '身份证号中的出生日期不存在', 'en-US': 'the birth date inside the ID number does not exist' },
  MEMBER_ID_CHECKDIGIT: { 'zh-CN': '身份证号校验位不正确（GB 11643）', 'en-US': 'the ID number’s check digit is wrong (GB 11643)' },
  MEMBER_GENDER_MISMATCH: { 'zh-CN': '性别与身份证号不符', 'en-US': 'does not match the gender in the ID number' },
  MEMBER_JOINED_BEFORE_BIRTH: { 'zh-CN': '入党日期须晚于出生日期', 'en-US': 'must be after the birth date' },
  MEMBER_JOINED_UNDER_18: {
    'zh-CN': '入党日期 {joinedOn} 早于年满十八岁之日：出生日期 {birthDate}，最早 {earliest} 方可入党',
    'en-US': 'Joined on {joinedOn}, before the 18th birthday: born {birthDate}, could join from {earliest} at the earliest',
  },
  MEMBER_ETHNICITY_UNKNOWN: { 'zh-CN': '“{value}”不是 56 个民族的规范名称（如 汉族、回族、维吾尔族）', 'en-US': '"{value}" is not one of the 56 official ethnic group names (e.g. 汉族, 回族, 维吾尔族)' },
  MEMBER_FULL_BEFORE_JOINED: { 'zh-CN': '转正日期不能早于入党日期', 'en-US': 'cannot be before the joining date' },
  MEMBER_PROBATIONARY_WITH_FULL_DATE: { 'zh-CN': '预备党员不应有转正日期', 'en-US': 'a probationary member has no full-membership date' },
  MEMBER_GROUP_NOT_IN_BRANCH: { 'zh-CN': '党小组（编号 {id}）不属于该党员所在党支部', 'en-US': 'Party group {id} is not in the member’s branch' },
  MEMBER_ORG_NOT_BRANCH: { 'zh-CN': '党员须编入党支部（党小组、临时党支部不接收组织关系）', 'en-US': 'Members belong to a branch (not a party group or a temporary branch)' },
  MEMBER_ID_NUMBER_TAKEN: { 'zh-CN': '该身份证号已登记为党员“{name}”（编号 {id}）', 'en-US': 'This ID number is already registered for "{name}" (id {id})' },
  MEMBER_ID_NUMBER_TAKEN_ELSEWHERE: {
    'zh-CN': '该身份证号已在本单位登记，请向党委组织部门咨询',
    'en-US': 'This ID number is already registered in the unit; ask the organisation office',
  },
  // Organisations and members: the org tree, committees, transfers
  ORG_DEPARTMENT_UNKNOWN: { 'zh-CN': '科室不存在（编号 {ids}）', 'en-US': 'No such department (id {ids})' },
  ORG_PARENT_INVALID: { 'zh-CN': '上级党组织不合适：{reason}', 'en-US': 'Unsuitable parent organisation: {reason}' },
  ORG_DISSOLVED: { 'zh-CN': '党组织“{name}”已撤销', 'en-US': 'The organisation "{name}" has been dissolved' },
  ORG_MERGE_INVALID: { 'zh-CN': '不能合并：{reason}', 'en-US': 'Cannot merge: {reason}' },
  ORG_DISSOLVE_NEEDS_TARGET: { 'zh-CN': '“{name}”还有 {count} 名党员或下级组织，请指定接收的党组织', 'en-US': '"{name}" still has {count} members or child organisations; choose where they go' },
  ORG_SEAT_MEMBER_NOT_IN_ORG: { 'zh-CN': '第 {index} 个职务：{name}不是本组织（含下级）的党员', 'en-US': 'Seat {index}: {name} is not a member of this organisation or below' },
  ORG_ELECTION_IN_FUTURE: { 'zh-CN': '换届日期 {date} 晚于今天', 'en-US': 'The election date {date} is in the future' },
  ORG_NOT_ELECTED: { 'zh-CN': '党小组和临时党支部不进行换届选举', 'en-US': 'Party groups and temporary branches do not hold elections' },
  ORG_ELECTION_QUORUM_NOT_MET: {
    'zh-CN': '换届选举无效：{date} 名册上有选举权的党员应到 {due} 人，实到 {present} 人；须超过应到人数的五分之四，即至少 {required} 人到会',
    'en-US': 'The election is not valid: {present} of the {due} members entitled to vote on {date} were present; more than four fifths, at least {required}, must be present',
  },
  ORG_ELECTION_PRESENT_EXCEEDS_DUE: {
    'zh-CN': '实到 {present} 人多于应到 {due} 人（{date} 名册上有选举权的党员）',
    'en-US': '{present} present is more than the {due} members entitled to vote on {date}',
  },
  ORG_ELECTION_VOTERS_DUE_MISMATCH: {
    'zh-CN': '应到人数按 {date} 的党员名册为 {due} 人（正式党员，不含停止表决权和经批准不参加的党员），不是 {given} 人',
    'en-US': 'On the roster of {date}, {due} members are entitled to vote (full members, less suspended rights and approved absences), not {given}',
  },
  ORG_ELECTION_VOTES_EXCEED_PRESENT: { 'zh-CN': '候选人“{name}”得票 {votes} 张，多于实到 {present} 人', 'en-US': 'Candidate "{name}" has {votes} votes, more than the {present} present' },
  TRANSFER_NOT_FOUND: { 'zh-CN': '转接记录不存在（编号 {id}）', 'en-US': 'No such transfer (id {id})' },
  TRANSFER_SAME_ORG: { 'zh-CN': '转入党组织与当前所在党组织相同', 'en-US': 'The member is already in that organisation' },
  TRANSFER_MEMBER_NOT_ACTIVE: { 'zh-CN': '{name}当前状态为“{status}”，不能办理转接', 'en-US': '{name} has status "{status}" and cannot be transferred' },
  TRANSFER_DATE_BEFORE_LAST: { 'zh-CN': '生效日期 {date} 早于该党员上次组织关系变动日期 {last}', 'en-US': 'The effective date {date} is before the member’s last change of branch on {last}' },
  TRANSFER_LETTER_TAKEN: { 'zh-CN': '介绍信编号“{letterNo}”已使用', 'en-US': 'The letter number "{letterNo}" is already used' },
  TRANSFER_NOT_OUT: { 'zh-CN': '只有转出本单位的转接才有介绍信和回执', 'en-US': 'Only transfers out of the unit have a letter and a receipt' },
  // Org rule warnings (core/orgRules.ts): inform, never block
  ORG_TOO_FEW_FULL_MEMBERS: { 'zh-CN': '正式党员仅 {fullMemberCount} 人，不足 {min} 人（可考虑成立联合党支部）', 'en-US': 'Only {fullMemberCount} full members, fewer than {min} (consider a joint branch)' },
  ORG_NEEDS_COMMITTEE: { 'zh-CN': '正式党员 {fullMemberCount} 人（≥{threshold}），应设立支部委员会', 'en-US': '{fullMemberCount} full members (≥{threshold}): a branch committee should be set up' },
  ORG_COMMITTEE_TOO_LARGE: { 'zh-CN': '支部委员会 {committeeSize} 人，超过 {max} 人', 'en-US': 'The branch committee has {committeeSize} seats, more than {max}' },
  ORG_COMMITTEE_SIZE_UNUSUAL: { 'zh-CN': '支部委员会 {committeeSize} 人，一般为 {usualMin}–{usualMax} 人', 'en-US': 'The branch committee has {committeeSize} seats; usually {usualMin}–{usualMax}' },
  ORG_TOO_LARGE: { 'zh-CN': '党员 {memberCount} 人，超过 {max} 人，可考虑调整为党总支', 'en-US': '{memberCount} members, more than {max}: consider a general branch' },
  ORG_MAY_BECOME_PARTY_COMMITTEE: { 'zh-CN': '党员 {memberCount} 人（≥{threshold}），经批准可成立基层党委', 'en-US': '{memberCount} members (≥{threshold}): may become a party committee with approval' },
  ORG_TERM_YEARS_OUT_OF_RANGE: { 'zh-CN': '任期 {termYears} 年，不在 {min}–{max} 年范围内', 'en-US': 'Term of {termYears} years is outside {min}–{max}' },
  ORG_TERM_EXPIRES_6M: { 'zh-CN': '本届任期将于 {termExpiresOn} 届满（还有 {daysLeft} 天），请着手换届准备', 'en-US': 'The term ends on {termExpiresOn} ({daysLeft} days): prepare the election' },
  ORG_TERM_EXPIRES_3M: { 'zh-CN': '本届任期将于 {termExpiresOn} 届满（还有 {daysLeft} 天），请按期换届', 'en-US': 'The term ends on {termExpiresOn} ({daysLeft} days): hold the election on time' },
  ORG_TERM_OVERDUE: { 'zh-CN': '任期已于 {termExpiresOn} 届满，逾期 {daysOverdue} 天未换届', 'en-US': 'The term ended on {termExpiresOn}; the election is {daysOverdue} days overdue' },
  ORG_TERM_DELAY_TOO_LONG: { 'zh-CN': '延期换届至 {delayedUntil}，超过最长 1 年（{maxDelayUntil}）', 'en-US': 'Election delayed to {delayedUntil}, beyond the 1-year maximum ({maxDelayUntil})' },
  ORG_COMMITTEE_VACANCY: { 'zh-CN': '委员会有 {vacancies} 个职位空缺', 'en-US': '{vacancies} committee seat(s) vacant' },
  ORG_TEMPORARY_ENDED: { 'zh-CN': '临时党支部已于 {endsOn} 到期（{daysSince} 天前），应予撤销', 'en-US': 'The temporary branch ended on {endsOn} ({daysSince} days ago) and should be dissolved' },
  TRANSFER_RECEIPT_BEFORE_EFFECTIVE: { 'zh-CN': '回执日期 {date} 早于转出日期 {effective}', 'en-US': 'The receipt date {date} is before the transfer date {effective}' },
};

/** Messages for zod issue codes, used for field-level details. */
const issueMessages: Record<string, { 'zh-CN': string; 'en-US': string }> = {
  required: { 'zh-CN': '必填', 'en-US': 'is required' },
  invalid_type: { 'zh-CN': '类型不正确（应为 {expected}）', 'en-US': 'has the wrong type (expected {expected})' },
  too_small_string: { 'zh-CN': '至少 {minimum} 个字符', 'en-US': 'needs at least {minimum} characters' },
  too_big_string: { 'zh-CN': '最多 {maximum} 个字符', 'en-US': 'allows at most {maximum} characters' },
  too_small: { 'zh-CN': '不能小于 {minimum}', 'en-US': 'must be at least {minimum}' },
  too_big: { 'zh-CN': '不能大于 {maximum}', 'en-US': 'must be at most {maximum}' },
  invalid_format: { 'zh-CN': '格式不正确', 'en-US': 'has an invalid format' },
  invalid_value: { 'zh-CN': '取值不在允许范围内（{values}）', 'en-US': 'must be one of {values}' },
  unrecognized_keys: { 'zh-CN': '包含未知字段：{keys}', 'en-US': 'has unknown fields: {keys}' },
  other: { 'zh-CN': '取值无效', 'en-US': 'is invalid' },
};

function fill(template: string, params: Record<string, unknown> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => (key in params ? String(params[key]) : `{${key}}`));
}

export function translate(code: string, language: Language, params?: Record<string, unknown>): string {
  const entry = messages[code];
  if (!entry) return code;
  return fill(entry[language], params);
}

export function translateIssue(kind: string, language: Language, params?: Record<string, unknown>): string {
  const entry = issueMessages[kind] ?? issueMessages.other!;
  return fill(entry[language], params);
}

/** Picks zh-CN unless the Accept-Language header prefers English. */
export function languageFromHeader(header: string | undefined): Language {
  if (!header) return 'zh-CN';
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en-US' : 'zh-CN';
}

export function isKnownMessage(code: string): boolean {
  return code in messages;
}
