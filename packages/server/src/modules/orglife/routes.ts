/** Organisational life: the module's routes, one file per resource. */
import type { FastifyInstance } from 'fastify';
import type { Mailer } from '../../lib/mail.js';
import { NO_ALLOW_LIST, type WebhookOptions } from '../../lib/webhook.js';
import { type Poster, webhookPoster } from './reminders.js';
import { attachmentRoutes } from './routes-attachments.js';
import { complianceRoutes } from './routes-compliance.js';
import { planRoutes } from './routes-plan.js';
import { recordRoutes } from './routes-records.js';
import { reminderRoutes } from './routes-reminders.js';
import { settingsRoutes } from './routes-settings.js';
import { votingExclusionRoutes } from './routes-voting-exclusions.js';

export interface OrglifeRouteOptions {
  /** How webhooks are posted (tests may pass their own); by default lib/webhook with `webhooks`. */
  poster?: Poster;
  /** Where group-robot webhooks may go (WEBHOOK_ALLOW_HOSTS); public https addresses only by default. */
  webhooks?: WebhookOptions;
  /** How reminder e-mails are sent (SMTP_URL); none: they stay queued. */
  mailer?: Mailer | null;
}

export async function orglifeRoutes(app: FastifyInstance, options: OrglifeRouteOptions = {}) {
  const webhooks = options.webhooks ?? { allow: NO_ALLOW_LIST };
  recordRoutes(app);
  attachmentRoutes(app);
  votingExclusionRoutes(app);
  complianceRoutes(app);
  planRoutes(app);
  settingsRoutes(app);
  reminderRoutes(app, { webhooks, poster: options.poster ?? webhookPoster(webhooks), mailer: options.mailer ?? null });
}
