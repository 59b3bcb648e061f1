/**
 * Shapes of the organisation endpoints (`/api/v1/orgs/*`, `/api/v1/departments`) this area calls:
 * read from the generated API contract; enums and rules from core.
 */
import type { ApiItem, ApiResult } from '../../api/contract';

export { COMMITTEE_POSTS, ORG_WARNING_CODES as WARNING_CODES, WARNING_SEVERITIES, type CommitteePost, type DualLeaderCriteria, type WarningSeverity } from '@hongyi/core';

export type OrgDetail = ApiResult<'/api/v1/orgs/{id}'>;
export type CommitteeSeat = OrgDetail['committee'][number];
export type OrgElection = OrgDetail['elections'][number];
export type OrgEvent = OrgDetail['history'][number];
export type OrgWarning = OrgDetail['warnings'][number];

/** Who may vote at an election on a date (GET /orgs/:id/electorate). */
export type Electorate = ApiResult<'/api/v1/orgs/{id}/electorate'>;

export type DualLeaderReport = ApiResult<'/api/v1/orgs/dual-leaders'>;
export type DualLeaderGroup = DualLeaderReport['items'][number];
export type DualLeaderBranch = DualLeaderGroup['missing'][number];

export type OrgSettings = ApiResult<'/api/v1/orgs/settings'>;

export type DepartmentRow = ApiItem<'/api/v1/departments'>;
