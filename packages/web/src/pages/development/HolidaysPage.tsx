import { Alert, Button, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tag, Typography, message } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import dayjs from 'dayjs';
import { useState } from 'react';
import { ApiError, api } from '../../api/client';
import type { ApiResult } from '../../api/contract';
import { useApiGet, useErrorText } from '../../api/hooks';
import { PageCard } from '../../components/PageCard';
import { useI18n } from '../../i18n';
import { DatePicker } from '../../components/DatePicker';
import { useToday } from '../../today';

type Day = ApiResult<'/api/v1/development/holidays'>['items'][number];

function problemText(err: unknown, fallback: (e: unknown) => string): string {
  if (err instanceof ApiError) return [err.message, ...err.details.map((d) => `${d.path}: ${d.message}`)].join('；');
  return fallback(err);
}

/**
 * 节假日安排: the public holidays and adjusted working days (调休) that working-day rules (the
 * 公示 period) count with. One table for the whole deployment, kept by the system
 * administrator; next year's schedule is pasted in once the State Council publishes it.
 */
export default function HolidaysPage() {
  const { t } = useI18n();
  const errorText = useErrorText();
  const today = useToday();
  const [year, setYear] = useState(today.year);
  const list = useApiGet<ApiResult<'/api/v1/development/holidays'>>(`/api/v1/development/holidays?year=${year}`);
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [bulkOpen, setBulkOpen] = useState(false);
  const [bulkText, setBulkText] = useState('');

  const add = async () => {
    const v = await form.validateFields();
    setError(null);
    try {
      await api.put(`/api/v1/development/holidays/${v.day.format('YYYY-MM-DD')}`, { kind: v.kind, note: v.note ?? '' });
      form.resetFields(['day', 'note']);
      list.reload();
    } catch (err) {
      setError(problemText(err, errorText));
    }
  };
  const remove = async (day: string) => {
    try {
      await api.delete(`/api/v1/development/holidays/${day}`);
      list.reload();
    } catch (err) {
      message.error(problemText(err, errorText));
    }
  };
  const parseBulk = (): Day[] | string => {
    const days: Day[] = [];
    const lines = bulkText.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
    for (const [i, line] of lines.entries()) {
      const [day = '', kindText = '', ...rest] = line.split(/[\s,，\t]+/);
      const kind = kindText === 'off' || kindText === '休' || kindText === '放假' ? 'off' : kindText === 'work' || kindText === '班' || kindText === '上班' ? 'work' : null;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !kind) return t('development.holidays.bulkLineError', { line: i + 1, text: line });
      days.push({ day, kind, note: rest.join(' ') });
    }
    return days.length ? days : t('development.holidays.bulkEmpty');
  };
  const saveBulk = async () => {
    const days = parseBulk();
    if (typeof days === 'string') {
      setError(days);
      return;
    }
    setError(null);
    try {
      await api.put(`/api/v1/development/holidays/years/${year}`, { days });
      setBulkOpen(false);
      message.success(t('development.holidays.bulkSaved', { year, count: days.length }));
      list.reload();
    } catch (err) {
      setError(problemText(err, errorText));
    }
  };

  const columns: ColumnsType<Day> = [
    { key: 'day', dataIndex: 'day', title: t('development.holidays.day'), width: 180, onCell: () => ({ style: { whiteSpace: 'nowrap' } }), render: (v: string) => `${v}（${t(`development.holidays.weekday.${dayjs(v).day()}` as 'development.holidays.weekday.0')}）` },
    { key: 'kind', dataIndex: 'kind', title: t('development.holidays.kind'), width: 130, render: (v: Day['kind']) => <Tag color={v === 'off' ? 'red' : 'blue'}>{t(`development.holidays.${v}`)}</Tag> },
    { key: 'note', dataIndex: 'note', title: t('development.holidays.note') },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 90,
      render: (_, d) => (
        <Popconfirm title={t('development.holidays.removeConfirm', { day: d.day })} onConfirm={() => void remove(d.day)}>
          <Button size="small" danger>
            {t('development.holidays.remove')}
          </Button>
        </Popconfirm>
      ),
    },
  ];
  const off = list.data?.items.filter((d) => d.kind === 'off').length ?? 0;
  const work = list.data?.items.filter((d) => d.kind === 'work').length ?? 0;

  return (
    <PageCard title={t('development.holidays.title')}>
      <Space orientation="vertical" style={{ width: '100%' }} size="middle" data-testid="holidays-page">
        <Alert type="info" showIcon title={t('development.holidays.hint')} />
        <Space wrap>
          <span>{t('development.holidays.year')}</span>
          <InputNumber min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} data-testid="holidays-year" />
          <Typography.Text type="secondary">{t('development.holidays.summary', { off, work })}</Typography.Text>
          <Button
            onClick={() => {
              setBulkText((list.data?.items ?? []).map((d) => `${d.day} ${d.kind} ${d.note}`.trim()).join('\n'));
              setError(null);
              setBulkOpen(true);
            }}
            data-testid="holidays-bulk"
          >
            {t('development.holidays.bulk', { year })}
          </Button>
        </Space>
        {!list.loading && list.data && list.data.items.length === 0 && <Alert type="warning" showIcon title={t('development.holidays.empty', { year })} data-testid="holidays-empty" />}
        {error && !bulkOpen && <Alert type="error" showIcon title={error} />}
        <Form form={form} layout="inline" initialValues={{ kind: 'off' }} style={{ rowGap: 8 }}>
          <Form.Item name="day" label={t('development.holidays.day')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="kind" label={t('development.holidays.kind')}>
            <Select style={{ width: 160 }} options={(['off', 'work'] as const).map((k) => ({ value: k, label: t(`development.holidays.${k}`) }))} />
          </Form.Item>
          <Form.Item name="note" label={t('development.holidays.note')}>
            <Input maxLength={100} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" onClick={() => void add()}>
              {t('development.holidays.add')}
            </Button>
          </Form.Item>
        </Form>
        <Table rowKey="day" size="small" columns={columns} dataSource={list.data?.items ?? []} loading={list.loading} pagination={false} data-testid="holidays-table" />
      </Space>
      <Modal open={bulkOpen} title={t('development.holidays.bulk', { year })} onCancel={() => setBulkOpen(false)} onOk={() => void saveBulk()} width={640} destroyOnHidden>
        <Typography.Paragraph type="secondary">{t('development.holidays.bulkHint')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Input.TextArea rows={14} value={bulkText} onChange={(e) => setBulkText(e.target.value)} placeholder={'2027-01-01 off 元旦\n2027-02-06 work 春节调休'} data-testid="holidays-bulk-text" />
      </Modal>
    </PageCard>
  );
}
