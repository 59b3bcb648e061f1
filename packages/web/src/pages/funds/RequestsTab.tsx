/**
 * The requests of a year: open ones first. A branch asks for money on its own line (a form that
 * fits a phone); the office approves (today counts as the approval day) or returns with a reason,
 * and records the payment; each step sends the version read (409 when someone was first). On a
 * phone the list reads as cards.
 */
import { FUND_REQUEST_STATUSES } from '@hongyi/core';
import { Alert, App, Button, Card, Descriptions, Drawer, Empty, Flex, Form, Grid, Input, Modal, Pagination, Select, Space, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { api } from '../../api/client';
import { useApiGet } from '../../api/hooks';
import { DatePicker } from '../../components/DatePicker';
import { type FilterDef, ListToolbar, ServerTable, useServerList } from '../../components/ServerList';
import { EvidenceFiles } from '../../components/EvidenceFiles';
import { useFormSubmit } from '../../components/useFormSubmit';
import { NewButton } from '../../components/NewButton';
import { useI18n } from '../../i18n';
import { useToday } from '../../today';
import { type FundsSettings, type LineList, type LineRow, type RequestDetail, type RequestRow, StatusTag, YuanInput, toCents, yuan, useFundsErrorText } from './shared';

const FILTERS = ['year', 'orgId', 'status'] as const;

/** "3 天（工作日 2）" */
function useDaysText() {
  const { t } = useI18n();
  return (days: number | null, working: number | null) => (days === null ? '—' : t('funds.daysText', { days, working: working ?? '—' }));
}

export function RequestsTab({ settings }: { settings: FundsSettings | undefined }) {
  const { t } = useI18n();
  const phone = Grid.useBreakpoint().md === false;
  const list = useServerList<RequestRow>({ url: '/api/v1/funds/requests', filterKeys: FILTERS, defaultPageSize: 20 });
  const [open, setOpen] = useState<number | null>(null);
  const [editing, setEditing] = useState<RequestDetail | 'new' | null>(null);
  const daysText = useDaysText();
  const filters = useMemo<FilterDef[]>(
    () => [
      { kind: 'org', name: 'orgId', placeholder: t('funds.filter.org') },
      { kind: 'select', name: 'status', placeholder: t('funds.filter.status'), options: FUND_REQUEST_STATUSES.map((s) => ({ value: s, label: t(`funds.status.${s}`) })), width: 150 },
    ],
    [t],
  );
  const columns: ColumnsType<RequestRow> = [
    { key: 'requestedOn', title: t('funds.col.requestedOn'), dataIndex: 'requestedOn', width: 110 },
    { key: 'org', title: t('funds.col.org'), dataIndex: 'orgName', width: 190 },
    { key: 'category', title: t('funds.col.category'), dataIndex: 'category', width: 90 },
    { key: 'amount', title: t('funds.col.amount'), align: 'right', width: 110, render: (_, r) => yuan(r.amountCents) },
    { key: 'purpose', title: t('funds.col.purpose'), dataIndex: 'purpose', width: 240, ellipsis: true },
    { key: 'status', title: t('funds.col.status'), width: 120, render: (_, r) => <StatusTag status={r.status} /> },
    { key: 'approvalDays', title: t('funds.col.approvalDays'), width: 120, render: (_, r) => daysText(r.approvalDays, r.approvalWorkingDays) },
    { key: 'paymentDays', title: t('funds.col.paymentDays'), width: 120, render: (_, r) => daysText(r.paymentDays, r.paymentWorkingDays) },
  ];
  return (
    <>
      <ListToolbar
        list={list}
        filters={filters}
        extra={
          <NewButton permission="funds.write" onClick={() => setEditing('new')} testId="new-request">
            {t('funds.request.new')}
          </NewButton>
        }
      />
      {phone ? (
        <Space orientation="vertical" size={8} style={{ width: '100%' }} data-testid="requests">
          {list.rows.length === 0 && !list.loading ? <Empty description={t('funds.request.none')} /> : null}
          {list.rows.map((r) => (
            <Card key={r.id} size="small" hoverable onClick={() => setOpen(r.id)} data-testid="request-card" title={r.orgName} extra={<StatusTag status={r.status} />}>
              <Flex justify="space-between" gap={8}>
                <Typography.Text>{`${r.category} · ${r.requestedOn}`}</Typography.Text>
                <Typography.Text strong>{`${yuan(r.amountCents)} ${t('funds.yuan')}`}</Typography.Text>
              </Flex>
              <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: '4px 0 0' }}>
                {r.purpose}
              </Typography.Paragraph>
            </Card>
          ))}
          {list.total > list.pageSize ? <Pagination simple current={list.page} pageSize={list.pageSize} total={list.total} onChange={list.setPaging} size="small" /> : null}
        </Space>
      ) : (
        <ServerTable<RequestRow>
          list={list}
          columns={columns.map((c) => ({ ...c, onCell: (r: RequestRow) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } }) }))}
          rowKey="id"
          scrollX={1100}
          data-testid="requests"
        />
      )}
      {open !== null ? <RequestDrawer id={open} onClose={() => setOpen(null)} onEdit={(r) => (setOpen(null), setEditing(r))} onChanged={list.reload} /> : null}
      {editing ? <RequestModal request={editing === 'new' ? null : editing} settings={settings} onClose={() => setEditing(null)} onSaved={list.reload} /> : null}
    </>
  );
}

function RequestDrawer({ id, onClose, onEdit, onChanged }: { id: number; onClose: () => void; onEdit: (r: RequestDetail) => void; onChanged: () => void }) {
  const { t } = useI18n();
  const phone = Grid.useBreakpoint().md === false;
  const { data, reload } = useApiGet<RequestDetail>(`/api/v1/funds/requests/${id}`);
  const [step, setStep] = useState<'approve' | 'return' | 'pay' | null>(null);
  const daysText = useDaysText();
  const changed = () => (reload(), onChanged());
  return (
    <Drawer
      open
      onClose={onClose}
      size={phone ? '100%' : 'large'}
      title={data ? `${data.orgName} · ${data.category}` : ''}
      extra={
        data ? (
          <Space wrap>
            {data.canEdit ? (
              <Button onClick={() => onEdit(data)} data-testid="edit-request">
                {t('common.edit')}
              </Button>
            ) : null}
            {data.canDecide ? (
              <>
                <Button onClick={() => setStep('return')} data-testid="return-request">
                  {t('funds.request.return')}
                </Button>
                <Button type="primary" onClick={() => setStep('approve')} data-testid="approve-request">
                  {t('funds.request.approve')}
                </Button>
              </>
            ) : null}
            {data.canPay ? (
              <Button type="primary" onClick={() => setStep('pay')} data-testid="pay-request">
                {t('funds.request.pay')}
              </Button>
            ) : null}
          </Space>
        ) : null
      }
    >
      {data ? (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="request-detail">
          <Descriptions bordered size="small" column={1} layout={phone ? 'vertical' : 'horizontal'}>
            <Descriptions.Item label={t('funds.col.status')}>
              <StatusTag status={data.status} />
            </Descriptions.Item>
            <Descriptions.Item label={t('funds.col.amount')}>{`${yuan(data.amountCents)} ${t('funds.yuan')}`}</Descriptions.Item>
            <Descriptions.Item label={t('funds.col.purpose')}>{data.purpose}</Descriptions.Item>
            <Descriptions.Item label={t('funds.col.requestedOn')}>{`${data.requestedOn} · ${data.createdByName}`}</Descriptions.Item>
            {data.line ? (
              <Descriptions.Item label={t('funds.col.line')}>
                {t('funds.lineText', { budget: yuan(data.line.budgetCents), balance: yuan(data.line.balanceCents), committed: yuan(data.line.committedCents) })}
              </Descriptions.Item>
            ) : null}
            {data.decidedOn ? (
              <Descriptions.Item label={data.status === 'returned' ? t('funds.col.returnedOn') : t('funds.col.approvedOn')}>
                {[data.decidedOn, data.decidedByName, data.decisionNote].filter(Boolean).join(' · ')}
              </Descriptions.Item>
            ) : null}
            {data.approvalDays !== null ? <Descriptions.Item label={t('funds.col.approvalDays')}>{daysText(data.approvalDays, data.approvalWorkingDays)}</Descriptions.Item> : null}
            {data.paidOn ? (
              <Descriptions.Item label={t('funds.col.payment')}>{t('funds.paidText', { date: data.paidOn, amount: yuan(data.paidCents), voucher: data.voucherNo })}</Descriptions.Item>
            ) : null}
            {data.paymentDays !== null ? <Descriptions.Item label={t('funds.col.paymentDays')}>{daysText(data.paymentDays, data.paymentWorkingDays)}</Descriptions.Item> : null}
            {data.overrunReason ? <Descriptions.Item label={t('funds.col.overrunReason')}>{t('funds.overrunText', { amount: yuan(data.overrunCents), reason: data.overrunReason })}</Descriptions.Item> : null}
          </Descriptions>
          <EvidenceFiles
            files={data.fileList}
            canUpload={data.canUpload}
            canWithdraw={data.canUpload}
            url={`/api/v1/funds/requests/${id}/files`}
            uploadLabel={t('funds.fileUpload')}
            emptyText={t('funds.fileNone')}
            testId="request-files"
            onChanged={changed}
          />
        </Space>
      ) : null}
      {data && (step === 'approve' || step === 'return') ? <DecideModal request={data} to={step} onClose={() => setStep(null)} onDone={changed} /> : null}
      {data && step === 'pay' ? <PayModal request={data} onClose={() => setStep(null)} onDone={changed} /> : null}
    </Drawer>
  );
}

function DecideModal({ request, to, onClose, onDone }: { request: RequestDetail; to: 'approve' | 'return'; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useFundsErrorText();
  const [form] = Form.useForm<{ text: string }>();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    setProblem(null);
    try {
      if (to === 'approve') await api.post(`/api/v1/funds/requests/${request.id}/approve`, { version: request.version, note: v.text ?? '' });
      else await api.post(`/api/v1/funds/requests/${request.id}/return`, { version: request.version, reason: v.text });
      void message.success(to === 'approve' ? t('funds.request.approved') : t('funds.request.returned'));
      onDone();
      onClose();
    } catch (err) {
      setProblem(errorText(err));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={to === 'approve' ? t('funds.request.approveTitle') : t('funds.request.returnTitle')} onCancel={onClose} onOk={() => void submit()} confirmLoading={saving} okText={to === 'approve' ? t('funds.request.approve') : t('funds.request.return')}>
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} /> : null}
      <Typography.Paragraph>{t('funds.request.summary', { org: request.orgName, category: request.category, amount: yuan(request.amountCents), purpose: request.purpose })}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name="text" label={to === 'approve' ? t('funds.request.note') : t('funds.request.reason')} rules={to === 'return' ? [{ required: true, whitespace: true }] : []}>
          <Input.TextArea maxLength={200} autoSize={{ minRows: 2, maxRows: 4 }} data-testid="decision-text" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface PayForm {
  paidOn: Dayjs;
  amount: number;
  voucherNo: string;
  overrunReason: string;
}

function PayModal({ request, onClose, onDone }: { request: RequestDetail; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const errorText = useFundsErrorText();
  const today = useToday();
  const [form] = Form.useForm<PayForm>();
  const amount = Form.useWatch('amount', form) ?? request.amountCents / 100;
  const { saving, problem, submit: save } = useFormSubmit(form, { savedText: t('funds.request.paid'), errorText });
  const balance = request.line?.balanceCents ?? 0;
  const overrun = Math.max(0, toCents(amount) - Math.max(0, balance));
  const submit = async () => {
    const v = await form.validateFields();
    await save(() => api.post(`/api/v1/funds/requests/${request.id}/pay`, { version: request.version, paidOn: v.paidOn.format('YYYY-MM-DD'), amountCents: toCents(v.amount), voucherNo: v.voucherNo, overrunReason: v.overrunReason ?? '' }), () => {
      onDone();
      onClose();
    });
  };
  return (
    <Modal open title={t('funds.request.payTitle')} onCancel={onClose} onOk={() => void submit()} confirmLoading={saving} okText={t('funds.request.pay')}>
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} /> : null}
      <Typography.Paragraph type="secondary">{t('funds.request.payBalance', { balance: yuan(balance) })}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ paidOn: today.day, amount: request.amountCents / 100, voucherNo: '', overrunReason: '' }}>
        <Form.Item name="paidOn" label={t('funds.col.paidOn')} rules={[{ required: true }]}>
          <DatePicker minDate={request.decidedOn ? dayjs(request.decidedOn) : undefined} maxDate={today.day} style={{ width: '100%' }} data-testid="pay-date" />
        </Form.Item>
        <Form.Item name="amount" label={t('funds.col.paidCents')} rules={[{ required: true }]}>
          <YuanInput max={request.amountCents / 100} data-testid="pay-amount" />
        </Form.Item>
        <Form.Item name="voucherNo" label={t('funds.col.voucher')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={50} placeholder={t('funds.voucherPlaceholder')} data-testid="pay-voucher" />
        </Form.Item>
        {overrun > 0 ? <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('funds.overrunWarning', { overrun: yuan(overrun) })} data-testid="pay-overrun-warning" /> : null}
        <Form.Item name="overrunReason" label={t('funds.col.overrunReason')} extra={t('funds.overrunHelp')}>
          <Input.TextArea maxLength={200} autoSize={{ minRows: 1, maxRows: 3 }} data-testid="pay-overrun" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface RequestForm {
  orgId: number;
  category: string;
  amount: number;
  purpose: string;
}

/** A request for a branch's own line of this year: it fits a phone (one column, big inputs). */
function RequestModal({ request, settings, onClose, onSaved }: { request: RequestDetail | null; settings: FundsSettings | undefined; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const errorText = useFundsErrorText();
  const today = useToday();
  const lines = useApiGet<LineList>(`/api/v1/funds/lines?year=${today.year}&pageSize=200`);
  const [form] = Form.useForm<RequestForm>();
  const orgId = Form.useWatch('orgId', form);
  const category = Form.useWatch('category', form);
  const amount = Form.useWatch('amount', form);
  const { saving, problem, submit: save } = useFormSubmit(form, { savedText: t('funds.request.submitted'), errorText });
  // Branches ask for themselves: the 党委's own lines are spent directly by the office.
  const branchLines = (lines.data?.items ?? []).filter((l) => l.orgType !== 'committee');
  const orgs = [...new Map(branchLines.map((l) => [l.orgId, l.orgName])).entries()];
  const ofOrg = branchLines.filter((l) => l.orgId === orgId);
  const order = settings?.categories ?? [];
  ofOrg.sort((a, b) => order.indexOf(a.category) - order.indexOf(b.category));
  const line: LineRow | undefined = ofOrg.find((l) => l.category === category);
  const available = line ? line.balanceCents - line.committedCents : null;
  const initial: Partial<RequestForm> = request
    ? { orgId: request.orgId, category: request.category, amount: request.amountCents / 100, purpose: request.purpose }
    : { orgId: orgs.length === 1 ? orgs[0]![0] : undefined };
  // A secretary of one branch: the branch is chosen once its lines are read.
  const only = !request && orgs.length === 1 ? orgs[0]![0] : null;
  useEffect(() => {
    if (only !== null && form.getFieldValue('orgId') === undefined) form.setFieldValue('orgId', only);
  }, [only, form]);
  const submit = async () => {
    const v = await form.validateFields();
    if (!line) return;
    const body = { orgId: v.orgId, budgetLineId: line.id, category: v.category, amountCents: toCents(v.amount), purpose: v.purpose };
    await save(async () => {
      if (request) await api.put(`/api/v1/funds/requests/${request.id}`, { ...body, version: request.version });
      else await api.post('/api/v1/funds/requests', body);
    }, () => {
      onSaved();
      onClose();
    });
  };
  return (
    <Modal open title={request ? t('funds.request.edit') : t('funds.request.new')} onCancel={onClose} onOk={() => void submit()} confirmLoading={saving} okText={t('common.submit')}>
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} /> : null}
      {!lines.loading && orgs.length === 0 ? <Alert type="info" showIcon title={t('funds.request.noLines', { year: today.year })} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" initialValues={initial} onValuesChange={(changed) => 'orgId' in changed && form.setFieldValue('category', undefined)}>
        <Form.Item name="orgId" label={t('funds.col.org')} rules={[{ required: true }]}>
          <Select options={orgs.map(([value, label]) => ({ value, label }))} loading={lines.loading} showSearch={{ optionFilterProp: 'label' }} data-testid="request-org" />
        </Form.Item>
        <Form.Item
          name="category"
          label={t('funds.col.category')}
          rules={[{ required: true }]}
          extra={line ? t('funds.request.available', { available: yuan(available), balance: yuan(line.balanceCents), committed: yuan(line.committedCents) }) : null}
        >
          <Select options={ofOrg.map((l) => ({ value: l.category, label: l.category }))} disabled={!orgId} data-testid="request-category" />
        </Form.Item>
        <Form.Item name="amount" label={t('funds.col.amount')} rules={[{ required: true }]}>
          <YuanInput data-testid="request-amount" />
        </Form.Item>
        {available !== null && amount && toCents(amount) > available ? <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('funds.request.beyond')} /> : null}
        <Form.Item name="purpose" label={t('funds.col.purpose')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 3, maxRows: 6 }} placeholder={t('funds.request.purposePlaceholder')} data-testid="request-purpose" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
