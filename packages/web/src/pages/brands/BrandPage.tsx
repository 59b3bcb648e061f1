import { DeleteOutlined, EditOutlined, FileExcelOutlined, LinkOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Grid, List, Popconfirm, Row, Select, Space, Statistic, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, downloadFile } from '../../api/client';
import { useApiGet, useErrorText, useUrlParams } from '../../api/hooks';
import { PageCard } from '../../components/PageCard';
import { useI18n } from '../../i18n';
import { useToday } from '../../today';
import { BrandModal } from './BrandsPage';
import { type BrandPageData, ElementModal, EvidenceModal, FigureModal, ReviewModal, RuleModal, evidenceLink } from './modals';

type Rule = BrandPageData['rules'][number];
type Element = BrandPageData['elements'][number];
type Figure = BrandPageData['figures'][number];

const STATE_COLORS: Record<Rule['state'], string> = { overdue: 'red', due_soon: 'orange', never: 'default', ok: 'green' };

/** One brand: its figures for a year (computed from the records), its elements with owners, its rules as a reviewed checklist with evidence. */
export default function BrandPage() {
  const { id } = useParams();
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const today = useToday();
  const [params, set] = useUrlParams();
  // On a phone the descriptions put each label above its value: a label column would squeeze both.
  const wide = Grid.useBreakpoint().sm ?? true;
  const year = Number(params.get('year') ?? today.year);
  const { data, error, reload } = useApiGet<BrandPageData>(`/api/v1/brands/${id}?year=${year}`);
  const [editing, setEditing] = useState(false);
  const [element, setElement] = useState<Element | 'new' | null>(null);
  const [rule, setRule] = useState<Rule | 'new' | null>(null);
  const [figure, setFigure] = useState<Figure | 'new' | null>(null);
  const [reviewing, setReviewing] = useState<Rule | null>(null);
  const [linking, setLinking] = useState<Rule | null>(null);
  if (error) return <Alert type="error" showIcon title={errorText(error)} />;
  if (!data) return <Card loading />;
  const { brand, canEdit } = data;
  const remove = async (url: string) => {
    try {
      await api.delete(url);
      void message.success(t('common.saved'));
      reload();
    } catch (err) {
      void message.error(errorText(err));
    }
  };
  const removeButton = (url: string, testId: string) => (
    <Popconfirm title={t('brands.removeConfirm')} onConfirm={() => void remove(url)}>
      <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('brands.remove')} data-testid={testId} />
    </Popconfirm>
  );
  const years = Array.from({ length: 6 }, (_, i) => today.year - i);
  return (
    <PageCard
      title={`“${brand.name}”`}
      extra={
        <Space wrap>
          <Select value={year} onChange={(v) => set('year', v)} options={years.map((y) => ({ value: y, label: t('brands.year', { year: y }) }))} style={{ width: 110 }} data-testid="brand-year" />
          <Button icon={<FileExcelOutlined />} onClick={() => void downloadFile(`/api/v1/brands/${brand.id}/export?year=${year}`, `${brand.name}-${year}.xlsx`)} data-testid="brand-export">
            {t('brands.export')}
          </Button>
          {canEdit ? (
            <>
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="brand-edit">
                {t('common.edit')}
              </Button>
              <Popconfirm title={t('brands.removeBrandConfirm')} onConfirm={() => void api.delete(`/api/v1/brands/${brand.id}?version=${brand.version}`).then(() => navigate('/brands'), (err: unknown) => void message.error(errorText(err)))}>
                <Button danger icon={<DeleteOutlined />}>{t('brands.remove')}</Button>
              </Popconfirm>
            </>
          ) : null}
        </Space>
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="brand-page">
        <Descriptions bordered size="small" column={{ xs: 1, sm: 2 }} layout={wide ? 'horizontal' : 'vertical'}>
          <Descriptions.Item label={t('brands.org')}>{brand.orgName}</Descriptions.Item>
          <Descriptions.Item label={t('brands.startedOn')}>{brand.startedOn ?? '—'}</Descriptions.Item>
          {brand.slogan ? <Descriptions.Item label={t('brands.slogan')} span={2}>{brand.slogan}</Descriptions.Item> : null}
          {brand.summary ? <Descriptions.Item label={t('brands.summary')} span={2}>{brand.summary}</Descriptions.Item> : null}
        </Descriptions>

        <Card size="small" title={t('brands.figures', { year })} extra={canEdit ? <Button size="small" icon={<PlusOutlined />} onClick={() => setFigure('new')} data-testid="add-figure">{t('brands.addFigure')}</Button> : null} data-testid="brand-figures">
          {data.figures.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('brands.noFigures')} /> : null}
          <Row gutter={[12, 12]}>
            {data.figures.map((f) => (
              <Col key={f.id} xs={12} sm={8} lg={6}>
                <Card size="small" data-testid={`figure-${f.label}`}>
                  <Statistic title={f.label} value={f.value} suffix={f.unit || undefined} />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {label('brands.source', f.measure.source)}
                    {f.measure.period === 'to_date' ? ` · ${t('brands.toDate')}` : ''}
                  </Typography.Text>
                  {canEdit ? (
                    <div>
                      <Button size="small" type="text" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => setFigure(f)} />
                      {removeButton(`/api/v1/brands/${brand.id}/figures/${f.id}?version=${f.version}`, `remove-figure-${f.id}`)}
                    </div>
                  ) : null}
                </Card>
              </Col>
            ))}
          </Row>
        </Card>

        <Card size="small" title={t('brands.elements')} extra={canEdit ? <Button size="small" icon={<PlusOutlined />} onClick={() => setElement('new')} data-testid="add-element">{t('brands.addElement')}</Button> : null}>
          <List
            size="small"
            dataSource={data.elements}
            locale={{ emptyText: t('brands.noElements') }}
            data-testid="brand-elements"
            renderItem={(e) => (
              <List.Item
                actions={canEdit ? [<Button key="edit" size="small" type="text" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => setElement(e)} />, <span key="remove">{removeButton(`/api/v1/brands/${brand.id}/elements/${e.id}?version=${e.version}`, `remove-element-${e.id}`)}</span>] : []}
              >
                <List.Item.Meta title={<Space wrap>{e.title}{e.ownerName ? <Tag color="blue">{t('brands.ownerIs', { name: e.ownerName })}</Tag> : null}</Space>} description={e.description || null} />
              </List.Item>
            )}
          />
        </Card>

        <Card size="small" title={t('brands.rules')} extra={canEdit ? <Button size="small" icon={<PlusOutlined />} onClick={() => setRule('new')} data-testid="add-rule">{t('brands.addRule')}</Button> : null}>
          <List
            size="small"
            dataSource={data.rules}
            locale={{ emptyText: t('brands.noRules') }}
            data-testid="brand-rules"
            renderItem={(r, i) => (
              <List.Item data-testid={`rule-${i + 1}`}>
                <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                  <Space wrap>
                    <Typography.Text strong>{`${i + 1}. ${r.title}`}</Typography.Text>
                    <Tag color={STATE_COLORS[r.state]} data-testid="rule-state">{label('brands.state', r.state)}</Tag>
                    {r.ownerName ? <Tag color="blue">{t('brands.ownerIs', { name: r.ownerName })}</Tag> : null}
                  </Space>
                  {r.description ? <Typography.Text type="secondary">{r.description}</Typography.Text> : null}
                  <Typography.Text style={{ fontSize: 13 }}>
                    {r.lastReviewedOn ? t('brands.lastReview', { date: r.lastReviewedOn, by: r.lastReviewedBy }) : t('brands.neverReviewed')}
                    {' · '}
                    <Typography.Text type={r.state === 'overdue' ? 'danger' : undefined} data-testid="rule-next">
                      {t('brands.nextReview', { date: r.nextReviewOn, months: r.reviewEveryMonths })}
                    </Typography.Text>
                  </Typography.Text>
                  {r.reviewNote ? <Typography.Text type="secondary" style={{ fontSize: 13 }}>{t('brands.reviewNoteIs', { note: r.reviewNote })}</Typography.Text> : null}
                  {r.evidence.length > 0 ? (
                    <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="rule-evidence">
                      {r.evidence.map((e) => (
                        <li key={e.linkId}>
                          <Tag>{label('brands.kind', e.kind)}</Tag>
                          {e.exists ? (
                            evidenceLink(e) ? <Link to={evidenceLink(e)!}>{`${e.date} ${e.title}`}</Link> : `${e.date} ${e.title}`
                          ) : (
                            <Typography.Text type="secondary">{t('brands.evidenceGone')}</Typography.Text>
                          )}
                          {e.orgName ? <Typography.Text type="secondary">{t('brands.evidenceOrg', { org: e.orgName })}</Typography.Text> : null}
                          {canEdit ? removeButton(`/api/v1/brands/${brand.id}/rules/${r.id}/evidence/${e.linkId}`, `unlink-${e.linkId}`) : null}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <Typography.Text type="secondary" style={{ fontSize: 13 }}>{t('brands.noEvidence')}</Typography.Text>
                  )}
                  {canEdit ? (
                    <Space wrap size={4}>
                      <Button size="small" onClick={() => setReviewing(r)} data-testid="rule-review">{t('brands.review')}</Button>
                      <Button size="small" icon={<LinkOutlined />} onClick={() => setLinking(r)} data-testid="rule-link">{t('brands.link')}</Button>
                      <Button size="small" type="text" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => setRule(r)} />
                      {removeButton(`/api/v1/brands/${brand.id}/rules/${r.id}?version=${r.version}`, `remove-rule-${r.id}`)}
                    </Space>
                  ) : null}
                </Space>
              </List.Item>
            )}
          />
        </Card>
      </Space>
      {editing ? <BrandModal brand={brand} onClose={() => setEditing(false)} onSaved={reload} /> : null}
      {element ? <ElementModal brandId={brand.id} element={element === 'new' ? null : element} onClose={() => setElement(null)} onSaved={reload} /> : null}
      {rule ? <RuleModal brandId={brand.id} rule={rule === 'new' ? null : rule} onClose={() => setRule(null)} onSaved={reload} /> : null}
      {figure ? <FigureModal brandId={brand.id} series={data.series} figure={figure === 'new' ? null : figure} onClose={() => setFigure(null)} onSaved={reload} /> : null}
      {reviewing ? <ReviewModal brandId={brand.id} rule={reviewing} onClose={() => setReviewing(null)} onSaved={reload} /> : null}
      {linking ? <EvidenceModal brandId={brand.id} rule={linking} onClose={() => setLinking(null)} onSaved={reload} /> : null}
    </PageCard>
  );
}
