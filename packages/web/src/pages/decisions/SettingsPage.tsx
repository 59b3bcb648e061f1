import { TOPIC_CATEGORIES, type TopicCategory } from '@hongyi/core';
import { Alert, Button, Form, InputNumber, Select, Skeleton, Typography } from 'antd';
import { api } from '../../api/client';
import type { ApiResult } from '../../api/contract';
import { useApiGet, useErrorText } from '../../api/hooks';
import { useFormSubmit } from '../../components/useFormSubmit';
import { PageCard } from '../../components/PageCard';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';
import { useDecisionLabels } from './shared';

type Settings = ApiResult<'/api/v1/decisions/settings'>;
interface SettingsForm {
  thresholdWan: number;
  prereviewItems: string[];
  studyFirst: TopicCategory[];
  committeeDecides: TopicCategory[];
}

/**
 * The unit's 三重一大 decision rules: the 大额资金 threshold, the pre-review checklist every topic
 * completes before an agenda, the categories the 党委会 studies first (前置研究) and those it
 * decides itself. The 党办 keeps them; everyone who reads decisions sees them.
 */
export default function DecisionSettingsPage() {
  const { t } = useI18n();
  const errorText = useErrorText();
  const { me } = useSession();
  const labels = useDecisionLabels();
  const settings = useApiGet<Settings>('/api/v1/decisions/settings');
  const [form] = Form.useForm<SettingsForm>();
  const { saving, problem, submit: saveForm } = useFormSubmit(form);
  const canEdit = (me?.roles ?? []).some((r) => r.role === 'party_office');
  const categories = TOPIC_CATEGORIES.map((c) => ({ value: c, label: labels.category(c) }));

  const save = async () => {
    const v = await form.validateFields();
    const current = settings.data;
    if (!current) return;
    await saveForm(async () => {
      await api.put('/api/v1/decisions/settings', {
        largeFundThresholdCents: Math.round(v.thresholdWan * 1_000_000),
        prereviewItems: v.prereviewItems.map((s) => s.trim()).filter(Boolean),
        studyFirst: v.studyFirst,
        committeeDecides: v.committeeDecides,
        version: current.version,
      });
    }, () => settings.reload());
  };

  return (
    <PageCard title={t('decisions.settings.title')}>
      {settings.error ? <Alert type="error" showIcon title={errorText(settings.error)} /> : null}
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} /> : null}
      {!settings.data ? (
        <Skeleton active />
      ) : (
        <Form
          key={settings.data.version}
          form={form}
          layout="vertical"
          disabled={!canEdit}
          style={{ maxWidth: 640 }}
          data-testid="decision-settings"
          initialValues={{
            thresholdWan: settings.data.largeFundThresholdCents / 1_000_000,
            prereviewItems: settings.data.prereviewItems,
            studyFirst: settings.data.studyFirst,
            committeeDecides: settings.data.committeeDecides,
          }}
        >
          {!canEdit ? <Typography.Paragraph type="secondary">{t('decisions.settings.readOnly')}</Typography.Paragraph> : null}
          <Form.Item name="thresholdWan" label={t('decisions.settings.threshold')} extra={t('decisions.settings.thresholdHelp')} rules={[{ required: true }]}>
            <InputNumber min={0} precision={2} suffix={t('decisions.settings.wan')} data-testid="decision-threshold" />
          </Form.Item>
          <Form.Item name="prereviewItems" label={t('decisions.settings.prereview')} extra={t('decisions.settings.prereviewHelp')}>
            <Select mode="tags" open={false} data-testid="decision-prereview" />
          </Form.Item>
          <Form.Item name="studyFirst" label={t('decisions.settings.studyFirst')}>
            <Select mode="multiple" options={categories} data-testid="decision-study-first" />
          </Form.Item>
          <Form.Item name="committeeDecides" label={t('decisions.settings.committeeDecides')}>
            <Select mode="multiple" options={categories} data-testid="decision-committee-decides" />
          </Form.Item>
          {canEdit ? (
            <Button type="primary" loading={saving} onClick={() => void save()} data-testid="decision-settings-save">
              {t('common.save')}
            </Button>
          ) : null}
        </Form>
      )}
    </PageCard>
  );
}
