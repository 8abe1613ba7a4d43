/**
 * Non-negative least squares with the weights summing to 1 (ADR 0023): minimise ‖A w − b‖² over
 * w ≥ 0, Σ w = 1. A dimension has at most a handful of indicators (four in the 100-point rules),
 * so the active set is found by enumeration: for every subset S of free weights (the others 0)
 * the equality-constrained problem is solved exactly from its KKT system
 *
 *   [ 2 AₛᵀAₛ  1 ] [ wₛ ]   [ 2 Aₛᵀb ]
 *   [   1ᵀ     0 ] [ λ  ] = [   1    ]
 *
 * and the feasible solution (every wₛ ≥ 0) with the least residual is the answer. The problem is
 * convex, so that is the global minimum; the solution is unique when AᵀA restricted to the
 * simplex's directions is non-singular, which `identifiable` reports.
 */

export type SimplexFit = {
  weights: number[];
  /** Root mean square of the residuals. */
  rmse: number;
  /** False when the data cannot tell the weights apart (too few distinct rows, or columns that move together). */
  identifiable: boolean;
};

/** Largest number of weights solved by enumeration (2^n subsets). */
export const MAX_SIMPLEX_WEIGHTS = 12;

/** Solves M x = y by Gaussian elimination with partial pivoting; null when M is singular. */
export function solveLinear(matrix: readonly (readonly number[])[], rhs: readonly number[]): number[] | null {
  const n = rhs.length;
  const a = matrix.map((row, i) => [...row, rhs[i] ?? 0]);
  const scale = Math.max(1e-300, ...a.flatMap((row) => row.slice(0, n).map(Math.abs)));
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r]?.[col] ?? 0) > Math.abs(a[pivot]?.[col] ?? 0)) pivot = r;
    if (Math.abs(a[pivot]?.[col] ?? 0) < scale * 1e-12) return null;
    [a[col], a[pivot]] = [a[pivot] ?? [], a[col] ?? []];
    const row = a[col] ?? [];
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const target = a[r] ?? [];
      const factor = (target[col] ?? 0) / (row[col] ?? 1);
      if (factor === 0) continue;
      for (let c = col; c <= n; c++) target[c] = (target[c] ?? 0) - factor * (row[c] ?? 0);
    }
  }
  return a.map((row, i) => (row[n] ?? 0) / (row[i] ?? 1));
}

function residual(rows: readonly (readonly number[])[], targets: readonly number[], weights: readonly number[]): number {
  let sum = 0;
  rows.forEach((row, i) => {
    const predicted = row.reduce((s, x, j) => s + x * (weights[j] ?? 0), 0);
    sum += (predicted - (targets[i] ?? 0)) ** 2;
  });
  return sum;
}

/** The least squares on the simplex restricted to the columns in `subset`; null when singular. */
function solveSubset(gram: readonly (readonly number[])[], atb: readonly number[], subset: readonly number[]): number[] | null {
  const k = subset.length;
  const matrix: number[][] = [];
  const rhs: number[] = [];
  for (let i = 0; i < k; i++) {
    const si = subset[i] ?? 0;
    matrix.push([...subset.map((sj) => 2 * (gram[si]?.[sj] ?? 0)), 1]);
    rhs.push(2 * (atb[si] ?? 0));
  }
  matrix.push([...new Array<number>(k).fill(1), 0]);
  rhs.push(1);
  const solution = solveLinear(matrix, rhs);
  return solution ? solution.slice(0, k) : null;
}

/** Fits weights w ≥ 0, Σ w = 1 to rows·w ≈ targets. null when there are no rows or too many weights. */
export function simplexLeastSquares(rows: readonly (readonly number[])[], targets: readonly number[]): SimplexFit | null {
  const n = rows[0]?.length ?? 0;
  if (rows.length === 0 || n === 0 || n > MAX_SIMPLEX_WEIGHTS) return null;
  const gram = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => rows.reduce((s, row) => s + (row[i] ?? 0) * (row[j] ?? 0), 0)));
  const atb = Array.from({ length: n }, (_, i) => rows.reduce((s, row, r) => s + (row[i] ?? 0) * (targets[r] ?? 0), 0));
  let best: { weights: number[]; residual: number } | null = null;
  for (let mask = 1; mask < 1 << n; mask++) {
    const subset = [...Array(n).keys()].filter((j) => (mask >> j) & 1);
    const solved = solveSubset(gram, atb, subset);
    if (!solved || solved.some((w) => w < -1e-12)) continue;
    const weights = new Array<number>(n).fill(0);
    subset.forEach((j, i) => (weights[j] = Math.max(0, solved[i] ?? 0)));
    const sum = weights.reduce((s, w) => s + w, 0);
    const normalised = weights.map((w) => w / sum);
    const r = residual(rows, targets, normalised);
    if (!best || r < best.residual - 1e-12) best = { weights: normalised, residual: r };
  }
  if (!best) return null;
  // Identifiable when the full problem's KKT system is non-singular (with one weight, always).
  const identifiable = n === 1 || solveSubset(gram, atb, [...Array(n).keys()]) !== null;
  return { weights: best.weights, rmse: Math.sqrt(best.residual / rows.length), identifiable };
}
