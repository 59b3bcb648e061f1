import type { Language } from '@hongyi/core';

/**
 * Server-side messages in both languages. Error codes are stable identifiers for clients;
 * the message is for people. Params are filled into {name} placeholders.
 */
const messages: Record<string, { 'zh-CN': string; 'en-US': string }> = {
  UNAUTHENTICATED: { 'zh-CN': '请先登录', 'en-US': 'Please sign in first' },
  SESSION_EXPIRED: { 'zh-CN': '登录已过期，请重新登录', 'en-US': 'Your session has expired; please sign in again' },
  FORBIDDEN: { 'zh-CN': '您没有执行此操作的权限', 'en-US': 'You do not have permission to do this' },
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
  VERSION_CONFLICT: {
    'zh-CN': '该记录已被他人修改，请刷新后重试',
    'en-US': 'This record was changed by someone else; reload and try again',
  },
  LOGIN_FAILED: { 'zh-CN': '用户名或密码错误', 'en-US': 'Wrong username or password' },
  LOGIN_DISABLED: { 'zh-CN': '该账号已停用，请联系系统管理员', 'en-US': 'This account is disabled; contact your administrator' },
  LOGIN_RATE_LIMITED: {
    'zh-CN': '登录失败次数过多，请在 {minutes} 分钟后（{until}）重试',
    'en-US': 'Too many failed sign-ins; try again in {minutes} min (after {until})',
  },
  TENANT_REQUIRED: {
    'zh-CN': '多个单位存在同名账号，请填写单位代码',
    'en-US': 'This username exists in several units; please give the unit code',
  },
  PASSWORD_WRONG: { 'zh-CN': '当前密码不正确', 'en-US': 'The current password is wrong' },
  PASSWORD_TOO_SHORT: { 'zh-CN': '密码至少 8 位', 'en-US': 'The password needs at least 8 characters' },
  PASSWORD_TOO_SIMPLE: { 'zh-CN': '密码须同时包含字母和数字', 'en-US': 'The password needs both letters and digits' },
  PASSWORD_SAME: { 'zh-CN': '新密码不能与当前密码相同', 'en-US': 'The new password must differ from the current one' },
  USERNAME_TAKEN: { 'zh-CN': '用户名“{username}”已被使用', 'en-US': 'The username "{username}" is already taken' },
  ORG_REQUIRED_FOR_ROLE: {
    'zh-CN': '角色“支部书记/支委”须指定所管理的党组织',
    'en-US': 'The branch secretary role needs the organisation it manages',
  },
  ORG_NOT_FOUND: { 'zh-CN': '党组织不存在（编号 {id}）', 'en-US': 'No such organisation (id {id})' },
  MEMBER_NOT_FOUND: { 'zh-CN': '党员不存在（编号 {id}）', 'en-US': 'No such member (id {id})' },
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
  DUES_STATEMENT_NOTHING_DUE: {
    'zh-CN': '“{name}”没有未交的党费，该笔款项请按自愿多交登记',
    'en-US': '"{name}" owes nothing; record this payment as a voluntary extra',
  },
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
