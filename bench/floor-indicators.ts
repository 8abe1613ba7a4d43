/**
 * The ten douyin-shop-v1 indicators as the benchmark's SQL floors compute them (issue 15), in the
 * order their arrays hold them. Each is the ratio of two recency-weighted window sums, named as
 * the floors' columns: `w_<roll-up column>` in the main window, `q_` in the quality-return window;
 * `count` is the whole-number count of the denominator, for a floor whose sums can cancel to
 * nearly zero (the history's running totals).
 */
import type { RuleSet } from "@/server/scoring/rule-sets";

export type FloorIndicator = { code: string; numerator: string; denominator: string; count: string; higherIsBetter: boolean };

/** Main-window roll-up columns the indicators divide, summed with weights as `w_<column>`. */
export const MAIN_WEIGHTED = ["product_good", "product_reviews", "logistics_good", "logistics_reviews", "service_good", "service_reviews", "delivery_hours_sum", "delivered_orders", "complaints", "merchant_disputes", "valid_orders", "chat_turns_answered", "chat_turns", "refund_only_hours_sum", "refund_only_completed", "return_refund_hours_sum", "return_refund_completed"];

export const FLOOR_INDICATORS: readonly FloorIndicator[] = [
  { code: "good_review_rate", numerator: "w_product_good", denominator: "w_product_reviews", count: "n_product_reviews", higherIsBetter: true },
  { code: "quality_return_rate", numerator: "q_returns", denominator: "q_orders", count: "n_q_orders", higherIsBetter: false },
  { code: "logistics_good_review_rate", numerator: "w_logistics_good", denominator: "w_logistics_reviews", count: "n_logistics_reviews", higherIsBetter: true },
  { code: "avg_delivery_hours", numerator: "w_delivery_hours_sum", denominator: "w_delivered_orders", count: "n_delivered_orders", higherIsBetter: false },
  { code: "service_good_review_rate", numerator: "w_service_good", denominator: "w_service_reviews", count: "n_service_reviews", higherIsBetter: true },
  { code: "complaint_rate", numerator: "w_complaints", denominator: "w_valid_orders", count: "n_orders", higherIsBetter: false },
  { code: "dispute_merchant_rate", numerator: "w_merchant_disputes", denominator: "w_valid_orders", count: "n_orders", higherIsBetter: false },
  { code: "im_3min_reply_rate", numerator: "w_chat_turns_answered", denominator: "w_chat_turns", count: "n_chat_turns", higherIsBetter: true },
  { code: "refund_only_hours", numerator: "w_refund_only_hours_sum", denominator: "w_refund_only_completed", count: "n_refund_only_completed", higherIsBetter: false },
  { code: "return_refund_hours", numerator: "w_return_refund_hours_sum", denominator: "w_return_refund_completed", count: "n_return_refund_completed", higherIsBetter: false },
];

/** Refuses a rule set whose indicators are not the ten a floor computes: its figures would describe other work. */
export function assertFloorIndicators(ruleSet: RuleSet, floor: string): void {
  const codes = ruleSet.dimensions.flatMap((d) => d.indicators.map((i) => i.code)).sort();
  if (codes.join() !== FLOOR_INDICATORS.map((i) => i.code).sort().join()) throw new Error(`the ${floor} floor computes other indicators than ${ruleSet.name}'s`);
}
