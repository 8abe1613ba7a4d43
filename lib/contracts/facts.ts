/**
 * Coded values of the facts the current rules read (data-formats-current.md), client-safe: the
 * schema, the importer, scoring and the UI's labels share them. Each import maps the Chinese
 * labels the platform's exports use onto these codes (server/imports/values.ts).
 */

/** Who cancelled an order (orders.cancelled_by). */
export const CANCELLED_BY = ["merchant", "buyer", "system"] as const;
export type CancelledBy = (typeof CANCELLED_BY)[number];

/** Who answered a buyer's message (chat_turns.replier); `none`: no one did. */
export const CHAT_REPLIERS = ["human", "bot", "none"] as const;
export type ChatReplier = (typeof CHAT_REPLIERS)[number];

/** What a penalty was for (penalties.type); `other` is a penalty event with no deduction. */
export const PENALTY_TYPES = [
  "abnormal_aftersale_address",
  "invoice_refusal",
  "fake_orders",
  "fake_reviews",
  "false_advertising",
  "fraudulent_shipping",
  "missing_brand_qualification",
  "other",
] as const;
export type PenaltyType = (typeof PENALTY_TYPES)[number];

/** The services a shop can switch on (shop_services.service). */
export const SHOP_SERVICES = ["remote_delivery", "return_insurance", "large_item_insurance", "onsite_install"] as const;
export type ShopService = (typeof SHOP_SERVICES)[number];

/** A shop's type on the platform (shops.store_type); `ordinary` is any other shop. */
export const STORE_TYPES = ["flagship", "franchise", "specialty", "ordinary"] as const;
export type StoreType = (typeof STORE_TYPES)[number];
export const DEFAULT_STORE_TYPE: StoreType = "ordinary";

/** 店铺类型 as the platform names it, and the codes themselves. */
const STORE_TYPE_LABELS: Readonly<Record<string, StoreType>> = {
  旗舰店: "flagship",
  专卖店: "franchise",
  专营店: "specialty",
  其他: "ordinary",
  普通店: "ordinary",
  flagship: "flagship",
  franchise: "franchise",
  specialty: "specialty",
  ordinary: "ordinary",
};

/** The store type a shop list's cell names (旗舰店 or flagship …), else null. */
export function storeTypeOf(text: string): StoreType | null {
  const key = text.normalize("NFKC").trim();
  return STORE_TYPE_LABELS[key] ?? STORE_TYPE_LABELS[key.toLowerCase()] ?? null;
}

/** Every spelling storeTypeOf accepts, for a message naming them. */
export const STORE_TYPE_SPELLINGS = Object.keys(STORE_TYPE_LABELS);
