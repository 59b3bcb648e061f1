/**
 * The three routes of a record's evidence files, the same in every module (lib/evidence.ts does
 * the work): add (a form upload, 201 with the file as lists show it), download (an attachment,
 * 404 once withdrawn) and withdraw with a reason (200; content dropped, name and reason kept):
 *
 *   evidenceRoutes(app, {
 *     path: '/api/v1/venues/:id/photos', params: idParam, fileParam: 'photoId', ref: (p) => p.id, files: venuePhotos, tags, access: { read: 'orglife.read', write: 'orglife.write' },
 *     summary: { add: 'Add a photo…', download: 'Download a photo', withdraw: 'Withdraw a photo…' },
 *   });
 *
 * Each module keeps its own paths, permissions and OpenAPI words; the owner's own checks (scope,
 * state) are the module's, in its kit. A module may also list the files on their own path
 * (summary.list), take form fields with the file (fields: they reach `ref` when adding) and show
 * its files in its own shape (out, with the kit's `present`).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteAccess } from '../plugins/context.js';
import { ctxOf } from './context.js';
import type { EvidenceFiles } from './evidence.js';
import { EVIDENCE_DESCRIPTION, type UploadedFile, fileUpload } from './multipart.js';
import { EVIDENCE_KINDS, type FileKind, UPLOAD_MAX_BYTES, sendUpload, uploadOut } from './uploads.js';

const REASON_MAX = 200;
const fileId = z.coerce.number().int().positive();

export interface EvidenceRoutesSpec<P extends z.ZodRawShape, Ref, Out, F extends z.ZodRawShape> {
  /** The files of one owner: '/api/v1/projects/:id/files'; a file is `${path}/:${fileParam}`. */
  path: string;
  /** The owner's part of the path (idParam). */
  params: z.ZodObject<P>;
  /** The file's name in the path: 'fileId' unless the module says otherwise. */
  fileParam?: string;
  /** The owner as the module's kit takes it, from the path (and, when adding, the form's fields). */
  ref(params: z.infer<z.ZodObject<P>>, fields?: z.infer<z.ZodObject<F>>): Ref;
  files: EvidenceFiles<Ref, Out>;
  tags: string[];
  /** Who lists and downloads; who adds and withdraws (the module's kit checks the owner beyond that). */
  access: { read: RouteAccess; write: RouteAccess };
  /** list: the owner's files on `path` too (GET), when the module offers them there. */
  summary: { list?: string; add: string; download: string; withdraw: string };
  /** A file as the module shows it (the kit's `present`): the upload kit's shape unless said. */
  out?: z.ZodType<Out>;
  /** Text fields of the upload form beyond the file (z.coerce for numbers). */
  fields?: F;
  /** The longest withdrawal reason taken: 200 unless the module takes more. */
  reasonMax?: number;
  /** What the files are, for the API documentation ('Evidence (方案, 总结, 照片, 证明材料)'); 'The evidence file' unless said. */
  description?: string;
  /** The kinds of file taken (the bytes decide): every evidence kind unless the module takes fewer (photos: JPEG, PNG, PDF). */
  kinds?: readonly FileKind[];
  /** The withdrawal's body refuses fields beyond the reason. */
  strict?: boolean;
}

export function evidenceRoutes<P extends z.ZodRawShape, Ref, Out = z.infer<typeof uploadOut>, F extends z.ZodRawShape = Record<never, never>>(app: FastifyInstance, spec: EvidenceRoutesSpec<P, Ref, Out, F>) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const upload = fileUpload<F>({ maxBytes: UPLOAD_MAX_BYTES, kinds: spec.kinds ?? EVIDENCE_KINDS, description: spec.description ?? EVIDENCE_DESCRIPTION, ...(spec.fields ? { fields: spec.fields } : {}) });
  const fileParam = spec.fileParam ?? 'fileId';
  const fileParams = spec.params.extend({ [fileParam]: fileId });
  // Generic over what the module shows, the response schemas are checked by the module's out, not here.
  const out: z.ZodType = spec.out ?? uploadOut;
  const reason = z.string().trim().min(1).max(spec.reasonMax ?? REASON_MAX);
  // The schemas above have parsed the path and the body; generic over the owner's params, the types say so here.
  const refOf = (request: { params: unknown }) => spec.ref(request.params as z.infer<z.ZodObject<P>>);
  const fileOf = (request: { params: unknown }) => (request.params as Record<string, number>)[fileParam] ?? 0;
  const { tags } = spec;

  if (spec.summary.list) {
    r.get(
      spec.path,
      { config: { access: spec.access.read }, schema: { tags, summary: spec.summary.list, params: spec.params, response: { 200: z.array(out) } } },
      async (request) => spec.files.list(ctxOf(request), refOf(request)),
    );
  }

  r.post(
    spec.path,
    { config: { access: spec.access.write }, ...upload.route, schema: { tags, summary: spec.summary.add, params: spec.params, ...upload.schema, response: { 201: out } } },
    async (request, reply) => {
      const { file, ...fields } = request.body as { file: UploadedFile } & z.infer<z.ZodObject<F>>;
      return reply.status(201).send(await spec.files.add(ctxOf(request), spec.ref(request.params as z.infer<z.ZodObject<P>>, fields as z.infer<z.ZodObject<F>>), file));
    },
  );

  r.get(
    `${spec.path}/:${fileParam}`,
    { config: { access: spec.access.read }, schema: { tags, summary: spec.summary.download, params: fileParams } },
    async (request, reply) => sendUpload(reply, await spec.files.download(ctxOf(request), refOf(request), fileOf(request))),
  );

  r.post(
    `${spec.path}/:${fileParam}/withdraw`,
    { config: { access: spec.access.write }, schema: { tags, summary: spec.summary.withdraw, params: fileParams, body: spec.strict ? z.strictObject({ reason }) : z.object({ reason }), response: { 200: out } } },
    async (request) => spec.files.withdraw(ctxOf(request), refOf(request), fileOf(request), (request.body as { reason: string }).reason),
  );
}
