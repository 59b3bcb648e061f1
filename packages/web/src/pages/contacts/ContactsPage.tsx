/**
 * Contact points (联系点) and co-building (结对共建), one tab each: the leaders' links to branches
 * with the visits; the follow-ups with owner, due date and state; the agreements with their
 * activities and renewals. The unit's lists (agreement kinds, visit purposes, follow-up days) in a
 * small dialog, editable by the office.
 */
import { SettingOutlined } from '@ant-design/icons';
import { CONTACTS_LIST_MAX, FOLLOW_UP_DAYS_RANGE } from '@hongyi/core';
import { Button, Descriptions, Form, InputNumber, Select, Tabs } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { can } from '../../access';
import { api } from '../../api/client';
import { useApiGet } from '../../api/hooks';
import { useFormSubmit } from '../../components/useFormSubmit';
import { SettingsDialog } from '../../components/SettingsDialog';
import { PageCard } from '../../components/PageCard';
import { useI18n } from '../../i18n';
import { useMe } from '../../session';
import { AgreementsTab } from './AgreementsTab';
import { FollowUpsTab } from './FollowUpsTab';
import { PointsTab } from './PointsTab';
import type { ContactsSettings } from './shared';

const TABS = ['points', 'followups', 'agreements'] as const;
type Tab = (typeof TABS)[number];

export default function ContactsPage() {
  const { t } = useI18n();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const requested = params.get('tab');
  const tab: Tab = (TABS as readonly string[]).includes(requested ?? '') ? (requested as Tab) : 'points';
  const [settingsOpen, setSettingsOpen] = useState(false);
  const settings = useApiGet<ContactsSettings>('/api/v1/contacts/settings');
  const content: Record<Tab, React.ReactNode> = {
    points: <PointsTab />,
    followups: <FollowUpsTab />,
    agreements: <AgreementsTab kinds={settings.data?.agreementKinds ?? []} />,
  };
  return (
    <PageCard
      title={t('contacts.title')}
      extra={
        <Button icon={<SettingOutlined />} onClick={() => setSettingsOpen(true)} data-testid="contacts-settings">
          {t('contacts.settings.title')}
        </Button>
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key })}
        destroyOnHidden
        items={TABS.map((key) => ({ key, label: t(`contacts.tab.${key}`), children: content[key] }))}
      />
      {settingsOpen && settings.data ? <SettingsModal settings={settings.data} editable={can(me, 'settings.manage')} onClose={() => setSettingsOpen(false)} onSaved={settings.reload} /> : null}
    </PageCard>
  );
}

function SettingsModal({ settings, editable, onClose, onSaved }: { settings: ContactsSettings; editable: boolean; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Omit<ContactsSettings, 'version'>>();
  const { saving, problem, submit: saveForm } = useFormSubmit(null);
  const save = async () => {
    const v = await form.validateFields();
    await saveForm(async () => {
      const clean = (list: string[]) => list.map((s) => s.trim()).filter(Boolean);
      await api.put('/api/v1/contacts/settings', { agreementKinds: clean(v.agreementKinds), visitPurposes: clean(v.visitPurposes), followUpDays: v.followUpDays, version: settings.version });
    }, () => {
      onSaved();
      onClose();
    });
  };
  return (
    <SettingsDialog
      title={t('contacts.settings.title')}
      editable={editable}
      saving={saving}
      problem={problem}
      onSave={save}
      onClose={onClose}
      destroyOnHidden
      form={
        <Form form={form} layout="vertical" initialValues={settings}>
          <Form.Item name="agreementKinds" label={t('contacts.settings.kinds')} extra={t('contacts.settings.listHelp', { max: CONTACTS_LIST_MAX })} rules={[{ required: true }]}>
            <Select mode="tags" open={false} data-testid="contacts-settings-kinds" />
          </Form.Item>
          <Form.Item name="visitPurposes" label={t('contacts.settings.purposes')} rules={[{ required: true }]}>
            <Select mode="tags" open={false} />
          </Form.Item>
          <Form.Item name="followUpDays" label={t('contacts.settings.days')} extra={t('contacts.settings.daysHelp')} rules={[{ required: true }]}>
            <InputNumber min={FOLLOW_UP_DAYS_RANGE.min} max={FOLLOW_UP_DAYS_RANGE.max} precision={0} />
          </Form.Item>
        </Form>
      }
      reading={
        <Descriptions bordered size="small" column={1}>
          <Descriptions.Item label={t('contacts.settings.kinds')}>{settings.agreementKinds.join('、')}</Descriptions.Item>
          <Descriptions.Item label={t('contacts.settings.purposes')}>{settings.visitPurposes.join('、')}</Descriptions.Item>
          <Descriptions.Item label={t('contacts.settings.days')}>{settings.followUpDays}</Descriptions.Item>
        </Descriptions>
      }
    />
  );
}
