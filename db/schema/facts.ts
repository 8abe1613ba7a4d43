import { type AnyPgColumn, boolean, foreignKey, index, integer, numeric, pgTable, primaryKey, smallint, text, uuid } from "drizzle-orm/pg-core";
import { CANCELLED_BY, CHAT_REPLIERS, PENALTY_TYPES, SHOP_SERVICES } from "@/lib/contracts/facts";
import { orgIdColumn, tsColumn } from "./_columns";
import { organisations } from "./orgs";
import { creators, shops } from "./shops";

const shopFk = (t: { orgId: AnyPgColumn; shopId: AnyPgColumn }) =>
  foreignKey({ columns: [t.orgId, t.shopId], foreignColumns: [shops.orgId, shops.id] }).onDelete("cascade");

/**
 * Facts as imported, one table per kind, keyed by the platform's natural key within a shop.
 * Buyer name, phone and address are never stored; free text is masked before it gets here.
 * last_import_id says which import last wrote the row, created_import_id which import inserted it
 * (null for rows inserted before migration 0005, whose inserts import_row_changes logs). Undo
 * deletes the rows an import created and restores the before images it logged for the rest.
 */
export const orders = pgTable(
  "orders",
  {
    orgId: orgIdColumn(),
    shopId: uuid("shop_id").notNull(),
    orderId: text("order_id").notNull(),
    paidAt: tsColumn("paid_at").notNull(),
    orderType: text("order_type").notNull().default("normal"),
    status: text("status"),
    shippedAt: tsColumn("shipped_at"),
    pickedUpAt: tsColumn("picked_up_at"),
    deliveredAt: tsColumn("delivered_at"),
    completedAt: tsColumn("completed_at"),
    amount: numeric("amount", { precision: 14, scale: 2 }),
    authorId: text("author_id"),
    productId: text("product_id"),
    productName: text("product_name"),
    sku: text("sku"),
    quantity: integer("quantity"),
    aftersaleStatus: text("aftersale_status"),
    cancelReason: text("cancel_reason"),
    province: text("province"),
    carrier: text("carrier"),
    /** The latest the order may ship (最晚发货时间); null: unknown, left out of late dispatch. */
    shipBy: tsColumn("ship_by"),
    cancelledBy: text("cancelled_by", { enum: CANCELLED_BY }),
    // Flags and bonus flags (data-formats-current.md): null is unknown, never "no".
    lowPrice: boolean("low_price"),
    instantRefund: boolean("instant_refund"),
    abnormal: boolean("abnormal"),
    shipmentAnomaly: boolean("shipment_anomaly"),
    remote: boolean("remote"),
    nextDay: boolean("next_day"),
    returnInsurance: boolean("return_insurance"),
    largeItemInsurance: boolean("large_item_insurance"),
    onsiteInstall: boolean("onsite_install"),
    lastImportId: uuid("last_import_id"),
    createdImportId: uuid("created_import_id"),
    exportedAt: tsColumn("exported_at"),
  },
  (t) => [
    shopFk(t),
    primaryKey({ columns: [t.orgId, t.shopId, t.orderId] }),
    index("orders_shop_paid").on(t.orgId, t.shopId, t.paidAt),
    index("orders_author").on(t.orgId, t.authorId),
  ],
);

export const reviews = pgTable(
  "reviews",
  {
    orgId: orgIdColumn(),
    shopId: uuid("shop_id").notNull(),
    orderId: text("order_id").notNull(),
    reviewedAt: tsColumn("reviewed_at").notNull(),
    productStars: smallint("product_stars"),
    logisticsStars: smallint("logistics_stars"),
    serviceStars: smallint("service_stars"),
    content: text("content"),
    lastImportId: uuid("last_import_id"),
    createdImportId: uuid("created_import_id"),
    exportedAt: tsColumn("exported_at"),
  },
  (t) => [shopFk(t), primaryKey({ columns: [t.orgId, t.shopId, t.orderId, t.reviewedAt] })],
);

export const afterSales = pgTable(
  "after_sales",
  {
    orgId: orgIdColumn(),
    shopId: uuid("shop_id").notNull(),
    aftersaleId: text("aftersale_id").notNull(),
    orderId: text("order_id").notNull(),
    type: text("type"),
    reason: text("reason"),
    reasonCategory: text("reason_category").notNull().default("other"),
    appliedAt: tsColumn("applied_at").notNull(),
    completedAt: tsColumn("completed_at"),
    completedBy: text("completed_by"),
    exempt: boolean("exempt").notNull().default(false),
    /** When the merchant reviewed (agreed to) the request. */
    reviewedAt: tsColumn("reviewed_at"),
    refundedAt: tsColumn("refunded_at"),
    /** 是否商责 / 纠纷责任方 (商家 → true, anyone else → false); null: unknown. */
    merchantResponsible: boolean("merchant_responsible"),
    lastImportId: uuid("last_import_id"),
    createdImportId: uuid("created_import_id"),
    exportedAt: tsColumn("exported_at"),
  },
  (t) => [
    shopFk(t),
    primaryKey({ columns: [t.orgId, t.shopId, t.aftersaleId] }),
    index("after_sales_order").on(t.orgId, t.shopId, t.orderId),
  ],
);

export const complaints = pgTable(
  "complaints",
  {
    orgId: orgIdColumn(),
    shopId: uuid("shop_id").notNull(),
    caseId: text("case_id").notNull(),
    orderId: text("order_id"),
    createdAt: tsColumn("created_at").notNull(),
    kind: text("kind", { enum: ["complaint", "dispute"] }).notNull(),
    merchantResponsible: boolean("merchant_responsible"),
    lastImportId: uuid("last_import_id"),
    createdImportId: uuid("created_import_id"),
    exportedAt: tsColumn("exported_at"),
  },
  (t) => [shopFk(t), primaryKey({ columns: [t.orgId, t.shopId, t.caseId] })],
);

export const chats = pgTable(
  "chats",
  {
    orgId: orgIdColumn(),
    shopId: uuid("shop_id").notNull(),
    sessionId: text("session_id").notNull(),
    startedAt: tsColumn("started_at").notNull(),
    customerTurns: integer("customer_turns").notNull(),
    turnsAnsweredWithin3min: integer("turns_answered_within_3min").notNull(),
    rating: smallint("rating"),
    lastImportId: uuid("last_import_id"),
    createdImportId: uuid("created_import_id"),
    exportedAt: tsColumn("exported_at"),
  },
  (t) => [shopFk(t), primaryKey({ columns: [t.orgId, t.shopId, t.sessionId] })],
);

/** The columns every fact table ends with: which import wrote the row, which created it, and the export time of its file. */
const importColumns = () => ({
  lastImportId: uuid("last_import_id"),
  createdImportId: uuid("created_import_id"),
  exportedAt: tsColumn("exported_at"),
});

/** One buyer message of a 飞鸽 session and its reply (飞鸽会话明细); the session itself is in chats. */
export const chatTurns = pgTable(
  "chat_turns",
  {
    orgId: orgIdColumn(),
    shopId: uuid("shop_id").notNull(),
    sessionId: text("session_id").notNull(),
    askedAt: tsColumn("asked_at").notNull(),
    repliedAt: tsColumn("replied_at"),
    /** human, bot or none (no reply); null: who answered is unknown. */
    replier: text("replier", { enum: CHAT_REPLIERS }),
    ...importColumns(),
  },
  (t) => [shopFk(t), primaryKey({ columns: [t.orgId, t.shopId, t.sessionId, t.askedAt] })],
);

/** One parcel of an order and the carrier's promised delivery (运单时效明细). */
export const waybills = pgTable(
  "waybills",
  {
    orgId: orgIdColumn(),
    shopId: uuid("shop_id").notNull(),
    waybillId: text("waybill_id").notNull(),
    orderId: text("order_id").notNull(),
    carrier: text("carrier"),
    promisedAt: tsColumn("promised_at"),
    deliveredAt: tsColumn("delivered_at"),
    delivered: boolean("delivered"),
    ...importColumns(),
  },
  (t) => [
    shopFk(t),
    primaryKey({ columns: [t.orgId, t.shopId, t.waybillId] }),
    index("waybills_order").on(t.orgId, t.shopId, t.orderId),
  ],
);

/** A buyer asking the merchant for help with an order, and whether it went on to the platform (消费者求助记录). */
export const helpRequests = pgTable(
  "help_requests",
  {
    orgId: orgIdColumn(),
    shopId: uuid("shop_id").notNull(),
    requestId: text("request_id").notNull(),
    orderId: text("order_id").notNull(),
    soughtAt: tsColumn("sought_at").notNull(),
    escalated: boolean("escalated"),
    escalatedAt: tsColumn("escalated_at"),
    ...importColumns(),
  },
  (t) => [
    shopFk(t),
    primaryKey({ columns: [t.orgId, t.shopId, t.requestId] }),
    index("help_requests_order").on(t.orgId, t.shopId, t.orderId),
  ],
);

/**
 * A platform penalty (违规记录). type_text is the label as the file gave it; type its code, from
 * the default table (server/imports/values.ts) or the organisation's own mapping
 * (penalty_type_overrides), `other` when neither knows the label.
 */
export const penalties = pgTable(
  "penalties",
  {
    orgId: orgIdColumn(),
    shopId: uuid("shop_id").notNull(),
    penaltyId: text("penalty_id").notNull(),
    occurredAt: tsColumn("occurred_at").notNull(),
    typeText: text("type_text"),
    type: text("type", { enum: PENALTY_TYPES }).notNull().default("other"),
    /** Revoked on appeal (申诉成功); null: not known to be revoked. */
    revoked: boolean("revoked"),
    ...importColumns(),
  },
  (t) => [shopFk(t), primaryKey({ columns: [t.orgId, t.shopId, t.penaltyId] })],
);

/** A service the shop switched on, and when it switched it off again (服务开通记录). */
export const shopServices = pgTable(
  "shop_services",
  {
    orgId: orgIdColumn(),
    shopId: uuid("shop_id").notNull(),
    service: text("service", { enum: SHOP_SERVICES }).notNull(),
    enabledAt: tsColumn("enabled_at").notNull(),
    disabledAt: tsColumn("disabled_at"),
    ...importColumns(),
  },
  (t) => [shopFk(t), primaryKey({ columns: [t.orgId, t.shopId, t.service, t.enabledAt] })],
);

/**
 * A creator account's own orders, from its 巨量百应 达人订单 export: the orders it sold for other
 * merchants (and for the organisation's own shops, which scoring skips: those come from the shop's
 * facts). The merchant's shop is named by the platform's shop id and name as the export gives
 * them (it is not an organisation shop, so no foreign key); the directory of public cards matches
 * merchant_shop_id. Reviews and after-sales, where the export has them, ride on the order's row.
 */
export const creatorOrders = pgTable(
  "creator_orders",
  {
    orgId: orgIdColumn(),
    creatorId: uuid("creator_id").notNull(),
    orderId: text("order_id").notNull(),
    paidAt: tsColumn("paid_at").notNull(),
    orderType: text("order_type").notNull().default("normal"),
    status: text("status"),
    merchantShopId: text("merchant_shop_id"),
    merchantShopName: text("merchant_shop_name"),
    productId: text("product_id"),
    productName: text("product_name"),
    quantity: integer("quantity"),
    amount: numeric("amount", { precision: 14, scale: 2 }),
    refundAmount: numeric("refund_amount", { precision: 14, scale: 2 }),
    deliveredAt: tsColumn("delivered_at"),
    aftersaleStatus: text("aftersale_status"),
    aftersaleId: text("aftersale_id"),
    aftersaleType: text("aftersale_type"),
    aftersaleReason: text("aftersale_reason"),
    aftersaleReasonCategory: text("aftersale_reason_category").notNull().default("other"),
    aftersaleAppliedAt: tsColumn("aftersale_applied_at"),
    aftersaleCompletedAt: tsColumn("aftersale_completed_at"),
    reviewedAt: tsColumn("reviewed_at"),
    productStars: smallint("product_stars"),
    logisticsStars: smallint("logistics_stars"),
    serviceStars: smallint("service_stars"),
    lastImportId: uuid("last_import_id"),
    createdImportId: uuid("created_import_id"),
    exportedAt: tsColumn("exported_at"),
  },
  (t) => [
    foreignKey({ columns: [t.orgId, t.creatorId], foreignColumns: [creators.orgId, creators.id] }).onDelete("cascade"),
    primaryKey({ columns: [t.orgId, t.creatorId, t.orderId] }),
    index("creator_orders_merchant").on(t.orgId, t.creatorId, t.merchantShopId),
  ],
);

/** Per-organisation override of the after-sale reason → category mapping (scoring.md §3). */
export const reasonCategoryOverrides = pgTable(
  "reason_category_overrides",
  {
    orgId: orgIdColumn().references(() => organisations.orgId, { onDelete: "cascade" }),
    reason: text("reason").notNull(),
    category: text("category", { enum: ["quality", "logistics", "size", "no_reason", "other"] }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.reason] })],
);

/** Per-organisation override of the penalty label → type mapping (违规类型), like reason_category_overrides. */
export const penaltyTypeOverrides = pgTable(
  "penalty_type_overrides",
  {
    orgId: orgIdColumn().references(() => organisations.orgId, { onDelete: "cascade" }),
    label: text("label").notNull(),
    type: text("type", { enum: PENALTY_TYPES }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.label] })],
);
