/** Indicators of the 100-point Douyin rule sets and TikTok SPS (scoring-current-rules.md). */
export const CURRENT_INDICATORS = {
  product_rating: { better: "higher", nameZh: "商品综合评分", nameEn: "Product rating" },
  quality_return_rate: { better: "lower", nameZh: "品质退货率", nameEn: "Quality return rate" },
  pickup_time_score: { better: "higher", nameZh: "揽收时效分", nameEn: "Pickup time score" },
  avg_pickup_hours: { better: "lower", nameZh: "平均揽收时长", nameEn: "Average pickup hours" },
  delivery_ontime_rate: { better: "higher", nameZh: "运单配送时效达成率", nameEn: "On-time delivery rate" },
  fulfilment_return_rate: { better: "lower", nameZh: "发货物流品退率", nameEn: "Fulfilment return rate" },
  damage_return_rate: { better: "lower", nameZh: "破损退货率", nameEn: "Damage return rate" },
  aftersale_review_hours: { better: "lower", nameZh: "售后平均审核时长", nameEn: "After-sale review hours" },
  chat_response_seconds: { better: "lower", nameZh: "飞鸽平均响应时长", nameEn: "Chat response seconds" },
  chat_dissatisfaction_rate: { better: "lower", nameZh: "飞鸽会话不满意率", nameEn: "Chat dissatisfaction rate" },
  platform_escalation_rate: { better: "lower", nameZh: "平台求助率", nameEn: "Platform escalation rate" },
  negative_review_rate: { better: "lower", nameZh: "差评率", nameEn: "Negative review rate" },
  product_return_rate: { better: "lower", nameZh: "商品原因退货率", nameEn: "Product-related return rate" },
  late_dispatch_rate: { better: "lower", nameZh: "延迟发货率", nameEn: "Late dispatch rate" },
  seller_fault_cancellation_rate: { better: "lower", nameZh: "商家原因取消率", nameEn: "Seller-fault cancellation rate" },
  chat_response_rate_12h: { better: "higher", nameZh: "12小时客服响应率", nameEn: "12-hour chat response rate" },
  seller_fault_return_rate: { better: "lower", nameZh: "商家原因退货率", nameEn: "Seller-fault return rate" },
} as const satisfies Record<string, { better: "higher" | "lower"; nameZh: string; nameEn: string }>;

export type CurrentIndicatorCode = keyof typeof CURRENT_INDICATORS;
export const CURRENT_INDICATOR_CODES = Object.keys(CURRENT_INDICATORS) as [CurrentIndicatorCode, ...CurrentIndicatorCode[]];
