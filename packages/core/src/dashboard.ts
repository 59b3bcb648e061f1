/**
 * The overviews' unit settings. Orgs are compared side by side only in the 党委's view, and only
 * when the unit turns it on: the burden-reduction rules forbid rankings, so it is off by default.
 */
import { z } from 'zod';

export const dashboardSettingsSchema = z.strictObject({
  /** Show the branches side by side (never ranked) on the 党委 overview. */
  compareOrgs: z.boolean(),
});
export type DashboardSettings = z.infer<typeof dashboardSettingsSchema>;
export const DEFAULT_DASHBOARD_SETTINGS: DashboardSettings = { compareOrgs: false };
