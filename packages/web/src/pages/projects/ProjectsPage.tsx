import { FileExcelOutlined, PlusOutlined, SettingOutlined } from '@ant-design/icons';
import { PROJECT_STAGES } from '@hongyi/core';
import { Alert, Button, InputNumber, Modal, Progress, Select, Space, Table, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { can } from '../../access';
import { api, downloadFile, toQueryString } from '../../api/client';
import type { ApiResult } from '../../api/contract';
import { useApiGet, useErrorText, useUrlParams } from '../../api/hooks';
import { useFormSubmit } from '../../components/useFormSubmit';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageCard } from '../../components/PageCard';
import { useI18n } from '../../i18n';
import { useMe } from '../../session';
import { useToday } from '../../today';
import { ConclusionTag, type ProjectsSettings, StageTag, useProjectsSettings } from './shared';

type Projects = ApiResult<'/api/v1/projects'>;

/** Projects per page unless the user picks another size. */
const PAGE_SIZE = 50;

/**
 * The year's front-line projects: for the 党委 every branch's, for a secretary their branch's, for
 * a member those they lead or own a task of — with progress (tasks done/total), overdue tasks and
 * results; filters by year, branch, stage and area; the list as Excel.
 */
export default function ProjectsPage() {
  const { t, label } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const today = useToday();
  const [params] = useUrlParams();
  const year = params.get('year') ?? today.date.slice(0, 4);
  const orgId = params.get('orgId');
  const stage = params.get('stage');
  const area = params.get('area');
  const page = Number(params.get('page') ?? 1);
  const pageSize = Number(params.get('pageSize') ?? PAGE_SIZE);
  const query = toQueryString({ year, orgId, stage, area });
  // The server pages the list; the summary line counts the whole list.
  const { data, error, loading } = useApiGet<Projects>(`/api/v1/projects${toQueryString({ year, orgId, stage, area, page, pageSize })}`);
  const settings = useProjectsSettings();
  const rows = data?.items ?? [];
  const total = data?.total ?? 0;
  const overdue = data?.overdue ?? 0;
  const [, setSearch] = useSearchParams();
  /** Several URL parameters at once (null removes one). */
  const update = (changes: Record<string, string | number | null>) =>
    setSearch((current) => {
      const next = new URLSearchParams(current);
      for (const [key, value] of Object.entries(changes)) {
        if (value === null || value === '') next.delete(key);
        else next.set(key, String(value));
      }
      return next;
    });
  /** A filter changed: back to the first page. */
  const filter = (key: string, value: string | number | null) => update({ [key]: value, page: null });
  const reviewer = can(me, 'projects.review');
  const [editingAreas, setEditingAreas] = useState(false);
  return (
    <PageCard
      title={t('projects.title', { year })}
      extra={
        <Space wrap>
          <Button icon={<FileExcelOutlined />} onClick={() => void downloadFile(`/api/v1/projects/export${query}`, `projects-${year}.xlsx`)} data-testid="projects-export">
            {t('projects.export')}
          </Button>
          {can(me, 'settings.manage') && settings.data ? (
            <Button icon={<SettingOutlined />} onClick={() => setEditingAreas(true)} data-testid="projects-areas">
              {t('projects.areas')}
            </Button>
          ) : null}
          {can(me, 'projects.write') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/projects/new')} data-testid="new-project">
              {t('projects.new')}
            </Button>
          ) : null}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <InputNumber value={Number(year)} min={2000} max={2100} onChange={(v) => filter('year', v ?? null)} addonAfter={t('projects.year')} style={{ width: 130 }} data-testid="projects-year" />
        {reviewer || can(me, 'projects.write') ? <OrgTreeSelect value={orgId ? Number(orgId) : null} onChange={(v) => filter('orgId', v)} placeholder={t('projects.col.org')} style={{ width: 240 }} /> : null}
        <Select allowClear value={stage ?? undefined} onChange={(v) => filter('stage', v ?? null)} placeholder={t('projects.col.stage')} style={{ width: 130 }} options={PROJECT_STAGES.map((s) => ({ value: s, label: label('projects.stage', s) }))} />
        <Select allowClear value={area ?? undefined} onChange={(v) => filter('area', v ?? null)} placeholder={t('projects.col.area')} style={{ width: 130 }} options={(settings.data?.areas ?? []).map((a) => ({ value: a, label: a }))} />
      </Space>
      {error ? <Alert type="error" showIcon title={errorText(error)} /> : null}
      {total > 0 ? (
        <Alert
          type={overdue > 0 ? 'warning' : 'info'}
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="projects-summary"
          title={t('projects.summary', { count: total, accepted: data?.accepted ?? 0, overdue })}
        />
      ) : null}
      <Table
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize,
          total,
          hideOnSinglePage: true,
          onChange: (p, size) => update({ page: size === pageSize && p > 1 ? p : null, pageSize: size === PAGE_SIZE ? null : size }),
        }}
        data-testid="projects"
        columns={[
          { key: 'title', title: t('projects.col.title'), width: 220, render: (_, p) => <Link to={`/projects/${p.id}`}>{p.title}</Link> },
          { key: 'org', dataIndex: 'orgName', title: t('projects.col.org'), width: 180, responsive: ['md'] },
          { key: 'area', dataIndex: 'area', title: t('projects.col.area'), width: 90, responsive: ['md'] },
          { key: 'lead', dataIndex: 'leadName', title: t('projects.col.lead'), width: 80, responsive: ['md'] },
          { key: 'stage', title: t('projects.col.stage'), width: 100, render: (_, p) => <StageTag stage={p.stage} /> },
          {
            key: 'progress',
            title: t('projects.col.progress'),
            width: 150,
            render: (_, p) =>
              p.progress.total ? (
                <Progress size="small" percent={p.progress.percent} status={p.progress.overdue ? 'exception' : p.progress.done === p.progress.total ? 'success' : 'normal'} format={() => `${p.progress.done}/${p.progress.total}`} />
              ) : (
                '—'
              ),
          },
          {
            key: 'overdue',
            title: t('projects.col.overdue'),
            width: 80,
            render: (_, p) =>
              p.progress.overdue ? (
                <Tooltip title={p.overdueTasks.map((x) => `${x.title}（${x.ownerName}，${x.dueOn}）`).join('；')}>
                  <Tag color="error" data-testid="project-overdue">
                    {p.progress.overdue}
                  </Tag>
                </Tooltip>
              ) : (
                '—'
              ),
          },
          { key: 'outcomes', title: t('projects.col.outcomes'), width: 80, responsive: ['md'], render: (_, p) => (p.outcomes ? `${p.outcomesReached}/${p.outcomes}` : '—') },
          { key: 'result', title: t('projects.col.result'), width: 80, render: (_, p) => <ConclusionTag conclusion={p.conclusion} /> },
        ]}
      />
      {editingAreas && settings.data ? <AreasModal settings={settings.data} onClose={() => setEditingAreas(false)} onSaved={settings.reload} /> : null}
    </PageCard>
  );
}

/** The unit's problem areas (settings section 'projects'): the organisation office edits them. */
function AreasModal({ settings, onClose, onSaved }: { settings: ProjectsSettings; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const [areas, setAreas] = useState<string[]>(settings.areas);
  const { saving, submit: save } = useFormSubmit(null, { errorsAs: 'message' });
  const submit = async () => {
    await save(() => api.put('/api/v1/projects/settings', { version: settings.version, areas }), () => {
      onSaved();
      onClose();
    });
  };
  return (
    <Modal open title={t('projects.areas')} onCancel={onClose} onOk={() => void submit()} confirmLoading={saving}>
      <Select mode="tags" value={areas} onChange={setAreas} style={{ width: '100%' }} tokenSeparators={[',', '，']} />
      <Alert type="info" showIcon style={{ marginTop: 12 }} title={t('projects.areasHint')} />
    </Modal>
  );
}
