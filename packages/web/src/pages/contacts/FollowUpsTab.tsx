/**
 * The 整改事项 tab: the follow-ups the caller sees or owns, open ones first and the most urgent on
 * top, with owner, due date and state; the owner (usually the branch secretary) closes theirs here
 * with what was done. The caller's own reminders (their digest of the day) head the list.
 */
import { App, Button, Space, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { api } from '../../api/client';
import { useErrorText } from '../../api/hooks';
import type { ApiItem } from '../../api/contract';
import { type FilterDef, ListToolbar, ServerTable, useServerList } from '../../components/ServerList';
import { useI18n } from '../../i18n';
import { OwnReminders } from '../orglife/Reminders';
import { CloseFollowUpModal, FollowUpStateTag } from './shared';

type Row = ApiItem<'/api/v1/contacts/follow-ups'>;
const FILTERS = ['state', 'mine', 'orgId'] as const;
const STATES = ['open', 'due_soon', 'overdue', 'done'] as const;

export function FollowUpsTab() {
  const { t, label } = useI18n();
  const list = useServerList<Row>({ url: '/api/v1/contacts/follow-ups', filterKeys: FILTERS, defaultPageSize: 20 });
  const [closing, setClosing] = useState<Row | null>(null);
  const { message } = App.useApp();
  const errorText = useErrorText();
  const reopen = async (f: Row) => {
    try {
      await api.post(`/api/v1/contacts/follow-ups/${f.id}/reopen`, { version: f.version });
      list.reload();
    } catch (err) {
      void message.error(errorText(err));
    }
  };
  const filters = useMemo<FilterDef[]>(
    () => [
      { kind: 'select', name: 'mine', placeholder: t('contacts.followUp.everyone'), options: [{ value: 'true', label: t('contacts.followUp.mine') }], width: 150 },
      { kind: 'select', name: 'state', placeholder: t('contacts.followUp.anyState'), options: STATES.map((s) => ({ value: s, label: label('contacts.followUpState', s) })), width: 140 },
      { kind: 'org', name: 'orgId', placeholder: t('contacts.col.branch') },
    ],
    [t, label],
  );
  const columns: ColumnsType<Row> = [
    { title: t('contacts.col.state'), key: 'state', width: 90, render: (_, f) => <FollowUpStateTag state={f.state} /> },
    {
      title: t('contacts.col.followUp'),
      key: 'text',
      width: 320,
      render: (_, f) => (
        <Space orientation="vertical" size={0}>
          <span>{f.text}</span>
          {f.doneOn ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('contacts.followUp.doneLine', { date: f.doneOn, note: f.doneNote })}
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    { title: t('contacts.col.owner'), dataIndex: 'ownerName', key: 'owner', width: 90 },
    { title: t('contacts.col.due'), dataIndex: 'dueOn', key: 'due', width: 100 },
    { title: t('contacts.col.branch'), dataIndex: 'orgName', key: 'org', width: 190 },
    { title: t('contacts.col.visit'), key: 'visit', width: 160, render: (_, f) => t('contacts.followUp.fromVisit', { leader: f.leaderName, date: f.visitedOn }) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_, f) =>
        f.canClose ? (
          f.status === 'open' ? (
            <Button type="link" size="small" onClick={() => setClosing(f)} data-testid={`followup-close-${f.id}`}>
              {t('contacts.followUp.close')}
            </Button>
          ) : (
            <Button type="link" size="small" onClick={() => void reopen(f)}>
              {t('contacts.followUp.reopen')}
            </Button>
          )
        ) : null,
    },
  ];
  return (
    <>
      <OwnReminders />
      <ListToolbar list={list} filters={filters} />
      <ServerTable<Row> list={list} columns={columns} rowKey="id" data-testid="followups-table" />
      {closing ? <CloseFollowUpModal followUp={closing} onClose={() => setClosing(null)} onSaved={list.reload} /> : null}
    </>
  );
}
