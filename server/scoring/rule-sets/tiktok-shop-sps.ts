import { DAMAGE_REASONS, DOUYIN_100_BANDS, DOUYIN_100_COMMON, FULFILMENT_FAULT_REASONS } from "./douyin-100-common";
import { definePointsRuleSet } from "./points-schema";

/** TikTok Shop's Shop Performance Score, 0–5 (scoring-current-rules.md, Koubei's reading). */
export const tiktokShopSps = definePointsRuleSet({
  name: "tiktok-shop-sps",
  labelZh: "TikTok Shop 店铺表现分（SPS）",
  labelEn: "TikTok Shop Performance Score (SPS)",
  entityKind: "shop",
  family: "tiktok-sps",
  windowDays: 90,
  comparisonDecimals: 6,
  cohort: { minSize: 20 },
  stage: null,
  eligibility: { minDeliveredOrders: 30, days: 90 },
  // DEFAULT: the metric-to-points curves are not public; percentile bands, b → (b − 50) / 10.
  dimensionScoring: { kind: "band-points", bands: DOUYIN_100_BANDS, offset: 50, divisor: 10, empty: 3 },
  dimensions: [
    {
      code: "product_satisfaction",
      nameZh: "商品满意度",
      nameEn: "Product satisfaction",
      weight: 1 / 3,
      indicators: [{ code: "negative_review_rate", weight: 1 }, { code: "product_return_rate", weight: 1 }],
    },
    {
      code: "fulfilment",
      nameZh: "履约",
      nameEn: "Fulfilment",
      weight: 1 / 3,
      indicators: [{ code: "late_dispatch_rate", weight: 1 }, { code: "seller_fault_cancellation_rate", weight: 1 }],
    },
    {
      code: "customer_service",
      nameZh: "客户服务",
      nameEn: "Customer service",
      weight: 1 / 3,
      indicators: [{ code: "chat_response_rate_12h", weight: 1 }, { code: "seller_fault_return_rate", weight: 1 }],
    },
  ],
  industryWeights: [],
  protection: null,
  clocks: DOUYIN_100_COMMON.clocks,
  pickupTable: DOUYIN_100_COMMON.pickupTable,
  chat: DOUYIN_100_COMMON.chat,
  reasons: { fulfilment: FULFILMENT_FAULT_REASONS, damage: DAMAGE_REASONS, notQuality: [] },
  bonuses: [],
  deductions: [],
  scoreBounds: { min: 0, max: 5 },
  display: { kind: "decimals", decimals: 1 },
  bars: [
    { code: "late_dispatch_7d", indicator: "late_dispatch_rate", days: 7, below: 0.04 },
    { code: "seller_fault_cancellation_7d", indicator: "seller_fault_cancellation_rate", days: 7, below: 0.025 },
  ],
  thresholds: [],
  scale: {
    displayDecimals: 1,
    // TikTok publishes no score bands here, only the service bars (shown with the score).
    thresholds: [{ minScore: null, meaningZh: "店铺表现分（0–5）", meaningEn: "Shop Performance Score (0–5)" }],
  },
});
