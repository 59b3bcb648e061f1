/**
 * Rule-driven reminders (rules.md, burden reduction): a digest only when an item is about to be
 * missed or was just missed, at most one per org and day (unique key on orglife_digests), sent
 * in-app and to the org's 企业微信 / 钉钉 group robots or e-mail; people can mute them.
 *
 * Two kinds of item: organisational life (a meeting rule due soon or just missed) and transfer
 * receipts (the 回执 of a letter out not back within a month, formats.md).
 */
import { type DigestItem, type OrglifeDigestItem, type ReceiptDigestItem, addDays, compareDates } from '@hongyi/core';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Mailer, MailMessage, MailResult } from '../../lib/mail.js';
import { NO_ALLOW_LIST, type WebhookOptions, postWebhook } from '../../lib/webhook.js';
import { overdueReceipts } from '../transfers/receipts.js';
import { kindLabel } from './schemas.js';
import { complianceFor } from './service.js';

/** Digests stored before items were typed hold organisational-life items without `type`. */
export function typedItems(stored: unknown): DigestItem[] {
  if (!Array.isArray(stored)) return [];
  return stored.map((i: DigestItem | Omit<OrglifeDigestItem, 'type'>) => ('type' in i ? i : { ...i, type: 'orglife' as const }));
}

export interface ReminderRun {
  digests: number;
  deliveries: { channelId: number; kind: string; status: string; detail: string }[];
}

/** Detail of an e-mail delivery that waits because no mail server is configured. */
export const NO_MAIL_SERVER = 'NO_MAIL_SERVER';
/** Detail of a queued e-mail being sent now (claimed by one run, so no other run sends it too). */
export const SENDING = 'SENDING';
/** Detail of an e-mail whose sending was cut off (the server stopped mid-way); not sent again, to never send twice. */
export const INTERRUPTED = 'INTERRUPTED';
/** Detail of a queued e-mail older than the in-app window when a mail server came: a stale digest is not sent late. */
export const EXPIRED = 'EXPIRED';

/** Digests are shown in-app for this many days, and queued e-mails are still sent this late. */
export const RECENT_DIGEST_DAYS = 14;

/** Items missed in the last 30 days are reported once more in the digests of those days; older ones are in the matrix. */
const RECENTLY_MISSED_DAYS = 30;

const BRANCH_TYPES: readonly string[] = ['branch', 'joint_branch', 'temporary_branch'];

/** Posts a digest to a group robot; `detail` is what the delivery log shows ('HTTP 200' or a lib/webhook code). */
export type Poster = (url: string, body: unknown) => Promise<{ ok: boolean; status: number; detail?: string }>;

/** Posts only to public https addresses, or to the gateways the operator allowed (lib/webhook.ts). */
export const webhookPoster =
  (options: WebhookOptions): Poster =>
  (url, body) =>
    postWebhook(url, body, options);

/** With no allow-list: public https addresses only. */
export const defaultPoster: Poster = webhookPoster({ allow: NO_ALLOW_LIST });

function itemLine(orgName: string, i: DigestItem): string {
  if (i.type === 'transfer_receipt') {
    return `组织关系介绍信回执逾期未收回：${i.memberName}（介绍信 ${i.letterNo}，${i.effectiveOn} 由${i.orgName}转往${i.toOrgName}，回执应于 ${i.dueOn} 前收回）`;
  }
  return `${i.orgName === orgName ? '' : `${i.orgName}：`}${kindLabel(i.rule, true)}（${i.period}）${i.state === 'missed' ? '已逾期未开展' : `将于 ${i.dueOn} 到期`}`;
}

/** "… 组织生活提醒" as before; "… 党建工作提醒" once the digest also carries transfer receipts. */
function digestTitle(orgName: string, items: DigestItem[]): string {
  return `${orgName} ${items.every((i) => i.type === 'orglife') ? '组织生活提醒' : '党建工作提醒'}`;
}

const FOOTER = '（按规则自动生成，每日至多一次，可在系统中关闭提醒）';

/**
 * The 企业微信 group robot refuses markdown over 4096 bytes (UTF-8), and a 党委's digest lists its
 * whole subtree; 钉钉 allows more, but the same bound keeps both readable in a chat.
 */
export const ROBOT_MARKDOWN_MAX_BYTES = 4096;

/** The robot message: as many items as fit, then how many more there are (the in-app digest has them all). */
export function digestMarkdown(orgName: string, items: DigestItem[], maxBytes = ROBOT_MARKDOWN_MAX_BYTES): string {
  const bytes = (text: string) => Buffer.byteLength(text, 'utf8');
  const head = `**${digestTitle(orgName, items)}**`;
  const lines = items.map((i) => `- ${itemLine(orgName, i)}`);
  const all = [head, ...lines, FOOTER].join('\n');
  if (bytes(all) <= maxBytes) return all;
  const more = (n: number) => `- ……另有 ${n} 项，请登录系统查看`;
  const kept: string[] = [];
  let used = bytes(head) + bytes(FOOTER) + bytes(more(items.length)) + 3;
  for (const line of lines) {
    if (used + bytes(line) + 1 > maxBytes) break;
    kept.push(line);
    used += bytes(line) + 1;
  }
  return [head, ...kept, more(lines.length - kept.length), FOOTER].join('\n');
}

/** The e-mail of a digest: plain text, in Chinese, dated (a queued one may go out days later). */
export function digestMail(to: string, orgName: string, day: string, items: DigestItem[]): MailMessage {
  const title = digestTitle(orgName, items);
  const text = [`${title}（${day}）`, '', ...items.map((i) => `- ${itemLine(orgName, i)}`), '', FOOTER, ''].join('\n');
  return { to, subject: `${title}（${day}）`, text };
}

/** A mailer should not throw; if one does, the delivery fails with its message, never a stack. */
async function sendSafely(mailer: Mailer, message: MailMessage): Promise<MailResult> {
  try {
    return await mailer.send(message);
  } catch (error) {
    return { ok: false, detail: (error instanceof Error ? error.message : 'error').replace(/\s+/g, ' ').slice(0, 200) };
  }
}

/**
 * For each org, the items whose org lies in its subtree (itself included), in the items' order.
 * An org's materialised path lists its ancestors' ids ('/1/5/23/'), so each item is filed under
 * every id on its path: linear in items × depth, where filtering the items for every receiver
 * by path prefix was receivers × items (8,000 branches of a large 党委).
 */
export function itemsBySubtree<T extends { orgId: number }>(items: readonly T[], pathOf: (orgId: number) => string | undefined): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const item of items) {
    const path = pathOf(item.orgId);
    if (!path) continue;
    for (const segment of path.split('/')) {
      if (!segment) continue;
      const id = Number(segment);
      const list = out.get(id);
      if (list) list.push(item);
      else out.set(id, [item]);
    }
  }
  return out;
}

/**
 * Computes today's digests for a tenant and delivers them. A second run on the same day finds
 * the digests already there and sends nothing (at most daily). With a mailer, e-mails left queued
 * by earlier runs (no mail server then) are sent too, each at most once.
 */
export async function runReminders(db: Kysely<DB>, tenantId: number, today: string, post: Poster = defaultPoster, mailer: Mailer | null = null): Promise<ReminderRun> {
  const year = Number(today.slice(0, 4));
  const { orgs, cells } = await complianceFor(db, tenantId, year, today, null, { kind: 'tenant' });
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const since = addDays(today, -RECENTLY_MISSED_DAYS);
  const items: OrglifeDigestItem[] = [];
  for (const c of cells) {
    const due = c.state === 'due_soon' || (c.state === 'missed' && compareDates(c.dueOn, since) >= 0);
    if (!due) continue;
    const org = byId.get(c.orgId);
    if (!org) continue;
    items.push({ type: 'orglife', orgId: c.orgId, orgName: org.name, rule: c.rule, period: c.period, state: c.state as OrglifeDigestItem['state'], dueOn: c.dueOn });
  }
  // Each branch or committee gets the items of its own subtree (a party group's go to its branch).
  const lifeBySubtree = itemsBySubtree(items, (id) => byId.get(id)?.path);

  // Overdue 回执 go to the 党委 that issued the letter: the root of the former branch's path.
  // The letter is printed in the 党委's name with the organisation office's address, phone and
  // fax, so the 回执 comes back to the organisation office, which files it with the 存根, records
  // it, and chases the receiving organisation when it does not come. That is who an
  // organisation office expects to be reminded: its own in-app digest (even without a channel,
  // unlike meeting items, which the 党委 matrix already shows it) and its own channels. The
  // former branch is not reminded: the member has left it, it can do nothing about another
  // unit's 回执, and its group robot is read by ordinary members (burden reduction: remind only
  // who can act). Its secretary still sees the overdue count on the transfers page.
  const receiptsByIssuer = new Map<number, ReceiptDigestItem[]>();
  for (const r of await overdueReceipts(db, tenantId, today)) {
    const issuer = Number(r.fromOrgPath.split('/')[1]);
    const item: ReceiptDigestItem = {
      type: 'transfer_receipt',
      orgId: r.fromOrgId,
      orgName: r.fromOrgName,
      transferId: r.transferId,
      memberName: r.memberName,
      letterNo: r.letterNo,
      toOrgName: r.toOrgName,
      effectiveOn: r.effectiveOn,
      dueOn: r.dueOn,
    };
    const list = receiptsByIssuer.get(issuer);
    if (list) list.push(item);
    else receiptsByIssuer.set(issuer, [item]);
  }

  const receivers = orgs.filter((o) => o.type !== 'party_group');
  const channels = await db.selectFrom('orglife_channels').selectAll().where('tenant_id', '=', tenantId).where('active', '=', true).orderBy('id').execute();
  const channelsByOrg = new Map<number, typeof channels>();
  for (const ch of channels) {
    const list = channelsByOrg.get(ch.org_id);
    if (list) list.push(ch);
    else channelsByOrg.set(ch.org_id, [ch]);
  }
  const muted = new Set((await db.selectFrom('orglife_mutes').select('user_id').where('tenant_id', '=', tenantId).execute()).map((m) => m.user_id));
  const run: ReminderRun = { digests: 0, deliveries: [] };
  for (const org of receivers) {
    const orgChannels = channelsByOrg.get(org.id) ?? [];
    // Committees and general branches only get meeting items when they have a channel: the matrix serves them in-app.
    const life = BRANCH_TYPES.includes(org.type) || orgChannels.length > 0 ? (lifeBySubtree.get(org.id) ?? []) : [];
    // The 回执 first: few, and the organisation office's own to act on, ahead of its subtree's meeting items.
    const own: DigestItem[] = [...(receiptsByIssuer.get(org.id) ?? []), ...life];
    if (own.length === 0) continue;
    const inserted = await db
      .insertInto('orglife_digests')
      .values({ tenant_id: tenantId, org_id: org.id, day: today, items: JSON.stringify(own) })
      .onConflict((oc) => oc.columns(['tenant_id', 'org_id', 'day']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) continue;
    run.digests++;
    for (const ch of orgChannels) {
      let status: 'sent' | 'failed' | 'queued' | 'skipped_muted';
      let detail = '';
      if (ch.user_id !== null && muted.has(ch.user_id)) {
        status = 'skipped_muted';
      } else if (ch.kind === 'email') {
        if (mailer) {
          const result = await sendSafely(mailer, digestMail(ch.target, org.name, today, own));
          status = result.ok ? 'sent' : 'failed';
          detail = result.detail;
        } else {
          // No mail server configured (SMTP_URL): the digest stays queued, the settings page shows
          // it as "not sent: no mail server configured", and it goes out once one is configured.
          status = 'queued';
          detail = NO_MAIL_SERVER;
        }
      } else {
        const text = digestMarkdown(org.name, own);
        const title = digestTitle(org.name, own);
        const body = ch.kind === 'wecom' ? { msgtype: 'markdown', markdown: { content: text } } : { msgtype: 'markdown', markdown: { title, text } };
        try {
          const res = await post(ch.target, body);
          status = res.ok ? 'sent' : 'failed';
          detail = res.detail ?? `HTTP ${res.status}`;
        } catch {
          // A short code the settings page translates, never the network error's own text.
          status = 'failed';
          detail = 'WEBHOOK_UNREACHABLE';
        }
      }
      await db.insertInto('orglife_deliveries').values({ tenant_id: tenantId, digest_id: inserted.id, channel_id: ch.id, status, detail }).execute();
      run.deliveries.push({ channelId: ch.id, kind: ch.kind, status, detail });
    }
  }
  if (mailer) run.deliveries.push(...(await sendQueuedMail(db, tenantId, today, mailer, muted)));
  return run;
}

/**
 * Sends the e-mails that earlier runs left queued for want of a mail server. Each is claimed
 * first (queued/NO_MAIL_SERVER → queued/SENDING in one conditional update), so two runs at once
 * never both send it; a claim left over by a server that stopped mid-send is marked interrupted
 * after ten minutes rather than sent again. Digests older than the in-app window are not sent
 * late: they are marked expired.
 */
async function sendQueuedMail(db: Kysely<DB>, tenantId: number, today: string, mailer: Mailer, muted: Set<number>): Promise<ReminderRun['deliveries']> {
  await db
    .updateTable('orglife_deliveries')
    .set({ status: 'failed', detail: INTERRUPTED })
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'queued')
    .where('detail', '=', SENDING)
    .where('at', '<', sql<Date>`now() - interval '10 minutes'`)
    .execute();
  const oldest = addDays(today, -RECENT_DIGEST_DAYS);
  const waiting = await db
    .selectFrom('orglife_deliveries as v')
    .innerJoin('orglife_digests as d', (j) => j.onRef('d.tenant_id', '=', 'v.tenant_id').onRef('d.id', '=', 'v.digest_id'))
    .innerJoin('orglife_channels as c', (j) => j.onRef('c.tenant_id', '=', 'v.tenant_id').onRef('c.id', '=', 'v.channel_id'))
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'd.tenant_id').onRef('o.id', '=', 'd.org_id'))
    .select(['v.digest_id', 'v.channel_id', 'd.day', 'd.items', 'o.name', 'c.target', 'c.user_id'])
    .where('v.tenant_id', '=', tenantId)
    .where('v.status', '=', 'queued')
    .where('v.detail', '=', NO_MAIL_SERVER)
    .where('c.kind', '=', 'email')
    .where('c.active', '=', true)
    .orderBy('d.day')
    .orderBy('v.digest_id')
    .orderBy('v.channel_id')
    .execute();
  const out: ReminderRun['deliveries'] = [];
  for (const w of waiting) {
    const expired = compareDates(w.day, oldest) < 0;
    const claimed = await db
      .updateTable('orglife_deliveries')
      .set(expired ? { status: 'failed', detail: EXPIRED, at: sql<Date>`now()` } : { detail: SENDING, at: sql<Date>`now()` })
      .where('tenant_id', '=', tenantId)
      .where('digest_id', '=', w.digest_id)
      .where('channel_id', '=', w.channel_id)
      .where('status', '=', 'queued')
      .where('detail', '=', NO_MAIL_SERVER)
      .returning('digest_id')
      .executeTakeFirst();
    if (!claimed) continue;
    let status: 'sent' | 'failed' | 'skipped_muted';
    let detail: string;
    if (expired) {
      status = 'failed';
      detail = EXPIRED;
    } else if (w.user_id !== null && muted.has(w.user_id)) {
      status = 'skipped_muted';
      detail = '';
    } else {
      const result = await sendSafely(mailer, digestMail(w.target, w.name, w.day, typedItems(w.items)));
      status = result.ok ? 'sent' : 'failed';
      detail = result.detail;
    }
    if (!expired) {
      await db
        .updateTable('orglife_deliveries')
        .set({ status, detail, at: sql<Date>`now()` })
        .where('tenant_id', '=', tenantId)
        .where('digest_id', '=', w.digest_id)
        .where('channel_id', '=', w.channel_id)
        .execute();
    }
    out.push({ channelId: w.channel_id, kind: 'email', status, detail });
  }
  return out;
}
