/**
 * The year-end tables in a clean printable layout (/statistics/print?year=&orgId=&snapshotId=):
 * the menu, header and buttons are left off the paper; every table one after another.
 */
import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Spin, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import type { ApiResult } from '../../api/contract';
import { useApiGet, useErrorText } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { useToday } from '../../today';
import { StatisticsTables } from './StatisticsTables';

const PRINT_CSS = `@media print {
  .ant-layout-sider, .ant-layout-header, .hy-no-print, .ant-breadcrumb { display: none !important; }
  .ant-layout, .ant-layout-content { margin: 0 !important; padding: 0 !important; background: #fff !important; }
  .hy-stats-table { break-inside: avoid; }
}`;

export default function StatisticsPrintPage() {
  const { t } = useI18n();
  const today = useToday();
  const errorText = useErrorText();
  const [params] = useSearchParams();
  const year = Number(params.get('year') ?? today.year - 1);
  const orgId = params.get('orgId');
  const snapshotId = params.get('snapshotId');
  const live = useApiGet<ApiResult<'/api/v1/statistics'>>(snapshotId ? null : `/api/v1/statistics?year=${year}${orgId ? `&orgId=${orgId}` : ''}`);
  const snapshot = useApiGet<ApiResult<'/api/v1/statistics/snapshots/{id}'>>(snapshotId ? `/api/v1/statistics/snapshots/${snapshotId}` : null);
  const data = snapshot.data ? { orgName: snapshot.data.orgName, year: snapshot.data.year, tables: snapshot.data.tables, versionNo: snapshot.data.versionNo as number | null } : live.data ? { orgName: live.data.org.name, year: live.data.year, tables: live.data.tables, versionNo: null } : null;
  const error = live.error ?? snapshot.error;
  return (
    <div style={{ background: '#fff', padding: 16 }} data-testid="stats-print">
      <style>{PRINT_CSS}</style>
      <div className="hy-no-print" style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="stats-print-button">
          {t('statistics.print')}
        </Button>
      </div>
      {error ? <Alert type="error" message={errorText(error)} /> : null}
      {!data && !error ? <Spin /> : null}
      {data ? (
        <>
          <Typography.Title level={3} style={{ textAlign: 'center' }}>
            {t('statistics.printTitle', { org: data.orgName, year: data.year })}
          </Typography.Title>
          <Typography.Paragraph style={{ textAlign: 'center' }} type="secondary">
            {t('statistics.asOf', { date: `${data.year}-12-31` })}
            {data.versionNo === null ? ` · ${t('statistics.liveNote')}` : ` · ${t('statistics.versionNo', { n: data.versionNo })}`}
          </Typography.Paragraph>
          <StatisticsTables tables={data.tables} printable />
        </>
      ) : null}
    </div>
  );
}
