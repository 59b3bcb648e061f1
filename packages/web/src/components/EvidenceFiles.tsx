import { DownloadOutlined } from '@ant-design/icons';
import { EVIDENCE_FILE_MAX_BYTES } from '@hongyi/core';
import { App, Button, Flex, Input, Space, Table, Tag, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import type { ReactNode } from 'react';
import { api, downloadFile } from '../api/client';
import type { ApiPath } from '../api/contract';
import { useErrorText } from '../api/hooks';
import { useI18n } from '../i18n';
import { FileUpload, problemText, sizeText } from './FileUpload';

/** What the picker offers; the server decides by the file's bytes (lib/uploads.ts EVIDENCE_KINDS). */
export const EVIDENCE_ACCEPT = '.pdf,.jpg,.jpeg,.png,.docx,.xlsx';
/** Photos of an event (the server takes JPG, PNG and PDF there: service/routes-events.ts). */
export const PHOTO_ACCEPT = '.jpg,.jpeg,.png,.pdf';

/** An evidence file as the server lists it (lib/uploads.ts uploadOut). */
export interface EvidenceFile {
  id: number;
  name: string;
  size: number;
  createdByName: string;
  createdAt: string;
  withdrawn: boolean;
  withdrawnReason: string;
}

export interface EvidenceFilesProps<T extends EvidenceFile> {
  /**
   * The record's files, the same three routes for every kind of record (the server's
   * lib/evidence-routes.ts): POST here to add, GET `${url}/${id}` to download, POST
   * `${url}/${id}/withdraw` with a reason.
   */
  url: string;
  files: T[];
  /** The upload button shows. */
  canUpload: boolean;
  /** The withdraw button shows (on every file still there, or on those the function allows). */
  canWithdraw: boolean | ((file: T) => boolean);
  /**
   * Prefix of the data-testid attributes: `-uploads` on the list, `-upload` on the button (with
   * `-upload-progress`, `-upload-error`), `-withdraw-<id>` on a file's withdraw button,
   * `-withdraw-reason` and `-withdraw-ok` in the confirmation.
   */
  testId: string;
  uploadLabel: string;
  emptyText?: string;
  /** 'table' (the default): one row a file. 'inline': the names side by side, for the files of one entry inside another list. */
  layout?: 'table' | 'inline';
  /** Inline: shown before the names (e.g. what the files are). */
  label?: ReactNode;
  /** Sent with each upload besides the file (e.g. the entry it supports). */
  extraFields?: Record<string, string | number | boolean>;
  /** Table: columns after the file name. */
  extraColumns?: ColumnsType<T>;
  /** Shown before the upload button (e.g. what the file is for). */
  controls?: ReactNode;
  /** 'photos': the picker and the hint offer JPG, PNG and PDF only, as the route takes them. */
  kinds?: 'evidence' | 'photos';
  onChanged: () => void;
}

/**
 * A record's evidence files, the one list every page uses: download, withdraw with a reason
 * (the content is dropped; the file stays listed, struck through, with the reason) and the upload
 * button (FileUpload: progress, the server's refusal in its words).
 */
export function EvidenceFiles<T extends EvidenceFile>(props: EvidenceFilesProps<T>) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const { url, testId } = props;
  const fileUrl = (f: T) => `${url}/${f.id}`;
  const withdrawable = (f: T) => !f.withdrawn && (typeof props.canWithdraw === 'function' ? props.canWithdraw(f) : props.canWithdraw);

  const withdraw = (f: T) => {
    let reason = '';
    modal.confirm({
      title: t('uploads.withdrawTitle', { name: f.name }),
      content: <Input placeholder={t('uploads.reason')} maxLength={200} onChange={(e) => (reason = e.target.value)} data-testid={`${testId}-withdraw-reason`} />,
      okButtonProps: { danger: true, 'data-testid': `${testId}-withdraw-ok` } as ButtonProps,
      onOk: async () => {
        try {
          await api.post(`${fileUrl(f)}/withdraw`, { reason: reason.trim() || '—' });
          props.onChanged();
        } catch (err) {
          void message.error(problemText(err, errorText));
        }
      },
    });
  };

  const name = (f: T, withSize: boolean) =>
    f.withdrawn ? (
      <Space size={4} wrap>
        <Typography.Text delete type="secondary">
          {f.name}
        </Typography.Text>
        <Tag>{`${t('uploads.withdrawn')}：${f.withdrawnReason}`}</Tag>
      </Space>
    ) : (
      <Button type="link" size="small" icon={<DownloadOutlined />} onClick={() => void downloadFile(fileUrl(f), f.name)}>
        {withSize ? `${f.name}（${sizeText(f.size)}）` : f.name}
      </Button>
    );
  const withdrawButton = (f: T, link: boolean) => (
    <Button type={link ? 'link' : 'default'} size="small" danger onClick={() => withdraw(f)} data-testid={`${testId}-withdraw-${f.id}`}>
      {t('uploads.withdraw')}
    </Button>
  );

  const upload = props.canUpload ? (
    <FileUpload
      action={url as ApiPath}
      accept={props.kinds === 'photos' ? PHOTO_ACCEPT : EVIDENCE_ACCEPT}
      maxBytes={EVIDENCE_FILE_MAX_BYTES}
      fields={props.extraFields as never}
      label={props.uploadLabel}
      before={props.controls}
      hint={props.layout === 'inline' ? undefined : t(props.kinds === 'photos' ? 'uploads.photoTypes' : 'uploads.types')}
      testId={`${testId}-upload`}
      onUploaded={() => {
        void message.success(t('uploads.uploaded'));
        props.onChanged();
      }}
    />
  ) : null;

  if (props.layout === 'inline') {
    return (
      <>
        {props.files.length > 0 ? (
          <Flex wrap gap={4} align="center" data-testid={`${testId}-uploads`}>
            {props.label ? <Typography.Text type="secondary">{props.label}</Typography.Text> : null}
            {props.files.map((f) => (
              <Space key={f.id} size={0}>
                {name(f, true)}
                {withdrawable(f) ? withdrawButton(f, true) : null}
              </Space>
            ))}
          </Flex>
        ) : null}
        {upload}
      </>
    );
  }

  const anyWithdrawable = props.canWithdraw !== false;
  const columns: ColumnsType<T> = [
    { key: 'name', title: t('uploads.name'), render: (_, f) => name(f, false) },
    ...(props.extraColumns ?? []),
    { key: 'size', title: t('uploads.size'), width: 90, render: (_, f) => sizeText(f.size) },
    { key: 'by', title: t('uploads.by'), width: 160, render: (_, f) => <span style={{ whiteSpace: 'nowrap' }}>{`${f.createdByName} ${f.createdAt.slice(0, 10)}`}</span> },
    ...(anyWithdrawable ? [{ key: 'actions', title: t('common.actions'), width: 80, render: (_: unknown, f: T) => (withdrawable(f) ? withdrawButton(f, false) : null) }] : []),
  ];
  return (
    <Flex vertical gap={8}>
      {upload}
      <Table rowKey="id" size="small" columns={columns} dataSource={props.files} pagination={false} locale={props.emptyText ? { emptyText: props.emptyText } : undefined} data-testid={`${testId}-uploads`} scroll={{ x: 'max-content' }} />
    </Flex>
  );
}
