import type { ScoreScale } from "@/lib/contracts/explanation";

/**
 * Client-safe number formatting for score views. Scores arrive already rounded by the server
 * (`overallShown`, `scoreShown`, a history point's `overallShown`); these helpers only write them
 * in the user's locale with the rule set's decimals, and never round a score themselves.
 */

type Decimals = Pick<ScoreScale, "displayDecimals">;

/** A shown score with exactly the rule set's decimals ("4.60" on a 3–5 scale with 2 decimals). */
export function formatScore(shown: number, scale: Decimals, locale: string): string {
  return formatNumber(shown, locale, scale.displayDecimals, scale.displayDecimals);
}

/** A threshold as the platform writes it: no trailing zeros ("4.4", "60"). */
export function formatThreshold(minScore: number, scale: Decimals, locale: string): string {
  return formatNumber(minScore, locale, scale.displayDecimals);
}

/**
 * The difference of two shown scores. Both carry at most the rule set's decimals, so cutting the
 * binary noise at those decimals (4.6 − 4.52 = 0.0799999…) is exact, not a rounding of the score.
 */
export function shownDifference(from: number, to: number, scale: Decimals): number {
  return Number((to - from).toFixed(scale.displayDecimals));
}

/** A 0–1 percentile as the whole percent of peers it beats (never rounded up past what it is). */
export function percentileToPercent(percentile: number): number {
  return Math.floor(Number((percentile * 100).toFixed(6)));
}

/** A rate (0–1) as a percentage with up to 2 decimals: 0.96523 → "96.52%". */
export function formatRate(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, {
    style: "percent",
    minimumFractionDigits: 0,
    maximumFractionDigits: 2,
  }).format(value);
}

/** A plain number with a fixed number of decimals in the user's locale. */
export function formatNumber(
  value: number,
  locale: string,
  maximumFractionDigits = 2,
  minimumFractionDigits = 0,
): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits, maximumFractionDigits }).format(
    value,
  );
}

/** A difference of shown scores with its sign ("+0.05", "−0.12"); already exact at the decimals. */
export function formatChange(change: number, scale: Decimals, locale: string): string {
  return new Intl.NumberFormat(locale, {
    minimumFractionDigits: scale.displayDecimals,
    maximumFractionDigits: scale.displayDecimals,
    signDisplay: "exceptZero",
  }).format(change);
}

/** A calendar day ("2026-05-20") as the locale writes a short date (zh: 05/20, en: 05/20). */
export function formatDay(day: string, locale: string, withYear = false): string {
  const [y = 1970, m = 1, d = 1] = day.split("-").map(Number);
  return new Intl.DateTimeFormat(locale, { ...(withYear ? { year: "numeric" } : {}), month: "2-digit", day: "2-digit", timeZone: "UTC" }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}
