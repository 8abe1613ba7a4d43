import { addDays, daysBetween, type Day } from "@/server/lib/time";
import { visitFactContributions, type ContributingFact } from "./fact-contributions";
import type { EntityFacts } from "./facts";
import { INDICATORS, type IndicatorCode } from "./indicators";
import { recencyWeight } from "./recency-weight";
import { windowBounds, type ValueParams } from "./window";

/**
 * One fact behind an indicator on a scoring day, as the explanation counts it: its anchor day in
 * the window, the recency weight that day carries, and its weighted share of the indicator's
 * numerator and denominator (for a mean: weight × hours and weight × 1).
 */
export type IndicatorFact = {
  fact: ContributingFact;
  /** The anchor day whose recency weight the fact carries. */
  day: Day;
  /** The first scoring day whose window no longer reaches the anchor day. */
  leavesWindowOn: Day;
  weight: number;
  numerator: number;
  denominator: number;
  /** The same contributions unweighted: counts (for a mean, hours and 1). */
  unweightedNumerator: number;
  unweightedDenominator: number;
};

/** Which facts share one listing line: one order, review, after-sale, complaint or chat session. */
export function factKey(fact: ContributingFact): string {
  switch (fact.kind) {
    case "order":
      return `order|${fact.order.orderId}`;
    case "review":
      return `review|${fact.review.orderId}|${fact.review.reviewedAt.toISOString()}`;
    case "afterSale":
      return `afterSale|${fact.afterSale.aftersaleId}`;
    case "complaint":
      return `complaint|${fact.complaint.caseId}`;
    case "chat":
      return `chat|${fact.chat.sessionId}`;
  }
}

/**
 * Every fact with a non-zero weighted contribution to `code` as of `day`, in the order the
 * engine meets them. Summed, numerator and denominator are the indicator's numerator and
 * denominator in computeIndicatorValues for the same facts (same window, visibility and weight).
 */
export function listIndicatorFacts(facts: EntityFacts, code: IndicatorCode, day: Day, params: ValueParams): IndicatorFact[] {
  const definition = INDICATORS[code];
  const spec = params.windows[definition.window];
  const { first, last } = windowBounds(day, spec);
  const lines = new Map<string, IndicatorFact>();
  visitFactContributions(facts, (fact, anchorDay, visibleDay, field, amount) => {
    if (field !== definition.numerator && field !== definition.denominator) return;
    if (anchorDay < first || anchorDay > last || visibleDay > day) return;
    const key = `${factKey(fact)}|${anchorDay}`;
    let line = lines.get(key);
    if (!line) {
      line = {
        fact,
        day: anchorDay,
        leavesWindowOn: addDays(anchorDay, spec.fromDaysBefore + 1),
        weight: recencyWeight(daysBetween(anchorDay, last), params.halfLifeDays),
        numerator: 0,
        denominator: 0,
        unweightedNumerator: 0,
        unweightedDenominator: 0,
      };
      lines.set(key, line);
    }
    if (field === definition.numerator) {
      line.unweightedNumerator += amount;
      line.numerator = line.weight * line.unweightedNumerator;
    } else {
      line.unweightedDenominator += amount;
      line.denominator = line.weight * line.unweightedDenominator;
    }
  });
  return [...lines.values()].filter((line) => line.numerator !== 0 || line.denominator !== 0);
}
