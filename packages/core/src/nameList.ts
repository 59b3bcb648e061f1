import { z } from 'zod';

/**
 * A list of names a unit edits in its settings (kinds, categories, areas, checklist items):
 * distinct, each trimmed and 1 to `itemMax` characters, at least `min` (1 unless said; 0: may
 * be empty) and at most `max` of them.
 */
export function nameListSchema(max: number, { itemMax = 30, min = 1 }: { itemMax?: number; min?: number } = {}) {
  const names = z.array(z.string().trim().min(1).max(itemMax));
  return (min > 0 ? names.min(min) : names).max(max).refine((list) => new Set(list).size === list.length, { message: 'duplicate item' });
}
