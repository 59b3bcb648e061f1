import { TOPIC_STAGES } from '@hongyi/core';
import { Alert, Card, Col, Flex, Row, Select, Statistic, Table } from 'antd';
import { Link } from 'react-router';
import type { ApiResult } from '../../api/contract';
import { useApiGet, useErrorText, useUrlParams } from '../../api/hooks';
import { CHART_COLORS, EChart } from '../../components/EChart';
import { PageCard } from '../../components/PageCard';
import { ExportButton } from '../../components/ServerList';
import { useI18n } from '../../i18n';
import { useToday } from '../../today';
import { TaskStateTag, useDecisionLabels } from './shared';

type Dashboard = ApiResult<'/api/v1/decisions/dashboard'>;
type Rate = Dashboard['byCampus'][number];

const percent = (n: number | null) => (n === null ? '—' : `${Math.round(n * 1000) / 10}%`);

/** The PDCA dashboard: topics by category and stage, pre-review, 党委会-first compliance, on-time closure, overdue tasks, by campus and department. */
export default function DashboardPage() {
  const { t, label } = useI18n();
  const errorText = useErrorText();
  const labels = useDecisionLabels();
  const today = useToday();
  const [params, set] = useUrlParams();
  const year = params.get('year') ?? String(today.year);
  const { data, error } = useApiGet<Dashboard>(`/api/v1/decisions/dashboard?year=${year}`);
  const rateColumns = [
    { key: 'key', dataIndex: 'key', title: t('decisions.dashboard.key') },
    { key: 'tasks', dataIndex: 'tasks', title: t('decisions.dashboard.tasks'), align: 'right' as const },
    { key: 'onTime', dataIndex: 'closedOnTime', title: t('decisions.dashboard.closedOnTime'), align: 'right' as const },
    { key: 'late', dataIndex: 'closedLate', title: t('decisions.dashboard.closedLate'), align: 'right' as const },
    { key: 'overdue', dataIndex: 'overdue', title: t('decisions.dashboard.overdue'), align: 'right' as const, render: (n: number) => (n > 0 ? <span style={{ color: '#cf1322' }}>{n}</span> : n) },
    { key: 'rate', title: t('decisions.dashboard.onTime'), align: 'right' as const, render: (_: unknown, r: Rate) => percent(r.onTimeRate) },
  ];
  return (
    <PageCard
      title={t('decisions.dashboard.title')}
      extra={
        <Flex gap={8}>
          <Select value={year} style={{ width: 110 }} onChange={(v) => set('year', v)} options={[0, 1, 2].map((i) => ({ value: String(today.year - i), label: t('decisions.dashboard.year', { year: today.year - i }) }))} />
          <ExportButton url={`/api/v1/decisions/dashboard/export?year=${year}`} />
        </Flex>
      }
    >
      {error ? <Alert type="error" showIcon title={errorText(error)} /> : null}
      {data ? (
        <Flex vertical gap={12} data-testid="decisions-dashboard">
          <Row gutter={[12, 12]}>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('decisions.dashboard.topics')} value={data.topics} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('decisions.dashboard.prereview')} value={`${data.prereview.complete}/${data.prereview.topics}`} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('decisions.dashboard.committeeFirst')} value={`${data.committeeFirst.compliant}/${data.committeeFirst.topics}`} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('decisions.dashboard.onTime')} value={percent(data.tasks.onTimeRate)} data-testid="dashboard-on-time" />
              </Card>
            </Col>
          </Row>
          <Row gutter={[12, 12]}>
            <Col xs={24} lg={10}>
              <Card size="small" title={t('decisions.dashboard.byCategory')}>
                <EChart
                  height={260}
                  ariaLabel={t('decisions.dashboard.byCategory')}
                  option={{
                    color: CHART_COLORS,
                    tooltip: { trigger: 'item' },
                    legend: { bottom: 0 },
                    series: [{ type: 'pie', radius: ['40%', '68%'], data: data.byCategory.map((c) => ({ name: labels.category(c.category), value: c.total })) }],
                  }}
                />
              </Card>
            </Col>
            <Col xs={24} lg={14}>
              <Card size="small" title={t('decisions.dashboard.byCategory')}>
                <Table
                  size="small"
                  rowKey="category"
                  pagination={false}
                  scroll={{ x: 600 }}
                  dataSource={data.byCategory}
                  columns={[
                    { key: 'category', title: t('decisions.col.category'), render: (_, c) => labels.category(c.category) },
                    ...TOPIC_STAGES.map((s) => ({ key: s, title: label('decisions.stage', s), align: 'right' as const, render: (_: unknown, c: Dashboard['byCategory'][number]) => c.stages[s] ?? 0 })),
                    { key: 'total', dataIndex: 'total', title: t('decisions.dashboard.total'), align: 'right' as const },
                  ]}
                />
              </Card>
            </Col>
          </Row>
          <Card size="small" title={`${t('decisions.dashboard.overdue')}（${data.overdue.length}）`}>
            <Table
              size="small"
              rowKey="id"
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              scroll={{ x: 800 }}
              dataSource={data.overdue}
              data-testid="dashboard-overdue"
              columns={[
                { key: 'topic', title: t('decisions.tasks.topic'), render: (_, r) => <Link to={`/decisions/topics/${r.topicId}`}>{r.topicTitle}</Link> },
                { key: 'title', dataIndex: 'title', title: t('decisions.tasks.task') },
                { key: 'department', dataIndex: 'department', title: t('decisions.tasks.department') },
                { key: 'deadline', dataIndex: 'deadline', title: t('decisions.tasks.deadline') },
                { key: 'state', title: t('decisions.tasks.state'), render: (_, r) => <TaskStateTag state={r.state} daysLate={r.daysLate} /> },
              ]}
            />
          </Card>
          <Row gutter={[12, 12]}>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('decisions.dashboard.byCampus')}>
                <Table size="small" rowKey="key" pagination={false} dataSource={data.byCampus} columns={rateColumns} data-testid="dashboard-campus" />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('decisions.dashboard.byDepartment')}>
                <Table size="small" rowKey="key" pagination={{ pageSize: 10, hideOnSinglePage: true }} dataSource={data.byDepartment} columns={rateColumns} data-testid="dashboard-department" />
              </Card>
            </Col>
          </Row>
        </Flex>
      ) : (
        <Card loading />
      )}
    </PageCard>
  );
}
