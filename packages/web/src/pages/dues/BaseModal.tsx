import { DUES_CATEGORIES, DUES_INPUT_LIMITS, DUES_RULES, type DuesCategory, duesNeedsBase } from '@hongyi/core';
import { Alert, App, Descriptions, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError, api } from '../../api/client';
import { useErrorText } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { type BaseRow, type DuesPreview, parseYuan, rate, yuan } from './types';

interface Values {
  category: DuesCategory;
  baseYuan?: string;
  farmerMonthlyCents?: number;
  note?: string;
}

/**
 * 核定 one member's category and base for a year. While the collector types, the server's
 * calculator (POST /api/v1/dues/preview) shows the rate and the monthly amount.
 */
export function BaseModal({ row, year, onClose, onSaved }: { row: BaseRow | null; year: number; onClose: () => void; onSaved: () => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const [preview, setPreview] = useState<DuesPreview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const category = Form.useWatch('category', form);
  const baseYuan = Form.useWatch('baseYuan', form);
  const farmer = Form.useWatch('farmerMonthlyCents', form);

  useEffect(() => {
    if (!row) return;
    form.setFieldsValue({
      category: row.category,
      baseYuan: row.baseCents !== null ? (row.baseCents / 100).toFixed(2) : '',
      farmerMonthlyCents: row.farmerMonthlyCents ?? undefined,
      note: '',
    });
  }, [row, form]);

  useEffect(() => {
    if (!row || !category) return;
    const needsBase = duesNeedsBase(category);
    const baseCents = needsBase ? parseYuan(baseYuan ?? '') : 0;
    if (baseCents === null) {
      setPreview(null);
      setPreviewError(baseYuan ? t('dues.base.invalidYuan') : null);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api
        .post<DuesPreview>(
          '/api/v1/dues/preview',
          { category, baseCents, ...(category === 'farmer' ? { farmerMonthlyCents: farmer ?? null } : {}) },
          { signal: controller.signal },
        )
        .then((result) => {
          setPreview(result);
          setPreviewError(null);
        })
        .catch((error: unknown) => {
          if (error instanceof DOMException) return;
          setPreview(null);
          setPreviewError(errorText(error));
        });
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [row, category, baseYuan, farmer, t, errorText]);

  const submit = async () => {
    if (!row) return;
    const values = await form.validateFields();
    const needsBase = duesNeedsBase(values.category);
    const baseCents = needsBase ? parseYuan(values.baseYuan ?? '') : 0;
    if (baseCents === null) {
      form.setFields([{ name: 'baseYuan', errors: [t('dues.base.invalidYuan')] }]);
      return;
    }
    setSaving(true);
    try {
      await api.post('/api/v1/dues/bases', {
        memberId: row.id,
        memberVersion: row.memberVersion,
        year,
        category: values.category,
        baseCents,
        ...(values.category === 'farmer' ? { farmerMonthlyCents: values.farmerMonthlyCents ?? null } : {}),
        ...(values.note ? { note: values.note } : {}),
      });
      void message.success(t('common.saved'));
      onSaved();
    } catch (error) {
      if (error instanceof ApiError && error.details.length > 0) {
        const field = error.details[0]!.path.endsWith('farmerMonthlyCents') ? 'farmerMonthlyCents' : 'baseYuan';
        form.setFields([{ name: field, errors: [error.details[0]!.message] }]);
      } else void message.error(errorText(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={row !== null}
      title={row ? t('dues.base.title', { name: row.name, year }) : ''}
      okText={t('common.save')}
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" data-testid="dues-base-form">
        <Form.Item name="category" label={t('dues.col.category')} rules={[{ required: true }]}>
          <Select options={DUES_CATEGORIES.map((c) => ({ value: c, label: label('dues.category', c) }))} />
        </Form.Item>
        {category && duesNeedsBase(category) ? (
          <Form.Item name="baseYuan" label={t(category === 'retired' ? 'dues.base.pension' : 'dues.base.pay')} extra={t('dues.base.payHint')} rules={[{ required: true }]}>
            <Input addonAfter={t('dues.yuan')} inputMode="decimal" data-testid="dues-base-input" />
          </Form.Item>
        ) : null}
        {category === 'farmer' ? (
          <Form.Item name="farmerMonthlyCents" label={t('dues.base.farmer', { min: DUES_RULES.farmerMinMonthlyCents, max: DUES_RULES.farmerMaxMonthlyCents })} rules={[{ required: true }]}>
            <InputNumber min={DUES_RULES.farmerMinMonthlyCents} max={DUES_RULES.farmerMaxMonthlyCents} precision={0} addonAfter={t('dues.fen')} style={{ width: 200 }} />
          </Form.Item>
        ) : null}
        <Form.Item name="note" label={t('dues.note')}>
          <Input maxLength={DUES_INPUT_LIMITS.noteMaxLength} />
        </Form.Item>
      </Form>
      {previewError ? <Alert type="error" showIcon title={previewError} /> : null}
      {preview ? (
        <Descriptions size="small" bordered column={2} data-testid="dues-base-preview">
          <Descriptions.Item label={t('dues.col.rate')}>{preview.rateBasisPoints === null ? t('dues.fixed') : rate(preview.rateBasisPoints)}</Descriptions.Item>
          <Descriptions.Item label={t('dues.col.monthly')}>{yuan(preview.monthlyCents)}</Descriptions.Item>
        </Descriptions>
      ) : null}
    </Modal>
  );
}
