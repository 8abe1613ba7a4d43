import type { ImportKind } from "@/lib/contracts/imports";

/** A fact column as SQL sees it: snake_case name, the fact's camelCase field, and its SQL type. */
export type FactColumn = { name: string; field: string; type: "text" | "timestamptz" | "numeric" | "integer" | "smallint" | "boolean" };

export type FactTable = {
  kind: ImportKind;
  table: string;
  /** The column naming the rows' owner: a shop, or (creator_orders) a creator account. */
  owner: "shop_id" | "creator_id";
  /** The natural key within its owner. */
  key: string[];
  /** Every imported column (key included), in a fixed order. */
  columns: FactColumn[];
};

const col = (name: string, type: FactColumn["type"]): FactColumn => ({
  name,
  type,
  field: name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()),
});

export const FACT_TABLES: Record<ImportKind, FactTable> = {
  orders: {
    kind: "orders",
    table: "orders",
    owner: "shop_id",
    key: ["order_id"],
    columns: [
      col("order_id", "text"),
      col("paid_at", "timestamptz"),
      col("order_type", "text"),
      col("status", "text"),
      col("shipped_at", "timestamptz"),
      col("picked_up_at", "timestamptz"),
      col("delivered_at", "timestamptz"),
      col("completed_at", "timestamptz"),
      col("amount", "numeric"),
      col("author_id", "text"),
      col("product_id", "text"),
      col("product_name", "text"),
      col("sku", "text"),
      col("quantity", "integer"),
      col("aftersale_status", "text"),
      col("cancel_reason", "text"),
      col("province", "text"),
      col("carrier", "text"),
      col("ship_by", "timestamptz"),
      col("cancelled_by", "text"),
      col("low_price", "boolean"),
      col("instant_refund", "boolean"),
      col("abnormal", "boolean"),
      col("shipment_anomaly", "boolean"),
      col("remote", "boolean"),
      col("next_day", "boolean"),
      col("return_insurance", "boolean"),
      col("large_item_insurance", "boolean"),
      col("onsite_install", "boolean"),
    ],
  },
  reviews: {
    kind: "reviews",
    table: "reviews",
    owner: "shop_id",
    key: ["order_id", "reviewed_at"],
    columns: [
      col("order_id", "text"),
      col("reviewed_at", "timestamptz"),
      col("product_stars", "smallint"),
      col("logistics_stars", "smallint"),
      col("service_stars", "smallint"),
      col("content", "text"),
    ],
  },
  after_sales: {
    kind: "after_sales",
    table: "after_sales",
    owner: "shop_id",
    key: ["aftersale_id"],
    columns: [
      col("aftersale_id", "text"),
      col("order_id", "text"),
      col("type", "text"),
      col("reason", "text"),
      col("reason_category", "text"),
      col("applied_at", "timestamptz"),
      col("completed_at", "timestamptz"),
      col("completed_by", "text"),
      col("exempt", "boolean"),
      col("reviewed_at", "timestamptz"),
      col("refunded_at", "timestamptz"),
      col("merchant_responsible", "boolean"),
    ],
  },
  complaints: {
    kind: "complaints",
    table: "complaints",
    owner: "shop_id",
    key: ["case_id"],
    columns: [
      col("case_id", "text"),
      col("order_id", "text"),
      col("created_at", "timestamptz"),
      col("kind", "text"),
      col("merchant_responsible", "boolean"),
    ],
  },
  chats: {
    kind: "chats",
    table: "chats",
    owner: "shop_id",
    key: ["session_id"],
    columns: [
      col("session_id", "text"),
      col("started_at", "timestamptz"),
      col("customer_turns", "integer"),
      col("turns_answered_within_3min", "integer"),
      col("rating", "smallint"),
    ],
  },
  creator_orders: {
    kind: "creator_orders",
    table: "creator_orders",
    owner: "creator_id",
    key: ["order_id"],
    columns: [
      col("order_id", "text"),
      col("paid_at", "timestamptz"),
      col("order_type", "text"),
      col("status", "text"),
      col("merchant_shop_id", "text"),
      col("merchant_shop_name", "text"),
      col("product_id", "text"),
      col("product_name", "text"),
      col("quantity", "integer"),
      col("amount", "numeric"),
      col("refund_amount", "numeric"),
      col("delivered_at", "timestamptz"),
      col("aftersale_status", "text"),
      col("aftersale_id", "text"),
      col("aftersale_type", "text"),
      col("aftersale_reason", "text"),
      col("aftersale_reason_category", "text"),
      col("aftersale_applied_at", "timestamptz"),
      col("aftersale_completed_at", "timestamptz"),
      col("reviewed_at", "timestamptz"),
      col("product_stars", "smallint"),
      col("logistics_stars", "smallint"),
      col("service_stars", "smallint"),
    ],
  },
  chat_turns: {
    kind: "chat_turns",
    table: "chat_turns",
    owner: "shop_id",
    key: ["session_id", "asked_at"],
    columns: [col("session_id", "text"), col("asked_at", "timestamptz"), col("replied_at", "timestamptz"), col("replier", "text")],
  },
  waybills: {
    kind: "waybills",
    table: "waybills",
    owner: "shop_id",
    key: ["waybill_id"],
    columns: [
      col("waybill_id", "text"),
      col("order_id", "text"),
      col("carrier", "text"),
      col("promised_at", "timestamptz"),
      col("delivered_at", "timestamptz"),
      col("delivered", "boolean"),
    ],
  },
  help_requests: {
    kind: "help_requests",
    table: "help_requests",
    owner: "shop_id",
    key: ["request_id"],
    columns: [
      col("request_id", "text"),
      col("order_id", "text"),
      col("sought_at", "timestamptz"),
      col("escalated", "boolean"),
      col("escalated_at", "timestamptz"),
    ],
  },
  penalties: {
    kind: "penalties",
    table: "penalties",
    owner: "shop_id",
    key: ["penalty_id"],
    columns: [col("penalty_id", "text"), col("occurred_at", "timestamptz"), col("type_text", "text"), col("type", "text"), col("revoked", "boolean")],
  },
  shop_services: {
    kind: "shop_services",
    table: "shop_services",
    owner: "shop_id",
    key: ["service", "enabled_at"],
    columns: [col("service", "text"), col("enabled_at", "timestamptz"), col("disabled_at", "timestamptz")],
  },
};

// col() derives camelCase from snake_case; the one column whose field name differs:
for (const c of FACT_TABLES.chats.columns) if (c.name === "turns_answered_within_3min") c.field = "turnsAnsweredWithin3min";

export const timestampColumns = (table: FactTable): FactColumn[] => table.columns.filter((c) => c.type === "timestamptz");
