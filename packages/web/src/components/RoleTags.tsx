import { Space, Tag } from 'antd';
import type { RoleGrantView } from '../api/types';
import { useI18n } from '../i18n';

/** "支部书记/支委 · 内科第一党支部" style tags for a user's role grants. */
export function RoleTags({ roles }: { roles: readonly RoleGrantView[] }) {
  const { t, label } = useI18n();
  if (roles.length === 0) return <span>{t('common.none')}</span>;
  return (
    <Space size={[4, 4]} wrap>
      {roles.map((grant, index) => (
        <Tag key={`${grant.role}-${grant.orgId ?? 'all'}-${index}`} color={grant.role === 'sys_admin' ? 'red' : 'default'}>
          {label('role', grant.role)}
          {grant.orgName ? ` · ${grant.orgName}` : ''}
        </Tag>
      ))}
    </Space>
  );
}

/** Distinct role names, joined for the header ("系统管理员、纪检"). */
export function useRoleSummary(): (roles: readonly RoleGrantView[]) => string {
  const { t, label } = useI18n();
  return (roles) => [...new Set(roles.map((r) => r.role))].map((role) => label('role', role)).join(t('common.listSeparator'));
}
