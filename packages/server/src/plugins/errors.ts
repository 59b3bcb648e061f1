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
      return send(reply, 413, 'BODY_TOO_LARGE', translate('BODY_TOO_LARGE', language, { limit: '1 MB' }));
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
