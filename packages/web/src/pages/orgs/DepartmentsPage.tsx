import { Alert, App, Empty, Flex, Input, Segmented, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { useErrorText } from '../../api/hooks';
import { PageCard } from '../../components/PageCard';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';
import { useDepartments } from './OrgDialogs';
import { problemText } from './shared';
import type { DepartmentRow } from './types';

/**
 * The hospital's structure the party organisations are built on: departments (科室) and
 * teaching-research offices (教研室) by campus, each with the branch(es) covering it, and the
 * 三位一体 flag of a teaching-research office (organisation, people and work as one).
 */
export default function DepartmentsPage() {
  const { t, label } = useI18n();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const { can } = useSession();
  const { departments, campuses, loading, error, reload } = useDepartments();
  const [params, setParams] = useSearchParams();
  const campus = params.get('campusId') ?? 'all';
  const q = params.get('q') ?? '';
  const [saving, setSaving] = useState<number | null>(null);

  const set = (key: string, value: string | null) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (value) next.set(key, value);
      else next.delete(key);
      return next;
    });

  const rows = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return departments.filter(
      (d) =>
        (campus === 'all' || String(d.campusId) === campus) &&
        (!needle || d.name.toLowerCase().includes(needle) || d.branches.some((b) => b.name.toLowerCase().includes(needle))),
    );
  }, [departments, campus, q]);

  const toggleTrinity = async (d: DepartmentRow, trinity: boolean) => {
    setSaving(d.id);
    try {
      await api.patch(`/api/v1/departments/${d.id}`, { trinity });
      void message.success(t('common.saved'));
      reload();
    } catch (err) {
      void message.error(problemText(err, errorText));
    } finally {
      setSaving(null);
    }
  };

  const columns = useMemo<ColumnsType<DepartmentRow>>(
    () => [
      { key: 'name', title: t('orgs.dept.name'), render: (_, d) => d.name, sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN') },
      {
        key: 'kind',
        title: t('orgs.dept.kind'),
        width: 120,
        render: (_, d) => (
          <Flex gap={4}>
            <Tag>{label('orgs.deptKind', d.kind)}</Tag>
            {d.teachingOffice ? <Tag color="blue">{t('orgs.dept.teachingOffice')}</Tag> : null}
          </Flex>
        ),
      },
      { key: 'campus', title: t('orgs.field.campus'), width: 110, render: (_, d) => d.campusName ?? t('common.none') },
      {
        key: 'branches',
        title: t('orgs.dept.branches'),
        render: (_, d) =>
          d.branches.length === 0 ? (
            <Typography.Text type="warning">{t('orgs.dept.noBranch')}</Typography.Text>
          ) : (
            <Flex wrap gap={6}>
              {d.branches.map((b) => (
                <Link key={b.orgId} to={`/orgs?orgId=${b.orgId}`}>
                  {b.name}
                </Link>
              ))}
            </Flex>
          ),
      },
      {
        key: 'trinity',
        title: (
          <Tooltip title={t('orgs.dept.trinityHint')}>
            <span>{t('orgs.trinity')}</span>
          </Tooltip>
        ),
        width: 110,
        render: (_, d) =>
          d.teachingOffice ? (
            <Switch
              size="small"
              checked={d.trinity}
              loading={saving === d.id}
              disabled={!can('orgs.write')}
              aria-label={`${d.name} ${t('orgs.trinity')}`}
              onChange={(checked) => void toggleTrinity(d, checked)}
            />
          ) : (
            <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
          ),
      },
    ],
    [t, label, saving, can],
  );

  return (
    <PageCard title={t('orgs.dept.title')} extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('orgs.dept.count', { count: rows.length })}</Typography.Text>}>
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <Segmented
          value={campus}
          onChange={(v) => set('campusId', v === 'all' ? null : String(v))}
          options={[{ value: 'all', label: t('common.all') }, ...campuses.map((c) => ({ value: String(c.value), label: c.label }))]}
          data-testid="dept-campus"
        />
        <Input.Search key={q} defaultValue={q} allowClear placeholder={t('orgs.dept.search')} aria-label={t('orgs.dept.search')} style={{ width: 240 }} onSearch={(v) => set('q', v.trim() || null)} />
      </Flex>
      {error ? <Alert type="error" showIcon title={t('error.loadFailed')} description={errorText(error)} style={{ marginBottom: 12 }} /> : null}
      <Table<DepartmentRow>
        data-testid="dept-table"
        size="small"
        rowKey="id"
        loading={loading}
        columns={columns}
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        pagination={{ defaultPageSize: 100, showSizeChanger: true, showTotal: (total) => t('common.total', { total }) }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('orgs.dept.empty')} /> }}
      />
    </PageCard>
  );
}
