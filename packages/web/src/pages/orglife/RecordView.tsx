import { Descriptions, Table, Tag, Typography } from 'antd';
import { useI18n } from '../../i18n';
import { type AttendanceRow, AttendanceTable } from './Attendance';
import type { MeetingKind } from './shared';

export interface RecordDetailView {
  id: number;
  orgName: string;
  partyGroupName: string | null;
  kinds: MeetingKind[];
  heldOn: string;
  startTime: string;
  endTime: string;
  place: string;
  sceneTag: string;
  hostName: string;
  recorderName: string;
  topics: string[];
  minutes: string;
  speakerName: string;
  speakerIsSecretary: boolean;
  lectureTitle: string;
  studyContent: string;
  planItems: Array<{ id: number; kind: MeetingKind; plannedOn: string; title: string }>;
  expectedCount: number;
  presentCount: number;
  excusedCount: number;
  absentCount: number;
  attendance: AttendanceRow[];
  resolutions: Array<{ seq: number; title: string; kind: 'ordinary' | 'election'; votingMembers: number; present: number; votesFor: number; votesAgainst: number; votesAbstain: number; passed: boolean }>;
  reviews: Array<{ memberId: number; name: string; grade: string }>;
}

/**
 * A record as read by someone who may not change it (纪检, 院领导, or a record outside one's own
 * branches): what was recorded, and nothing that looks like an empty form — a field left blank
 * reads 未填写, never a placeholder such as "14:30".
 */
export function RecordView({ record, groups }: { record: RecordDetailView; groups: ReadonlyArray<{ id: number; name: string }> }) {
  const { t, label } = useI18n();
  const blank = <Typography.Text type="secondary">{t('orglife.view.blank')}</Typography.Text>;
  const text = (v: string) => (v ? v : blank);
  const time = [record.startTime, record.endTime].filter(Boolean).join(' — ');
  const voting = record.attendance.filter((a) => a.voting);
  return (
    <div data-testid="record-view">
      <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2, lg: 3 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('orglife.form.org')}>{record.orgName}</Descriptions.Item>
        <Descriptions.Item label={t('orglife.view.kinds')}>
          {record.kinds.map((k) => (
            <Tag key={k} color="red">
              {label('orglife.kind', k)}
            </Tag>
          ))}
        </Descriptions.Item>
        {record.partyGroupName ? <Descriptions.Item label={t('orglife.form.partyGroup')}>{record.partyGroupName}</Descriptions.Item> : null}
        <Descriptions.Item label={t('orglife.form.heldOn')}>{record.heldOn}</Descriptions.Item>
        <Descriptions.Item label={t('orglife.form.time')}>{text(time)}</Descriptions.Item>
        <Descriptions.Item label={t('orglife.form.place')}>{text(record.place)}</Descriptions.Item>
        {record.sceneTag ? <Descriptions.Item label={t('orglife.form.scene')}>{record.sceneTag}</Descriptions.Item> : null}
        <Descriptions.Item label={t('orglife.form.host')}>{text(record.hostName)}</Descriptions.Item>
        <Descriptions.Item label={t('orglife.form.recorder')}>{text(record.recorderName)}</Descriptions.Item>
        {record.kinds.includes('party_lecture') ? (
          <>
            <Descriptions.Item label={t('orglife.form.speaker')}>
              {text(record.speakerName)}
              {record.speakerIsSecretary ? <Tag style={{ marginInlineStart: 8 }}>{t('orglife.form.speakerIsSecretary')}</Tag> : null}
            </Descriptions.Item>
            <Descriptions.Item label={t('orglife.form.lectureTitle')}>{text(record.lectureTitle)}</Descriptions.Item>
          </>
        ) : null}
        {record.kinds.includes('first_topic_study') ? (
          <Descriptions.Item label={t('orglife.form.study')} span="filled">
            {text(record.studyContent)}
          </Descriptions.Item>
        ) : null}
        <Descriptions.Item label={t('orglife.form.planItems')} span="filled">
          {record.planItems.length > 0 ? record.planItems.map((p) => `${p.plannedOn} ${label('orglife.kind', p.kind)}${p.title ? ` · ${p.title}` : ''}`).join('；') : blank}
        </Descriptions.Item>
        <Descriptions.Item label={t('orglife.view.topics')} span="filled">
          {record.topics.length > 0 ? (
            <ol style={{ margin: 0, paddingInlineStart: 20 }}>
              {record.topics.map((x, i) => (
                <li key={i}>{x}</li>
              ))}
            </ol>
          ) : (
            blank
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('orglife.form.minutes')} span="filled">
          {record.minutes ? <div className="hy-value">{record.minutes}</div> : blank}
        </Descriptions.Item>
      </Descriptions>

      <Typography.Title level={5}>{t('orglife.view.attendance')}</Typography.Title>
      <Typography.Paragraph data-testid="attendance-summary">
        {t('orglife.form.summary', {
          expected: record.expectedCount,
          present: record.presentCount,
          excused: record.excusedCount,
          absent: record.absentCount,
          voting: voting.length,
          votingPresent: voting.filter((a) => a.status === 'present').length,
        })}
      </Typography.Paragraph>
      <AttendanceTable rows={record.attendance} groups={groups} editable={false} height={320} />

      {record.resolutions.length > 0 ? (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('orglife.form.resolutions')}
          </Typography.Title>
          <Table
            size="small"
            rowKey="seq"
            pagination={false}
            dataSource={record.resolutions}
            scroll={{ x: 640 }}
            columns={[
              { key: 'title', dataIndex: 'title', title: t('orglife.form.resolutionTitle') },
              { key: 'kind', title: t('orglife.form.resolutionKind'), width: 100, render: (_, r) => t(`orglife.resolutionKind.${r.kind}`) },
              { key: 'base', title: t('orglife.view.votingBase'), width: 150, render: (_, r) => t('orglife.view.votingBaseText', { due: r.votingMembers, present: r.present }) },
              { key: 'votes', title: t('orglife.view.votes'), width: 170, render: (_, r) => `${t('orglife.form.votesFor')} ${r.votesFor} / ${t('orglife.form.votesAgainst')} ${r.votesAgainst} / ${t('orglife.form.votesAbstain')} ${r.votesAbstain}` },
              {
                key: 'passed',
                title: t('orglife.view.outcome'),
                width: 90,
                render: (_, r) => (
                  <Tag color={r.passed ? 'success' : 'default'} data-testid="resolution-outcome">
                    {r.passed ? t('orglife.passed') : t('orglife.notPassed')}
                  </Tag>
                ),
              },
            ]}
          />
        </>
      ) : null}

      {record.reviews.length > 0 ? (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('orglife.form.reviews')}
          </Typography.Title>
          <Descriptions size="small" bordered column={{ xs: 1, sm: 2, md: 3, lg: 4 }}>
            {record.reviews.map((v) => (
              <Descriptions.Item key={v.memberId} label={v.name}>
                {label('orglife.grade', v.grade)}
              </Descriptions.Item>
            ))}
          </Descriptions>
        </>
      ) : null}
    </div>
  );
}
