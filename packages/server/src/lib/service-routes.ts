/**
 * A service route: the path's `:id`, the query or the body, validated by the module's zod schemas,
 * handed with the caller's context to one service call whose result is the answer (201 when the
 * schema answers 201, else 200), the same in every module:
 *
 *   serviceRoute(app, { method: 'post', path: '/api/v1/orgs/:id/move', access: 'orgs.write', schema: { tags, summary: 'Move an organisation…', params: idParam, body: moveBody, response: { 200: movedOut } } }, (ctx, { params, body }) => moveOrg(ctx, params.id, body));
 *
 * Each module keeps its path, permission, schemas and OpenAPI words (the schema goes to Fastify as
 * given); the service gets the caller's context and the validated path, query and body, and its
 * result must be what the response schema says.
 */
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { RouteAccess } from '../plugins/context.js';
import { type Ctx, ctxOf } from './context.js';

interface ServiceSchema {
  tags: string[];
  summary: string;
  description?: string;
  params?: z.ZodTypeAny;
  querystring?: z.ZodTypeAny;
  body?: z.ZodTypeAny;
  response: { 200: z.ZodTypeAny } | { 201: z.ZodTypeAny };
}

type Parsed<T> = T extends z.ZodTypeAny ? z.infer<T> : undefined;
type Answer<R> = R extends { 201: infer T extends z.ZodTypeAny } ? z.infer<T> : R extends { 200: infer T extends z.ZodTypeAny } ? z.infer<T> : never;

export interface ServiceRouteSpec<S extends ServiceSchema> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  access: RouteAccess;
  schema: S;
}

export interface ServiceInput<S extends ServiceSchema> {
  params: Parsed<S['params']>;
  query: Parsed<S['querystring']>;
  body: Parsed<S['body']>;
}

export function serviceRoute<S extends ServiceSchema>(app: FastifyInstance, spec: ServiceRouteSpec<S>, call: (ctx: Ctx, input: ServiceInput<S>) => Promise<Answer<S['response']>>): void {
  const schema: ServiceSchema = spec.schema;
  const status = 201 in schema.response ? 201 : 200;
  // Plain route: the app's zod compilers validate and serialise with the module's schemas; generic over them, the types are said below.
  app.route({
    method: spec.method.toUpperCase() as Uppercase<ServiceRouteSpec<S>['method']>,
    url: spec.path,
    config: { access: spec.access },
    schema,
    handler: async (request, reply) => {
      const answer = await call(ctxOf(request), { params: request.params, query: request.query, body: request.body } as ServiceInput<S>);
      return reply.status(status).send(answer);
    },
  });
}

/**
 * The call of a versioned change by `:id`: the body's `version` goes to the service beside the
 * rest of the body (409 there on a stale one), and the answer is `{ id }`:
 *
 *   serviceRoute(app, { method: 'put', path: '/api/v1/projects/:id', …, body: projectInput.extend({ version: version() }), response: { 200: ok } } }, savedById(changeProject));
 */
export function savedById<I>(change: (ctx: Ctx, id: number, version: number, input: I) => Promise<unknown>) {
  return async (ctx: Ctx, { params, body }: { params: { id: number }; body: I & { version: number } }): Promise<{ id: number }> => {
    const { version, ...input } = body;
    await change(ctx, params.id, version, input as I);
    return { id: params.id };
  };
}
