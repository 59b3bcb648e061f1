/**
 * Contact points (联系点) and co-building agreements (结对共建).
 *
 * Contact points: the members of the 党委's leadership keep grass-roots contact points — each
 * leader is linked to one or more branches for a period, visits them (调研, 走访) and follows up
 * what the visit found (整改/督办事项) with an owner and a due date (公立医院党建意见 2018:
 * 班子成员建立党建工作联系点; seed-systems.md 002 "资源配置在一线": 落实基层党建工作联系点制度,
 * 推动各级党组织班子成员定期深入联系支部, 常态化调研指导工作). No number of visits is prescribed
 * by the regulations, so none is required here (rules.md, burden reduction); only the follow-ups
 * have due dates, and they reach their owner through the daily digest.
 *
 * Co-building (seed 001 "支部结对共建", 师生党支部结对共建; seed 002 co-building agreements with
 * outside branches): an org of the unit pairs with another org of the unit or with an outside
 * one (a community's 党委, a medical school's student branch); the agreement has a kind (the
 * unit's list: 院内结对, 院外共建, 师生结对…), a signing date, a term that renewals extend, and
 * joint activities. A joint activity of an internal pairing is recorded once and counts for both
 * sides.
 */
import { z } from 'zod';
import { nameListSchema } from './nameList.js';
import { compareDates, daysBetween } from './calendar.js';

/** Agreement kinds offered by default (editable per unit: settings section 'contacts'). */
export const DEFAULT_AGREEMENT_KINDS = ['院内结对', '院外共建', '师生结对'] as const;

/** Visit purposes offered by default (editable per unit). */
export const DEFAULT_VISIT_PURPOSES = ['调研指导', '走访党员群众', '参加组织生活', '讲授党课', '督导整改'] as const;

/** A follow-up is due this many days after the visit unless the recorder names another day (product default; the unit may change it). */
export const DEFAULT_FOLLOW_UP_DAYS = 30;
export const FOLLOW_UP_DAYS_RANGE = { min: 1, max: 365 } as const;

/** Days before its due date an open follow-up counts as due soon and enters the reminder digest (as decision tasks). */
export const FOLLOW_UP_DUE_SOON_DAYS = 7;

/** Days before its term ends an agreement shows as expiring (time to renew it or let it end). */
export const AGREEMENT_EXPIRING_DAYS = 60;

export const CONTACTS_LIST_MAX = 20;

const list = (itemMax: number) => nameListSchema(CONTACTS_LIST_MAX, { itemMax });

/** The unit's settings (section 'contacts'). */
export const contactsSettingsSchema = z.strictObject({
  agreementKinds: list(20),
  visitPurposes: list(20),
  followUpDays: z.number().int().min(FOLLOW_UP_DAYS_RANGE.min).max(FOLLOW_UP_DAYS_RANGE.max),
});
export type ContactsSettings = z.infer<typeof contactsSettingsSchema>;

export const DEFAULT_CONTACTS_SETTINGS: ContactsSettings = {
  agreementKinds: [...DEFAULT_AGREEMENT_KINDS],
  visitPurposes: [...DEFAULT_VISIT_PURPOSES],
  followUpDays: DEFAULT_FOLLOW_UP_DAYS,
};

// ---------------------------------------------------------------------------------------
// Contact points

/** True when a link's period (from, open-ended when `to` is null) holds the day. */
export function periodHolds(fromOn: string, toOn: string | null, day: string): boolean {
  return compareDates(fromOn, day) <= 0 && (toOn === null || compareDates(day, toOn) <= 0);
}

/** True when two periods share a day (null: open-ended). */
export function periodsOverlap(a: { fromOn: string; toOn: string | null }, b: { fromOn: string; toOn: string | null }): boolean {
  const aEndsBeforeB = a.toOn !== null && compareDates(a.toOn, b.fromOn) < 0;
  const bEndsBeforeA = b.toOn !== null && compareDates(b.toOn, a.fromOn) < 0;
  return !aEndsBeforeB && !bEndsBeforeA;
}

// ---------------------------------------------------------------------------------------
// Follow-ups (整改/督办事项)

export const FOLLOW_UP_STATES = ['open', 'due_soon', 'overdue', 'done'] as const;
export type FollowUpState = (typeof FOLLOW_UP_STATES)[number];

/** A follow-up's state on a day: done, overdue (past its due date), due within 7 days, or open. */
export function followUpState(dueOn: string, doneOn: string | null, today: string): FollowUpState {
  if (doneOn !== null) return 'done';
  if (compareDates(today, dueOn) > 0) return 'overdue';
  if (daysBetween(today, dueOn) <= FOLLOW_UP_DUE_SOON_DAYS) return 'due_soon';
  return 'open';
}

// ---------------------------------------------------------------------------------------
// Co-building agreements (结对共建)

export const AGREEMENT_STATES = ['active', 'expiring', 'ended'] as const;
export type AgreementState = (typeof AGREEMENT_STATES)[number];

/** An agreement's state on a day: its term ended, ends within 60 days, or runs. */
export function agreementState(endsOn: string, today: string): AgreementState {
  if (compareDates(today, endsOn) > 0) return 'ended';
  if (daysBetween(today, endsOn) <= AGREEMENT_EXPIRING_DAYS) return 'expiring';
  return 'active';
}

/**
 * Joint activities per org: each activity counts once for the org that recorded the agreement
 * and once for its partner when the partner is an org of the unit — one record, both sides.
 */
export function activityCountsByOrg(activities: ReadonlyArray<{ orgId: number; partnerOrgId: number | null }>): Map<number, number> {
  const counts = new Map<number, number>();
  for (const a of activities) {
    for (const orgId of a.partnerOrgId === null || a.partnerOrgId === a.orgId ? [a.orgId] : [a.orgId, a.partnerOrgId]) counts.set(orgId, (counts.get(orgId) ?? 0) + 1);
  }
  return counts;
}
