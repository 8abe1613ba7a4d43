/** The platform's records, as far as Koubei reads them (times in Unix seconds, money in fen). */

export type DouyinEnvelope<T> = { code: number; msg: string; sub_code?: string; sub_msg?: string; data?: T; log_id?: string };

export type TokenData = {
  access_token: string;
  /** Seconds left. */
  expires_in: number;
  refresh_token: string;
  scope?: string;
  shop_id: string | number;
  shop_name?: string;
  authority_id?: string;
};

export type SkuOrder = {
  order_id: string;
  parent_order_id: string;
  author_id?: number | string;
  author_name?: string;
  product_id?: number | string;
  product_id_str?: string;
  product_name?: string;
  sku_id?: number | string;
  code?: string;
  c_biz?: number;
  pay_amount?: number;
  item_num?: number;
  order_status?: number;
  logistics_receipt_time?: number;
  confirm_receipt_time?: number;
  after_sale_info?: { after_sale_status?: number; after_sale_type?: number };
};

export type ShopOrder = {
  order_id: string;
  order_status: number;
  create_time: number;
  update_time: number;
  pay_time?: number;
  ship_time?: number;
  exp_ship_time?: number;
  finish_time?: number;
  pay_amount?: number;
  cancel_reason?: string;
  logistics_info?: { company_name?: string; tracking_no?: string; ship_time?: number; delivery_time?: number }[];
  post_addr?: { province?: { name?: string } };
  sku_order_list: SkuOrder[];
};

export type OrderSearchData = { page: number; size: number; total: number; shop_order_list: ShopOrder[] };

export type AfterSaleItem = {
  aftersale_info: {
    aftersale_id: string | number;
    aftersale_type: number;
    aftersale_status: number;
    apply_time: number;
    update_time: number;
    status_deadline?: number;
    refund_amount?: number;
    refund_status?: number;
    reason?: string;
    finish_time?: number;
  };
  order_info: { shop_order_id: string; related_order_info?: { sku_order_id: string }[] };
};

export type AfterSaleListData = { items: AfterSaleItem[]; has_more: boolean; total: number; page: number; size: number };

export type IndicatorScore = { score?: number; node_score?: number; node_score_weight?: number };

export type ExperienceScoreData = {
  seller_rating_info?: { score?: number; score_weight?: number };
} & Partial<Record<ExperienceIndicator, IndicatorScore>>;

export const EXPERIENCE_INDICATORS = [
  "quality_return_rate",
  "collect_ontime_rate",
  "delivery_accomplish_rate",
  "lgt_qreturn_rate",
  "average_feedback_time",
  "aftersale_deal_reach_rate",
  "prod_dsr",
] as const;
export type ExperienceIndicator = (typeof EXPERIENCE_INDICATORS)[number];

/**
 * The experience score's indicators that are one of Koubei's (scoring-current-rules.md), by the
 * platform's name. The others (collect_ontime_rate is a rate where Koubei scores pickup time,
 * average_feedback_time and aftersale_deal_reach_rate measure what no Koubei indicator does) are
 * kept as the platform sent them only.
 */
export const KOUBEI_CODE_OF: Partial<Record<ExperienceIndicator, string>> = {
  prod_dsr: "product_rating",
  quality_return_rate: "quality_return_rate",
  delivery_accomplish_rate: "delivery_ontime_rate",
  lgt_qreturn_rate: "fulfilment_return_rate",
};
