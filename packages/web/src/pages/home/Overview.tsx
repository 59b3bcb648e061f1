/**
 * The overview (党委 and branch) and a member's own home. One request each: the server asks every
 * area's own service within the caller's scope and leaves out the cards the caller may not read.
 * Every figure opens the page listing its records. No rankings, no points.
 */
import { BarChart } from 'echarts/charts';
import { GridComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { Alert, Button, Card, Col, Empty, Flex, Progress, Row, Skeleton, Statistic, Switch, Table, Typography, theme } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import type { ApiResult } from '../../api/contract';
import { api } from '../../api/client';
import { useApiGet, useErrorText } from '../../api/hooks';
import { useFormSubmit } from '../../components/useFormSubmit';
import { can } from '../../access';
import { useMe } from '../../session';
import { CHART_COLORS, EChart, type ChartOption } from '../../components/EChart';
import { useI18n } from '../../i18n';

echarts.use([BarChart, GridComponent]);

type OverviewData = ApiResult<'/api/v1/dashboard/overview'>;
type OverviewCard = OverviewData['cards'][number];
type MemberHomeData = ApiResult<'/api/v1/dashboard/me'>;
type DashboardSettings = ApiResult<'/api/v1/dashboard/settings'>;

export function Overview() {
  const { t } = useI18n();
  const errorText = useErrorText();
  const { data, error, loading, reload } = useApiGet<OverviewData>('/api/v1/dashboard/overview');
  if (error) {
    return <Alert type="error" showIcon title={t('error.loadFailed')} description={errorText(error)} action={<Button onClick={reload}>{t('common.retry')}</Button>} />;
  }
  if (loading || !data) return <Card variant="borderless"><Skeleton active /></Card>;
  const due = data.cards.filter((c) => c.group === 'due');
  const year = data.cards.filter((c) => c.group === 'year');
  const funnel = data.cards.find((c) => c.key === 'funnel');
  const honours = data.cards.find((c) => c.key === 'honours');
  if (data.cards.length === 0 && data.frameworks.length === 0) return <Card variant="borderless"><Empty description={t('dashboard.empty')} /></Card>;
  return (
    <Flex vertical gap={16} data-testid="overview">
      {due.length > 0 ? (
        <Card title={t('dashboard.due')} variant="borderless" data-testid="overview-due">
          <Row gutter={[12, 12]}>
            {due.map((c) => <FigureCard key={c.key} card={c} />)}
          </Row>
        </Card>
      ) : null}
      <Card title={t('dashboard.year', { year: data.year })} variant="borderless" data-testid="overview-year">
        <Row gutter={[12, 12]}>
          {year.map((c) => <FigureCard key={c.key} card={c} />)}
        </Row>
      </Card>
      {funnel || honours ? (
        <Row gutter={[16, 16]}>
          {funnel ? (
            <Col xs={24} lg={12}>
              <Card title={t('dashboard.funnel')} variant="borderless" style={{ height: '100%' }}>
                <Bars names={funnel.series.map((s) => t(`development.stage.${s.name}` as 'development.stage.1'))} values={funnel.series.map((s) => s.value)} label={t('dashboard.funnel')} />
              </Card>
            </Col>
          ) : null}
          {honours && honours.series.length > 0 ? (
            <Col xs={24} lg={12}>
              <Card title={t('dashboard.ladder')} variant="borderless" style={{ height: '100%' }}>
                <Bars names={honours.series.map((s) => s.name)} values={honours.series.map((s) => s.value)} label={t('dashboard.ladder')} />
              </Card>
            </Col>
          ) : null}
        </Row>
      ) : null}
      {data.frameworks.length > 0 ? <Frameworks items={data.frameworks} /> : null}
      {data.comparison ? <Comparison rows={data.comparison.rows} /> : null}
      <CompareSetting onChanged={reload} />
    </Flex>
  );
}

/** Each framework's progress against its targets this year; opens the framework. */
function Frameworks({ items }: { items: OverviewData['frameworks'] }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Card title={t('dashboard.frameworks')} variant="borderless" data-testid="overview-frameworks">
      <Row gutter={[12, 12]}>
        {items.map((f) => (
          <Col key={f.adoptionId} xs={24} md={12} xl={8}>
            <Card size="small" hoverable role="link" onClick={() => navigate(`/worksystems/${f.frameworkId}`)} data-testid={`framework-${f.frameworkId}`}>
              <Flex justify="space-between" gap={8} wrap>
                <Typography.Text strong>{f.name}</Typography.Text>
                <Typography.Text type="secondary">{f.orgName}</Typography.Text>
              </Flex>
              {f.progress !== null ? <Progress percent={f.progress} size="small" /> : <Typography.Text type="secondary">{t('dashboard.noTargets')}</Typography.Text>}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('worksystems.indicatorCount', { count: f.indicators })}
              </Typography.Text>
            </Card>
          </Col>
        ))}
      </Row>
    </Card>
  );
}

/** The branches side by side (the 党委's view, when the unit turns it on): in the org tree's order, never ranked. */
function Comparison({ rows }: { rows: NonNullable<OverviewData['comparison']>['rows'] }) {
  const { t } = useI18n();
  return (
    <Card title={t('dashboard.compare.title')} variant="borderless" data-testid="overview-comparison">
      <Typography.Paragraph type="secondary">{t('dashboard.compare.intro')}</Typography.Paragraph>
      <Table
        size="small"
        rowKey="orgId"
        pagination={false}
        scroll={{ x: 520 }}
        dataSource={rows}
        columns={[
          { title: t('dashboard.compare.org'), dataIndex: 'orgName' },
          { title: t('dashboard.compare.monthsMet'), dataIndex: 'monthsMet', align: 'right', width: 110 },
          { title: t('dashboard.compare.monthsMissed'), dataIndex: 'monthsMissed', align: 'right', width: 110 },
          { title: t('dashboard.compare.members'), dataIndex: 'members', align: 'right', width: 90, render: (v: number | null) => v ?? '—' },
          { title: t('dashboard.compare.duesRate'), dataIndex: 'duesRate', align: 'right', width: 110, render: (v: number | null) => (v === null ? '—' : `${v}%`) },
        ]}
      />
    </Card>
  );
}

/** The unit-wide switch for the comparison, for those who manage settings. */
function CompareSetting({ onChanged }: { onChanged: () => void }) {
  const { t } = useI18n();
  const me = useMe();
  const settings = useApiGet<DashboardSettings>(can(me, 'settings.manage') ? '/api/v1/dashboard/settings' : null);
  const { saving, submit: save } = useFormSubmit(null, { errorsAs: 'message' });
  if (!settings.data) return null;
  const toggle = async (on: boolean) => {
    await save(() => api.put('/api/v1/dashboard/settings', { compareOrgs: on, version: settings.data!.version }), () => {
      settings.reload();
      onChanged();
    });
  };
  return (
    <Flex gap={8} align="center" wrap>
      <Switch checked={settings.data.compareOrgs} loading={saving} onChange={toggle} data-testid="compare-setting" />
      <Typography.Text type="secondary">{t('dashboard.compare.setting')}</Typography.Text>
    </Flex>
  );
}

function hintOf(card: OverviewCard, t: ReturnType<typeof useI18n>['t']): string | null {
  const n = (name: string) => card.series.find((s) => s.name === name)?.value ?? 0;
  if (card.key === 'developmentDue' && n('overdue') > 0) return t('dashboard.hint.developmentDue', { n: n('overdue') });
  if (card.key === 'service') return t('dashboard.hint.service', { n: n('events') });
  if (card.key === 'funds') return t('dashboard.hint.funds', { n: n('paid'), over: n('overTarget') });
  return null;
}

function FigureCard({ card }: { card: OverviewCard }) {
  const { t } = useI18n();
  const { token } = theme.useToken();
  const navigate = useNavigate();
  const warn = card.group === 'due' && card.value > 0;
  const suffix = card.of !== null ? t('dashboard.of', { of: card.of }) : card.unit === 'count' ? undefined : t(`dashboard.unit.${card.unit}`);
  const hint = hintOf(card, t);
  return (
    <Col xs={12} md={8} xl={6}>
      <Card
        size="small"
        hoverable={card.href !== ''}
        role={card.href ? 'link' : undefined}
        data-testid={`card-${card.key}`}
        onClick={card.href ? () => navigate(card.href) : undefined}
        style={{ height: '100%', cursor: card.href ? 'pointer' : 'default', background: token.colorFillQuaternary }}
        styles={{ body: { padding: '10px 12px' } }}
      >
        <Statistic
          title={
            <Flex justify="space-between" align="start" gap={4}>
              <span style={{ overflowWrap: 'anywhere' }}>{t(`dashboard.card.${card.key}`)}</span>
              {card.href ? <RightOutlined style={{ fontSize: 10, marginTop: 5, color: token.colorTextTertiary }} aria-label={t('dashboard.open')} /> : null}
            </Flex>
          }
          value={card.value}
          suffix={suffix}
          styles={{ content: { color: warn ? token.colorWarning : token.colorPrimary, fontWeight: 600, fontSize: 22 } }}
        />
        {hint ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{hint}</Typography.Text> : null}
        {card.byCampus.length > 0 ? (
          <Flex vertical data-testid={`campuses-${card.key}`}>
            {card.byCampus.map((c) => (
              <Typography.Text key={c.name} type="secondary" style={{ fontSize: 12 }}>
                {c.name} {c.value} / {c.of}
              </Typography.Text>
            ))}
          </Flex>
        ) : null}
      </Card>
    </Col>
  );
}

function Bars({ names, values, label }: { names: string[]; values: number[]; label: string }) {
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'item', formatter: '{b}: {c}' },
      grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: names, axisLabel: { width: 110, overflow: 'truncate' } },
      series: [{ type: 'bar', data: values, itemStyle: { color: CHART_COLORS[0] }, label: { show: true, position: 'right' }, barMaxWidth: 22 }],
    }),
    [names, values],
  );
  return <EChart option={option} height={Math.max(160, names.length * 40)} ariaLabel={label} />;
}

/** A member's own home, phone first: where to go next, nothing to tick. */
export function MemberHome() {
  const { t, language } = useI18n();
  const navigate = useNavigate();
  const { data } = useApiGet<MemberHomeData>('/api/v1/dashboard/me');
  if (!data) return <Card variant="borderless"><Skeleton active /></Card>;
  const items: { key: string; title: string; value: string; warn?: boolean; to: string }[] = [];
  if (data.nextMeeting) {
    items.push({ key: 'nextMeeting', title: t('dashboard.me.nextMeeting'), value: `${data.nextMeeting.plannedOn} ${data.nextMeeting.title || t(`orglife.kind.${data.nextMeeting.kind}`)}`, to: '/orglife/my' });
  }
  if (data.dues) {
    const owed = data.dues.unpaidMonths > 0;
    const amount = (data.dues.outstandingCents / 100).toLocaleString(language, { minimumFractionDigits: 2 });
    const paid = data.dues.paidThrough ? t('dashboard.me.paidThrough', { month: data.dues.paidThrough }) : t('dashboard.me.noDues');
    items.push({ key: 'dues', title: t('dashboard.me.dues'), value: owed ? t('dashboard.me.duesOwed', { months: data.dues.unpaidMonths, amount }) : `${t('dashboard.me.duesPaid')} · ${paid}`, warn: owed, to: '/dues/my' });
  }
  if (data.development) {
    items.push({ key: 'development', title: t('dashboard.me.development'), value: data.development.step > 0 ? t(`development.step.${data.development.step}` as 'development.step.1') : '—', to: '/development/my' });
  }
  if (data.serviceHours !== null) items.push({ key: 'serviceHours', title: t('dashboard.me.serviceHours'), value: `${data.serviceHours} ${t('dashboard.unit.hours')}`, to: '/service/my' });
  if (data.notes !== null) items.push({ key: 'notes', title: t('dashboard.me.notes'), value: String(data.notes), to: '/learning?tab=notes' });
  if (data.decisionTasks !== null) items.push({ key: 'decisionTasks', title: t('dashboard.me.decisionTasks'), value: String(data.decisionTasks), warn: data.decisionTasks > 0, to: '/decisions/my-tasks' });
  if (items.length === 0) return null;
  return (
    <Card title={t('dashboard.me.title')} variant="borderless" data-testid="member-home">
      <Row gutter={[12, 12]}>
        {items.map((item) => (
          <Col key={item.key} xs={24} sm={12} lg={8}>
            <MeItem {...item} onClick={() => navigate(item.to)} />
          </Col>
        ))}
      </Row>
    </Card>
  );
}

function MeItem({ title, value, warn, onClick, ...rest }: { key?: string; title: string; value: string; warn?: boolean | undefined; to: string; onClick: () => void }) {
  const { token } = theme.useToken();
  return (
    <Card size="small" hoverable role="link" onClick={onClick} data-testid={`me-${rest.to}`} style={{ cursor: 'pointer', background: token.colorFillQuaternary }}>
      <Flex justify="space-between" align="center" gap={8}>
        <Flex vertical>
          <Typography.Text type="secondary">{title}</Typography.Text>
          <Typography.Text strong style={{ color: warn ? token.colorWarning : undefined, fontSize: 16 }}>{value}</Typography.Text>
        </Flex>
        <RightOutlined style={{ color: token.colorTextTertiary }} />
      </Flex>
    </Card>
  );
}
