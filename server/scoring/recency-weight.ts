/** scoring.md §2: a day of age a (0 = the window's newest day) weighs 0.5^(a/H). */
export function recencyWeight(ageDays: number, halfLifeDays: number): number {
  if (!(halfLifeDays > 0)) throw new RangeError(`half-life must be positive, got ${halfLifeDays}`);
  if (ageDays < 0) throw new RangeError(`age must not be negative, got ${ageDays}`);
  return Math.pow(0.5, ageDays / halfLifeDays);
}
