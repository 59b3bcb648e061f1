import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Modal, Space, Table, Tag, Typography, Upload, message } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { type ReactNode, useState } from 'react';
import { ApiError, api, downloadFile, uploadFile } from '../api/client';
import { useErrorText } from '../api/hooks';
import { useI18n } from '../i18n';

/** At most 10 MB per file (the server refuses larger ones too). */
const MAX_BYTES = 10 * 1024 * 1024;
/** What the picker offers; the server decides by the file's bytes (lib/uploads.ts EVIDENCE_TYPES). */
const ACCEPT = '.pdf,.jpg,.jpeg,.png,.docx,.xlsx';

/** An uploaded file as the server lists it (lib/uploads.ts). */
export interface UploadItem {
  id: number;
  name: string;
  contentType: string;
  size: number;
  createdByName: string;
  createdAt: string;
  withdrawn: boolean;
  withdrawnReason: string;
}

export function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** An API error's message with its details, each once; other errors as the fallback gives them. */
export function problemText(err: unknown, fallback: (e: unknown) => string): string {
  if (err instanceof ApiError) return [err.message, ...err.details.map((d) => d.message)].filter((x, i, a) => x && a.indexOf(x) === i).join('；');
  return fallback(err);
}

export interface UploadsProps<T extends UploadItem> {
  items: T[];
  canWrite: boolean;
  /** POST here to upload. */
  uploadUrl: string;
  /** GET to download; `${itemUrl}/withdraw` to withdraw. */
  itemUrl: (item: T) => string;
  /** Sent with each upload besides the file (e.g. the entry it supports). */
  extraFields?: Record<string, string | number | boolean>;
  /** Columns after the file name. */
  extraColumns?: ColumnsType<T>;
  /** Shown before the upload button (e.g. what the file is for). */
  controls?: ReactNode;
  uploadLabel: string;
  emptyText: string;
  /** Prefix of the data-testid attributes. */
  testId: string;
  onChanged: () => void;
}

/**
 * Optional evidence uploaded to a record: the list (download, withdraw with a reason) and the
 * upload button. Withdrawn files stay listed, struck through, with the reason.
 */
export function Uploads<T extends UploadItem>(props: UploadsProps<T>) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const [error, setError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);

  const upload = async (f: File) => {
    setError(null);
    if (f.size > MAX_BYTES) {
      setError(t('uploads.tooLarge', { name: f.name, size: sizeText(f.size) }));
      return;
    }
    setUploading(true);
    try {
      await uploadFile(props.uploadUrl, f, f.name, props.extraFields ? { fields: props.extraFields } : {});
      message.success(t('uploads.uploaded'));
      props.onChanged();
    } catch (err) {
      setError(problemText(err, errorText));
    } finally {
      setUploading(false);
    }
  };
  const withdraw = (item: T) => {
    let reason = '';
    Modal.confirm({
      title: t('uploads.withdrawTitle', { name: item.name }),
      content: <Input placeholder={t('uploads.reason')} onChange={(e) => (reason = e.target.value)} data-testid={`${props.testId}-withdraw-reason`} />,
      onOk: async () => {
        try {
          await api.post(`${props.itemUrl(item)}/withdraw`, { reason: reason.trim() || '—' });
          props.onChanged();
        } catch (err) {
          message.error(problemText(err, errorText));
        }
      },
    });
  };

  const columns: ColumnsType<T> = [
    {
      key: 'name',
      title: t('uploads.name'),
      render: (_, d) =>
        d.withdrawn ? (
          <Space size={4} wrap>
            <Typography.Text delete type="secondary">
              {d.name}
            </Typography.Text>
            <Tag>{`${t('uploads.withdrawn')}：${d.withdrawnReason}`}</Tag>
          </Space>
        ) : (
          <Button type="link" size="small" icon={<DownloadOutlined />} onClick={() => void downloadFile(props.itemUrl(d), d.name)}>
            {d.name}
          </Button>
        ),
    },
    ...(props.extraColumns ?? []),
    { key: 'size', title: t('uploads.size'), width: 90, render: (_, d) => sizeText(d.size) },
    { key: 'by', title: t('uploads.by'), width: 160, render: (_, d) => <span style={{ whiteSpace: 'nowrap' }}>{`${d.createdByName} ${d.createdAt.slice(0, 10)}`}</span> },
    ...(props.canWrite
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            width: 80,
            render: (_: unknown, d: T) =>
              d.withdrawn ? null : (
                <Button size="small" danger onClick={() => withdraw(d)}>
                  {t('uploads.withdraw')}
                </Button>
              ),
          },
        ]
      : []),
  ];

  return (
    <>
      {props.canWrite && (
        <Space wrap>
          {props.controls}
          <Upload
            showUploadList={false}
            accept={ACCEPT}
            beforeUpload={(f) => {
              void upload(f);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={uploading} data-testid={`${props.testId}-upload`}>
              {props.uploadLabel}
            </Button>
          </Upload>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('uploads.types')}
          </Typography.Text>
        </Space>
      )}
      {error && <Alert type="error" showIcon title={error} data-testid={`${props.testId}-upload-error`} />}
      <Table rowKey="id" size="small" columns={columns} dataSource={props.items} pagination={false} locale={{ emptyText: props.emptyText }} data-testid={`${props.testId}-uploads`} scroll={{ x: 'max-content' }} />
    </>
  );
}
