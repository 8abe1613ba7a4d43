/**
 * The ordinal fit of an indicator's value cut-offs (ADR 0023). Observations are (value, reported
 * band rank) pairs, rank 0 the best band; cut-offs are best band first, one per band but the
 * last, and a value at least as good as cut-off k (inclusive) is in band k or better.
 *
 * For boundary k an observation is misclassified when its reported rank is ≤ k but its value is
 * worse than the cut-off, or its rank is > k but its value is at least as good. With monotone
 * cut-offs the number of boundaries an observation is misclassified at is exactly how many bands
 * its predicted band is from its reported one, so minimising the total over every boundary
 * minimises the summed absolute band error. The minimum over monotone cut-offs is found exactly
 * by dynamic programming over the gaps between the sorted distinct values (O(bands × values)).
 *
 * Within the chosen gap a cut-off is placed at its midpoint: every cut-off in the gap classifies
 * the observations alike, so the true one lies in the same gap whenever the data separate the
 * bands. A boundary the data cannot place (no observation in a better band, or none in a worse
 * one) keeps the organisation's current cut-off when that stays consistent, else is extrapolated
 * a typical band width beyond the data; both are reported as such.
 */

export type BoundaryStatus = "fitted" | "kept" | "extrapolated";

export type FittedBoundary = {
  /** The cut-off, in the indicator's own units. */
  value: number;
  status: BoundaryStatus;
  /** Observations in this band or a better one, and in a worse one. */
  better: number;
  worse: number;
  /** Observations on the wrong side of this cut-off. */
  misclassified: number;
  /** The values either side of the chosen gap (for a fitted boundary): any cut-off in (worst better-side value, best worse-side value] classifies alike. */
  gap: { from: number; to: number } | null;
};

export type CutoffFit = {
  cutoffs: number[];
  boundaries: FittedBoundary[];
  observations: number;
  /** Σ |predicted rank − reported rank| over the observations, and its mean. */
  bandErrors: number;
  meanBandError: number;
};

export type RankedValue = { value: number; rank: number };

/**
 * Fits `bandCount − 1` cut-offs for an indicator whose values are better when `better` is
 * "higher" (else lower). null when the observations cannot place any boundary (all in one band).
 */
export function fitCutoffs(observations: readonly RankedValue[], options: { bandCount: number; better: "higher" | "lower"; current?: readonly number[] | null }): CutoffFit | null {
  const boundaries = options.bandCount - 1;
  if (boundaries < 1 || observations.length === 0) return null;
  const sign = options.better === "higher" ? 1 : -1;
  // In "x" space larger is always better: x = value for higher-better, −value for lower-better.
  const points = observations.map((o) => ({ x: sign * o.value, rank: Math.min(Math.max(0, Math.round(o.rank)), boundaries) }));
  const xs = [...new Set(points.map((p) => p.x))].sort((a, b) => a - b);
  const m = xs.length;
  const indexOf = new Map(xs.map((x, i) => [x, i]));
  // countAtOrBetter[k][i]: observations with rank ≤ k at distinct value i; total per value.
  const betterAt = Array.from({ length: boundaries }, () => new Array<number>(m).fill(0));
  const totalAt = new Array<number>(m).fill(0);
  for (const p of points) {
    const i = indexOf.get(p.x) ?? 0;
    totalAt[i] = (totalAt[i] ?? 0) + 1;
    for (let k = p.rank; k < boundaries; k++) (betterAt[k] as number[])[i] = ((betterAt[k] as number[])[i] ?? 0) + 1;
  }
  // errors[k][p]: misclassified at boundary k when the cut-off lies in gap p (values 0…p−1 below it, p…m−1 at or above it).
  const errors = betterAt.map((better) => {
    const row = new Array<number>(m + 1).fill(0);
    // Below the cut-off but reported in band ≤ k: prefix of `better`; at or above it but reported worse: suffix of (total − better).
    let prefixBetter = 0;
    let suffixWorse = 0;
    for (let i = 0; i < m; i++) suffixWorse += (totalAt[i] ?? 0) - (better[i] ?? 0);
    row[0] = suffixWorse;
    for (let p = 1; p <= m; p++) {
      prefixBetter += better[p - 1] ?? 0;
      suffixWorse -= (totalAt[p - 1] ?? 0) - (better[p - 1] ?? 0);
      row[p] = prefixBetter + suffixWorse;
    }
    return row;
  });
  // Monotone cut-offs: t_0 ≥ t_1 ≥ … in x, so gaps p_0 ≥ p_1 ≥ …. cost[k][p] = errors[k][p] + min over q ≥ p of cost[k−1][q].
  const cost: number[][] = [];
  const choice: number[][] = [];
  for (let k = 0; k < boundaries; k++) {
    const row = new Array<number>(m + 1).fill(0);
    const from = new Array<number>(m + 1).fill(-1);
    if (k === 0) for (let p = 0; p <= m; p++) row[p] = errors[0]?.[p] ?? 0;
    else {
      // Best previous gap at or above p, scanning down; ties go to the gap nearest p (the least extreme cut-off).
      let bestCost = Infinity;
      let bestGap = m;
      for (let p = m; p >= 0; p--) {
        const previous = cost[k - 1]?.[p] ?? Infinity;
        if (previous <= bestCost) {
          bestCost = previous;
          bestGap = p;
        }
        row[p] = (errors[k]?.[p] ?? 0) + bestCost;
        from[p] = bestGap;
      }
    }
    cost.push(row);
    choice.push(from);
  }
  const last = cost[boundaries - 1] ?? [];
  let gapOfLast = 0;
  for (let p = 0; p <= m; p++) if ((last[p] ?? Infinity) < (last[gapOfLast] ?? Infinity)) gapOfLast = p;
  const gaps = new Array<number>(boundaries).fill(0);
  gaps[boundaries - 1] = gapOfLast;
  for (let k = boundaries - 1; k > 0; k--) gaps[k - 1] = choice[k]?.[gaps[k] ?? 0] ?? m;

  const betterCount = (k: number) => points.filter((p) => p.rank <= k).length;
  const supported = (k: number) => betterCount(k) > 0 && betterCount(k) < points.length;
  if (![...Array(boundaries).keys()].some(supported)) return null;

  // x-space cut-offs of the supported boundaries at their gaps' midpoints.
  const xCut = new Array<number | null>(boundaries).fill(null);
  const status = new Array<BoundaryStatus>(boundaries).fill("fitted");
  const gapOf = new Array<FittedBoundary["gap"]>(boundaries).fill(null);
  for (let k = 0; k < boundaries; k++) {
    if (!supported(k)) continue;
    const p = gaps[k] ?? 0;
    const below = xs[p - 1];
    const above = xs[p];
    if (below !== undefined && above !== undefined) {
      xCut[k] = (below + above) / 2;
      gapOf[k] = { from: below, to: above };
    } else if (above !== undefined) xCut[k] = above;
    // Every value is below the cut-off: it sits just past the best one (a boundary the data place only on one side of the errors).
    else xCut[k] = (xs[m - 1] ?? 0) + Math.abs(xs[m - 1] ?? 1) * 1e-9 + 1e-12;
  }
  const fittedXs = xCut.filter((x): x is number => x !== null);
  const range = (xs[m - 1] ?? 0) - (xs[0] ?? 0);
  const spacing =
    fittedXs.length >= 2 ? ((fittedXs[0] ?? 0) - (fittedXs[fittedXs.length - 1] ?? 0)) / (fittedXs.length - 1) : range > 0 ? range / boundaries : Math.max(Math.abs(xs[0] ?? 0) * 0.1, 1e-6);
  const step = spacing > 0 ? spacing : range > 0 ? range / boundaries : 1e-6;
  const currentX = options.current && options.current.length === boundaries ? options.current.map((c) => sign * c) : null;
  const firstFitted = xCut.findIndex((x) => x !== null);
  const lastFitted = boundaries - 1 - [...xCut].reverse().findIndex((x) => x !== null);
  // Better bands nobody reached: above every value, above the next cut-off.
  for (let k = firstFitted - 1; k >= 0; k--) {
    const floor = Math.max(xCut[k + 1] ?? -Infinity, xs[m - 1] ?? -Infinity);
    const kept = currentX?.[k];
    if (kept !== undefined && kept > floor) {
      xCut[k] = kept;
      status[k] = "kept";
    } else {
      xCut[k] = floor + step;
      status[k] = "extrapolated";
    }
  }
  // Worse bands nobody fell to: at or below every value, below the previous cut-off.
  for (let k = lastFitted + 1; k < boundaries; k++) {
    const ceiling = Math.min(xCut[k - 1] ?? Infinity, xs[0] ?? Infinity);
    const kept = currentX?.[k];
    if (kept !== undefined && kept <= ceiling && kept <= (xs[0] ?? Infinity)) {
      xCut[k] = kept;
      status[k] = "kept";
    } else {
      xCut[k] = ceiling - step;
      status[k] = "extrapolated";
    }
  }
  const cutX = xCut.map((x) => x ?? 0);
  const predictedRank = (x: number) => {
    for (let k = 0; k < boundaries; k++) if (x >= (cutX[k] ?? Infinity)) return k;
    return boundaries;
  };
  const bandErrors = points.reduce((sum, p) => sum + Math.abs(predictedRank(p.x) - p.rank), 0);
  const result: FittedBoundary[] = cutX.map((x, k) => {
    const better = betterCount(k);
    const misclassified = points.filter((p) => (p.rank <= k) !== p.x >= x).length;
    const gap = gapOf[k];
    return {
      value: sign * x,
      status: status[k] ?? "fitted",
      better,
      worse: points.length - better,
      misclassified,
      gap: gap ? { from: sign * gap.from, to: sign * gap.to } : null,
    };
  });
  return { cutoffs: result.map((b) => b.value), boundaries: result, observations: points.length, bandErrors, meanBandError: bandErrors / points.length };
}
