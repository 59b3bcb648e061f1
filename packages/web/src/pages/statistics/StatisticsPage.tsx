/**
 * Year-end party statistics (党内统计年报): a year and an org; the tables as counted from the
 * records (a count opens the people behind it); the reconciliation with last year (who does not
 * add up, and the likely reason); snapshots (take a draft, submit it — frozen — correct it with a
 * reason, open any version); Excel export and a print view.
 */
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Drawer, Empty, Flex, Form, Input, Modal, Select, Space, Spin, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { can } from '../../access';
import { api, downloadFile } from '../../api/client';
import type { ApiResult } from '../../api/contract';
import { useApiGet, useErrorText, useUrlParams } from '../../api/hooks';
import { PageCard } from '../../components/PageCard';
import { useFormSubmit } from '../../components/useFormSubmit';
import { useI18n } from '../../i18n';
import { useMe } from '../../session';
import { useToday } from '../../today';
import { StatisticsTables, type StatsTable } from './StatisticsTables';
import { UnitSummaryBar } from '../commission/UnitSummaryBar';

type Live = ApiResult<'/api/v1/statistics'>;
type Cell = ApiResult<'/api/v1/statistics/cell'>;
type Reconcile = ApiResult<'/api/v1/statistics/reconciliation'>;
type Snapshot = ApiResult<'/api/v1/statistics/snapshots'>[number];
type SnapshotDetail = ApiResult<'/api/v1/statistics/snapshots/{id}'>;
type OrgOption = ApiResult<'/api/v1/statistics/orgs'>[number];

const query = (year: number, orgId: number | null) => `year=${year}${orgId ? `&orgId=${orgId}` : ''}`;

function CellDrawer({ year, orgId, snapshotId, cell, onClose }: { year: number; orgId: number | null; snapshotId?: number; cell: { table: StatsTable; row: StatsTable['rows'][number] } | null; onClose: () => void }) {
  const { t } = useI18n();
  const source = snapshotId === undefined ? query(year, orgId) : `year=${year}&snapshotId=${snapshotId}`;
  const people = useApiGet<Cell>(cell ? `/api/v1/statistics/cell?${source}&table=${cell.table.id}&row=${cell.row.key}` : null);
  return (
    <Drawer open={cell !== null} onClose={onClose} width="min(720px, 100vw)" title={cell ? `${cell.table.title} · ${cell.row.label}` : ''} data-testid="cell-drawer">
      {people.loading ? <Spin /> : null}
      {people.data ? (
        <>
          <Typography.Paragraph type="secondary" data-testid="cell-total">
            {t('statistics.cellTotal', { count: people.data.total })}
            {snapshotId !== undefined ? (
              <Tag color={people.data.source === 'snapshot' ? 'blue' : 'orange'} style={{ marginInlineStart: 8 }} data-testid="cell-source">
                {t(people.data.source === 'snapshot' ? 'statistics.cellFrozen' : 'statistics.cellRecounted')}
              </Tag>
            ) : null}
          </Typography.Paragraph>
          <Table
            size="small"
            rowKey={(r) => `${r.memberId ?? r.name}-${r.orgId}`}
            dataSource={people.data.items}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            scroll={{ x: 640 }}
            columns={[
              { title: t('statistics.col.name'), dataIndex: 'name', fixed: 'left', width: 100 },
              { title: t('statistics.col.org'), dataIndex: 'orgName' },
              { title: t('statistics.col.gender'), dataIndex: 'gender', width: 60, render: (g: string | null) => (g ? t(g === 'female' ? 'statistics.female' : 'statistics.male') : '') },
              { title: t('statistics.col.idNumber'), dataIndex: 'idNumber', width: 180 },
              { title: t('statistics.col.phone'), dataIndex: 'phone', width: 120 },
              { title: t('statistics.col.joinedOn'), dataIndex: 'joinedOn', width: 110 },
            ]}
          />
        </>
      ) : null}
    </Drawer>
  );
}

function ReconcileTab({ year, orgId }: { year: number; orgId: number | null }) {
  const { t } = useI18n();
  const res = useApiGet<Reconcile>(`/api/v1/statistics/reconciliation?${query(year, orgId)}`);
  if (res.loading) return <Spin />;
  if (!res.data) return null;
  if (res.data.orgs.length === 0) return <Alert type="success" showIcon message={t('statistics.reconcile.ok', { year })} data-testid="reconcile-ok" />;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="reconcile-list">
      <Alert type="warning" showIcon message={t('statistics.reconcile.intro')} />
      {res.data.orgs.map((o) => (
        <div key={o.orgId}>
          <Typography.Title level={5}>
            {o.orgName} <Tag color="orange">{t('statistics.reconcile.difference', { n: o.difference > 0 ? `+${o.difference}` : o.difference })}</Tag>
          </Typography.Title>
          <Table
            size="small"
            rowKey="memberId"
            pagination={false}
            dataSource={o.people}
            scroll={{ x: 720 }}
            columns={[
              { title: t('statistics.col.name'), dataIndex: 'name', fixed: 'left', width: 90 },
              { title: t('statistics.reconcile.lastYear'), dataIndex: 'lastYear', width: 70 },
              { title: t('statistics.reconcile.moves'), render: (_: unknown, p) => `+${p.joined + p.transferredIn} / −${p.transferredOut + p.died + p.left + p.stopped + p.other}`, width: 90 },
              { title: t('statistics.reconcile.thisYear'), dataIndex: 'thisYear', width: 70 },
              { title: t('statistics.reconcile.hint'), dataIndex: 'hint', render: (h: string) => t(`statistics.hint.${h}` as never) },
            ]}
          />
        </div>
      ))}
    </Space>
  );
}

function SnapshotsTab({ year, orgId, rootOrgId, onOpen }: { year: number; orgId: number | null; rootOrgId: number | undefined; onOpen: (id: number) => void }) {
  const { t } = useI18n();
  const me = useMe();
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const today = useToday();
  const list = useApiGet<Snapshot[]>(`/api/v1/statistics/snapshots?year=${year}${orgId ? `&orgId=${orgId}` : ''}`);
  const [correcting, setCorrecting] = useState<Snapshot | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const { saving, problem, submit } = useFormSubmit(form);
  const canWrite = can(me, 'statistics.write');
  const target = orgId ?? rootOrgId;
  const rows = list.data ?? [];
  const draft = rows.find((s) => s.status === 'draft' && s.orgId === target);
  // A submitted year is corrected from its row, not taken again.
  const submittedYear = !draft && rows.some((s) => s.status === 'submitted' && s.orgId === target);
  const run = async (action: () => Promise<unknown>) => {
    try {
      await action();
      void message.success(t('common.saved'));
      list.reload();
    } catch (err) {
      void message.error(errorText(err));
    }
  };
  const ended = year < today.year;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {canWrite && target && !submittedYear ? (
        <Flex gap={8} wrap>
          <Button type="primary" disabled={!ended} onClick={() => void run(() => api.post('/api/v1/statistics/snapshots', { orgId: target, year, ...(draft ? { version: draft.version } : {}) }))} data-testid="take-snapshot">
            {draft ? t('statistics.snap.retake') : t('statistics.snap.take')}
          </Button>
          {!ended ? <Typography.Text type="secondary">{t('statistics.snap.notEnded', { year })}</Typography.Text> : null}
        </Flex>
      ) : null}
      <Table
        size="small"
        rowKey="id"
        loading={list.loading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 720 }}
        locale={{ emptyText: <Empty description={t('statistics.snap.none')} /> }}
        columns={[
          { title: t('statistics.col.org'), dataIndex: 'orgName' },
          { title: t('statistics.snap.version'), dataIndex: 'versionNo', width: 70, render: (n: number) => t('statistics.versionNo', { n }) },
          { title: t('statistics.snap.status'), dataIndex: 'status', width: 90, render: (s: string) => <Tag color={s === 'submitted' ? 'green' : 'blue'}>{t(`statistics.snap.${s}` as never)}</Tag> },
          { title: t('statistics.snap.reason'), dataIndex: 'reason' },
          { title: t('statistics.snap.when'), render: (_: unknown, s) => (s.submittedAt ?? s.createdAt).slice(0, 10), width: 100 },
          {
            title: '',
            width: 220,
            render: (_: unknown, s) => (
              <Space size={4} wrap>
                <Button size="small" onClick={() => onOpen(s.id)} data-testid={`open-snapshot-${s.versionNo}`}>
                  {t('statistics.snap.open')}
                </Button>
                {canWrite && s.status === 'draft' ? (
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => modal.confirm({ title: t('statistics.snap.submitConfirm'), onOk: () => run(() => api.post(`/api/v1/statistics/snapshots/${s.id}/submit`, { version: s.version })) })}
                    data-testid="submit-snapshot"
                  >
                    {t('statistics.snap.submit')}
                  </Button>
                ) : null}
                {canWrite && s.status === 'submitted' && !rows.some((o) => o.orgId === s.orgId && o.versionNo > s.versionNo) ? (
                  <Button size="small" onClick={() => setCorrecting(s)} data-testid="correct-snapshot">
                    {t('statistics.snap.correct')}
                  </Button>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={correcting !== null}
        title={t('statistics.snap.correctTitle')}
        okText={t('statistics.snap.correct')}
        confirmLoading={saving}
        onCancel={() => setCorrecting(null)}
        onOk={() =>
          void form.validateFields().then((v) =>
            submit(
              () => api.post(`/api/v1/statistics/snapshots/${correcting!.id}/correct`, v),
              () => {
                setCorrecting(null);
                form.resetFields();
                list.reload();
              },
            ),
          )
        }
        width="min(520px, 100vw)"
        destroyOnHidden
      >
        {problem ? <Alert type="error" message={problem} style={{ marginBottom: 12 }} /> : null}
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label={t('statistics.snap.reason')} rules={[{ required: true, min: 2, max: 500 }]}>
            <Input.TextArea rows={3} data-testid="correct-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

function SnapshotDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const snap = useApiGet<SnapshotDetail>(id ? `/api/v1/statistics/snapshots/${id}` : null);
  const s = snap.data;
  const [cell, setCell] = useState<{ table: StatsTable; row: StatsTable['rows'][number] } | null>(null);
  return (
    <Drawer open={id !== null} onClose={onClose} width="min(960px, 100vw)" title={s ? `${s.orgName} ${s.year} · ${t('statistics.versionNo', { n: s.versionNo })}` : ''} data-testid="snapshot-drawer">
      {s ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">
            {t(`statistics.snap.${s.status}` as never)} · {s.submittedByName || s.createdByName} {s.reason ? ` · ${t('statistics.snap.reason')}：${s.reason}` : ''}
          </Typography.Text>
          <Space wrap>
            <Button icon={<DownloadOutlined />} onClick={() => downloadFile(`/api/v1/statistics/export?year=${s.year}&snapshotId=${s.id}`).catch((e: unknown) => void message.error(errorText(e)))}>
              {t('statistics.export')}
            </Button>
            <Button icon={<PrinterOutlined />} href={`/statistics/print?year=${s.year}&snapshotId=${s.id}`} target="_blank">
              {t('statistics.printView')}
            </Button>
          </Space>
          <StatisticsTables tables={s.tables} onCell={(table, row) => setCell({ table, row })} />
          <CellDrawer year={s.year} orgId={s.orgId} snapshotId={s.id} cell={cell} onClose={() => setCell(null)} />
        </Space>
      ) : (
        <Spin />
      )}
    </Drawer>
  );
}

export default function StatisticsPage() {
  const { t } = useI18n();
  const today = useToday();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [params, setParam] = useUrlParams();
  const year = Number(params.get('year') ?? today.year - 1);
  const orgParam = params.get('orgId');
  const orgId = orgParam ? Number(orgParam) : null;
  const tab = params.get('tab') ?? 'tables';
  const orgs = useApiGet<OrgOption[]>('/api/v1/statistics/orgs');
  const live = useApiGet<Live>(`/api/v1/statistics?${query(year, orgId)}`);
  const [cell, setCell] = useState<{ table: StatsTable; row: StatsTable['rows'][number] } | null>(null);
  const [snapshotOpen, setSnapshotOpen] = useState<number | null>(null);
  const [exporting, setExporting] = useState(false);
  const years = Array.from({ length: 8 }, (_, i) => today.year - i);
  const exportLive = () => {
    setExporting(true);
    downloadFile(`/api/v1/statistics/export?${query(year, orgId)}`)
      .catch((e: unknown) => void message.error(errorText(e)))
      .finally(() => setExporting(false));
  };
  return (
    <PageCard title={t('statistics.title')}>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Select value={year} onChange={(v) => setParam('year', v)} options={years.map((y) => ({ value: y, label: t('statistics.yearLabel', { year: y }) }))} style={{ width: 120 }} data-testid="stats-year" />
        <Select
          value={orgId ?? live.data?.org.id}
          onChange={(v) => setParam('orgId', v)}
          options={(orgs.data ?? []).map((o) => ({ value: o.id, label: `${'　'.repeat(Math.max(0, o.depth - 1))}${o.name}` }))}
          style={{ minWidth: 200, maxWidth: '100%', flex: '1 1 200px' }}
          popupMatchSelectWidth={false}
          showSearch
          optionFilterProp="label"
          data-testid="stats-org"
        />
        <Button icon={<DownloadOutlined />} loading={exporting} onClick={exportLive} data-testid="stats-export">
          {t('statistics.export')}
        </Button>
        <Button icon={<PrinterOutlined />} href={`/statistics/print?${query(year, orgId)}`} target="_blank" data-testid="stats-print-link">
          {t('statistics.printView')}
        </Button>
      </Flex>
      <UnitSummaryBar />
      <Typography.Paragraph type="secondary">
        {t('statistics.asOf', { date: `${year}-12-31` })} · {t('statistics.liveNote')}
      </Typography.Paragraph>
      {live.error ? <Alert type="error" message={errorText(live.error)} style={{ marginBottom: 12 }} /> : null}
      {live.data && live.data.issues.length > 0 ? <Alert type="warning" showIcon message={t('statistics.issues', { count: live.data.issues.length })} style={{ marginBottom: 12 }} data-testid="stats-issues" /> : null}
      <Tabs
        activeKey={tab}
        onChange={(k) => setParam('tab', k === 'tables' ? null : k)}
        items={[
          { key: 'tables', label: t('statistics.tab.tables'), children: live.loading && !live.data ? <Spin /> : live.data ? <StatisticsTables tables={live.data.tables} onCell={(table, row) => setCell({ table, row })} /> : null },
          { key: 'reconcile', label: t('statistics.tab.reconcile'), children: tab === 'reconcile' ? <ReconcileTab year={year} orgId={orgId} /> : null },
          { key: 'snapshots', label: t('statistics.tab.snapshots'), children: tab === 'snapshots' ? <SnapshotsTab year={year} orgId={orgId} rootOrgId={live.data?.org.id} onOpen={setSnapshotOpen} /> : null },
        ]}
      />
      <CellDrawer year={year} orgId={orgId} cell={cell} onClose={() => setCell(null)} />
      <SnapshotDrawer id={snapshotOpen} onClose={() => setSnapshotOpen(null)} />
    </PageCard>
  );
}
