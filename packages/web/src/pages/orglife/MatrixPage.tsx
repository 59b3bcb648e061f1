import { FileExcelOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, InputNumber, Table, Tooltip, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useApiGet, useErrorText, useUrlParams } from '../../api/hooks';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageCard } from '../../components/PageCard';
import { useI18n } from '../../i18n';
import { useToday } from '../../today';
import { type ComplianceState, STATE_COLORS, download } from './shared';

interface Matrix {
  year: number;
  months: string[];
  rows: Array<{ id: number; name: string; shortName: string; type: string; states: ComplianceState[]; missed: number; met: number }>;
}

/** The 党委's matrix: branches × months, coloured by the worst state due in the month; click to drill down. */
export default function MatrixPage() {
  const { t, label, language } = useI18n();
  const monthName = new Intl.DateTimeFormat(language, { month: 'short', timeZone: 'UTC' });
  const errorText = useErrorText();
  const navigate = useNavigate();
  const [params, set] = useUrlParams();
  const today = useToday();
  const year = Number(params.get('year')) || today.year;
  const parentId = Number(params.get('parentId')) || null;
  const query = `year=${year}${parentId ? `&parentId=${parentId}` : ''}`;
  const data = useApiGet<Matrix>(`/api/v1/orglife/matrix?${query}`);
  const legend: ComplianceState[] = ['met', 'due_soon', 'pending', 'missed', 'not_applicable'];
  return (
    <PageCard
      title={t('orglife.matrix.title')}
      extra={
        <Button icon={<FileExcelOutlined />} onClick={() => void download(`/api/v1/orglife/matrix.xlsx?${query}`, 'matrix.xlsx')} data-testid="matrix-export">
          {t('list.export')}
        </Button>
      }
    >
      <Flex gap={16} align="center" wrap style={{ marginBottom: 12 }}>
        <OrgTreeSelect value={parentId} onChange={(v) => set('parentId', v)} placeholder={t('orglife.matrix.within')} style={{ width: 280 }} data-testid="matrix-parent" />
        <InputNumber min={2000} max={2100} value={year} onChange={(v) => set('year', v ?? null)} addonBefore={t('orglife.compliance.year')} />
        {legend.map((s) => (
          <Flex key={s} gap={4} align="center">
            <span style={{ width: 14, height: 14, background: STATE_COLORS[s], display: 'inline-block', borderRadius: 2, border: '1px solid #d9d9d9' }} />
            {label('orglife.state', s)}
          </Flex>
        ))}
        <Typography.Text type="secondary">{t('orglife.matrix.hint')}</Typography.Text>
      </Flex>
      {data.error ? <Alert type="error" title={errorText(data.error)} /> : null}
      <Table
        size="small"
        rowKey="id"
        loading={data.loading}
        dataSource={data.data?.rows ?? []}
        pagination={false}
        // A large 党委 has thousands of branches: then only the rows in view are rendered.
        virtual={(data.data?.rows.length ?? 0) > 300}
        scroll={{ x: 1100, y: 640 }}
        data-testid="orglife-matrix"
        columns={[
          { key: 'name', title: t('orglife.col.org'), dataIndex: 'name', fixed: 'left', width: 230, ellipsis: true },
          ...(data.data?.months ?? []).map((m, i) => ({
            key: m,
            title: monthName.format(new Date(`${m}-01T00:00:00Z`)),
            width: 54,
            align: 'center' as const,
            render: (_: unknown, r: Matrix['rows'][number]) => {
              const s = r.states[i] ?? 'not_applicable';
              return (
                <Tooltip title={`${r.name} ${m} ${label('orglife.state', s)}`}>
                  <button
                    type="button"
                    aria-label={`${r.name} ${m} ${label('orglife.state', s)}`}
                    data-state={s}
                    data-testid={`matrix-${r.id}-${m}`}
                    // The month clicked and the way back (the matrix with its filters) travel in the URL.
                    onClick={() =>
                      navigate(`/orglife/compliance?${new URLSearchParams({ orgId: String(r.id), year: String(year), month: m, back: `/orglife/matrix?${query}` }).toString()}`)
                    }
                    style={{ width: 34, height: 22, border: 'none', borderRadius: 3, cursor: 'pointer', background: STATE_COLORS[s] }}
                  />
                </Tooltip>
              );
            },
          })),
          {
            key: 'met',
            title: t('orglife.matrix.met'),
            dataIndex: 'met',
            width: 80,
            align: 'center' as const,
            render: (v: number) => <span data-testid="matrix-met">{v}</span>,
          },
          { key: 'missed', title: t('orglife.matrix.missed'), dataIndex: 'missed', width: 96, align: 'center' as const, sorter: (a: Matrix['rows'][number], b: Matrix['rows'][number]) => a.missed - b.missed },
        ]}
      />
    </PageCard>
  );
}
