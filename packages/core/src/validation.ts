/** How core's schemas validate where they run. */
import { config } from 'zod';

/**
 * Validate without compiling code (no `new Function`), and without probing whether that is
 * allowed: a page whose Content-Security-Policy forbids eval reports even a caught probe as a
 * violation. Call once at start in the browser; the server keeps the faster compiled path.
 */
export function validateWithoutEval(): void {
  config({ jitless: true });
}
