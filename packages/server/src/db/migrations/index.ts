import type { Migration } from 'kysely';
import * as foundation from './2026-11-23T0900-foundation.js';
import * as dues from './2026-11-23T1100-dues.js';
import * as development from './2026-11-23T1110-development.js';
import * as developmentDocuments from './2026-11-23T1112-development-documents.js';
import * as orglife from './2026-11-23T1120-orglife.js';
import * as orgsMembers from './2026-11-23T1130-orgs-members.js';
import * as membersIndexes from './2026-11-23T1133-members-indexes.js';
import * as orglifeMatrixSnapshot from './2026-11-30T1000-orglife-matrix-snapshot.js';
import * as orglifeAttachments from './2026-11-30T1010-orglife-attachments.js';
import * as membersNameSort from './2026-11-30T1200-members-name-sort.js';
import * as orglifePlanLinks from './2026-11-30T1300-orglife-plan-links.js';
import * as memberVotingExclusions from './2026-12-03T1200-member-voting-exclusions.js';
import * as orglifeAttendanceHeldOn from './2026-12-03T1210-orglife-attendance-held-on.js';
import * as loginNames from './2026-12-03T1215-login-names.js';
import * as duesCorrectionsIndex from './2026-12-03T1225-dues-corrections-index.js';
import * as electionsEthnicity from './2026-12-03T1230-elections-ethnicity.js';
import * as unitSettings from './2026-12-03T1500-unit-settings.js';
import * as service from './2026-12-03T1900-service.js';
import * as honours from './2026-12-03T1910-honours.js';
import * as decisionRoles from './2026-12-03T2000-decision-roles.js';
import * as serviceEventFigures from './2026-12-03T2005-service-event-figures.js';
import * as projects from './2026-12-03T2020-projects.js';
import * as decisionFeedbackFiles from './2026-12-03T2230-decision-feedback-files.js';
import * as personDigests from './2026-12-03T2240-person-digests.js';
import * as decisions from './2026-12-03T2010-decisions.js';
import * as strengths from './2026-12-03T2200-strengths.js';
import * as brands from './2026-12-03T2210-brands.js';
import * as venues from './2026-12-03T2250-venues.js';
import * as assessment from './2026-12-04T0430-assessment.js';
import * as settingsSections from './2026-12-04T0300-settings-sections.js';
import * as funds from './2026-12-04T0310-funds.js';
import * as contacts from './2026-12-04T0320-contacts.js';
import * as learning from './2026-12-04T0330-learning.js';
import * as worksystems from './2026-12-04T0400-worksystems.js';
import * as figures from './2026-12-04T0410-figures.js';
import * as statistics from './2026-12-04T0440-statistics.js';
import * as settingsSectionsAssessment from './2026-12-04T0420-settings-sections.js';
import * as upwardReports from './2026-12-04T0460-upward-reports.js';
import * as training from './2026-12-04T0470-training.js';
import * as worksystemEvidence from './2026-12-04T0500-worksystem-evidence.js';
import * as phoneEncryption from './2026-12-04T0520-phone-encryption.js';
import * as idNumberEncryption from './2026-12-04T0480-id-number-encryption.js';
import * as commissions from './2026-12-04T0490-commissions.js';
import * as commissionAdmin from './2026-12-04T0530-commission-admin.js';
import * as developmentDeadlines from './2026-12-05T0550-development-deadlines.js';
import * as duesPositions from './2026-12-05T0560-dues-positions.js';
import * as duesPositionRuns from './2026-12-06T0570-dues-position-runs.js';
import * as orglifeLastAttendance from './2026-12-06T0580-orglife-last-attendance.js';
import * as commissionOverview from './2026-12-06T0590-commission-overview.js';

/** Every migration, in order. Add new ones at the end; never edit one that has landed. */
export const migrations: Record<string, Migration> = {
  '2026-11-23T0900-foundation': foundation,
  '2026-11-23T1100-dues': dues,
  '2026-11-23T1110-development': development,
  '2026-11-23T1120-orglife': orglife,
  '2026-11-23T1130-orgs-members': orgsMembers,
  '2026-11-23T1112-development-documents': developmentDocuments,
  '2026-11-23T1133-members-indexes': membersIndexes,
  '2026-11-30T1000-orglife-matrix-snapshot': orglifeMatrixSnapshot,
  '2026-11-30T1010-orglife-attachments': orglifeAttachments,
  '2026-11-30T1200-members-name-sort': membersNameSort,
  '2026-11-30T1300-orglife-plan-links': orglifePlanLinks,
  '2026-12-03T1200-member-voting-exclusions': memberVotingExclusions,
  '2026-12-03T1210-orglife-attendance-held-on': orglifeAttendanceHeldOn,
  '2026-12-03T1215-login-names': loginNames,
  '2026-12-03T1225-dues-corrections-index': duesCorrectionsIndex,
  '2026-12-03T1230-elections-ethnicity': electionsEthnicity,
  '2026-12-03T1500-unit-settings': unitSettings,
  '2026-12-03T1900-service': service,
  '2026-12-03T1910-honours': honours,
  '2026-12-03T2000-decision-roles': decisionRoles,
  '2026-12-03T2005-service-event-figures': serviceEventFigures,
  '2026-12-03T2020-projects': projects,
  '2026-12-03T2010-decisions': decisions,
  '2026-12-03T2200-strengths': strengths,
  '2026-12-03T2210-brands': brands,
  '2026-12-03T2230-decision-feedback-files': decisionFeedbackFiles,
  '2026-12-03T2240-person-digests': personDigests,
  '2026-12-03T2250-venues': venues,
  '2026-12-04T0300-settings-sections': settingsSections,
  '2026-12-04T0310-funds': funds,
  '2026-12-04T0320-contacts': contacts,
  '2026-12-04T0330-learning': learning,
  '2026-12-04T0400-worksystems': worksystems,
  '2026-12-04T0410-figures': figures,
  '2026-12-04T0420-settings-sections': settingsSectionsAssessment,
  '2026-12-04T0430-assessment': assessment,
  '2026-12-04T0440-statistics': statistics,
  '2026-12-04T0460-upward-reports': upwardReports,
  '2026-12-04T0470-training': training,
  '2026-12-04T0480-id-number-encryption': idNumberEncryption,
  '2026-12-04T0490-commissions': commissions,
  '2026-12-04T0500-worksystem-evidence': worksystemEvidence,
  '2026-12-04T0520-phone-encryption': phoneEncryption,
  '2026-12-04T0530-commission-admin': commissionAdmin,
  '2026-12-05T0550-development-deadlines': developmentDeadlines,
  '2026-12-05T0560-dues-positions': duesPositions,
  '2026-12-06T0570-dues-position-runs': duesPositionRuns,
  '2026-12-06T0580-orglife-last-attendance': orglifeLastAttendance,
  '2026-12-06T0590-commission-overview': commissionOverview,
};
