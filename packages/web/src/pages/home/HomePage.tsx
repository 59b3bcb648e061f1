import { AccountBookOutlined, ApartmentOutlined, AuditOutlined, CalendarOutlined, TeamOutlined, UserAddOutlined, UserOutlined, UsergroupAddOutlined } from '@ant-design/icons';
import type { Permission } from '@hongyi/core';
import { Alert, Button, Card, Col, Descriptions, Empty, Flex, Row, Skeleton, Statistic, Typography, theme } from 'antd';
import dayjs from 'dayjs';
import { useMemo, type ReactNode } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { useApiGet, useErrorText } from '../../api/hooks';
import { ORG_TYPES, type DashboardSummary, type Me } from '../../api/types';
import { EChart, type ChartOption } from '../../components/EChart';
import { ReminderDigests } from '../orglife/Reminders';
import { MemberHome, Overview } from './Overview';
import { RoleTags } from '../../components/RoleTags';
import { useI18n, type MessageKey } from '../../i18n';
import { useMe, useSession } from '../../session';
import { useToday } from '../../today';

export default function HomePage() {
  const { can } = useSession();
  // A commission's account has no unit: its home is the units overview.
  if (can('commission.read')) return <Navigate to="/commission" replace />;
  return (
    <Flex vertical gap={16}>
      <Greeting />
      {can('dashboard.read') ? (
        <>
          <Overview />
          <Dashboard />
        </>
      ) : (
        <>
          <MemberHome />
          <PersonalHome />
        </>
      )}
    </Flex>
  );
}

function Greeting() {
  const { t, language } = useI18n();
  const me = useMe();
  const today = useToday();
  // A fresh instance: dayjs fixes the locale (weekday names) when an instance is made.
  const date = dayjs(today.date).format(language === 'zh-CN' ? 'YYYY年M月D日 dddd' : 'dddd, D MMMM YYYY');
  return (
    <Card variant="borderless">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('home.welcome', { name: me.user.name })}
      </Typography.Title>
      <Typography.Text type="secondary">
        {t('home.welcomeNote', { app: t('app.fullName') })} {t('home.today', { date })}
      </Typography.Text>
    </Card>
  );
}

function Dashboard() {
  const { t } = useI18n();
  const { can } = useSession();
  const errorText = useErrorText();
  const { data, error, loading, reload } = useApiGet<DashboardSummary>('/api/v1/dashboard/summary');

  if (error) {
    return (
      <Alert
        type="error"
        showIcon
        title={t('error.loadFailed')}
        description={errorText(error)}
        action={<Button onClick={reload}>{t('common.retry')}</Button>}
      />
    );
  }
  if (loading || !data) return <Card variant="borderless"><Skeleton active /></Card>;

  const noSecretary = data.branchesWithoutSecretary;
  return (
    <Flex vertical gap={16} data-testid="dashboard">
      <Row gutter={[16, 16]}>
        <Figure title={t('home.memberCount')} value={data.memberCount} icon={<TeamOutlined />} />
        <Figure title={t('home.fullCount')} value={data.fullCount} />
        <Figure title={t('home.probationaryCount')} value={data.probationaryCount} />
        {noSecretary !== undefined ? <Figure title={t('home.branchesWithoutSecretary')} value={noSecretary} warn={noSecretary > 0} /> : null}
      </Row>
      <OrgFigures />
      {can('orglife.read') ? <ReminderDigests /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title={t('home.overview')} variant="borderless" style={{ height: '100%' }}>
            <Row gutter={[12, 20]}>
              {ORG_TYPES.map((type) => (
                <Col key={type} xs={12} sm={8}>
                  <Statistic title={t(`orgType.${type}`)} value={data.orgCounts?.[type] ?? 0} suffix={t('home.orgUnit')} />
                </Col>
              ))}
            </Row>
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('home.education')} variant="borderless" style={{ height: '100%' }}>
            <EducationPie slices={data.education ?? []} />
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}

/**
 * Headline figures of the organisations area: organisations with rule warnings (and how many
 * are overdue for election) and the 双带头人 coverage of the widest 党委/总支 in scope.
 * Read-only; each opens its list. Hidden when the caller's scope has no such figures.
 */
function OrgFigures() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const warnings = useApiGet<{ items: { warnings: { severity: string }[] }[]; total: number }>('/api/v1/orgs/warnings');
  const dual = useApiGet<{ items: { rate: number | null; branches: number; covered: number }[] }>('/api/v1/orgs/dual-leaders');
  if (!warnings.data && !dual.data) return null;
  const overdue = warnings.data?.items.filter((o) => o.warnings.some((w) => w.severity === 'red')).length;
  // Groups come in tree order: the first is the widest (the 党委, or a 总支 for its secretary).
  const top = dual.data?.items.find((g) => g.rate !== null);
  return (
    <Row gutter={[16, 16]} data-testid="org-figures">
      {warnings.data ? (
        <>
          <Figure title={t('home.orgsWithWarnings')} value={warnings.data.total} warn={warnings.data.total > 0} onClick={() => navigate('/orgs/warnings')} />
          <Figure title={t('home.orgsOverdue')} value={overdue ?? 0} warn={(overdue ?? 0) > 0} onClick={() => navigate('/orgs/warnings?severity=red')} />
        </>
      ) : null}
      {top && top.rate !== null ? (
        <Figure
          title={t('home.dualLeaderRate', { covered: top.covered, branches: top.branches })}
          value={top.rate}
          suffix="%"
          onClick={() => navigate('/orgs/dual-leaders')}
        />
      ) : null}
    </Row>
  );
}

function Figure({ title, value, icon, warn = false, suffix, onClick }: { title: string; value: number; icon?: ReactNode; warn?: boolean; suffix?: string; onClick?: () => void }) {
  const { token } = theme.useToken();
  return (
    <Col xs={12} md={6}>
      <Card variant="borderless" hoverable={onClick !== undefined} onClick={onClick} style={onClick ? { cursor: 'pointer' } : undefined}>
        <Statistic
          title={title}
          value={value}
          prefix={icon}
          suffix={suffix}
          styles={{ content: { color: warn ? token.colorWarning : token.colorPrimary, fontWeight: 600 } }}
        />
      </Card>
    </Col>
  );
}

function EducationPie({ slices: stored }: { slices: { name: string; value: number }[] }) {
  const { t, code } = useI18n();
  // 学历 as stored ('未填写' when none), named in the reader's language.
  const slices = useMemo(() => stored.map((s) => ({ ...s, name: s.name === '未填写' ? t('home.educationNone') : code('education', s.name) })), [stored, t, code]);
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      // The legend below the ring: on the right it covered the slice labels (longer in English).
      legend: { type: 'scroll', bottom: 0 },
      series: [
        {
          type: 'pie',
          radius: ['36%', '58%'],
          center: ['50%', '45%'],
          avoidLabelOverlap: true,
          itemStyle: { borderColor: '#fff', borderWidth: 2 },
          label: { formatter: '{b}\n{d}%', overflow: 'none' },
          data: slices,
        },
      ],
    }),
    [slices],
  );
  if (slices.length === 0) return <Empty description={t('home.noData')} />;
  return <EChart option={option} height={280} ariaLabel={t('home.education')} />;
}

interface QuickLink {
  to: string;
  label: MessageKey;
  icon: ReactNode;
  permission?: Permission;
  /** Besides the permission: shown only when this holds (a member's own pages need a member record). */
  when?: (me: Me) => boolean;
}

const QUICK_LINKS: QuickLink[] = [
  // A member's own pages first: what members come for (their dues, their meetings).
  { to: '/dues/my', label: 'menu.myDues', icon: <AccountBookOutlined />, when: (me) => me.user.memberId !== null },
  { to: '/orglife/my', label: 'menu.orglifeMy', icon: <CalendarOutlined />, when: (me) => me.user.memberId !== null },
  { to: '/development/my', label: 'menu.myDevelopment', icon: <UserAddOutlined />, when: (me) => me.user.hasDevelopmentFile },
  { to: '/orgs', label: 'menu.orgs', icon: <ApartmentOutlined />, permission: 'orgs.read' },
  { to: '/members', label: 'menu.members', icon: <TeamOutlined />, permission: 'members.read' },
  { to: '/admin/users', label: 'menu.users', icon: <UsergroupAddOutlined />, permission: 'users.manage' },
  { to: '/admin/audit', label: 'menu.audit', icon: <AuditOutlined />, permission: 'audit.read' },
  { to: '/profile', label: 'menu.profile', icon: <UserOutlined /> },
];

/** For users without dashboard.read (ordinary members): who they are and where to go. */
function PersonalHome() {
  const { t } = useI18n();
  const me = useMe();
  const { can } = useSession();
  const navigate = useNavigate();
  return (
    <Row gutter={[16, 16]} data-testid="personal-home">
      <Col xs={24} lg={14}>
        <Card title={t('home.myInfo')} variant="borderless">
          <Descriptions
            column={1}
            size="small"
            items={[
              { key: 'name', label: t('profile.name'), children: me.user.name },
              { key: 'tenant', label: t('home.tenant'), children: me.tenant.name },
              { key: 'roles', label: t('home.myRoles'), children: <RoleTags roles={me.roles} /> },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card title={t('home.quickLinks')} variant="borderless">
          <Flex wrap gap={8}>
            {QUICK_LINKS.filter((link) => can(link.permission) && (!link.when || link.when(me))).map((link) => (
              <Button key={link.to} icon={link.icon} onClick={() => navigate(link.to)}>
                {t(link.label)}
              </Button>
            ))}
          </Flex>
        </Card>
      </Col>
    </Row>
  );
}
