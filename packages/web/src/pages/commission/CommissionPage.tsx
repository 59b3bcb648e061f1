/** The commission's overview (卫健委, 教育工委): its units side by side, their trend, the Excel export. Aggregates only. */
import { Alert, Card, Col, Empty, Flex, Row, Segmented, Skeleton, Table, Typography } from 'antd';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useApiGet, useErrorText, useUrlParams } from '../../api/hooks';
import { type ChartOption, EChart } from '../../components/EChart';
import { PageCard } from '../../components/PageCard';
import { ExportButton } from '../../components/ServerList';
import { useI18n } from '../../i18n';
import { type CommissionOverview, type CommissionUnitRow, DAY_CHOICES, METRICS, METRIC_LABEL, type Metric, PERCENT_METRICS, percent } from './shared';

echarts.use([BarChart, LineChart, GridComponent]);

export default function CommissionPage() {
  const { t } = useI18n();
  const errorText = useErrorText();
  const [params, setParam] = useUrlParams();
  const days = DAY_CHOICES.find((d) => String(d) === params.get('days')) ?? 90;
  const [metric, setMetric] = useState<Metric>('complianceRate');
  const { data, error, loading } = useApiGet<CommissionOverview>(`/api/v1/commission/overview?days=${days}`);

  const sideOption = useMemo((): ChartOption | null => {
    if (!data) return null;
    // Bars read top-down in the table's order (a category axis draws its first item at the bottom).
    const units = data.units.filter((u) => u.headline).reverse();
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => `${String(v)}%` },
      legend: { bottom: 0 },
      grid: { left: 8, right: 16, top: 16, bottom: 40, containLabel: true },
      xAxis: { type: 'value', max: 100 },
      yAxis: { type: 'category', data: units.map((u) => u.name), axisLabel: { width: 120, overflow: 'truncate' } },
      series: (['complianceRate', 'duesRate', 'worksystemsProgress'] as const).map((m) => ({ type: 'bar', name: t(METRIC_LABEL[m]), data: units.map((u) => u.headline?.[m] ?? null) })),
    };
  }, [data, t]);

  const trendOption = useMemo((): ChartOption | null => {
    if (!data) return null;
    const dates = [...new Set(data.units.flatMap((u) => u.trend.map((p) => p.asOf)))].sort();
    return {
      tooltip: { trigger: 'axis', ...(PERCENT_METRICS.includes(metric) ? { valueFormatter: (v: unknown) => `${String(v)}%` } : {}) },
      legend: { bottom: 0 },
      grid: { left: 8, right: 16, top: 16, bottom: 64, containLabel: true },
      xAxis: { type: 'category', data: dates },
      yAxis: { type: 'value', ...(PERCENT_METRICS.includes(metric) ? { max: 100 } : {}) },
      series: data.units.map((u) => {
        const at = new Map(u.trend.map((p) => [p.asOf, p[metric]]));
        return { type: 'line', name: u.name, connectNulls: true, data: dates.map((d) => at.get(d) ?? null) };
      }),
    };
  }, [data, metric]);

  if (error) return <Alert type="error" showIcon message={errorText(error)} />;
  if (loading || !data) return <Skeleton active />;

  const columns = [
    { title: t('commission.col.unit'), dataIndex: 'name', key: 'name', fixed: 'left' as const, render: (name: string, u: CommissionUnitRow) => <Link to={`/commission/units/${u.tenantId}`}>{name}</Link> },
    { title: t('commission.col.asOf'), key: 'asOf', render: (_: unknown, u: CommissionUnitRow) => u.asOf ?? <Typography.Text type="secondary">{t('commission.noSummary')}</Typography.Text> },
    { title: t('commission.col.members'), key: 'members', align: 'right' as const, render: (_: unknown, u: CommissionUnitRow) => u.headline?.members ?? '—' },
    { title: t('commission.col.branches'), key: 'branches', align: 'right' as const, render: (_: unknown, u: CommissionUnitRow) => u.headline?.branches ?? '—' },
    { title: t('commission.col.compliance'), key: 'compliance', align: 'right' as const, render: (_: unknown, u: CommissionUnitRow) => percent(u.headline?.complianceRate) },
    { title: t('commission.col.dues'), key: 'dues', align: 'right' as const, render: (_: unknown, u: CommissionUnitRow) => percent(u.headline?.duesRate) },
    { title: t('commission.col.funnel'), key: 'funnel', align: 'right' as const, render: (_: unknown, u: CommissionUnitRow) => u.headline?.funnel ?? '—' },
    { title: t('commission.col.worksystems'), key: 'ws', align: 'right' as const, render: (_: unknown, u: CommissionUnitRow) => percent(u.headline?.worksystemsProgress) },
  ];

  return (
    <Flex vertical gap={16}>
      <PageCard
        title={t('commission.title', { name: data.commission.name })}
        extra={
          <Flex gap={8} wrap>
            <Segmented
              aria-label={t('commission.days')}
              value={days}
              options={DAY_CHOICES.map((d) => ({ value: d, label: t(`commission.days.${d}`) }))}
              onChange={(v) => setParam('days', Number(v))}
            />
            <ExportButton url={`/api/v1/commission/export?days=${days}`} />
          </Flex>
        }
      >
        <Typography.Paragraph type="secondary">{t('commission.intro')}</Typography.Paragraph>
        {data.units.length === 0 ? (
          <Empty description={t('commission.noUnits')} />
        ) : (
          <Table rowKey="tenantId" size="middle" columns={columns} dataSource={data.units} pagination={false} scroll={{ x: 'max-content' }} data-testid="commission-units" />
        )}
      </PageCard>
      {data.units.length > 0 && sideOption && trendOption && (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={12}>
            <Card title={t('commission.side')} variant="borderless">
              <EChart option={sideOption} height={Math.max(240, data.units.length * 70 + 60)} ariaLabel={t('commission.side')} />
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card title={t('commission.trend')} variant="borderless">
              <div style={{ overflowX: 'auto', marginBottom: 8 }}>
                <Segmented size="small" aria-label={t('commission.metric')} value={metric} options={METRICS.filter((m) => m !== 'worksystemsProgress').map((m) => ({ value: m, label: t(METRIC_LABEL[m]) }))} onChange={(v) => setMetric(v as Metric)} />
              </div>
              <EChart option={trendOption} height={300} ariaLabel={t('commission.trend')} />
            </Card>
          </Col>
        </Row>
      )}
    </Flex>
  );
}
