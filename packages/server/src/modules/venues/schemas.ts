/** Request and answer shapes of the venues routes. */
import { VENUE_STANDARD_MAX } from '@hongyi/core';
import { z } from 'zod';
import { id } from '../../lib/fields.js';
import { uploadOut } from '../../lib/uploads.js';
import { dateString } from '../service/schemas.js';

const text = (max: number) => z.string().trim().max(max).default('');

export const venueCheck = z.object({ item: z.string().trim().min(1).max(20), met: z.boolean(), note: text(200) });

export const venueInput = z.object({
  orgId: id(),
  name: z.string().trim().min(1).max(100),
  place: text(200),
  areaM2: z.number().positive().max(9_999_999).nullable().default(null),
  seats: z.number().int().min(1).max(10_000).nullable().default(null),
  note: text(2000),
  checklist: z.array(venueCheck).max(VENUE_STANDARD_MAX * 2).default([]),
  checkedOn: dateString.nullable().default(null),
  sharedWith: z.array(id()).max(50).default([]),
});

export const venueOut = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  name: z.string(),
  place: z.string(),
  areaM2: z.number().nullable(),
  seats: z.number().nullable(),
  note: z.string(),
  checklist: z.array(z.object({ item: z.string(), met: z.boolean(), note: z.string() })),
  checkedOn: z.string().nullable(),
  version: z.number(),
  photos: z.number(),
  sharedWith: z.array(z.object({ orgId: z.number(), orgName: z.string() })),
  /** The unit's standard items the venue does not meet. */
  gaps: z.array(z.string()),
});

export const venueFilter = z.object({
  orgId: z.coerce.number().int().positive().optional(),
  onlyGaps: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

export const photosOut = z.array(uploadOut);
