import { Alert, App, Button, Empty, Flex, Input, List, Modal, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { useApiGet, useErrorText } from '../../api/hooks';
import type { UserRow } from '../../api/types';
import { useI18n } from '../../i18n';

interface Candidate {
  id: number;
  name: string;
  idNumber: string;
  orgName: string;
  departmentName: string | null;
  account: { id: number; username: string } | null;
}

/**
 * Links an account to a member's record (so the member's own pages show their data), or unlinks
 * it. Members are found by name, full pinyin or initials; the masked ID number and the branch tell
 * namesakes apart; a member who already has another account cannot be chosen.
 */
export function MemberLinkDialog({ user, onClose, onSaved }: { user: UserRow; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [q, setQ] = useState(user.memberId ? '' : user.name);
  const [query, setQuery] = useState(q);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Search as the administrator types, a moment after the last key.
  useEffect(() => {
    const timer = setTimeout(() => setQuery(q.trim()), 250);
    return () => clearTimeout(timer);
  }, [q]);
  const found = useApiGet<{ items: Candidate[] }>(query ? `/api/v1/users/member-candidates?q=${encodeURIComponent(query)}` : null);

  const save = async (memberId: number | null) => {
    setBusy(true);
    setError(null);
    try {
      await api.put(`/api/v1/users/${user.id}/member`, { version: user.version, memberId });
      void message.success(memberId === null ? t('users.link.unlinked') : t('users.link.linked'));
      onSaved();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title={t('users.link.title', { username: user.username })} onCancel={onClose} footer={null} width={640} destroyOnHidden>
      <Flex vertical gap={12} data-testid="member-link">
        {error ? <Alert type="error" showIcon title={error} data-testid="member-link-error" /> : null}
        <Flex align="center" gap={8} wrap>
          <Typography.Text type="secondary">{t('users.link.current')}</Typography.Text>
          {user.memberName ? (
            <>
              <Tag color="red">{user.memberName}</Tag>
              <Button size="small" danger loading={busy} onClick={() => void save(null)} data-testid="member-unlink">
                {t('users.link.unlink')}
              </Button>
            </>
          ) : (
            <Typography.Text>{t('users.link.none')}</Typography.Text>
          )}
        </Flex>
        <Input.Search allowClear value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('users.link.searchPlaceholder')} data-testid="member-link-search" />
        {query === '' ? (
          <Typography.Text type="secondary">{t('users.link.searchHint')}</Typography.Text>
        ) : (
          <List<Candidate>
            size="small"
            bordered
            loading={found.loading}
            dataSource={found.data?.items ?? []}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('users.link.noMatch')} /> }}
            renderItem={(m) => {
              const mine = m.account?.id === user.id;
              const elsewhere = m.account !== null && !mine;
              return (
                <List.Item
                  data-testid="member-link-candidate"
                  actions={[
                    mine ? (
                      <Tag key="mine" color="green">
                        {t('users.link.thisAccount')}
                      </Tag>
                    ) : (
                      <Button key="choose" size="small" type="primary" disabled={elsewhere} loading={busy} onClick={() => void save(m.id)}>
                        {t('users.link.choose')}
                      </Button>
                    ),
                  ]}
                >
                  <Space wrap size={[12, 0]}>
                    <Typography.Text strong>{m.name}</Typography.Text>
                    <Typography.Text code>{m.idNumber}</Typography.Text>
                    <Typography.Text type="secondary">
                      {m.orgName}
                      {m.departmentName ? ` · ${m.departmentName}` : ''}
                    </Typography.Text>
                    {elsewhere ? <Tag>{t('users.link.hasAccount', { username: m.account!.username })}</Tag> : null}
                  </Space>
                </List.Item>
              );
            }}
          />
        )}
      </Flex>
    </Modal>
  );
}
