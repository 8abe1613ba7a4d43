/** The median of an odd or even number of values (the mean of the middle two). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1 ? (sorted[middle] ?? Number.NaN) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

type Tree = { [key: string]: Tree | number | string | boolean | null };

/**
 * Runs of one benchmark, same shape each, folded into one object whose every number is the median
 * of that number over the runs (each ratio is the median of the per-run ratios, every ratio having
 * been computed within its own run); other values are taken from the first run.
 */
export function medianOfRuns<T extends object>(runs: readonly T[]): T {
  const fold = (nodes: readonly unknown[]): unknown => {
    const first = nodes[0];
    if (typeof first === "number") return median(nodes.map((n) => (typeof n === "number" ? n : Number.NaN)));
    if (first && typeof first === "object" && !Array.isArray(first)) {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(first)) out[key] = fold(nodes.map((n) => (n as Tree)[key]));
      return out;
    }
    return first;
  };
  return fold(runs) as T;
}
