import type { FastifyInstance } from 'fastify';
import { AppError, languageOf } from './errors.js';
import { translate } from './i18n.js';

declare global {
  interface String {
    /** ES2024 (Node 20): false when the string holds a lone surrogate. */
    isWellFormed(): boolean;
  }
}

export interface BadText {
  path: string;
  problem: 'TEXT_NUL' | 'TEXT_LONE_SURROGATE';
}

function problemOf(text: string): BadText['problem'] | null {
  if (text.includes('\u0000')) return 'TEXT_NUL';
  if (!text.isWellFormed()) return 'TEXT_LONE_SURROGATE';
  return null;
}

/**
 * The first string (value or key) that PostgreSQL cannot store: a NUL character (text columns
 * refuse it) or a lone UTF-16 surrogate (jsonb, which the audit log uses, refuses it), with its
 * path ('body.rows[3].name'). Walks without recursion: a deeply nested body cannot overflow the stack.
 */
export function findBadText(root: unknown, rootPath: string): BadText | null {
  const stack: Array<[unknown, string]> = [[root, rootPath]];
  while (stack.length > 0) {
    const [node, path] = stack.pop() as [unknown, string];
    if (typeof node === 'string') {
      const problem = problemOf(node);
      if (problem) return { path, problem };
    } else if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push([node[i], `${path}[${i}]`]);
    } else if (node && typeof node === 'object') {
      const entries = Object.entries(node);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, value] = entries[i] as [string, unknown];
        const problem = problemOf(key);
        const keyPath = `${path}.${problem ? JSON.stringify(key) : key}`;
        if (problem) return { path: keyPath, problem };
        stack.push([value, keyPath]);
      }
    }
  }
  return null;
}

/**
 * Refuses, on every route, input text that the database would refuse with a 500: a 400 naming
 * the field, before validation (so a NUL byte in a login name never reaches a query).
 */
export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const bad = findBadText(request.params, 'params') ?? findBadText(request.query, 'query') ?? findBadText(request.body, 'body');
    if (!bad) return;
    const language = languageOf(request);
    const message = translate(bad.problem, language, { field: bad.path });
    throw new AppError(400, bad.problem, { field: bad.path }, [{ path: bad.path, message }]);
  });
}
