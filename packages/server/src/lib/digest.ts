/**
 * Notification sources: how a module contributes items to the daily reminder digest
 * (modules/orglife/reminders.ts sends it; core digest.ts types the items). A module that has
 * something people should be reminded of writes a `digest.ts` exporting one DigestSource and adds
 * it to the list in jobs/digestSources.ts. The digest machinery then decides who receives each
 * item (its org, and the person it names when the source says so: `addressee`), keeps the
 * burden-reduction rule (at most one digest per org, and per person, a day; muted people skipped)
 * and renders every kind the same way in-app, to robots and by e-mail.
 */
import type { DigestItem, DigestItemType, Language } from '@hongyi/core';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

/**
 * Who receives an item (each org's path lists its ancestors):
 * - 'subtree': the org the item is about and every org above it. Branches always get theirs;
 *   general branches and committees only when they have a channel (their pages — matrix, orgs,
 *   lists — serve them in-app, and the 党委's in-app digest would otherwise list a whole hospital).
 * - 'committee': the 党委 at the root of the item's path, always (the organisation office's own
 *   work, e.g. a 回执 it must chase), and nobody below it.
 * - 'both': the two together (e.g. 换届: the branch prepares the election, the 党委 approves it).
 */
export type DigestRouting = 'subtree' | 'committee' | 'both';

export interface DigestSource<T extends DigestItem = DigestItem> {
  /** The item type this source contributes (core DigestItem['type']). */
  type: T['type'];
  routing: DigestRouting;
  /**
   * Today's items of the unit: only those about to be missed or just missed (core DIGEST_RULES).
   * Each names the org it is about (orgId), which decides who receives it.
   */
  itemsFor(db: Kysely<DB>, tenantId: number, today: string): Promise<T[]>;
  /**
   * The lines of these items in a receiver's robot message or e-mail ("- " is added), in the
   * language asked. Items about one person may be summed up rather than listed: a group robot is
   * read by the whole branch.
   */
  lines(items: readonly T[], receiverOrgName: string, language: Language): string[];
  /** "组织生活" / "Organisational life": names the digest when all its items are of this kind. */
  title: Record<Language, string>;
  /**
   * The account an item also reaches in person, besides its org (a task's owner), or null. Each
   * person gets at most one digest a day with their own items, shown in-app on their own pages;
   * nobody who muted reminders gets one.
   */
  addressee?(item: T): number | null;
}

/** Looks up the source of an item type in a list of sources. */
export function sourceOf(sources: readonly DigestSource<any>[], type: DigestItemType): DigestSource<any> | undefined {
  return sources.find((s) => s.type === type);
}

/** Items grouped by the org they are about, in the order the orgs first appear. */
export function byOrg<T extends { orgId: number; orgName: string }>(items: readonly T[]): Array<{ orgId: number; orgName: string; items: T[] }> {
  const groups = new Map<number, { orgId: number; orgName: string; items: T[] }>();
  for (const item of items) {
    const group = groups.get(item.orgId);
    if (group) group.items.push(item);
    else groups.set(item.orgId, { orgId: item.orgId, orgName: item.orgName, items: [item] });
  }
  return [...groups.values()];
}
