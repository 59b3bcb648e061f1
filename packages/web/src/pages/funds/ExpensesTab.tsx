/**
 * The expenses on a year's lines, newest first: paid requests and what the office records
 * directly (the same rule: no overdraft without the overrun's reason). An expense opens with its
 * invoices.
 */
import { Alert, Button, Descriptions, Drawer, Form, Grid, Input, Modal, Select, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { api } from '../../api/client';
import { useApiGet } from '../../api/hooks';
import { DatePicker } from '../../components/DatePicker';
import { type FilterDef, ListToolbar, ServerTable, useServerList } from '../../components/ServerList';
import { EvidenceFiles } from '../../components/EvidenceFiles';
import { useFormSubmit } from '../../components/useFormSubmit';
import { NewButton } from '../../components/NewButton';
import { useI18n } from '../../i18n';
import { useToday } from '../../today';
import { type ExpenseDetail, type ExpenseRow, type LineList, YuanInput, toCents, yuan, useFundsErrorText } from './shared';

const FILTERS = ['year', 'orgId', 'budgetLineId'] as const;

export function ExpensesTab({ year }: { year: number }) {
  const { t } = useI18n();
  const list = useServerList<ExpenseRow>({ url: '/api/v1/funds/expenses', filterKeys: FILTERS, defaultPageSize: 20 });
  const [open, setOpen] = useState<number | null>(null);
  const [adding, setAdding] = useState(false);
  const filters = useMemo<FilterDef[]>(() => [{ kind: 'org', name: 'orgId', placeholder: t('funds.filter.org') }], [t]);
  const columns: ColumnsType<ExpenseRow> = [
    { key: 'spentOn', title: t('funds.col.spentOn'), dataIndex: 'spentOn', width: 110 },
    { key: 'org', title: t('funds.col.org'), dataIndex: 'orgName', width: 190 },
    { key: 'category', title: t('funds.col.category'), dataIndex: 'category', width: 90 },
    { key: 'amount', title: t('funds.col.spent'), align: 'right', width: 110, render: (_, e) => yuan(e.amountCents) },
    { key: 'purpose', title: t('funds.col.purpose'), dataIndex: 'purpose', width: 220, ellipsis: true },
    { key: 'voucher', title: t('funds.col.voucher'), dataIndex: 'voucherNo', width: 110 },
    { key: 'source', title: t('funds.col.source'), width: 130, render: (_, e) => (e.requestId ? t('funds.expense.fromRequest', { id: e.requestId }) : t('funds.expense.direct')) },
    { key: 'overrun', title: t('funds.col.overrunReason'), width: 160, render: (_, e) => (e.overrunCents > 0 ? <Tag color="red">{t('funds.expense.overrun', { amount: yuan(e.overrunCents) })}</Tag> : null) },
  ];
  return (
    <>
      {list.filters.budgetLineId ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('funds.expense.ofLine')}
          action={
            <Button size="small" onClick={() => list.setFilters({ budgetLineId: null })}>
              {t('funds.expense.allLines')}
            </Button>
          }
        />
      ) : null}
      <ListToolbar
        list={list}
        filters={filters}
        extra={
          <NewButton permission="funds.approve" onClick={() => setAdding(true)} testId="new-expense">
            {t('funds.expense.new')}
          </NewButton>
        }
      />
      <ServerTable<ExpenseRow>
        list={list}
        columns={columns.map((c) => ({ ...c, onCell: (e: ExpenseRow) => ({ onClick: () => setOpen(e.id), style: { cursor: 'pointer' } }) }))}
        rowKey="id"
        scrollX={1100}
        data-testid="expenses"
      />
      {open !== null ? <ExpenseDrawer id={open} onClose={() => setOpen(null)} onChanged={list.reload} /> : null}
      {adding ? <ExpenseModal year={year} onClose={() => setAdding(false)} onSaved={list.reload} /> : null}
    </>
  );
}

function ExpenseDrawer({ id, onClose, onChanged }: { id: number; onClose: () => void; onChanged: () => void }) {
  const { t } = useI18n();
  const phone = Grid.useBreakpoint().md === false;
  const { data, reload } = useApiGet<ExpenseDetail>(`/api/v1/funds/expenses/${id}`);
  return (
    <Drawer open onClose={onClose} size={phone ? '100%' : 'large'} title={data ? `${data.orgName} · ${data.category}` : ''}>
      {data ? (
        <>
          <Descriptions bordered size="small" column={1} layout={phone ? 'vertical' : 'horizontal'} style={{ marginBottom: 16 }} data-testid="expense-detail">
            <Descriptions.Item label={t('funds.col.spentOn')}>{data.spentOn}</Descriptions.Item>
            <Descriptions.Item label={t('funds.col.spent')}>{`${yuan(data.amountCents)} ${t('funds.yuan')}`}</Descriptions.Item>
            <Descriptions.Item label={t('funds.col.purpose')}>{data.purpose}</Descriptions.Item>
            <Descriptions.Item label={t('funds.col.voucher')}>{data.voucherNo}</Descriptions.Item>
            <Descriptions.Item label={t('funds.col.source')}>{data.requestId ? t('funds.expense.fromRequest', { id: data.requestId }) : t('funds.expense.direct')}</Descriptions.Item>
            {data.overrunReason ? <Descriptions.Item label={t('funds.col.overrunReason')}>{t('funds.overrunText', { amount: yuan(data.overrunCents), reason: data.overrunReason })}</Descriptions.Item> : null}
            <Descriptions.Item label={t('funds.col.recordedBy')}>{data.createdByName}</Descriptions.Item>
          </Descriptions>
          <EvidenceFiles
            files={data.fileList}
            canUpload={data.canUpload}
            canWithdraw={data.canUpload}
            url={`/api/v1/funds/expenses/${id}/files`}
            uploadLabel={t('funds.fileUpload')}
            emptyText={t('funds.fileNone')}
            testId="expense-files"
            onChanged={() => (reload(), onChanged())}
          />
        </>
      ) : null}
    </Drawer>
  );
}

interface ExpenseForm {
  budgetLineId: number;
  spentOn: Dayjs;
  amount: number;
  purpose: string;
  voucherNo: string;
  overrunReason: string;
}

function ExpenseModal({ year, onClose, onSaved }: { year: number; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const errorText = useFundsErrorText();
  const today = useToday();
  const lines = useApiGet<LineList>(`/api/v1/funds/lines?year=${year}&pageSize=200`);
  const [form] = Form.useForm<ExpenseForm>();
  const lineId = Form.useWatch('budgetLineId', form);
  const amount = Form.useWatch('amount', form);
  const { saving, problem, submit: save } = useFormSubmit(form, { errorText });
  const line = lines.data?.items.find((l) => l.id === lineId);
  const overrun = line && amount ? Math.max(0, toCents(amount) - Math.max(0, line.balanceCents)) : 0;
  const submit = async () => {
    const v = await form.validateFields();
    await save(() => api.post('/api/v1/funds/expenses', { budgetLineId: v.budgetLineId, spentOn: v.spentOn.format('YYYY-MM-DD'), amountCents: toCents(v.amount), purpose: v.purpose, voucherNo: v.voucherNo, overrunReason: v.overrunReason ?? '' }), () => {
      onSaved();
      onClose();
    });
  };
  return (
    <Modal open title={t('funds.expense.new')} onCancel={onClose} onOk={() => void submit()} confirmLoading={saving} okText={t('common.save')}>
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" initialValues={{ spentOn: today.day, overrunReason: '' }}>
        <Form.Item name="budgetLineId" label={t('funds.col.line')} rules={[{ required: true }]} extra={line ? t('funds.request.payBalance', { balance: yuan(line.balanceCents) }) : null}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={lines.loading}
            options={(lines.data?.items ?? []).map((l) => ({ value: l.id, label: `${l.orgName} · ${l.category}` }))}
            data-testid="expense-line"
          />
        </Form.Item>
        <Form.Item name="spentOn" label={t('funds.col.spentOn')} rules={[{ required: true }]}>
          <DatePicker maxDate={today.day} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="amount" label={t('funds.col.spent')} rules={[{ required: true }]}>
          <YuanInput />
        </Form.Item>
        <Form.Item name="purpose" label={t('funds.col.purpose')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
        <Form.Item name="voucherNo" label={t('funds.col.voucher')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={50} placeholder={t('funds.voucherPlaceholder')} />
        </Form.Item>
        {overrun > 0 ? <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('funds.overrunWarning', { overrun: yuan(overrun) })} /> : null}
        <Form.Item name="overrunReason" label={t('funds.col.overrunReason')} extra={t('funds.overrunHelp')}>
          <Input.TextArea maxLength={200} autoSize={{ minRows: 1, maxRows: 3 }} />
        </Form.Item>
      </Form>
      <Typography.Text type="secondary">{t('funds.expense.help')}</Typography.Text>
    </Modal>
  );
}
