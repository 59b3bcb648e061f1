import { DownloadOutlined, EditOutlined } from '@ant-design/icons';
import { ETHNIC_GROUPS } from '@hongyi/core';
import { Alert, Button, Form, Input, Modal, Select, Space, Typography, message } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { type ReactNode, useState } from 'react';
import { api, downloadFile } from '../../api/client';
import { useErrorText } from '../../api/hooks';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { EvidenceFiles } from '../../components/EvidenceFiles';
import { problemText } from '../../components/FileUpload';
import type { ApiResult } from '../../api/contract';
import { type MessageKey, useI18n } from '../../i18n';

/** The file as GET /api/v1/development/files/:id answers it (types from the API contract). */
type FileDetail = ApiResult<'/api/v1/development/files/{id}'>;
type Upload = FileDetail['uploads'][number];
type FileRef = Pick<FileDetail, 'id' | 'version' | 'name' | 'idNumber' | 'orgId' | 'education' | 'ethnicity' | 'canWrite' | 'entries' | 'uploads' | 'generated'> & { phone?: string };

/**
 * 材料: documents uploaded for the steps (optional evidence) beside the documents Hongyi
 * generates from the file (Word file, prefilled forms).
 */
export function DocumentsSection({ file, reload, onShowForm }: { file: FileRef; reload: () => void; onShowForm: (url: string) => void }) {
  const { t } = useI18n();
  const [entryId, setEntryId] = useState<number | null>(null);
  const entryName = (e: { kind: string; step: number | null }) => (e.kind === 'step' && e.step ? `${e.step}. ${t(`development.step.${e.step}` as MessageKey)}` : t(`development.kind.${e.kind}` as MessageKey));
  const byId = new Map(file.entries.map((e) => [e.id, e]));
  const live = file.entries.filter((e) => !e.supersededBy);

  const forEntry: ColumnsType<Upload> = [
    { key: 'entry', title: t('development.docs.forEntry'), render: (_, d) => (d.entryId && byId.get(d.entryId) ? entryName(byId.get(d.entryId)!) : t('development.docs.wholeFile')) },
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
      <EvidenceFiles
        files={file.uploads}
        canUpload={file.canWrite}
        canWithdraw={file.canWrite}
        url={`/api/v1/development/files/${file.id}/documents`}
        extraFields={entryId === null ? undefined : { entryId }}
        extraColumns={forEntry}
        controls={
          <Select
            style={{ width: 280 }}
            value={entryId ?? 0}
            onChange={(v) => setEntryId(v === 0 ? null : v)}
            options={[{ value: 0, label: t('development.docs.wholeFile') }, ...live.map((e) => ({ value: e.id, label: `${entryName(e)}（${e.date}）` }))]}
            aria-label={t('development.docs.forEntry')}
            data-testid="development-doc-entry"
          />
        }
        uploadLabel={t('development.docs.upload')}
        emptyText={t('development.docs.none')}
        testId="development"
        onChanged={reload}
      />
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
          <FilePersonFields idNumberHint={t('development.idNumberHint')}>
            <Form.Item name="ethnicity" label={t('development.ethnicity')} rules={[{ required: true }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={ETHNIC_GROUPS.map((e) => ({ value: e, label: e }))} />
            </Form.Item>
          </FilePersonFields>
        </Form>
      </Modal>
    </>
  );
}

/** The applicant's own fields, as the new file and the edit ask them: name, ID number, branch, then what the form adds, then education and phone. */
export function FilePersonFields({ idNumberHint, children }: { idNumberHint?: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <>
      <Form.Item name="name" label={t('development.col.name')} rules={[{ required: true }]}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="idNumber" label={t('development.idNumber')} extra={idNumberHint} rules={[{ required: true, len: 18 }]}>
        <Input maxLength={18} />
      </Form.Item>
      <Form.Item name="orgId" label={t('development.orgId')} rules={[{ required: true }]}>
        <OrgTreeSelect data-testid="development-org" />
      </Form.Item>
      {children}
      <Form.Item name="education" label={t('development.education')}>
        <Input maxLength={20} />
      </Form.Item>
      <Form.Item name="phone" label={t('development.phone')}>
        <Input maxLength={20} />
      </Form.Item>
    </>
  );
}
