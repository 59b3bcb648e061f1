/**
 * Venues (活动阵地) against the unit's 六有 standard: cards with each item as a tag (met green,
 * missing red), owner and sharing branches; a filter for gaps; Excel export; a form to add or
 * change a venue; a drawer with its details and optional photos; the standard, editable by the
 * office in a small modal and readable by everyone else.
 */
import { PlusOutlined, SettingOutlined } from '@ant-design/icons';
import { VENUE_STANDARD_MAX } from '@hongyi/core';
import { Alert, App, Button, Card, Checkbox, Col, Descriptions, Drawer, Empty, Flex, Form, Input, InputNumber, Modal, Pagination, Row, Select, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { can } from '../../access';
import { api } from '../../api/client';
import type { ApiBody, ApiItem, ApiResult } from '../../api/contract';
import { useApiGet, useErrorText } from '../../api/hooks';
import { DatePicker } from '../../components/DatePicker';
import { EditDeleteActions } from '../../components/EditDeleteActions';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageCard } from '../../components/PageCard';
import { type FilterDef, ListToolbar, useServerList } from '../../components/ServerList';
import { EvidenceFiles } from '../../components/EvidenceFiles';
import { useFormSubmit } from '../../components/useFormSubmit';
import { SettingsDialog } from '../../components/SettingsDialog';
import { useI18n } from '../../i18n';
import { useMe } from '../../session';
import { useToday } from '../../today';

type VenueRow = ApiItem<'/api/v1/venues'>;
type VenueDetail = ApiResult<'/api/v1/venues/{id}'>;
type Settings = ApiResult<'/api/v1/venues/settings'>;
const FILTERS = ['orgId', 'onlyGaps'] as const;

/** Each item of the standard (and any item off the list the venue still records) as a tag: met green, missing red. */
function ItemTags({ venue, standard }: { venue: Pick<VenueRow, 'checklist' | 'gaps'>; standard: readonly string[] }) {
  const met = new Set(venue.checklist.filter((c) => c.met).map((c) => c.item));
  const extra = venue.checklist.filter((c) => !standard.includes(c.item) && c.met).map((c) => c.item);
  return (
    <Flex wrap gap={4}>
      {[...standard, ...extra].map((item) => (
        <Tag key={item} color={met.has(item) ? 'green' : 'red'} data-testid={met.has(item) ? 'item-met' : 'item-missing'}>
          {met.has(item) ? '✓' : '✗'} {item}
        </Tag>
      ))}
    </Flex>
  );
}

export default function VenuesPage() {
  const { t } = useI18n();
  const me = useMe();
  const list = useServerList<VenueRow>({ url: '/api/v1/venues', filterKeys: FILTERS, defaultPageSize: 20 });
  const settings = useApiGet<Settings>('/api/v1/venues/settings');
  const standard = (list.extra?.standard as string[] | undefined) ?? settings.data?.standard ?? [];
  const [editing, setEditing] = useState<VenueDetail | 'new' | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const canWrite = can(me, 'orglife.write');
  const filters = useMemo<FilterDef[]>(
    () => [
      { kind: 'org', name: 'orgId', placeholder: t('venues.filter.org') },
      { kind: 'select', name: 'onlyGaps', placeholder: t('venues.filter.all'), options: [{ value: 'true', label: t('venues.filter.gaps') }], width: 160 },
    ],
    [t],
  );
  return (
    <PageCard title={t('venues.title')}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
        {t('venues.standard')}
        {standard.join('、')}
        <Button type="link" size="small" icon={<SettingOutlined />} onClick={() => setSettingsOpen(true)} data-testid="venue-standard">
          {can(me, 'settings.manage') ? t('venues.standardEdit') : t('venues.standardView')}
        </Button>
      </Typography.Paragraph>
      <ListToolbar
        list={list}
        filters={filters}
        exportable
        extra={
          canWrite ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="new-venue">
              {t('venues.new')}
            </Button>
          ) : null
        }
      />
      {list.rows.length === 0 && !list.loading ? <Empty description={t('venues.none')} /> : null}
      <Row gutter={[12, 12]} data-testid="venues">
        {list.rows.map((v) => (
          <Col key={v.id} xs={24} md={12} xl={8}>
            <Card size="small" hoverable title={v.name} onClick={() => setOpen(v.id)} data-testid="venue-card" extra={v.gaps.length === 0 ? <Tag color="green">{t('venues.allMet')}</Tag> : <Tag color="red">{t('venues.gapCount', { n: v.gaps.length })}</Tag>}>
              <Space orientation="vertical" size={6} style={{ width: '100%' }}>
                <ItemTags venue={v} standard={standard} />
                <Typography.Text type="secondary">{t('venues.ownerLine', { name: v.orgName })}</Typography.Text>
                {v.sharedWith.length > 0 ? (
                  <Typography.Text type="secondary">{t('venues.sharedLine', { names: v.sharedWith.map((s) => s.orgName).join('、') })}</Typography.Text>
                ) : null}
                {v.place || v.checkedOn ? (
                  <Typography.Text type="secondary">
                    {[v.place, v.checkedOn ? t('venues.checkedOnText', { date: v.checkedOn }) : ''].filter(Boolean).join(' · ')}
                  </Typography.Text>
                ) : null}
              </Space>
            </Card>
          </Col>
        ))}
      </Row>
      {list.total > list.pageSize ? (
        <Flex justify="flex-end" style={{ marginTop: 12 }}>
          <Pagination current={list.page} pageSize={list.pageSize} total={list.total} onChange={list.setPaging} size="small" />
        </Flex>
      ) : null}
      {open !== null ? <VenueDrawer id={open} standard={standard} onClose={() => setOpen(null)} onEdit={(v) => (setOpen(null), setEditing(v))} onChanged={list.reload} /> : null}
      {editing ? <VenueModal venue={editing === 'new' ? null : editing} standard={standard} onClose={() => setEditing(null)} onSaved={list.reload} /> : null}
      {settingsOpen && settings.data ? (
        <StandardModal settings={settings.data} editable={can(me, 'settings.manage')} onClose={() => setSettingsOpen(false)} onSaved={() => (settings.reload(), list.reload())} />
      ) : null}
    </PageCard>
  );
}

function VenueDrawer({ id, standard, onClose, onEdit, onChanged }: { id: number; standard: readonly string[]; onClose: () => void; onEdit: (v: VenueDetail) => void; onChanged: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { data, reload } = useApiGet<VenueDetail>(`/api/v1/venues/${id}`);
  const remove = async (v: VenueDetail) => {
    try {
      await api.delete(`/api/v1/venues/${v.id}?version=${v.version}`);
      void message.success(t('venues.removed'));
      onChanged();
      onClose();
    } catch (err) {
      void message.error(errorText(err));
    }
  };
  const notes = data?.checklist.filter((c) => c.note) ?? [];
  return (
    <Drawer
      open
      onClose={onClose}
      size="large"
      title={data?.name ?? ''}
      extra={data ? <EditDeleteActions show={data.canEdit} confirm={t('venues.removeConfirm')} deleteText={t('venues.remove')} onDelete={() => void remove(data)} onEdit={() => onEdit(data)} editTestId="edit-venue" /> : null}
    >
      {data ? (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="venue-detail">
          <Descriptions bordered size="small" column={1}>
            <Descriptions.Item label={t('venues.col.standard')}>
              <ItemTags venue={data} standard={standard} />
            </Descriptions.Item>
            {notes.length > 0 ? (
              <Descriptions.Item label={t('venues.col.itemNotes')}>
                {notes.map((c) => (
                  <div key={c.item}>
                    {t('venues.itemNoteLine', { item: c.item, note: c.note })}
                  </div>
                ))}
              </Descriptions.Item>
            ) : null}
            <Descriptions.Item label={t('venues.col.owner')}>{data.orgName}</Descriptions.Item>
            <Descriptions.Item label={t('venues.col.shared')}>{data.sharedWith.map((s) => s.orgName).join('、') || t('common.none')}</Descriptions.Item>
            <Descriptions.Item label={t('venues.col.place')}>{data.place || t('common.none')}</Descriptions.Item>
            <Descriptions.Item label={t('venues.col.area')}>{data.areaM2 !== null ? `${data.areaM2} m²` : t('common.none')}</Descriptions.Item>
            <Descriptions.Item label={t('venues.col.seats')}>{data.seats ?? t('common.none')}</Descriptions.Item>
            <Descriptions.Item label={t('venues.col.checkedOn')}>{data.checkedOn ?? t('common.none')}</Descriptions.Item>
            {data.note ? <Descriptions.Item label={t('venues.col.note')}>{data.note}</Descriptions.Item> : null}
          </Descriptions>
          <EvidenceFiles
            files={data.photoList}
            canUpload={data.canEdit}
            canWithdraw={data.canEdit}
            url={`/api/v1/venues/${id}/photos`}
            uploadLabel={t('venues.photoUpload')}
            emptyText={t('venues.photoNone')}
            testId="venue-photos"
            onChanged={() => (reload(), onChanged())}
          />
        </Space>
      ) : null}
    </Drawer>
  );
}

/** The venue as the form holds it: the API's body, with the check date as a day and the checklist by item. */
type VenueForm = Omit<ApiBody<'/api/v1/venues', 'post'>, 'checkedOn' | 'checklist'> & {
  checkedOn: Dayjs | null;
  items: Record<string, { met: boolean; note: string }>;
};

function VenueModal({ venue, standard, onClose, onSaved }: { venue: VenueDetail | null; standard: readonly string[]; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const today = useToday();
  const candidates = useApiGet<Array<{ id: number; name: string }>>('/api/v1/venues/share-candidates');
  const [form] = Form.useForm<VenueForm>();
  const owner = Form.useWatch('orgId', form);
  const { saving, problem, submit: save } = useFormSubmit(form);
  // The unit's items, then any item off the list this venue still records.
  const items = [...standard, ...(venue?.checklist.map((c) => c.item).filter((i) => !standard.includes(i)) ?? [])];
  const initial: Partial<VenueForm> = {
    orgId: venue?.orgId,
    name: venue?.name ?? '',
    place: venue?.place ?? '',
    areaM2: venue?.areaM2 ?? null,
    seats: venue?.seats ?? null,
    note: venue?.note ?? '',
    checkedOn: venue ? (venue.checkedOn ? dayjs(venue.checkedOn) : null) : today.day,
    sharedWith: venue?.sharedWith.map((s) => s.orgId) ?? [],
    items: Object.fromEntries(items.map((item) => {
      const c = venue?.checklist.find((x) => x.item === item);
      return [item, { met: c?.met ?? false, note: c?.note ?? '' }];
    })),
  };
  const submit = async () => {
    const v = await form.validateFields();
    const body = {
      orgId: v.orgId,
      name: v.name,
      place: v.place ?? '',
      areaM2: v.areaM2 ?? null,
      seats: v.seats ?? null,
      note: v.note ?? '',
      checkedOn: v.checkedOn ? v.checkedOn.format('YYYY-MM-DD') : null,
      sharedWith: v.sharedWith ?? [],
      checklist: items.map((item) => ({ item, met: Boolean(v.items?.[item]?.met), note: v.items?.[item]?.note ?? '' })),
    };
    await save(
      () => (venue ? api.put(`/api/v1/venues/${venue.id}`, { ...body, version: venue.version }) : api.post('/api/v1/venues', body)),
      () => (onSaved(), onClose()),
    );
  };
  return (
    <Modal open title={venue ? t('venues.edit') : t('venues.new')} onCancel={onClose} onOk={() => void submit()} confirmLoading={saving} okText={t('common.save')} width={640}>
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" initialValues={initial}>
        <Form.Item name="orgId" label={t('venues.col.owner')} rules={[{ required: true }]}>
          <OrgTreeSelect data-testid="venue-org" />
        </Form.Item>
        <Form.Item name="name" label={t('venues.col.name')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={100} placeholder={t('venues.namePlaceholder')} data-testid="venue-name" />
        </Form.Item>
        <Form.Item name="place" label={t('venues.col.place')}>
          <Input maxLength={200} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="areaM2" label={t('venues.col.area')}>
            <InputNumber min={0.1} max={9999999} step={1} suffix="m²" style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="seats" label={t('venues.col.seats')}>
            <InputNumber min={1} max={10000} precision={0} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="checkedOn" label={t('venues.col.checkedOn')}>
            <DatePicker maxDate={today.day} />
          </Form.Item>
        </Space>
        <Form.Item label={t('venues.col.standard')} required={false}>
          <Space orientation="vertical" size={4} style={{ width: '100%' }} data-testid="venue-items">
            {items.map((item) => (
              <Flex key={item} gap={8} align="center" wrap>
                <Form.Item name={['items', item, 'met']} valuePropName="checked" noStyle>
                  <Checkbox style={{ width: 110 }} data-testid={`venue-item-${item}`}>
                    {item}
                  </Checkbox>
                </Form.Item>
                <Form.Item name={['items', item, 'note']} noStyle>
                  <Input size="small" maxLength={200} placeholder={t('venues.itemNote')} style={{ flex: 1, minWidth: 160 }} />
                </Form.Item>
              </Flex>
            ))}
          </Space>
        </Form.Item>
        <Form.Item name="sharedWith" label={t('venues.col.shared')} extra={t('venues.sharedHelp')}>
          <Select
            mode="multiple"
            allowClear
            loading={candidates.loading}
            showSearch={{ optionFilterProp: 'label' }}
            options={(candidates.data ?? []).filter((o) => o.id !== owner).map((o) => ({ value: o.id, label: o.name }))}
            data-testid="venue-shared"
          />
        </Form.Item>
        <Form.Item name="note" label={t('venues.col.note')}>
          <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function StandardModal({ settings, editable, onClose, onSaved }: { settings: Settings; editable: boolean; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const [items, setItems] = useState<string[]>(settings.standard);
  const { saving, problem, submit: saveForm } = useFormSubmit(null);
  const save = async () => {
    await saveForm(() => api.put('/api/v1/venues/settings', { standard: items, version: settings.version }), () => {
      onSaved();
      onClose();
    });
  };
  return (
    <SettingsDialog
      title={t('venues.standardTitle')}
      editable={editable}
      saving={saving}
      problem={problem}
      onSave={save}
      onClose={onClose}
      form={
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">{t('venues.standardHelp', { max: VENUE_STANDARD_MAX })}</Typography.Text>
          <Select mode="tags" value={items} onChange={(v: string[]) => setItems(v.map((s) => s.trim()).filter(Boolean))} style={{ width: '100%' }} open={false} data-testid="venue-standard-items" />
        </Space>
      }
      reading={
        <Descriptions bordered size="small" column={1}>
          {settings.standard.map((item, i) => (
            <Descriptions.Item key={item} label={i + 1}>
              {item}
            </Descriptions.Item>
          ))}
        </Descriptions>
      }
    />
  );
}
