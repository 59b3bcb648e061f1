import type { Permission } from '@hongyi/core';
import { Flex, Spin } from 'antd';
import { lazy, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSession } from '../session';

const ForbiddenPage = lazy(() => import('../pages/errors/ForbiddenPage'));
// Result's illustrations are large: the page that uses it loads only when the server is unreachable.
const UnavailablePage = lazy(() => import('../pages/errors/UnavailablePage'));

export function FullPageSpin() {
  return (
    <Flex align="center" justify="center" style={{ minHeight: '60vh' }}>
      <Spin size="large" />
    </Flex>
  );
}

/** Renders children for a signed-in user; sends everybody else to /login (and back afterwards). */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { status } = useSession();
  const location = useLocation();
  if (status === 'loading') return <FullPageSpin />;
  if (status === 'unavailable') return <UnavailablePage />;
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
