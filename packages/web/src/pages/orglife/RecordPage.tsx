import { DeleteOutlined, FileWordOutlined, QrcodeOutlined } from '@ant-design/icons';
import { Alert, App, AutoComplete, Button, Checkbox, Col, Flex, Form, Input, InputNumber, Modal, QRCode, Row, Select, Space, Spin, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type NoVoteReason, PLAN_LINK_WINDOW_DAYS, addDays, planItemCandidates, rosterOrgOf, suggestedPlanItems } from '@hongyi/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { can } from '../../access';
import { ApiError, api } from '../../api/client';
import { useApiGet, useErrorText, useOrgTree } from '../../api/hooks';
import type { OrgNode } from '../../api/types';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageCard } from '../../components/PageCard';
import { type EvidenceFile, EvidenceFiles } from '../../components/EvidenceFiles';
import { applyFieldErrors } from '../../components/formErrors';
import { useI18n } from '../../i18n';
import { useMe } from '../../session';
import { type AttendanceRow, AttendanceTable, type RowErrors } from './Attendance';
import { type RecordDetailView, RecordView } from './RecordView';
import { VotingExclusionModal } from './VotingExclusionModal';
import { MEETING_KINDS, type MeetingKind, type PlanItem, download } from './shared';
import { DatePicker } from '../../components/DatePicker';
import { useToday } from '../../today';

interface RosterEntry {
  id: number;
  name: string;
  namePinyin: string;
  nameInitials: string;
  category: 'full' | 'probationary';
  partyGroupId: number | null;
  voting: boolean;
  noVoteReason: NoVoteReason | null;
}
interface Resolution {
  title: string;
  kind: 'ordinary' | 'election';
  votesFor: number;
  votesAgainst: number;
  votesAbstain: number;
  passed?: boolean;
}
interface RecordDetail extends RecordDetailView {
  orgId: number;
  partyGroupId: number | null;
  version: number;
  attendance: Array<AttendanceRow & { viaQr: boolean }>;
  /** Whether the caller may change this record; otherwise it is shown read-only. */
  canEdit: boolean;
}
interface FormValues {
  orgId: number | null;
  partyGroupId?: number | null;
  kinds: MeetingKind[];
  heldOn: Dayjs;
  startTime?: string;
  endTime?: string;
  place?: string;
  sceneTag?: string;
  hostName?: string;
  recorderName?: string;
  topics?: string;
  minutes?: string;
  speakerName?: string;
  speakerIsSecretary?: boolean;
  lectureTitle?: string;
  studyContent?: string;
  planItemIds?: number[];
  resolutions?: Resolution[];
}

/** Refusals of a resolution's vote: the message names the numbers; the details only point at the resolution. */
const QUORUM_CODES = new Set(['ORGLIFE_QUORUM_NOT_MET', 'ORGLIFE_ELECTION_QUORUM_NOT_MET', 'ORGLIFE_VOTES_EXCEED_PRESENT']);

function findNode(nodes: readonly OrgNode[], id: number | null | undefined): OrgNode | null {
  for (const n of nodes) {
    if (n.id === id) return n;
    const found = findNode(n.children ?? [], id);
    if (found) return found;
  }
  return null;
}

/** Records one meeting once: details, attendance from the roster of the day, resolutions, review results. */
export default function RecordPage() {
  const { id } = useParams();
  const isNew = id === undefined || id === 'new';
  const { t, label } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<FormValues>();
  const today = useToday();
  const existing = useApiGet<RecordDetail>(isNew ? null : `/api/v1/orglife/records/${id}`);
  // Loaded on their own: an upload must not reset the form's unsaved edits.
  const attachments = useApiGet<EvidenceFile[]>(isNew ? null : `/api/v1/orglife/records/${id}/attachments`);
  const settings = useApiGet<{ sceneTags: string[] }>('/api/v1/orglife/settings');
  const tree = useOrgTree();
  const writable = can(me, 'orglife.write');
  // From the plan page: a new record for an item (?orgId=&kinds=&planItem=).
  const [params] = useSearchParams();
  const fromPlan = isNew && Number(params.get('planItem')) > 0 ? Number(params.get('planItem')) : null;
  const kindsParam = (params.get('kinds') ?? '').split(',').filter((k): k is MeetingKind => (MEETING_KINDS as readonly string[]).includes(k));
  const defaultOrg = (isNew ? Number(params.get('orgId')) || null : null) ?? me.roles.find((r) => r.role === 'branch_secretary')?.orgId ?? null;

  const orgId = Form.useWatch('orgId', form);
  const partyGroupId = Form.useWatch('partyGroupId', form);
  const heldOn = Form.useWatch('heldOn', form);
  const kinds = Form.useWatch('kinds', form) ?? [];
  const [attendance, setAttendance] = useState<AttendanceRow[]>([]);
  const [grades, setGrades] = useState<Record<number, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [rowErrors, setRowErrors] = useState<RowErrors>({});
  const [saving, setSaving] = useState(false);
  const [qr, setQr] = useState<string | null>(null);
  const [excluding, setExcluding] = useState<AttendanceRow | null>(null);
  const errorRef = useRef<HTMLDivElement>(null);
  // Editable: a new record by a writer, or a saved one the server says the caller may change.
  const editable = isNew ? writable : existing.data?.canEdit === true;

  const groups = useMemo(() => (findNode(tree.data ?? [], orgId)?.children ?? []).filter((c) => c.type === 'party_group'), [tree.data, orgId]);

  useEffect(() => {
    const r = existing.data;
    // A record shown read-only has no form to fill.
    if (!r || !r.canEdit) return;
    form.setFieldsValue({
      orgId: r.orgId,
      partyGroupId: r.partyGroupId,
      kinds: r.kinds,
      heldOn: dayjs(r.heldOn),
      startTime: r.startTime,
      endTime: r.endTime,
      place: r.place,
      sceneTag: r.sceneTag,
      hostName: r.hostName,
      recorderName: r.recorderName,
      topics: r.topics.join('\n'),
      minutes: r.minutes,
      speakerName: r.speakerName,
      speakerIsSecretary: r.speakerIsSecretary,
      lectureTitle: r.lectureTitle,
      studyContent: r.studyContent,
      planItemIds: r.planItems.map((p) => p.id),
      resolutions: r.resolutions,
    });
    setAttendance(r.attendance.map(({ viaQr: _q, ...a }) => a));
    setGrades(Object.fromEntries(r.reviews.map((v) => [v.memberId, v.grade])));
  }, [existing.data, form]);

  // A new record takes its attendance list from the roster on the meeting day (应到).
  // The same roster the server checks against (core rosterOrgOf): the party group's for a 党小组会.
  const rosterOrg = orgId ? rosterOrgOf({ orgId, partyGroupId: partyGroupId ?? null, kinds }) : null;
  const rosterUrl = isNew && rosterOrg && heldOn ? `/api/v1/orglife/orgs/${rosterOrg}/roster?date=${heldOn.format('YYYY-MM-DD')}` : null;
  useEffect(() => {
    if (!rosterUrl) return;
    const controller = new AbortController();
    api
      .get<RosterEntry[]>(rosterUrl, { signal: controller.signal })
      .then((list) =>
        setAttendance(
          list.map((m) => ({
            memberId: m.id,
            name: m.name,
            namePinyin: m.namePinyin,
            nameInitials: m.nameInitials,
            partyGroupId: m.partyGroupId,
            category: m.category,
            status: 'present',
            reason: '',
            voting: m.voting,
            noVoteReason: m.noVoteReason,
          })),
        ),
      )
      .catch(() => undefined);
    return () => controller.abort();
  }, [rosterUrl]);

  // Plan items this meeting may complete: the org's, of its kinds, near its date, not done by another record.
  const heldOnText = heldOn ? heldOn.format('YYYY-MM-DD') : null;
  const planUrl = orgId && heldOnText ? `/api/v1/orglife/orgs/${orgId}/plan?from=${addDays(heldOnText, -PLAN_LINK_WINDOW_DAYS)}&to=${addDays(heldOnText, PLAN_LINK_WINDOW_DAYS)}` : null;
  const plan = useApiGet<PlanItem[]>(planUrl);
  const recordId = isNew ? null : Number(id);
  const planRefs = useMemo(() => (plan.data ?? []).map((i) => ({ ...i, recordId: i.record?.id ?? null })), [plan.data]);
  const kindsKey = kinds.join(',');
  const candidates = useMemo(
    () => (heldOnText ? planItemCandidates(planRefs, { kinds: kindsKey.split(',') as MeetingKind[], heldOn: heldOnText, recordId }) : []),
    [planRefs, kindsKey, heldOnText, recordId],
  );
  // A new record preselects the obvious items (the nearest open one of each kind) until the
  // secretary picks for themselves; coming from a plan item, that item is the choice.
  const pickedByUser = useRef(fromPlan !== null);
  const suggestion = useMemo(
    () => (heldOnText ? suggestedPlanItems(planRefs, { kinds: kindsKey.split(',') as MeetingKind[], heldOn: heldOnText, recordId }) : []),
    [planRefs, kindsKey, heldOnText, recordId],
  );
  const suggestionKey = suggestion.join(',');
  useEffect(() => {
    if (!isNew || pickedByUser.current || plan.loading) return;
    form.setFieldValue('planItemIds', suggestionKey ? suggestionKey.split(',').map(Number) : []);
  }, [isNew, plan.loading, suggestionKey, form]);
  const planOptions = useMemo(() => {
    const shown = new Map(candidates.map((i) => [i.id, { id: i.id, kind: i.kind, plannedOn: i.plannedOn, title: i.title, state: i.state as PlanItem['state'] | null }]));
    // Items the record already completes stay visible even when no longer near or of its kinds (the server then says why).
    for (const p of existing.data?.planItems ?? []) if (!shown.has(p.id)) shown.set(p.id, { ...p, state: null });
    return [...shown.values()].map((i) => ({
      value: i.id,
      label: `${i.plannedOn} ${label('orglife.kind', i.kind)}${i.title ? ` · ${i.title}` : ''}${i.state === 'overdue' ? t('orglife.form.planItemOverdue') : ''}`,
    }));
  }, [candidates, existing.data, label, t]);

  const counts = useMemo(() => {
    // Those entitled to vote on the day (the roster says; the quorum base of a 党员大会).
    const voting = attendance.filter((a) => a.voting);
    return {
      expected: attendance.length,
      present: attendance.filter((a) => a.status === 'present').length,
      excused: attendance.filter((a) => a.status === 'excused').length,
      absent: attendance.filter((a) => a.status === 'absent').length,
      voting: voting.length,
      votingPresent: voting.filter((a) => a.status === 'present').length,
    };
  }, [attendance]);

  // A change to a row clears the refusal shown on it.
  const setRows = (memberIds: number[], change: Partial<AttendanceRow>) => {
    const ids = new Set(memberIds);
    setAttendance((rows) => rows.map((r) => (ids.has(r.memberId) ? { ...r, ...change } : r)));
    setRowErrors((errors) => (memberIds.some((id) => errors[id]) ? Object.fromEntries(Object.entries(errors).filter(([id]) => !ids.has(Number(id)))) : errors));
  };

  async function save(values: FormValues) {
    setError(null);
    setSaving(true);
    const body = {
      orgId: values.orgId,
      partyGroupId: values.partyGroupId ?? null,
      kinds: values.kinds,
      heldOn: values.heldOn.format('YYYY-MM-DD'),
      startTime: values.startTime ?? '',
      endTime: values.endTime ?? '',
      place: values.place ?? '',
      sceneTag: values.sceneTag ?? '',
      hostName: values.hostName ?? '',
      recorderName: values.recorderName ?? '',
      topics: (values.topics ?? '').split('\n').map((s) => s.trim()).filter(Boolean),
      minutes: values.minutes ?? '',
      speakerName: values.speakerName ?? '',
      speakerIsSecretary: values.speakerIsSecretary ?? false,
      lectureTitle: values.lectureTitle ?? '',
      studyContent: values.studyContent ?? '',
      planItemIds: values.planItemIds ?? [],
      attendance: attendance.map((a) => ({ memberId: a.memberId, status: a.status, reason: a.reason })),
      resolutions: (values.resolutions ?? []).map((r) => ({ title: r.title, kind: r.kind ?? 'ordinary', votesFor: r.votesFor ?? 0, votesAgainst: r.votesAgainst ?? 0, votesAbstain: r.votesAbstain ?? 0 })),
      reviews: values.kinds.includes('democratic_review') ? Object.entries(grades).filter(([, g]) => g).map(([memberId, grade]) => ({ memberId: Number(memberId), grade })) : [],
    };
    try {
      const saved = isNew
        ? await api.post<{ id: number }>('/api/v1/orglife/records', body)
        : await api.put<{ id: number }>(`/api/v1/orglife/records/${id}`, { ...body, version: existing.data?.version });
      message.success(t('common.saved'));
      // The items it completes are done now: the offer is read again.
      plan.reload();
      if (isNew) navigate(`/orglife/records/${saved.id}`, { replace: true });
      else existing.reload();
    } catch (err) {
      showRefusal(err, body.attendance.map((a) => a.memberId));
    } finally {
      setSaving(false);
    }
  }

  /**
   * Puts the server's refusal where it belongs: attendance[3].reason on the row of the fourth
   * member sent, resolutions[0] on that resolution, other paths on their fields; the message
   * stays beside the save button, and the page scrolls to the first place marked.
   */
  function showRefusal(err: unknown, sentMemberIds: number[]) {
    const main = errorText(err);
    const details = err instanceof ApiError ? err.details : [];
    // A quorum refusal's details only point at the resolution; its message says it all.
    const quorum = err instanceof ApiError && QUORUM_CODES.has(err.code);
    const rows: RowErrors = {};
    const resolutionFields: { name: ['resolutions', number, 'title']; errors: string[] }[] = [];
    const rest: typeof details = [];
    const listed: string[] = [];
    for (const d of details) {
      const path = d.path.replace(/^body\./, '');
      const row = /^attendance\[(\d+)\]\.(\w+)$/.exec(path);
      const resolution = /^resolutions\[(\d+)\]/.exec(path);
      const memberId = row ? sentMemberIds[Number(row[1])] : undefined;
      if (row && memberId !== undefined) (rows[memberId] ??= []).push({ field: row[2]!, message: d.message });
      else if (resolution) resolutionFields.push({ name: ['resolutions', Number(resolution[1]), 'title'], errors: [quorum ? main : d.message] });
      else rest.push(d);
      if (!(resolution && quorum)) listed.push(d.message);
    }
    setRowErrors(rows);
    if (resolutionFields.length > 0) form.setFields(resolutionFields);
    const onFields = err instanceof ApiError && rest.length > 0 ? applyFieldErrors(form, new ApiError(err.status, err.code, err.message, rest)) : false;
    setError(listed.length > 0 ? `${main}：${[...new Set(listed)].join('；')}` : main);
    // The first place marked, in the page's order: a field of the form, a row of the list, a resolution, else the message.
    window.setTimeout(() => {
      const known = form.getFieldsValue(true) as Record<string, unknown>;
      const firstField = rest.map((d) => d.path.replace(/^(body|query|params)\./, '').split(/[.[\]]/).filter(Boolean)[0]).find((n) => n !== undefined && n in known);
      const firstRow = sentMemberIds.find((m) => rows[m]);
      if (onFields && firstField) form.scrollToField(firstField, { block: 'center' });
      else if (firstRow !== undefined) document.querySelector(`[data-testid="attendance"] tr[data-row-key="${firstRow}"]`)?.scrollIntoView({ block: 'center' });
      else if (resolutionFields.length > 0) form.scrollToField(resolutionFields[0]!.name, { block: 'center' });
      else errorRef.current?.scrollIntoView({ block: 'center' });
    }, 50);
  }

  async function openQr() {
    try {
      const { token } = await api.post<{ token: string }>(`/api/v1/orglife/records/${id}/qr`);
      setQr(`${window.location.origin}/orglife/checkin/${token}`);
    } catch (err) {
      setError(errorText(err));
    }
  }

  async function remove() {
    Modal.confirm({
      title: t('orglife.detail.deleteConfirm'),
      onOk: async () => {
        await api.delete(`/api/v1/orglife/records/${id}?version=${existing.data?.version}`);
        navigate('/orglife/records');
      },
    });
  }

  const extra = isNew ? null : (
    <Space>
      <Button icon={<FileWordOutlined />} onClick={() => void download(`/api/v1/orglife/records/${id}/minutes.docx`, 'minutes.docx')} data-testid="minutes-docx">
        {t('orglife.detail.minutesDocx')}
      </Button>
      {editable ? (
        <Button icon={<QrcodeOutlined />} onClick={() => void openQr()}>
          {t('orglife.detail.qr')}
        </Button>
      ) : null}
      {editable ? <Button danger icon={<DeleteOutlined />} onClick={() => void remove()} aria-label={t('orglife.detail.delete')} /> : null}
    </Space>
  );
  const title = isNew ? t('orglife.records.new') : `${t('orglife.detail.title')} · ${existing.data?.orgName ?? ''} ${existing.data?.heldOn ?? ''}`;
  const attachmentList =
    !isNew && attachments.data ? (
      <div style={{ marginBottom: 16 }}>
        <EvidenceFiles
          files={attachments.data}
          canUpload={editable}
          canWithdraw={editable}
          url={`/api/v1/orglife/records/${id}/attachments`}
          uploadLabel={t('orglife.form.attach')}
          emptyText={t('orglife.form.noAttachments')}
          testId="orglife-attachment"
          onChanged={attachments.reload}
        />
      </div>
    ) : null;

  if (isNew && !writable) {
    return (
      <PageCard title={title}>
        <Alert type="warning" showIcon title={t('forbidden.title')} description={t('forbidden.subtitle')} />
      </PageCard>
    );
  }
  if (!isNew && !existing.data) {
    return (
      <PageCard title={title} extra={extra}>
        {existing.error ? <Alert type="error" showIcon title={errorText(existing.error)} /> : <Flex justify="center" style={{ padding: 48 }}><Spin /></Flex>}
      </PageCard>
    );
  }
  // Read-only roles (纪检, 院领导) and records outside one's own branches: what was recorded, not a disabled form.
  if (!isNew && existing.data && !existing.data.canEdit) {
    return (
      <PageCard title={title} extra={extra}>
        <RecordView record={existing.data} groups={groups} />
        <Typography.Title level={5} style={{ marginTop: 16 }}>
          {t('orglife.form.attachments')}
        </Typography.Title>
        {attachmentList}
      </PageCard>
    );
  }

  const gradeColumn = {
    key: 'grade',
    title: t('orglife.form.reviews'),
    width: 140,
    render: (_: unknown, r: AttendanceRow) => (
      <Select
        size="small"
        allowClear
        style={{ width: 120 }}
        value={grades[r.memberId]}
        onChange={(g: string | undefined) => setGrades((x) => ({ ...x, [r.memberId]: g ?? '' }))}
        options={['excellent', 'qualified', 'basically_qualified', 'unqualified'].map((g) => ({ value: g, label: label('orglife.grade', g) }))}
      />
    ),
  };
  // A full member away with approval, or whose rights are suspended, is recorded once and left out of every quorum base from then on.
  const excludeColumn = {
    key: 'exclude',
    title: t('orglife.exclusion.column'),
    width: 120,
    render: (_: unknown, r: AttendanceRow) =>
      r.voting ? (
        <Button size="small" type="text" style={{ color: 'rgba(0, 0, 0, 0.45)' }} onClick={() => setExcluding(r)} data-testid={`exclude-${r.memberId}`}>
          {t('orglife.exclusion.action')}
        </Button>
      ) : null,
  };

  return (
    <PageCard title={title} extra={extra}>
      <Form<FormValues> form={form} layout="vertical" onFinish={(v) => void save(v)} initialValues={{ orgId: defaultOrg, kinds: kindsParam.length > 0 ? kindsParam : ['branch_general_meeting'], heldOn: today.day, resolutions: [], planItemIds: fromPlan ? [fromPlan] : [] }}>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="orgId" label={t('orglife.form.org')} rules={[{ required: true }]}>
              <OrgTreeSelect />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item name="kinds" label={t('orglife.form.kinds')} rules={[{ required: true }]}>
              <Select mode="multiple" options={MEETING_KINDS.map((k) => ({ value: k, label: label('orglife.kind', k) }))} data-testid="kinds" />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="partyGroupId" label={t('orglife.form.partyGroup')}>
              <Select allowClear options={groups.map((g) => ({ value: g.id, label: g.name }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="heldOn" label={t('orglife.form.heldOn')} rules={[{ required: true }]}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(today.day, 'day')} data-testid="held-on" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item label={t('orglife.form.time')}>
              <Space.Compact>
                <Form.Item name="startTime" noStyle>
                  <Input placeholder={t('orglife.form.startTime')} aria-label={t('orglife.form.startTime')} style={{ width: 90 }} />
                </Form.Item>
                <Form.Item name="endTime" noStyle>
                  <Input placeholder={t('orglife.form.endTime')} aria-label={t('orglife.form.endTime')} style={{ width: 90 }} />
                </Form.Item>
              </Space.Compact>
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="planItemIds"
              label={t('orglife.form.planItems')}
              extra={
                <>
                  {isNew && planOptions.length > 0 ? `${t('orglife.form.planItemsHint')} ` : null}
                  {orgId ? <Link to={`/orglife/plan?orgId=${orgId}&year=${heldOnText?.slice(0, 4) ?? today.year}`}>{t('orglife.form.planItemsView')}</Link> : null}
                </>
              }
            >
              <Select
                mode="multiple"
                allowClear
                options={planOptions}
                loading={plan.loading}
                placeholder={planOptions.length > 0 ? t('orglife.form.planItemsPick') : t('orglife.form.planItemsNone')}
                notFoundContent={t('orglife.form.planItemsNone')}
                onChange={() => (pickedByUser.current = true)}
                data-testid="plan-items"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="place" label={t('orglife.form.place')}>
              <Input data-testid="place" />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="sceneTag" label={t('orglife.form.scene')}>
              <AutoComplete options={(settings.data?.sceneTags ?? []).map((s) => ({ value: s }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="hostName" label={t('orglife.form.host')}>
              <Input data-testid="host" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="recorderName" label={t('orglife.form.recorder')}>
              <Input data-testid="recorder" />
            </Form.Item>
          </Col>
          {kinds.includes('party_lecture') ? (
            <>
              <Col xs={12} md={4}>
                <Form.Item name="speakerName" label={t('orglife.form.speaker')}>
                  <Input />
                </Form.Item>
              </Col>
              <Col xs={12} md={4}>
                <Form.Item name="speakerIsSecretary" label=" " valuePropName="checked">
                  <Checkbox>{t('orglife.form.speakerIsSecretary')}</Checkbox>
                </Form.Item>
              </Col>
              <Col xs={24} md={4}>
                <Form.Item name="lectureTitle" label={t('orglife.form.lectureTitle')}>
                  <Input />
                </Form.Item>
              </Col>
            </>
          ) : null}
          {kinds.includes('first_topic_study') ? (
            <Col span={24}>
              <Form.Item name="studyContent" label={t('orglife.form.study')}>
                <Input />
              </Form.Item>
            </Col>
          ) : null}
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={10}>
            <Form.Item name="topics" label={t('orglife.form.topics')}>
              <Input.TextArea rows={4} data-testid="topics" />
            </Form.Item>
          </Col>
          <Col xs={24} md={14}>
            <Form.Item name="minutes" label={t('orglife.form.minutes')}>
              <Input.TextArea rows={4} data-testid="minutes" />
            </Form.Item>
          </Col>
        </Row>

        <Typography.Title level={5}>{t('orglife.form.attendance')}</Typography.Title>
        <Typography.Paragraph data-testid="attendance-summary" style={{ marginBottom: 8 }}>
          {t('orglife.form.summary', counts)}
        </Typography.Paragraph>
        <AttendanceTable
          rows={attendance}
          groups={groups}
          editable
          errors={rowErrors}
          onChange={setRows}
          extraColumns={[...(kinds.includes('democratic_review') ? [gradeColumn] : []), ...(heldOnText ? [excludeColumn] : [])]}
        />

        <Typography.Title level={5} style={{ marginTop: 16 }}>
          {t('orglife.form.resolutions')}
        </Typography.Title>
        <Form.List name="resolutions">
          {(fields, { add, remove: removeField }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} wrap align="baseline">
                  <Form.Item name={[field.name, 'title']} rules={[{ required: true }]}>
                    <Input placeholder={t('orglife.form.resolutionTitle')} style={{ width: 240 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'kind']} initialValue="ordinary">
                    <Select style={{ width: 110 }} options={(['ordinary', 'election'] as const).map((k) => ({ value: k, label: t(`orglife.resolutionKind.${k}`) }))} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'votesFor']} initialValue={counts.votingPresent}>
                    <InputNumber min={0} addonBefore={t('orglife.form.votesFor')} style={{ width: 140 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'votesAgainst']} initialValue={0}>
                    <InputNumber min={0} addonBefore={t('orglife.form.votesAgainst')} style={{ width: 140 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'votesAbstain']} initialValue={0}>
                    <InputNumber min={0} addonBefore={t('orglife.form.votesAbstain')} style={{ width: 140 }} />
                  </Form.Item>
                  {!isNew && existing.data?.resolutions[field.name]?.passed !== undefined ? (
                    <Tag color={existing.data.resolutions[field.name]!.passed ? 'success' : 'default'} data-testid="resolution-outcome">
                      {existing.data.resolutions[field.name]!.passed ? t('orglife.passed') : t('orglife.notPassed')}
                    </Tag>
                  ) : null}
                  <Button type="link" onClick={() => removeField(field.name)}>
                    {t('orglife.detail.delete')}
                  </Button>
                </Space>
              ))}
              <Button onClick={() => add({ kind: 'ordinary', votesFor: counts.votingPresent, votesAgainst: 0, votesAbstain: 0 })} data-testid="add-resolution">
                {t('orglife.form.addResolution')}
              </Button>
            </>
          )}
        </Form.List>
        <Typography.Title level={5} style={{ marginTop: 16 }}>
          {t('orglife.form.attachments')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t(isNew ? 'orglife.form.attachmentsAfterSave' : 'orglife.form.attachmentsNote')}</Typography.Paragraph>
        {attachmentList}
        {/* The refusal is shown where the save was asked for; the page also scrolls to what it marks. */}
        <div ref={errorRef}>{error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="record-error" /> : null}</div>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="save-record">
          {t('common.save')}
        </Button>
      </Form>
      {heldOnText ? (
        <VotingExclusionModal
          member={excluding}
          date={heldOnText}
          onClose={() => setExcluding(null)}
          onSaved={(kind) => {
            if (excluding) setRows([excluding.memberId], { voting: false, noVoteReason: kind });
            setExcluding(null);
            message.success(t('common.saved'));
          }}
        />
      ) : null}
      <Modal open={qr !== null} onCancel={() => setQr(null)} footer={null} title={t('orglife.detail.qr')}>
        <Flex vertical align="center" gap={12}>
          {qr ? <QRCode value={qr} size={240} /> : null}
          <Typography.Paragraph type="secondary">{t('orglife.detail.qrHint')}</Typography.Paragraph>
        </Flex>
      </Modal>
    </PageCard>
  );
}
