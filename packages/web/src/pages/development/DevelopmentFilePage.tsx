import { Alert, Button, Descriptions, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography, message } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useParams } from 'react-router';
import { DEVELOPMENT_ENTRY_KINDS, DEVELOPMENT_RULES, DEVELOPMENT_STEP, stepDef } from '@hongyi/core';
import { ApiError, api, downloadFile } from '../../api/client';
import type { ApiResult } from '../../api/contract';
import { useApiGet, useErrorText } from '../../api/hooks';
import { PageCard } from '../../components/PageCard';
import { type MessageKey, useI18n } from '../../i18n';
import { STATUS_COLORS } from './DevelopmentPage';
import { DocumentsSection, EditDetailsButton } from './FileExtras';
import { DatePicker } from '../../components/DatePicker';
import { useToday } from '../../today';

/** The file as GET /api/v1/development/files/:id answers it (types from the API contract). */
export type FileDetail = ApiResult<'/api/v1/development/files/{id}'>;
type Entry = FileDetail['entries'][number];

function problemText(err: unknown, fallback: (e: unknown) => string): string {
  if (err instanceof ApiError) return [err.message, ...err.details.map((d) => d.message)].filter((x, i, a) => a.indexOf(x) === i).join('；');
  return fallback(err);
}

/** A person's development file: every entry with corrections beside what they replaced. */
export function DevelopmentFileView({ file, reload }: { file: FileDetail; reload: () => void }) {
  const { t } = useI18n();
  const today = useToday();
  const errorText = useErrorText();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [correcting, setCorrecting] = useState<Entry | null>(null);
  const [formText, setFormText] = useState<{ title: string; text: string } | null>(null);
  const kind = Form.useWatch('kind', form) ?? 'step';
  const branch = useApiGet<{ items: { id: number; name: string; category: string }[] }>(file.canWrite ? `/api/v1/members?orgId=${file.orgId}&pageSize=200` : null);
  const next = file.progress.nextStep;
  // What the next step asks for besides its date: the people it names (mentors, sponsors), the
  // training it records, the reason for a late approval.
  const nextNames = kind === 'step' && next !== null && stepDef(next).people !== undefined;
  const nextIs = (step: number) => kind === 'step' && next === step;
  const entryName = (e: { kind: string; step: number | null }) => (e.kind === 'step' && e.step ? `${e.step}. ${t(`development.step.${e.step}` as MessageKey)}` : t(`development.kind.${e.kind}` as MessageKey));

  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    try {
      await api.post(`/api/v1/development/files/${file.id}/entries`, {
        version: file.version,
        kind: v.kind,
        step: v.kind === 'step' ? next : null,
        date: v.date.format('YYYY-MM-DD'),
        peopleIds: v.peopleIds ?? [],
        documents: String(v.documents ?? '').split(/[,，、]/).map((s: string) => s.trim()).filter(Boolean),
        note: v.note ?? '',
        details: {
          ...(v.trainingDays != null ? { trainingDays: v.trainingDays } : {}),
          ...(v.classHours != null ? { classHours: v.classHours } : {}),
          ...(v.noticeEnd ? { noticeEnd: v.noticeEnd.format('YYYY-MM-DD') } : {}),
          ...(v.extensionReason ? { extensionReason: v.extensionReason } : {}),
          ...(v.extensionMonths != null ? { extensionMonths: v.extensionMonths } : {}),
          ...(v.reason ? { reason: v.reason } : {}),
        },
      });
      message.success(t('development.saved'));
      form.resetFields();
      reload();
    } catch (err) {
      setError(problemText(err, errorText));
    }
  };

  const columns: ColumnsType<Entry> = [
    { key: 'date', dataIndex: 'date', title: t('development.col.date'), width: 110 },
    {
      key: 'entry',
      title: t('development.col.entry'),
      render: (_, e) => (
        <Space size={4} wrap>
          <span style={e.supersededBy ? { textDecoration: 'line-through', color: '#999' } : undefined}>{entryName(e)}</span>
          {e.supersededBy && <Tag>{t('development.superseded')}</Tag>}
          {e.correctsId && <Tag color="gold">{`${t('development.correction')}：${e.correctionReason}`}</Tag>}
          {e.imported && <Tag>{t('development.imported')}</Tag>}
          {e.warnings.map((w) => (
            <Tag color="orange" key={w.message}>{`${t('development.warning')}：${w.message}`}</Tag>
          ))}
        </Space>
      ),
    },
    { key: 'people', title: t('development.col.people'), render: (_, e) => e.people.map((p) => p.name).join('、') },
    {
      key: 'documents',
      title: t('development.col.documents'),
      // Names of the papers on file, then the files uploaded for this entry (downloadable).
      render: (_, e) => (
        <Space size={[4, 0]} wrap>
          {e.documents.length > 0 && <span>{e.documents.join('、')}</span>}
          {file.uploads
            .filter((u) => u.entryId === e.id && !u.withdrawn)
            .map((u) => (
              <Button key={u.id} type="link" size="small" style={{ padding: 0 }} onClick={() => void downloadFile(`/api/v1/development/files/${file.id}/documents/${u.id}`, u.name)}>
                {u.name}
              </Button>
            ))}
        </Space>
      ),
    },
    {
      key: 'note',
      title: t('development.col.note'),
      render: (_, e) =>
        [
          e.details.trainingDays ? t('development.note.trainingDays', { days: String(e.details.trainingDays) }) : '',
          e.details.classHours ? t('development.note.classHours', { hours: String(e.details.classHours) }) : '',
          e.details.noticeEnd ? t('development.note.noticeEnd', { date: String(e.details.noticeEnd) }) : '',
          e.details.extensionMonths ? t('development.note.extensionMonths', { months: String(e.details.extensionMonths) }) : '',
          e.details.extensionReason ? String(e.details.extensionReason) : '',
          e.details.reason ? String(e.details.reason) : '',
          e.note,
        ]
          .filter(Boolean)
          .join('；'),
    },
    { key: 'by', dataIndex: 'createdByName', title: t('development.col.by'), width: 90 },
    ...(file.canWrite
      ? [{ key: 'actions', title: t('common.actions'), width: 80, render: (_: unknown, e: Entry) => (!e.supersededBy ? <Button size="small" onClick={() => setCorrecting(e)}>{t('development.correct')}</Button> : null) }]
      : []),
  ];

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      <EditDetailsButton file={file} onSaved={reload} />
      <Descriptions size="small" bordered column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label={t('development.col.name')}>{file.name}</Descriptions.Item>
        <Descriptions.Item label={t('development.col.status')}>
          <Tag color={STATUS_COLORS[file.status]}>{t(`development.status.${file.status}` as MessageKey)}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('development.col.org')}>{file.orgName}</Descriptions.Item>
        <Descriptions.Item label={t('development.idNumber')}>{file.idNumber}</Descriptions.Item>
        <Descriptions.Item label={t('development.nextStep')}>{next ? `${next}. ${t(`development.step.${next}` as MessageKey)}` : t('development.done')}</Descriptions.Item>
        <Descriptions.Item label={t('development.probation')}>{file.progress.probationStart ? `${file.progress.probationStart} — ${file.progress.probationEnd}` : t('common.none')}</Descriptions.Item>
      </Descriptions>
      {file.dues.map((d) => (
        <Alert key={d.kind} type={d.date < today.date ? 'error' : 'warning'} showIcon title={`${d.label}：${d.date}`} />
      ))}
      <Table rowKey="id" size="small" columns={columns} dataSource={file.entries} pagination={false} scroll={{ x: 900 }} data-testid="development-entries" />
      <DocumentsSection file={file} reload={reload} onShowForm={(url) => void api.get<{ title: string; text: string }>(url).then(setFormText)} />
      {file.canWrite && file.status !== 'disqualified' && next !== null && (
        <div data-testid="development-record">
        <PageCard title={t('development.record')}>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="development-error" />}
          <Form form={form} layout="inline" initialValues={{ kind: 'step' }} style={{ rowGap: 12 }}>
            <Form.Item name="kind" label={t('development.kindLabel')}>
              <Select
                style={{ width: 200 }}
                data-testid="development-kind"
                options={DEVELOPMENT_ENTRY_KINDS.map((k) => ({
                  value: k,
                  label: k === 'step' && next ? `${next}. ${t(`development.step.${next}` as MessageKey)}` : t(`development.kind.${k}` as MessageKey),
                }))}
              />
            </Form.Item>
            <Form.Item name="date" label={t('development.col.date')} rules={[{ required: true }]}>
              <DatePicker />
            </Form.Item>
            {nextNames && (
              <Form.Item name="peopleIds" label={t('development.peopleLabel')}>
                <Select
                  mode="multiple"
                  style={{ minWidth: 260 }}
                  data-testid="development-people"
                  optionFilterProp="label"
                  options={(branch.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }))}
                />
              </Form.Item>
            )}
            {nextIs(DEVELOPMENT_STEP.concentrated_training) && (
              <>
                <Form.Item name="trainingDays" label={t('development.trainingDays')}>
                  <InputNumber min={0} max={365} />
                </Form.Item>
                <Form.Item name="classHours" label={t('development.classHours')}>
                  <InputNumber min={0} max={2000} />
                </Form.Item>
              </>
            )}
            {kind === 'notice' && (
              <Form.Item
                name="noticeEnd"
                label={t('development.noticeEnd')}
                rules={[{ required: true }]}
                extra={t(file.publicNotice.unit === 'working_days' ? 'development.noticeRule.working_days' : 'development.noticeRule.calendar_days', { days: file.publicNotice.days })}
              >
                <DatePicker />
              </Form.Item>
            )}
            {nextIs(DEVELOPMENT_STEP.admission_approval) && (
              <Form.Item name="extensionReason" label={t('development.extensionReason')}>
                <Input style={{ width: 260 }} />
              </Form.Item>
            )}
            {kind === 'probation_extension' && (
              <Form.Item name="extensionMonths" label={t('development.extensionMonths')} rules={[{ required: true }]}>
                <InputNumber min={DEVELOPMENT_RULES.probationExtensionMinMonths} max={DEVELOPMENT_RULES.probationExtensionMaxMonths} />
              </Form.Item>
            )}
            {(kind === 'probation_extension' || kind === 'disqualified') && (
              <Form.Item name="reason" label={t('development.reason')} rules={[{ required: true }]}>
                <Input style={{ width: 260 }} />
              </Form.Item>
            )}
            <Form.Item name="documents" label={t('development.documentsLabel')}>
              <Input style={{ width: 220 }} />
            </Form.Item>
            <Form.Item name="note" label={t('development.noteLabel')}>
              <Input style={{ width: 220 }} />
            </Form.Item>
            <Form.Item>
              <Button type="primary" onClick={() => void submit()} data-testid="development-submit">
                {t('development.record')}
              </Button>
            </Form.Item>
          </Form>
        </PageCard>
        </div>
      )}
      <CorrectionModal file={file} entry={correcting} onClose={() => setCorrecting(null)} onDone={reload} />
      <Modal open={formText !== null} title={formText?.title} onCancel={() => setFormText(null)} footer={null} width={720}>
        <Typography.Paragraph copyable style={{ whiteSpace: 'pre-wrap' }}>
          {formText?.text}
        </Typography.Paragraph>
      </Modal>
    </Space>
  );
}

function CorrectionModal({ file, entry, onClose, onDone }: { file: FileDetail; entry: Entry | null; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const ok = async () => {
    if (!entry) return;
    const v = await form.validateFields();
    try {
      await api.post(`/api/v1/development/files/${file.id}/entries/${entry.id}/corrections`, {
        version: file.version,
        reason: v.reason,
        date: v.date.format('YYYY-MM-DD'),
        peopleIds: entry.people.map((p) => p.memberId),
        details: entry.details,
        documents: entry.documents,
        note: entry.note,
      });
      onClose();
      onDone();
    } catch (err) {
      setError(problemText(err, errorText));
    }
  };
  return (
    <Modal open={entry !== null} title={t('development.correct')} onCancel={onClose} onOk={() => void ok()} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ date: entry ? dayjs(entry.date) : undefined }} key={entry?.id}>
        <Form.Item name="date" label={t('development.col.date')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="reason" label={t('development.correctionReason')} rules={[{ required: true }]}>
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function DevelopmentFilePage() {
  const { t } = useI18n();
  const { id } = useParams();
  const file = useApiGet<FileDetail>(`/api/v1/development/files/${id}`);
  const errorText = useErrorText();
  return (
    <PageCard title={file.data ? `${t('development.title')}：${file.data.name}` : t('development.title')}>
      {file.error ? <Alert type="error" title={errorText(file.error)} /> : file.data ? <DevelopmentFileView file={file.data} reload={file.reload} /> : null}
    </PageCard>
  );
}
