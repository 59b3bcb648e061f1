/** Shapes of the members, roster import, structure and transfers endpoints (packages/server/src/modules/members, transfers). */
import type { ApiResult } from '../../api/contract';
import type { Id } from '../../api/types';

// Enums and code values from core; API shapes from the contract (generated from the server's OpenAPI document).
export { EDUCATIONS, MEMBER_STATUSES, TITLES } from '@hongyi/core';

export type MemberProfile = ApiResult<'/api/v1/members/{id}'>;
export type MemberChange = ApiResult<'/api/v1/members/{id}/history'>['items'][number];
export type RosterPreview = ApiResult<'/api/v1/members/import/preview', 'post'>;
export type RosterPreviewRow = RosterPreview['rows'][number];
export type StructureReport = ApiResult<'/api/v1/members/structure'>;

export interface Department {
  id: Id;
  name: string;
  campusId: Id | null;
  campusName: string | null;
}

export interface TransferRow {
  id: Id;
  kind: 'internal' | 'out' | 'in';
  memberId: Id;
  memberName: string;
  idNumber: string;
  fromOrgName: string;
  toOrgName: string;
  effectiveOn: string;
  letterNo: string;
  paidThrough: string | null;
  receiptDueOn: string | null;
  receiptReceivedOn: string | null;
  receiptOverdue: boolean;
  notes: string;
  version: number;
}

/** The `path` of a server validation detail without its 'body.' prefix ('body.fullOn' → 'fullOn'). */
export function fieldOfPath(path: string): string {
  return path.replace(/^body\./, '').split(/[.[\]]/).filter(Boolean)[0] ?? '';
}

/** A recorded exclusion from the vote: voting rights suspended, or away long-term with approval (GET /orglife/members/:id/voting-exclusions). */
export type VotingExclusion = ApiResult<'/api/v1/orglife/members/{memberId}/voting-exclusions'>[number];
