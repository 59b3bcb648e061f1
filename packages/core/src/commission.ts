/**
 * The level above units (卫健委, 教育工委): each unit's aggregate figures as of a day. Counts, sums
 * and shares only: a figure never names, identifies or reaches a person.
 */
import { z } from 'zod';

export const COMMISSION_KINDS = ['health', 'education'] as const;
export type CommissionKind = (typeof COMMISSION_KINDS)[number];

export const unitFiguresSchema = z.object({
  /** The year the year's figures (compliance, funnel, dues, work systems) are of. */
  year: z.number().int(),
  members: z.object({ full: z.number().int(), probationary: z.number().int() }),
  orgs: z.object({ committees: z.number().int(), generalBranches: z.number().int(), branches: z.number().int() }),
  /** 三会一课: branches with no missed month this year, of the branches with a matrix row. */
  compliance: z.object({ met: z.number().int(), of: z.number().int() }),
  /** The development funnel: files at each of the five stages. */
  funnel: z.array(z.number().int()).length(5),
  /** Dues of the year: due and paid (分). */
  dues: z.object({ dueCents: z.number().int(), paidCents: z.number().int() }),
  /** Work-system adoptions of the year and their average progress (%), null when none has a target. */
  worksystems: z.object({ adoptions: z.number().int(), progress: z.number().nullable() }),
  /** The year-end statistics tables' totals (the first row of each table), by table id. */
  statistics: z.record(z.string(), z.number().int()),
});
export type UnitFigures = z.infer<typeof unitFiguresSchema>;

/** A share in percent with one decimal; null when the whole is zero. */
export function percentOf(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;
}

/**
 * The parts of a unit's summary the headline is made of (a trend reads only these, not the
 * whole figures of every day).
 */
export interface HeadlineInputs {
  members: Pick<UnitFigures['members'], 'full' | 'probationary'>;
  orgs: Pick<UnitFigures['orgs'], 'branches'>;
  compliance: UnitFigures['compliance'];
  funnel: readonly number[];
  dues: UnitFigures['dues'];
  worksystems: Pick<UnitFigures['worksystems'], 'progress'>;
}

/** The figures a commission compares side by side, from one unit's summary. */
export function headlineOf(f: HeadlineInputs) {
  return {
    members: f.members.full + f.members.probationary,
    branches: f.orgs.branches,
    complianceRate: percentOf(f.compliance.met, f.compliance.of),
    duesRate: percentOf(f.dues.paidCents, f.dues.dueCents),
    funnel: f.funnel.reduce((a, n) => a + n, 0),
    worksystemsProgress: f.worksystems.progress,
  };
}
export type UnitHeadline = ReturnType<typeof headlineOf>;
