import { Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import type { ReactNode } from 'react';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { useApiGet } from '../../api/hooks';
import type { MemberRow } from '../../api/types';
import { ListToolbar, ServerTable, useServerList, type FilterDef } from '../../components/ServerList';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';
import { type Department, EDUCATIONS, MEMBER_STATUSES, TITLES } from './types';

const MEMBER_FILTERS = ['q', 'orgId', 'departmentId', 'education', 'title', 'category', 'status'] as const;

/**
 * The member register as a server-paginated table (`GET /api/v1/members`): search by name,
 * pinyin, initials, ID suffix or department, and filters kept in the URL. Used by the
 * Members page and, with the org fixed by the tree, by the Organisations page.
 */
export function MemberList({ showOrgFilter = true, extra }: { showOrgFilter?: boolean; extra?: ReactNode }) {
  const { t, label, code } = useI18n();
  const { can } = useSession();
  const list = useServerList<MemberRow>({ url: '/api/v1/members', filterKeys: MEMBER_FILTERS, defaultSort: 'name', defaultOrder: 'asc' });
  const departments = useApiGet<{ items: Department[] }>('/api/v1/departments');

  const filters = useMemo<FilterDef[]>(
    () => [
      { kind: 'search', name: 'q', placeholder: t('members.searchHint'), width: 300 },
      ...(showOrgFilter ? [{ kind: 'org', name: 'orgId', placeholder: t('members.org') } as const] : []),
      {
        kind: 'select',
        name: 'departmentId',
        placeholder: t('members.filter.department'),
        options: (departments.data?.items ?? []).map((d) => ({ value: String(d.id), label: d.name })),
      },
      { kind: 'select', name: 'education', placeholder: t('members.filter.education'), options: EDUCATIONS.map((e) => ({ value: e, label: code('education', e) })), width: 130 },
      {
        kind: 'select',
        name: 'title',
        placeholder: t('members.filter.title'),
        options: [...TITLES.map((e) => ({ value: e, label: code('title', e) })), { value: 'none', label: t('members.title.none') }],
        width: 110,
      },
      {
        kind: 'select',
        name: 'category',
        placeholder: t('members.filter.category'),
        options: ['full', 'probationary'].map((c) => ({ value: c, label: label('memberCategory', c) })),
        width: 120,
      },
      {
        kind: 'select',
        name: 'status',
        placeholder: t('members.filter.status'),
        options: MEMBER_STATUSES.map((s) => ({ value: s, label: label('memberStatus', s) })),
        width: 190,
      },
    ],
    [t, label, code, showOrgFilter, departments.data],
  );

  const columns = useMemo<ColumnsType<MemberRow>>(
    () => [
      {
        key: 'name',
        dataIndex: 'name',
        title: t('members.col.name'),
        // Sorted on the server in roster order (pinyin syllable and tone), across every page.
        sorter: true,
        showSorterTooltip: { title: t('members.sort.byPinyin') },
        fixed: 'left',
        width: 100,
        render: (v: string, row) => (
          <Link to={`/members/${row.id}`} data-testid={`member-link-${row.id}`}>
            {v}
          </Link>
        ),
      },
      { key: 'gender', dataIndex: 'gender', title: t('members.col.gender'), width: 64, render: (v: string | null) => label('gender', v) },
      { key: 'idNumber', dataIndex: 'idNumber', title: t('members.col.idNumber'), render: (v: string | null) => v || t('common.none') },
      { key: 'phone', dataIndex: 'phone', title: t('members.col.phone'), render: (v: string | null) => v || t('common.none') },
      {
        key: 'category',
        dataIndex: 'category',
        title: t('members.col.category'),
        sorter: true,
        render: (v: string | null) => (v ? <Tag color={v === 'probationary' ? 'orange' : 'red'}>{label('memberCategory', v)}</Tag> : t('common.none')),
      },
      { key: 'status', dataIndex: 'status', title: t('members.col.status'), render: (v: string | null) => label('memberStatus', v) },
      { key: 'orgName', dataIndex: 'orgName', title: t('members.col.orgName'), sorter: true, render: (v: string | null) => v ?? t('common.none') },
      { key: 'departmentName', dataIndex: 'departmentName', title: t('members.col.departmentName'), render: (v: string | null) => v ?? t('common.none') },
      { key: 'title', dataIndex: 'title', title: t('members.filter.title'), render: (v: string | null) => code('title', v) },
      { key: 'education', dataIndex: 'education', title: t('members.col.education'), render: (v: string | null) => code('education', v) },
      { key: 'joinedOn', dataIndex: 'joinedOn', title: t('members.col.joinedOn'), sorter: true, render: (v: string | null) => v ?? t('common.none') },
    ],
    [t, label, code],
  );

  return (
    <>
      <ListToolbar list={list} filters={filters} exportable extra={extra} />
      {can('members.sensitive') ? null : (
        <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8, fontSize: 12 }}>
          {t('members.masked')}
        </Typography.Text>
      )}
      <ServerTable list={list} columns={columns} rowKey="id" data-testid="member-table" />
    </>
  );
}
