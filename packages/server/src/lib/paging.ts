import { LIST_MAX_OFFSET, LIST_MAX_PAGE, LIST_MAX_PAGE_SIZE } from '@hongyi/core';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError, languageOf } from '../plugins/errors.js';
import { translate } from '../plugins/i18n.js';

/**
 * Bounds of every paged list (from core, which the web's pager reads too). An unbounded page
 * made the database walk and throw away rows while the embedded (single-threaded) database
 * answered nobody else: page=1000000000 kept the server busy for minutes. Deeper than
 * MAX_OFFSET rows, a list is narrowed with its filters.
 */
export const MAX_PAGE = LIST_MAX_PAGE;
export const MAX_PAGE_SIZE = LIST_MAX_PAGE_SIZE;
export const MAX_OFFSET = LIST_MAX_OFFSET;

/** Query parameters shared by every list: server-side pagination. */
export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).max(MAX_PAGE).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
});

export function pageResult<T>(items: T[], total: number) {
  return { items, total };
}

export const idParam = z.object({ id: z.coerce.number().int().positive() });

/**
 * Refuses a page that starts beyond MAX_OFFSET rows (400 on query.page, saying how far a list
 * can be paged), on every route whose validated query has page and pageSize: a list that adds
 * its own paging is covered without remembering to. Runs before the permission check, like
 * validation.
 */
export function registerPagingLimit(app: FastifyInstance): void {
  app.addHook('preHandler', async (request) => {
    const query = request.query as { page?: unknown; pageSize?: unknown } | undefined;
    if (!query || typeof query.page !== 'number' || typeof query.pageSize !== 'number') return;
    if ((query.page - 1) * query.pageSize < MAX_OFFSET) return;
    const params = { page: query.page, pageSize: query.pageSize, max: MAX_OFFSET.toLocaleString('en') };
    const language = languageOf(request);
    throw new AppError(400, 'PAGE_TOO_DEEP', params, [{ path: 'query.page', message: translate('PAGE_TOO_DEEP', language, params) }]);
  });
}

/** @deprecated moved to db/count.ts (a query belongs with the database): import it from there. */
export { countUpTo } from '../db/count.js';
