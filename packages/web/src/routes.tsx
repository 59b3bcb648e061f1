/**
 * The route tree of the signed-in app. Each route carries its path, the i18n key of its
 * menu label, an icon, the permission it needs and its page; the Sider menu is generated
 * from this tree, filtered by what the user may see (access.ts).
 * A new area adds one entry here and one folder under pages/.
 */
import { ApartmentOutlined, AuditOutlined, DashboardOutlined, SettingOutlined, TeamOutlined, UserAddOutlined, UserOutlined, UsergroupAddOutlined } from '@ant-design/icons';
import type { Permission } from '@hongyi/core';
import type { MenuProps } from 'antd';
import { lazy, type ReactNode } from 'react';
import type { MessageKey, Translate } from './i18n';

const HomePage = lazy(() => import('./pages/home/HomePage'));
const OrgsPage = lazy(() => import('./pages/orgs/OrgsPage'));
const MembersPage = lazy(() => import('./pages/members/MembersPage'));
const UsersPage = lazy(() => import('./pages/admin/UsersPage'));
const AuditPage = lazy(() => import('./pages/admin/AuditPage'));
const ProfilePage = lazy(() => import('./pages/profile/ProfilePage'));
const DevelopmentPage = lazy(() => import('./pages/development/DevelopmentPage'));
const DevelopmentFilePage = lazy(() => import('./pages/development/DevelopmentFilePage'));

export interface AppRoute {
  path: string;
  /** Label of the menu entry (and the page's name). */
  menuKey: MessageKey;
  icon?: ReactNode;
  /** Needed to see the route; none means any signed-in user. */
  permission?: Permission;
  /** Absent on pure menu groups. */
  element?: ReactNode;
  hideInMenu?: boolean;
  children?: AppRoute[];
}

export const appRoutes: AppRoute[] = [
  // Home has no permission: users without dashboard.read get a personal welcome page.
  { path: '/', menuKey: 'menu.home', icon: <DashboardOutlined />, element: <HomePage /> },
  { path: '/orgs', menuKey: 'menu.orgs', icon: <ApartmentOutlined />, permission: 'orgs.read', element: <OrgsPage /> },
  { path: '/members', menuKey: 'menu.members', icon: <TeamOutlined />, permission: 'members.read', element: <MembersPage /> },
  { path: '/development', menuKey: 'menu.development', icon: <UserAddOutlined />, permission: 'development.read', element: <DevelopmentPage /> },
  { path: '/development/files/:id', menuKey: 'menu.development', permission: 'development.read', element: <DevelopmentFilePage />, hideInMenu: true },
  {
    path: '/admin',
    menuKey: 'menu.admin',
    icon: <SettingOutlined />,
    children: [
      { path: '/admin/users', menuKey: 'menu.users', icon: <UsergroupAddOutlined />, permission: 'users.manage', element: <UsersPage /> },
      { path: '/admin/audit', menuKey: 'menu.audit', icon: <AuditOutlined />, permission: 'audit.read', element: <AuditPage /> },
    ],
  },
  { path: '/profile', menuKey: 'menu.profile', icon: <UserOutlined />, element: <ProfilePage />, hideInMenu: true },
];

/** Every route that renders a page, groups flattened away. */
export function pageRoutes(routes: readonly AppRoute[] = appRoutes): AppRoute[] {
  return routes.flatMap((route) => [...(route.element ? [route] : []), ...pageRoutes(route.children ?? [])]);
}

type MenuItem = NonNullable<MenuProps['items']>[number];

/** The menu for one user: routes they may not see are dropped, and so are groups left empty. */
export function menuItemsFor(allowed: (permission: Permission | undefined) => boolean, t: Translate, routes: readonly AppRoute[] = appRoutes): MenuItem[] {
  const items: MenuItem[] = [];
  for (const route of routes) {
    if (route.hideInMenu || !allowed(route.permission)) continue;
    if (route.children) {
      const children = menuItemsFor(allowed, t, route.children);
      if (children.length === 0) continue;
      items.push({ key: route.path, icon: route.icon, label: t(route.menuKey), children });
    } else {
      items.push({ key: route.path, icon: route.icon, label: t(route.menuKey) });
    }
  }
  return items;
}

/** The menu entry to highlight for a pathname (longest matching route) and the groups to open. */
export function menuStateFor(pathname: string, routes: readonly AppRoute[] = appRoutes): { selected: string[]; open: string[] } {
  let best: { path: string; parents: string[] } | null = null;
  const visit = (list: readonly AppRoute[], parents: string[]) => {
    for (const route of list) {
      const matches = route.path === '/' ? pathname === '/' : pathname === route.path || pathname.startsWith(`${route.path}/`);
      if (matches && route.element && (!best || route.path.length > best.path.length)) best = { path: route.path, parents };
      if (route.children) visit(route.children, [...parents, route.path]);
    }
  };
  visit(routes, []);
  const found = best as { path: string; parents: string[] } | null;
  return found ? { selected: [found.path], open: found.parents } : { selected: [], open: [] };
}
