import { Empty, Flex, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import type { AuditRow, AuditValues } from '../../api/types';
import { PageCard } from '../../components/PageCard';
import { ListToolbar, ServerTable, useServerList, type FilterDef } from '../../components/ServerList';
import { useI18n } from '../../i18n';

const AUDIT_FILTERS = ['q', 'entityType', 'action', 'from', 'to'] as const;
// Codes the server is known to write; an unknown code still shows (raw) in the table.
const ENTITY_TYPES = ['tenant', 'user', 'org', 'member', 'session'] as const;
const ACTIONS = ['create', 'update', 'delete', 'login', 'login_failed', 'logout', 'password_change', 'password_reset', 'setup', 'import', 'export'] as const;

const ACTION_COLORS: Record<string, string> = {
  create: 'green',
  update: 'blue',
  delete: 'red',
  login_failed: 'orange',
  password_reset: 'gold',
};

export default function AuditPage() {
  const { t, label } = useI18n();
  const list = useServerList<AuditRow>({ url: '/api/v1/audit', filterKeys: AUDIT_FILTERS, defaultSort: 'at', defaultOrder: 'desc' });

  const filters = useMemo<FilterDef[]>(
    () => [
      { kind: 'search', name: 'q', placeholder: t('audit.searchPlaceholder') },
      { kind: 'select', name: 'entityType', placeholder: t('audit.entityType'), options: ENTITY_TYPES.map((v) => ({ value: v, label: label('entityType', v) })) },
      { kind: 'select', name: 'action', placeholder: t('audit.action'), options: ACTIONS.map((v) => ({ value: v, label: label('auditAction', v) })) },
      { kind: 'dateRange', name: 'from', toName: 'to' },
    ],
    [t, label],
  );

  const columns = useMemo<ColumnsType<AuditRow>>(
    () => [
      {
        key: 'at',
        dataIndex: 'at',
        title: t('audit.col.at'),
        sorter: true,
        width: 170,
        render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm:ss'),
      },
      { key: 'username', dataIndex: 'username', title: t('audit.col.username'), render: (v: string | null) => v ?? t('audit.system') },
      {
        key: 'action',
        dataIndex: 'action',
        title: t('audit.col.action'),
        render: (v: string) => <Tag color={ACTION_COLORS[v] ?? 'default'}>{label('auditAction', v)}</Tag>,
      },
      {
        key: 'entity',
        title: t('audit.col.entity'),
        render: (_, row) => (
          <span>
            {label('entityType', row.entityType)}
            {row.entityId !== null && row.entityId !== '' ? <Typography.Text type="secondary"> #{row.entityId}</Typography.Text> : null}
          </span>
        ),
      },
      { key: 'summary', dataIndex: 'summary', title: t('audit.col.summary'), render: (v: string | null) => v ?? t('common.none') },
      { key: 'ip', dataIndex: 'ip', title: t('audit.col.ip'), render: (v: string | null) => v ?? t('common.none') },
    ],
    [t, label],
  );

  return (
    <PageCard title={t('audit.title')}>
      <ListToolbar list={list} filters={filters} exportable />
      <ServerTable
        list={list}
        columns={columns}
        rowKey="id"
        data-testid="audit-table"
        expandable={{
          rowExpandable: (row) => row.before !== null || row.after !== null,
          expandedRowRender: (row) => <AuditDiff before={row.before} after={row.after} />,
        }}
      />
    </PageCard>
  );
}

interface DiffLine {
  field: string;
  before: unknown;
  after: unknown;
  changed: boolean;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

export function diffLines(before: AuditValues | null, after: AuditValues | null): DiffLine[] {
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  return fields.map((field) => {
    const b = before?.[field];
    const a = after?.[field];
    return { field, before: b, after: a, changed: !same(b, a) };
  });
}

/** Before/after of one audit row as a field table; changed fields highlighted. */
function AuditDiff({ before, after }: { before: AuditValues | null; after: AuditValues | null }) {
  const { t, label } = useI18n();
  const [onlyChanged, setOnlyChanged] = useState(true);
  const lines = useMemo(() => diffLines(before, after), [before, after]);
  const shown = onlyChanged ? lines.filter((line) => line.changed) : lines;

  // Readable text for a stored value: lists one item a line, objects as "字段: 值" pairs,
  // known codes (roles, booleans) through the locale files.
  const text = (value: unknown, key?: string): string => {
    if (value === undefined || value === null || value === '') return t('audit.diff.empty');
    if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
    if (Array.isArray(value)) return value.map((item) => text(item, key)).join('\n');
    if (typeof value === 'object') {
      return Object.entries(value as Record<string, unknown>)
        .map(([k, v]) => `${label('auditField', k)}: ${text(v, k)}`)
        .join(t('common.listSeparator'));
    }
    if (key === 'role') return label('role', String(value));
    if (key === 'language') return label('lang', String(value));
    return String(value);
  };

  const renderValue = (value: unknown, field: string, className: string) => {
    if (value === undefined || value === null || value === '') return <Typography.Text type="secondary">{t('audit.diff.empty')}</Typography.Text>;
    return <span className={`hy-value ${className}`}>{text(value, field)}</span>;
  };

  const columns: ColumnsType<DiffLine> = [
    { key: 'field', dataIndex: 'field', title: t('audit.diff.field'), width: 180, render: (field: string) => label('auditField', field) },
    { key: 'before', title: t('audit.diff.before'), render: (_, line) => renderValue(line.before, line.field, line.changed ? 'hy-diff-before' : '') },
    { key: 'after', title: t('audit.diff.after'), render: (_, line) => renderValue(line.after, line.field, line.changed ? 'hy-diff-after' : '') },
  ];

  return (
    <Flex vertical gap={8} style={{ maxWidth: 960 }} data-testid="audit-diff">
      <Flex align="center" gap={8}>
        <Switch size="small" checked={onlyChanged} onChange={setOnlyChanged} aria-label={t('audit.diff.onlyChanged')} />
        <Typography.Text>{t('audit.diff.onlyChanged')}</Typography.Text>
      </Flex>
      {shown.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('audit.diff.noChanges')} />
      ) : (
        <Table<DiffLine>
          size="small"
          rowKey="field"
          pagination={false}
          columns={columns}
          dataSource={shown}
          rowClassName={(line) => (line.changed && !onlyChanged ? 'hy-diff-changed' : '')}
        />
      )}
    </Flex>
  );
}
