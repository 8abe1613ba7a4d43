import type { IndicatorFactRow } from "@/lib/contracts/insight";
import { hoursBetween } from "@/server/scoring/fact-contributions";
import type { IndicatorFact } from "@/server/scoring/indicator-facts";
import { INDICATORS, type IndicatorCode } from "@/server/scoring/indicators";

/** What the database adds to a fact: names and the after-sale's reason text (never buyer data). */
export type FactNames = {
  /** Splits a fact's order id into shop and order (a creator's ids are qualified by shop). */
  orderOf: (factOrderId: string) => { shopName: string | null; orderId: string };
  productOf: (factOrderId: string) => string | null;
  reasonOf: (factOrderId: string, afterSaleId: string) => string | null;
};

const STARS_OF: Partial<Record<IndicatorCode, "productStars" | "logisticsStars" | "serviceStars">> = {
  good_review_rate: "productStars",
  logistics_good_review_rate: "logisticsStars",
  service_good_review_rate: "serviceStars",
};

type Detail = Pick<IndicatorFactRow, "kind" | "ref" | "stars" | "hours" | "reason" | "complaintKind" | "chatTurns" | "chatTurnsAnswered"> & { factOrderId: string | null };

const NO_DETAIL = { stars: null, hours: null, reason: null, complaintKind: null, chatTurns: null, chatTurnsAnswered: null };

function detailOf(line: IndicatorFact, code: IndicatorCode, names: FactNames): Detail {
  const { fact } = line;
  const definition = INDICATORS[code];
  // A mean's hours are the fact's own (numerator ÷ denominator, unweighted): exactly what the engine added.
  const meanHours = definition.kind === "mean" && line.unweightedDenominator > 0 ? line.unweightedNumerator / line.unweightedDenominator : null;
  switch (fact.kind) {
    case "order": {
      const { order, firstAfterSale } = fact;
      const pickupHours = code === "pickup_24h_rate" && order.pickedUpAt ? hoursBetween(order.paidAt, order.pickedUpAt) : null;
      const qualityReturn = code === "quality_return_rate" && line.unweightedNumerator > 0 && firstAfterSale;
      return {
        ...NO_DETAIL,
        kind: "order",
        ref: names.orderOf(order.orderId).orderId,
        factOrderId: order.orderId,
        hours: meanHours ?? pickupHours,
        reason: qualityReturn ? names.reasonOf(order.orderId, firstAfterSale.aftersaleId) : null,
      };
    }
    case "review": {
      const column = STARS_OF[code];
      return { ...NO_DETAIL, kind: "review", ref: names.orderOf(fact.review.orderId).orderId, factOrderId: fact.review.orderId, stars: column ? fact.review[column] : null };
    }
    case "afterSale":
      return {
        ...NO_DETAIL,
        kind: "afterSale",
        ref: fact.afterSale.aftersaleId,
        factOrderId: fact.afterSale.orderId,
        hours: meanHours,
        reason: names.reasonOf(fact.afterSale.orderId, fact.afterSale.aftersaleId),
      };
    case "complaint":
      return { ...NO_DETAIL, kind: "complaint", ref: fact.complaint.caseId, factOrderId: fact.complaint.orderId, complaintKind: fact.complaint.kind };
    case "chat":
      return { ...NO_DETAIL, kind: "chat", ref: fact.chat.sessionId, factOrderId: null, chatTurns: fact.chat.customerTurns, chatTurnsAnswered: fact.chat.turnsAnsweredWithin3min };
  }
}

/**
 * Does the fact pull the indicator the wrong way? For a rate where higher is better, a fact whose
 * numerator falls short of its denominator (a non-good review, a late pickup, unanswered turns);
 * where lower is better, one counted in the numerator (a quality return, a complaint); for a
 * mean, one slower than the indicator's own mean.
 */
function isHurting(line: IndicatorFact, code: IndicatorCode, indicatorValue: number | null): boolean {
  const definition = INDICATORS[code];
  if (definition.kind === "mean") {
    if (indicatorValue === null || line.unweightedDenominator === 0) return false;
    return line.unweightedNumerator / line.unweightedDenominator > indicatorValue;
  }
  return definition.better === "higher" ? line.unweightedNumerator < line.unweightedDenominator : line.unweightedNumerator > 0;
}

/** A listed fact as the drill-down shows it. */
export function factRowOf(line: IndicatorFact, code: IndicatorCode, indicatorValue: number | null, names: FactNames): IndicatorFactRow {
  const { factOrderId, ...detail } = detailOf(line, code, names);
  const order = factOrderId === null ? null : names.orderOf(factOrderId);
  return {
    ...detail,
    orderId: order?.orderId ?? null,
    shopName: order?.shopName ?? null,
    productName: factOrderId === null ? null : names.productOf(factOrderId),
    day: line.day,
    leavesWindowOn: line.leavesWindowOn,
    weight: line.weight,
    numerator: line.numerator,
    denominator: line.denominator,
    countsInNumerator: line.numerator !== 0,
    hurting: isHurting(line, code, indicatorValue),
  };
}
