import { describe, expect, it } from 'vitest';
import { ROLES, ROLE_PERMISSIONS, TENANT_WIDE_ROLES, hasPermission, scopeFor } from './access.js';

describe('unit-wide settings (settings.manage)', () => {
  it('belongs only to tenant-wide roles: a grant limited to a subtree never changes what every branch follows', () => {
    for (const role of ROLES) {
      if (ROLE_PERMISSIONS[role].includes('settings.manage')) expect(TENANT_WIDE_ROLES).toContain(role);
    }
  });

  it('the organisation office has it, a branch secretary does not (though both write dues and organisational life)', () => {
    const office = [{ role: 'org_office' as const, orgId: null }];
    const secretary = [{ role: 'branch_secretary' as const, orgId: 7, orgPath: '/1/7/' }];
    expect(scopeFor(office, 'settings.manage', null)).toEqual({ kind: 'tenant' });
    expect(hasPermission(secretary, 'dues.write')).toBe(true);
    expect(hasPermission(secretary, 'orglife.write')).toBe(true);
    expect(hasPermission(secretary, 'settings.manage')).toBe(false);
    for (const role of ['member', 'inspector', 'leader', 'sys_admin'] as const) expect(hasPermission([{ role, orgId: null }], 'settings.manage')).toBe(false);
  });
});
