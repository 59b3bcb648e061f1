import { BellOutlined } from '@ant-design/icons';
import { Button, Card, Flex, List, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { ApiResult } from '../../api/contract';
import { useApiGet } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { LEVEL_COLORS, useLapseLevelText } from '../dues/types';
import { STATE_COLORS } from './shared';

type Notes = ApiResult<'/api/v1/orglife/notifications'>;
type Digest = Notes['items'][number];
type Item = Digest['items'][number];

/** Items shown per digest before "n more": a 党委 digest can hold its whole subtree's items. */
const SHOWN = 8;

/**
 * The in-app reminder digests (rule-driven, at most one per org and day; see the server's
 * reminders.ts and the modules' digest sources): the newest digest of each org in the caller's
 * scope, each item as its type says — a meeting rule due soon or just missed, a transfer letter
 * whose 回执 is not back within a month, a committee's term about to end or just ended, a
 * development step due soon or just overdue, a member's dues unpaid for months. Nothing is shown when there is nothing to remind of, or when the person muted reminders.
 */
export function ReminderDigests() {
  const { t } = useI18n();
  const notes = useApiGet<Notes>('/api/v1/orglife/notifications');
  const digests = newestPerOrg(notes.data?.items ?? []);
  if (digests.length === 0) return null;
  return (
    <Card
      variant="borderless"
      data-testid="reminder-digests"
      title={
        <Flex gap={8} align="center">
          <BellOutlined />
          {t('reminders.title')}
        </Flex>
      }
      extra={<Link to="/orglife/my">{t('reminders.mute')}</Link>}
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('reminders.hint')}
      </Typography.Paragraph>
      <Flex vertical gap={16}>
        {digests.map((d) => (
          <DigestCard key={d.id} digest={d} />
        ))}
      </Flex>
    </Card>
  );
}

/**
 * The caller's own reminders (a decision task's 承办人, a project task's owner, a contact-point
 * follow-up's owner): their newest
 * digest of their own, at most one a day, whatever their role. Nothing when there is none or they
 * muted reminders.
 */
export function OwnReminders() {
  const { t } = useI18n();
  const notes = useApiGet<Notes>('/api/v1/orglife/notifications');
  const newest = notes.data?.own[0];
  if (!newest) return null;
  return (
    <Card
      size="small"
      data-testid="own-reminders"
      style={{ marginBottom: 12 }}
      title={
        <Flex gap={8} align="center">
          <BellOutlined />
          {`${t('reminders.ownTitle')} · ${newest.day}`}
        </Flex>
      }
    >
      <List
        size="small"
        dataSource={newest.items}
        renderItem={(item) => (
          <List.Item style={{ paddingInline: 0 }}>
            <DigestLine orgName={item.orgName} item={item} personal />
          </List.Item>
        )}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('reminders.ownHint')}
      </Typography.Text>
    </Card>
  );
}

/** Digests come newest first: keep the first of each org. */
function newestPerOrg(digests: Digest[]): Digest[] {
  const seen = new Set<number>();
  return digests.filter((d) => (seen.has(d.orgId) ? false : (seen.add(d.orgId), true)));
}

function DigestCard({ digest }: { digest: Digest }) {
  const { t } = useI18n();
  const [all, setAll] = useState(false);
  // The server lists the organisation office's own items (回执, terms) first: few, and only it can act on them.
  const items = digest.items;
  const shown = all ? items : items.slice(0, SHOWN);
  return (
    <div data-testid={`digest-${digest.orgId}`}>
      <Typography.Text strong>
        {digest.orgName} · {digest.day}
      </Typography.Text>
      <List
        size="small"
        dataSource={shown}
        renderItem={(item) => (
          <List.Item style={{ paddingInline: 0 }}>
            <DigestLine orgName={digest.orgName} item={item} />
          </List.Item>
        )}
      />
      {items.length > SHOWN && !all ? (
        <Button type="link" size="small" style={{ paddingInline: 0 }} onClick={() => setAll(true)}>
          {t('reminders.more', { count: items.length - SHOWN })}
        </Button>
      ) : null}
    </div>
  );
}

/** One item; `personal`: in the owner's own digest, whose links go to their own pages. */
function DigestLine({ orgName, item, personal = false }: { orgName: string; item: Item; personal?: boolean }) {
  const { t, label } = useI18n();
  const levelText = useLapseLevelText();
  // Items of another org than the digest's (a party group's, a branch's in a 党委's digest) name it.
  const of = item.orgName === orgName ? '' : t('reminders.ofOrg', { org: item.orgName });
  switch (item.type) {
    case 'transfer_receipt':
      return (
        <Typography.Text data-testid={`digest-receipt-${item.transferId}`}>
          <Tag color="error">{t('reminders.receiptOverdue')}</Tag>
          {t('reminders.receipt', { name: item.memberName, letterNo: item.letterNo, from: item.orgName, to: item.toOrgName, effectiveOn: item.effectiveOn, dueOn: item.dueOn })}{' '}
          <Link to="/transfers?receipt=overdue">{t('reminders.openTransfers')}</Link>
        </Typography.Text>
      );
    case 'org_term':
      return (
        <Typography.Text data-testid={`digest-term-${item.orgId}`}>
          <Tag color={item.state === 'overdue' ? 'error' : 'warning'}>{label('reminders.termState', item.state)}</Tag>
          {t(item.state === 'overdue' ? 'reminders.termOverdue' : 'reminders.termDueSoon', { of, deadline: item.deadline })} <Link to="/orgs/warnings">{t('reminders.openTerms')}</Link>
        </Typography.Text>
      );
    case 'development_due':
      return (
        <Typography.Text data-testid={`digest-development-${item.fileId}`}>
          <Tag color={item.state === 'overdue' ? 'error' : 'warning'}>{label('reminders.dueState', item.state)}</Tag>
          {t('reminders.development', { of, name: item.name, kind: label('reminders.developmentDue', item.kind), date: item.date })} <Link to={`/development/files/${item.fileId}`}>{t('reminders.openFile')}</Link>
        </Typography.Text>
      );
    case 'decision_task':
      return (
        <Typography.Text data-testid={`digest-decision-task-${item.taskId}`}>
          <Tag color={item.state === 'overdue' ? 'error' : 'warning'}>{label('reminders.dueState', item.state)}</Tag>
          {t('reminders.decisionTask', { title: item.title, topic: item.topicTitle, department: item.department, owner: item.ownerName || item.department, deadline: item.deadline })}{' '}
          {personal ? <Link to="/decisions/my-tasks">{t('reminders.openMyTasks')}</Link> : <Link to={`/decisions/topics/${item.topicId}`}>{t('reminders.openTopic')}</Link>}
        </Typography.Text>
      );
    case 'contact_followup':
      return (
        <Typography.Text data-testid={`digest-contact-followup-${item.followUpId}`}>
          <Tag color={item.state === 'overdue' ? 'error' : 'warning'}>{label('reminders.dueState', item.state)}</Tag>
          {t('reminders.contactFollowUp', { org: item.orgName, text: item.text, leader: item.leaderName, visitedOn: item.visitedOn, owner: item.ownerName, due: item.dueOn })}{' '}
          <Link to={personal ? '/contacts?tab=followups&mine=true' : '/contacts?tab=followups&state=overdue'}>{t('reminders.openFollowUps')}</Link>
        </Typography.Text>
      );
    case 'dues_arrears':
      return (
        <Typography.Text data-testid={`digest-dues-${item.memberId}`}>
          <Tag color={LEVEL_COLORS[item.level]}>{levelText(item.level)}</Tag>
          {t('reminders.dues', { of, name: item.memberName, months: item.months })} <Link to="/dues/manage?tab=arrears">{t('reminders.openArrears')}</Link>
        </Typography.Text>
      );
    case 'project_task_overdue':
      return (
        <Typography.Text data-testid={`digest-project-${item.taskId}`}>
          <Tag color="error">{label('projects.taskState', 'overdue')}</Tag>
          {t('reminders.project', { of, project: item.projectTitle, task: item.taskTitle, owner: item.ownerName, due: item.dueOn })} <Link to={`/projects/${item.projectId}`}>{t('reminders.openProject')}</Link>
        </Typography.Text>
      );
    case 'orglife': {
      const kind = label('orglife.kind', item.rule);
      const what = item.orgName === orgName ? t('reminders.what', { kind, period: item.period }) : t('reminders.whatOfOrg', { org: item.orgName, kind, period: item.period });
      return (
        <Typography.Text>
          <Tag color={STATE_COLORS[item.state]}>{label('orglife.state', item.state)}</Tag>
          {item.state === 'missed' ? t('reminders.missed', { what, dueOn: item.dueOn }) : t('reminders.dueSoon', { what, dueOn: item.dueOn })}
        </Typography.Text>
      );
    }
  }
}
