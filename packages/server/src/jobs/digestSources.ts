/**
 * The modules that contribute to the daily reminder digest (lib/digest.ts), in the order their
 * items are listed in a digest: the organisation office's own work first (回执, terms), then the
 * branches' (meetings, development, dues), then tasks and follow-ups. A new module adds its source here.
 */
import type { DigestSource } from '../lib/digest.js';
import { decisionTaskDigest } from '../modules/decisions/digest.js';
import { developmentDigest } from '../modules/development/digest.js';
import { duesDigest } from '../modules/dues/digest.js';
import { orglifeDigest } from '../modules/orglife/digest.js';
import { termDigest } from '../modules/orgs/digest.js';
import { receiptDigest } from '../modules/transfers/digest.js';
import { projectTaskDigest } from '../modules/projects/digest.js';
import { contactFollowUpDigest } from '../modules/contacts/digest.js';

export const DIGEST_SOURCES: readonly DigestSource<any>[] = [receiptDigest, termDigest, orglifeDigest, developmentDigest, duesDigest, projectTaskDigest, decisionTaskDigest, contactFollowUpDigest];
