/**
 * Walks the route table with inputs built from each route's own schema (the OpenAPI document
 * the zod schemas produce), so a route added tomorrow is walked without being listed anywhere.
 * Used by input.test.ts: every write route, hostile values in every field, never a 500.
 */
import { idNumberCheckChar } from '@hongyi/core';
import type { FastifyInstance } from 'fastify';

export type JsonSchema = {
  type?: string | string[];
  nullable?: boolean;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean | number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
};

export interface WriteRoute {
  method: string;
  /** Fastify's form, '/api/v1/orgs/:id'. */
  url: string;
  params: string[];
  body: JsonSchema | null;
  query: JsonSchema | null;
}

/** A valid GB 11643 number for a man born 1990-03-07 (the check digit computed, not typed). */
function sampleIdNumber(): string {
  const first17 = '11010119900307457';
  return first17 + idNumberCheckChar(first17);
}

/** A plausible value for a string field: by name first (ID numbers, phones, dates), then by pattern. */
function sampleString(name: string, schema: JsonSchema): string {
  const candidates = [
    /idnumber/i.test(name) ? sampleIdNumber() : null,
    /phone/i.test(name) ? '13800138000' : null,
    /email|target/i.test(name) ? 'robot@example.org' : null,
    /username/i.test(name) ? 'walk.user' : null,
    /password/i.test(name) ? 'Kaiyuan-2026' : null,
    /month/i.test(name) ? '2026-10' : null,
    /(on|date|start|end|from|to|day)$/i.test(name) ? '2026-11-20' : null,
    '2026-11-20',
    '2026-10',
    '08:30',
    'walk-test',
    'abc',
    'a1',
    '测试',
  ].filter((c): c is string => c !== null);
  if (schema.format === 'email') return 'robot@example.org';
  if (schema.format === 'uri') return 'https://example.org/hook';
  if (schema.format === 'date') return '2026-11-20';
  if (schema.format === 'date-time') return '2026-11-20T08:00:00.000Z';
  const pattern = schema.pattern ? new RegExp(schema.pattern) : null;
  const fits = (c: string) => (!pattern || pattern.test(c)) && c.length >= (schema.minLength ?? 0) && c.length <= (schema.maxLength ?? Infinity);
  const found = candidates.find(fits);
  if (found) return found;
  return 'x'.repeat(Math.max(1, schema.minLength ?? 1));
}

function typesOf(schema: JsonSchema): string[] {
  if (Array.isArray(schema.type)) return schema.type;
  return schema.type ? [schema.type] : [];
}

/**
 * One value that the schema accepts, best effort: with every optional property (so ids and texts
 * deep in a body are reached), or with the required ones only (so an optional field that a rule
 * refuses does not stop the request before the others).
 */
export function sample(schema: JsonSchema | undefined, name = '', depth = 0, requiredOnly = false): unknown {
  if (!schema || depth > 8) return null;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum && schema.enum.length > 0) return schema.enum[0];
  const choices = schema.oneOf ?? schema.anyOf;
  if (choices && choices.length > 0) {
    const first = choices.find((c) => !typesOf(c).includes('null')) ?? choices[0];
    return sample(first, name, depth + 1, requiredOnly);
  }
  if (schema.allOf && schema.allOf.length > 0) return sample(Object.assign({}, ...schema.allOf) as JsonSchema, name, depth + 1, requiredOnly);
  const type = typesOf(schema).find((t) => t !== 'null') ?? (schema.properties ? 'object' : undefined);
  switch (type) {
    case 'string':
      return sampleString(name, schema);
    case 'integer':
    case 'number': {
      const min = typeof schema.minimum === 'number' ? schema.minimum + (schema.exclusiveMinimum === true ? 1 : 0) : 1;
      const value = Math.max(min, 1);
      return typeof schema.maximum === 'number' ? Math.min(value, schema.maximum) : value;
    }
    case 'boolean':
      return false;
    case 'array': {
      const count = Math.min(Math.max(schema.minItems ?? 1, 1), schema.maxItems ?? 1);
      return Array.from({ length: count }, () => sample(schema.items, name, depth + 1, requiredOnly));
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      const required = new Set(schema.required ?? []);
      for (const [key, child] of Object.entries(schema.properties ?? {})) {
        if (requiredOnly && !required.has(key)) continue;
        out[key] = sample(child, key, depth + 1, requiredOnly);
      }
      return out;
    }
    default:
      return null;
  }
}

/** Paths of the leaves of a sampled value, with their kind: where hostile values go. */
export function leaves(value: unknown, path: Array<string | number> = []): Array<{ path: Array<string | number>; kind: 'string' | 'integer' }> {
  if (typeof value === 'string') return [{ path, kind: 'string' }];
  if (typeof value === 'number' && Number.isInteger(value)) return [{ path, kind: 'integer' }];
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, [...path, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
  return [];
}

/** A copy of `value` with the leaf at `path` replaced. */
export function replaced(value: unknown, path: Array<string | number>, leaf: unknown): unknown {
  if (path.length === 0) return leaf;
  const [head, ...rest] = path as [string | number, ...Array<string | number>];
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? replaced(v, rest, leaf) : v));
  return { ...(value as Record<string, unknown>), [head]: replaced((value as Record<string, unknown>)[head], rest, leaf) };
}

/** Every write route of the API (POST, PUT, PATCH, DELETE under /api) with its body and query schemas. */
export function writeRoutes(app: FastifyInstance): WriteRoute[] {
  return apiRoutes(app, ['POST', 'PUT', 'PATCH', 'DELETE']);
}

/** Every route of the API under /api with one of `methods`, with its body and query schemas. */
export function apiRoutes(app: FastifyInstance, methods: readonly string[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']): WriteRoute[] {
  const doc = app.swagger() as { paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: JsonSchema }> }; parameters?: Array<{ in: string; name: string; schema: JsonSchema; required?: boolean }> }>> };
  const out: WriteRoute[] = [];
  for (const route of app.routeAccess) {
    if (!methods.includes(route.method) || !route.url.startsWith('/api/')) continue;
    const openApiPath = route.url.replace(/:(\w+)/g, '{$1}');
    const operation = doc.paths[openApiPath]?.[route.method.toLowerCase()];
    const queryParams = (operation?.parameters ?? []).filter((p) => p.in === 'query');
    out.push({
      method: route.method,
      url: route.url,
      params: [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1] as string),
      body: operation?.requestBody?.content?.['application/json']?.schema ?? null,
      query: queryParams.length
        ? { type: 'object', properties: Object.fromEntries(queryParams.map((p) => [p.name, p.schema])), required: queryParams.filter((p) => p.required).map((p) => p.name) }
        : null,
    });
  }
  return out;
}
