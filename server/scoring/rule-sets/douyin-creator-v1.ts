import { defineRuleSet } from "./schema";
import { DOUYIN_COMMON } from "./douyin-common";
import { douyinShopV1 } from "./douyin-shop-v1";

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
  dimensions: douyinShopV1.dimensions.map((dimension) => ({
    ...dimension,
    indicators: dimension.indicators.filter((indicator) => indicator.code !== "im_3min_reply_rate"),
  })),
});
