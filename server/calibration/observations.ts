import type { CurrentIndicatorCode } from "@/server/scoring/current/indicator-codes";
import type { CurrentScore } from "@/server/scoring/current/result";
import type { CalibrationObservation } from "./fit";

/** What the platform reported for a shop-day, in Koubei's codes (a platform_score_snapshots row's numbers). */
export type ReportedScores = {
  overall: number | null;
  dimensions: Partial<Record<string, { score: number | null }>>;
  indicators: Partial<Record<string, { score: number | null }>>;
};

/**
 * A shop-day for calibration from Koubei's score of it (the engine's result, under the
 * organisation's current entries) and the platform's report; null when it cannot inform the fit:
 * not in the formal stage (a growth-stage score is flat), or no overall score reported.
 */
export function observationOf(shopId: string, score: CurrentScore, reported: ReportedScores): CalibrationObservation | null {
  if (score.state !== "formal" || reported.overall === null) return null;
  const values: CalibrationObservation["values"] = {};
  const protectedIndicators: CurrentIndicatorCode[] = [];
  for (const [code, result] of Object.entries(score.indicators) as [CurrentIndicatorCode, NonNullable<CurrentScore["indicators"][CurrentIndicatorCode]>][]) {
    if (result.value !== null && Number.isFinite(result.value)) values[code] = result.value;
    if (result.protected) protectedIndicators.push(code);
  }
  const dimensionBonus: Record<string, number> = {};
  for (const bonus of score.bonuses) if (bonus.dimension !== undefined && (bonus.applied ?? 0) !== 0) dimensionBonus[bonus.dimension] = (dimensionBonus[bonus.dimension] ?? 0) + (bonus.applied ?? 0);
  const indicators: CalibrationObservation["reported"]["indicators"] = {};
  for (const [code, numbers] of Object.entries(reported.indicators)) if (numbers?.score != null) indicators[code as CurrentIndicatorCode] = numbers.score;
  const dimensions: Record<string, number> = {};
  for (const [code, numbers] of Object.entries(reported.dimensions)) if (numbers?.score != null) dimensions[code] = numbers.score;
  return {
    shopId,
    day: score.date,
    values,
    protectedIndicators,
    dimensionBonus,
    deductions: score.deductions.reduce((sum, d) => sum + d.points, 0),
    reported: { overall: reported.overall, dimensions, indicators },
  };
}
