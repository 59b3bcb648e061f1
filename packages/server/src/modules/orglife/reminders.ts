/**
 * Rule-driven reminders (rules.md, burden reduction): a digest only when an item is about to be
 * missed or was just missed, at most one per org and day (unique key on orglife_digests), sent
 * in-app and to the org's 企业微信 / 钉钉 group robots or e-mail; people can mute them.
 */
import { type ComplianceCell, addDays, compareDates } from '@hongyi/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { kindLabel } from './schemas.js';
import { complianceFor } from './service.js';

export interface DigestItem {
  orgId: number;
  orgName: string;
  rule: ComplianceCell['rule'];
  period: string;
  state: 'due_soon' | 'missed';
  dueOn: string;
}

export interface ReminderRun {
  digests: number;
  deliveries: { channelId: number; kind: string; status: string; detail: string }[];
}

/** Detail of an e-mail delivery that waits because no mail server is configured. */
export const NO_MAIL_SERVER = 'NO_MAIL_SERVER';

/** Items missed in the last 30 days are reported once more in the digests of those days; older ones are in the matrix. */
const RECENTLY_MISSED_DAYS = 30;

export type Poster = (url: string, body: unknown) => Promise<{ ok: boolean; status: number }>;

export const defaultPoster: Poster = async (url, body) => {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(5000) });
  return { ok: response.ok, status: response.status };
};

function digestText(orgName: string, items: DigestItem[]): string {
  const lines = items.map((i) => `- ${i.orgName === orgName ? '' : `${i.orgName}：`}${kindLabel(i.rule, true)}（${i.period}）${i.state === 'missed' ? '已逾期未开展' : `将于 ${i.dueOn} 到期`}`);
  return [`**${orgName} 组织生活提醒**`, ...lines, '（按规则自动生成，每日至多一次，可在系统中关闭提醒）'].join('\n');
}

/**
 * Computes today's digests for a tenant and delivers them. A second run on the same day finds
 * the digests already there and sends nothing (at most daily).
 */
export async function runReminders(db: Kysely<DB>, tenantId: number, today: string, post: Poster = defaultPoster): Promise<ReminderRun> {
  const year = Number(today.slice(0, 4));
  const { orgs, cells } = await complianceFor(db, tenantId, year, today, null, { kind: 'tenant' });
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const since = addDays(today, -RECENTLY_MISSED_DAYS);
  const items: DigestItem[] = [];
  for (const c of cells) {
    const due = c.state === 'due_soon' || (c.state === 'missed' && compareDates(c.dueOn, since) >= 0);
    if (!due) continue;
    const org = byId.get(c.orgId);
    if (!org) continue;
    items.push({ orgId: c.orgId, orgName: org.name, rule: c.rule, period: c.period, state: c.state as DigestItem['state'], dueOn: c.dueOn });
  }
  // Each branch or committee gets the items of its own subtree (a party group's go to its branch).
  const receivers = orgs.filter((o) => o.type !== 'party_group');
  const channels = await db.selectFrom('orglife_channels').selectAll().where('tenant_id', '=', tenantId).where('active', '=', true).execute();
  const muted = new Set((await db.selectFrom('orglife_mutes').select('user_id').where('tenant_id', '=', tenantId).execute()).map((m) => m.user_id));
  const run: ReminderRun = { digests: 0, deliveries: [] };
  for (const org of receivers) {
    const own = items.filter((i) => byId.get(i.orgId)?.path.startsWith(org.path));
    if (own.length === 0) continue;
    // Committees and general branches only get a digest when they have a channel: the matrix serves them in-app.
    const orgChannels = channels.filter((c) => c.org_id === org.id);
    if (!['branch', 'joint_branch', 'temporary_branch'].includes(org.type) && orgChannels.length === 0) continue;
    const inserted = await db
      .insertInto('orglife_digests')
      .values({ tenant_id: tenantId, org_id: org.id, day: today, items: JSON.stringify(own) })
      .onConflict((oc) => oc.columns(['tenant_id', 'org_id', 'day']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) continue;
    run.digests++;
    const text = digestText(org.name, own);
    for (const ch of orgChannels) {
      let status: 'sent' | 'failed' | 'queued' | 'skipped_muted';
      let detail = '';
      if (ch.user_id !== null && muted.has(ch.user_id)) {
        status = 'skipped_muted';
      } else if (ch.kind === 'email') {
        // This installation sends no mail itself (no SMTP client): the digest stays queued and the
        // settings page shows it as "not sent: no mail server configured"; the in-app digest and
        // the group-robot webhooks carry the reminder.
        status = 'queued';
        detail = NO_MAIL_SERVER;
      } else {
        const body =
          ch.kind === 'wecom'
            ? { msgtype: 'markdown', markdown: { content: text } }
            : { msgtype: 'markdown', markdown: { title: `${org.name} 组织生活提醒`, text } };
        try {
          const res = await post(ch.target, body);
          status = res.ok ? 'sent' : 'failed';
          detail = `HTTP ${res.status}`;
        } catch (error) {
          status = 'failed';
          detail = error instanceof Error ? error.message.slice(0, 200) : 'error';
        }
      }
      await db.insertInto('orglife_deliveries').values({ tenant_id: tenantId, digest_id: inserted.id, channel_id: ch.id, status, detail }).execute();
      run.deliveries.push({ channelId: ch.id, kind: ch.kind, status, detail });
    }
  }
  return run;
}
