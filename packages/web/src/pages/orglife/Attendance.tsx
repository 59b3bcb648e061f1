import { SearchOutlined } from '@ant-design/icons';
import type { NoVoteReason } from '@hongyi/core';
import { Button, Flex, Input, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { useState } from 'react';
import { useI18n } from '../../i18n';

export type AttendanceStatus = 'present' | 'excused' | 'absent';

/** One member on a meeting's attendance list (from the roster of the day, or the saved record). */
export interface AttendanceRow {
  memberId: number;
  name: string;
  namePinyin: string;
  nameInitials: string;
  partyGroupId: number | null;
  category: string;
  status: AttendanceStatus;
  reason: string;
  /** Entitled to vote on the meeting's day (counted in the quorum base). */
  voting: boolean;
  /** Why not, when the roster says (a saved record keeps only whether). */
  noVoteReason?: NoVoteReason | null;
}

/** The server's refusals, by member and field (details paths like attendance[3].reason). */
export type RowErrors = Record<number, { field: string; message: string }[]>;

/** A name matches what was typed: the characters, the pinyin ('zhangsan') or the initials ('zs'). */
export function matchesName(row: Pick<AttendanceRow, 'name' | 'namePinyin' | 'nameInitials'>, query: string): boolean {
  const q = query.trim().toLowerCase().replace(/\s+/g, '');
  if (!q) return true;
  return row.name.includes(q) || row.namePinyin.includes(q) || row.nameInitials.startsWith(q);
}

export function NoVoteTag({ row }: { row: AttendanceRow }) {
  const { t } = useI18n();
  // A 预备党员 has no vote by category, which the list shows already.
  if (row.voting || row.category === 'probationary' || row.noVoteReason === 'probationary') return null;
  const reason: NoVoteReason | 'other' = row.noVoteReason ?? 'other';
  return (
    <Tag color="orange" data-testid={`no-vote-${row.memberId}`} style={{ marginInlineStart: 4 }}>
      {t(`orglife.noVote.${reason}`)}
    </Tag>
  );
}

interface Props {
  rows: AttendanceRow[];
  groups: ReadonlyArray<{ id: number; name: string }>;
  editable: boolean;
  errors?: RowErrors;
  /** Set when a change should go to these members (one, a party group, or everyone). */
  onChange?: (memberIds: number[], change: Partial<Pick<AttendanceRow, 'status' | 'reason'>>) => void;
  /** Extra columns (民主评议 grades, actions). */
  extraColumns?: ColumnsType<AttendanceRow>;
  /** Shown instead of the filters: the server asked to show these rows (their errors). */
  height?: number;
}

/**
 * The attendance list of a meeting: search by name or pinyin, a party group at a time, the whole
 * roster or one group marked present in one click, and the server's refusals on their rows.
 */
export function AttendanceTable({ rows, groups, editable, errors = {}, onChange, extraColumns = [], height = 420 }: Props) {
  const { t, label } = useI18n();
  const [query, setQuery] = useState('');
  const [group, setGroup] = useState<number | 'none' | null>(null);
  const inGroup = (r: AttendanceRow) => group === null || (group === 'none' ? r.partyGroupId === null : r.partyGroupId === group);
  // A row with an error is always shown: the refusal must be seen where it is.
  const shown = rows.filter((r) => errors[r.memberId] || (inGroup(r) && matchesName(r, query)));
  const groupRows = rows.filter((r) => group !== null && inGroup(r));
  const statusOptions = (['present', 'excused', 'absent'] as const).map((s) => ({ value: s, label: t(`orglife.attendance.${s}`) }));
  const groupOptions = [
    ...groups.map((g) => ({ value: g.id, label: g.name })),
    ...(rows.some((r) => r.partyGroupId === null) && groups.length > 0 ? [{ value: 'none' as const, label: t('orglife.form.noGroup') }] : []),
  ];
  const errorText = (r: AttendanceRow, field: string) =>
    (errors[r.memberId] ?? [])
      .filter((e) => e.field === field)
      .map((e) => e.message)
      .join('；');

  const columns: ColumnsType<AttendanceRow> = [
    {
      key: 'name',
      title: t('members.col.name'),
      width: 150,
      render: (_, r) => (
        <>
          {r.name}
          <NoVoteTag row={r} />
          {errorText(r, 'memberId') ? (
            <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }}>
              {errorText(r, 'memberId')}
            </Typography.Text>
          ) : null}
        </>
      ),
    },
    { key: 'category', title: t('members.col.category'), width: 90, render: (_, r) => label('memberCategory', r.category) },
    {
      key: 'status',
      title: t('orglife.form.status'),
      width: editable ? 240 : 110,
      render: (_, r) =>
        editable ? (
          <Radio.Group size="small" optionType="button" style={{ whiteSpace: 'nowrap' }} options={statusOptions} value={r.status} onChange={(e) => onChange?.([r.memberId], { status: e.target.value as AttendanceStatus })} />
        ) : (
          <Tag color={r.status === 'present' ? 'success' : r.status === 'excused' ? 'warning' : 'default'}>{t(`orglife.attendance.${r.status}`)}</Tag>
        ),
    },
    {
      key: 'reason',
      title: t('orglife.form.reason'),
      render: (_, r) => {
        const error = errorText(r, 'reason');
        if (!editable) return r.status === 'excused' ? r.reason : null;
        return r.status === 'excused' || error ? (
          <>
            <Input
              size="small"
              value={r.reason}
              status={error ? 'error' : undefined}
              placeholder={t('orglife.form.reasonPlaceholder')}
              aria-label={`${r.name} ${t('orglife.form.reason')}`}
              onChange={(e) => onChange?.([r.memberId], { reason: e.target.value })}
              data-testid={`reason-${r.memberId}`}
            />
            {error ? (
              <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid={`row-error-${r.memberId}`}>
                {error}
              </Typography.Text>
            ) : null}
          </>
        ) : null;
      },
    },
    ...extraColumns,
  ];

  return (
    <>
      <Flex gap={8} wrap align="center" style={{ marginBottom: 8 }}>
        <Input
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t('orglife.form.searchRoster')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          style={{ width: 220 }}
          data-testid="attendance-search"
        />
        {groupOptions.length > 0 ? (
          <Select allowClear placeholder={t('orglife.form.filterGroup')} options={groupOptions} value={group} onChange={(v) => setGroup(v ?? null)} style={{ width: 200 }} data-testid="attendance-group" />
        ) : null}
        {editable ? (
          <Space wrap>
            {group !== null && groupRows.length > 0 ? (
              <Button size="small" onClick={() => onChange?.(groupRows.map((r) => r.memberId), { status: 'present', reason: '' })} data-testid="group-present">
                {t('orglife.form.groupPresent', { count: groupRows.length })}
              </Button>
            ) : null}
            <Button size="small" onClick={() => onChange?.(rows.map((r) => r.memberId), { status: 'present', reason: '' })} data-testid="all-present">
              {t('orglife.form.allPresent')}
            </Button>
          </Space>
        ) : null}
      </Flex>
      <Table<AttendanceRow>
        size="small"
        rowKey="memberId"
        dataSource={shown}
        pagination={false}
        scroll={{ x: 680, y: height }}
        rowClassName={(r) => (errors[r.memberId] ? 'attendance-row-error' : '')}
        locale={{ emptyText: query ? t('orglife.form.noMatch') : undefined }}
        data-testid="attendance"
        columns={columns}
      />
    </>
  );
}
