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
  thresholds: [
    { code: "alliance", meaningZh: "精选联盟准入与保留：总分 ≥ 70 且商品体验 ≥ 65", meaningEn: "Affiliate alliance (精选联盟) entry and stay: score ≥ 70 and product ≥ 65" },
    { code: "campaigns", meaningZh: "官方活动：近7日平均分 ≥ 70", meaningEn: "Official campaigns: 7-day average ≥ 70" },
    { code: "brand_badge", meaningZh: "品牌标：近30日平均分 ≥ 80", meaningEn: "Brand badge: 30-day average ≥ 80" },
    { code: "lucky_bag", meaningZh: "超级福袋奖品：总分 ≥ 80，商品 ≥ 75，物流 ≥ 75，服务 ≥ 70", meaningEn: "Super lucky-bag prizes: shop ≥ 80, product ≥ 75, logistics ≥ 75, service ≥ 70" },
    { code: "restricted_exit", meaningZh: "限制类目清退：连续14天低于60分", meaningEn: "Restricted-category exit: below 60 on every day of 14" },
  ],
};

export const DOUYIN_100_DIMENSION_NAMES = {
  product: { nameZh: "商品体验", nameEn: "Product" },
  logistics: { nameZh: "物流体验", nameEn: "Logistics" },
  service: { nameZh: "服务体验", nameEn: "Service" },
};

/** Koubei's reading: first after-sale reasons that are logistics faults judged on the merchant. */
export const FULFILMENT_FAULT_REASONS = ["延迟发货", "发错货", "少件/漏发", "缺货", "物流轨迹超时"];
export const DAMAGE_REASONS = ["商品破损", "快递破损"];
