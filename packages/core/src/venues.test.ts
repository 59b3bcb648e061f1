import { describe, expect, it } from 'vitest';
import { DEFAULT_VENUE_STANDARD, venueGaps, venuesSettingsSchema } from './venues.js';

describe('venues (六有)', () => {
  it('lists the standard items a venue misses, in the list order: unchecked, not met, or absent', () => {
    const checklist = [
      { item: '有制度', met: true, note: '' },
      { item: '有书报', met: false, note: '书架待配' },
      { item: '有场所', met: true, note: '' },
      { item: '有电视', met: true, note: '' },
    ];
    expect(venueGaps(DEFAULT_VENUE_STANDARD, checklist)).toEqual(['有设施', '有标志', '有党旗', '有书报']);
    expect(venueGaps(['有场所'], checklist)).toEqual([]);
  });

  it('takes 1–20 distinct items', () => {
    expect(venuesSettingsSchema.safeParse({ standard: [...DEFAULT_VENUE_STANDARD] }).success).toBe(true);
    expect(venuesSettingsSchema.safeParse({ standard: [] }).success).toBe(false);
    expect(venuesSettingsSchema.safeParse({ standard: ['有场所', '有场所'] }).success).toBe(false);
    expect(venuesSettingsSchema.safeParse({ standard: Array.from({ length: 21 }, (_, i) => `第${i}项`) }).success).toBe(false);
  });
});
