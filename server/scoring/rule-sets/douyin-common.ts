/**
 * Parameters the three Douyin rule sets of this era share (scoring.md §1–§7). Kept as plain data
 * so a later rule set can copy and change any of them without touching the engine.
 */
export const DOUYIN_HALF_LIFE_DAYS = 30;

export const DOUYIN_WINDOWS = {
  main: { fromDaysBefore: 90, toDaysBefore: 1 },
  quality_return: { fromDaysBefore: 104, toDaysBefore: 15 },
};

export const DOUYIN_CURVE = [
  { x: 0, y: 3.0 },
  { x: 0.1, y: 4.0 },
  { x: 0.3, y: 4.4 },
  { x: 0.5, y: 4.6 },
  { x: 0.8, y: 4.8 },
  { x: 1, y: 5.0 },
];

export const DOUYIN_THRESHOLDS = [
  {
    minScore: null,
    meaningZh: "无法脱离新手期，不能报名平台活动",
    meaningEn: "Cannot leave the new-shop period; cannot join platform activities",
  },
  {
    minScore: 4.4,
    meaningZh: "可报名平台活动，通过新手期",
    meaningEn: "May join platform activities; passes the new-shop period",
  },
  {
    minScore: 4.6,
    meaningZh: "可报名官方大促活动；达人更愿意合作（好评率 ≥ 90%）",
    meaningEn:
      "May register for official campaigns; creators prefer shops from here up (with a good-review rate ≥ 90%)",
  },
  { minScore: 4.8, meaningZh: "优先获得流量扶持", meaningEn: "Priority for traffic support" },
];

export const DOUYIN_COMMON = {
  halfLifeDays: DOUYIN_HALF_LIFE_DAYS,
  windows: DOUYIN_WINDOWS,
  eligibility: { minValidOrders: 30 },
  cohort: { minSize: 20 },
  comparisonDecimals: 6,
  curve: DOUYIN_CURVE,
  scoreBounds: { min: 3, max: 5 },
  displayDecimals: 2,
  thresholds: DOUYIN_THRESHOLDS,
};
