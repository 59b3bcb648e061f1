import { config } from 'zod';

/**
 * In the browser the app runs under a Content-Security-Policy without eval (server
 * plugins/security.ts). zod would probe for eval with Function('') when the first object schema
 * is built, and the browser reports each probe as a CSP violation: there, zod validates without
 * its compiled fast path from the start. The server keeps the fast path. Evaluated before any
 * schema of core (the first import of index.ts).
 */
if (typeof (globalThis as { document?: unknown }).document !== 'undefined') config({ jitless: true });
