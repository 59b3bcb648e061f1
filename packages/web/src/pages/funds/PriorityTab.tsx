/**
 * 三优先 of a year: 预算优先安排 (the share of the budget on branch lines), 流程优先办理 (days from
 * a branch's request to its approval) and 资金优先拨付 (to its payment), by quarter against the
 * unit's targets — a small bar chart and the table, calendar days with working days beside.
 */
import { Alert, Card, Col, Empty, Flex, Progress, Row, Skeleton, Space, Statistic, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { useApiGet } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { type Priority, yuan, useFundsErrorText } from './shared';

type Quarter = Priority['quarters'][number];
type Stats = Quarter['approval'];

const GOOD = '#389e0d';
const LATE = '#c8161d';

/** One bar: the average days, with the target as a tick; red when the average is over it. */
function Bar({ value, target, scale, label }: { value: number | null; target: number; scale: number; label: string }) {
  const width = value === null ? 0 : Math.max(2, (value / scale) * 100);
  return (
    <Tooltip title={label}>
      <div style={{ position: 'relative', height: 14, background: '#f5f5f5', borderRadius: 3 }} aria-label={label}>
        <div style={{ width: `${Math.min(width, 100)}%`, height: '100%', background: value !== null && value > target ? LATE : GOOD, borderRadius: 3 }} />
        <div style={{ position: 'absolute', left: `${(target / scale) * 100}%`, top: -3, bottom: -3, width: 2, background: '#595959' }} />
      </div>
    </Tooltip>
  );
}

export function PriorityTab({ year }: { year: number }) {
  const { t } = useI18n();
  const errorText = useFundsErrorText();
  const { data, error, loading } = useApiGet<Priority>(`/api/v1/funds/priority?year=${year}`);
  if (error) return <Alert type="error" showIcon title={errorText(error)} />;
  if (loading || !data) return <Skeleton active />;
  const { budget, targets, waiting } = data;
  const unit = t(`funds.unit.${targets.targetUnit}`);
  const avg = (s: Stats) => (s.avgDays === null ? '—' : t('funds.avgText', { days: s.avgDays, working: s.avgWorkingDays ?? '—' }));
  const scale = Math.max(targets.approvalTargetDays * 2, targets.paymentTargetDays * 1.5, ...data.quarters.flatMap((q) => [q.approval.avgDays ?? 0, q.payment.avgDays ?? 0])) * 1.1;
  const statsColumns = (key: 'approval' | 'payment', target: number): ColumnsType<Quarter> => [
    { key: `${key}Count`, title: t('funds.priority.count'), align: 'right', width: 70, render: (_, q) => q[key].count },
    { key: `${key}Avg`, title: t('funds.priority.avg'), align: 'right', width: 150, render: (_, q) => <span style={{ whiteSpace: 'nowrap' }}>{avg(q[key])}</span> },
    { key: `${key}Max`, title: t('funds.priority.max'), align: 'right', width: 80, render: (_, q) => q[key].maxDays ?? '—' },
    {
      key: `${key}Over`,
      title: t('funds.priority.over', { target, unit }),
      align: 'right',
      width: 110,
      render: (_, q) => <Typography.Text type={q[key].overTarget > 0 ? 'danger' : undefined}>{q[key].overTarget}</Typography.Text>,
    },
  ];
  const columns: ColumnsType<Quarter> = [
    { key: 'quarter', title: t('funds.priority.quarter'), width: 90, fixed: 'left', render: (_, q) => (q.quarter.includes('Q') ? q.quarter.slice(5) : t('funds.priority.year')) },
    { key: 'requested', title: t('funds.priority.requested'), align: 'right', width: 70, dataIndex: 'requested' },
    { key: 'returned', title: t('funds.priority.returned'), align: 'right', width: 70, dataIndex: 'returned' },
    { key: 'approval', title: t('funds.priority.approval'), children: statsColumns('approval', targets.approvalTargetDays) },
    { key: 'payment', title: t('funds.priority.payment'), children: statsColumns('payment', targets.paymentTargetDays) },
  ];
  const share = budget.branchShare === null ? null : Math.round(budget.branchShare * 1000) / 10;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="priority">
      <Row gutter={[12, 12]}>
        <Col xs={24} md={8}>
          <Card size="small" title={t('funds.priority.budgetFirst')} style={{ height: '100%' }}>
            {share === null ? (
              <Empty description={t('funds.priority.noBudget')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
            ) : (
              <Flex gap={16} align="center">
                <Progress type="circle" size={88} percent={share} format={(p) => `${p}%`} strokeColor={LATE} data-testid="branch-share" />
                <Space orientation="vertical" size={2}>
                  <Typography.Text>{t('funds.priority.branchBudget', { amount: yuan(budget.branchCents) })}</Typography.Text>
                  <Typography.Text type="secondary">{t('funds.priority.committeeBudget', { amount: yuan(budget.committeeCents) })}</Typography.Text>
                  <Typography.Text type="secondary">{t('funds.priority.coverage', { n: budget.branchesWithLine, of: budget.branches })}</Typography.Text>
                </Space>
              </Flex>
            )}
          </Card>
        </Col>
        {(
          [
            { stage: 'approval', title: t('funds.priority.processFirst'), target: targets.approvalTargetDays },
            { stage: 'payment', title: t('funds.priority.payFirst'), target: targets.paymentTargetDays },
          ] as const
        ).map(({ stage, title, target }) => (
          <Col key={stage} xs={12} md={8}>
            <Card size="small" title={title} style={{ height: '100%' }}>
              <Statistic title={t('funds.priority.avgTitle')} value={data.total[stage].avgDays ?? '—'} suffix={t('funds.priority.days')} data-testid={`${stage}-avg`} />
              <Typography.Text type="secondary">{t('funds.priority.targetLine', { target, unit, over: data.total[stage].overTarget })}</Typography.Text>
            </Card>
          </Col>
        ))}
      </Row>
      {waiting.awaitingApproval + waiting.awaitingPayment > 0 ? (
        <Alert
          type={waiting.awaitingApprovalLate + waiting.awaitingPaymentLate > 0 ? 'warning' : 'info'}
          showIcon
          title={t('funds.priority.waiting', { approval: waiting.awaitingApproval, approvalLate: waiting.awaitingApprovalLate, payment: waiting.awaitingPayment, paymentLate: waiting.awaitingPaymentLate })}
          data-testid="priority-waiting"
        />
      ) : null}
      <Card size="small" title={t('funds.priority.chart')}>
        <Space orientation="vertical" size={10} style={{ width: '100%' }} data-testid="priority-chart">
          {data.quarters.map((q) => (
            <Flex key={q.quarter} gap={12} align="center">
              <Typography.Text style={{ width: 28 }}>{q.quarter.slice(5)}</Typography.Text>
              <Space orientation="vertical" size={4} style={{ flex: 1 }}>
                <Bar value={q.approval.avgDays} target={targets.approvalTargetDays} scale={scale} label={t('funds.priority.barApproval', { days: q.approval.avgDays ?? '—', target: targets.approvalTargetDays })} />
                <Bar value={q.payment.avgDays} target={targets.paymentTargetDays} scale={scale} label={t('funds.priority.barPayment', { days: q.payment.avgDays ?? '—', target: targets.paymentTargetDays })} />
              </Space>
              <Typography.Text type="secondary" style={{ width: 120, fontSize: 12 }}>
                {t('funds.priority.barText', { approval: q.approval.avgDays ?? '—', payment: q.payment.avgDays ?? '—' })}
              </Typography.Text>
            </Flex>
          ))}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('funds.priority.chartLegend')}
          </Typography.Text>
        </Space>
      </Card>
      <Table<Quarter>
        size="small"
        bordered
        rowKey="quarter"
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={columns}
        dataSource={[...data.quarters, data.total]}
        data-testid="priority-table"
      />
      <Typography.Text type="secondary">{t('funds.priority.note')}</Typography.Text>
    </Space>
  );
}
