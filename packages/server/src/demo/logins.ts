import { generateDemo } from './generate.js';

interface Login {
  tenantCode: string;
  username: string;
  password: string;
  roleLabel: string;
}

/** The demo accounts as a console table, with the warning to change the shared password. */
export function demoLogins(logins: Login[] | null): string {
  const list = logins ?? generateDemo({ commission: true }).logins;
  const lines = list.map((l) => `  ${l.username.padEnd(14)} ${l.password.padEnd(11)} ${l.roleLabel}  [${l.tenantCode}]`);
  return [
    '演示账号 / demo logins (username, password, role [unit]):',
    ...lines,
    '⚠ 这些账号使用公开的演示密码，正式使用前请修改或停用。/ These accounts share a published password: change or disable them before real use.',
  ].join('\n');
}
