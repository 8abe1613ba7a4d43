import type { ScoreScale, ShownScore, Threshold } from "@/lib/contracts/explanation";
import type { RuleSet } from "./rule-sets/schema";

/**
 * How a rule set's scores are shown. The server is the only place that rounds a score or picks its
 * band; the explanation, history and portfolio carry the results, and the UI only formats them.
 */

/** §6.4: scores are stored unrounded and shown rounded half up to the rule set's decimals. */
export function roundScoreForDisplay(score: number, decimals: number): number {
  // Strip binary noise first (4.605 is stored as 4.60499…), then round half up on the decimal.
  const clean = Number(score.toFixed(10));
  const factor = 10 ** decimals;
  return Math.floor(clean * factor + 0.5 + 1e-9) / factor;
}

/** The highest threshold a shown (already rounded) score reaches. */
function bandOfShown(thresholds: readonly Threshold[], shown: number): Threshold | null {
  let band: Threshold | null = null;
  for (const threshold of thresholds) {
    if (threshold.minScore === null || shown >= threshold.minScore) {
      if (band === null || (threshold.minScore ?? -Infinity) >= (band.minScore ?? -Infinity))
        band = threshold;
    }
  }
  return band;
}

/** An unrounded score as shown, with the band the shown score reaches (as the shop sees it). */
export function shownScoreOf(ruleSet: RuleSet, score: number): ShownScore {
  const shown = roundScoreForDisplay(score, ruleSet.displayDecimals);
  return { shown, band: bandOfShown(ruleSet.thresholds, shown) };
}

export function thresholdBandOf(ruleSet: RuleSet, score: number): Threshold | null {
  return shownScoreOf(ruleSet, score).band;
}

export function scoreScaleOf(ruleSet: RuleSet): ScoreScale {
  return {
    scoreBounds: ruleSet.scoreBounds,
    thresholds: ruleSet.thresholds,
    displayDecimals: ruleSet.displayDecimals,
  };
}
