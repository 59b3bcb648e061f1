/**
 * Encryption at rest of ID numbers (身份证号) and personal phone numbers, decision 0005.
 *
 * A person's ID number is stored as three columns, never as plaintext:
 * - `id_number_enc`: AES-256-GCM with a random 96-bit IV, as `v1.<key id>.<iv>.<ciphertext+tag>`
 *   (base64url); the key id names the data key that sealed it, so keys can rotate;
 * - `id_number_hash`: HMAC-SHA256 of the number under a key derived from the data key (HKDF), for
 *   exact lookups and the unit's uniqueness (imports, transfers, account linking);
 * - `id_number_tail`: the last 6 characters, for the member list's search by the end of the
 *   number (the birth day, already stored as `birth_date`, and the last 4, which every role sees
 *   in the masked number).
 *
 * A person's phone number (members, applicants) is stored as `phone_enc` only: sealed the same
 * way under its own associated data (`hongyi:phone`), or '' when there is none. Nothing looks a
 * person up by phone or searches by its digits, so it has no hash and no tail.
 *
 * Only repositories (and migrations) call these: the rest of the server sees decrypted rows and
 * masks them through lib/person.ts as before.
 *
 * The data key comes from configuration (HONGYI_DATA_KEY, base64 of 32 bytes) or a key file
 * (db/dataKey.ts). Until one is loaded, sealing and opening throw: nothing is ever written with a
 * made-up key.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

export const DATA_KEY_BYTES = 32;
const FORMAT = 'v1';
const AAD = Buffer.from('hongyi:id_number');
const PHONE_AAD = Buffer.from('hongyi:phone');

export interface DataKey {
  /** Short public name of the key (derived from it; stored with every ciphertext). */
  id: string;
  key: Buffer;
  hashKey: Buffer;
}

interface KeyRing {
  current: DataKey;
  /** Earlier keys, still able to open what they sealed (during a rotation). */
  all: Map<string, DataKey>;
}

let ring: KeyRing | null = null;

/** A data key from its 32 bytes: its id and the derived lookup key. */
export function dataKeyOf(key: Buffer): DataKey {
  if (key.length !== DATA_KEY_BYTES) throw new DataKeyError(`The data key must be ${DATA_KEY_BYTES} bytes (base64 of 32 random bytes), not ${key.length}.`);
  const id = createHmac('sha256', key).update('hongyi:key-id').digest('base64url').slice(0, 8);
  const hashKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'hongyi:id-number-hash', 32));
  return { id, key, hashKey };
}

/** Reads a base64 data key as configured (HONGYI_DATA_KEY, a key file): a clear error when it is not 32 bytes. */
export function parseDataKey(text: string, where: string): Buffer {
  const trimmed = text.trim();
  const bytes = /^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed) ? Buffer.from(trimmed, 'base64') : Buffer.alloc(0);
  if (bytes.length !== DATA_KEY_BYTES) {
    throw new DataKeyError(`${where} must hold a data key: base64 of 32 random bytes (e.g. \`openssl rand -base64 32\`). What it holds is not one.`);
  }
  return bytes;
}

export class DataKeyError extends Error {
  override name = 'DataKeyError';
}

/** Installs the keys: `current` seals, all of them open. */
export function setDataKeys(current: Buffer, previous: readonly Buffer[] = []): DataKey {
  const cur = dataKeyOf(current);
  const all = new Map<string, DataKey>();
  for (const k of previous) {
    const d = dataKeyOf(k);
    all.set(d.id, d);
  }
  all.set(cur.id, cur);
  ring = { current: cur, all };
  return cur;
}

/** The keys in use. Without keys set, the ones HONGYI_DATA_KEY (and HONGYI_DATA_KEY_PREVIOUS) name; else an error. */
export function dataKeys(): KeyRing {
  if (ring) return ring;
  const env = process.env.HONGYI_DATA_KEY;
  if (env) {
    const previous = (process.env.HONGYI_DATA_KEY_PREVIOUS ?? '').split(',').filter((s) => s.trim()).map((s) => parseDataKey(s, 'HONGYI_DATA_KEY_PREVIOUS'));
    setDataKeys(parseDataKey(env, 'HONGYI_DATA_KEY'), previous);
    return ring!;
  }
  throw new DataKeyError('No data key is loaded: set HONGYI_DATA_KEY (base64 of 32 bytes) or start the server, which reads or creates its key file (docs/decisions/0005-encryption-at-rest.md).');
}

/** Forgets the keys (tests of key handling). */
export function clearDataKeys(): void {
  ring = null;
}

/** The canonical form of an ID number: trimmed, upper-case X. */
export function normalizeIdNumber(idNumber: string): string {
  return idNumber.trim().toUpperCase();
}

/** Seals a text with the current key (a new random IV each time) under its associated data. */
function seal(text: string, aad: Buffer): string {
  const { current } = dataKeys();
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', current.key, iv);
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `${FORMAT}.${current.id}.${iv.toString('base64url')}.${body.toString('base64url')}`;
}

/** Opens what seal wrote, with the key it names; an error (never garbage) with a wrong key or associated data. */
function open(sealed: string, aad: Buffer, what: string): string {
  const [format, keyId, iv, body] = sealed.split('.');
  if (format !== FORMAT || !keyId || !iv || !body) throw new DataKeyError(`A stored ${what} is not in the sealed format.`);
  const key = dataKeys().all.get(keyId);
  if (!key) throw new DataKeyError(`A stored ${what} was sealed with data key ${keyId}, which is not configured (HONGYI_DATA_KEY / HONGYI_DATA_KEY_PREVIOUS).`);
  const bytes = Buffer.from(body, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(aad);
  decipher.setAuthTag(bytes.subarray(bytes.length - 16));
  try {
    return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]).toString('utf8');
  } catch {
    throw new DataKeyError(`A stored ${what} does not open with data key ${keyId}: the key is not the one it was sealed with, or the value was altered.`);
  }
}

/** Seals an ID number with the current key (a new random IV each time). */
export function sealIdNumber(idNumber: string): string {
  return seal(normalizeIdNumber(idNumber), AAD);
}

/** Opens what sealIdNumber wrote, with the key it names; an error (never garbage) with a wrong key. */
export function openIdNumber(sealed: string): string {
  return open(sealed, AAD, 'ID number');
}

/** Seals a phone number (trimmed); no number ('') stays ''. */
export function sealPhone(phone: string): string {
  const p = phone.trim();
  return p === '' ? '' : seal(p, PHONE_AAD);
}

/** Opens what sealPhone wrote ('' stays ''); an error (never garbage) with a wrong key. */
export function openPhone(stored: string): string {
  return stored === '' ? '' : open(stored, PHONE_AAD, 'phone number');
}

/** Opens a nullable stored phone (a left join). */
export function openPhoneOrNull(stored: string | null | undefined): string | null {
  return stored === null || stored === undefined ? null : openPhone(stored);
}

/** The key id a sealed value names ('v1.<key id>.…'); '' for no value. */
export function sealedKeyId(sealed: string): string {
  return sealed.split('.')[1] ?? '';
}

/** Opens a nullable sealed value. */
export function openIdNumberOrNull(sealed: string | null | undefined): string | null {
  return sealed === null || sealed === undefined ? null : openIdNumber(sealed);
}

/** The keyed lookup hash of an ID number (hex). */
export function idNumberHash(idNumber: string): string {
  return createHmac('sha256', dataKeys().current.hashKey).update(normalizeIdNumber(idNumber)).digest('hex');
}

/** How many trailing characters are kept for the search by the end of the number. */
export const ID_TAIL_LENGTH = 6;

/** The columns that store an ID number. */
export function idNumberColumns(idNumber: string): { id_number_enc: string; id_number_hash: string; id_number_tail: string } {
  const n = normalizeIdNumber(idNumber);
  return { id_number_enc: sealIdNumber(n), id_number_hash: idNumberHash(n), id_number_tail: n.slice(-ID_TAIL_LENGTH) };
}

/** The check value of a key stored in `data_keys`, so a start with another key fails clearly. */
export function keyCheckOf(key: DataKey): string {
  return createHmac('sha256', key.key).update('hongyi:data-key-check').digest('hex');
}

type SealedColumns = 'id_number_enc' | 'id_number_hash' | 'id_number_tail' | 'phone_enc';
/** A row's `phone`, opened from its `phone_enc` when it was read (nullable in a left join). */
type PhoneOf<T> = 'phone_enc' extends keyof T ? { phone: T['phone_enc' & keyof T] extends string ? string : string | null } : unknown;

/** A row's `phone_enc`, when read, opened into `phone` (the other columns as they are). */
function withPhone(rest: Record<string, unknown>): Record<string, unknown> {
  if (!('phone_enc' in rest)) return rest;
  const { phone_enc, ...others } = rest;
  return { ...others, phone: openPhoneOrNull(phone_enc as string | null) };
}

/**
 * A row as read (with `id_number_enc`, and maybe the hash, the tail and `phone_enc`) as the
 * layers above the repository see it: with `id_number` (and `phone`), the plaintext, and without
 * the sealed columns.
 */
export function openRow<T extends { id_number_enc: string }>(row: T): Omit<T, SealedColumns> & { id_number: string } & PhoneOf<T> {
  const { id_number_enc, id_number_hash: _h, id_number_tail: _t, ...rest } = row as T & { id_number_hash?: string; id_number_tail?: string };
  return { ...withPhone(rest), id_number: openIdNumber(id_number_enc) } as Omit<T, SealedColumns> & { id_number: string } & PhoneOf<T>;
}

/** openRow for a nullable sealed column (a left join). */
export function openRowOrNull<T extends { id_number_enc: string | null }>(row: T): Omit<T, SealedColumns> & { id_number: string | null } & PhoneOf<T> {
  const { id_number_enc, id_number_hash: _h, id_number_tail: _t, ...rest } = row as T & { id_number_hash?: string; id_number_tail?: string };
  return { ...withPhone(rest), id_number: openIdNumberOrNull(id_number_enc) } as Omit<T, SealedColumns> & { id_number: string | null } & PhoneOf<T>;
}

/** A row read with `phone_enc` (and no ID number) with its `phone` opened instead. */
export function openPhoneRow<T extends { phone_enc: string | null }>(row: T): Omit<T, 'phone_enc'> & PhoneOf<T> {
  return withPhone(row) as Omit<T, 'phone_enc'> & PhoneOf<T>;
}

/** Columns to write: an `id_number` among them replaced by its sealed columns, a `phone` by `phone_enc`. */
export function sealRow<T extends object>(columns: T): Omit<T, 'id_number' | 'phone'> {
  let out = columns as Record<string, unknown>;
  if ('phone' in out) {
    const { phone, ...rest } = out;
    out = typeof phone === 'string' ? { ...rest, phone_enc: sealPhone(phone) } : rest;
  }
  if ('id_number' in out) {
    const { id_number, ...rest } = out;
    out = typeof id_number === 'string' ? { ...rest, ...idNumberColumns(id_number) } : rest;
  }
  return out as Omit<T, 'id_number' | 'phone'>;
}

const ID_KEYS = new Set(['idNumber', 'id_number']);
const SEALED = /^v1\.[A-Za-z0-9_-]{8}\./;

/** A JSON value to store (a report run's people): every string under an ID-number key sealed. */
export function sealIdNumbersIn<T>(value: T): T {
  return mapIdNumbers(value, null, (s) => (SEALED.test(s) || s === '' ? s : sealIdNumber(s))) as T;
}

/** A stored JSON value as read: every sealed string under an ID-number key opened. */
export function openIdNumbersIn<T>(value: T): T {
  return mapIdNumbers(value, null, (s) => (SEALED.test(s) ? openIdNumber(s) : s)) as T;
}

function mapIdNumbers(value: unknown, key: string | null, f: (s: string) => string): unknown {
  if (typeof value === 'string') return key !== null && ID_KEYS.has(key) ? f(value) : value;
  if (Array.isArray(value)) return value.map((v) => mapIdNumbers(v, key, f));
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = mapIdNumbers(v, k, f);
    return out;
  }
  return value;
}

/** Keys under which a stored JSON value (the audit trail's before/after) holds a person's phone. */
const PHONE_KEYS = new Set(['phone', 'mobile']);

/** A JSON value to store (an audit row's before/after): every phone under a phone key sealed. */
export function sealPhonesIn<T>(value: T): T {
  return mapPhones(value, null, (s) => (SEALED.test(s) ? s : sealPhone(s))) as T;
}

/** A stored JSON value as read: every sealed phone opened. */
export function openPhonesIn<T>(value: T): T {
  return mapPhones(value, null, (s) => (SEALED.test(s) ? openPhone(s) : s)) as T;
}

/** Re-seals with the current key the phones of a stored JSON value sealed with another (key rotation). */
export function resealPhonesIn<T>(value: T): T {
  const current = dataKeys().current.id;
  return mapPhones(value, null, (s) => (SEALED.test(s) && sealedKeyId(s) !== current ? sealPhone(openPhone(s)) : s)) as T;
}

function mapPhones(value: unknown, key: string | null, f: (s: string) => string): unknown {
  if (typeof value === 'string') return key !== null && PHONE_KEYS.has(key) ? f(value) : value;
  if (Array.isArray(value)) return value.map((v) => mapPhones(v, key, f));
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    // A change shape { field: 'phone', from, to } names its field in a value.
    const field = typeof (value as { field?: unknown }).field === 'string' ? (value as { field: string }).field : null;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const fieldKey = field !== null && (k === 'from' || k === 'to' || k === 'old_value' || k === 'new_value' || k === 'before' || k === 'after') ? field : k;
      out[k] = mapPhones(v, fieldKey, f);
    }
    return out;
  }
  return value;
}

/** Whether a stored text is a sealed value. */
export function isSealed(text: string): boolean {
  return SEALED.test(text);
}

/** A set of ID numbers held as their lookup hashes (an import's "already on file"). */
export class IdNumberSet {
  private readonly hashes: Set<string>;
  constructor(hashes: Iterable<string>) {
    this.hashes = new Set(hashes);
  }
  has(idNumber: string): boolean {
    return this.hashes.has(idNumberHash(idNumber));
  }
}
