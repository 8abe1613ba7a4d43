export type CurveKnot = { x: number; y: number };

/**
 * Piecewise-linear curve through knots sorted by x. Outside the knots the end values hold, so a
 * composite a hair outside [0, 1] cannot escape the score range.
 */
export function applyCurve(knots: readonly CurveKnot[], x: number): number {
  const first = knots[0];
  const last = knots[knots.length - 1];
  if (!first || !last) throw new RangeError("a curve needs at least one knot");
  if (x <= first.x) return first.y;
  if (x >= last.x) return last.y;
  for (let i = 1; i < knots.length; i += 1) {
    const right = knots[i];
    const left = knots[i - 1];
    if (!right || !left) break;
    if (x <= right.x) {
      if (x === right.x) return right.y;
      return left.y + ((x - left.x) * (right.y - left.y)) / (right.x - left.x);
    }
  }
  return last.y;
}
