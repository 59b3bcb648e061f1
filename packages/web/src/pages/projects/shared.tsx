import type { ProjectStage } from '@hongyi/core';
import { Tag } from 'antd';
import type { ApiResult } from '../../api/contract';
import { useApiGet } from '../../api/hooks';
import { useI18n } from '../../i18n';

export type ProjectsSettings = ApiResult<'/api/v1/projects/settings'>;
export type ProjectDetail = ApiResult<'/api/v1/projects/{id}'>;
export type ProjectListItem = ApiResult<'/api/v1/projects'>['items'][number];

export function useProjectsSettings() {
  return useApiGet<ProjectsSettings>('/api/v1/projects/settings');
}

const STAGE_COLORS: Record<ProjectStage, string> = { proposed: 'default', approved: 'blue', midterm: 'gold', accepted: 'green', rejected: 'red', withdrawn: 'default' };
const CONCLUSION_COLORS: Record<string, string> = { 优秀: 'green', 合格: 'blue', 不合格: 'red' };

export function StageTag({ stage }: { stage: ProjectStage }) {
  const { label } = useI18n();
  return (
    <Tag color={STAGE_COLORS[stage]} data-testid="project-stage">
      {label('projects.stage', stage)}
    </Tag>
  );
}

export function ConclusionTag({ conclusion }: { conclusion: string | null }) {
  const { label } = useI18n();
  if (!conclusion) return null;
  return (
    <Tag color={CONCLUSION_COLORS[conclusion]} data-testid="project-conclusion">
      {label('projects.conclusion', conclusion)}
    </Tag>
  );
}
