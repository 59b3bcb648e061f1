/**
 * Venues (活动阵地) of party branches and the 六有 standard (rules.md "六有", common usage:
 * 有场所, 有设施, 有标志, 有党旗, 有书报, 有制度; seed-systems.md 002 "资源配置在一线": venues
 * meeting the 六有 standard). The list is the unit's to edit (settings section 'venues'); a venue
 * records, per item, whether it is met and a note. A venue belongs to one org and may be shared by
 * other branches. Photos are optional, never a condition (rules.md, burden reduction).
 */
import { z } from 'zod';
import { nameListSchema } from './nameList.js';

/** The 六有 items offered by default (verify the local list; editable per unit). */
export const DEFAULT_VENUE_STANDARD = ['有场所', '有设施', '有标志', '有党旗', '有书报', '有制度'] as const;

export const VENUE_STANDARD_MAX = 20;

/** The unit's standard (settings section 'venues'): 1–20 distinct items. */
export const venuesSettingsSchema = z.strictObject({
  standard: nameListSchema(VENUE_STANDARD_MAX, { itemMax: 20 }),
});
export type VenuesSettings = z.infer<typeof venuesSettingsSchema>;

export const DEFAULT_VENUES_SETTINGS: VenuesSettings = { standard: [...DEFAULT_VENUE_STANDARD] };

export interface VenueCheck {
  item: string;
  met: boolean;
  note: string;
}

/**
 * The standard's items a venue does not meet: each item of the unit's list that is missing from
 * its checklist or recorded as not met, in the list's order.
 */
export function venueGaps(standard: readonly string[], checklist: readonly VenueCheck[]): string[] {
  const met = new Set(checklist.filter((c) => c.met).map((c) => c.item));
  return standard.filter((item) => !met.has(item));
}
