/**
 * Reminder channels, the delivery log, today's run, and a person's in-app digests and mute
 * switch. What a digest holds and who gets it: reminders.ts and the notification sources.
 */
import { type ComplianceState, type DigestItem, type Language } from '@hongyi/core';
import type { Ctx } from '../../lib/context.js';
import type { Mailer } from '../../lib/mail.js';
import { type WebhookOptions, assertWebhookTarget } from '../../lib/webhook.js';
import { writeAudit } from '../../plugins/audit.js';
import { AppError, notFound } from '../../plugins/errors.js';
import { type Poster, RECENT_DIGEST_DAYS, runReminders, typedItems } from './reminders.js';
import { type ChannelKind, type DeliveryStatus, channelById, channelsOfOrg, deleteChannel, deliveryPage, insertChannel, isMuted, recentDigests, recentPersonDigests, setMuted } from './repository-reminders.js';
import { STATE_NAMES, kindLabel } from './schemas.js';
import { orgInScope } from './service.js';

const presentChannel = (c: { id: number; org_id: number; kind: ChannelKind; target: string; active: boolean }) => ({ id: c.id, orgId: c.org_id, kind: c.kind, target: c.target, active: c.active });

export async function channelsOf(ctx: Ctx, orgId: number) {
  const org = await orgInScope(ctx.db, ctx.tenantId, orgId, ctx.scope('orglife.read'));
  return (await channelsOfOrg(ctx.db, ctx.tenantId, org.id)).map(presentChannel);
}

/** Adds a robot webhook (a public https address or an allowed gateway, checked now and at each delivery) or an e-mail address. */
export async function addChannel(ctx: Ctx, orgId: number, body: { kind: ChannelKind; target: string }, webhooks: WebhookOptions) {
  const org = await orgInScope(ctx.db, ctx.tenantId, orgId, ctx.scope('orglife.write'));
  if (body.kind !== 'email') await assertWebhookTarget(body.target, webhooks.allow, ctx.language);
  const created = await ctx.db.transaction().execute(async (trx) => {
    const row = await insertChannel(trx, ctx.tenantId, { org_id: org.id, kind: body.kind, target: body.target, user_id: body.kind === 'email' ? ctx.userId : null });
    await writeAudit(trx, ctx.auditor, { action: 'create', entityType: 'orglife_channel', entityId: row.id, summary: `添加${org.name}提醒渠道`, after: { kind: row.kind } });
    return row;
  });
  return presentChannel(created);
}

export async function removeChannel(ctx: Ctx, id: number): Promise<void> {
  const ch = await channelById(ctx.db, ctx.tenantId, id);
  if (!ch) throw notFound('ORGLIFE_CHANNEL_NOT_FOUND', id);
  await orgInScope(ctx.db, ctx.tenantId, ch.org_id, ctx.scope('orglife.write'));
  await ctx.db.transaction().execute(async (trx) => {
    await deleteChannel(trx, ctx.tenantId, ch.id);
    await writeAudit(trx, ctx.auditor, { action: 'delete', entityType: 'orglife_channel', entityId: ch.id, summary: '删除提醒渠道', before: { kind: ch.kind, orgId: ch.org_id } });
  });
}

export async function deliveries(ctx: Ctx, q: { page: number; pageSize: number; orgId?: number; status?: DeliveryStatus }, mailConfigured: boolean) {
  const { rows, total } = await deliveryPage(ctx.db, ctx.tenantId, ctx.scope('orglife.read'), q, q.pageSize, (q.page - 1) * q.pageSize);
  return {
    items: rows.map((x) => ({
      key: `${x.digest_id}-${x.channel_id}`,
      id: x.digest_id,
      day: x.day,
      items: Number(x.n),
      channelId: x.channel_id,
      kind: x.kind,
      target: x.target,
      orgId: x.org_id,
      orgName: x.name,
      status: x.status,
      detail: x.detail,
      at: new Date(x.at).toISOString(),
    })),
    total,
    mailConfigured,
  };
}

/** Today's digests of the whole unit (the organisation office, or the scheduler). */
export async function runToday(ctx: Ctx, poster: Poster, mailer: Mailer | null) {
  if (ctx.scope('orglife.write').kind !== 'tenant') throw new AppError(403, 'FORBIDDEN');
  return runReminders(ctx.db, ctx.tenantId, ctx.today, poster, mailer);
}

/** The roles that read digests: those who keep or oversee organisational life. */
const DIGEST_READERS: readonly string[] = ['sys_admin', 'org_office', 'branch_secretary', 'inspector'];

/** An item as the in-app view shows it: a meeting item carries its rule's and state's names. */
function presentItem(i: DigestItem, language: Language) {
  if (i.type !== 'orglife') return i;
  const zh = language === 'zh-CN';
  const state = STATE_NAMES[i.state as ComplianceState];
  return { ...i, ruleName: kindLabel(i.rule, zh), stateName: zh ? state.zh : state.en };
}

/** The caller's in-app digests (orgs within their scope, recent days), newest first; none when muted. */
/**
 * The caller's in-app digests: their orgs' (for the roles that read them) and their own (a task's
 * owner, whatever their role); nothing when they muted reminders.
 */
export async function notifications(ctx: Ctx) {
  const muted = await isMuted(ctx.db, ctx.tenantId, ctx.userId);
  if (muted) return { muted, items: [], own: [] };
  const own = (await recentPersonDigests(ctx.db, ctx.tenantId, ctx.userId, ctx.today, RECENT_DIGEST_DAYS)).map((d) => ({ id: d.id, day: d.day, items: typedItems(d.items).map((i) => presentItem(i, ctx.language)) }));
  if (!ctx.grants.some((g) => DIGEST_READERS.includes(g.role))) return { muted, items: [], own };
  const rows = await recentDigests(ctx.db, ctx.tenantId, ctx.scope('orglife.read'), ctx.today, RECENT_DIGEST_DAYS);
  return {
    muted,
    items: rows.map((d) => ({ id: d.id, orgId: d.org_id, orgName: d.name, day: d.day, items: typedItems(d.items).map((i) => presentItem(i, ctx.language)) })),
    own,
  };
}

export async function mute(ctx: Ctx, muted: boolean) {
  await ctx.db.transaction().execute(async (trx) => {
    await setMuted(trx, ctx.tenantId, ctx.userId, muted);
    await writeAudit(trx, ctx.auditor, { action: muted ? 'mute' : 'unmute', entityType: 'orglife_reminders', entityId: ctx.userId, summary: muted ? '关闭组织生活提醒' : '开启组织生活提醒' });
  });
  return { muted };
}
