import type { ScoreScale, ShownScore, Threshold } from "@/lib/contracts/explanation";

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
export function shownScoreOf(ruleSet: ScoreScale, score: number): ShownScore {
  const shown = roundScoreForDisplay(score, ruleSet.displayDecimals);
  return { shown, band: bandOfShown(ruleSet.thresholds, shown) };
}

export function thresholdBandOf(ruleSet: ScoreScale, score: number): Threshold | null {
  return shownScoreOf(ruleSet, score).band;
}

export function scoreScaleOf(ruleSet: ScoreScale): ScoreScale {
  return {
    scoreBounds: ruleSet.scoreBounds,
    thresholds: ruleSet.thresholds,
    displayDecimals: ruleSet.displayDecimals,
  };
}

/** The rule set's thresholds from the lowest band up (the floor band, minScore null, first). */
export function thresholdsAscending(ruleSet: ScoreScale): Threshold[] {
  return [...ruleSet.thresholds].sort((a, b) => (a.minScore ?? -Infinity) - (b.minScore ?? -Infinity));
}

/** The band just above the shown score's band and the one just below it, if any. */
export function neighbourThresholdsOf(ruleSet: ScoreScale, shown: number): { above: Threshold | null; below: Threshold | null } {
  const ordered = thresholdsAscending(ruleSet);
  const band = bandOfShown(ruleSet.thresholds, shown);
  const at = band ? ordered.indexOf(band) : -1;
  return { above: ordered[at + 1] ?? null, below: at > 0 ? (ordered[at - 1] ?? null) : null };
}

/**
 * The smallest stored (unrounded) score that is shown as at least `shownMin`, so a database can
 * filter and band stored scores exactly as shownScoreOf would, without rounding on its side.
 */
export function lowestScoreShownAtLeast(ruleSet: ScoreScale, shownMin: number): number {
  const decimals = ruleSet.displayDecimals;
  // A bound between two shown steps (4.67 on a one-decimal scale) means the next step up (4.7):
  // the search below starts half a step under a shown value, or it would creep a whole step.
  const factor = 10 ** decimals;
  const target = Math.ceil(Number((shownMin * factor).toFixed(6))) / factor;
  const step = 1e-12 * Math.max(1, Math.abs(target));
  let score = target - 0.5 / factor;
  while (roundScoreForDisplay(score, decimals) < target) score += step;
  while (roundScoreForDisplay(score - step, decimals) >= target) score -= step;
  return score;
}

/** A shown score one display step above `shown` (the exclusive end of "shown at most `shown`"). */
export function nextShownStep(ruleSet: ScoreScale, shown: number): number {
  const factor = 10 ** ruleSet.displayDecimals;
  // From the shown step at or below `shown` (4.67 on a one-decimal scale is 4.6, so "at most 4.67" ends before 4.7).
  const onGrid = Math.floor(Number((shown * factor).toFixed(6))) / factor;
  return roundScoreForDisplay(onGrid + 1 / factor, ruleSet.displayDecimals);
}
