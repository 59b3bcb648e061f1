import { CheckCircleOutlined } from '@ant-design/icons';
import { Alert, Button, Result, Space, Tag } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { api } from '../../api/client';
import { useApiGet, useErrorText } from '../../api/hooks';
import { PageCard } from '../../components/PageCard';
import { useI18n } from '../../i18n';
import type { MeetingKind } from './shared';

interface Checkin {
  recordId: number;
  orgName: string;
  heldOn: string;
  place: string;
  kinds: MeetingKind[];
  onRoster: boolean;
  status: string | null;
}

/** Opened from the meeting's QR code on a phone: the member confirms presence. No location, no photo. */
export default function CheckinPage() {
  const { token } = useParams();
  const { t, label } = useI18n();
  const errorText = useErrorText();
  const info = useApiGet<Checkin>(`/api/v1/orglife/checkin/${token}`);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const d = info.data;
  return (
    <PageCard title={t('orglife.checkin.title')}>
      {info.error ? <Alert type="error" title={errorText(info.error)} /> : null}
      {error ? <Alert type="error" title={error} /> : null}
      {d ? (
        done || d.status === 'present' ? (
          <Result icon={<CheckCircleOutlined />} status="success" title={t('orglife.checkin.done')} subTitle={`${d.orgName} · ${d.heldOn}`} />
        ) : (
          <Space direction="vertical" size="large" style={{ width: '100%' }}>
            <div>
              <div style={{ fontSize: 18 }}>{d.orgName}</div>
              <div>
                {d.heldOn} · {d.place}
              </div>
              {d.kinds.map((k) => (
                <Tag key={k} color="red">
                  {label('orglife.kind', k)}
                </Tag>
              ))}
            </div>
            {d.onRoster ? (
              <Button type="primary" size="large" block onClick={() => void api.post(`/api/v1/orglife/checkin/${token}`).then(() => setDone(true), (e: unknown) => setError(errorText(e)))}>
                {t('orglife.checkin.confirm')}
              </Button>
            ) : (
              <Alert type="warning" title={t('orglife.checkin.notOnRoster')} />
            )}
          </Space>
        )
      ) : null}
    </PageCard>
  );
}
