import { BIG_TICKET_CATEGORIES, DAMAGE_REASONS, DOUYIN_100_BANDS, DOUYIN_100_COMMON, DOUYIN_100_DIMENSION_NAMES as NAMES, DOUYIN_100_PRODUCT, DOUYIN_100_SERVICE, FULFILMENT_FAULT_REASONS } from "./douyin-100-common";
import { definePointsRuleSet } from "./points-schema";

/** The 100-point, 30-day rules in force from 2026-07-14 (scoring-current-rules.md). */
export const douyinShop2026_07 = definePointsRuleSet({
  name: "douyin-shop-2026-07",
  labelZh: "抖音商家体验分（百分制 2026-07）",
  labelEn: "Douyin shop experience score (100-point, 2026-07)",
  ...DOUYIN_100_COMMON,
  dimensionScoring: { kind: "indicator-bands", bands: DOUYIN_100_BANDS, empty: 80 },
  dimensions: [
    // DEFAULT dimension weights 0.4 / 0.3 / 0.3 and equal indicator weights.
    DOUYIN_100_PRODUCT,
    {
      code: "logistics",
      ...NAMES.logistics,
      weight: 0.3,
      indicators: [{ code: "pickup_time_score", weight: 1 }, { code: "delivery_ontime_rate", weight: 1 }, { code: "fulfilment_return_rate", weight: 1 }],
    },
    DOUYIN_100_SERVICE,
  ],
  industryWeights: [
    { categories: ["3C数码", "digital"], storeTypes: null, indicatorWeights: { chat_dissatisfaction_rate: 25, chat_response_seconds: 25, aftersale_review_hours: 25, platform_escalation_rate: 25 }, source: "published" },
    { categories: ["护肤"], storeTypes: ["franchise", "specialty", "ordinary"], indicatorWeights: { chat_dissatisfaction_rate: 20, chat_response_seconds: 40, aftersale_review_hours: 25, platform_escalation_rate: 15 }, source: "published" },
    { categories: ["女装"], storeTypes: ["franchise", "specialty", "ordinary"], indicatorWeights: { chat_dissatisfaction_rate: 20, chat_response_seconds: 40, aftersale_review_hours: 20, platform_escalation_rate: 20 }, source: "published" },
    { categories: ["宠物食品"], storeTypes: null, indicatorWeights: { chat_dissatisfaction_rate: 15, chat_response_seconds: 40, aftersale_review_hours: 15, platform_escalation_rate: 30 }, source: "published" },
  ],
  protection: {
    indicators: ["product_rating", "quality_return_rate", "fulfilment_return_rate", "platform_escalation_rate", "chat_dissatisfaction_rate"],
    minValidOrders: 500,
    reducedMinValidOrders: 300,
    reducedForStoreTypes: ["flagship"],
    reducedForCategories: BIG_TICKET_CATEGORIES,
    maxBadEvents: 3,
    points: 80,
  },
  reasons: { fulfilment: FULFILMENT_FAULT_REASONS, damage: DAMAGE_REASONS, notQuality: FULFILMENT_FAULT_REASONS },
  bonuses: [{ rule: "remote_delivery", code: "remote_delivery", points: 3, addTo: "logistics", dimensionCap: 100 }],
  deductions: [
    { code: "bad_service", types: ["abnormal_aftersale_address", "invoice_refusal"], points: 3, once: false, cap: 15 },
    { code: "fake_orders_or_reviews", types: ["fake_orders", "fake_reviews"], points: 15, once: true, cap: null },
  ],
});
