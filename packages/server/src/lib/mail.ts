/**
 * Outgoing e-mail by SMTP (nodemailer), for the reminder digests. Configured by the environment
 * (SMTP_URL, MAIL_FROM, read in config.ts); with none configured the app has no mailer and
 * e-mail deliveries stay queued.
 */
import { createTransport } from 'nodemailer';
import type { MailConfig } from '../config.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** What came of one message: the server's answer when it took it, else why not. Never throws. */
export interface MailResult {
  ok: boolean;
  detail: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<MailResult>;
}

const DETAIL_MAX = 200;

/** One line of at most 200 characters: what the settings page shows. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, DETAIL_MAX);
}

/**
 * A mailer over SMTP. One connection per message (the digest runs once a day; no pool to keep
 * open or close), with timeouts short enough that a dead server cannot hold the daily run for
 * long. The result's detail is the server's answer ("250 …") or the error's message, one line,
 * never a stack.
 */
export function smtpMailer(config: MailConfig): Mailer {
  const transport = createTransport({ url: config.url, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000, dnsTimeout: 15_000 });
  return {
    async send(message) {
      try {
        const info = await transport.sendMail({ from: config.from, to: message.to, subject: message.subject, text: message.text });
        if (info.rejected.length > 0) return { ok: false, detail: oneLine(info.response || `rejected: ${info.rejected.join(', ')}`) };
        return { ok: true, detail: oneLine(info.response) };
      } catch (error) {
        const e = error as { response?: unknown; message?: unknown };
        const text = typeof e.response === 'string' && e.response ? e.response : typeof e.message === 'string' ? e.message : 'error';
        return { ok: false, detail: oneLine(text) };
      }
    },
  };
}
