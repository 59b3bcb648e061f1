/**
 * The one presenter of a person's data (members, applicants, accounts): what of their ID number
 * and phone number a caller sees is decided here, by role, for every answer that carries them —
 * lists, previews, audit views, exports, documents and error texts. ID and phone numbers are
 * masked unless the caller's role has 'members.sensitive' (core access.ts).
 *
 *   const viewer = viewerOf(request);
 *   presentIdNumber(viewer, row.id_number); presentPhone(viewer, row.phone);
 *   presentPerson(viewer, auditRow.after)   // any JSON: values under ID/phone keys, and ID/phone
 *                                           // numbers inside free text, are masked
 */
import { type RoleGrant, hasPermission, maskIdNumber, maskPhone } from '@hongyi/core';
import type { FastifyRequest } from 'fastify';

/** Who is looking at a person's data, and so what of it they see. */
export interface PersonViewer {
  /** May see ID and phone numbers in full ('members.sensitive'). */
  readonly sensitive: boolean;
}

/** The decision from the caller's role grants. */
export function personViewer(grants: readonly RoleGrant[]): PersonViewer {
  return { sensitive: hasPermission(grants, 'members.sensitive') };
}

/** The viewer of a request (a caller with no session sees everything masked). */
export function viewerOf(request: FastifyRequest): PersonViewer {
  return personViewer(request.auth?.grants ?? []);
}

/** Sees everything: for the server's own use (e.g. a document the holder downloads about themselves). */
export const FULL_VIEW: PersonViewer = { sensitive: true };
export const MASKED_VIEW: PersonViewer = { sensitive: false };

export function presentIdNumber(viewer: PersonViewer, idNumber: string): string;
export function presentIdNumber(viewer: PersonViewer, idNumber: string | null): string | null;
export function presentIdNumber(viewer: PersonViewer, idNumber: string | null): string | null {
  if (idNumber === null || viewer.sensitive || idNumber === '') return idNumber;
  return maskIdNumber(idNumber);
}

export function presentPhone(viewer: PersonViewer, phone: string): string;
export function presentPhone(viewer: PersonViewer, phone: string | null): string | null;
export function presentPhone(viewer: PersonViewer, phone: string | null): string | null {
  if (phone === null || viewer.sensitive || phone === '') return phone;
  return maskPhone(phone);
}

/** Field names (camelCase and column names) that hold an ID number or a phone number. */
const ID_FIELDS = new Set(['idNumber', 'id_number']);
const PHONE_FIELDS = new Set(['phone', 'mobile', 'contactPhone', 'contact_phone']);

/** One field's value by its name ('id_number', 'phone', …): the change history, roster previews. */
export function presentField(viewer: PersonViewer, field: string, value: string | null): string | null {
  if (value === null || viewer.sensitive) return value;
  if (ID_FIELDS.has(field)) return maskIdNumber(value);
  if (PHONE_FIELDS.has(field)) return maskPhone(value);
  return maskNumbersInText(viewer, value);
}

// An 18-character ID number (birth year 18xx–20xx) and a mainland mobile number, not inside a longer run of digits.
const ID_IN_TEXT = /(?<![0-9A-Za-z])\d{6}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/g;
const MOBILE_IN_TEXT = /(?<!\d)(?:\+?86[- ]?)?1[3-9]\d{9}(?!\d)/g;

/** Free text (a summary, an error message) with the ID and mobile numbers inside it masked. */
export function maskNumbersInText(viewer: PersonViewer, text: string): string {
  if (viewer.sensitive) return text;
  return text.replace(ID_IN_TEXT, (m) => maskIdNumber(m.toUpperCase())).replace(MOBILE_IN_TEXT, (m) => maskPhone(m.replace(/^\+?86[- ]?/, '')));
}

/**
 * Any JSON value about people (an audit row's before/after, an imported row): values under an
 * ID or phone key are masked, and ID and mobile numbers inside other text too. A copy; the input
 * is not changed.
 */
export function presentPerson<T>(viewer: PersonViewer, value: T): T {
  if (viewer.sensitive) return value;
  return walk(value, null) as T;
}

function walk(value: unknown, key: string | null): unknown {
  if (typeof value === 'string') {
    if (key !== null && ID_FIELDS.has(key)) return maskIdNumber(value);
    if (key !== null && PHONE_FIELDS.has(key)) return maskPhone(value);
    return maskNumbersInText(MASKED_VIEW, value);
  }
  if (Array.isArray(value)) return value.map((v) => walk(v, key));
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    // A change-history shape { field: 'phone', from, to } names its field in a value.
    const field = typeof (value as { field?: unknown }).field === 'string' ? ((value as { field: string }).field) : null;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const fieldKey = field !== null && (k === 'from' || k === 'to' || k === 'old_value' || k === 'new_value' || k === 'before' || k === 'after') ? field : k;
      out[k] = walk(v, fieldKey);
    }
    return out;
  }
  return value;
}

/**
 * What the audit trail stores of a value about people: ID numbers masked for everyone (under an
 * ID key and inside text), phones as they are (the audit repository seals them, and opens them
 * on reading). The trail never holds a whole ID number (decision
 * 0005: the member's own history keeps it, sealed).
 */
export function maskIdNumbersForStorage<T>(value: T): T {
  return maskIds(value, null) as T;
}

function maskIds(value: unknown, key: string | null): unknown {
  if (typeof value === 'string') return key !== null && ID_FIELDS.has(key) ? maskIdNumber(value) : value.replace(ID_IN_TEXT, (m) => maskIdNumber(m.toUpperCase()));
  if (Array.isArray(value)) return value.map((v) => maskIds(v, key));
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const field = typeof (value as { field?: unknown }).field === 'string' ? (value as { field: string }).field : null;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const fieldKey = field !== null && (k === 'from' || k === 'to' || k === 'old_value' || k === 'new_value' || k === 'before' || k === 'after') ? field : k;
      out[k] = maskIds(v, fieldKey);
    }
    return out;
  }
  return value;
}
