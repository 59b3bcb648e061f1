import { Alert, List, Space, Switch, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { ApiResult } from '../../api/contract';
import { useApiGet } from '../../api/hooks';
import { PageCard } from '../../components/PageCard';
import { useI18n } from '../../i18n';
import { OwnReminders } from './Reminders';
import { MonthStrip } from './shared';

type Mine = ApiResult<'/api/v1/orglife/my'>;
type Notes = ApiResult<'/api/v1/orglife/notifications'>;

/** A member's own record of organisational life; no scores, no rankings. */
export default function MyPage() {
  const { t, label } = useI18n();
  const mine = useApiGet<Mine>('/api/v1/orglife/my');
  const notes = useApiGet<Notes>('/api/v1/orglife/notifications');
  const [muted, setMuted] = useState(false);
  useEffect(() => setMuted(notes.data?.muted ?? false), [notes.data]);
  const lapse = mine.data?.lapse;
  return (
    <PageCard
      title={t('orglife.my.title')}
      extra={
        <Space>
          {t('orglife.my.mute')}
          <Switch checked={muted} onChange={(v) => void api.put('/api/v1/orglife/notifications/mute', { muted: v }).then(() => setMuted(v))} />
        </Space>
      }
    >
      <OwnReminders />
      {lapse ? (
        <Alert
          style={{ marginBottom: 12 }}
          data-testid="my-lapse"
          // The server decides the level from the rule (党章 第九条); leave is shown apart, never as attendance.
          type={lapse.level !== 'none' ? 'warning' : lapse.excusedMonths > 0 ? 'info' : 'success'}
          title={
            lapse.level !== 'none'
              ? t('orglife.my.lapse', { months: lapse.months })
              : lapse.excusedMonths > 0
                ? t('orglife.my.onLeave', { months: lapse.monthsNotAttended, excused: lapse.excusedMonths })
                : t('orglife.my.ok')
          }
          description={
            <Space orientation="vertical" size={4}>
              <MonthStrip recent={lapse.recent} testId="my-recent" />
              <Typography.Text type="secondary">
                {t('orglife.my.recent', {
                  attended: lapse.recent.filter((r) => r.state === 'attended').length,
                  excused: lapse.recent.filter((r) => r.state === 'excused').length,
                  absent: lapse.recent.filter((r) => r.state === 'absent').length,
                })}
              </Typography.Text>
            </Space>
          }
        />
      ) : null}
      <List
        loading={mine.loading}
        dataSource={mine.data?.items ?? []}
        renderItem={(item) => (
          <List.Item>
            <List.Item.Meta
              title={
                <Space wrap>
                  <span>{item.heldOn}</span>
                  {item.kinds.map((k) => (
                    <Tag key={k} color="red">
                      {label('orglife.kind', k)}
                    </Tag>
                  ))}
                  <Tag color={item.status === 'present' ? 'success' : item.status === 'excused' ? 'warning' : 'default'}>{label('orglife.attendance', item.status)}</Tag>
                </Space>
              }
              description={
                <Typography.Text type="secondary">
                  {item.orgName} · {item.place} {item.topic ? `· ${item.topic}` : ''} {item.reason ? `（${item.reason}）` : ''}
                </Typography.Text>
              }
            />
          </List.Item>
        )}
      />
    </PageCard>
  );
}
