import { CheckOutlined, DownloadOutlined } from '@ant-design/icons';
import { IMPORT_FILE_MAX_BYTES } from '@hongyi/core';
import { Alert, App, Button, Card, Col, Flex, Row, Statistic, Steps, Table, Tabs, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { ApiError, downloadFile, uploadFile } from '../../api/client';
import type { ApiResult } from '../../api/contract';
import { useErrorText } from '../../api/hooks';
import { FileUpload } from '../../components/FileUpload';
import { PageCard } from '../../components/PageCard';
import { type Problem, ProblemAlert } from '../../components/ProblemAlert';
import { useI18n } from '../../i18n';
import { useFieldLabel } from './MemberProfilePage';

const PREVIEW = '/api/v1/members/import/preview';
const COMMIT = '/api/v1/members/import/commit';
type RosterPreview = ApiResult<typeof PREVIEW, 'post'>;
type RosterPreviewRow = RosterPreview['rows'][number];
type RosterImported = ApiResult<typeof COMMIT, 'post'>;

interface ErrorLine {
  key: string;
  row: number;
  name: string;
  column: string;
  reason: string;
}

/**
 * The server's message names the row and the column as the file has it ('第 5 行“身份证号”：…'):
 * split it so the table shows the column and the reason side by side.
 */
export function splitRosterMessage(message: string, path: string): { column: string; reason: string } {
  const m = /^第 \d+ 行“([^”]*)”：(.*)$/s.exec(message) ?? /^Row \d+, "([^"]*)": (.*)$/s.exec(message);
  if (m) return { column: m[1] ?? '', reason: m[2] ?? message };
  return { column: /\]\.(\w+)$/.exec(path)?.[1] ?? path, reason: message };
}

/**
 * Roster import: template → file → preview (rows to add, to update with old → new, errors by
 * row and column with the reason) → commit in one transaction. Nothing is saved before the
 * commit, and a file with any error cannot be committed.
 */
export default function ImportPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const fieldLabel = useFieldLabel();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<RosterPreview | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState<{ added: number; updated: number; unchanged: number } | null>(null);
  const [busy, setBusy] = useState(false);

  const fail = (error: unknown) => {
    setProblem({ title: errorText(error), lines: error instanceof ApiError ? error.details.slice(0, 50).map((d) => d.message) : [] });
  };

  const starting = (f: File) => {
    setFile(f);
    setBusy(true);
    setProblem(null);
    setPreview(null);
    setDone(null);
  };

  const runPreview = async () => {
    if (!file) return;
    starting(file);
    try {
      setPreview(await uploadFile<RosterPreview>(PREVIEW, file, file.name));
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  const commit = async () => {
    if (!file) return;
    setBusy(true);
    setProblem(null);
    try {
      const result = await uploadFile<RosterImported>(COMMIT, file, file.name);
      setDone(result);
      setPreview(null);
      void message.success(t('members.import.done', result));
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  const rows = useMemo(() => preview?.rows ?? [], [preview]);
  const errorLines = useMemo<ErrorLine[]>(
    () =>
      rows.flatMap((r) =>
        r.errors.map((e, i) => ({ key: `${r.row}-${i}`, row: r.row, name: r.name, ...splitRosterMessage(e.message, e.path) })),
      ),
    [rows],
  );
  const byAction = (a: RosterPreviewRow['action']) => rows.filter((r) => r.action === a);
  const canCommit = !!preview && preview.errorCount === 0 && preview.added + preview.updated > 0;
  const step = done ? 3 : preview ? 2 : file ? 1 : 0;
  const empty = t('members.import.empty');

  const personColumns = [
    { key: 'row', dataIndex: 'row', title: t('members.import.col.row'), width: 90 },
    { key: 'name', dataIndex: 'name', title: t('members.field.name'), width: 100 },
    { key: 'idNumber', dataIndex: 'idNumber', title: t('members.field.id_number'), width: 190 },
    { key: 'org', dataIndex: 'orgName', title: t('members.field.org_id') },
  ];

  return (
    <PageCard title={t('members.import.title')}>
      <Steps
        size="small"
        current={step}
        style={{ marginBottom: 16 }}
        items={[
          { title: t('members.import.step.template') },
          { title: t('members.import.step.upload') },
          { title: t('members.import.step.preview') },
          { title: t('members.import.step.commit') },
        ]}
      />
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('members.import.hint')} />
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
        <Button
          icon={<DownloadOutlined />}
          data-testid="import-template"
          onClick={() => downloadFile('/api/v1/members/template', 'roster-template.xlsx').catch((e: unknown) => void message.error(errorText(e)))}
        >
          {t('members.import.template')}
        </Button>
        {/* Choosing a file previews it at once: nothing is saved until the commit. */}
        <FileUpload
          action={PREVIEW}
          accept=".xlsx,.xls"
          maxBytes={IMPORT_FILE_MAX_BYTES}
          label={t('members.import.choose')}
          testId="import-choose"
          disabled={busy}
          onStart={starting}
          onUploaded={(result) => {
            setPreview(result);
            setBusy(false);
          }}
          onError={(error) => {
            fail(error);
            setBusy(false);
          }}
        />
        {file ? <Tag data-testid="import-file">{file.name}</Tag> : null}
        <Button disabled={!file} loading={busy} onClick={() => void runPreview()} data-testid="import-preview">
          {t('members.import.preview')}
        </Button>
        <Button type="primary" icon={<CheckOutlined />} disabled={!canCommit} loading={busy} onClick={() => void commit()} data-testid="import-commit">
          {t('members.import.commit')}
        </Button>
      </Flex>

      <ProblemAlert problem={problem} testId="import-problem" style={{ marginBottom: 12 }} />
      {done ? <Alert type="success" showIcon style={{ marginBottom: 12 }} title={t('members.import.done', done)} data-testid="import-done" /> : null}

      {preview ? (
        <>
          <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
            {(
              [
                ['add', preview.added, '#389e0d'],
                ['update', preview.updated, '#d48806'],
                ['unchanged', preview.unchanged, undefined],
                ['errors', preview.errorCount, preview.errorCount ? '#cf1322' : undefined],
              ] as const
            ).map(([key, value, color]) => (
              <Col xs={12} sm={6} key={key}>
                <Card size="small">
                  <Statistic title={t(`members.import.summary.${key}`)} value={value} styles={{ content: { color } }} />
                </Card>
              </Col>
            ))}
          </Row>
          {preview.errorCount > 0 ? (
            <Alert type="error" showIcon style={{ marginBottom: 12 }} title={t('members.import.hasErrors', { rows: preview.errorRows, count: preview.errorCount })} data-testid="import-has-errors" />
          ) : preview.added + preview.updated === 0 ? (
            <Alert type="success" showIcon style={{ marginBottom: 12 }} title={t('members.import.nothing')} data-testid="import-nothing" />
          ) : (
            <Alert type="success" showIcon style={{ marginBottom: 12 }} title={t('members.import.ready', { added: preview.added, updated: preview.updated, unchanged: preview.unchanged })} data-testid="import-ready" />
          )}
          <Tabs
            defaultActiveKey={preview.errorCount ? 'errors' : preview.added ? 'add' : 'update'}
            items={[
              {
                key: 'errors',
                label: t('members.import.tab.errors', { count: preview.errorCount }),
                children: (
                  <Table<ErrorLine>
                    size="small"
                    rowKey="key"
                    dataSource={errorLines}
                    data-testid="import-errors"
                    scroll={{ x: 'max-content' }}
                    pagination={{ pageSize: 50, hideOnSinglePage: true }}
                    columns={[
                      { key: 'row', dataIndex: 'row', title: t('members.import.col.row'), width: 90 },
                      { key: 'name', dataIndex: 'name', title: t('members.field.name'), width: 100, render: (v: string) => v || empty },
                      { key: 'column', dataIndex: 'column', title: t('members.import.col.column'), width: 140 },
                      { key: 'reason', dataIndex: 'reason', title: t('members.import.col.reason'), render: (v: string) => <Typography.Text type="danger">{v}</Typography.Text> },
                    ]}
                  />
                ),
              },
              {
                key: 'add',
                label: t('members.import.tab.add', { count: preview.added }),
                children: <Table size="small" rowKey="row" dataSource={byAction('add')} columns={personColumns} scroll={{ x: 'max-content' }} pagination={{ pageSize: 50, hideOnSinglePage: true }} data-testid="import-adds" />,
              },
              {
                key: 'update',
                label: t('members.import.tab.update', { count: preview.updated }),
                children: (
                  <Table
                    size="small"
                    rowKey="row"
                    dataSource={byAction('update')}
                    scroll={{ x: 'max-content' }}
                    pagination={{ pageSize: 50, hideOnSinglePage: true }}
                    data-testid="import-updates"
                    columns={[
                      ...personColumns.slice(0, 3),
                      {
                        key: 'changes',
                        title: t('members.import.col.changes'),
                        render: (_: unknown, r: RosterPreviewRow) => (
                          <Flex vertical gap={2}>
                            {r.changes.map((c) => (
                              <span key={c.field}>
                                <Typography.Text strong>{fieldLabel(c.field)}</Typography.Text>：<Typography.Text delete type="secondary">{c.from ?? empty}</Typography.Text> → {c.to ?? empty}
                              </span>
                            ))}
                          </Flex>
                        ),
                      },
                    ]}
                  />
                ),
              },
              {
                key: 'unchanged',
                label: t('members.import.tab.unchanged', { count: preview.unchanged }),
                children: <Table size="small" rowKey="row" dataSource={byAction('unchanged')} columns={personColumns} scroll={{ x: 'max-content' }} pagination={{ pageSize: 50, hideOnSinglePage: true }} />,
              },
            ]}
          />
        </>
      ) : null}
    </PageCard>
  );
}
