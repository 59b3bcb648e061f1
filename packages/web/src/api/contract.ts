/**
 * API shapes for the web app, read from the generated OpenAPI types (schema.d.ts, written by
 * `npm run api:types`): a page names the endpoint, never re-declares its shape by hand.
 *
 *   type MemberRow = ApiItem<'/api/v1/members'>;          // one item of a paged list
 *   type Profile = ApiResult<'/api/v1/members/{id}'>;     // a GET's answer
 *   type NewMember = ApiBody<'/api/v1/members', 'post'>;  // what a POST takes
 */
import type { paths } from './schema';

export type ApiPath = keyof paths;
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Operation<P extends ApiPath, M extends Method> = NonNullable<paths[P][M]>;
type JsonOf<R> = R extends { content: { 'application/json': infer J } } ? J : never;
type Responses<P extends ApiPath, M extends Method> = Operation<P, M> extends { responses: infer R } ? R : never;

/** The JSON answer of an endpoint on success (200, else 201). */
export type ApiResult<P extends ApiPath, M extends Method = 'get'> = 200 extends keyof Responses<P, M> ? JsonOf<Responses<P, M>[200]> : 201 extends keyof Responses<P, M> ? JsonOf<Responses<P, M>[201]> : never;

/** One item of a paged list answer ({ items, total }). */
export type ApiItem<P extends ApiPath, M extends Method = 'get'> = ApiResult<P, M> extends { items: Array<infer T> } ? T : never;

/** The JSON body an endpoint takes. */
export type ApiBody<P extends ApiPath, M extends Method> = Operation<P, M> extends { requestBody?: infer B } ? JsonOf<NonNullable<B>> : never;

/** The text fields of a form upload (lib/multipart.ts on the server), without the file itself. */
export type ApiForm<P extends ApiPath, M extends Method = 'post'> = Operation<P, M> extends { requestBody?: infer B }
  ? NonNullable<B> extends { content: { 'multipart/form-data': infer F } }
    ? Omit<F, 'file'>
    : never
  : never;

/** The query parameters an endpoint takes. */
export type ApiQuery<P extends ApiPath, M extends Method = 'get'> = Operation<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;
