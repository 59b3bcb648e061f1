import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Space, Table, Upload } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { can } from '../../access';
import { ApiError, downloadFile, uploadFile } from '../../api/client';
import type { ApiResult } from '../../api/contract';
import { useApiGet, useErrorText } from '../../api/hooks';
import { PageCard } from '../../components/PageCard';
import { useI18n } from '../../i18n';
import { useMe } from '../../session';
import { FiguresRow } from './shared';

type SeriesPageData = ApiResult<'/api/v1/service/series/{id}'>;

/** A series' page: every issue in number order with the running totals; past issues imported from Excel. */
export default function SeriesPage() {
  const { id } = useParams();
  const { t } = useI18n();
  const me = useMe();
  const errorText = useErrorText();
  const { data, error, loading, reload } = useApiGet<SeriesPageData>(`/api/v1/service/series/${id}`);
  if (error) return <Alert type="error" showIcon title={errorText(error)} />;
  if (!data) return <Card loading={loading} />;
  const s = data.series;
  const issues = [...data.issues].reverse();
  return (
    <PageCard title={s.name} extra={can(me, 'service.write') ? <ImportButton seriesId={s.id} onDone={reload} /> : null}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Descriptions size="small" column={{ xs: 1, sm: 3 }}>
          <Descriptions.Item label={t('service.col.org')}>{s.orgName}</Descriptions.Item>
          <Descriptions.Item label={t('service.series.last')}>{s.lastIssue > 0 ? t('service.issue', { issue: s.lastIssue }) : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('service.series.recorded')}>{s.issues}</Descriptions.Item>
          {s.description ? <Descriptions.Item label={t('service.series.description')} span={3}>{s.description}</Descriptions.Item> : null}
        </Descriptions>
        <Card size="small" title={t('service.series.totals')}>
          <FiguresRow figures={data.total} testId="series-totals" />
        </Card>
        {data.gaps.length > 0 ? <Alert type="info" showIcon title={t('service.series.gaps', { gaps: data.gaps.join('、') })} /> : null}
        <Table
          rowKey="id"
          size="small"
          dataSource={issues}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 900 }}
          data-testid="series-issues"
          columns={[
            { key: 'issue', title: t('service.series.issueNo'), width: 90, render: (_, e) => t('service.issue', { issue: e.issueNo ?? 0 }) },
            { key: 'heldOn', dataIndex: 'heldOn', title: t('service.col.heldOn'), width: 110 },
            { key: 'title', title: t('service.col.title'), render: (_, e) => <Link to={`/service/events/${e.id}`}>{e.title}</Link> },
            { key: 'place', title: t('service.col.place'), render: (_, e) => [e.placeType, e.place].filter(Boolean).join(' · ') },
            { key: 'beneficiaries', dataIndex: 'beneficiaries', title: t('service.figure.beneficiaries'), align: 'right' },
            { key: 'trained', dataIndex: 'trained', title: t('service.figure.trained'), align: 'right' },
            { key: 'hours', dataIndex: 'hours', title: t('service.figure.hours'), align: 'right' },
            { key: 'runB', title: t('service.series.runningBeneficiaries'), align: 'right', render: (_, e) => e.running.beneficiaries },
            { key: 'runT', title: t('service.series.runningTrained'), align: 'right', render: (_, e) => e.running.trained },
            { key: 'runH', title: t('service.series.runningHours'), align: 'right', render: (_, e) => e.running.hours },
          ]}
        />
      </Space>
    </PageCard>
  );
}

function ImportButton({ seriesId, onDone }: { seriesId: number; onDone: () => void }) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const importFile = async (file: File) => {
    setBusy(true);
    try {
      const result = await uploadFile<{ imported: number; first: number | null; last: number | null }>(`/api/v1/service/series/${seriesId}/import`, file, file.name);
      void message.success(t('service.import.done', { count: result.imported, first: result.first ?? 0, last: result.last ?? 0 }));
      onDone();
    } catch (err) {
      modal.error({
        title: errorText(err),
        content: err instanceof ApiError ? (
          <ul style={{ maxHeight: 320, overflow: 'auto', paddingLeft: 18 }}>
            {err.details.map((d) => (
              <li key={d.path + d.message}>{d.message}</li>
            ))}
          </ul>
        ) : null,
      });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space wrap>
      <Button icon={<DownloadOutlined />} onClick={() => void downloadFile('/api/v1/service/series/import-template', 'template.xlsx')}>
        {t('service.import.template')}
      </Button>
      <Upload accept=".xlsx,.xls" showUploadList={false} beforeUpload={(f) => (void importFile(f), false)}>
        <Button icon={<UploadOutlined />} loading={busy} data-testid="series-import">
          {t('service.import.button')}
        </Button>
      </Upload>
    </Space>
  );
}
