import { Alert, Card, Col, Empty, Flex, Row, Skeleton, Statistic, Table, Typography } from 'antd';
import { BarChart } from 'echarts/charts';
import { GridComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { toQueryString } from '../../api/client';
import { useApiGet, useErrorText } from '../../api/hooks';
import { CHART_COLORS, EChart, type ChartOption } from '../../components/EChart';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageCard } from '../../components/PageCard';
import { ExportButton } from '../../components/ServerList';
import { useI18n } from '../../i18n';
import type { StructureReport } from './types';

echarts.use([BarChart, GridComponent]);

type Dimension = StructureReport['dimensions'][number];

/** Gender as a pie; every other dimension as horizontal bars (labels are long: '硕士研究生'). */
function chartOf(d: Dimension, countLabel: string): ChartOption {
  if (d.key === 'gender') {
    return {
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      legend: { bottom: 0 },
      series: [{ type: 'pie', radius: ['40%', '68%'], label: { formatter: '{b}\n{c}' }, data: d.items.map((i) => ({ name: i.label, value: i.count })) }],
    };
  }
  const items = [...d.items].reverse();
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    // The axis name sits under the axis: at its end it was cut off ("Membe…").
    grid: { left: 8, right: 40, top: 8, bottom: 24, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, name: countLabel, nameLocation: 'middle', nameGap: 24 },
    // Long labels ('Public institution: professional', '公有制事业单位专业技术人员') wrap instead of being cut.
    yAxis: { type: 'category', data: items.map((i) => i.label), axisLabel: { width: 150, overflow: 'break', lineHeight: 14 } },
    series: [{ type: 'bar', data: items.map((i, n) => ({ value: i.count, itemStyle: { color: CHART_COLORS[(items.length - 1 - n) % CHART_COLORS.length] } })), label: { show: true, position: 'right' }, barMaxWidth: 22 }],
  };
}

/**
 * Member structure of an org subtree (the statistics the upper levels ask for): education,
 * title, age band, gender, job category and years of membership, as charts with the numbers.
 */
export default function StructurePage() {
  const { t } = useI18n();
  const errorText = useErrorText();
  const [params, setParams] = useSearchParams();
  const orgId = params.get('orgId') ? Number(params.get('orgId')) : null;
  const query = toQueryString({ orgId });
  const report = useApiGet<StructureReport>(`/api/v1/members/structure${query}`);
  const s = report.data;

  const sentence = useMemo(() => {
    if (!s) return '';
    const education = s.dimensions.find((d) => d.key === 'education');
    const parts = (education?.items ?? []).filter((i) => i.count > 0).map((i) => t('members.structure.part', { label: i.label, count: i.count }));
    return t('members.structure.sentence', { org: s.orgName, total: s.total, parts: parts.join(t('common.listSeparator')) });
  }, [s, t]);

  return (
    <PageCard
      title={t('members.structure.title')}
      extra={<ExportButton url={`/api/v1/members/structure/export${query}`} />}
    >
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
        <Typography.Text>{t('members.structure.org')}</Typography.Text>
        <OrgTreeSelect
          value={orgId}
          placeholder={t('common.all')}
          style={{ width: 280, maxWidth: '100%' }}
          data-testid="structure-org"
          onChange={(next) => setParams((prev) => {
            const p = new URLSearchParams(prev);
            if (next) p.set('orgId', String(next));
            else p.delete('orgId');
            return p;
          })}
        />
      </Flex>
      {report.error ? <Alert type="error" showIcon title={errorText(report.error)} /> : null}
      {!s ? (
        report.error ? null : <Skeleton active />
      ) : (
        <>
          <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
            <Col xs={8}>
              <Card size="small">
                <Statistic title={t('members.structure.total')} value={s.total} />
              </Card>
            </Col>
            <Col xs={8}>
              <Card size="small">
                <Statistic title={t('members.structure.full')} value={s.full} />
              </Card>
            </Col>
            <Col xs={8}>
              <Card size="small">
                <Statistic title={t('members.structure.probationary')} value={s.probationary} />
              </Card>
            </Col>
          </Row>
          {s.total === 0 ? (
            <Empty description={t('members.structure.empty')} />
          ) : (
            <>
              <Alert type="info" style={{ marginBottom: 12 }} title={sentence} data-testid="structure-sentence" />
              <Row gutter={[12, 12]}>
                {s.dimensions.map((d) => (
                  <Col xs={24} lg={12} key={d.key}>
                    <Card size="small" title={d.label} data-testid={`structure-${d.key}`}>
                      <EChart option={chartOf(d, t('members.structure.count'))} height={d.key === 'gender' ? 220 : Math.max(220, d.items.length * 36)} ariaLabel={d.label} />
                      <Table
                        size="small"
                        rowKey="label"
                        pagination={false}
                        dataSource={d.items}
                        columns={[
                          { key: 'label', dataIndex: 'label', title: t('members.structure.group') },
                          { key: 'count', dataIndex: 'count', title: t('members.structure.count'), align: 'right' },
                          { key: 'share', title: t('members.structure.share'), align: 'right', render: (_: unknown, r) => `${s.total ? ((r.count / s.total) * 100).toFixed(1) : '0.0'}%` },
                        ]}
                      />
                    </Card>
                  </Col>
                ))}
              </Row>
            </>
          )}
        </>
      )}
    </PageCard>
  );
}
