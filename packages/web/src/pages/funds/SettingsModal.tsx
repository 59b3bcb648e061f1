/** The unit's fund categories and 三优先 targets: edited by the office, read by everyone else. */
import { FUND_CATEGORIES_MAX, FUND_DAY_UNITS } from '@hongyi/core';
import { Descriptions, Form, InputNumber, Select, Typography } from 'antd';
import { api } from '../../api/client';
import { useFormSubmit } from '../../components/useFormSubmit';
import { SettingsDialog } from '../../components/SettingsDialog';
import { useI18n } from '../../i18n';
import { type FundsSettings, useFundsErrorText } from './shared';

type Values = Omit<FundsSettings, 'version'>;

export function SettingsModal({ settings, editable, onClose, onSaved }: { settings: FundsSettings; editable: boolean; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const errorText = useFundsErrorText();
  const [form] = Form.useForm<Values>();
  const { saving, problem, submit: saveForm } = useFormSubmit(form, { errorText });
  const { version, ...initial } = settings;
  const save = async () => {
    const v = await form.validateFields();
    await saveForm(() => api.put('/api/v1/funds/settings', { ...v, categories: v.categories.map((c) => c.trim()).filter(Boolean), version }), () => {
      onSaved();
      onClose();
    });
  };
  const unitOptions = FUND_DAY_UNITS.map((u) => ({ value: u, label: t(`funds.unit.${u}`) }));
  return (
    <SettingsDialog
      title={t('funds.settings.title')}
      editable={editable}
      saving={saving}
      problem={problem}
      onSave={save}
      onClose={onClose}
      form={
        <Form form={form} layout="vertical" initialValues={initial}>
          <Form.Item name="categories" label={t('funds.settings.categories')} extra={t('funds.settings.categoriesHelp', { max: FUND_CATEGORIES_MAX })} rules={[{ required: true }]}>
            <Select mode="tags" open={false} data-testid="funds-categories" />
          </Form.Item>
          <Form.Item name="approvalTargetDays" label={t('funds.settings.approvalTarget')} rules={[{ required: true }]}>
            <InputNumber min={1} max={90} precision={0} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="paymentTargetDays" label={t('funds.settings.paymentTarget')} rules={[{ required: true }]}>
            <InputNumber min={1} max={180} precision={0} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="targetUnit" label={t('funds.settings.unit')} rules={[{ required: true }]}>
            <Select options={unitOptions} style={{ width: 160 }} />
          </Form.Item>
        </Form>
      }
      reading={
        <Descriptions bordered size="small" column={1}>
          <Descriptions.Item label={t('funds.settings.categories')}>{settings.categories.join('、')}</Descriptions.Item>
          <Descriptions.Item label={t('funds.settings.approvalTarget')}>{`${settings.approvalTargetDays} ${t(`funds.unit.${settings.targetUnit}`)}`}</Descriptions.Item>
          <Descriptions.Item label={t('funds.settings.paymentTarget')}>{`${settings.paymentTargetDays} ${t(`funds.unit.${settings.targetUnit}`)}`}</Descriptions.Item>
        </Descriptions>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        {t('funds.settings.note')}
      </Typography.Paragraph>
    </SettingsDialog>
  );
}
