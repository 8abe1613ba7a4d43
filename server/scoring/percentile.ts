export type Better = "higher" | "lower";

/**
 * §5 compares values rounded to 6 decimal places, so that floating-point noise from different
 * summation paths cannot split a tie. toFixed rounds the exact binary value correctly, but prints
 * a string; a history backfill rounds tens of millions of values. Away from a half-way point,
 * value·10^d is off by far less than its distance to the half, so Math.round picks the same
 * integer k, and k / 10^d (an exact division, correctly rounded) is the double Number() reads
 * from toFixed's digits. Near a half-way point, or for huge values, toFixed decides.
 */
export function roundForComparison(value: number, decimals = 6): number {
  if (value === 0) return 0; // toFixed prints -0 as "0"
  const scale = SCALES[decimals] ?? 10 ** decimals;
  const scaled = value * scale;
  if (Math.abs(scaled) < FAST_LIMIT && Math.abs(scaled - Math.floor(scaled) - 0.5) > HALF_MARGIN) return Math.round(scaled) / scale;
  return Number(value.toFixed(decimals));
}

const SCALES = Array.from({ length: 16 }, (_, d) => 10 ** d);
/** Below 2^40, value·10^d is within 2^-13 of the exact product: far inside the margin. */
const FAST_LIMIT = 2 ** 40;
const HALF_MARGIN = 1e-3;

/**
 * Peer percentile P = (B + 0.5·T) / N: B members strictly worse than `value`, T members equal
 * (the entity itself included). `cohort` holds every member's value, the entity's own included.
 */
export function percentileRank(
  value: number,
  cohort: readonly number[],
  better: Better,
  decimals = 6,
): number {
  const own = roundForComparison(value, decimals);
  let worse = 0;
  let equal = 0;
  for (const member of cohort) {
    const other = roundForComparison(member, decimals);
    if (other === own) equal += 1;
    else if (better === "higher" ? other < own : other > own) worse += 1;
  }
  if (equal === 0) throw new RangeError("the cohort must include the entity's own value");
  return (worse + 0.5 * equal) / cohort.length;
}

/**
 * Percentiles for a whole cohort at once in O(N log N): the same numbers as percentileRank for
 * each member. Returns one percentile per input value, in input order.
 */
export function cohortPercentiles(
  values: readonly number[],
  better: Better,
  decimals = 6,
): number[] {
  const n = values.length;
  const rounded = new Float64Array(n);
  for (let i = 0; i < n; i++) rounded[i] = roundForComparison(values[i] as number, decimals);
  const sorted = rounded.slice().sort();
  // notAboveFrom[i]: one past the last entry equal to sorted[i]; a tie's run is then one look-up away.
  const notAboveFrom = new Int32Array(n);
  for (let i = n - 1; i >= 0; i--) notAboveFrom[i] = i + 1 < n && sorted[i + 1] === sorted[i] ? (notAboveFrom[i + 1] as number) : i + 1;
  const percentiles = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const v = rounded[i] as number;
    const below = countBelow(sorted, v);
    const notAbove = Number.isNaN(v) ? countNotAbove(sorted, v) : (notAboveFrom[below] as number);
    const equal = notAbove - below;
    const worse = better === "higher" ? below : n - notAbove;
    percentiles[i] = (worse + 0.5 * equal) / n;
  }
  return percentiles;
}

/** How many entries of an ascending array are strictly below v (binary search). */
export function countBelow(sorted: ArrayLike<number>, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? Number.NaN) < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many entries of an ascending array are at most v (binary search). */
export function countNotAbove(sorted: ArrayLike<number>, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? Number.NaN) <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
