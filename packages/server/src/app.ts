import { existsSync, readFileSync } from 'node:fs';
import { constants as zlib } from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { chinaDate } from '@hongyi/core';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { TrustProxy } from './config.js';
import type { Database } from './db/database.js';
import type { Mailer } from './lib/mail.js';
import { registerPagingLimit } from './lib/paging.js';
import type { WebhookOptions } from './lib/webhook.js';
import { auditRoutes } from './modules/audit/routes-audit.js';
import { authRoutes } from './modules/auth/routes-session.js';
import { dashboardRoutes } from './modules/dashboard/routes-summary.js';
import { dashboardOverviewRoutes } from './modules/dashboard/routes-overview.js';
import { developmentRoutes } from './modules/development/routes.js';
import { duesRoutes } from './modules/dues/routes.js';
import { backupRoutes } from './modules/backup/routes-backup.js';
import { healthRoutes } from './modules/health/routes-health.js';
import { memberRoutes } from './modules/members/routes.js';
import { orglifeRoutes } from './modules/orglife/routes.js';
import { orgRoutes } from './modules/orgs/routes.js';
import { setupRoutes } from './modules/setup/routes-setup.js';
import { honourRoutes } from './modules/honours/routes-honours.js';
import { programmeRoutes } from './modules/honours/routes-programmes.js';
import { strengthsRoutes } from './modules/strengths/routes.js';
import { decisionMeetingRoutes } from './modules/decisions/routes-meetings.js';
import { decisionTaskRoutes } from './modules/decisions/routes-tasks.js';
import { decisionTopicRoutes } from './modules/decisions/routes-topics.js';
import { serviceEventRoutes } from './modules/service/routes-events.js';
import { serviceSeriesRoutes } from './modules/service/routes-series.js';
import { serviceTotalsRoutes } from './modules/service/routes-totals.js';
import { transferRoutes } from './modules/transfers/routes.js';
import { userRoutes } from './modules/users/routes-users.js';
import { projectRoutes } from './modules/projects/routes-projects.js';
import { projectTaskRoutes } from './modules/projects/routes-tasks.js';
import { brandRoutes } from './modules/brands/routes-brands.js';
import { brandPartRoutes } from './modules/brands/routes-parts.js';
import { venueRoutes } from './modules/venues/routes-venues.js';
import { commissionRoutes } from './modules/commission/routes-commission.js';
import { unitSummaryRoutes } from './modules/commission/routes-summary.js';
import { commissionAdminRoutes } from './modules/commission/routes-admin.js';
import { reportRoutes } from './modules/reports/routes-reports.js';
import { statisticsRoutes } from './modules/statistics/routes-statistics.js';
import { assessmentRoutes } from './modules/assessment/routes.js';
import { figureRoutes } from './modules/figures/routes-figures.js';
import { worksystemRoutes } from './modules/worksystems/routes.js';
import { learningRoutes } from './modules/learning/routes-learning.js';
import { trainingRoutes } from './modules/training/routes-training.js';
import { contactAgreementRoutes } from './modules/contacts/routes-agreements.js';
import { contactPointRoutes } from './modules/contacts/routes-points.js';
import { contactVisitRoutes } from './modules/contacts/routes-visits.js';
import { fundRoutes } from './modules/funds/routes-funds.js';
import { fundRequestRoutes } from './modules/funds/routes-requests.js';
import { fundExpenseRoutes } from './modules/funds/routes-expenses.js';
import { registerAccess } from './plugins/access.js';
import { registerSessions } from './plugins/auth.js';
import './plugins/context.js';
import { registerErrorHandling } from './plugins/errors.js';
import { registerInputGuard } from './plugins/input.js';
import { registerSecurityHeaders } from './plugins/security.js';

export interface AppOptions {
  database: Database;
  /** Key for session ids; required in production (main.ts supplies one). */
  sessionSecret: string;
  /** Minutes of inactivity after which a session ends. */
  sessionIdleMinutes?: number;
  /** Folder with the built web app; null to serve the API only. */
  webDist?: string | null;
  /** Log level ('info', 'warn', …); omitted or 'silent' → no logging. */
  logLevel?: string;
  secureCookie?: boolean;
  version?: string;
  /**
   * Today's date ('YYYY-MM-DD', China time) as the rules see it. Defaults to the real date;
   * tests pin it to the demo hospital's date so that deadlines in the demo data stay put.
   */
  today?: () => string;
  /** Serves GET /api/internal/backup to `npm run backup` on this machine with this token (main.ts); none: no such route. */
  backupToken?: string;
  /** Sends reminder e-mails (main.ts builds one from SMTP_URL); none: e-mail deliveries stay queued. */
  mailer?: Mailer | null;
  /** Proxies whose X-Forwarded-For is believed (TRUST_PROXY); none by default. */
  trustProxy?: TrustProxy;
  /** Where group-robot webhooks may go (WEBHOOK_ALLOW_HOSTS); public https addresses only by default. */
  webhooks?: WebhookOptions;
}

export const BODY_LIMIT = 1024 * 1024;

function hopsTrusted(hops: number) {
  return (_address: string, hop: number) => hop < hops;
}

export function packageVersion(): string {
  const url = new URL('../../../package.json', import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
}

/** Builds the whole application without listening: main.ts listens, tests use app.inject. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const version = options.version ?? packageVersion();
  const app = Fastify({
    logger: options.logLevel && options.logLevel !== 'silent' ? { level: options.logLevel } : false,
    bodyLimit: BODY_LIMIT,
    // The client address decides the login limit and goes into the audit log: believe a
    // forwarded one only from the proxies the operator named (TRUST_PROXY).
    // (A hop count as Fastify itself compiles it: the nearest n addresses are proxies.)
    trustProxy: typeof options.trustProxy === 'number' ? hopsTrusted(options.trustProxy) : (options.trustProxy ?? false),
    routerOptions: { ignoreTrailingSlash: true },
  });
  app.decorate('db', options.database.db);
  app.decorate('databaseKind', options.database.kind);
  app.decorate('prepared', options.database.prepared);
  app.decorate('today', options.today ?? (() => chinaDate(new Date())));
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  registerInputGuard(app);
  registerPagingLimit(app);
  registerAccess(app);
  await registerSecurityHeaders(app, { https: options.secureCookie ?? false });
  // Answers of 1 KB or more go out compressed to a client that accepts it: brotli at a fast
  // quality (a 20-row list costs well under a millisecond), else gzip. Files already compressed
  // (Excel, Word, the web's .br and .gz made at build) are sent as they are.
  await app.register(fastifyCompress, {
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT, [zlib.BROTLI_PARAM_QUALITY]: 4 } },
    zlibOptions: { level: 6 },
  });
  await app.register(fastifyCookie);
  // Form uploads (lib/multipart.ts): each upload route reads its one file with its own limits.
  await app.register(fastifyMultipart, { limits: { fileSize: BODY_LIMIT, files: 1, fields: 20, parts: 21 }, throwFileSizeLimit: false });
  registerSessions(app, {
    secret: options.sessionSecret,
    idleMinutes: options.sessionIdleMinutes ?? 30,
    secureCookie: options.secureCookie ?? false,
  });

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: '红医 Hongyi API',
        description: 'Party-building work platform for hospitals. Errors: { error: { code, message, details } }.',
        version,
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'hongyi_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());

  await app.register(healthRoutes, { version });
  if (options.backupToken) await app.register(backupRoutes, { token: options.backupToken });
  await app.register(setupRoutes);
  await app.register(authRoutes, {
    session: { secret: options.sessionSecret, idleMinutes: options.sessionIdleMinutes ?? 30, secureCookie: options.secureCookie ?? false },
  });
  await app.register(userRoutes);
  await app.register(auditRoutes);
  await app.register(orgRoutes);
  await app.register(memberRoutes);
  await app.register(transferRoutes);
  await app.register(dashboardRoutes);
  await app.register(dashboardOverviewRoutes);
  await app.register(developmentRoutes);
  await app.register(duesRoutes);
  await app.register(orglifeRoutes, { mailer: options.mailer ?? null, webhooks: options.webhooks });
  await app.register(serviceEventRoutes);
  await app.register(serviceSeriesRoutes);
  await app.register(serviceTotalsRoutes);
  await app.register(honourRoutes);
  await app.register(programmeRoutes);
  await app.register(strengthsRoutes);
  await app.register(projectRoutes);
  await app.register(projectTaskRoutes);
  await app.register(brandRoutes);
  await app.register(brandPartRoutes);
  await app.register(venueRoutes);
  await app.register(commissionRoutes);
  await app.register(unitSummaryRoutes);
  await app.register(commissionAdminRoutes);
  await app.register(reportRoutes);
  await app.register(statisticsRoutes);
  await app.register(figureRoutes);
  await app.register(worksystemRoutes);
  await app.register(assessmentRoutes);
  await app.register(learningRoutes);
  await app.register(trainingRoutes);
  await app.register(contactPointRoutes);
  await app.register(contactVisitRoutes);
  await app.register(contactAgreementRoutes);
  await app.register(fundRoutes);
  await app.register(fundRequestRoutes);
  await app.register(fundExpenseRoutes);
  await app.register(decisionTopicRoutes);
  await app.register(decisionMeetingRoutes);
  await app.register(decisionTaskRoutes);

  const webDist = options.webDist;
  if (webDist && existsSync(`${webDist}/index.html`)) {
    // Files are sent by the route below only (serve: false), with its caching (cacheControl: false
    // leaves the header to it); preCompressed: the build's .br / .gz beside each file go to a
    // browser that accepts them.
    await app.register(fastifyStatic, { root: webDist, serve: false, cacheControl: false, preCompressed: true });
    app.get('/*', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
      const path = request.url.split('?')[0] ?? '/';
      if (path.startsWith('/api/')) return reply.callNotFound();
      const file = path.slice(1);
      if (file && !file.includes('..') && existsSync(`${webDist}/${file}`)) {
        // Hashed build assets never change; index.html must always be fresh.
        if (file.startsWith('assets/')) reply.header('cache-control', 'public, max-age=31536000, immutable');
        return reply.sendFile(file);
      }
      reply.header('cache-control', 'no-cache');
      return reply.sendFile('index.html');
    });
  }
  return app;
}
