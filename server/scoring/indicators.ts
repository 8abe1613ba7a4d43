import type { RollupMetricField } from "./rollups";

export const DIMENSION_CODES = ["product", "logistics", "service"] as const;
export type DimensionCode = (typeof DIMENSION_CODES)[number];

export const DIMENSION_NAMES: Record<DimensionCode, { nameZh: string; nameEn: string }> = {
  product: { nameZh: "商品体验", nameEn: "Product" },
  logistics: { nameZh: "物流体验", nameEn: "Logistics" },
  service: { nameZh: "服务体验", nameEn: "Service" },
};

export type WindowKind = "main" | "quality_return";

export type IndicatorDefinition = {
  code: string;
  nameZh: string;
  nameEn: string;
  /** Where the platform files it; a rule set places it in a dimension explicitly. */
  dimension: DimensionCode;
  /** rate = Σw·numerator / Σw·denominator; mean = Σw·hoursSum / Σw·count. */
  kind: "rate" | "mean";
  better: "higher" | "lower";
  window: WindowKind;
  numerator: RollupMetricField;
  denominator: RollupMetricField;
};

/**
 * INDICATOR_ORDER is the position of each indicator in the cached `indicator_values.values`
 * array. Append new codes at the end; never reorder or remove, or cached rows become wrong.
 */
export const INDICATOR_ORDER = [
  "good_review_rate",
  "quality_return_rate",
  "logistics_good_review_rate",
  "avg_delivery_hours",
  "service_good_review_rate",
  "complaint_rate",
  "dispute_merchant_rate",
  "im_3min_reply_rate",
  "refund_only_hours",
  "return_refund_hours",
  "pickup_24h_rate",
  "delivery_hours",
] as const;

export type IndicatorCode = (typeof INDICATOR_ORDER)[number];

export const INDICATORS: Record<IndicatorCode, IndicatorDefinition> = {
  good_review_rate: {
    code: "good_review_rate",
    nameZh: "好评率",
    nameEn: "Good review rate",
    dimension: "product",
    kind: "rate",
    better: "higher",
    window: "main",
    numerator: "productGood",
    denominator: "productReviews",
  },
  quality_return_rate: {
    code: "quality_return_rate",
    nameZh: "品质退货率",
    nameEn: "Quality return rate",
    dimension: "product",
    kind: "rate",
    better: "lower",
    window: "quality_return",
    numerator: "qualityReturns",
    denominator: "validOrders",
  },
  logistics_good_review_rate: {
    code: "logistics_good_review_rate",
    nameZh: "物流好评率",
    nameEn: "Logistics good review rate",
    dimension: "logistics",
    kind: "rate",
    better: "higher",
    window: "main",
    numerator: "logisticsGood",
    denominator: "logisticsReviews",
  },
  avg_delivery_hours: {
    code: "avg_delivery_hours",
    nameZh: "平均物流到货时长",
    nameEn: "Average payment-to-delivery hours",
    dimension: "logistics",
    kind: "mean",
    better: "lower",
    window: "main",
    numerator: "deliveryHoursSum",
    denominator: "deliveredOrders",
  },
  service_good_review_rate: {
    code: "service_good_review_rate",
    nameZh: "服务好评率",
    nameEn: "Service good review rate",
    dimension: "service",
    kind: "rate",
    better: "higher",
    window: "main",
    numerator: "serviceGood",
    denominator: "serviceReviews",
  },
  complaint_rate: {
    code: "complaint_rate",
    nameZh: "投诉率",
    nameEn: "Complaint rate",
    dimension: "service",
    kind: "rate",
    better: "lower",
    window: "main",
    numerator: "complaints",
    denominator: "validOrders",
  },
  dispute_merchant_rate: {
    code: "dispute_merchant_rate",
    nameZh: "纠纷商责率",
    nameEn: "Merchant-responsible dispute rate",
    dimension: "service",
    kind: "rate",
    better: "lower",
    window: "main",
    numerator: "merchantDisputes",
    denominator: "validOrders",
  },
  im_3min_reply_rate: {
    code: "im_3min_reply_rate",
    nameZh: "IM 3分钟平均回复率",
    nameEn: "IM 3-minute reply rate",
    dimension: "service",
    kind: "rate",
    better: "higher",
    window: "main",
    numerator: "chatTurnsAnswered",
    denominator: "chatTurns",
  },
  refund_only_hours: {
    code: "refund_only_hours",
    nameZh: "仅退款自主完结时长",
    nameEn: "Refund-only completion hours",
    dimension: "service",
    kind: "mean",
    better: "lower",
    window: "main",
    numerator: "refundOnlyHoursSum",
    denominator: "refundOnlyCompleted",
  },
  return_refund_hours: {
    code: "return_refund_hours",
    nameZh: "退货退款自主完结时长",
    nameEn: "Return-and-refund completion hours",
    dimension: "service",
    kind: "mean",
    better: "lower",
    window: "main",
    numerator: "returnRefundHoursSum",
    denominator: "returnRefundCompleted",
  },
  pickup_24h_rate: {
    code: "pickup_24h_rate",
    nameZh: "24小时揽收率",
    nameEn: "24-hour pickup rate",
    dimension: "logistics",
    kind: "rate",
    better: "higher",
    window: "main",
    numerator: "pickupOnTime",
    denominator: "pickupDue",
  },
  delivery_hours: {
    code: "delivery_hours",
    nameZh: "订单配送时长",
    nameEn: "Pickup-to-delivery hours",
    dimension: "logistics",
    kind: "mean",
    better: "lower",
    window: "main",
    numerator: "transitHoursSum",
    denominator: "transitOrders",
  },
};

export function isIndicatorCode(code: string): code is IndicatorCode {
  return (INDICATOR_ORDER as readonly string[]).includes(code);
}

export type IndicatorValueMap = Partial<Record<IndicatorCode, number>>;

/** Packs values into the cached array layout; a missing indicator is NaN. */
export function toValueArray(values: IndicatorValueMap): number[] {
  return INDICATOR_ORDER.map((code) => values[code] ?? Number.NaN);
}

/** Reads the cached array back; NaN, null and absent positions are missing indicators. */
export function fromValueArray(array: readonly (number | null)[]): IndicatorValueMap {
  const values: IndicatorValueMap = {};
  INDICATOR_ORDER.forEach((code, index) => {
    const value = array[index];
    if (typeof value === "number" && !Number.isNaN(value)) values[code] = value;
  });
  return values;
}
