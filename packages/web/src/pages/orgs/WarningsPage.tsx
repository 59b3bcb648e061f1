import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Flex, Input, Row, Select, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { toQueryString } from '../../api/client';
import { flattenOrgs, useApiGet, useErrorText, useOrgTree } from '../../api/hooks';
import type { OrgNode, OrgType } from '../../api/types';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageCard } from '../../components/PageCard';
import { ExportButton } from '../../components/ServerList';
import { useI18n } from '../../i18n';
import { SeverityTag } from './shared';
import { WARNING_CODES, WARNING_SEVERITIES, type OrgWarning, type WarningSeverity } from './types';
import type { ApiResult } from '../../api/contract';

const STAT_COLORS: Record<WarningSeverity, string | undefined> = { red: '#cf1322', yellow: '#d48806', info: undefined };

interface Row {
  key: string;
  orgId: number;
  name: string;
  type: OrgType;
  memberCount: number;
  termExpiresOn: string | null;
  warning: OrgWarning;
}

function subtreeIds(nodes: readonly OrgNode[], rootId: number): Set<number> {
  const root = flattenOrgs(nodes).find((n) => n.id === rootId);
  return new Set(root ? flattenOrgs([root]).map((n) => n.id) : []);
}

/**
 * The 党委-wide list of rule warnings (size, committee, terms expiring in 6/3 months, overdue
 * elections, vacancies, temporary branches past their end). They remind; nothing is blocked.
 * Filters live in the URL; severity goes to the server (and to the export), the kind, the
 * org subtree and the name narrow the list here.
 */
export default function WarningsPage() {
  const { t, label } = useI18n();
  const errorText = useErrorText();
  const [params, setParams] = useSearchParams();
  const severity = (params.get('severity') ?? '') as WarningSeverity | '';
  const code = params.get('code') ?? '';
  const orgId = Number(params.get('orgId')) || null;
  const q = params.get('q') ?? '';
  const query = toQueryString({ severity });
  const { data, error, loading, reload } = useApiGet<ApiResult<'/api/v1/orgs/warnings'>>(`/api/v1/orgs/warnings${query}`);
  const tree = useOrgTree();

  const set = (changes: Record<string, string | number | null | undefined>) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const [k, v] of Object.entries(changes)) {
        if (v === null || v === undefined || v === '') next.delete(k);
        else next.set(k, String(v));
      }
      return next;
    });

  const allRows = useMemo<Row[]>(
    () =>
      (data?.items ?? []).flatMap((o) =>
        o.warnings.map((w) => ({ key: `${o.id}-${w.code}`, orgId: o.id, name: o.name, type: o.type, memberCount: o.memberCount, termExpiresOn: o.termExpiresOn, warning: w })),
      ),
    [data],
  );
  const rows = useMemo(() => {
    const within = orgId ? subtreeIds(tree.data ?? [], orgId) : null;
    const needle = q.trim().toLowerCase();
    return allRows.filter((r) => (!code || r.warning.code === code) && (!within || within.has(r.orgId)) && (!needle || r.name.toLowerCase().includes(needle)));
  }, [allRows, code, orgId, q, tree.data]);

  const counts = useMemo(() => {
    const out: Record<WarningSeverity, number> = { red: 0, yellow: 0, info: 0 };
    for (const r of rows) out[r.warning.severity] += 1;
    return out;
  }, [rows]);
  const orgCount = useMemo(() => new Set(rows.map((r) => r.orgId)).size, [rows]);

  const columns = useMemo<ColumnsType<Row>>(
    () => [
      {
        key: 'name',
        title: t('orgs.warnings.org'),
        render: (_, r) => <Link to={`/orgs?orgId=${r.orgId}`}>{r.name}</Link>,
        sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
      },
      { key: 'type', title: t('orgs.field.type'), render: (_, r) => label('orgType', r.type), width: 110 },
      { key: 'memberCount', dataIndex: 'memberCount', title: t('orgs.field.memberCount'), width: 90, align: 'right', sorter: (a, b) => a.memberCount - b.memberCount },
      {
        key: 'termExpiresOn',
        title: t('orgs.field.termExpiresOn'),
        width: 120,
        render: (_, r) => r.termExpiresOn ?? t('common.none'),
        sorter: (a, b) => (a.termExpiresOn ?? '9999').localeCompare(b.termExpiresOn ?? '9999'),
      },
      {
        key: 'severity',
        title: t('orgs.warnings.severity'),
        width: 90,
        render: (_, r) => <SeverityTag severity={r.warning.severity} />,
        sorter: (a, b) => WARNING_SEVERITIES.indexOf(a.warning.severity) - WARNING_SEVERITIES.indexOf(b.warning.severity),
        defaultSortOrder: 'ascend',
      },
      { key: 'message', title: t('orgs.warnings.message'), render: (_, r) => r.warning.message },
    ],
    [t, label],
  );

  const filtered = Boolean(severity || code || orgId || q);
  return (
    <Flex vertical gap={16}>
      <Row gutter={[16, 16]}>
        {WARNING_SEVERITIES.map((s) => (
          <Col key={s} xs={12} md={6}>
            <Card variant="borderless" hoverable onClick={() => set({ severity: severity === s ? null : s })} style={{ cursor: 'pointer' }}>
              <Statistic title={label('orgs.severity', s)} value={counts[s]} styles={{ content: { color: STAT_COLORS[s], fontWeight: 600 } }} />
            </Card>
          </Col>
        ))}
        <Col xs={12} md={6}>
          <Card variant="borderless">
            <Statistic title={t('orgs.warnings.orgCount')} value={orgCount} suffix={t('home.orgUnit')} />
          </Card>
        </Col>
      </Row>
      <PageCard title={t('orgs.warnings.title')} extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('orgs.warnings.notBlocking')}</Typography.Text>}>
        <Flex wrap gap={8} justify="space-between" style={{ marginBottom: 12 }}>
          <Flex wrap gap={8}>
            <Input.Search
              key={q}
              defaultValue={q}
              allowClear
              placeholder={t('orgs.searchPlaceholder')}
              aria-label={t('orgs.searchPlaceholder')}
              style={{ width: 200 }}
              onSearch={(v) => set({ q: v.trim() })}
            />
            <Select
              allowClear
              value={severity || undefined}
              placeholder={t('orgs.warnings.severity')}
              aria-label={t('orgs.warnings.severity')}
              style={{ width: 120 }}
              options={WARNING_SEVERITIES.map((s) => ({ value: s, label: label('orgs.severity', s) }))}
              onChange={(v: string | undefined) => set({ severity: v })}
              data-testid="warnings-severity"
            />
            <Select
              allowClear
              value={code || undefined}
              placeholder={t('orgs.warnings.kind')}
              aria-label={t('orgs.warnings.kind')}
              style={{ width: 200 }}
              options={WARNING_CODES.map((c) => ({ value: c, label: label('orgs.warningKind', c) }))}
              onChange={(v: string | undefined) => set({ code: v })}
            />
            <OrgTreeSelect value={orgId} placeholder={t('orgs.warnings.within')} style={{ width: 220 }} onChange={(v) => set({ orgId: v })} />
            {filtered ? (
              <Button type="link" onClick={() => set({ severity: null, code: null, orgId: null, q: null })}>
                {t('common.reset')}
              </Button>
            ) : null}
          </Flex>
          <Flex gap={8}>
            <Tooltip title={t('common.refresh')}>
              <Button icon={<ReloadOutlined />} aria-label={t('common.refresh')} onClick={reload} />
            </Tooltip>
            <ExportButton url={`/api/v1/orgs/warnings/export${query}`} />
          </Flex>
        </Flex>
        {error ? <Alert type="error" showIcon title={t('error.loadFailed')} description={errorText(error)} style={{ marginBottom: 12 }} /> : null}
        <Table<Row>
          data-testid="warnings-table"
          size="small"
          rowKey="key"
          loading={loading}
          columns={columns}
          dataSource={rows}
          scroll={{ x: 'max-content' }}
          pagination={{ defaultPageSize: 20, showSizeChanger: true, showTotal: (total) => t('common.total', { total }) }}
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={filtered ? t('orgs.warnings.noneFiltered') : <Tag color="green">{t('orgs.warnings.none')}</Tag>}
              />
            ),
          }}
        />
      </PageCard>
    </Flex>
  );
}
