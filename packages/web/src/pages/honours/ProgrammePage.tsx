import { EditOutlined } from '@ant-design/icons';
import { nextProgrammeStages, type ProgrammeStage } from '@hongyi/core';
import { Alert, Button, Card, Descriptions, Form, Input, List, Modal, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import type { ApiResult } from '../../api/contract';
import { useApiGet, useErrorText } from '../../api/hooks';
import { useFormSubmit } from '../../components/useFormSubmit';
import { DatePicker } from '../../components/DatePicker';
import { PageCard } from '../../components/PageCard';
import { EvidenceFiles } from '../../components/EvidenceFiles';
import { useI18n } from '../../i18n';
import { useToday } from '../../today';
import { FiguresDescriptions } from '../service/shared';
import { ProgrammeModal } from './ProgrammesPage';
import { STAGE_COLORS } from './shared';

type ProgrammeDetail = ApiResult<'/api/v1/programmes/{id}'>;
/** The stages a programme moves to (立项 is where it starts). */
type NextStage = Exclude<ProgrammeStage, 'approved'>;

/** A building programme's page: stage, milestones, documents, and the evidence the branch's records give. */
export default function ProgrammePage() {
  const { id } = useParams();
  const { t, label } = useI18n();
  const errorText = useErrorText();
  const { data, error, reload } = useApiGet<ProgrammeDetail>(`/api/v1/programmes/${id}`);
  const [editing, setEditing] = useState(false);
  const [advancing, setAdvancing] = useState<NextStage | null>(null);
  if (error) return <Alert type="error" showIcon title={errorText(error)} />;
  if (!data) return <Card loading />;
  const p = data;
  const open = p.stage === 'approved' || p.stage === 'midterm';
  return (
    <PageCard
      title={p.title}
      extra={
        p.canEdit && open ? (
          <Space wrap>
            {(nextProgrammeStages(p.stage) as NextStage[]).map((s) => (
              <Button key={s} type={s === 'failed' ? 'default' : 'primary'} danger={s === 'failed'} onClick={() => setAdvancing(s)} data-testid={`stage-${s}`}>
                {t(`honours.programmes.to.${s}`)}
              </Button>
            ))}
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('common.edit')}
            </Button>
          </Space>
        ) : null
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="programme-page">
        <Descriptions bordered size="small" column={{ xs: 1, sm: 2 }}>
          <Descriptions.Item label={t('honours.col.org')}>{p.orgName}</Descriptions.Item>
          <Descriptions.Item label={t('honours.col.stage')}>
            <Tag color={STAGE_COLORS[p.stage]}>{label('honours.stage', p.stage)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('honours.col.level')}>{`${p.level} · ${p.type}`}</Descriptions.Item>
          <Descriptions.Item label={t('honours.col.issuer')}>{p.issuer || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('honours.programmes.startedOn')}>{p.startedOn}</Descriptions.Item>
          <Descriptions.Item label={t('honours.programmes.midtermOn')}>{p.midtermOn ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('honours.programmes.closedOn')}>{p.closedOn ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('honours.programmes.owner')}>{p.ownerName || '—'}</Descriptions.Item>
          {p.note ? <Descriptions.Item label={t('honours.programmes.note')} span={2}>{p.note}</Descriptions.Item> : null}
        </Descriptions>
        <Card size="small" title={t('honours.programmes.milestones')}>
          <Table
            size="small"
            rowKey={(m) => m.title + (m.dueOn ?? '')}
            pagination={false}
            dataSource={p.milestones}
            columns={[
              { key: 'title', dataIndex: 'title', title: t('honours.programmes.milestone') },
              { key: 'dueOn', dataIndex: 'dueOn', title: t('honours.programmes.dueOn') },
              { key: 'doneOn', title: t('honours.programmes.doneOn'), render: (_, m) => (m.doneOn ? <Tag color="green">{m.doneOn}</Tag> : <Tag>{t('honours.programmes.notDone')}</Tag>) },
            ]}
          />
        </Card>
        <Card size="small" title={t('honours.programmes.documents')}>
          <EvidenceFiles
            files={p.documents}
            canUpload={p.canEdit}
            canWithdraw={p.canEdit}
            url={`/api/v1/programmes/${p.id}/files`}
            uploadLabel={t('honours.programmes.documentUpload')}
            emptyText={t('honours.programmes.documentsNone')}
            testId="programme-documents"
            onChanged={reload}
          />
        </Card>
        <Card size="small" title={t('honours.programmes.evidence', { since: p.startedOn })} data-testid="programme-evidence">
          <FiguresDescriptions figures={p.evidence.service} />
          <List
            size="small"
            header={t('honours.programmes.evidenceEvents')}
            dataSource={p.evidence.events}
            locale={{ emptyText: t('honours.ladder.none') }}
            renderItem={(e) => (
              <List.Item>
                <Link to={`/service/events/${e.id}`}>{`${e.heldOn} ${e.title}`}</Link>
                {e.seriesName ? <Tag style={{ marginLeft: 8 }}>{t('service.issueOf', { series: e.seriesName, issue: e.issueNo ?? 0 })}</Tag> : null}
              </List.Item>
            )}
          />
          <List
            size="small"
            header={t('honours.programmes.evidenceHonours')}
            dataSource={p.evidence.honours}
            locale={{ emptyText: t('honours.ladder.none') }}
            renderItem={(h) => <List.Item>{`${h.awardedOn} ${h.level} ${h.type}${h.title ? `：${h.title}` : ''}（${h.holderName}）`}</List.Item>}
          />
        </Card>
      </Space>
      {editing ? <ProgrammeModal programme={p} onClose={() => setEditing(false)} onSaved={reload} /> : null}
      {advancing ? <StageModal programme={p} stage={advancing} onClose={() => setAdvancing(null)} onDone={reload} /> : null}
    </PageCard>
  );
}

function StageModal({ programme, stage, onClose, onDone }: { programme: ProgrammeDetail; stage: NextStage; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const today = useToday();
  const [form] = Form.useForm<{ on: Dayjs; note: string }>();
  const { saving, submit: save } = useFormSubmit(null, { errorsAs: 'message' });
  const submit = async () => {
    const v = await form.validateFields();
    await save(() => api.post(`/api/v1/programmes/${programme.id}/stage`, { version: programme.version, stage, on: v.on.format('YYYY-MM-DD'), note: v.note ?? '' }), () => {
      onDone();
      onClose();
    });
  };
  return (
    <Modal open title={t(`honours.programmes.to.${stage}`)} onCancel={onClose} onOk={() => void submit()} confirmLoading={saving}>
      {stage === 'accepted' ? <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('honours.programmes.acceptHint', { level: programme.level, type: programme.type })} /> : null}
      <Form form={form} layout="vertical" initialValues={{ on: today.day, note: '' }}>
        <Form.Item name="on" label={t('honours.programmes.stageOn')} rules={[{ required: true }]}>
          <DatePicker maxDate={today.day} />
        </Form.Item>
        <Form.Item name="note" label={t('honours.programmes.note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
