import type { ImportFields } from "../connector";
import type { AfterSaleItem, ShopOrder } from "./types";

/**
 * The platform's records as the importer's fields: the same cells a platform export would hold
 * (Unix seconds for times, yuan for money, the export's status words), so they go through the
 * same validation as an uploaded file.
 */

const ORDER_STATUS_TEXT: Record<number, string> = { 1: "待付款", 105: "已支付", 2: "待发货", 101: "部分发货", 3: "已发货", 4: "已取消", 5: "已完成" };

/** 0 退货退款, 1 已发货仅退款, 2 未发货仅退款, 3 换货, 7 补寄; others (价保, 维修) have no importer type. */
const AFTERSALE_TYPE_TEXT: Record<number, string> = { 0: "退货退款", 1: "仅退款", 2: "仅退款", 3: "换货", 7: "补寄" };

/** After-sale statuses that end it: 12 succeeded, 27 refused, 28 closed, 29 cancelled by the buyer. */
const AFTERSALE_FINAL = new Set([12, 27, 28, 29]);

const time = (seconds: number | undefined): string => (seconds && seconds > 0 ? String(seconds) : "");
const text = (value: string | number | undefined | null): string => (value === undefined || value === null ? "" : String(value));
const id = (value: string | number | undefined): string => (value === undefined || value === 0 || value === "0" ? "" : String(value));

/** Fen → yuan with two decimals, exactly (no floating point). */
export function yuan(fen: number | undefined): string {
  if (fen === undefined || !Number.isFinite(fen)) return "";
  const cents = Math.round(fen);
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** One row per item (sku order), keyed like the exports' 子订单编号; an order not yet paid is no fact yet. */
export function orderRows(order: ShopOrder): ImportFields[] {
  if (!order.pay_time || order.order_status === 1) return [];
  const logistics = order.logistics_info?.[0];
  return order.sku_order_list.map((sku) => ({
    order_id: sku.order_id,
    paid_at: time(order.pay_time),
    status: ORDER_STATUS_TEXT[sku.order_status ?? order.order_status] ?? "",
    shipped_at: time(order.ship_time),
    delivered_at: time(sku.logistics_receipt_time || sku.confirm_receipt_time),
    completed_at: time(order.finish_time),
    amount: yuan(sku.pay_amount),
    author_id: id(sku.author_id),
    product_id: sku.product_id_str || id(sku.product_id),
    product_name: text(sku.product_name),
    sku: text(sku.code),
    quantity: sku.item_num === undefined ? "" : String(sku.item_num),
    cancel_reason: text(order.cancel_reason),
    province: text(order.post_addr?.province?.name),
    carrier: text(logistics?.company_name),
  }));
}

export function afterSaleRow(item: AfterSaleItem): ImportFields {
  const info = item.aftersale_info;
  const final = AFTERSALE_FINAL.has(info.aftersale_status);
  return {
    aftersale_id: String(info.aftersale_id),
    order_id: item.order_info.related_order_info?.[0]?.sku_order_id || item.order_info.shop_order_id,
    type: AFTERSALE_TYPE_TEXT[info.aftersale_type] ?? "",
    reason: text(info.reason),
    applied_at: time(info.apply_time),
    completed_at: final ? time(info.finish_time || info.update_time) : "",
  };
}
