import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { OUTCOME_DIRECTIONS } from '@hongyi/core';
import { Alert, Button, Card, Form, Input, InputNumber, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../api/client';
import { useApiGet } from '../../api/hooks';
import { DatePicker } from '../../components/DatePicker';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageCard } from '../../components/PageCard';
import { useFormSubmit } from '../../components/useFormSubmit';
import { useI18n } from '../../i18n';
import { useMe } from '../../session';
import { useToday } from '../../today';
import { MemberSelect } from '../../components/MemberSelect';
import { type ProjectDetail, useProjectsSettings } from './shared';

interface ProjectForm {
  orgId: number;
  title: string;
  area: string;
  goal: string;
  startedOn: Dayjs;
  endsOn: Dayjs;
  leadMemberId: number;
  tasks: Array<{ title: string; ownerMemberId: number; dueOn: Dayjs }>;
  outcomes: Array<{ indicator: string; unit?: string; target?: number | null; better?: 'higher' | 'lower' }>;
}

/** Propose a project (申报) with its tasks and outcome indicators, or change an open project's plan. */
export default function ProjectFormPage() {
  const { id } = useParams();
  const existing = useApiGet<ProjectDetail>(id ? `/api/v1/projects/${id}` : null);
  if (id && !existing.data) return <Card loading />;
  return <ProjectFormBody project={existing.data ?? null} />;
}

function ProjectFormBody({ project }: { project: ProjectDetail | null }) {
  const { t, label } = useI18n();
  const navigate = useNavigate();
  const today = useToday();
  const me = useMe();
  const settings = useProjectsSettings();
  const [form] = Form.useForm<ProjectForm>();
  const { saving, problem, submit: save } = useFormSubmit(form);
  const ownOrg = me.roles.find((r) => r.role === 'branch_secretary')?.orgId ?? undefined;
  const initial: Partial<ProjectForm> = project
    ? { title: project.title, area: project.area, goal: project.goal, leadMemberId: project.leadMemberId, startedOn: dayjs(project.startedOn), endsOn: dayjs(project.endsOn) }
    : { orgId: ownOrg, startedOn: today.day, endsOn: dayjs(`${today.year}-12-31`), goal: '', tasks: [], outcomes: [] };
  const date = (d: Dayjs) => d.format('YYYY-MM-DD');
  const submit = async () => {
    const v = await form.validateFields();
    const plan = { title: v.title, area: v.area, goal: v.goal ?? '', startedOn: date(v.startedOn), endsOn: date(v.endsOn), leadMemberId: v.leadMemberId };
    await save(async () => {
      if (project) {
        await api.put(`/api/v1/projects/${project.id}`, { ...plan, version: project.version });
        navigate(`/projects/${project.id}`);
      } else {
        const created = await api.post<{ id: number }>('/api/v1/projects', {
          ...plan,
          orgId: v.orgId,
          tasks: (v.tasks ?? []).map((x) => ({ title: x.title, ownerMemberId: x.ownerMemberId, dueOn: date(x.dueOn) })),
          outcomes: (v.outcomes ?? []).map((o) => ({ indicator: o.indicator, unit: o.unit ?? '', target: o.target ?? null, actual: null, better: o.better ?? 'higher' })),
        });
        navigate(`/projects/${created.id}`);
      }
    });
  };
  return (
    <PageCard title={project ? t('projects.edit') : t('projects.new')}>
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} data-testid="project-form-error" /> : null}
      <Form form={form} layout="vertical" initialValues={initial} style={{ maxWidth: 820 }} data-testid="project-form">
        <Form.Item name="title" label={t('projects.col.title')} rules={[{ required: true }]}>
          <Input maxLength={200} data-testid="project-title" />
        </Form.Item>
        <Space wrap>
          {project ? null : (
            <Form.Item name="orgId" label={t('projects.col.org')} rules={[{ required: true }]}>
              <OrgTreeSelect style={{ width: 260 }} />
            </Form.Item>
          )}
          <Form.Item name="area" label={t('projects.col.area')} rules={[{ required: true }]}>
            <Select style={{ width: 160 }} options={(settings.data?.areas ?? []).map((a) => ({ value: a, label: a }))} data-testid="project-area" />
          </Form.Item>
          <Form.Item name="leadMemberId" label={t('projects.col.lead')} rules={[{ required: true }]}>
            <MemberSelect initialName={project?.leadName} testId="project-lead" />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="startedOn" label={t('projects.startedOn')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="endsOn" label={t('projects.endsOn')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
        </Space>
        <Form.Item name="goal" label={t('projects.goal')}>
          <Input.TextArea rows={3} maxLength={4000} data-testid="project-goal" />
        </Form.Item>
        {project ? (
          <Alert type="info" showIcon title={t('projects.editTasksHint')} style={{ marginBottom: 12 }} />
        ) : (
          <>
            <Card size="small" title={t('projects.tasks')} style={{ marginBottom: 12 }}>
              <Form.List name="tasks">
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((f, i) => (
                      <Space key={f.key} wrap align="baseline" data-testid={`task-row-${i}`}>
                        <Form.Item name={[f.name, 'title']} rules={[{ required: true }]} style={{ marginBottom: 8 }}>
                          <Input placeholder={t('projects.task')} style={{ width: 260 }} data-testid={`task-title-${i}`} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'ownerMemberId']} rules={[{ required: true }]} style={{ marginBottom: 8 }}>
                          <MemberSelect placeholder={t('projects.owner')} testId={`task-owner-${i}`} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'dueOn']} rules={[{ required: true }]} style={{ marginBottom: 8 }}>
                          <DatePicker placeholder={t('projects.dueOn')} data-testid={`task-due-${i}`} />
                        </Form.Item>
                        <MinusCircleOutlined onClick={() => remove(f.name)} />
                      </Space>
                    ))}
                    <Button icon={<PlusOutlined />} onClick={() => add({ title: '' })} data-testid="add-task">
                      {t('projects.addTask')}
                    </Button>
                  </>
                )}
              </Form.List>
            </Card>
            <Card size="small" title={t('projects.outcomes')} style={{ marginBottom: 12 }}>
              <Form.List name="outcomes">
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((f, i) => (
                      <Space key={f.key} wrap align="baseline">
                        <Form.Item name={[f.name, 'indicator']} rules={[{ required: true }]} style={{ marginBottom: 8 }}>
                          <Input placeholder={t('projects.indicator')} style={{ width: 220 }} data-testid={`outcome-indicator-${i}`} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'unit']} style={{ marginBottom: 8 }}>
                          <Input placeholder={t('projects.unit')} style={{ width: 90 }} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'better']} style={{ marginBottom: 8 }}>
                          <Select style={{ width: 120 }} data-testid={`outcome-better-${i}`} options={OUTCOME_DIRECTIONS.map((d) => ({ value: d, label: label('projects.better', d) }))} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'target']} style={{ marginBottom: 8 }}>
                          <InputNumber placeholder={t('projects.target')} style={{ width: 110 }} data-testid={`outcome-target-${i}`} />
                        </Form.Item>
                        <MinusCircleOutlined onClick={() => remove(f.name)} />
                      </Space>
                    ))}
                    <Button icon={<PlusOutlined />} onClick={() => add({ indicator: '', better: 'higher' })} data-testid="add-outcome">
                      {t('projects.addOutcome')}
                    </Button>
                  </>
                )}
              </Form.List>
            </Card>
          </>
        )}
        <Space>
          <Button type="primary" loading={saving} onClick={() => void submit()} data-testid="project-save">
            {project ? t('common.save') : t('projects.propose')}
          </Button>
          <Button onClick={() => navigate(project ? `/projects/${project.id}` : '/projects/list')}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </PageCard>
  );
}
