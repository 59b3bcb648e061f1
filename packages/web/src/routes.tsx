/**
 * The route tree of the signed-in app. Each route carries its path, the i18n key of its
 * menu label, an icon, the permission it needs and its page; the Sider menu is generated
 * from this tree, filtered by what the user may see (access.ts).
 * A new area adds one entry here and one folder under pages/.
 */
import {
  AccountBookOutlined,
  ClusterOutlined,
  LineChartOutlined,
  ApartmentOutlined,
  DeploymentUnitOutlined,
  AuditOutlined,
  CalendarOutlined,
  DashboardOutlined,
  FlagOutlined,
  HeartOutlined,
  LinkOutlined,
  ScheduleOutlined,
  SettingOutlined,
  TeamOutlined,
  TrophyOutlined,
  UserAddOutlined,
  UserOutlined,
  UsergroupAddOutlined,
  ReadOutlined,
  SolutionOutlined,
  WalletOutlined,
} from '@ant-design/icons';
import type { Permission } from '@hongyi/core';
import type { MenuProps } from 'antd';
import { lazy, type ReactNode } from 'react';
import { matchRoutes } from 'react-router';
import type { Me } from './api/types';
import { type MessageKey, type Translate, isMessageKey } from './i18n';

const HomePage = lazy(() => import('./pages/home/HomePage'));
const OrgsPage = lazy(() => import('./pages/orgs/OrgsPage'));
const OrgWarningsPage = lazy(() => import('./pages/orgs/WarningsPage'));
const DualLeadersPage = lazy(() => import('./pages/orgs/DualLeadersPage'));
const DepartmentsPage = lazy(() => import('./pages/orgs/DepartmentsPage'));
const MembersPage = lazy(() => import('./pages/members/MembersPage'));
const MemberProfilePage = lazy(() => import('./pages/members/MemberProfilePage'));
const MemberImportPage = lazy(() => import('./pages/members/ImportPage'));
const MemberStructurePage = lazy(() => import('./pages/members/StructurePage'));
const TransfersPage = lazy(() => import('./pages/transfers/TransfersPage'));
const UsersPage = lazy(() => import('./pages/admin/UsersPage'));
const AuditPage = lazy(() => import('./pages/admin/AuditPage'));
const CommissionsPage = lazy(() => import('./pages/admin/CommissionsPage'));
const ProfilePage = lazy(() => import('./pages/profile/ProfilePage'));
const DuesPage = lazy(() => import('./pages/dues/DuesPage'));
const MyDuesPage = lazy(() => import('./pages/dues/MyDuesPage'));
const DevelopmentPage = lazy(() => import('./pages/development/DevelopmentPage'));
const DevelopmentFilePage = lazy(() => import('./pages/development/DevelopmentFilePage'));
const MyDevelopmentPage = lazy(() => import('./pages/development/MyDevelopmentPage'));
const HolidaysPage = lazy(() => import('./pages/development/HolidaysPage'));
const OrglifeRecordsPage = lazy(() => import('./pages/orglife/RecordsPage'));
const OrglifeRecordPage = lazy(() => import('./pages/orglife/RecordPage'));
const OrglifeCompliancePage = lazy(() => import('./pages/orglife/CompliancePage'));
const OrglifePlanPage = lazy(() => import('./pages/orglife/PlanPage'));
const OrglifeCalendarPage = lazy(() => import('./pages/orglife/CalendarPage'));
const OrglifeMatrixPage = lazy(() => import('./pages/orglife/MatrixPage'));
const OrglifeLapsesPage = lazy(() => import('./pages/orglife/LapsesPage'));
const OrglifeMyPage = lazy(() => import('./pages/orglife/MyPage'));
const OrglifeCheckinPage = lazy(() => import('./pages/orglife/CheckinPage'));
const OrglifeSettingsPage = lazy(() => import('./pages/orglife/SettingsPage'));
const VenuesPage = lazy(() => import('./pages/venues/VenuesPage'));
const CommissionPage = lazy(() => import('./pages/commission/CommissionPage'));
const CommissionUnitPage = lazy(() => import('./pages/commission/UnitPage'));
const ReportsPage = lazy(() => import('./pages/reports/ReportsPage'));
const StatisticsPage = lazy(() => import('./pages/statistics/StatisticsPage'));
const StatisticsPrintPage = lazy(() => import('./pages/statistics/StatisticsPrintPage'));
const FiguresPage = lazy(() => import('./pages/figures/FiguresPage'));
const LearningPage = lazy(() => import('./pages/learning/LearningPage'));
const TrainingPage = lazy(() => import('./pages/training/TrainingPage'));
const ContactsPage = lazy(() => import('./pages/contacts/ContactsPage'));
const MyContactsPage = lazy(() => import('./pages/contacts/MyContactsPage'));
const FundsPage = lazy(() => import('./pages/funds/FundsPage'));
const WorksystemsPage = lazy(() => import('./pages/worksystems/WorksystemsPage'));
const WorksystemPage = lazy(() => import('./pages/worksystems/WorksystemPage'));
const AssessmentPage = lazy(() => import('./pages/assessment/AssessmentPage'));
const ServiceEventsPage = lazy(() => import('./pages/service/EventsPage'));
const ServiceEventPage = lazy(() => import('./pages/service/EventPage'));
const ServiceSeriesListPage = lazy(() => import('./pages/service/SeriesListPage'));
const ServiceSeriesPage = lazy(() => import('./pages/service/SeriesPage'));
const ServiceTotalsPage = lazy(() => import('./pages/service/TotalsPage'));
const MyServicePage = lazy(() => import('./pages/service/MyServicePage'));
const HonoursPage = lazy(() => import('./pages/honours/HonoursPage'));
const HonoursLadderPage = lazy(() => import('./pages/honours/LadderPage'));
const ProgrammesPage = lazy(() => import('./pages/honours/ProgrammesPage'));
const ProgrammePage = lazy(() => import('./pages/honours/ProgrammePage'));
const StrengthsPage = lazy(() => import('./pages/strengths/StrengthsPage'));
const BrandsPage = lazy(() => import('./pages/brands/BrandsPage'));
const BrandPage = lazy(() => import('./pages/brands/BrandPage'));
const ProjectsPage = lazy(() => import('./pages/projects/ProjectsPage'));
const ProjectPage = lazy(() => import('./pages/projects/ProjectPage'));
const ProjectFormPage = lazy(() => import('./pages/projects/ProjectFormPage'));
const DecisionTopicsPage = lazy(() => import('./pages/decisions/TopicsPage'));
const DecisionTopicPage = lazy(() => import('./pages/decisions/TopicPage'));
const DecisionMeetingsPage = lazy(() => import('./pages/decisions/MeetingsPage'));
const DecisionMeetingPage = lazy(() => import('./pages/decisions/MeetingPage'));
const DecisionTasksPage = lazy(() => import('./pages/decisions/TasksPage'));
const DecisionMyTasksPage = lazy(() => import('./pages/decisions/MyTasksPage'));
const DecisionDashboardPage = lazy(() => import('./pages/decisions/DashboardPage'));
const DecisionBodiesPage = lazy(() => import('./pages/decisions/BodiesPage'));
const DecisionSettingsPage = lazy(() => import('./pages/decisions/SettingsPage'));

export interface AppRoute {
  path: string;
  /** Label of the menu entry (and the page's name). */
  menuKey: MessageKey;
  /** The page's own name when it is not the menu entry's (a record opened from a list): tab title and breadcrumb. */
  titleKey?: MessageKey;
  icon?: ReactNode;
  /** Needed to see the route; none means any signed-in user. */
  permission?: Permission;
  /** Besides the permission: listed in the menu only for users this holds for (the page stays reachable). */
  listedFor?: (me: Me) => boolean;
  /** Absent on pure menu groups. */
  element?: ReactNode;
  hideInMenu?: boolean;
  /** A page with tabs chosen by `?tab=`: their labels' message prefix and the tab shown without one (names the browser tab). */
  tabs?: { prefix: string; initial: string };
  children?: AppRoute[];
}

export const appRoutes: AppRoute[] = [
  // Home has no permission: users without dashboard.read get a personal welcome page.
  { path: '/', menuKey: 'menu.home', icon: <DashboardOutlined />, element: <HomePage />, listedFor: (me) => !me.permissions.includes('commission.read') },
  // A commission's account (卫健委, 教育工委) reads its units' aggregate figures and nothing of a unit.
  { path: '/commission', menuKey: 'menu.commission', icon: <ClusterOutlined />, permission: 'commission.read', element: <CommissionPage /> },
  { path: '/commission/units/:tenantId', menuKey: 'menu.commission', permission: 'commission.read', element: <CommissionUnitPage />, hideInMenu: true },
  {
    // A menu group only (no page of its own); '/orgs' itself is the tree.
    path: '/orgs-area',
    menuKey: 'menu.orgs',
    icon: <ApartmentOutlined />,
    children: [
      { path: '/orgs', menuKey: 'menu.orgsTree', permission: 'orgs.read', element: <OrgsPage /> },
      // The 党委-wide lists refuse the self scope (a member's orgs.read); every role with a wider scope has dashboard.read.
      { path: '/orgs/warnings', menuKey: 'menu.orgsWarnings', permission: 'dashboard.read', element: <OrgWarningsPage /> },
      { path: '/orgs/dual-leaders', menuKey: 'menu.orgsDualLeaders', permission: 'dashboard.read', element: <DualLeadersPage /> },
      { path: '/orgs/departments', menuKey: 'menu.orgsDepartments', permission: 'orgs.read', element: <DepartmentsPage /> },
    ],
  },
  {
    // A menu group only: its path is a key, not a page.
    path: '/member-area',
    menuKey: 'menu.memberArea',
    icon: <TeamOutlined />,
    children: [
      { path: '/members', menuKey: 'menu.memberList', permission: 'members.read', element: <MembersPage /> },
      { path: '/members/:id', menuKey: 'menu.memberList', titleKey: 'page.memberProfile', permission: 'members.read', element: <MemberProfilePage />, hideInMenu: true },
      { path: '/members/import', menuKey: 'menu.memberImport', permission: 'members.write', element: <MemberImportPage /> },
      { path: '/members/structure', menuKey: 'menu.memberStructure', permission: 'members.read', element: <MemberStructurePage /> },
      { path: '/transfers', menuKey: 'menu.transfers', permission: 'members.read', element: <TransfersPage /> },
      // 党内统计年报: the year-end tables, reconciliation and snapshots (leaders and 纪委 read them too).
      { path: '/statistics', menuKey: 'menu.statistics', permission: 'statistics.read', element: <StatisticsPage />, tabs: { prefix: 'statistics.tab', initial: 'tables' } },
      { path: '/statistics/print', menuKey: 'menu.statistics', titleKey: 'page.statisticsPrint', permission: 'statistics.read', element: <StatisticsPrintPage />, hideInMenu: true },
      // Upward reports (上级临时要报的表): saved definitions run as of a date, again next year with one click.
      { path: '/reports', menuKey: 'menu.reports', permission: 'statistics.read', element: <ReportsPage /> },
    ],
  },
  { path: '/development', menuKey: 'menu.development', icon: <UserAddOutlined />, permission: 'development.read', element: <DevelopmentPage />, tabs: { prefix: 'development.tab', initial: 'board' } },
  { path: '/development/files/:id', menuKey: 'menu.development', titleKey: 'page.developmentFile', permission: 'development.read', element: <DevelopmentFilePage />, hideInMenu: true },
  // A member's own file (the server answers 'my' routes with self scope): listed only for those who joined through one.
  { path: '/development/my', menuKey: 'menu.myDevelopment', icon: <UserAddOutlined />, element: <MyDevelopmentPage />, listedFor: (me) => me.user.hasDevelopmentFile },
  {
    path: '/orglife',
    menuKey: 'menu.orglife',
    icon: <CalendarOutlined />,
    children: [
      { path: '/orglife/records', menuKey: 'menu.orglifeRecords', permission: 'orglife.read', element: <OrglifeRecordsPage /> },
      { path: '/orglife/records/:id', menuKey: 'menu.orglifeRecords', titleKey: 'page.orglifeRecord', permission: 'orglife.read', element: <OrglifeRecordPage />, hideInMenu: true },
      { path: '/orglife/compliance', menuKey: 'menu.orglifeCompliance', permission: 'orglife.read', element: <OrglifeCompliancePage /> },
      { path: '/orglife/calendar', menuKey: 'menu.orglifeCalendar', permission: 'orglife.read', element: <OrglifeCalendarPage /> },
      { path: '/orglife/plan', menuKey: 'menu.orglifePlan', permission: 'orglife.read', element: <OrglifePlanPage /> },
      { path: '/orglife/matrix', menuKey: 'menu.orglifeMatrix', permission: 'orglife.read', element: <OrglifeMatrixPage /> },
      { path: '/orglife/lapses', menuKey: 'menu.orglifeLapses', permission: 'orglife.read', element: <OrglifeLapsesPage /> },
      { path: '/orglife/venues', menuKey: 'menu.orglifeVenues', permission: 'orglife.read', element: <VenuesPage /> },
      { path: '/orglife/my', menuKey: 'menu.orglifeMy', element: <OrglifeMyPage /> },
      { path: '/orglife/settings', menuKey: 'menu.orglifeSettings', permission: 'orglife.write', element: <OrglifeSettingsPage /> },
      { path: '/orglife/checkin/:token', menuKey: 'menu.orglifeMy', titleKey: 'page.orglifeCheckin', element: <OrglifeCheckinPage />, hideInMenu: true },
    ],
  },
  // 党建与业务: a department's business figures beside its branch's party work (shown together, not as cause and effect).
  { path: '/figures', menuKey: 'menu.figures', icon: <LineChartOutlined />, permission: 'figures.read', element: <FiguresPage /> },
  // Learning, never scored: materials, the 第一议题 library, study series, a member's own notes.
  { path: '/learning', menuKey: 'menu.learning', icon: <ReadOutlined />, permission: 'learning.read', element: <LearningPage />, tabs: { prefix: 'learning.tab', initial: 'materials' } },
  // Training of members (党员培训): the classes and who took part, recorded by the office and branch secretaries.
  { path: '/training', menuKey: 'menu.training', icon: <SolutionOutlined />, permission: 'learning.write', element: <TrainingPage /> },
  {
    // A menu group only: service and volunteer work (issue 14).
    path: '/service',
    menuKey: 'menu.service',
    icon: <HeartOutlined />,
    children: [
      { path: '/service/events', menuKey: 'menu.serviceEvents', permission: 'service.read', element: <ServiceEventsPage /> },
      { path: '/service/events/:id', menuKey: 'menu.serviceEvents', titleKey: 'page.serviceEvent', permission: 'service.read', element: <ServiceEventPage />, hideInMenu: true },
      { path: '/service/series', menuKey: 'menu.serviceSeries', permission: 'service.read', element: <ServiceSeriesListPage /> },
      { path: '/service/series/:id', menuKey: 'menu.serviceSeries', titleKey: 'page.serviceSeries', permission: 'service.read', element: <ServiceSeriesPage />, hideInMenu: true },
      { path: '/service/totals', menuKey: 'menu.serviceTotals', permission: 'service.read', element: <ServiceTotalsPage /> },
      { path: '/service/my', menuKey: 'menu.serviceMy', permission: 'service.read', element: <MyServicePage /> },
    ],
  },
  {
    path: '/honours',
    menuKey: 'menu.honours',
    icon: <TrophyOutlined />,
    children: [
      { path: '/honours/list', menuKey: 'menu.honoursList', permission: 'honours.read', element: <HonoursPage /> },
      { path: '/honours/ladder', menuKey: 'menu.honoursLadder', permission: 'honours.read', element: <HonoursLadderPage /> },
      { path: '/honours/programmes', menuKey: 'menu.programmes', permission: 'honours.read', element: <ProgrammesPage /> },
      { path: '/honours/programmes/:id', menuKey: 'menu.programmes', titleKey: 'page.programme', permission: 'honours.read', element: <ProgrammePage />, hideInMenu: true },
      // 七个有力: the model-branch standard, read by those who read honours and 创建.
      { path: '/honours/strengths', menuKey: 'menu.strengths', permission: 'honours.read', element: <StrengthsPage />, tabs: { prefix: 'strengths.tab', initial: 'checklist' } },
      // Branch and committee brands (党建品牌): elements, rules reviewed with evidence, figures from the records.
      { path: '/brands', menuKey: 'menu.brands', permission: 'brands.read', element: <BrandsPage /> },
      { path: '/brands/:id', menuKey: 'menu.brands', titleKey: 'page.brand', permission: 'brands.read', element: <BrandPage />, hideInMenu: true },
    ],
  },
  {
    // A menu group only: leaders' contact points (联系点) and co-building agreements (结对共建).
    path: '/contacts-area',
    menuKey: 'menu.contacts',
    icon: <LinkOutlined />,
    children: [
      { path: '/contacts', menuKey: 'menu.contactsList', permission: 'contacts.read', element: <ContactsPage />, tabs: { prefix: 'contacts.tab', initial: 'points' } },
      // A leader's own contact points, on a phone: record a visit with its follow-ups.
      { path: '/contacts/my', menuKey: 'menu.contactsMy', permission: 'contacts.visit', element: <MyContactsPage /> },
    ],
  },
  {
    // A menu group only: front-line action projects (一线支部项目, issue 13).
    path: '/projects',
    menuKey: 'menu.projects',
    icon: <FlagOutlined />,
    children: [
      { path: '/projects/list', menuKey: 'menu.projectsList', permission: 'projects.read', element: <ProjectsPage /> },
      { path: '/projects/new', menuKey: 'menu.projectsList', titleKey: 'page.projectNew', permission: 'projects.write', element: <ProjectFormPage />, hideInMenu: true },
      { path: '/projects/:id', menuKey: 'menu.projectsList', titleKey: 'page.project', permission: 'projects.read', element: <ProjectPage />, hideInMenu: true },
      { path: '/projects/:id/edit', menuKey: 'menu.projectsList', titleKey: 'page.projectEdit', permission: 'projects.write', element: <ProjectFormPage />, hideInMenu: true },
    ],
  },
  {
    // A menu group only: decisions under PDCA (issue 13): 党办, 院办, the readers, and a 承办人's own tasks.
    path: '/decisions',
    menuKey: 'menu.decisions',
    icon: <ScheduleOutlined />,
    children: [
      { path: '/decisions/topics', menuKey: 'menu.decisionTopics', permission: 'decisions.read', element: <DecisionTopicsPage /> },
      { path: '/decisions/topics/:id', menuKey: 'menu.decisionTopics', titleKey: 'page.decisionTopic', permission: 'decisions.read', element: <DecisionTopicPage />, hideInMenu: true },
      { path: '/decisions/meetings', menuKey: 'menu.decisionMeetings', permission: 'decisions.read', element: <DecisionMeetingsPage /> },
      { path: '/decisions/meetings/:id', menuKey: 'menu.decisionMeetings', titleKey: 'page.decisionMeeting', permission: 'decisions.read', element: <DecisionMeetingPage />, hideInMenu: true },
      { path: '/decisions/tasks', menuKey: 'menu.decisionTasks', permission: 'decisions.read', element: <DecisionTasksPage /> },
      { path: '/decisions/my-tasks', menuKey: 'menu.decisionMyTasks', permission: 'decisions.tasks', element: <DecisionMyTasksPage /> },
      { path: '/decisions/dashboard', menuKey: 'menu.decisionDashboard', permission: 'decisions.read', element: <DecisionDashboardPage /> },
      { path: '/decisions/bodies', menuKey: 'menu.decisionBodies', permission: 'decisions.read', element: <DecisionBodiesPage /> },
      { path: '/decisions/settings', menuKey: 'menu.decisionSettings', permission: 'decisions.read', element: <DecisionSettingsPage /> },
    ],
  },
  // Party-work funds (党建经费) and the 三优先 report: a branch asks for itself, the office approves and pays.
  { path: '/funds', menuKey: 'menu.funds', icon: <WalletOutlined />, permission: 'funds.read', element: <FundsPage />, tabs: { prefix: 'funds.tab', initial: 'requests' } },
  // Work systems (工作体系): frameworks of dimensions and indicators computed from the records, with their drill-down.
  { path: '/worksystems', menuKey: 'menu.worksystems', icon: <DeploymentUnitOutlined />, permission: 'worksystems.read', element: <WorksystemsPage /> },
  { path: '/worksystems/:id', menuKey: 'menu.worksystems', titleKey: 'page.worksystem', permission: 'worksystems.read', element: <WorksystemPage />, hideInMenu: true },
  // The yearly assessment of branches (述职评议考核): schemes, the branches' sheets, self-assessment, grades.
  { path: '/assessment', menuKey: 'menu.assessment', icon: <AuditOutlined />, permission: 'assessment.read', element: <AssessmentPage /> },
  {
    path: '/dues',
    menuKey: 'menu.dues',
    icon: <AccountBookOutlined />,
    children: [
      { path: '/dues/manage', menuKey: 'menu.duesManage', permission: 'dues.read', element: <DuesPage />, tabs: { prefix: 'dues.tab', initial: 'collect' } },
      // Every member's own dues (the server answers 'my' routes with self scope).
      { path: '/dues/my', menuKey: 'menu.myDues', element: <MyDuesPage /> },
    ],
  },
  {
    path: '/admin',
    menuKey: 'menu.admin',
    icon: <SettingOutlined />,
    children: [
      { path: '/admin/users', menuKey: 'menu.users', icon: <UsergroupAddOutlined />, permission: 'users.manage', element: <UsersPage /> },
      { path: '/admin/audit', menuKey: 'menu.audit', icon: <AuditOutlined />, permission: 'audit.read', element: <AuditPage /> },
      // The global holiday calendar: no deployment-level role exists, so the system administrator's permission.
      { path: '/admin/holidays', menuKey: 'menu.holidays', icon: <CalendarOutlined />, permission: 'users.manage', element: <HolidaysPage /> },
      // The commissions (卫健委, 教育工委) over the deployment's units: the operating unit's administrators only.
      { path: '/admin/commissions', menuKey: 'menu.commissionAdmin', icon: <ClusterOutlined />, permission: 'users.manage', listedFor: (me) => me.tenant.operator, element: <CommissionsPage /> },
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
export function menuItemsFor(allowed: (permission: Permission | undefined) => boolean, t: Translate, me: Me | null, routes: readonly AppRoute[] = appRoutes): MenuItem[] {
  const items: MenuItem[] = [];
  // A commission's account reaches the commission's pages only, not a unit's own pages open to every account (my dues, my development …).
  const commission = me?.permissions.includes('commission.read') ?? false;
  for (const route of routes) {
    if (route.hideInMenu || !allowed(route.permission)) continue;
    if (commission && !route.children && route.permission !== 'commission.read') continue;
    if (route.listedFor && !(me && route.listedFor(me))) continue;
    if (route.children) {
      const children = menuItemsFor(allowed, t, me, route.children);
      if (children.length === 0) continue;
      items.push({ key: route.path, icon: route.icon, label: t(route.menuKey), children });
    } else {
      items.push({ key: route.path, icon: route.icon, label: t(route.menuKey) });
    }
  }
  return items;
}

export interface Crumb {
  key: MessageKey;
  /** Where the crumb leads; none for menu groups (no page of their own) and the current page. */
  to?: string;
}

/** The page route a pathname shows ('/members/import' before '/members/:id', as the router ranks them), with its menu groups. */
export function routeFor(pathname: string, routes: readonly AppRoute[] = appRoutes): { route: AppRoute; groups: AppRoute[] } | null {
  const pages = pageRoutes(routes);
  const [match] = matchRoutes(
    pages.map((r) => ({ path: r.path })),
    pathname,
  ) ?? [];
  const route = match ? pages.find((r) => r.path === match.route.path) : undefined;
  if (!route) return null;
  const groups: AppRoute[] = [];
  const visit = (list: readonly AppRoute[], parents: AppRoute[]): boolean => {
    for (const r of list) {
      if (r === route) {
        groups.push(...parents.filter((p) => !p.element));
        return true;
      }
      if (r.children && visit(r.children, [...parents, r])) return true;
    }
    return false;
  };
  visit(routes, []);
  return { route, groups };
}

/** The name of the page a pathname shows: its own title, else its menu entry's. */
export function pageTitleKey(pathname: string, routes: readonly AppRoute[] = appRoutes): MessageKey | null {
  const found = routeFor(pathname, routes);
  return found ? (found.route.titleKey ?? found.route.menuKey) : null;
}

/** The label of the tab a page with tabs shows for its `?tab=` (its first tab without one). */
export function pageTabKey(pathname: string, search: string, routes: readonly AppRoute[] = appRoutes): MessageKey | null {
  const tabs = routeFor(pathname, routes)?.route.tabs;
  if (!tabs) return null;
  const requested = `${tabs.prefix}.${new URLSearchParams(search).get('tab') ?? tabs.initial}`;
  const key = isMessageKey(requested) ? requested : `${tabs.prefix}.${tabs.initial}`;
  return isMessageKey(key) ? key : null;
}

/** True for an address inside the app ('/orglife/matrix?year=2026'), never another site ('//x', 'https:'). */
function isInternal(path: string): boolean {
  return path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\');
}

/**
 * The breadcrumb of a page, from the route tree: its menu groups, the list a record page was
 * opened from (the page route whose path leads this one's), the page that sent the user here
 * with its filters (`back`, e.g. the 党委 matrix for a branch's checklist), then the page itself.
 * The home page has none.
 */
export function breadcrumbFor(pathname: string, back: string | null, routes: readonly AppRoute[] = appRoutes): Crumb[] {
  const found = routeFor(pathname, routes);
  if (!found || found.route.path === '/') return [];
  const { route, groups } = found;
  const crumbs: Crumb[] = groups.map((g) => ({ key: g.menuKey }));
  const pages = pageRoutes(routes);
  const list = route.titleKey
    ? pages
        .filter((p) => p !== route && p.path !== '/' && !p.hideInMenu && route.path.startsWith(`${p.path}/`))
        .sort((a, b) => b.path.length - a.path.length)[0]
    : undefined;
  const from = back && isInternal(back) ? routeFor(back.split('?')[0]!, routes) : null;
  if (from && from.route !== route) crumbs.push({ key: from.route.titleKey ?? from.route.menuKey, to: back! });
  else if (list) crumbs.push({ key: list.menuKey, to: list.path });
  crumbs.push({ key: route.titleKey ?? route.menuKey });
  return crumbs;
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
