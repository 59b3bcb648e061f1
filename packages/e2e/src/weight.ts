/**
 * What a page costs in the browser: the bytes its scripts take on the wire (as the server sends
 * them: brotli or gzip made at build; a script sent uncompressed counts whole) and how long until
 * it is ready to use. The weight journey asserts the first page's script
 * budget with these; `npm run bench` (suite web) reports them for the main pages.
 */
import type { BrowserContext, Page } from 'playwright-core';

/** Records every script the page loads and the bytes of its body on the wire (encoded as sent). */
export function scriptLog(page: Page): Map<string, number> {
  const sizes = new Map<string, number>();
  page.on('response', async (response) => {
    if (response.request().resourceType() !== 'script' || !response.ok()) return;
    await response.finished();
    const wire = await response.request().sizes().catch(() => null);
    if (wire) sizes.set(new URL(response.url()).pathname, wire.responseBodySize);
  });
  return sizes;
}

export const totalBytes = (sizes: Map<string, number>) => [...sizes.values()].reduce((sum, size) => sum + size, 0);
export const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;
export const listed = (sizes: Map<string, number>) => Object.fromEntries([...sizes].sort((a, b) => b[1] - a[1]).map(([path, size]) => [path.replace(/^\/assets\//, ''), kb(size)]));

export interface PageLoad {
  /** Milliseconds from the start of the navigation until the page was ready to use. */
  readyMs: number;
  /** The scripts loaded, bytes on the wire. */
  scriptBytes: number;
}

/**
 * Opens a page in a fresh tab of the context (its own memory cache empty) and measures until it is
 * ready to use: `ready` shows, no request is pending, and no spinner or loading card is left. The
 * time is the page's own clock from the navigation's start (performance.now()), so the tool's
 * overhead after the page is ready does not count.
 */
export async function measureLoad(context: BrowserContext, url: string, ready: string): Promise<PageLoad> {
  const page = await context.newPage();
  try {
    const scripts = scriptLog(page);
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    await page.locator(ready).first().waitFor({ timeout: 60_000 });
    await page.waitForLoadState('networkidle');
    await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached', timeout: 60_000 });
    await page.locator('.ant-card-loading').first().waitFor({ state: 'detached', timeout: 60_000 });
    // The moment the last request of the page ended (networkidle waits 500 ms more before it says so).
    const readyMs = await page.evaluate(() => {
      const entries = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
      const lastResponse = entries.reduce((latest, e) => Math.max(latest, e.responseEnd), 0);
      const painted = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0;
      return Math.max(lastResponse, painted);
    });
    return { readyMs, scriptBytes: totalBytes(scripts) };
  } finally {
    await page.close();
  }
}
