/**
 * How far a list can be paged. Not a rule of the regulations: a bound on what one request may
 * ask of the database, shared by the server (which refuses deeper pages and counts long lists
 * only this far) and the web (whose pager offers no page it cannot reach). On the embedded
 * database one request holds the only thread, so the deepest page must stay cheap; beyond it,
 * a list is narrowed with its filters.
 */
export const LIST_MAX_OFFSET = 10_000;
export const LIST_MAX_PAGE_SIZE = 200;
export const LIST_MAX_PAGE = 10_000;
