import { SERVICE_TOTAL_GROUPS, type ServiceTotalGroup } from '@hongyi/core';
import { Alert, Card, Flex, Radio, Select, Table } from 'antd';
import { toQueryString } from '../../api/client';
import type { ApiResult } from '../../api/contract';
import { useApiGet, useErrorText, useUrlParams } from '../../api/hooks';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageCard } from '../../components/PageCard';
import { ExportButton } from '../../components/ServerList';
import { useI18n } from '../../i18n';
import { useToday } from '../../today';
import { FiguresRow } from './shared';

type Totals = ApiResult<'/api/v1/service/totals'>;

/** Totals per person (by name, never ranked), organiser, 党委 or year, with the same figures as an Excel sheet. */
export default function TotalsPage() {
  const { t, label } = useI18n();
  const errorText = useErrorText();
  const today = useToday();
  const [params, set] = useUrlParams();
  const groupBy = (SERVICE_TOTAL_GROUPS as readonly string[]).includes(params.get('groupBy') ?? '') ? (params.get('groupBy') as ServiceTotalGroup) : 'org';
  const year = params.get('year') ?? String(today.year);
  const orgId = params.get('orgId');
  const query = toQueryString({ groupBy, year: year === 'all' ? undefined : year, orgId });
  const { data, error, loading } = useApiGet<Totals>(`/api/v1/service/totals${query}`);
  const perPerson = data?.groupBy === 'member';
  const years = Array.from({ length: 6 }, (_, i) => String(today.year - i));
  return (
    <PageCard title={t('service.totals.title')}>
      <Flex wrap gap={12} style={{ marginBottom: 12 }}>
        <Radio.Group value={groupBy} onChange={(e) => set('groupBy', e.target.value as string)} optionType="button" data-testid="totals-group">
          {SERVICE_TOTAL_GROUPS.map((g) => (
            <Radio.Button key={g} value={g}>
              {label('service.groupBy', g)}
            </Radio.Button>
          ))}
        </Radio.Group>
        <Select value={year} style={{ width: 120 }} onChange={(v) => set('year', v)} options={[...years.map((y) => ({ value: y, label: t('service.totals.year', { year: y }) })), { value: 'all', label: t('service.totals.allYears') }]} />
        <OrgTreeSelect value={orgId ? Number(orgId) : null} onChange={(v) => set('orgId', v)} placeholder={t('service.col.org')} style={{ width: 260 }} />
        <ExportButton url={`/api/v1/service/totals/export${query}`} />
      </Flex>
      {error ? <Alert type="error" showIcon title={errorText(error)} /> : null}
      {data ? (
        <Card size="small" style={{ marginBottom: 12 }} title={data.orgName ?? t('service.totals.scope')}>
          <FiguresRow figures={data.total} keys={perPerson ? ['events', 'hours'] : undefined} testId="totals-figures" />
        </Card>
      ) : null}
      <Table
        rowKey="key"
        size="small"
        loading={loading}
        dataSource={data?.rows ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 800 }}
        data-testid="service-totals"
        columns={[
          { key: 'label', dataIndex: 'label', title: label('service.groupBy', groupBy) },
          ...(groupBy === 'year' ? [] : [{ key: 'detail', dataIndex: 'detail', title: t('service.totals.detail') }]),
          { key: 'events', title: t('service.figure.events'), align: 'right' as const, render: (_: unknown, r: Totals['rows'][number]) => r.figures.events },
          ...(perPerson ? [] : [{ key: 'participations', title: t('service.figure.participations'), align: 'right' as const, render: (_: unknown, r: Totals['rows'][number]) => r.figures.participations }]),
          { key: 'hours', title: t('service.figure.hours'), align: 'right' as const, render: (_: unknown, r: Totals['rows'][number]) => r.figures.hours },
          ...(perPerson
            ? []
            : (['beneficiaries', 'trained', 'classHours', 'mediaReach'] as const).map((k) => ({ key: k, title: t(`service.figure.${k}`), align: 'right' as const, render: (_: unknown, r: Totals['rows'][number]) => r.figures[k] }))),
        ]}
      />
      {perPerson ? <Alert type="info" showIcon style={{ marginTop: 12 }} title={t('service.totals.noRanking')} /> : null}
    </PageCard>
  );
}
