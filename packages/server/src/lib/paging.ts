import { z } from 'zod';

/** Query parameters shared by every list: server-side pagination. */
export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export function pageResult<T>(items: T[], total: number) {
  return { items, total };
}

export const idParam = z.object({ id: z.coerce.number().int().positive() });
