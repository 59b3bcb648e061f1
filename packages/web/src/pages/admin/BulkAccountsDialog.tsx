import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Empty, Flex, Input, Modal, Result, Table, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { ApiError, api } from '../../api/client';
import { useApiGet, useErrorText } from '../../api/hooks';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useI18n } from '../../i18n';

interface Candidate {
  memberId: number;
  name: string;
  idNumber: string;
  orgName: string;
  username: string;
}
interface Candidates {
  org: { id: number; name: string };
  withAccount: number;
  items: Candidate[];
}
interface Created {
  userId: number;
  memberId: number;
  name: string;
  orgName: string;
  username: string;
  temporaryPassword: string;
}

const USERNAME = /^[A-Za-z0-9._-]{3,32}$/;

function saveBase64(base64: string, fileName: string) {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const href = URL.createObjectURL(new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
  const anchor = document.createElement('a');
  anchor.href = href;
  anchor.download = fileName;
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/**
 * Accounts for a branch's members from the roster: choose the branch, see its members without an
 * account with a proposed username each (editable), create them all at once. The one-time
 * passwords are shown once, and can be downloaded as an Excel list to hand out; each must be
 * changed at the first sign-in.
 */
export function BulkAccountsDialog({ onClose, onCreated }: { onClose: () => void; onCreated: () => void }) {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const errorText = useErrorText();
  const [orgId, setOrgId] = useState<number | null>(null);
  const candidates = useApiGet<Candidates>(orgId ? `/api/v1/users/bulk/candidates?orgId=${orgId}` : null);
  const [usernames, setUsernames] = useState<Record<number, string>>({});
  const [selected, setSelected] = useState<number[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [rowErrors, setRowErrors] = useState<Record<number, string>>({});
  const [result, setResult] = useState<{ created: Created[]; workbookBase64: string; orgName: string } | null>(null);
  const items = useMemo(() => (candidates.data && candidates.data.org.id === orgId ? candidates.data.items : []), [candidates.data, orgId]);

  useEffect(() => {
    setUsernames(Object.fromEntries(items.map((i) => [i.memberId, i.username])));
    setSelected(items.map((i) => i.memberId));
    setRowErrors({});
    setError(null);
  }, [items]);

  const create = async () => {
    const chosen = items.filter((i) => selected.includes(i.memberId)).map((i) => ({ memberId: i.memberId, username: (usernames[i.memberId] ?? '').trim() }));
    setBusy(true);
    setError(null);
    setRowErrors({});
    try {
      const res = await api.post<{ org: { name: string }; created: Created[]; workbookBase64: string }>('/api/v1/users/bulk', { orgId, accounts: chosen });
      setResult({ created: res.created, workbookBase64: res.workbookBase64, orgName: res.org.name });
      onCreated();
    } catch (err) {
      setError(errorText(err));
      if (err instanceof ApiError) {
        const byRow: Record<number, string> = {};
        for (const d of err.details) {
          const m = /^accounts\[(\d+)\]/.exec(d.path);
          const row = m ? chosen[Number(m[1])] : undefined;
          if (row) byRow[row.memberId] = byRow[row.memberId] ? `${byRow[row.memberId]}；${d.message}` : d.message;
        }
        setRowErrors(byRow);
      }
    } finally {
      setBusy(false);
    }
  };

  // Closing the list of passwords loses them: ask first.
  const close = () => {
    if (!result) return onClose();
    modal.confirm({ title: t('users.bulk.closeTitle'), content: t('users.bulk.closeConfirm'), onOk: onClose });
  };
  const fileName = result ? t('users.bulk.fileName', { org: result.orgName }) : '';

  return (
    <Modal
      open
      width={880}
      title={t('users.bulk.title')}
      onCancel={close}
      destroyOnHidden
      footer={
        result ? (
          <Flex justify="end" gap={8}>
            <Button icon={<DownloadOutlined />} onClick={() => saveBase64(result.workbookBase64, fileName)} data-testid="bulk-download">
              {t('users.bulk.download')}
            </Button>
            <Button type="primary" onClick={close}>
              {t('common.close')}
            </Button>
          </Flex>
        ) : (
          <Flex justify="end" gap={8}>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" loading={busy} disabled={selected.length === 0 || !orgId} onClick={() => void create()} data-testid="bulk-create">
              {t('users.bulk.create', { count: selected.length })}
            </Button>
          </Flex>
        )
      }
    >
      {result ? (
        <Flex vertical gap={12} data-testid="bulk-result">
          <Result status="success" title={t('users.bulk.done', { count: result.created.length, org: result.orgName })} style={{ padding: 12 }} />
          <Alert type="warning" showIcon title={t('users.bulk.onceNote')} />
          <Table<Created>
            size="small"
            rowKey="userId"
            pagination={false}
            dataSource={result.created}
            scroll={{ y: 320 }}
            columns={[
              { key: 'name', title: t('users.col.name'), dataIndex: 'name' },
              { key: 'org', title: t('users.bulk.col.org'), dataIndex: 'orgName' },
              { key: 'username', title: t('users.col.username'), dataIndex: 'username' },
              {
                key: 'password',
                title: t('users.bulk.col.password'),
                dataIndex: 'temporaryPassword',
                render: (v: string) => (
                  <Typography.Text code copyable>
                    {v}
                  </Typography.Text>
                ),
              },
            ]}
          />
        </Flex>
      ) : (
        <Flex vertical gap={12}>
          <Typography.Text type="secondary">{t('users.bulk.hint')}</Typography.Text>
          <OrgTreeSelect value={orgId} onChange={setOrgId} placeholder={t('users.bulk.chooseOrg')} style={{ width: '100%' }} data-testid="bulk-org" />
          {error ? <Alert type="error" showIcon title={error} data-testid="bulk-error" /> : null}
          {candidates.error ? <Alert type="error" showIcon title={errorText(candidates.error)} /> : null}
          {orgId && candidates.data?.org.id === orgId ? (
            <Typography.Text data-testid="bulk-summary">{t('users.bulk.summary', { without: items.length, with: candidates.data.withAccount })}</Typography.Text>
          ) : null}
          {orgId ? (
            <Table<Candidate>
              data-testid="bulk-table"
              size="small"
              rowKey="memberId"
              loading={candidates.loading}
              dataSource={items}
              pagination={false}
              scroll={{ y: 360 }}
              rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]) }}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('users.bulk.nobody')} /> }}
              columns={[
                { key: 'name', title: t('users.col.name'), dataIndex: 'name', width: 100 },
                { key: 'id', title: t('users.bulk.col.idNumber'), dataIndex: 'idNumber', width: 190 },
                { key: 'org', title: t('users.bulk.col.org'), dataIndex: 'orgName' },
                {
                  key: 'username',
                  title: t('users.col.username'),
                  width: 240,
                  render: (_, row) => {
                    const value = usernames[row.memberId] ?? '';
                    const problem = rowErrors[row.memberId] ?? (USERNAME.test(value) ? null : t('users.usernameInvalid'));
                    return (
                      <Flex vertical gap={2}>
                        <Input size="small" value={value} status={problem ? 'error' : undefined} maxLength={32} onChange={(e) => setUsernames((u) => ({ ...u, [row.memberId]: e.target.value }))} aria-label={t('users.col.username')} />
                        {problem ? (
                          <Typography.Text type="danger" style={{ fontSize: 12 }}>
                            {problem}
                          </Typography.Text>
                        ) : null}
                      </Flex>
                    );
                  },
                },
              ]}
            />
          ) : null}
        </Flex>
      )}
    </Modal>
  );
}
