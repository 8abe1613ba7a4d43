/**
 * A small seeded PRNG (mulberry32) so demo data and benchmark data are the same on every machine.
 * Not for anything secret.
 */
export type Random = { next(): number; int(min: number, max: number): number; pick<T>(items: readonly T[]): T; normal(mean: number, sd: number): number; chance(p: number): boolean };

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number],
    normal: (mean, sd) => mean + sd * Math.sqrt(-2 * Math.log(next() || 1e-12)) * Math.cos(2 * Math.PI * next()),
    chance: (p) => next() < p,
  };
}
