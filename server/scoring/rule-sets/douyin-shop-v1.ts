import { defineRuleSet } from "./schema";
import { DOUYIN_COMMON } from "./douyin-common";

/** 商家体验分, the 5-point 90-day rules (scoring.md §3 douyin-shop-v1). */
export const douyinShopV1 = defineRuleSet({
  name: "douyin-shop-v1",
  labelZh: "抖音商家体验分 v1",
  labelEn: "Douyin shop experience score v1",
  entityKind: "shop",
  ...DOUYIN_COMMON,
  dimensions: [
    {
      code: "product",
      weight: 0.4,
      indicators: [
        { code: "good_review_rate", weight: 1 },
        { code: "quality_return_rate", weight: 1 },
      ],
    },
    {
      code: "logistics",
      weight: 0.3,
      indicators: [
        { code: "logistics_good_review_rate", weight: 1 },
        { code: "avg_delivery_hours", weight: 1 },
      ],
    },
    {
      code: "service",
      weight: 0.3,
      indicators: [
        { code: "service_good_review_rate", weight: 1 },
        { code: "complaint_rate", weight: 1 },
        { code: "dispute_merchant_rate", weight: 1 },
        { code: "im_3min_reply_rate", weight: 1 },
        { code: "refund_only_hours", weight: 1 },
        { code: "return_refund_hours", weight: 1 },
      ],
    },
  ],
});
