import type { Permission } from '@hongyi/core';
import { Button, Flex, Result, Spin } from 'antd';
import { lazy, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useI18n } from '../i18n';
import { useSession } from '../session';

const ForbiddenPage = lazy(() => import('../pages/errors/ForbiddenPage'));

export function FullPageSpin() {
  return (
    <Flex align="center" justify="center" style={{ minHeight: '60vh' }}>
      <Spin size="large" />
    </Flex>
  );
}

/** Renders children for a signed-in user; sends everybody else to /login (and back afterwards). */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { status, refresh } = useSession();
  const { t } = useI18n();
  const location = useLocation();
  if (status === 'loading') return <FullPageSpin />;
  if (status === 'unavailable') {
    return (
      <Result
        status="warning"
        title={t('error.network')}
        extra={
          <Button type="primary" onClick={() => void refresh()}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  }
  if (status === 'anonymous') {
    const from = `${location.pathname}${location.search}`;
    return <Navigate to="/login" replace state={{ from }} />;
  }
  return <>{children}</>;
}

/** Shows the 403 page instead of children when the user lacks the permission. */
export function RequirePermission({ permission, children }: { permission: Permission | undefined; children: ReactNode }) {
  const { can } = useSession();
  return can(permission) ? <>{children}</> : <ForbiddenPage />;
}
