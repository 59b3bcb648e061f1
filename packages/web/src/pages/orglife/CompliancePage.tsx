import { FileWordOutlined } from '@ant-design/icons';
import { periodRange } from '@hongyi/core';
import { Alert, Button, Flex, Grid, InputNumber, Space, Table, Tooltip, Typography } from 'antd';
import { Link } from 'react-router';
import { useApiGet, useErrorText, useUrlParams } from '../../api/hooks';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageCard } from '../../components/PageCard';
import { useI18n } from '../../i18n';
import { useMe } from '../../session';
import { type ComplianceState, StateTag, download } from './shared';
import { useToday } from '../../today';

interface Cell {
  rule: string;
  period: string;
  state: ComplianceState;
  reason: string;
  recordIds: number[];
  dueOn: string;
}
interface Checklist {
  year: number;
  today: string;
  orgs: Array<{ id: number; name: string; type: string; cells: Cell[] }>;
}

/** True when a period key ('2026-03', '2026-Q1', '2026') covers the month 'YYYY-MM'. */
function covers(period: string, month: string | null): boolean {
  if (!month) return false;
  const { start, end } = periodRange(period);
  return start <= `${month}-01` && `${month}-01` <= end;
}

/**
 * A branch's checklist: each rule with its periods, state, reason and the records behind it.
 * Opened from the 党委 matrix, `month` marks the periods of the month clicked (and the layout's
 * breadcrumb leads back to the matrix with its filters, from `back`).
 */
export default function CompliancePage() {
  const { t, label } = useI18n();
  const me = useMe();
  const errorText = useErrorText();
  const [params, set] = useUrlParams();
  const today = useToday();
  const defaultOrg = me.roles.find((r) => r.role === 'branch_secretary')?.orgId ?? null;
  const orgId = Number(params.get('orgId')) || defaultOrg;
  const year = Number(params.get('year')) || today.year;
  const month = /^\d{4}-\d{2}$/.test(params.get('month') ?? '') && params.get('month')!.startsWith(String(year)) ? params.get('month') : null;
  // On a phone the checklist fits the screen: no fixed column, no sideways scrolling.
  const phone = Grid.useBreakpoint().md === false;
  const data = useApiGet<Checklist>(orgId ? `/api/v1/orglife/orgs/${orgId}/compliance?year=${year}` : null);

  return (
    <PageCard
      title={t('orglife.compliance.title')}
      extra={
        orgId ? (
          <Space>
            <Button icon={<FileWordOutlined />} onClick={() => void download(`/api/v1/orglife/orgs/${orgId}/ledger.docx?year=${year}`, 'ledger.docx')}>
              {t('orglife.compliance.ledger')}
            </Button>
            <Button icon={<FileWordOutlined />} onClick={() => void download(`/api/v1/orglife/orgs/${orgId}/reviews.docx?year=${year}`, 'reviews.docx')}>
              {t('orglife.compliance.reviews')}
            </Button>
          </Space>
        ) : null
      }
    >
      <Flex gap={8} style={{ marginBottom: 12 }} wrap>
        <OrgTreeSelect value={orgId} onChange={(v) => set('orgId', v)} placeholder={t('orglife.compliance.pickOrg')} style={{ width: phone ? '100%' : 320 }} />
        <InputNumber min={2000} max={2100} value={year} onChange={(v) => set('year', v ?? null)} addonBefore={t('orglife.compliance.year')} />
      </Flex>
      {month ? <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('orglife.compliance.monthMarked', { month })} data-testid="compliance-month" /> : null}
      {!orgId ? <Alert type="info" title={t('orglife.compliance.pickOrg')} /> : null}
      {data.error ? <Alert type="error" title={errorText(data.error)} /> : null}
      {(data.data?.orgs ?? []).map((org) => {
        const rules = [...new Set(org.cells.map((c) => c.rule))];
        return (
          <div key={org.id} style={{ marginBottom: 20 }} data-testid={`checklist-${org.id}`}>
            <Typography.Title level={5}>{org.name}</Typography.Title>
            <Table
              size="small"
              rowKey="rule"
              pagination={false}
              loading={data.loading}
              dataSource={rules.map((rule) => ({ rule, cells: org.cells.filter((c) => c.rule === rule) }))}
              scroll={phone ? undefined : { x: 900 }}
              columns={[
                { key: 'rule', title: t('orglife.compliance.rule'), width: phone ? 92 : 170, fixed: phone ? undefined : 'left', render: (_, r) => label('orglife.kind', r.rule) },
                {
                  key: 'periods',
                  title: t('orglife.compliance.year'),
                  render: (_, r) => (
                    <Flex wrap gap={4}>
                      {r.cells.map((c) => (
                        <Tooltip key={c.period} title={`${label('orglife.reason', c.reason)}（${c.dueOn}）`}>
                          <span
                            data-testid={`cell-${r.rule}-${c.period}`}
                            data-state={c.state}
                            data-marked={covers(c.period, month) ? 'true' : undefined}
                            style={covers(c.period, month) ? { outline: '2px solid #cf1322', outlineOffset: 1, borderRadius: 4 } : undefined}
                          >
                            {c.recordIds.length > 0 ? (
                              <Link to={`/orglife/records/${c.recordIds[0]}`}>
                                <StateTag state={c.state} text={`${c.period.slice(5) || c.period} ${label('orglife.state', c.state)}`} />
                              </Link>
                            ) : (
                              <StateTag state={c.state} text={`${c.period.slice(5) || c.period} ${label('orglife.state', c.state)}`} />
                            )}
                          </span>
                        </Tooltip>
                      ))}
                    </Flex>
                  ),
                },
              ]}
            />
          </div>
        );
      })}
    </PageCard>
  );
}
