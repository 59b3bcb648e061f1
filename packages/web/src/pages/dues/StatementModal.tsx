import { Alert, App, Button, Flex, Modal, Table, Tag } from 'antd';
import { useState } from 'react';
import { ApiError, uploadFile } from '../../api/client';
import { useErrorText } from '../../api/hooks';
import { ChooseSpreadsheet } from '../../components/FileUpload';
import { type Problem, ProblemAlert } from '../../components/ProblemAlert';
import { useI18n } from '../../i18n';
import { type StatementResult, yuan } from './types';

/**
 * A bank or online payment statement (姓名, 身份证号码, 金额, 缴纳日期, 流水号): matched by name and
 * ID number, each amount paying the member's oldest unpaid months; previewed, then recorded at once.
 */
export function StatementModal({ open, onClose, onSaved }: { open: boolean; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<StatementResult | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (commit: boolean) => {
    if (!file) return;
    setBusy(true);
    setProblem(null);
    try {
      const res = await uploadFile<StatementResult>('/api/v1/dues/statements/file', file, file.name, { fields: { commit } });
      if (commit) {
        void message.success(t('dues.statement.done', { count: res.rows.length }));
        setResult(null);
        setFile(null);
        onSaved();
      } else setResult(res);
    } catch (error) {
      setResult(null);
      setProblem({ title: errorText(error), lines: error instanceof ApiError ? error.details.map((d) => `${d.path}：${d.message}`) : [] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={t('dues.statement.import')} onCancel={onClose} footer={null} width={760} destroyOnHidden>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('dues.statement.hint')} />
      <Flex gap={8} style={{ marginBottom: 12 }}>
        <ChooseSpreadsheet
          onChoose={(f) => {
            setFile(f);
            setResult(null);
            setProblem(null);
          }}
          label={t('dues.statement.choose')}
        />
        <Button disabled={!file} loading={busy} onClick={() => void run(false)}>
          {t('dues.statement.preview')}
        </Button>
        <Button type="primary" disabled={!result || result.errors.length > 0 || result.rows.length === 0} loading={busy} onClick={() => void run(true)}>
          {t('dues.statement.commit')}
        </Button>
      </Flex>
      <ProblemAlert problem={problem} />
      {result ? (
        <>
          {result.errors.length > 0 ? (
            <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('dues.payroll.rowErrors', { count: result.errors.length })} description={<ul style={{ margin: 0 }}>{result.errors.map((e) => <li key={e.path}>{`${e.path}：${e.message}`}</li>)}</ul>} />
          ) : null}
          <Table
            size="small"
            rowKey="row"
            pagination={false}
            dataSource={result.rows}
            columns={[
              { dataIndex: 'row', title: t('dues.payroll.row'), width: 60 },
              { dataIndex: 'name', title: t('dues.col.name') },
              {
                dataIndex: 'months',
                title: t('dues.pay.months'),
                render: (months: StatementResult['rows'][number]['months']) => months.map((m) => <Tag key={m.month}>{`${m.month} ${yuan(m.cents)}`}</Tag>),
              },
              { dataIndex: 'extraCents', title: t('dues.pay.voluntary'), align: 'right', render: (v: number) => (v ? yuan(v) : '—') },
            ]}
          />
        </>
      ) : null}
    </Modal>
  );
}
