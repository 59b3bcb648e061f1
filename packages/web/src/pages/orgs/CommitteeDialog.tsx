import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Flex, Form, Modal, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { api, toQueryString } from '../../api/client';
import { useErrorText } from '../../api/hooks';
import type { MemberRow, Page } from '../../api/types';
import { useI18n } from '../../i18n';
import { SaveError, saveErrorOf } from './shared';
import { COMMITTEE_POSTS, type CommitteePost, type OrgDetail } from './types';
import { DatePicker } from '../../components/DatePicker';

interface SeatValue {
  post: CommitteePost;
  memberId: number | null;
  startedOn: Dayjs | null;
}

/** Picks an active member of the org (or below) by name, pinyin or initials; empty means a vacancy. */
function MemberPicker({ orgId, value, onChange, initialName }: { orgId: number; value?: number | null; onChange?: (v: number | null) => void; initialName?: string | null }) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [options, setOptions] = useState<{ value: number; label: string }[]>([]);
  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api
        .get<Page<MemberRow>>(`/api/v1/members${toQueryString({ orgId, q, pageSize: 30, sort: 'name' })}`, { signal: controller.signal })
        .then((page) => setOptions(page.items.map((m) => ({ value: m.id, label: m.title ? `${m.name}（${m.title}）` : m.name }))))
        .catch(() => undefined);
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [orgId, q]);
  const merged = useMemo(
    () => (value && initialName && !options.some((o) => o.value === value) ? [{ value, label: initialName }, ...options] : options),
    [options, value, initialName],
  );
  return (
    <Select<number>
      allowClear
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? null)}
      options={merged}
      placeholder={t('orgs.vacantPlaceholder')}
      style={{ width: 220 }}
    />
  );
}

/** Sets the committee's seats (PUT orgs/:id/committee with the org's version; 409 when someone else saved first). */
export function CommitteeDialog({ org, onClose, onDone }: { org: OrgDetail; onClose: () => void; onDone: () => void }) {
  const { t, label } = useI18n();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ seats: SeatValue[] }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ text: string; conflict: boolean } | null>(null);
  const names = useMemo(() => new Map(org.committee.map((s) => [s.memberId, s.memberName])), [org.committee]);

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await api.put(`/api/v1/orgs/${org.id}/committee`, {
        version: org.version,
        seats: (v.seats ?? []).map((s) => ({ post: s.post, memberId: s.memberId ?? null, startedOn: s.startedOn ? s.startedOn.format('YYYY-MM-DD') : null })),
      });
      void message.success(t('common.saved'));
      onDone();
    } catch (err) {
      setError(saveErrorOf(err, errorText));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open width={720} title={t('orgs.committeeTitle', { name: org.name })} okText={t('common.save')} confirmLoading={busy} onOk={() => void submit()} onCancel={onClose} destroyOnHidden>
      <SaveError error={error} testId="committee-error" onReload={onDone} />
      <Typography.Paragraph type="secondary">{t('orgs.committeeHint')}</Typography.Paragraph>
      <Form
        form={form}
        initialValues={{ seats: org.committee.map((s) => ({ post: s.post, memberId: s.memberId, startedOn: s.startedOn ? dayjs(s.startedOn) : null })) }}
      >
        <Form.List name="seats">
          {(fields, { add, remove }) => (
            <Flex vertical gap={0}>
              {fields.map((field) => (
                <Flex key={field.key} gap={8} align="start" wrap>
                  <Form.Item name={[field.name, 'post']} rules={[{ required: true }]}>
                    <Select style={{ width: 130 }} options={COMMITTEE_POSTS.map((value) => ({ value, label: label('orgs.post', value) }))} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'memberId']}>
                    <MemberPicker orgId={org.id} initialName={names.get(form.getFieldValue(['seats', field.name, 'memberId']) as number) ?? null} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'startedOn']}>
                    <DatePicker placeholder={t('orgs.seat.startedOn')} />
                  </Form.Item>
                  <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('orgs.removeSeat')} onClick={() => remove(field.name)} />
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ post: 'member', memberId: null, startedOn: null })}>
                {t('orgs.addSeat')}
              </Button>
            </Flex>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
