import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { DEFAULT_RULE_SETTINGS } from '@hongyi/core';
import { Alert, App, Button, Card, Col, Descriptions, Flex, Form, Input, InputNumber, Row, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { can } from '../../access';
import { ApiError, api } from '../../api/client';
import { useApiGet, useErrorText } from '../../api/hooks';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageCard } from '../../components/PageCard';
import { ServerTable, useServerList } from '../../components/ServerList';
import { applyFieldErrors } from '../../components/formErrors';
import { useI18n } from '../../i18n';
import { useMe } from '../../session';

type Period = 'month' | 'quarter' | 'year';
interface Frequency {
  period: Period;
  minCount: number;
}
interface Settings {
  version: number;
  rules: { branchSecretaryLectureRequired: boolean; themePartyDayOfMonth: number | null; meetingFrequencies: Record<'party_lecture' | 'committee_study_session', Frequency> };
  dueSoonDays: Record<Period, number>;
  sceneTags: string[];
}
interface FormValues {
  party_lecture: Frequency;
  committee_study_session: Frequency;
  branchSecretaryLectureRequired: boolean;
  themePartyDayOfMonth: number | null;
  dueSoonDays: Record<Period, number>;
  sceneTags: string[];
}
interface Channel {
  id: number;
  orgId: number;
  kind: 'wecom' | 'dingtalk' | 'email';
  target: string;
  active: boolean;
}
interface Delivery {
  key: string;
  id: number;
  day: string;
  items: number;
  channelId: number;
  kind: Channel['kind'];
  target: string;
  orgId: number;
  orgName: string;
  status: 'sent' | 'failed' | 'queued' | 'skipped_muted';
  detail: string;
}

const PERIODS: Period[] = ['month', 'quarter', 'year'];
const FREQUENCY_KINDS = ['party_lecture', 'committee_study_session'] as const;
const STATUS_COLORS: Record<Delivery['status'], string> = { sent: 'success', failed: 'error', queued: 'warning', skipped_muted: 'default' };

/** The unit's organisational-life rule settings (organisation office) and where each org's reminders go. */
export default function SettingsPage() {
  const { t, label } = useI18n();
  const me = useMe();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const settings = useApiGet<Settings>('/api/v1/orglife/settings');
  // Only a tenant-wide role (the organisation office) changes the unit's rules; the server says so too.
  const editable = can(me, 'settings.manage');
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    const s = settings.data;
    // Read-only readers get the values shown, not a form.
    if (!s || !editable) return;
    form.setFieldsValue({
      party_lecture: s.rules.meetingFrequencies.party_lecture,
      committee_study_session: s.rules.meetingFrequencies.committee_study_session,
      branchSecretaryLectureRequired: s.rules.branchSecretaryLectureRequired,
      themePartyDayOfMonth: s.rules.themePartyDayOfMonth,
      dueSoonDays: s.dueSoonDays,
      sceneTags: s.sceneTags,
    });
  }, [settings.data, form, editable]);

  async function save(values: FormValues) {
    setError(null);
    setSaving(true);
    try {
      await api.put('/api/v1/orglife/settings', {
        version: settings.data?.version ?? 0,
        ruleOverrides: {
          meetingFrequencies: { party_lecture: values.party_lecture, committee_study_session: values.committee_study_session },
          branchSecretaryLectureRequired: values.branchSecretaryLectureRequired,
          themePartyDayOfMonth: values.themePartyDayOfMonth ?? null,
        },
        dueSoonDays: values.dueSoonDays,
        sceneTags: values.sceneTags,
      });
      message.success(t('common.saved'));
      settings.reload();
    } catch (err) {
      applyFieldErrors(form, err);
      const details = err instanceof ApiError && err.details.length > 0 ? `：${err.details.map((d) => `${d.path} ${d.message}`).join('；')}` : '';
      setError(`${errorText(err)}${details}`);
    } finally {
      setSaving(false);
    }
  }

  const periodOptions = PERIODS.map((p) => ({ value: p, label: t(`orglife.settings.period.${p}`) }));
  const regulation = (kind: (typeof FREQUENCY_KINDS)[number]) => {
    const d = DEFAULT_RULE_SETTINGS.meetingFrequencies[kind];
    return t('orglife.settings.regulation', { value: t('orglife.settings.frequencyText', { period: t(`orglife.settings.period.${d.period}`), count: d.minCount }) });
  };

  return (
    <PageCard title={t('orglife.settings.title')}>
      <Card size="small" title={t('orglife.settings.rules')} style={{ marginBottom: 16 }}>
        {!editable ? <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('orglife.settings.readOnly')} /> : null}
        {editable ? (
          <>
            {error ? <Alert type="error" showIcon style={{ marginBottom: 12 }} title={error} data-testid="settings-error" /> : null}
            <Form<FormValues> form={form} layout="vertical" disabled={settings.loading} onFinish={(v) => void save(v)} data-testid="orglife-settings-form">
              <Row gutter={16}>
                {FREQUENCY_KINDS.map((kind) => (
                  <Col xs={24} md={12} key={kind}>
                    <Form.Item label={label('orglife.kind', kind)} extra={regulation(kind)}>
                      <Space.Compact>
                        <Form.Item name={[kind, 'minCount']} noStyle rules={[{ required: true }]}>
                          <InputNumber min={1} max={31} addonBefore={t('orglife.settings.atLeast')} addonAfter={t('orglife.settings.times')} style={{ width: 200 }} />
                        </Form.Item>
                        <Form.Item name={[kind, 'period']} noStyle>
                          <Select options={periodOptions} style={{ width: 110 }} aria-label={t('orglife.settings.per')} />
                        </Form.Item>
                      </Space.Compact>
                    </Form.Item>
                  </Col>
                ))}
                <Col xs={24} md={12}>
                  <Form.Item name="branchSecretaryLectureRequired" label={t('orglife.settings.secretaryLecture')} valuePropName="checked" extra={t('orglife.settings.secretaryLectureHint')}>
                    <Switch />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="themePartyDayOfMonth" label={t('orglife.settings.themeDay')} extra={t('orglife.settings.themeDayHint')}>
                    <InputNumber min={1} max={28} placeholder={t('orglife.settings.themeDayNone')} addonAfter={t('orglife.settings.dayOfMonth')} style={{ width: 200 }} />
                  </Form.Item>
                </Col>
                <Col span={24}>
                  <Form.Item label={t('orglife.settings.dueSoon')} extra={t('orglife.settings.dueSoonHint')}>
                    <Flex gap={8} wrap>
                      {PERIODS.map((p) => (
                        <Form.Item key={p} name={['dueSoonDays', p]} noStyle rules={[{ required: true }]}>
                          <InputNumber min={1} max={p === 'month' ? 27 : p === 'quarter' ? 89 : 364} addonBefore={t(`orglife.settings.period.${p}`)} addonAfter={t('orglife.settings.days')} style={{ width: 200 }} />
                        </Form.Item>
                      ))}
                    </Flex>
                  </Form.Item>
                </Col>
                <Col span={24}>
                  <Form.Item name="sceneTags" label={t('orglife.settings.sceneTags')} extra={t('orglife.settings.sceneTagsHint')}>
                    <Select mode="tags" tokenSeparators={[',', '，', '、']} open={false} suffixIcon={null} />
                  </Form.Item>
                </Col>
              </Row>
              <Button type="primary" htmlType="submit" loading={saving} data-testid="save-settings">
                {t('common.save')}
              </Button>
            </Form>
          </>
        ) : settings.data ? (
          <RulesView settings={settings.data} />
        ) : null}
      </Card>
      <Channels />
    </PageCard>
  );
}

/** The unit's rules as those who may not change them read them: values, not a disabled form. */
function RulesView({ settings }: { settings: Settings }) {
  const { t, label } = useI18n();
  const frequency = (f: Frequency) => t('orglife.settings.frequencyText', { period: t(`orglife.settings.period.${f.period}`), count: f.minCount });
  return (
    <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} data-testid="orglife-settings-view">
      {FREQUENCY_KINDS.map((kind) => (
        <Descriptions.Item key={kind} label={label('orglife.kind', kind)}>
          {frequency(settings.rules.meetingFrequencies[kind])}
        </Descriptions.Item>
      ))}
      <Descriptions.Item label={t('orglife.settings.secretaryLecture')}>{settings.rules.branchSecretaryLectureRequired ? t('common.yes') : t('common.no')}</Descriptions.Item>
      <Descriptions.Item label={t('orglife.settings.themeDay')}>
        {settings.rules.themePartyDayOfMonth === null ? t('orglife.settings.themeDayNone') : `${settings.rules.themePartyDayOfMonth}${t('orglife.settings.dayOfMonth')}`}
      </Descriptions.Item>
      <Descriptions.Item label={t('orglife.settings.dueSoon')} span="filled">
        {PERIODS.map((p) => `${t(`orglife.settings.period.${p}`)} ${settings.dueSoonDays[p]} ${t('orglife.settings.days')}`).join('；')}
      </Descriptions.Item>
      <Descriptions.Item label={t('orglife.settings.sceneTags')} span="filled">
        {settings.sceneTags.map((tag) => (
          <Tag key={tag}>{tag}</Tag>
        ))}
      </Descriptions.Item>
    </Descriptions>
  );
}

/** Reminder channels of one org (企业微信 / 钉钉 group robots, e-mail) and the deliveries made. */
function Channels() {
  const { t, label } = useI18n();
  const me = useMe();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const defaultOrg = me.roles.find((r) => r.role === 'branch_secretary')?.orgId ?? null;
  const [orgId, setOrgId] = useState<number | null>(defaultOrg);
  const channels = useApiGet<Channel[]>(orgId ? `/api/v1/orglife/orgs/${orgId}/channels` : null);
  const writable = can(me, 'orglife.write');
  const [kind, setKind] = useState<Channel['kind']>('wecom');
  const [target, setTarget] = useState('');
  const [error, setError] = useState<string | null>(null);
  const deliveries = useServerList<Delivery>({ url: '/api/v1/orglife/deliveries', filterKeys: ['orgId', 'status'] });

  async function add() {
    setError(null);
    try {
      await api.post(`/api/v1/orglife/orgs/${orgId}/channels`, { kind, target: target.trim() });
      setTarget('');
      message.success(t('common.saved'));
      channels.reload();
    } catch (err) {
      const details = err instanceof ApiError && err.details.length > 0 ? `：${err.details.map((d) => d.message).join('；')}` : '';
      setError(`${errorText(err)}${details}`);
    }
  }

  async function remove(id: number) {
    try {
      await api.delete(`/api/v1/orglife/channels/${id}`);
      channels.reload();
    } catch (err) {
      setError(errorText(err));
    }
  }

  /**
   * What a delivery's status means to the reader. The server's detail is either a code (e-mail
   * waiting for a mail server, being sent, cut off, too old to send late; a robot webhook refused
   * or unreachable) or, for a failure, the HTTP status or the mail server's answer, shown as it is.
   */
  const deliveryState = useCallback(
    (r: Delivery): { text: string; reason: string | null } => {
      if (r.status === 'queued') return { text: r.detail === 'NO_MAIL_SERVER' ? t('orglife.delivery.noMailServer') : r.detail === 'SENDING' ? t('orglife.delivery.sending') : label('orglife.delivery', r.status), reason: null };
      if (r.status === 'failed') {
        if (r.detail === 'EXPIRED') return { text: t('orglife.delivery.expired'), reason: null };
        if (r.detail === 'INTERRUPTED') return { text: t('orglife.delivery.interrupted'), reason: null };
        // A robot webhook's failure is a short code (lib/webhook.ts), said in words here.
        if (r.detail.startsWith('WEBHOOK_')) return { text: label('orglife.delivery', r.status), reason: label('orglife.delivery', r.detail) };
        return { text: label('orglife.delivery', r.status), reason: r.detail || null };
      }
      return { text: label('orglife.delivery', r.status), reason: null };
    },
    [t, label],
  );

  const deliveryColumns = useMemo<ColumnsType<Delivery>>(
    () => [
      { key: 'day', title: t('orglife.settings.day'), width: 110, render: (_, r) => r.day },
      { key: 'org', title: t('orglife.col.org'), render: (_, r) => r.orgName },
      { key: 'channel', title: t('orglife.settings.channel'), render: (_, r) => `${label('orglife.channelKind', r.kind)} · ${r.target}` },
      { key: 'items', title: t('orglife.settings.items'), width: 90, render: (_, r) => r.items },
      {
        key: 'status',
        title: t('orglife.settings.status'),
        render: (_, r) => {
          const { text, reason } = deliveryState(r);
          return (
            <div data-testid={`delivery-${r.channelId}`} data-status={r.status}>
              <Tag color={STATUS_COLORS[r.status]}>{text}</Tag>
              {/* The mail server's answer can be long: it wraps under the tag instead of widening the table. */}
              {reason ? (
                <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0', maxWidth: 220, whiteSpace: 'normal', overflowWrap: 'anywhere', fontSize: 12 }}>
                  {reason}
                </Typography.Paragraph>
              ) : null}
            </div>
          );
        },
      },
    ],
    [t, label, deliveryState],
  );
  const mailConfigured = deliveries.extra?.mailConfigured === true;

  return (
    <>
      <Card size="small" title={t('orglife.settings.channels')} style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">{t('orglife.settings.channelsHint')}</Typography.Paragraph>
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <OrgTreeSelect value={orgId} onChange={(v) => setOrgId(v ?? null)} placeholder={t('orglife.compliance.pickOrg')} style={{ width: 320, maxWidth: '100%' }} />
        </Flex>
        {error ? <Alert type="error" showIcon style={{ marginBottom: 12 }} title={error} /> : null}
        {orgId ? (
          <>
            <Table<Channel>
              size="small"
              rowKey="id"
              pagination={false}
              loading={channels.loading}
              dataSource={channels.data ?? []}
              locale={{ emptyText: t('orglife.settings.noChannels') }}
              columns={[
                { key: 'kind', title: t('orglife.settings.channelKind'), width: 140, render: (_, c) => label('orglife.channelKind', c.kind) },
                { key: 'target', dataIndex: 'target', title: t('orglife.settings.target'), ellipsis: true },
                {
                  key: 'actions',
                  width: 60,
                  render: (_, c) => (writable ? <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('orglife.detail.delete')} onClick={() => void remove(c.id)} /> : null),
                },
              ]}
            />
            {writable ? (
              <Space.Compact style={{ marginTop: 12, width: '100%', maxWidth: 640 }}>
                <Select value={kind} onChange={setKind} style={{ width: 150 }} options={(['wecom', 'dingtalk', 'email'] as const).map((k) => ({ value: k, label: label('orglife.channelKind', k) }))} />
                <Input value={target} onChange={(e) => setTarget(e.target.value)} placeholder={kind === 'email' ? 'name@example.org' : 'https://…'} data-testid="channel-target" />
                <Button icon={<PlusOutlined />} onClick={() => void add()} disabled={target.trim() === ''}>
                  {t('orglife.settings.addChannel')}
                </Button>
              </Space.Compact>
            ) : null}
          </>
        ) : null}
      </Card>
      <Card size="small" title={t('orglife.settings.deliveries')}>
        {deliveries.extra ? (
          <Typography.Paragraph type="secondary" data-testid="deliveries-hint">
            {mailConfigured
              ? t('orglife.settings.deliveriesHintMail')
              : // Configuration names (SMTP_URL) mean something to the system administrator only; others are told whom to ask.
                can(me, 'users.manage')
                ? t('orglife.settings.deliveriesHint')
                : t('orglife.settings.deliveriesHintAsk')}
          </Typography.Paragraph>
        ) : null}
        <ServerTable list={deliveries} columns={deliveryColumns} rowKey="key" data-testid="orglife-deliveries" />
      </Card>
    </>
  );
}
