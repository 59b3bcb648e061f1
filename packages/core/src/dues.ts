/**
 * Party dues (党费) calculator, per 中组部《关于中国共产党党费收缴、使用和管理的规定》(2008).
 * All amounts are integer 分; rates are basis points (50 bp = 0.5%). Bands and limits live in
 * rules.ts (DUES_RULES); this module only applies them.
 */
import { z } from 'zod';
import { DUES_RULES, type DuesBand } from './rules.js';

export const DUES_CATEGORIES = ['employed', 'retired', 'student', 'unemployed', 'low_income', 'farmer'] as const;
export type DuesCategory = (typeof DUES_CATEGORIES)[number];

/**
 * Categories whose dues are a percentage of a monthly base (工资 / 离退休费, 党费规定 一): until
 * a base is set (核定) such a member owes nothing the ledger can show. The others pay a fixed
 * amount and need none.
 */
export const DUES_BASE_CATEGORIES = ['employed', 'retired'] as const satisfies readonly DuesCategory[];
const BASE_CATEGORIES: readonly DuesCategory[] = DUES_BASE_CATEGORIES;

/** True when the category's dues are computed from a base, so a missing base means no dues at all. */
export function duesNeedsBase(category: DuesCategory): boolean {
  return BASE_CATEGORIES.includes(category);
}

/**
 * What the dues forms accept besides the rules (product bounds, not regulations; the rules are
 * DUES_RULES): the length of a 备注 or correction reason and of a payment's 流水号 (the ledger's
 * columns), how many months one payment may cover, and the years a base or a ledger may be for.
 * The server validates with them and the web's forms take their limits from them.
 */
export const DUES_INPUT_LIMITS = {
  noteMaxLength: 200,
  referenceMaxLength: 100,
  paymentMaxMonths: 36,
  firstYear: 2000,
  lastYear: 2100,
} as const;

export type DuesErrorCode =
  | 'DUES_CATEGORY_INVALID'
  | 'DUES_BASE_NEGATIVE'
  | 'DUES_BASE_NOT_INTEGER'
  | 'DUES_BASE_TOO_LARGE'
  | 'DUES_FARMER_AMOUNT_REQUIRED'
  | 'DUES_FARMER_AMOUNT_NOT_INTEGER'
  | 'DUES_FARMER_AMOUNT_OUT_OF_RANGE'
  | 'DUES_AMOUNT_NEGATIVE'
  | 'DUES_AMOUNT_NOT_INTEGER'
  | 'DUES_MONTHS_INVALID';

export type DuesField = 'category' | 'baseCents' | 'farmerMonthlyCents' | 'cents' | 'months';

export interface DuesProblem {
  code: DuesErrorCode;
  field: DuesField;
  /** Values for the message template (limits, the offending value). */
  params: Record<string, number | string>;
}

/** Thrown for invalid input; the server maps `code` to an HTTP 400 with a localized message. */
export class DuesInputError extends Error {
  readonly code: DuesErrorCode;
  readonly field: DuesField;
  readonly params: Record<string, number | string>;
  constructor(problem: DuesProblem) {
    super(`${problem.code} (${problem.field})`);
    this.name = 'DuesInputError';
    this.code = problem.code;
    this.field = problem.field;
    this.params = problem.params;
  }
}

export interface DuesInput {
  category: DuesCategory;
  /** Monthly base in 分; ignored for fixed-amount categories and farmers. */
  baseCents: number;
  /** Farmers only: the amount the member pays, 20–100 分 (0.2–1 元). */
  farmerMonthlyCents?: number | null | undefined;
}

export interface DuesResult {
  /** The rate applied, or null for fixed amounts (students, farmers, …). */
  rateBasisPoints: number | null;
  monthlyCents: number;
}

function checkBase(baseCents: number): DuesProblem | null {
  if (typeof baseCents !== 'number' || !Number.isInteger(baseCents)) {
    return { code: 'DUES_BASE_NOT_INTEGER', field: 'baseCents', params: { value: String(baseCents) } };
  }
  if (baseCents < 0) return { code: 'DUES_BASE_NEGATIVE', field: 'baseCents', params: { value: baseCents } };
  if (baseCents > DUES_RULES.maxBaseCents) {
    return { code: 'DUES_BASE_TOO_LARGE', field: 'baseCents', params: { value: baseCents, max: DUES_RULES.maxBaseCents } };
  }
  return null;
}

/**
 * Every problem with a dues input (empty when valid). Shared by the calculator (throws the
 * first) and the request schema (reports them as issues), so the rules are written once.
 */
export function duesInputProblems(input: { category: unknown; baseCents?: unknown; farmerMonthlyCents?: unknown }): DuesProblem[] {
  const { category } = input;
  if (!DUES_CATEGORIES.includes(category as DuesCategory)) {
    return [{ code: 'DUES_CATEGORY_INVALID', field: 'category', params: { value: String(category) } }];
  }
  if (BASE_CATEGORIES.includes(category as DuesCategory)) {
    const p = checkBase(input.baseCents as number);
    return p ? [p] : [];
  }
  if (category === 'farmer') {
    const amount = input.farmerMonthlyCents;
    const params = { min: DUES_RULES.farmerMinMonthlyCents, max: DUES_RULES.farmerMaxMonthlyCents };
    if (amount === undefined || amount === null) return [{ code: 'DUES_FARMER_AMOUNT_REQUIRED', field: 'farmerMonthlyCents', params }];
    if (typeof amount !== 'number' || !Number.isInteger(amount)) {
      return [{ code: 'DUES_FARMER_AMOUNT_NOT_INTEGER', field: 'farmerMonthlyCents', params: { ...params, value: String(amount) } }];
    }
    if (amount < DUES_RULES.farmerMinMonthlyCents || amount > DUES_RULES.farmerMaxMonthlyCents) {
      return [{ code: 'DUES_FARMER_AMOUNT_OUT_OF_RANGE', field: 'farmerMonthlyCents', params: { ...params, value: amount } }];
    }
  }
  return [];
}

function throwIfInvalid(input: DuesInput): void {
  const [first] = duesInputProblems(input);
  if (first) throw new DuesInputError(first);
}

function bandRate(bands: readonly DuesBand[], baseCents: number): number {
  for (const band of bands) {
    // Bands are inclusive at the top: 3000元 exactly pays 0.5% (党费规定).
    if (band.upToCents === null || baseCents <= band.upToCents) return band.rateBasisPoints;
  }
  // The last band is open-ended, so this is unreachable with DUES_RULES.
  throw new Error('dues bands must end with an open band');
}

/**
 * The rate (basis points) for a base, or null for categories that pay a fixed amount.
 * Throws DuesInputError for an invalid base of an employed/retired member.
 */
export function duesRateFor(category: DuesCategory, baseCents: number): number | null {
  if (category === 'employed' || category === 'retired') {
    const p = checkBase(baseCents);
    if (p) throw new DuesInputError(p);
    return bandRate(category === 'employed' ? DUES_RULES.employedBands : DUES_RULES.retiredBands, baseCents);
  }
  if (!DUES_CATEGORIES.includes(category)) {
    throw new DuesInputError({ code: 'DUES_CATEGORY_INVALID', field: 'category', params: { value: String(category) } });
  }
  return null;
}

/**
 * base × rate, rounded half up to 分, in integers only: base ≤ 1e8 and rate ≤ 200 bp keep the
 * product far below 2^53, and the division is done by subtracting the remainder.
 */
export function applyRateHalfUp(baseCents: number, rateBasisPoints: number): number {
  const scaled = baseCents * rateBasisPoints + 5_000;
  return (scaled - (scaled % 10_000)) / 10_000;
}

/** Monthly dues for one member. The whole base is charged at its band's rate (not progressive). */
export function monthlyDues(input: DuesInput): DuesResult {
  throwIfInvalid(input);
  switch (input.category) {
    case 'employed':
    case 'retired': {
      const rate = duesRateFor(input.category, input.baseCents) as number;
      return { rateBasisPoints: rate, monthlyCents: applyRateHalfUp(input.baseCents, rate) };
    }
    case 'student':
    case 'unemployed':
    case 'low_income':
      return { rateBasisPoints: null, monthlyCents: DUES_RULES.fixedMonthlyCents };
    case 'farmer':
      return { rateBasisPoints: null, monthlyCents: input.farmerMonthlyCents as number };
  }
}

/**
 * Request body of the dues preview. Types are checked by zod; the dues rules themselves run
 * through duesInputProblems so the API reports the same codes as the calculator
 * (each issue carries `params.code`, and its path names the field).
 */
export const duesPreviewRequestSchema = z
  .strictObject({
    category: z.enum(DUES_CATEGORIES),
    baseCents: z.number(),
    farmerMonthlyCents: z.number().nullish(),
  })
  .superRefine((value, ctx) => {
    for (const problem of duesInputProblems(value)) {
      ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.code, params: { code: problem.code, ...problem.params } });
    }
  });
export type DuesPreviewRequest = z.infer<typeof duesPreviewRequestSchema>;

function checkAmount(cents: number): void {
  if (typeof cents !== 'number' || !Number.isInteger(cents)) {
    throw new DuesInputError({ code: 'DUES_AMOUNT_NOT_INTEGER', field: 'cents', params: { value: String(cents) } });
  }
  if (cents < 0) throw new DuesInputError({ code: 'DUES_AMOUNT_NEGATIVE', field: 'cents', params: { value: cents } });
}

/**
 * A one-off voluntary extra payment of ≥1000元 goes entirely to the Centre and is recorded
 * separately (党费规定).
 */
export function isLargeVoluntaryExtra(cents: number): boolean {
  checkAmount(cents);
  return cents >= DUES_RULES.largeVoluntaryExtraMinCents;
}

export interface BackPaymentCheck {
  months: number;
  limit: number;
  /** True when the back payment covers more months than the rule generally allows (a warning, not a block). */
  exceedsLimit: boolean;
}

/** Back-payment generally covers at most 6 months (党费规定); more is allowed with a warning. */
export function checkBackPaymentMonths(months: number): BackPaymentCheck {
  if (!Number.isInteger(months) || months < 1) {
    throw new DuesInputError({ code: 'DUES_MONTHS_INVALID', field: 'months', params: { value: String(months) } });
  }
  return { months, limit: DUES_RULES.backPaymentMaxMonths, exceedsLimit: months > DUES_RULES.backPaymentMaxMonths };
}
