/**
 * A download route: a GET whose service makes a file (an Excel workbook or a Word document) that
 * goes back as an attachment, the same in every module (the Excel and Word kits send it, with
 * the name in both forms):
 *
 *   downloadRoute(app, { path: '/api/v1/venues/export', format: 'xlsx', access: 'orglife.read', schema: { tags, summary: 'The venues as Excel', querystring: venueFilter } }, (ctx, { query }) => venuesWorkbook(ctx, query));
 *
 * Each module keeps its path, permission and OpenAPI words (the schema goes to Fastify as given);
 * the service gets the caller's context and the validated path and query.
 */
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { RouteAccess } from '../plugins/context.js';
import { type Ctx, ctxOf } from './context.js';
import { sendDocx } from './docx.js';
import { sendXlsx } from './excel.js';

/** A file a service made: its name (as the caller will save it) and its bytes. */
export interface MadeFile {
  name: string;
  buffer: Buffer;
}

const SEND = { xlsx: sendXlsx, docx: sendDocx } as const;

interface DownloadSchema {
  tags: string[];
  summary: string;
  params?: z.ZodTypeAny;
  querystring?: z.ZodTypeAny;
}

type Parsed<T> = T extends z.ZodTypeAny ? z.infer<T> : undefined;

export interface DownloadRouteSpec<S extends DownloadSchema> {
  path: string;
  format: keyof typeof SEND;
  access: RouteAccess;
  schema: S;
}

export function downloadRoute<S extends DownloadSchema>(app: FastifyInstance, spec: DownloadRouteSpec<S>, make: (ctx: Ctx, input: { params: Parsed<S['params']>; query: Parsed<S['querystring']> }) => Promise<MadeFile>): void {
  const send = SEND[spec.format];
  const schema: DownloadSchema = spec.schema;
  // Plain get: the app's zod compilers validate with the module's schema; generic over it, the types are said below.
  app.get(spec.path, { config: { access: spec.access }, schema }, async (request, reply) => {
    const file = await make(ctxOf(request), { params: request.params as Parsed<S['params']>, query: request.query as Parsed<S['querystring']> });
    return send(reply, file.name, file.buffer);
  });
}
