import { DEVELOPMENT_STEPS, FIRST_TOPIC_KIND, MEETING_KINDS, SEVEN_STRENGTHS, STRENGTH_PROJECT_STAGES, STRENGTH_SOURCES, type StrengthSource } from '@hongyi/core';
import { Alert, App, Button, Card, Collapse, Flex, Form, InputNumber, List, Modal, Select, Skeleton, Space, Switch, Table, Tabs, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, toQueryString } from '../../api/client';
import type { ApiResult } from '../../api/contract';
import { useApiGet, useErrorText, useUrlParams } from '../../api/hooks';
import { can } from '../../access';
import { applyFieldErrors } from '../../components/formErrors';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageCard } from '../../components/PageCard';
import { ExportButton } from '../../components/ServerList';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';
import { useToday } from '../../today';
import { StateTag, recordLink, useStrengthLabels } from './shared';

type Checklist = ApiResult<'/api/v1/strengths/checklist'>;
type Compare = ApiResult<'/api/v1/strengths/compare'>;
type Settings = ApiResult<'/api/v1/strengths/settings'>;
type Rule = Settings['items'][number]['rules'][number];

/**
 * 七个有力 (the model-branch standard): a branch's checklist of the year with the records that
 * evidence each item and the gaps, the 党委's branches side by side, and the rules that say which
 * records count. Everything is read from records: nothing here is typed in, scored or ranked.
 */
export default function StrengthsPage() {
  const { t } = useI18n();
  const today = useToday();
  const [params, set] = useUrlParams();
  const tab = params.get('tab') ?? 'checklist';
  const year = Number(params.get('year') ?? today.year);
  const years = Array.from({ length: 6 }, (_, i) => today.year - i);
  return (
    <PageCard
      title={t('strengths.title')}
      extra={<Select value={year} style={{ width: 110 }} onChange={(v) => set('year', v)} options={years.map((y) => ({ value: y, label: t('strengths.year', { year: y }) }))} data-testid="strengths-year" />}
    >
      <Tabs
        activeKey={tab}
        onChange={(key) => set('tab', key)}
        items={[
          { key: 'checklist', label: t('strengths.tab.checklist'), children: <ChecklistTab year={year} /> },
          { key: 'compare', label: t('strengths.tab.compare'), children: <CompareTab year={year} /> },
          { key: 'rules', label: t('strengths.tab.rules'), children: <RulesTab /> },
        ]}
      />
    </PageCard>
  );
}

function ChecklistTab({ year }: { year: number }) {
  const { t, label } = useI18n();
  const errorText = useErrorText();
  const labels = useStrengthLabels();
  const [params, set] = useUrlParams();
  const orgId = params.get('orgId');
  const { data, error, loading } = useApiGet<Checklist>(`/api/v1/strengths/checklist${toQueryString({ orgId, year })}`);
  const met = data?.items.filter((i) => i.met).length ?? 0;
  return (
    <>
      <Flex wrap gap={12} align="center" style={{ marginBottom: 12 }}>
        <OrgTreeSelect value={orgId ? Number(orgId) : (data?.orgId ?? null)} onChange={(v) => set('orgId', v)} allowClear={false} placeholder={t('strengths.org')} style={{ width: 280 }} data-testid="strengths-org" />
        {data ? (
          <Typography.Text type="secondary" data-testid="strengths-summary">
            {t(data.running ? 'strengths.summaryRunning' : 'strengths.summary', { org: data.orgName, from: data.from, to: data.to, met, gaps: data.items.length - met })}
          </Typography.Text>
        ) : null}
      </Flex>
      {error ? <Alert type="error" showIcon title={errorText(error)} /> : null}
      {loading && !data ? <Skeleton active /> : null}
      {data ? (
        <Collapse
          data-testid="strengths-checklist"
          defaultActiveKey={data.items.filter((i) => !i.met).map((i) => i.key)}
          items={data.items.map((item) => ({
            key: item.key,
            label: (
              <Flex justify="space-between" wrap gap={8} data-testid={`strength-${item.key}`}>
                <Typography.Text strong>{labels.item(item.key)}</Typography.Text>
                <StateTag met={item.met} gaps={item.gaps} testId={`strength-${item.key}-state`} />
              </Flex>
            ),
            children: (
              <Space direction="vertical" style={{ width: '100%' }} size={12}>
                {item.rules.map((rule, index) => (
                  <Card
                    key={index}
                    size="small"
                    data-testid={`strength-${item.key}-rule-${index}`}
                    title={<Typography.Text>{labels.rule(rule.source, rule.kinds)}</Typography.Text>}
                    extra={
                      <Space>
                        <Typography.Text data-testid={`strength-${item.key}-rule-${index}-count`}>{t('strengths.count', { found: rule.found, needed: rule.needed })}</Typography.Text>
                        <StateTag met={rule.met} required={rule.required} />
                      </Space>
                    }
                  >
                    {!rule.visible ? (
                      <Typography.Text type="secondary">{t('strengths.hidden')}</Typography.Text>
                    ) : rule.records.length === 0 ? (
                      <Typography.Text type="secondary">{t('strengths.none')}</Typography.Text>
                    ) : (
                      <List
                        size="small"
                        dataSource={rule.records}
                        pagination={rule.records.length > 5 ? { pageSize: 5, size: 'small' } : false}
                        renderItem={(r) => (
                          <List.Item>
                            <List.Item.Meta
                              title={<Link to={recordLink(rule.source, r.linkId)}>{r.title || r.kinds.map((k) => labels.kind(rule.source, k)).join(' · ')}</Link>}
                              description={`${r.date} · ${r.kinds.map((k) => labels.kind(rule.source, k)).join(' · ')} · ${r.orgName}`}
                            />
                          </List.Item>
                        )}
                      />
                    )}
                  </Card>
                ))}
              </Space>
            ),
          }))}
        />
      ) : null}
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {t('strengths.help', { source: STRENGTH_SOURCES.map((s) => label('strengths.source', s)).join(' / ') })}
      </Typography.Paragraph>
    </>
  );
}

function CompareTab({ year }: { year: number }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const labels = useStrengthLabels();
  const query = toQueryString({ year });
  const { data, error, loading } = useApiGet<Compare>(`/api/v1/strengths/compare${query}`);
  return (
    <>
      <Flex wrap gap={12} style={{ marginBottom: 12 }}>
        <ExportButton url={`/api/v1/strengths/compare/export${query}`} />
      </Flex>
      {error ? <Alert type="error" showIcon title={errorText(error)} /> : null}
      {data?.limited ? <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('strengths.limited')} /> : null}
      <Table
        rowKey="orgId"
        size="small"
        loading={loading}
        dataSource={data?.rows ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 1100 }}
        data-testid="strengths-compare"
        columns={[
          {
            key: 'org',
            title: t('strengths.branch'),
            fixed: 'left' as const,
            width: 220,
            render: (_: unknown, row: Compare['rows'][number]) => <Link to={`/honours/strengths?tab=checklist&orgId=${row.orgId}&year=${year}`}>{row.orgName}</Link>,
          },
          ...(data?.columns ?? []).map((column, index) => ({
            key: column.key,
            title: labels.item(column.key),
            render: (_: unknown, row: Compare['rows'][number]) => {
              const cell = row.items[index];
              if (!cell) return null;
              const detail = cell.rules.map((r, i) => {
                const rule = column.rules[i];
                return rule ? `${labels.rule(rule.source, rule.kinds)} ${r.found}/${r.needed}` : '';
              });
              return (
                <Tooltip title={detail.map((d) => <div key={d}>{d}</div>)}>
                  <span>
                    <StateTag met={cell.met} gaps={cell.gaps} />
                  </span>
                </Tooltip>
              );
            },
          })),
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {t('strengths.noRanking')}
      </Typography.Paragraph>
    </>
  );
}

function RulesTab() {
  const { t } = useI18n();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const { me } = useSession();
  const labels = useStrengthLabels();
  const settings = useApiGet<Settings>('/api/v1/strengths/settings');
  const canEdit = can(me, 'settings.manage');
  const [editing, setEditing] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const save = async (next: Omit<Settings, 'version'>) => {
    if (!settings.data) return false;
    setSaving(true);
    try {
      await api.put('/api/v1/strengths/settings', { ...next, version: settings.data.version });
      void message.success(t('common.saved'));
      settings.reload();
      return true;
    } catch (err) {
      void message.error(errorText(err));
      throw err;
    } finally {
      setSaving(false);
    }
  };

  if (settings.error) return <Alert type="error" showIcon title={errorText(settings.error)} />;
  if (!settings.data) return <Skeleton active />;
  const data = settings.data;
  const { version: _v, ...value } = data;
  const editedItem = data.items.find((i) => i.key === editing);
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="strengths-rules">
      <Flex gap={12} align="center" wrap>
        <Typography.Text>{t('strengths.secretariesCompare')}</Typography.Text>
        {canEdit ? (
          <Switch checked={data.secretariesCompare} loading={saving} onChange={(on) => void save({ ...value, secretariesCompare: on }).catch(() => undefined)} data-testid="strengths-secretaries-compare" />
        ) : (
          <Typography.Text strong>{data.secretariesCompare ? t('common.yes') : t('common.no')}</Typography.Text>
        )}
      </Flex>
      {SEVEN_STRENGTHS.map((key) => {
        const item = data.items.find((i) => i.key === key);
        if (!item) return null;
        return (
          <Card
            key={key}
            size="small"
            title={labels.item(key)}
            extra={
              canEdit ? (
                <Button size="small" onClick={() => setEditing(key)} data-testid={`strengths-edit-${key}`}>
                  {t('common.edit')}
                </Button>
              ) : null
            }
          >
            <List
              size="small"
              dataSource={item.rules}
              renderItem={(rule) => (
                <List.Item>
                  {labels.rule(rule.source, rule.kinds)} — {t('strengths.ruleMin', { min: rule.min })}
                  {rule.required ? '' : ` · ${t('strengths.optional')}`}
                </List.Item>
              )}
            />
          </Card>
        );
      })}
      {editedItem ? (
        <RulesEditor
          title={labels.item(editedItem.key)}
          rules={editedItem.rules}
          saving={saving}
          onCancel={() => setEditing(null)}
          onSave={async (rules) => {
            await save({ ...value, items: value.items.map((i) => (i.key === editedItem.key ? { ...i, rules } : i)) });
            setEditing(null);
          }}
        />
      ) : null}
    </Space>
  );
}

/** One item's rules in a form: which records (source and kinds), how many a year, required or welcome. */
function RulesEditor({ title, rules, saving, onCancel, onSave }: { title: string; rules: Rule[]; saving: boolean; onCancel: () => void; onSave: (rules: Rule[]) => Promise<void> }) {
  const { t, label } = useI18n();
  const labels = useStrengthLabels();
  const [form] = Form.useForm<{ rules: Rule[] }>();
  const serviceKinds = useApiGet<{ eventKinds: string[] }>('/api/v1/service/settings');
  const honourTypes = useApiGet<{ types: string[] }>('/api/v1/honours/settings');
  const learningKinds = useApiGet<{ kinds: string[] }>('/api/v1/learning/settings');
  const sources = Form.useWatch('rules', form) ?? rules;
  const kindOptions = (source: StrengthSource | undefined) => {
    const codes: readonly string[] =
      source === 'orglife'
        ? MEETING_KINDS
        : source === 'project'
          ? STRENGTH_PROJECT_STAGES
          : source === 'development'
            ? DEVELOPMENT_STEPS.map((s) => s.key)
            : source === 'service'
              ? (serviceKinds.data?.eventKinds ?? [])
              : source === 'learning'
                ? [FIRST_TOPIC_KIND, ...(learningKinds.data?.kinds ?? [])]
                : (honourTypes.data?.types ?? []);
    return codes.map((c) => ({ value: c, label: source ? labels.kind(source, c) : c }));
  };
  return (
    <Modal
      open
      title={title}
      width={720}
      okText={t('common.save')}
      confirmLoading={saving}
      onCancel={onCancel}
      onOk={() =>
        void form
          .validateFields()
          .then((v) => onSave(v.rules.map((r) => ({ ...r, kinds: r.kinds ?? [], required: r.required ?? true }))))
          .catch((err: unknown) => applyFieldErrors(form, err))
      }
    >
      <Form form={form} layout="vertical" initialValues={{ rules }} data-testid="strengths-rules-form">
        <Form.List name="rules">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <Flex key={field.key} gap={8} wrap align="start">
                  <Form.Item name={[field.name, 'source']} label={index === 0 ? t('strengths.col.source') : undefined} rules={[{ required: true }]} style={{ width: 130 }}>
                    <Select options={STRENGTH_SOURCES.map((s) => ({ value: s, label: label('strengths.source', s) }))} onChange={() => form.setFieldValue(['rules', field.name, 'kinds'], [])} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'kinds']} label={index === 0 ? t('strengths.col.kinds') : undefined} style={{ flex: 1, minWidth: 220 }} extra={index === fields.length - 1 ? t('strengths.kindsHelp') : undefined}>
                    <Select mode="multiple" options={kindOptions(sources[field.name]?.source)} placeholder={t('strengths.anyKind')} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'min']} label={index === 0 ? t('strengths.col.min') : undefined} rules={[{ required: true }]} style={{ width: 100 }}>
                    <InputNumber min={1} max={400} precision={0} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'required']} label={index === 0 ? t('strengths.col.required') : undefined} valuePropName="checked" style={{ width: 70 }}>
                    <Switch />
                  </Form.Item>
                  <Button type="link" danger disabled={fields.length <= 1} onClick={() => remove(field.name)} style={{ marginTop: index === 0 ? 30 : 0 }}>
                    {t('strengths.removeRule')}
                  </Button>
                </Flex>
              ))}
              <Button onClick={() => add({ source: 'orglife', kinds: [], min: 1, required: true })} disabled={fields.length >= 8}>
                {t('strengths.addRule')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
