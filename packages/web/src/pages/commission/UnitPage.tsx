/** One unit as its commission reads it: the latest aggregate figures, the funnel, the statistics totals, the trend. */
import { STATISTICS_TABLES } from '@hongyi/core';
import { Alert, Button, Card, Col, Descriptions, Empty, Flex, Row, Skeleton, Statistic, Table, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useApiGet, useErrorText } from '../../api/hooks';
import { type ChartOption, EChart } from '../../components/EChart';
import { PageCard } from '../../components/PageCard';
import { useI18n } from '../../i18n';
import { type CommissionUnit, percent } from './shared';

echarts.use([BarChart, LineChart, GridComponent]);

export default function CommissionUnitPage() {
  const { t, language } = useI18n();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const { tenantId } = useParams();
  const { data, error, loading } = useApiGet<CommissionUnit>(`/api/v1/commission/units/${encodeURIComponent(tenantId ?? '')}?days=180`);

  const funnelOption = useMemo((): ChartOption | null => {
    if (!data?.figures) return null;
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: data.figures.funnel.map((_, i) => t('commission.unit.stage', { n: i + 1 })) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', data: data.figures.funnel, label: { show: true, position: 'top' } }],
    };
  }, [data, t]);

  const trendOption = useMemo((): ChartOption | null => {
    if (!data) return null;
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => `${String(v)}%` },
      legend: { bottom: 0 },
      grid: { left: 8, right: 16, top: 16, bottom: 40, containLabel: true },
      xAxis: { type: 'category', data: data.trend.map((p) => p.asOf) },
      yAxis: { type: 'value', max: 100 },
      series: (['complianceRate', 'duesRate'] as const).map((m) => ({ type: 'line', name: t(m === 'complianceRate' ? 'commission.col.compliance' : 'commission.col.dues'), connectNulls: true, data: data.trend.map((p) => p[m]) })),
    };
  }, [data, t]);

  if (error) return <Alert type="error" showIcon message={errorText(error)} />;
  if (loading || !data) return <Skeleton active />;
  const f = data.figures;
  const h = data.headline;
  const yuan = (cents: number) => (cents / 100).toLocaleString(language, { maximumFractionDigits: 2 });
  const statistics = f ? STATISTICS_TABLES.map((s) => ({ id: s.id, title: language === 'zh-CN' ? s.title : s.en, total: f.statistics[s.id] ?? 0 })) : [];

  return (
    <Flex vertical gap={16}>
      <PageCard
        title={t('commission.unit.title', { name: data.name })}
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate('/commission')}>
            {t('commission.unit.back')}
          </Button>
        }
      >
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }}>
          <Descriptions.Item label={t('commission.col.asOf')}>{data.asOf ?? t('commission.noSummary')}</Descriptions.Item>
          <Descriptions.Item label={t('commission.unit.year')}>{f?.year ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('commission.unit.joinedOn')}>{data.joinedOn}</Descriptions.Item>
          <Descriptions.Item label={t('commission.unit.computedAt')}>{data.computedAt ? dayjs(data.computedAt).format('YYYY-MM-DD HH:mm') : '—'}</Descriptions.Item>
        </Descriptions>
        {!f || !h ? (
          <Empty description={t('commission.unit.none')} />
        ) : (
          <Row gutter={[16, 16]} data-testid="commission-unit-figures">
            <Col xs={12} md={6}>
              <Statistic title={t('commission.col.members')} value={h.members} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('commission.unit.full')} {f.members.full} · {t('commission.unit.probationary')} {f.members.probationary}
              </Typography.Text>
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('commission.col.branches')} value={h.branches} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('commission.unit.generalBranches')} {f.orgs.generalBranches}
              </Typography.Text>
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('commission.col.compliance')} value={percent(h.complianceRate)} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('commission.unit.complianceDetail', { met: f.compliance.met, of: f.compliance.of })}</Typography.Text>
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('commission.col.dues')} value={percent(h.duesRate)} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('commission.unit.duesDetail', { paid: yuan(f.dues.paidCents), due: yuan(f.dues.dueCents) })}</Typography.Text>
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('commission.col.worksystems')} value={percent(h.worksystemsProgress)} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('commission.unit.adoptions')} {f.worksystems.adoptions}
              </Typography.Text>
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('commission.col.funnel')} value={h.funnel} />
            </Col>
          </Row>
        )}
      </PageCard>
      {f && funnelOption && trendOption && (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={12}>
            <Card title={t('commission.unit.funnel')} variant="borderless">
              <EChart option={funnelOption} height={260} ariaLabel={t('commission.unit.funnel')} />
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card title={t('commission.trend')} variant="borderless">
              <EChart option={trendOption} height={260} ariaLabel={t('commission.trend')} />
            </Card>
          </Col>
          <Col xs={24}>
            <Card title={t('commission.unit.statistics')} variant="borderless">
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={statistics}
                columns={[
                  { title: t('commission.unit.table'), dataIndex: 'title', key: 'title' },
                  { title: t('commission.unit.total'), dataIndex: 'total', key: 'total', align: 'right' as const },
                ]}
              />
            </Card>
          </Col>
        </Row>
      )}
    </Flex>
  );
}
