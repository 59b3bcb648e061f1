/**
 * The rule settings a unit may tune within the regulations (terms, lecture frequencies, 公示 days…):
 * their schema and how overrides merge over the defaults. Kept apart from rules.ts so that pages
 * needing only the rule numbers do not load the validation library.
 */
import { z } from 'zod';
import { DEFAULT_RULE_SETTINGS, TERM_RULES, type RuleSettings } from './rules.js';

const termYearsSchema = z.number().int().min(TERM_RULES.minYears).max(TERM_RULES.maxYears);
const frequencySchema = z.strictObject({ period: z.enum(['month', 'quarter', 'year']), minCount: z.number().int().min(1).max(31) });

/** Validates a tenant's overrides: every key optional, unknown keys rejected. */
export const ruleSettingsOverridesSchema = z.strictObject({
  termYears: z
    .strictObject({ committee: termYearsSchema, general_branch: termYearsSchema, branch: termYearsSchema, joint_branch: termYearsSchema })
    .partial()
    .optional(),
  meetingFrequencies: z.strictObject({ party_lecture: frequencySchema, committee_study_session: frequencySchema }).partial().optional(),
  branchSecretaryLectureRequired: z.boolean().optional(),
  themePartyDayOfMonth: z.number().int().min(1).max(28).nullable().optional(),
  publicNotice: z.strictObject({ days: z.number().int().min(1).max(30), unit: z.enum(['working_days', 'calendar_days']) }).optional(),
});
export type RuleSettingsOverrides = z.infer<typeof ruleSettingsOverridesSchema>;

/** Merges validated overrides over the defaults. Throws a ZodError on invalid overrides. */
export function resolveRuleSettings(overrides: unknown = {}): RuleSettings {
  const o = ruleSettingsOverridesSchema.parse(overrides ?? {});
  const d = DEFAULT_RULE_SETTINGS;
  return {
    termYears: { ...d.termYears, ...o.termYears },
    meetingFrequencies: {
      party_lecture: o.meetingFrequencies?.party_lecture ?? { ...d.meetingFrequencies.party_lecture },
      committee_study_session: o.meetingFrequencies?.committee_study_session ?? { ...d.meetingFrequencies.committee_study_session },
    },
    branchSecretaryLectureRequired: o.branchSecretaryLectureRequired ?? d.branchSecretaryLectureRequired,
    themePartyDayOfMonth: o.themePartyDayOfMonth === undefined ? d.themePartyDayOfMonth : o.themePartyDayOfMonth,
    publicNotice: o.publicNotice ?? { ...d.publicNotice },
  };
}
