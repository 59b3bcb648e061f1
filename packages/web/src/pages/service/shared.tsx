import type { ServiceFigures } from '@hongyi/core';
import { Descriptions, Statistic } from 'antd';
import type { ApiResult } from '../../api/contract';
import { useApiGet } from '../../api/hooks';
import { useI18n } from '../../i18n';

export type ServiceSettings = ApiResult<'/api/v1/service/settings'>;

/** The unit's lists (kinds, place types, regions) for selects. */
export function useServiceSettings() {
  return useApiGet<ServiceSettings>('/api/v1/service/settings');
}

export const FIGURE_KEYS = ['events', 'participations', 'hours', 'beneficiaries', 'trained', 'classHours', 'mediaReach'] as const;

/** The figures of a total as statistics (a phone shows them two by two). */
export function FiguresRow({ figures, keys = FIGURE_KEYS, testId }: { figures: ServiceFigures; keys?: readonly (typeof FIGURE_KEYS)[number][]; testId?: string }) {
  const { t } = useI18n();
  return (
    <div className="hy-figures" data-testid={testId} style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(120px, 1fr))', gap: 12 }}>
      {keys.map((k) => (
        <Statistic key={k} title={t(`service.figure.${k}`)} value={figures[k]} />
      ))}
    </div>
  );
}

/** The figures as a read-only description list. */
export function FiguresDescriptions({ figures }: { figures: ServiceFigures }) {
  const { t } = useI18n();
  return (
    <Descriptions size="small" column={{ xs: 1, sm: 2, md: 4 }}>
      {FIGURE_KEYS.map((k) => (
        <Descriptions.Item key={k} label={t(`service.figure.${k}`)}>
          {figures[k]}
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}
