import { Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { useMemo } from 'react';
import type { MemberRow } from '../../api/types';
import { ListToolbar, ServerTable, useServerList, type FilterDef } from '../../components/ServerList';
import { useI18n } from '../../i18n';

const MEMBER_FILTERS = ['q', 'orgId'] as const;

/**
 * The member register as a server-paginated table (`GET /api/v1/members`). Used by the
 * Members page and, with the org fixed by the tree, by the Organisations page.
 */
export function MemberList({ showOrgFilter = true }: { showOrgFilter?: boolean }) {
  const { t, label } = useI18n();
  const list = useServerList<MemberRow>({ url: '/api/v1/members', filterKeys: MEMBER_FILTERS, defaultSort: 'name', defaultOrder: 'asc' });

  const filters = useMemo<FilterDef[]>(
    () => [
      { kind: 'search', name: 'q', placeholder: t('members.searchPlaceholder') },
      ...(showOrgFilter ? [{ kind: 'org', name: 'orgId', placeholder: t('members.org') } as const] : []),
    ],
    [t, showOrgFilter],
  );

  const columns = useMemo<ColumnsType<MemberRow>>(
    () => [
      { key: 'name', dataIndex: 'name', title: t('members.col.name'), sorter: true, fixed: 'left', width: 100 },
      { key: 'gender', dataIndex: 'gender', title: t('members.col.gender'), width: 64, render: (v: string | null) => label('gender', v) },
      { key: 'idNumber', dataIndex: 'idNumber', title: t('members.col.idNumber'), render: (v: string | null) => v ?? t('common.none') },
      { key: 'phone', dataIndex: 'phone', title: t('members.col.phone'), render: (v: string | null) => v ?? t('common.none') },
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
      { key: 'title', dataIndex: 'title', title: t('members.col.title'), render: (v: string | null) => v ?? t('common.none') },
      { key: 'education', dataIndex: 'education', title: t('members.col.education'), render: (v: string | null) => v ?? t('common.none') },
      { key: 'joinedOn', dataIndex: 'joinedOn', title: t('members.col.joinedOn'), sorter: true, render: (v: string | null) => v ?? t('common.none') },
    ],
    [t, label],
  );

  return (
    <>
      <ListToolbar list={list} filters={filters} exportable />
      <ServerTable list={list} columns={columns} rowKey="id" data-testid="member-table" />
    </>
  );
}
