import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * Security headers on every answer (@fastify/helmet): a Content-Security-Policy that fits the
 * built web app, nosniff, no framing, no referrer.
 *
 * - Scripts only from the app itself: the Vite build has no inline script.
 * - Styles from the app and inline: antd 6 writes its CSS-in-JS as <style> elements at run time
 *   (and ECharts and the Swagger UI at /api/docs set style attributes), so style-src needs
 *   'unsafe-inline'. Inline styles cannot run code; scripts stay locked down.
 * - Images and fonts from the app, data: (the favicon, antd's icons) and blob: (previews).
 * - The API is same-origin (connect-src 'self'); nothing may frame the app (frame-ancestors
 *   'none' and X-Frame-Options DENY), no plugins, no <base> or form posts elsewhere.
 * - No upgrade-insecure-requests and no HSTS unless served over HTTPS (COOKIE_SECURE=1): a
 *   hospital intranet often serves plain http on an internal address, and upgrading its
 *   requests would break the app there.
 * Downloads of uploaded files add their own stricter policy (lib/uploads.ts sendUpload).
 */
export async function registerSecurityHeaders(app: FastifyInstance, options: { https: boolean }): Promise<void> {
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(options.https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: options.https ? { maxAge: 31_536_000, includeSubDomains: false } : false,
    // Same-origin app: resources need not be shared with other origins.
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
}
