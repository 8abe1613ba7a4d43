import type { PointsThreshold } from "./points-schema";

/**
 * What douyin-shop-2026-07 and -2026-09 share (scoring-current-rules.md). Numbers the platform
 * does not publish are marked DEFAULT: an organisation may enter its own, or calibrate them.
 */
export const DOUYIN_100_BANDS = [
  // DEFAULT: the industry cut-offs are not public; bands by cohort percentile.
  { minPercentile: 0.9, points: 100 },
  { minPercentile: 0.7, points: 90 },
  { minPercentile: 0.5, points: 80 },
  { minPercentile: 0.3, points: 70 },
  { minPercentile: 0.1, points: 60 },
  { minPercentile: 0, points: 50 },
];

/** DEFAULT: the big-ticket industries (protection at 300 orders, on-site installation). */
export const BIG_TICKET_CATEGORIES = ["大家电", "家具", "家装建材"];

/** The 100-point score as shoppers see it on the 5-point scale (97–100 → 5.0 … 51 → 3.1, ≤ 50 → 3.0). */
const DISPLAY_ROWS = [
  { minScore: 97, shown: 5.0 },
  { minScore: 93, shown: 4.9 },
  { minScore: 89, shown: 4.8 },
  { minScore: 85, shown: 4.7 },
  { minScore: 81, shown: 4.6 },
  { minScore: 77, shown: 4.5 },
  { minScore: 73, shown: 4.4 },
  { minScore: 69, shown: 4.3 },
  { minScore: 65, shown: 4.2 },
  { minScore: 61, shown: 4.1 },
  { minScore: 60, shown: 4.0 },
  ...[9, 8, 7, 6, 5, 4, 3, 2, 1].map((n) => ({ minScore: 50 + n, shown: (30 + n) / 10 })),
];

/**
 * The 100-point era's thresholds (scoring-current-rules.md). The exit list names the restricted
 * categories (infant formula, aged liquor, books); the gates are the 精选联盟 category minimums.
 */
const THRESHOLDS_100: PointsThreshold[] = [
  {
    code: "alliance",
    nameZh: "精选联盟准入与保留",
    nameEn: "Affiliate alliance (精选联盟) entry and stay",
    days: 1,
    minScore: 70,
    minDimensions: { product: 65 },
    everyDayBelow: false,
    categories: null,
    overrides: [
      { categories: ["生鲜", "fresh"], minScore: 72, minDimensions: { product: 70 } },
      { categories: ["海鲜水产", "seafood"], minScore: 75, minDimensions: { product: 72 } },
      { categories: ["医疗器械", "medical_devices"], minScore: 80, minDimensions: { product: 75 } },
    ],
  },
  { code: "campaigns", nameZh: "官方活动报名", nameEn: "Official campaigns", days: 7, minScore: 70, minDimensions: {}, everyDayBelow: false, categories: null, overrides: [] },
  { code: "brand_badge", nameZh: "品牌标", nameEn: "Brand badge", days: 30, minScore: 80, minDimensions: {}, everyDayBelow: false, categories: null, overrides: [] },
  {
    code: "lucky_bag",
    nameZh: "超级福袋奖品",
    nameEn: "Super lucky-bag prizes",
    days: 1,
    minScore: 80,
    minDimensions: { product: 75, logistics: 75, service: 70 },
    everyDayBelow: false,
    categories: null,
    overrides: [],
  },
  {
    code: "restricted_exit",
    nameZh: "限制类目清退",
    nameEn: "Restricted-category exit",
    days: 14,
    minScore: 60,
    minDimensions: {},
    everyDayBelow: true,
    categories: ["婴幼儿奶粉", "infant_formula", "年份酒", "aged_liquor", "图书教育", "books_education"],
    overrides: [],
  },
];

export const DOUYIN_100_COMMON = {
  entityKind: "shop" as const,
  family: "douyin-100" as const,
  windowDays: 30,
  comparisonDecimals: 6,
  cohort: { minSize: 20 },
  stage: { minValidOrders: 30, growthScore: 70, growthScoreAfterPenalty: 60 },
  eligibility: null,
  clocks: { pickup: { fromHour: 18, toHour: 6 }, aftersale: { fromHour: 23, toHour: 8 } },
  pickupTable: {
    // DEFAULT per-order table.
    steps: [
      { maxHours: 24, points: 100 },
      { maxHours: 36, points: 90 },
      { maxHours: 48, points: 80 },
      { maxHours: 72, points: 70 },
      { maxHours: 96, points: 60 },
    ],
    otherwise: 50,
    anomaly: 50,
    overdueAfterHours: 96,
  },
  chat: { fromHour: 8, toHour: 23, unansweredSeconds: 600, replyWithinHours: 12 },
  scoreBounds: { min: 50, max: 100 },
  display: { kind: "table" as const, rows: DISPLAY_ROWS, otherwise: 3.0 },
  bars: [],
  thresholds: THRESHOLDS_100,
  scale: {
    displayDecimals: 1,
    thresholds: [
      { minScore: null, meaningZh: "低于60：限制类目连续14天将被清退", meaningEn: "Below 60: restricted categories are removed after 14 such days" },
      { minScore: 60, meaningZh: "60–69：不能报名官方活动，不能进入精选联盟", meaningEn: "60–69: no official campaigns, no affiliate alliance (精选联盟)" },
      { minScore: 70, meaningZh: "≥ 70：可进入精选联盟（商品体验 ≥ 65）、报名官方活动（近7日平均）", meaningEn: "≥ 70: affiliate alliance (with product ≥ 65), official campaigns (7-day average)" },
      { minScore: 80, meaningZh: "≥ 80：品牌标（近30日平均）、超级福袋奖品", meaningEn: "≥ 80: brand badge (30-day average), super lucky-bag prizes" },
    ],
  },
};

export const DOUYIN_100_DIMENSION_NAMES = {
  product: { nameZh: "商品体验", nameEn: "Product" },
  logistics: { nameZh: "物流体验", nameEn: "Logistics" },
  service: { nameZh: "服务体验", nameEn: "Service" },
};

/** The product and service dimensions both 100-point rule sets score (DEFAULT weights 0.4 / 0.3, indicators equal). */
export const DOUYIN_100_PRODUCT = { code: "product", ...DOUYIN_100_DIMENSION_NAMES.product, weight: 0.4, indicators: [{ code: "product_rating" as const, weight: 1 }, { code: "quality_return_rate" as const, weight: 1 }] };
export const DOUYIN_100_SERVICE = {
  code: "service",
  ...DOUYIN_100_DIMENSION_NAMES.service,
  weight: 0.3,
  indicators: [
    { code: "aftersale_review_hours" as const, weight: 1 },
    { code: "chat_response_seconds" as const, weight: 1 },
    { code: "chat_dissatisfaction_rate" as const, weight: 1 },
    { code: "platform_escalation_rate" as const, weight: 1 },
  ],
};

/** Koubei's reading: first after-sale reasons that are logistics faults judged on the merchant. */
export const FULFILMENT_FAULT_REASONS = ["延迟发货", "发错货", "少件/漏发", "缺货", "物流轨迹超时"];
export const DAMAGE_REASONS = ["商品破损", "快递破损"];
