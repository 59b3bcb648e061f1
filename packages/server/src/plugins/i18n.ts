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
