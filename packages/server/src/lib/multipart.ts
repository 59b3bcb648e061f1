/**
 * The upload kit: one way for a route to take a file. The browser sends multipart/form-data
 * (one file part plus named text fields, with the CSRF header like every write); the kit streams
 * the file part into memory up to the route's own limit, finds what the file is from its bytes
 * (lib/uploads.ts) and hands the route a validated body `{ file, ...fields }`:
 *
 *   const rosterUpload = fileUpload({ maxBytes: ROSTER_MAX_BYTES, kinds: ['xlsx'] });
 *   r.post('/api/v1/members/import/preview', {
 *     config: { access: 'members.write' },
 *     ...rosterUpload.route,
 *     schema: { tags: ['members'], summary: '…', ...rosterUpload.schema, response: { 200: … } },
 *   }, async (request) => service(ctxOf(request), request.body.file.content));
 *
 * Order of answers, as on every route: 401 without a session and 403 without the CSRF token
 * (before a byte of the file is read), then 400 for the input (no form upload, no file, an empty
 * or too large file — with the real limit —, a kind the route does not take, a field that fails
 * its schema), then 403 without the route's permission. File names lose any path a browser or
 * script sends (C:\fakepath\名册.xlsx → 名册.xlsx). OpenAPI shows the body as multipart/form-data
 * with the file as binary and the fields with their schemas.
 */
import type { Language } from '@hongyi/core';
import type { FastifyRequest, preValidationAsyncHookHandler } from 'fastify';
import { z } from 'zod';
import { AppError, languageOf } from '../plugins/errors.js';
import { translate } from '../plugins/i18n.js';
import { findBadText } from '../plugins/input.js';
import { EVIDENCE_KINDS, type FileKind, type InspectedUpload, UPLOAD_MAX_BYTES, acceptOf, inspectFile, safeFileName, uploadRefusal, uploadTooLarge } from './uploads.js';

/** A file the kit has read and inspected: its safe name, its detected content type and its bytes. */
export class UploadedFile implements InspectedUpload {
  constructor(
    readonly name: string,
    readonly contentType: string,
    readonly content: Buffer,
  ) {}
}

export interface FileUploadSpec<F extends z.ZodRawShape> {
  /** The largest file the route takes, in bytes (the 400 names it). */
  maxBytes: number;
  /** The kinds the route takes, as the bytes show them. */
  kinds: readonly FileKind[];
  /** Named text fields sent with the file, each with its schema (text arrives as strings: use z.coerce for numbers). */
  fields?: F;
  /** What the file is, for the API documentation. */
  description?: string;
}

/** The form field that carries the file. */
export const FILE_FIELD = 'file';
/** Beyond the file, a form carries a few short fields: more is not an upload this kit takes. */
const MAX_FIELDS = 20;
const MAX_FIELD_BYTES = 100_000;
/** What a multipart envelope adds to a file of the limit (boundaries, part headers, the fields). */
const ENVELOPE_BYTES = 64 * 1024 + MAX_FIELDS * 1024;

/** The request's declared length, when the client sent one. */
function declaredLength(request: FastifyRequest): number | null {
  const header = request.headers['content-length'];
  const n = typeof header === 'string' ? Number(header) : NaN;
  return Number.isFinite(n) && n >= 0 ? n : null;
}

/** Errors of the multipart parser (a cut-off body, too many parts) as the caller's 400. */
function malformed(error: unknown, field: string, language: Language): AppError {
  if (error instanceof AppError) return error;
  const code = (error as { code?: unknown })?.code;
  if (code === 'FST_FILES_LIMIT') return uploadRefusal('UPLOAD_UNEXPECTED_FILE', { field }, `body.${field}`, language);
  return uploadRefusal('UPLOAD_MALFORMED', {}, `body.${field}`, language);
}

/**
 * Reads the multipart body: the text fields as strings, the one file part (streamed, refused as
 * soon as it passes the limit) inspected from its bytes.
 */
async function readForm(request: FastifyRequest, spec: FileUploadSpec<z.ZodRawShape>): Promise<Record<string, unknown>> {
  const field = FILE_FIELD;
  const path = `body.${field}`;
  const language = languageOf(request);
  if (!request.isMultipart()) throw uploadRefusal('UPLOAD_NOT_MULTIPART', { field }, path, language);
  const body: Record<string, unknown> = {};
  let file: { name: string; content: Buffer } | null = null;
  try {
    const parts = request.parts({
      limits: { fileSize: spec.maxBytes, files: 1, fields: MAX_FIELDS, fieldSize: MAX_FIELD_BYTES, parts: MAX_FIELDS + 1 },
    });
    for await (const part of parts) {
      if (part.type === 'field') {
        if (typeof part.value === 'string') body[part.fieldname] = part.value;
        continue;
      }
      const name = safeFileName(part.filename ?? '');
      if (part.fieldname !== field) {
        part.file.resume();
        throw uploadRefusal('UPLOAD_UNEXPECTED_FILE', { field }, path, language);
      }
      // A request declaring more than the limit can hold is refused before its file is read.
      const declared = declaredLength(request);
      if (declared !== null && declared > spec.maxBytes + ENVELOPE_BYTES) {
        part.file.destroy();
        throw uploadTooLarge(name, declared, spec.maxBytes, path, language);
      }
      const chunks: Buffer[] = [];
      for await (const chunk of part.file) chunks.push(chunk as Buffer);
      if (part.file.truncated) throw uploadTooLarge(name, Math.max(declared ?? 0, spec.maxBytes + 1), spec.maxBytes, path, language);
      file = { name: part.filename ?? '', content: Buffer.concat(chunks) };
    }
  } catch (error) {
    throw malformed(error, field, language);
  }
  // Text the database cannot store is refused on its field, as the input guard does for JSON.
  const bad = findBadText(body, 'body');
  if (bad) throw new AppError(400, bad.problem, { field: bad.path }, [{ path: bad.path, message: translate(bad.problem, language, { field: bad.path }) }]);
  if (file) {
    const inspected = await inspectFile(file.content, file.name, spec.kinds, spec.maxBytes, path, language);
    body[field] = new UploadedFile(inspected.name, inspected.contentType, inspected.content);
  }
  return body;
}

/**
 * The route options of an upload route: a preValidation hook that reads the form into
 * request.body, and the schema part (multipart body) for validation, types and OpenAPI.
 */
export function fileUpload<F extends z.ZodRawShape = Record<never, never>>(spec: FileUploadSpec<F>) {
  const fileSchema = z
    .custom<UploadedFile>((value) => value instanceof UploadedFile)
    .meta({
      type: 'string',
      format: 'binary',
      description: `${spec.description ?? 'The file'} (${acceptOf(spec.kinds)}, at most ${Number((spec.maxBytes / 1024 / 1024).toFixed(1))} MB; the kind is read from the bytes)`,
    });
  const body = z.object({ ...(spec.fields ?? ({} as F)), file: fileSchema });
  const preValidation: preValidationAsyncHookHandler = async (request) => {
    request.body = await readForm(request, spec);
  };
  return {
    /** Spread into the route's options. */
    route: { preValidation },
    /** Spread into the route's schema. */
    schema: { consumes: ['multipart/form-data'], body },
    spec,
  };
}

/** What an evidence upload's file is, for the API documentation. */
export const EVIDENCE_DESCRIPTION = 'The evidence file';

/**
 * An evidence file (a record's attachment, a development step's document, an honour's
 * certificate, a service photo…): optional, never a condition; any of the kinds an office files,
 * at most 10 MB. `fields` are the route's own text fields sent with it.
 */
export function evidenceUpload<F extends z.ZodRawShape = Record<never, never>>(fields?: F, kinds: readonly FileKind[] = EVIDENCE_KINDS) {
  return fileUpload<F>({ maxBytes: UPLOAD_MAX_BYTES, kinds, ...(fields ? { fields } : {}), description: EVIDENCE_DESCRIPTION });
}
