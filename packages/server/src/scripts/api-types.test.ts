import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_TYPES_FILE, apiTypes } from './api-types.js';

describe('the web’s API types', () => {
  it('are generated from the routes as they are now (run `npm run api:types` after changing a route schema)', async () => {
    const committed = readFileSync(API_TYPES_FILE, 'utf8');
    const current = await apiTypes();
    expect(committed === current, 'packages/web/src/api/schema.d.ts is out of date: run `npm run api:types`').toBe(true);
  });
});
