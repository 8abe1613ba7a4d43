import { BIG_TICKET_CATEGORIES, DAMAGE_REASONS, DOUYIN_100_COMMON, DOUYIN_100_DIMENSION_NAMES as NAMES, DOUYIN_100_PRODUCT, DOUYIN_100_SERVICE, FULFILMENT_FAULT_REASONS } from "./douyin-100-common";
import { definePointsRuleSet } from "./points-schema";

/** The 2026-09 revision: dimensions scored by composite percentile, new bonuses and deductions. */
export const douyinShop2026_09 = definePointsRuleSet({
  name: "douyin-shop-2026-09",
  labelZh: "抖音商家体验分（百分制 2026-09）",
  labelEn: "Douyin shop experience score (100-point, 2026-09)",
  ...DOUYIN_100_COMMON,
  scoreBounds: { min: 0, max: 100 },
  // DEFAULT: dimension score = 50 + 50 × composite percentile.
  dimensionScoring: { kind: "composite", floor: 50, span: 50, emptyComposite: 0.5 },
  dimensions: [
    DOUYIN_100_PRODUCT,
    {
      code: "logistics",
      ...NAMES.logistics,
      weight: 0.3,
      indicators: [{ code: "avg_pickup_hours", weight: 1 }, { code: "delivery_ontime_rate", weight: 1 }, { code: "damage_return_rate", weight: 1 }],
    },
    DOUYIN_100_SERVICE,
  ],
  industryWeights: [],
  protection: null,
  reasons: { fulfilment: FULFILMENT_FAULT_REASONS, damage: DAMAGE_REASONS, notQuality: DAMAGE_REASONS },
  bonuses: [
    { rule: "next_day_share", code: "next_day_delivery", points: 5, minShare: 0.2 },
    { rule: "insured_orders", code: "return_insurance", points: 2, service: "return_insurance", orderFlag: "returnInsurance" },
    { rule: "insured_orders", code: "large_item_insurance", points: 2, service: "large_item_insurance", orderFlag: "largeItemInsurance" },
    { rule: "onsite_install", code: "onsite_install", points: 2, minOrders: 50, minShare: 0.3, categories: BIG_TICKET_CATEGORIES },
  ],
  deductions: [
    { code: "bad_service", types: ["abnormal_aftersale_address", "invoice_refusal"], points: 2, once: false, cap: 10 },
    { code: "fake_orders", types: ["fake_orders"], points: 10, once: true, cap: null },
    { code: "false_advertising", types: ["false_advertising"], points: 10, once: true, cap: null },
    { code: "fraudulent_shipping", types: ["fraudulent_shipping"], points: 10, once: true, cap: null },
    { code: "missing_brand_qualification", types: ["missing_brand_qualification"], points: 10, once: true, cap: null },
  ],
});
