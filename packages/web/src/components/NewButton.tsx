import { PlusOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import type { ReactNode } from 'react';
import type { Permission } from '@hongyi/core';
import { can } from '../access';
import { useMe } from '../session';

/** A list's 新建 button: primary with a plus, shown only to whoever holds the permission to create. */
export function NewButton({ permission, onClick, testId, children }: { permission: Permission; onClick: () => void; testId: string; children: ReactNode }) {
  const me = useMe();
  if (!can(me, permission)) return null;
  return (
    <Button type="primary" icon={<PlusOutlined />} onClick={onClick} data-testid={testId}>
      {children}
    </Button>
  );
}
