import { describe, expect, it } from 'vitest';
import { DEFAULT_CONTACTS_SETTINGS, activityCountsByOrg, agreementState, contactsSettingsSchema, followUpState, periodHolds, periodsOverlap } from './contacts.js';

describe('contact points and co-building', () => {
  it('follow-ups: done, overdue past the due date, due soon within 7 days, else open', () => {
    expect(followUpState('2026-11-30', null, '2026-11-23')).toBe('due_soon');
    expect(followUpState('2026-12-01', null, '2026-11-23')).toBe('open');
    expect(followUpState('2026-11-23', null, '2026-11-23')).toBe('due_soon');
    expect(followUpState('2026-11-22', null, '2026-11-23')).toBe('overdue');
    expect(followUpState('2026-11-01', '2026-11-20', '2026-11-23')).toBe('done');
  });

  it('agreements: ended after the term, expiring within 60 days, else active', () => {
    expect(agreementState('2026-11-22', '2026-11-23')).toBe('ended');
    expect(agreementState('2027-01-22', '2026-11-23')).toBe('expiring');
    expect(agreementState('2027-12-31', '2026-11-23')).toBe('active');
  });

  it('periods: open-ended links hold every later day; overlaps share a day', () => {
    expect(periodHolds('2026-01-01', null, '2030-01-01')).toBe(true);
    expect(periodHolds('2026-01-01', '2026-06-30', '2026-07-01')).toBe(false);
    expect(periodsOverlap({ fromOn: '2026-01-01', toOn: '2026-06-30' }, { fromOn: '2026-06-30', toOn: null })).toBe(true);
    expect(periodsOverlap({ fromOn: '2026-01-01', toOn: '2026-06-29' }, { fromOn: '2026-06-30', toOn: null })).toBe(false);
    expect(periodsOverlap({ fromOn: '2026-07-01', toOn: null }, { fromOn: '2026-01-01', toOn: null })).toBe(true);
  });

  it('a joint activity of an internal pairing counts for both sides, an external one for the unit’s side only', () => {
    const counts = activityCountsByOrg([
      { orgId: 1, partnerOrgId: 2 },
      { orgId: 1, partnerOrgId: null },
      { orgId: 3, partnerOrgId: 1 },
    ]);
    expect(Object.fromEntries(counts)).toEqual({ 1: 3, 2: 1, 3: 1 });
  });

  it('settings: distinct kinds and purposes, 1–365 follow-up days', () => {
    expect(contactsSettingsSchema.safeParse(DEFAULT_CONTACTS_SETTINGS).success).toBe(true);
    expect(DEFAULT_CONTACTS_SETTINGS.agreementKinds).toContain('师生结对');
    expect(contactsSettingsSchema.safeParse({ ...DEFAULT_CONTACTS_SETTINGS, agreementKinds: ['院内结对', '院内结对'] }).success).toBe(false);
    expect(contactsSettingsSchema.safeParse({ ...DEFAULT_CONTACTS_SETTINGS, visitPurposes: [] }).success).toBe(false);
    expect(contactsSettingsSchema.safeParse({ ...DEFAULT_CONTACTS_SETTINGS, followUpDays: 0 }).success).toBe(false);
  });
});
