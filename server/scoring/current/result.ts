import type { CurrentIndicatorCode } from "./indicator-codes";

/** Where a number of the explanation comes from (scoring-current-rules.md: published, entered, or Koubei's default). */
export type NumberSource = "published" | "organisation" | "default";

export type CurrentIndicatorResult = {
  /** numerator / denominator, unrounded; null when no unit is known (missing). */
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  badEvents: number;
  percentile?: number;
  cohortSize?: number;
  fallback?: boolean;
  /** Band points (50–100) the indicator scores: the protected points (80) where protection applies. */
  band?: number;
  /** TikTok: the band's points on the 0–5 scale. */
  points?: number;
  /** Share of its dimension after missing indicators are left out. */
  weight?: number;
  protected?: boolean;
  bandSource?: NumberSource;
  weightSource?: NumberSource;
};

export type CurrentBonus = { code: string; points: number; dimension?: string; applied?: number };
export type CurrentDeduction = { code: string; events: number; points: number };

export type CurrentScore = {
  key: string;
  ruleSet: string;
  date: string;
  state: "growth" | "formal" | "insufficient";
  /** douyin-100: valid orders paid in the window (the stage count). */
  validOrders?: number;
  penaltyEvents?: number;
  /** tiktok-sps: delivered orders of the eligibility window. */
  deliveredOrders?: number;
  score100: number | null;
  score5: number | null;
  /** tiktok-sps: the unrounded 0–5 score. */
  score?: number;
  dimensions: Record<string, { score: number; weight: number; composite?: number; weightSource?: NumberSource }>;
  indicators: Partial<Record<CurrentIndicatorCode, CurrentIndicatorResult>>;
  bonuses: CurrentBonus[];
  deductions: CurrentDeduction[];
  bars?: Record<string, { value: number | null; pass: boolean | null }>;
};

/**
 * What an organisation entered for a category (or a calibration it adopted): value cut-offs per
 * indicator, best band first (one per band but the last), and weights. Absent: the rule set's.
 */
export type OrganisationEntries = {
  cutoffs?: Partial<Record<CurrentIndicatorCode, readonly number[]>>;
  dimensionWeights?: Partial<Record<string, number>>;
  indicatorWeights?: Partial<Record<CurrentIndicatorCode, number>>;
};
