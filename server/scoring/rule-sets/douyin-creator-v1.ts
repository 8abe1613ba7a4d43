import { defineRuleSet } from "./schema";
import { DOUYIN_COMMON } from "./douyin-common";

/**
 * 带货口碑分: Koubei's transparent estimate (the platform does not publish the creator formula).
 * The shop v1 indicators without the IM reply rate, because chats belong to shops (§3).
 */
export const douyinCreatorV1 = defineRuleSet({
  name: "douyin-creator-v1",
  labelZh: "抖音达人带货口碑分 v1",
  labelEn: "Douyin creator sales reputation score v1",
  entityKind: "creator",
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
        { code: "refund_only_hours", weight: 1 },
        { code: "return_refund_hours", weight: 1 },
      ],
    },
  ],
});
