import { DUES_BASE_DEDUCTIONS, DUES_PAY_ITEMS } from '@hongyi/core';
import { Alert, App, Button, Card, Checkbox, Descriptions, Flex, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError, api, uploadFile } from '../../api/client';
import type { ApiResult } from '../../api/contract';
import { useApiGet, useErrorText } from '../../api/hooks';
import { ChooseSpreadsheet } from '../../components/FileUpload';
import { type Problem, ProblemAlert } from '../../components/ProblemAlert';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';
import { yearOptions } from './BasesTab';
import { type PayrollChoice, type PayrollPreview, type PayrollRow, rate, yuan } from './types';
import { useToday } from '../../today';

/**
 * Payroll import: the unit chooses once which pay items count and which deductions apply;
 * the sheet is previewed row by row (base, rate, monthly) and committed in one transaction.
 */
export function PayrollTab() {
  const { t } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const settings = useApiGet<PayrollChoice>('/api/v1/dues/payroll/settings');
  const [choice, setChoice] = useState<PayrollChoice | null>(null);
  const today = useToday();
  const [year, setYear] = useState(today.year);
  const [file, setFile] = useState<File | null>(null);
  const [rows, setRows] = useState<PayrollRow[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (settings.data) setChoice(settings.data);
  }, [settings.data]);

  const showError = (error: unknown) => {
    setRows(null);
    setProblem({ title: errorText(error), lines: error instanceof ApiError ? error.details.map((d) => `${d.path}：${d.message}`) : [] });
  };

  const saveChoice = async () => {
    if (!choice) return;
    try {
      setChoice(await api.put<PayrollChoice>('/api/v1/dues/payroll/settings', choice));
      void message.success(t('common.saved'));
      setRows(null);
    } catch (error) {
      void message.error(errorText(error));
      settings.reload();
    }
  };

  const run = async (commit: boolean) => {
    if (!file) return;
    setBusy(true);
    setProblem(null);
    try {
      const options = { fields: { year } };
      if (commit) {
        const result = await uploadFile<ApiResult<'/api/v1/dues/payroll/commit', 'post'>>('/api/v1/dues/payroll/commit', file, file.name, options);
        void message.success(t('dues.payroll.committed', { count: result.count }));
        setRows(null);
        setFile(null);
      } else {
        setRows((await uploadFile<PayrollPreview>('/api/v1/dues/payroll/preview', file, file.name, options)).rows);
      }
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };

  const errorCount = rows?.reduce((n, r) => n + r.errors.length, 0) ?? 0;
  const writable = can('dues.write');
  // The choice is the unit's (every branch's bases follow it): a tenant-wide role changes it.
  const chooser = can('settings.manage');

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small" title={t('dues.payroll.choice')}>
        {choice && !chooser ? (
          <Descriptions column={1} size="small" data-testid="dues-payroll-choice-readonly">
            <Descriptions.Item label={t('dues.payroll.itemsLabel')}>{choice.items.map((i) => t(`dues.payItem.${i}`)).join('、')}</Descriptions.Item>
            <Descriptions.Item label={t('dues.payroll.deductionsLabel')}>{choice.deductions.map((d) => t(`dues.deduction.${d}`)).join('、')}</Descriptions.Item>
            <Descriptions.Item label={t('dues.payroll.setBy')}>{t('dues.payroll.setByOffice')}</Descriptions.Item>
          </Descriptions>
        ) : null}
        {choice && chooser ? (
          <Space orientation="vertical">
            <Flex gap={8} wrap align="center">
              <Typography.Text strong>{t('dues.payroll.items')}</Typography.Text>
              <Checkbox.Group
                value={choice.items}
                options={DUES_PAY_ITEMS.map((i) => ({ value: i, label: t(`dues.payItem.${i}`) }))}
                onChange={(items) => setChoice({ ...choice, items: items as PayrollChoice['items'] })}
              />
            </Flex>
            <Flex gap={8} wrap align="center">
              <Typography.Text strong>{t('dues.payroll.deductions')}</Typography.Text>
              <Checkbox.Group
                value={choice.deductions}
                options={DUES_BASE_DEDUCTIONS.map((d) => ({ value: d, label: t(`dues.deduction.${d}`), disabled: d === 'income_tax' }))}
                onChange={(deductions) => setChoice({ ...choice, deductions: deductions as PayrollChoice['deductions'] })}
              />
            </Flex>
            <Typography.Text type="secondary">{t('dues.payroll.choiceHint')}</Typography.Text>
            <Button onClick={() => void saveChoice()} data-testid="dues-payroll-save-choice">
              {t('common.save')}
            </Button>
          </Space>
        ) : null}
      </Card>
      {writable ? (
        <Flex gap={8} wrap align="center">
          <Select value={year} options={yearOptions(today.year).map((o) => ({ value: Number(o.value), label: o.label }))} style={{ width: 100 }} onChange={setYear} aria-label={t('dues.year')} />
          <ChooseSpreadsheet
            onChoose={(f) => {
              setFile(f);
              setRows(null);
              setProblem(null);
            }}
            label={t('dues.payroll.choose')}
            testId="dues-payroll-choose"
          />
          {file ? <Tag>{file.name}</Tag> : null}
          <Button disabled={!file} loading={busy} onClick={() => void run(false)} data-testid="dues-payroll-preview">
            {t('dues.payroll.preview')}
          </Button>
          <Button type="primary" disabled={!file || !rows || errorCount > 0} loading={busy} onClick={() => void run(true)} data-testid="dues-payroll-commit">
            {t('dues.payroll.commit')}
          </Button>
        </Flex>
      ) : null}
      <Alert type="info" showIcon title={t('dues.payroll.hint')} />
      <ProblemAlert problem={problem} />
      {rows ? (
        <>
          {errorCount > 0 ? <Alert type="warning" showIcon title={t('dues.payroll.rowErrors', { count: errorCount })} /> : <Alert type="success" showIcon title={t('dues.payroll.ready', { count: rows.length })} />}
          <Table<PayrollRow>
            size="small"
            rowKey="row"
            dataSource={rows}
            pagination={{ pageSize: 50 }}
            scroll={{ x: 'max-content' }}
            data-testid="dues-payroll-rows"
            columns={[
              { dataIndex: 'row', title: t('dues.payroll.row'), width: 60 },
              { dataIndex: 'name', title: t('dues.col.name') },
              { dataIndex: 'orgName', title: t('dues.col.branch'), render: (v: string | null) => v ?? '—' },
              { dataIndex: 'grossCents', title: t('dues.payroll.gross'), align: 'right', render: (v: number) => yuan(v) },
              { dataIndex: 'deductionCents', title: t('dues.payroll.deducted'), align: 'right', render: (v: number) => yuan(v) },
              { dataIndex: 'baseCents', title: t('dues.col.base'), align: 'right', render: (v: number | null) => yuan(v) },
              { dataIndex: 'rateBasisPoints', title: t('dues.col.rate'), align: 'right', render: (v: number | null) => rate(v) },
              { dataIndex: 'monthlyCents', title: t('dues.col.monthly'), align: 'right', render: (v: number | null) => yuan(v) },
              { dataIndex: 'previousMonthlyCents', title: t('dues.payroll.previous'), align: 'right', render: (v: number | null) => yuan(v) },
              {
                dataIndex: 'errors',
                title: t('dues.payroll.check'),
                render: (errors: PayrollRow['errors']) =>
                  errors.length === 0 ? <Tag color="green">{t('dues.payroll.ok')}</Tag> : errors.map((e) => <div key={e.path}><Typography.Text type="danger">{e.message}</Typography.Text></div>),
              },
            ]}
          />
        </>
      ) : null}
    </Space>
  );
}
