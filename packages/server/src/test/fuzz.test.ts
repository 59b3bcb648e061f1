/**
 * Fuzzing from the route table: fast-check builds malformed and boundary requests for every API
 * route (GET included) from the route's own schemas — a field of the wrong type, a number at or
 * beyond its bounds, text the database cannot store, a body that is not an object, garbage in a
 * path parameter or the query — and sends them as the organisation office. The answer is never a
 * 5xx, every error has the documented shape without internals, and /api/health keeps answering
 * while it runs. The seed is fixed, so a failure is reproduced by running the file again.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, createTestApp } from './harness.js';
import { type JsonSchema, type WriteRoute, apiRoutes, leaves, replaced, sample } from './routeWalk.js';

const SEED = 20261204;
const REQUESTS = 2_400;
/** Signing in or out, or setting up a unit, would end or change the walk instead of testing input. */
const SKIP = new Set(['POST /api/v1/auth/logout', 'POST /api/v1/auth/login', 'POST /api/v1/setup', 'POST /api/v1/auth/password']);

let t: TestApp;
let org: Client;
let routes: WriteRoute[];

beforeAll(async () => {
  t = await createTestApp();
  org = await t.login('org');
  routes = apiRoutes(t.app).filter((r) => !SKIP.has(`${r.method} ${r.url}`));
}, 300_000);
afterAll(() => t?.close());

/** A value of some other kind than a leaf holds, or at the edge of what it may hold. */
const hostileLeaf: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, -0, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 2, Number.MAX_VALUE, 1e-300),
  fc.constantFrom('', ' ', '0', '-1', 'NaN', 'Infinity', '1e309', '2026-02-30', '2026-13-01', '9999-12-31', '0000-00-00', '2026-1-1', '12:61'),
  fc.constantFrom("'; drop table members; --", '../../etc/passwd', '<script>alert(1)</script>', '=HYPERLINK("http://x")', '%00', '\u202e反转', '😀'.repeat(40), 'a\u0000b'),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constant('长'.repeat(5_000)),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 2 }),
);

/** Something other than a path parameter's number: text, signs, decimals, huge numbers. */
const hostileParam = fc.oneof(
  fc.constantFrom('0', '-1', '1.5', '1e3', '0x10', '999999999999999999999', '2147483648', 'null', 'undefined', '%20', '..', '2026-02-30', '2026-13'),
  fc.string({ minLength: 1, maxLength: 12 }),
);

type Mutation =
  | { kind: 'leaf'; where: 'body' | 'query'; pick: number; value: unknown }
  | { kind: 'drop'; where: 'body' | 'query'; pick: number }
  | { kind: 'extra'; key: string; value: unknown }
  | { kind: 'whole'; value: unknown }
  | { kind: 'param'; pick: number; value: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('leaf' as const), where: fc.constantFrom('body' as const, 'query' as const), pick: fc.nat(), value: hostileLeaf }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('drop' as const), where: fc.constantFrom('body' as const, 'query' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('extra' as const), key: fc.constantFrom('__proto__', 'constructor', 'tenantId', 'id', 'version', 'x'), value: hostileLeaf }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('whole' as const), value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom([], 'text', 42, null)) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('param' as const), pick: fc.nat(), value: hostileParam }) },
);

/** Paths of every value in a sample (not only the leaves), so objects and arrays are replaced or dropped too. */
function paths(value: unknown, path: Array<string | number> = []): Array<Array<string | number>> {
  const here = path.length ? [path] : [];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => paths(v, [...path, i]))];
  if (value && typeof value === 'object') return [...here, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...path, k]))];
  return here;
}

function dropped(value: unknown, path: Array<string | number>): unknown {
  if (path.length === 0) return undefined;
  const [head, ...rest] = path as [string | number, ...Array<string | number>];
  if (Array.isArray(value)) return rest.length ? value.map((v, i) => (i === head ? dropped(v, rest) : v)) : value.filter((_, i) => i !== head);
  const copy = { ...(value as Record<string, unknown>) };
  if (rest.length) copy[head] = dropped(copy[head], rest);
  else delete copy[head];
  return copy;
}

function queryString(query: unknown): string {
  if (!query || typeof query !== 'object' || Array.isArray(query)) return query === undefined || query === null ? '' : `?q=${encodeURIComponent(JSON.stringify(query))}`;
  const pairs = Object.entries(query).flatMap(([k, v]): Array<[string, string]> => (v === undefined || v === null ? [] : Array.isArray(v) ? v.map((x) => [k, String(x)]) : [[k, typeof v === 'object' ? JSON.stringify(v) : String(v)]]));
  return pairs.length ? `?${new URLSearchParams(pairs).toString()}` : '';
}

/** The request a route and a mutation make: sampled valid input with one thing broken. */
function build(route: WriteRoute, m: Mutation, requiredOnly: boolean) {
  let body = route.body ? sample(route.body, '', 0, requiredOnly) : undefined;
  let query = route.query ? sample(route.query as JsonSchema, '', 0, requiredOnly) : undefined;
  const params = Object.fromEntries(route.params.map((p) => [p, '999999999']));
  if (m.kind === 'leaf' || m.kind === 'drop') {
    const target = m.where === 'body' ? body : query;
    const candidates = m.kind === 'leaf' ? [...leaves(target).map((l) => l.path), ...paths(target)] : paths(target);
    const path = candidates[m.pick % Math.max(1, candidates.length)];
    if (path) {
      const next = m.kind === 'leaf' ? replaced(target, path, m.value) : dropped(target, path);
      if (m.where === 'body') body = next;
      else query = next;
    }
  } else if (m.kind === 'extra') {
    body = body && typeof body === 'object' && !Array.isArray(body) ? { ...body, [m.key]: m.value } : { [m.key]: m.value };
  } else if (m.kind === 'whole') {
    body = m.value;
  } else if (route.params.length) {
    params[route.params[m.pick % route.params.length] as string] = m.value;
  }
  const url = route.url.replace(/:(\w+)/g, (_, p: string) => encodeURIComponent(params[p] ?? '1')) + queryString(query);
  const payload = route.method === 'GET' || body === undefined ? undefined : JSON.stringify(body);
  return { method: route.method as 'GET', url, payload, headers: payload === undefined ? {} : { 'content-type': 'application/json' } };
}

describe('fuzzing every route from its schema', () => {
  it(`${REQUESTS} malformed or boundary requests: no 5xx, errors in the documented shape, /api/health answering throughout`, { timeout: 900_000 }, async () => {
    expect(routes.length).toBeGreaterThan(200);
    const cases = fc.sample(fc.tuple(fc.nat({ max: routes.length - 1 }), mutation, fc.boolean()), { numRuns: REQUESTS, seed: SEED });
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let healthChecks = 0;
    for (const [index, [routeIndex, m, requiredOnly]] of cases.entries()) {
      const route = routes[routeIndex] as WriteRoute;
      const request = build(route, m, requiredOnly);
      const res = await org.request(request);
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      const label = `#${index} ${route.method} ${route.url} ${JSON.stringify(m).slice(0, 120)}`;
      if (res.statusCode >= 500) failures.push(`${label}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      if (res.statusCode >= 400) {
        const parsed = (() => {
          try {
            return res.json() as { error?: { code?: unknown; message?: unknown; details?: unknown } };
          } catch {
            return null;
          }
        })();
        const error = parsed?.error;
        const shaped = error && typeof error.code === 'string' && typeof error.message === 'string' && error.message.length > 0 && (error.details === undefined || (Array.isArray(error.details) && error.details.every((d: { path?: unknown; message?: unknown }) => typeof d.path === 'string' && typeof d.message === 'string')));
        if (!shaped) failures.push(`${label}: ${res.statusCode} not in the error shape: ${res.body.slice(0, 200)}`);
        if (/\bat \S+ \(|node_modules|\.ts:\d+/.test(res.body)) failures.push(`${label}: internals in the answer: ${res.body.slice(0, 200)}`);
      }
      if (index % 50 === 0) {
        const health = await t.anonymous().get('/api/health');
        healthChecks++;
        if (health.statusCode !== 200) failures.push(`#${index}: /api/health answered ${health.statusCode}`);
      }
    }
    if (process.env.FUZZ_DEBUG) console.log([...statuses.entries()].sort((a, b) => a[0] - b[0]));
    expect(failures).toEqual([]);
    expect(healthChecks).toBeGreaterThanOrEqual(REQUESTS / 50);
    // The walk reached past the schemas too: not every answer is a 400.
    const total = [...statuses.values()].reduce((a, b) => a + b, 0);
    expect(total).toBe(REQUESTS);
    expect((statuses.get(400) ?? 0) / total).toBeLessThan(0.95);
  });
});
