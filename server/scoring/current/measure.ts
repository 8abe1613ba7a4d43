/** An indicator's raw sums: value = numerator / denominator; missing when no unit is known. */
export type Measure = { numerator: number; denominator: number; badEvents: number };

export class Tally {
  numerator = 0;
  denominator = 0;
  badEvents = 0;

  add(value: number, bad = false): void {
    this.numerator += value;
    this.denominator += 1;
    if (bad) this.badEvents += 1;
  }

  measure(): Measure | null {
    return this.denominator > 0 ? { numerator: this.numerator, denominator: this.denominator, badEvents: this.badEvents } : null;
  }
}

export const valueOf = (measure: Measure): number => measure.numerator / measure.denominator;
