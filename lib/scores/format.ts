/**
 * Client-safe score helpers. `roundScoreForDisplay` is a copy of the one in
 * server/scoring/explain.ts (that module pulls in server-side scoring code); keep them in step.
 */

/** §6.4: scores are stored unrounded and shown rounded half-up to 2 decimals. */
export function roundScoreForDisplay(score: number, decimals = 2): number {
  // Strip binary noise first (4.605 is stored as 4.60499…), then round half up on the decimal.
  const clean = Number(score.toFixed(10));
  const factor = 10 ** decimals;
  return Math.floor(clean * factor + 0.5 + 1e-9) / factor;
}

/** The shown score as text, always two decimals ("4.60"). */
export function formatScore(score: number): string {
  return roundScoreForDisplay(score).toFixed(2);
}

/** The platform's 4.4 / 4.6 / 4.8 bands, judged on the shown (rounded) score. */
export type ScoreBand = "below44" | "from44" | "from46" | "from48";

export const BAND_LIMITS = [4.4, 4.6, 4.8] as const;

export function scoreBandOf(score: number): ScoreBand {
  const shown = roundScoreForDisplay(score);
  if (shown >= 4.8) return "from48";
  if (shown >= 4.6) return "from46";
  if (shown >= 4.4) return "from44";
  return "below44";
}

/** Tailwind classes per band: red, amber, green, emerald. Always paired with text. */
export const BAND_CLASSES: Record<ScoreBand, { chip: string; text: string; dot: string }> = {
  below44: { chip: "bg-red-50 text-red-800 ring-red-200", text: "text-red-700", dot: "bg-red-500" },
  from44: { chip: "bg-amber-50 text-amber-900 ring-amber-200", text: "text-amber-700", dot: "bg-amber-500" },
  from46: { chip: "bg-green-50 text-green-800 ring-green-200", text: "text-green-700", dot: "bg-green-500" },
  from48: { chip: "bg-emerald-100 text-emerald-900 ring-emerald-300", text: "text-emerald-700", dot: "bg-emerald-600" },
};

/** A 0–1 percentile as the whole percent of peers it beats (never rounded up past what it is). */
export function percentileToPercent(percentile: number): number {
  return Math.floor(Number((percentile * 100).toFixed(6)));
}

/** A rate (0–1) as a percentage with up to 2 decimals: 0.96523 → "96.52%". */
export function formatRate(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: "percent", minimumFractionDigits: 0, maximumFractionDigits: 2 }).format(value);
}

/** A plain number with a fixed number of decimals in the user's locale. */
export function formatNumber(value: number, locale: string, maximumFractionDigits = 2, minimumFractionDigits = 0): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits, maximumFractionDigits }).format(value);
}

/** Points a score still needs to reach `target`, on shown scores (never negative). */
export function distanceTo(target: number, score: number): number {
  return Math.max(0, roundScoreForDisplay(target - roundScoreForDisplay(score)));
}
