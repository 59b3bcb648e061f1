import type { ApiResult } from '../../api/contract';
import { useApiGet } from '../../api/hooks';

export type HonoursSettings = ApiResult<'/api/v1/honours/settings'>;

export function useHonoursSettings() {
  return useApiGet<HonoursSettings>('/api/v1/honours/settings');
}

export const STAGE_COLORS: Record<string, string> = { approved: 'blue', midterm: 'gold', accepted: 'green', failed: 'default' };
