import type { ApiErrorDetail, Language } from '@hongyi/core';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { translate, translateIssue } from './i18n.js';

/**
 * An error meant for the client: an HTTP status, a stable code, parameters for the message,
 * and optional field-level details (already translated or built with `detail`).
 */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    readonly params: Record<string, unknown> = {},
    readonly details: ApiErrorDetail[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(code);
  }
}

export const notFound = (code: string, id: unknown) => new AppError(404, code, { id });
export const conflict = () => new AppError(409, 'VERSION_CONFLICT');

/** A 400 on one field of the request ('body.level'), its message in the caller's language. */
export function fieldError(language: Language, path: string, code: string, params: Record<string, unknown> = {}): AppError {
  return new AppError(400, code, params, [{ path, message: translate(code, language, params) }]);
}

interface ZodIssueLike {
  code?: string;
  path?: PropertyKey[];
  expected?: unknown;
  minimum?: unknown;
  maximum?: unknown;
  origin?: string;
  values?: unknown[];
  keys?: string[];
  input?: unknown;
  message?: string;
}

function issueDetail(issue: ZodIssueLike, prefix: string, language: Language): ApiErrorDetail {
  const path = [prefix, ...(issue.path ?? []).map(String)]
    .filter(Boolean)
    .join('.')
    .replace(/\.(\d+)(?=\.|$)/g, '[$1]');
  let kind = issue.code ?? 'other';
  if (kind === 'invalid_type' && issue.input === undefined) kind = 'required';
  if ((kind === 'too_small' || kind === 'too_big') && issue.origin === 'string') kind = `${kind}_string`;
  if (kind === 'custom' && issue.message) return { path, message: issue.message };
  const message = translateIssue(kind, language, {
    expected: issue.expected,
    minimum: issue.minimum,
    maximum: issue.maximum,
    values: (issue.values ?? []).join(' / '),
    keys: (issue.keys ?? []).join(', '),
  });
  return { path, message };
}

function send(reply: FastifyReply, status: number, code: string, message: string, details?: ApiErrorDetail[]) {
  const body: { error: { code: string; message: string; details?: ApiErrorDetail[] } } = { error: { code, message } };
  if (details && details.length > 0) body.error.details = details;
  return reply.status(status).type('application/json; charset=utf-8').send(body);
}

export function languageOf(request: FastifyRequest): Language {
  return request.auth?.language ?? request.language;
}

interface DatabaseErrorLike {
  code: string;
  constraint?: string;
  detail?: string;
}

/** A PostgreSQL error (pg and PGlite both carry the SQLSTATE in `code` and the server's `severity`). */
function databaseError(error: unknown): DatabaseErrorLike | null {
  if (!error || typeof error !== 'object') return null;
  const e = error as { code?: unknown; severity?: unknown };
  return typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) && typeof e.severity === 'string' ? (e as DatabaseErrorLike) : null;
}

const camel = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** The key columns and values of a constraint error's detail: 'Key (tenant_id, org_id)=(1, 99) …' → [['orgId', '99']]. */
function keyOf(detail: string | undefined): Array<[string, string]> {
  const match = /^Key \((.+?)\)=\((.*?)\)/.exec(detail ?? '');
  if (!match) return [];
  const columns = (match[1] as string).split(', ');
  const values = (match[2] as string).split(', ');
  return columns.map((c, i): [string, string] => [camel(c), values[i] ?? '']).filter(([c]) => c !== 'tenantId');
}

/** Where the request sent a field of this name ('body.orgId', 'body.seats[2].memberId'), else 'body.<name>'. */
function pathOf(request: FastifyRequest, field: string): string {
  const search = (node: unknown, path: string): string | null => {
    if (Array.isArray(node)) {
      for (const [i, item] of node.entries()) {
        const found = search(item, `${path}[${i}]`);
        if (found) return found;
      }
    } else if (node && typeof node === 'object') {
      if (field in node) return `${path}.${field}`;
      for (const [key, value] of Object.entries(node)) {
        const found = typeof value === 'object' ? search(value, `${path}.${key}`) : null;
        if (found) return found;
      }
    }
    return null;
  };
  return search(request.body, 'body') ?? search(request.query, 'query') ?? `body.${field}`;
}

/**
 * A safety net for database refusals that a service should have caught with its own, more
 * specific error: an unknown referenced record (23503) or a number beyond its column (22003) is
 * the caller's mistake, a 400 naming the field, never a 500. A statement cut off by
 * statement_timeout (57014) is a 503: the server is busy, try again.
 */
function sendDatabaseError(error: DatabaseErrorLike, request: FastifyRequest, reply: FastifyReply, language: Language) {
  const key = keyOf(error.detail);
  if (error.code === '23505' && error.constraint === 'login_names_pkey') {
    const username = key[0]?.[1] ?? '';
    return send(reply, 409, 'USERNAME_TAKEN', translate('USERNAME_TAKEN', language, { username }), [
      { path: 'body.username', message: translate('USERNAME_TAKEN', language, { username }) },
    ]);
  }
  if (error.code === '23505') {
    const details = key.map(([field]) => ({ path: pathOf(request, field), message: translate('DUPLICATE_VALUE', language) }));
    return send(reply, 409, 'DUPLICATE_VALUE', translate('DUPLICATE_VALUE', language), details);
  }
  if (error.code === '23503') {
    if (/still referenced/.test(error.detail ?? '')) return send(reply, 409, 'RECORD_IN_USE', translate('RECORD_IN_USE', language));
    const table = /in table "(\w+)"/.exec(error.detail ?? '')?.[1] ?? '';
    const what = translate(`TABLE_${table}`, language);
    const thing = what === `TABLE_${table}` ? translate('TABLE_record', language) : what;
    const details = key.map(([field, value]) => ({ path: pathOf(request, field), message: translate('REFERENCE_NOT_FOUND', language, { thing, value }) }));
    return send(reply, 400, 'REFERENCE_NOT_FOUND', translate('REFERENCE_NOT_FOUND', language, { thing, value: key.map(([, v]) => v).join(', ') }), details);
  }
  if (error.code === '22003') return send(reply, 400, 'VALUE_OUT_OF_RANGE', translate('VALUE_OUT_OF_RANGE', language));
  if (error.code === '22021' || error.code === '22P05') return send(reply, 400, 'TEXT_INVALID', translate('TEXT_INVALID', language));
  if (error.code === '22001') return send(reply, 400, 'TEXT_TOO_LONG', translate('TEXT_TOO_LONG', language));
  if (error.code === '23514') return send(reply, 400, 'VALUE_NOT_ALLOWED', translate('VALUE_NOT_ALLOWED', language));
  if (error.code === '57014') return send(reply, 503, 'QUERY_TIMEOUT', translate('QUERY_TIMEOUT', language));
  return null;
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    const language = languageOf(request);
    if (error instanceof AppError) {
      reply.headers(error.headers);
      return send(reply, error.statusCode, error.code, translate(error.code, language, error.params), error.details);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const prefix = error.validationContext === 'querystring' ? 'query' : (error.validationContext ?? '');
      const details = error.validation.map((v) =>
        issueDetail(
          {
            ...(v.params as ZodIssueLike),
            code: v.keyword,
            message: v.message,
            path: (v.instancePath ?? '').split('/').filter(Boolean),
          },
          prefix,
          language,
        ),
      );
      return send(reply, 400, 'VALIDATION_FAILED', translate('VALIDATION_FAILED', language), details);
    }
    const code = (error as FastifyError).code;
    if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      // The route's own limit (uploads and imports allow more than the 1 MB default).
      const limit = request.routeOptions.bodyLimit ?? request.server.initialConfig.bodyLimit ?? 1024 * 1024;
      return send(reply, 413, 'BODY_TOO_LARGE', translate('BODY_TOO_LARGE', language, { limit: `${Number((limit / 1024 / 1024).toFixed(1))} MB` }));
    }
    if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return send(reply, 415, 'UNSUPPORTED_MEDIA_TYPE', translate('UNSUPPORTED_MEDIA_TYPE', language));
    }
    if (
      code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
      code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
      (error instanceof SyntaxError && (error as FastifyError).statusCode === 400)
    ) {
      return send(reply, 400, 'INVALID_JSON', translate('INVALID_JSON', language));
    }
    const dbError = databaseError(error);
    if (dbError) {
      const sent = sendDatabaseError(dbError, request, reply, language);
      if (sent) {
        request.log.warn({ code: dbError.code, constraint: dbError.constraint }, 'database refused the request');
        return sent;
      }
    }
    const status = (error as FastifyError).statusCode;
    if (status && status >= 400 && status < 500) {
      // Other client errors raised by Fastify itself (e.g. a malformed URL): keep the status, hide internals.
      return send(reply, status, 'BAD_REQUEST', translate('VALIDATION_FAILED', language));
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(reply, 500, 'INTERNAL', translate('INTERNAL', language));
  });

  app.setNotFoundHandler((request, reply) =>
    send(
      reply,
      404,
      'ROUTE_NOT_FOUND',
      translate('ROUTE_NOT_FOUND', languageOf(request), { method: request.method, url: request.url.split('?')[0] }),
    ),
  );
}
