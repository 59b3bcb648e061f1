import { DownloadOutlined, EditOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Modal, Select, Space, Table, Tag, Typography, Upload, message } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { useState } from 'react';
import { ApiError, api, downloadFile } from '../../api/client';
import { useErrorText } from '../../api/hooks';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { type MessageKey, useI18n } from '../../i18n';

/** At most 10 MB per document (the server refuses larger ones too). */
const MAX_BYTES = 10 * 1024 * 1024;

export interface Upload {
  id: number;
  entryId: number | null;
  name: string;
  contentType: string;
  size: number;
  createdByName: string;
  createdAt: string;
  withdrawn: boolean;
  withdrawnReason: string;
}
export interface Generated {
  key: string;
  title: string;
  url: string;
  format: 'docx' | 'text';
  step: number | null;
}
interface EntryRef {
  id: number;
  kind: string;
  step: number | null;
  date: string;
  supersededBy: number | null;
}
interface FileRef {
  id: number;
  version: number;
  name: string;
  idNumber: string;
  orgId: number;
  education: string | null;
  phone?: string;
  ethnicity: string;
  canWrite: boolean;
  entries: EntryRef[];
  uploads: Upload[];
  generated: Generated[];
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).split(',')[1] ?? '');
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

function problemText(err: unknown, fallback: (e: unknown) => string): string {
  if (err instanceof ApiError) return [err.message, ...err.details.map((d) => d.message)].filter((x, i, a) => x && a.indexOf(x) === i).join('；');
  return fallback(err);
}

/**
 * 材料: documents uploaded for the steps (optional evidence) beside the documents Hongyi
 * generates from the file (Word file, prefilled forms).
 */
export function DocumentsSection({ file, reload, onShowForm }: { file: FileRef; reload: () => void; onShowForm: (url: string) => void }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const [entryId, setEntryId] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const entryName = (e: { kind: string; step: number | null }) => (e.kind === 'step' && e.step ? `${e.step}. ${t(`development.step.${e.step}` as MessageKey)}` : t(`development.kind.${e.kind}` as MessageKey));
  const byId = new Map(file.entries.map((e) => [e.id, e]));
  const live = file.entries.filter((e) => !e.supersededBy);

  const upload = async (f: File) => {
    setError(null);
    if (f.size > MAX_BYTES) {
      setError(t('development.docs.tooLarge', { name: f.name, size: sizeText(f.size) }));
      return;
    }
    setUploading(true);
    try {
      await api.post(`/api/v1/development/files/${file.id}/documents`, { entryId, name: f.name, contentType: f.type || 'application/octet-stream', dataBase64: await readBase64(f) });
      message.success(t('development.docs.uploaded'));
      reload();
    } catch (err) {
      setError(problemText(err, errorText));
    } finally {
      setUploading(false);
    }
  };
  const withdraw = (doc: Upload) => {
    let reason = '';
    Modal.confirm({
      title: t('development.docs.withdrawTitle', { name: doc.name }),
      content: <Input placeholder={t('development.reason')} onChange={(e) => (reason = e.target.value)} data-testid="development-withdraw-reason" />,
      onOk: async () => {
        try {
          await api.post(`/api/v1/development/files/${file.id}/documents/${doc.id}/withdraw`, { reason: reason.trim() || '—' });
          reload();
        } catch (err) {
          message.error(problemText(err, errorText));
        }
      },
    });
  };

  const columns: ColumnsType<Upload> = [
    {
      key: 'name',
      title: t('development.docs.name'),
      render: (_, d) =>
        d.withdrawn ? (
          <Space size={4} wrap>
            <Typography.Text delete type="secondary">{d.name}</Typography.Text>
            <Tag>{`${t('development.docs.withdrawn')}：${d.withdrawnReason}`}</Tag>
          </Space>
        ) : (
          <Button type="link" size="small" icon={<DownloadOutlined />} onClick={() => void downloadFile(`/api/v1/development/files/${file.id}/documents/${d.id}`, d.name)}>
            {d.name}
          </Button>
        ),
    },
    { key: 'entry', title: t('development.docs.forEntry'), render: (_, d) => (d.entryId && byId.get(d.entryId) ? entryName(byId.get(d.entryId)!) : t('development.docs.wholeFile')) },
    { key: 'size', title: t('development.docs.size'), width: 90, render: (_, d) => sizeText(d.size) },
    { key: 'by', title: t('development.col.by'), width: 160, render: (_, d) => <span style={{ whiteSpace: 'nowrap' }}>{`${d.createdByName} ${d.createdAt.slice(0, 10)}`}</span> },
    ...(file.canWrite
      ? [{ key: 'actions', title: t('common.actions'), width: 80, render: (_: unknown, d: Upload) => (d.withdrawn ? null : <Button size="small" danger onClick={() => withdraw(d)}>{t('development.docs.withdraw')}</Button>) }]
      : []),
  ];

  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="development-documents">
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('development.docs.title')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('development.docs.hint')}</Typography.Text>
      <Space wrap data-testid="development-generated">
        {file.generated.map((g) => (
          <Button key={g.key} icon={<DownloadOutlined />} onClick={() => (g.format === 'docx' ? void downloadFile(g.url, `${file.name}.docx`) : onShowForm(g.url))}>
            {g.title}
          </Button>
        ))}
      </Space>
      {file.canWrite && (
        <Space wrap>
          <Select
            style={{ width: 280 }}
            value={entryId ?? 0}
            onChange={(v) => setEntryId(v === 0 ? null : v)}
            options={[{ value: 0, label: t('development.docs.wholeFile') }, ...live.map((e) => ({ value: e.id, label: `${entryName(e)}（${e.date}）` }))]}
            aria-label={t('development.docs.forEntry')}
          />
          <Upload
            showUploadList={false}
            beforeUpload={(f) => {
              void upload(f);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={uploading} data-testid="development-upload">
              {t('development.docs.upload')}
            </Button>
          </Upload>
        </Space>
      )}
      {error && <Alert type="error" showIcon title={error} data-testid="development-upload-error" />}
      <Table rowKey="id" size="small" columns={columns} dataSource={file.uploads} pagination={false} locale={{ emptyText: t('development.docs.none') }} data-testid="development-uploads" />
    </Space>
  );
}

/** Editing the person's details after the file is opened (version-checked; a stale page gets 409). */
export function EditDetailsButton({ file, onSaved }: { file: FileRef; onSaved: () => void }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm();
  if (!file.canWrite) return null;
  const save = async () => {
    const v = await form.validateFields();
    setError(null);
    try {
      const body: Record<string, unknown> = { version: file.version, name: v.name, ethnicity: v.ethnicity, education: v.education || null, orgId: v.orgId };
      // The masked ID number is only sent when it was retyped.
      if (v.idNumber && v.idNumber !== file.idNumber) body.idNumber = v.idNumber;
      if (v.phone !== undefined && v.phone !== file.phone) body.phone = v.phone;
      await api.patch(`/api/v1/development/files/${file.id}`, body);
      setOpen(false);
      message.success(t('development.saved'));
      onSaved();
    } catch (err) {
      setError(problemText(err, errorText));
    }
  };
  return (
    <>
      <Button icon={<EditOutlined />} onClick={() => setOpen(true)} data-testid="development-edit">
        {t('development.edit')}
      </Button>
      <Modal open={open} title={t('development.edit')} onCancel={() => setOpen(false)} onOk={() => void save()} destroyOnHidden>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="development-edit-error" />}
        <Form
          form={form}
          layout="vertical"
          initialValues={{ name: file.name, idNumber: file.idNumber, ethnicity: file.ethnicity, education: file.education ?? '', phone: file.phone, orgId: file.orgId }}
        >
          <Form.Item name="name" label={t('development.col.name')} rules={[{ required: true }]}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="idNumber" label={t('development.idNumber')} extra={t('development.idNumberHint')} rules={[{ required: true, len: 18 }]}>
            <Input maxLength={18} />
          </Form.Item>
          <Form.Item name="orgId" label={t('development.orgId')} rules={[{ required: true }]}>
            <OrgTreeSelect />
          </Form.Item>
          <Form.Item name="ethnicity" label={t('development.ethnicity')} rules={[{ required: true }]}>
            <Input maxLength={20} />
          </Form.Item>
          <Form.Item name="education" label={t('development.education')}>
            <Input maxLength={20} />
          </Form.Item>
          <Form.Item name="phone" label={t('development.phone')}>
            <Input maxLength={20} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
