import { Alert, Card, Descriptions, List, Space, Tag, Typography } from 'antd';
import { ApiError } from '../../api/client';
import { useApiGet, useErrorText } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { LEVEL_COLORS, LEVEL_MONTHS, type MemberDues, rate, yuan } from './types';

/** 我的党费: a member's own dues on a phone — what is due, what is paid, and up to when. */
export default function MyDuesPage() {
  const { t, label } = useI18n();
  const errorText = useErrorText();
  const { data, error, loading } = useApiGet<MemberDues>('/api/v1/dues/my');
  if (error) return <Alert type="info" showIcon title={error instanceof ApiError && error.status === 404 ? t('dues.my.notMember') : errorText(error)} />;
  if (!data) return <Card loading={loading} />;
  const base = data.bases[0];
  const a = data.arrears;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 560 }} data-testid="my-dues">
      <Card title={t('dues.my.title')} size="small">
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('dues.col.name')}>{data.member.name}</Descriptions.Item>
          <Descriptions.Item label={t('dues.col.branch')}>{data.member.orgName}</Descriptions.Item>
          <Descriptions.Item label={t('dues.col.category')}>{label('dues.category', data.member.category)}</Descriptions.Item>
          {base ? (
            <>
              <Descriptions.Item label={t('dues.my.base', { year: base.year })}>
                {yuan(base.baseCents)} × {base.rateBasisPoints === null ? t('dues.fixed') : rate(base.rateBasisPoints)}
              </Descriptions.Item>
              <Descriptions.Item label={t('dues.col.monthly')}>
                <Typography.Text strong>{yuan(base.monthlyCents)} {t('dues.yuan')}</Typography.Text>
              </Descriptions.Item>
            </>
          ) : null}
          <Descriptions.Item label={t('dues.paidThrough')}>{a.paidThrough ?? t('dues.my.nothingPaid')}</Descriptions.Item>
          {data.voluntaryCents > 0 ? <Descriptions.Item label={t('dues.report.voluntary')}>{yuan(data.voluntaryCents)}</Descriptions.Item> : null}
        </Descriptions>
      </Card>
      {data.base.missing ? (
        // No base, no dues in the ledger: not "all paid" but "nothing set yet", and who sets it.
        <Alert
          type="warning"
          showIcon
          data-testid="my-dues-no-base"
          title={t('dues.my.noBase', { year: data.base.year })}
          description={
            data.base.setters.length > 0
              ? t('dues.my.noBaseWho', { branch: data.member.orgName, secretaries: data.base.setters.join('、') })
              : t('dues.my.noBaseWhoOffice', { branch: data.member.orgName })
          }
        />
      ) : null}
      {a.unpaidMonths.length > 0 ? (
        <Alert
          type={a.level === 'none' ? 'info' : 'warning'}
          showIcon
          title={t('dues.my.unpaid', { months: a.unpaidMonths.length, amount: yuan(a.outstandingCents) })}
          description={a.level === 'none' ? null : t(`dues.my.level.${a.level}`, { months: LEVEL_MONTHS[a.level] })}
        />
      ) : data.months.length > 0 ? (
        <Alert type="success" showIcon title={t('dues.my.allPaid')} />
      ) : data.base.missing ? null : (
        <Alert type="info" showIcon title={t('dues.my.noMonths')} />
      )}
      <Card title={t('dues.my.months')} size="small">
        <List
          locale={{ emptyText: t('dues.my.noMonths') }}
          dataSource={data.months}
          renderItem={(m) => {
            const paid = m.paidCents >= m.dueCents;
            return (
              <List.Item extra={<Tag color={paid ? 'green' : LEVEL_COLORS[a.level === 'none' ? 'remind' : a.level]}>{paid ? t('dues.my.paid') : t('dues.my.notPaid')}</Tag>}>
                <List.Item.Meta title={m.month} description={t('dues.my.dueLine', { due: yuan(m.dueCents), paid: yuan(m.paidCents) })} />
              </List.Item>
            );
          }}
        />
      </Card>
    </Space>
  );
}
