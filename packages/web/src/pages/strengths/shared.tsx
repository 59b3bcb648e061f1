import { DEVELOPMENT_STEPS, type StrengthSource } from '@hongyi/core';
import { Tag } from 'antd';
import { useI18n } from '../../i18n';

/** Words for what a rule counts: a meeting kind, a step, a project stage, or the unit's own service kinds and honour types. */
export function useStrengthLabels() {
  const { t, label, language } = useI18n();
  const kind = (source: StrengthSource, code: string): string => {
    if (source === 'orglife') return label('orglife.kind', code);
    if (source === 'project') return label('projects.stage', code);
    if (source === 'development') {
      const step = DEVELOPMENT_STEPS.find((s) => s.key === code);
      return step ? label('development.step', String(step.step)) : code;
    }
    return code;
  };
  const rule = (source: StrengthSource, kinds: readonly string[]): string => {
    const what = kinds.length === 0 ? t('strengths.anyKind') : kinds.map((k) => kind(source, k)).join(language === 'zh-CN' ? '、' : ', ');
    return `${label('strengths.source', source)}：${what}`;
  };
  return { kind, rule, item: (key: string) => label('strengths.item', key) };
}

/** Where a record of the checklist opens. */
export function recordLink(source: StrengthSource, linkId: number): string {
  switch (source) {
    case 'orglife':
      return `/orglife/records/${linkId}`;
    case 'service':
      return `/service/events/${linkId}`;
    case 'project':
      return `/projects/${linkId}`;
    case 'development':
      return `/development/files/${linkId}`;
    case 'learning':
      return `/orglife/records/${linkId}`;
    case 'honour':
      return '/honours/list';
  }
}

/** 有据 / 缺口 n: what an item or a rule shows (never a score). */
export function StateTag({ met, gaps, required = true, testId }: { met: boolean; gaps?: number; required?: boolean; testId?: string }) {
  const { t } = useI18n();
  if (met) return <Tag color="green" data-testid={testId}>{t('strengths.met')}</Tag>;
  if (!required) return <Tag data-testid={testId}>{t('strengths.optional')}</Tag>;
  return (
    <Tag color="red" data-testid={testId}>
      {gaps === undefined ? t('strengths.gap') : t('strengths.gaps', { n: gaps })}
    </Tag>
  );
}
