import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Progress, Typography, Upload } from 'antd';
import { type ReactNode, useState } from 'react';
import { ApiError, isAbortError, uploadFile } from '../api/client';
import type { ApiForm, ApiPath, ApiResult } from '../api/contract';
import { useErrorText } from '../api/hooks';
import { useI18n } from '../i18n';

export function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** An API error's message with its details, each once; other errors as the fallback gives them. */
export function problemText(err: unknown, fallback: (e: unknown) => string): string {
  if (err instanceof ApiError) return [err.message, ...err.details.map((d) => d.message)].filter((x, i, a) => x && a.indexOf(x) === i).join('；');
  return fallback(err);
}

export interface FileUploadProps<P extends ApiPath> {
  /** The upload route (a form upload: the server's lib/multipart.ts). */
  action: P;
  /** Name endings the picker offers ('.xlsx'); the server decides by the bytes all the same. */
  accept: string;
  /** The route's limit (from core), checked here before anything is sent. */
  maxBytes: number;
  /** The route's text fields, sent with the file. */
  fields?: ApiForm<P>;
  label: ReactNode;
  /** Shown beside the button (what may be uploaded). */
  hint?: ReactNode;
  /** Shown before the button, in its row (e.g. what the file is for). */
  before?: ReactNode;
  /** Prefix of the data-testid attributes: `${testId}` on the button, `-progress`, `-error`. */
  testId: string;
  disabled?: boolean;
  /** A file was chosen and is about to be sent. */
  onStart?: (file: File) => void;
  onUploaded: (result: ApiResult<P, 'post'>, file: File) => void;
  /** The page shows a refusal itself (e.g. with its details as a list); otherwise it shows under the button. */
  onError?: (error: unknown, file: File) => void;
}

/**
 * The one upload control: a button that picks a file and posts it as a form upload (with the
 * CSRF header, lib/multipart.ts on the server), the progress while it goes, and the server's
 * refusal in its own words (too large with the real limit, a kind the route does not take…).
 */
export function FileUpload<P extends ApiPath>(props: FileUploadProps<P>) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const [progress, setProgress] = useState<{ name: string; percent: number } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const fail = (err: unknown, file: File) => {
    if (props.onError) props.onError(err, file);
    else setError(problemText(err, errorText));
  };

  const send = async (file: File) => {
    setError(null);
    props.onStart?.(file);
    if (file.size > props.maxBytes) {
      const text = t('fileUpload.tooLarge', { name: file.name, size: sizeText(file.size), max: sizeText(props.maxBytes) });
      fail(new ApiError(400, 'UPLOAD_TOO_LARGE', text), file);
      return;
    }
    setProgress({ name: file.name, percent: 0 });
    try {
      const result = await uploadFile<ApiResult<P, 'post'>>(props.action, file, file.name, {
        fields: props.fields as Record<string, string | number | boolean> | undefined,
        onProgress: (percent) => setProgress({ name: file.name, percent }),
      });
      props.onUploaded(result, file);
    } catch (err) {
      if (!isAbortError(err)) fail(err, file);
    } finally {
      setProgress(null);
    }
  };

  return (
    <Flex vertical gap={6}>
      <Flex gap={8} wrap align="center">
        {props.before}
        <Upload
          accept={props.accept}
          maxCount={1}
          showUploadList={false}
          disabled={props.disabled || progress !== null}
          beforeUpload={(file) => {
            void send(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={progress !== null} disabled={props.disabled} data-testid={props.testId}>
            {props.label}
          </Button>
        </Upload>
        {props.hint ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {props.hint}
          </Typography.Text>
        ) : null}
      </Flex>
      {progress ? (
        <div data-testid={`${props.testId}-progress`} style={{ maxWidth: 360 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('fileUpload.uploading', { name: progress.name })}
          </Typography.Text>
          <Progress percent={progress.percent} size="small" status="active" />
        </div>
      ) : null}
      {error ? <Alert type="error" showIcon title={error} data-testid={`${props.testId}-error`} /> : null}
    </Flex>
  );
}

/** Chooses a spreadsheet that the page sends itself later (to preview, then to commit): nothing is sent on choosing. */
export function ChooseSpreadsheet({ onChoose, label, testId }: { onChoose: (file: File) => void; label: ReactNode; testId?: string }) {
  return (
    <Upload
      accept=".xlsx,.xls"
      maxCount={1}
      showUploadList={false}
      beforeUpload={(f) => {
        onChoose(f);
        return false;
      }}
    >
      <Button icon={<UploadOutlined />} data-testid={testId}>
        {label}
      </Button>
    </Upload>
  );
}
