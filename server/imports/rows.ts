import type { Message } from "@/lib/contracts/message";
import type { afterSales, chats, chatTurns, complaints, creatorOrders, helpRequests, orders, penalties, reviews, shopServices, waybills } from "@/db/schema/facts";
import { categoriseReason, type ReasonOverrides } from "@/server/catalog/aftersale-reasons";
import { penaltyTypeOf, type PenaltyTypeOverrides } from "@/server/catalog/penalty-types";
import { normaliseHeader, RESPONSIBLE_PARTY_HEADERS, type MappedHeaders } from "./headers";
import type { ImportKind } from "@/lib/contracts/imports";
import { isCiphertext, maskFreeText } from "./pii";
import {
  AFTERSALE_TYPES,
  APPEAL_UPHELD_WORDS,
  CANCELLED_BY_VALUES,
  CHAT_REPLIER_VALUES,
  cleanText,
  DELIVERY_STATUSES,
  MERCHANT_PARTY_WORDS,
  parseNamedYes,
  parseYesNoOr,
  SHOP_SERVICE_VALUES,
  COMPLAINT_KINDS,
  COMPLETED_BY,
  normaliseOrderStatus,
  ORDER_TYPES,
  parseCount,
  parseEnum,
  parseId,
  parseMoney,
  parseShanghaiTime,
  parseStars,
  parseYesNo,
  REVIEW_GRADES,
  rowReason,
  type Parsed,
} from "./values";

type Stored = "orgId" | "shopId" | "creatorId" | "lastImportId" | "createdImportId" | "exportedAt";
export type OrderFact = Omit<typeof orders.$inferInsert, Stored>;
export type ReviewFact = Omit<typeof reviews.$inferInsert, Stored>;
export type AfterSaleFact = Omit<typeof afterSales.$inferInsert, Stored>;
export type ComplaintFact = Omit<typeof complaints.$inferInsert, Stored>;
export type ChatFact = Omit<typeof chats.$inferInsert, Stored>;
export type CreatorOrderFact = Omit<typeof creatorOrders.$inferInsert, Stored>;
export type ChatTurnFact = Omit<typeof chatTurns.$inferInsert, Stored>;
export type WaybillFact = Omit<typeof waybills.$inferInsert, Stored>;
export type HelpRequestFact = Omit<typeof helpRequests.$inferInsert, Stored>;
export type PenaltyFact = Omit<typeof penalties.$inferInsert, Stored>;
export type ShopServiceFact = Omit<typeof shopServices.$inferInsert, Stored>;

export type FactByKind = {
  orders: OrderFact;
  reviews: ReviewFact;
  after_sales: AfterSaleFact;
  complaints: ComplaintFact;
  chats: ChatFact;
  creator_orders: CreatorOrderFact;
  chat_turns: ChatTurnFact;
  waybills: WaybillFact;
  help_requests: HelpRequestFact;
  penalties: PenaltyFact;
  shop_services: ShopServiceFact;
};
export type AnyFact = FactByKind[ImportKind];

/** A rejected cell or row: 1-based row as the spreadsheet shows it, the header, and why. */
export type RowError = { row: number; column: string | null; reason: Message };

export type RowResult<K extends ImportKind> = { ok: true; row: number; fact: FactByKind[K] } | { ok: false; row: number; errors: RowError[] };

/** The organisation's own mappings of labels to codes (after-sale reasons, penalty types). */
export type RowOptions = { reasonOverrides?: ReasonOverrides; penaltyTypeOverrides?: PenaltyTypeOverrides };

/**
 * Each field's column index, looked up once per file: a plain-object lookup by a string key for
 * every field of every row showed in the import's profile.
 */
const columnIndexes = new WeakMap<MappedHeaders, Map<string, number>>();
function columnIndexesOf(mapped: MappedHeaders): Map<string, number> {
  let indexes = columnIndexes.get(mapped);
  if (!indexes) columnIndexes.set(mapped, (indexes = new Map(Object.entries(mapped.columns))));
  return indexes;
}

/** Reads one field of a record through a parser, collecting errors with the header that held it. */
class FieldReader {
  readonly errors: RowError[] = [];
  private readonly columns: Map<string, number>;
  constructor(
    private readonly mapped: MappedHeaders,
    private readonly cells: readonly string[],
    private readonly row: number,
  ) {
    this.columns = columnIndexesOf(mapped);
  }

  /** The header a field is read from, as errors name it. */
  column(field: string): string {
    return this.mapped.mapping[field] ?? field;
  }

  /** True when the field is read from this header (a column whose values mean something else than its variants'). */
  readsFrom(field: string, header: string): boolean {
    const mapped = this.mapped.mapping[field];
    return mapped !== null && mapped !== undefined && normaliseHeader(mapped) === normaliseHeader(header);
  }

  raw(field: string): string | undefined {
    const index = this.columns.get(field);
    return index === undefined ? undefined : this.cells[index];
  }

  get<T>(field: string, parser: (raw: string | undefined) => Parsed<T>, required = false): T | null {
    const result = parser(this.raw(field));
    if (result.error !== undefined) {
      this.errors.push({ row: this.row, column: this.column(field), reason: result.error });
      return null;
    }
    if (required && result.value === null) this.errors.push({ row: this.row, column: this.column(field), reason: rowReason("required") });
    return result.value;
  }

  /** Plain text (names, statuses); ciphertext dropped. */
  text(field: string, maxLength = 500): string | null {
    const value = cleanText(this.raw(field));
    if (value === null || isCiphertext(value)) return null;
    return value.slice(0, maxLength);
  }

  /** Free text that may hold a buyer's phone or address: masked. */
  freeText(field: string, maxLength = 2000): string | null {
    const value = this.text(field, maxLength);
    return value === null ? null : maskFreeText(value);
  }
}

const id = parseId;
const time = parseShanghaiTime;

const orderType = (v: string | undefined) => parseEnum(v, ORDER_TYPES, "orderType");
const cancelledBy = (v: string | undefined) => parseEnum(v, CANCELLED_BY_VALUES, "cancelledBy");

function parseOrder(r: FieldReader): OrderFact | null {
  // Every field is read, so that each bad cell of the row is reported, before the row is refused.
  // One object, built once: this runs for every row of a million-row export.
  const fact = {
    orderId: r.get("order_id", id, true),
    paidAt: r.get("paid_at", time, true),
    orderType: r.get("order_type", orderType) ?? "normal",
    status: normaliseOrderStatus(r.raw("status")),
    shippedAt: r.get("shipped_at", time),
    pickedUpAt: r.get("picked_up_at", time),
    deliveredAt: r.get("delivered_at", time),
    completedAt: r.get("completed_at", time),
    amount: r.get("amount", parseMoney),
    authorId: r.get("author_id", id),
    productId: r.get("product_id", id),
    productName: r.freeText("product_name", 300),
    sku: r.text("sku", 200),
    quantity: r.get("quantity", parseCount),
    aftersaleStatus: r.freeText("aftersale_status", 100),
    cancelReason: r.freeText("cancel_reason", 500),
    province: r.text("province", 50),
    carrier: r.text("carrier", 100),
    shipBy: r.get("ship_by", time),
    cancelledBy: r.get("cancelled_by", cancelledBy),
    lowPrice: r.get("low_price", parseYesNo),
    instantRefund: r.get("instant_refund", parseYesNo),
    abnormal: r.get("abnormal", parseYesNo),
    shipmentAnomaly: r.get("shipment_anomaly", parseYesNo),
    remote: r.get("remote", parseYesNo),
    nextDay: r.get("next_day", parseYesNo),
    returnInsurance: r.get("return_insurance", parseYesNo),
    largeItemInsurance: r.get("large_item_insurance", parseYesNo),
    onsiteInstall: r.get("onsite_install", parseYesNo),
  };
  if (!fact.orderId || !fact.paidAt) return null;
  // Both were checked just above: TypeScript narrows the properties, not the object that holds them.
  return fact as OrderFact;
}

function parseReview(r: FieldReader): ReviewFact | null {
  const orderId = r.get("order_id", id, true);
  const reviewedAt = r.get("reviewed_at", time, true);
  let productStars = r.get("product_stars", parseStars);
  const logisticsStars = r.get("logistics_stars", parseStars);
  const serviceStars = r.get("service_stars", parseStars);
  const grade = r.get("grade", (v) => parseEnum(v, REVIEW_GRADES, "reviewGrade"));
  if (productStars === null && logisticsStars === null && serviceStars === null && grade !== null) productStars = grade;
  const content = r.freeText("content", 2000);
  if (!orderId || !reviewedAt) return null;
  return { orderId, reviewedAt, productStars, logisticsStars, serviceStars, content };
}

function parseAfterSale(r: FieldReader, options: RowOptions): AfterSaleFact | null {
  const aftersaleId = r.get("aftersale_id", id, true);
  const orderId = r.get("order_id", id, true);
  const appliedAt = r.get("applied_at", time, true);
  const type = r.get("type", (v) => parseEnum(v, AFTERSALE_TYPES, "afterSaleType"));
  const reason = r.freeText("reason", 300);
  const completedAt = r.get("completed_at", time);
  const completedBy = r.get("completed_by", (v) => parseEnum(v, COMPLETED_BY, "completedBy"));
  const exempt = r.get("exempt", parseYesNo);
  const reviewedAt = r.get("reviewed_at", time);
  const refundedAt = r.get("refunded_at", time);
  // 纠纷责任方 names a party (商家 → responsible); 是否商责 is a plain 是/否.
  const merchantResponsible = r.get("merchant_responsible", RESPONSIBLE_PARTY_HEADERS.some((header) => r.readsFrom("merchant_responsible", header)) ? (v) => parseNamedYes(v, MERCHANT_PARTY_WORDS) : parseYesNo);
  if (!aftersaleId || !orderId || !appliedAt) return null;
  return {
    aftersaleId,
    orderId,
    type,
    reason,
    reasonCategory: categoriseReason(reason, options.reasonOverrides),
    appliedAt,
    completedAt,
    completedBy,
    exempt: exempt ?? false,
    reviewedAt,
    refundedAt,
    merchantResponsible,
  };
}

function parseComplaint(r: FieldReader): ComplaintFact | null {
  const caseId = r.get("case_id", id, true);
  const orderId = r.get("order_id", id);
  const createdAt = r.get("created_at", time, true);
  const kind = r.get("kind", (v) => parseEnum(v, COMPLAINT_KINDS, "caseType"), true);
  const merchantResponsible = r.get("merchant_responsible", parseYesNo);
  if (!caseId || !createdAt || !kind) return null;
  return { caseId, orderId, createdAt, kind, merchantResponsible };
}

function parseChat(r: FieldReader): ChatFact | null {
  const sessionId = r.get("session_id", id, true);
  const startedAt = r.get("started_at", time, true);
  const customerTurns = r.get("customer_turns", parseCount, true);
  const answered = r.get("turns_answered_within_3min", parseCount, true);
  const rating = r.get("rating", parseStars);
  if (customerTurns !== null && answered !== null && answered > customerTurns) {
    r.errors.push({ row: 0, column: null, reason: rowReason("turnsAnswered") });
  }
  if (!sessionId || !startedAt || customerTurns === null || answered === null) return null;
  return { sessionId, startedAt, customerTurns, turnsAnsweredWithin3min: answered, rating };
}

/**
 * One row of a creator's 达人订单 export: the order, the merchant's shop it was sold for, and its
 * after-sale and review where the export carries them. Buyer columns never reach here (pii.ts).
 */
function parseCreatorOrder(r: FieldReader, options: RowOptions): CreatorOrderFact | null {
  const orderId = r.get("order_id", id, true);
  const paidAt = r.get("paid_at", time, true);
  const orderType = r.get("order_type", (v) => parseEnum(v, ORDER_TYPES, "orderType"));
  const merchantShopId = r.get("merchant_shop_id", id);
  const merchantShopName = r.text("merchant_shop_name", 200);
  if (merchantShopId === null && merchantShopName === null) r.errors.push({ row: 0, column: r.column("merchant_shop_name"), reason: rowReason("required") });
  const aftersaleReason = r.freeText("aftersale_reason", 300);
  const fact = {
    merchantShopId,
    merchantShopName,
    productId: r.get("product_id", id),
    productName: r.freeText("product_name", 300),
    quantity: r.get("quantity", parseCount),
    amount: r.get("amount", parseMoney),
    refundAmount: r.get("refund_amount", parseMoney),
    deliveredAt: r.get("delivered_at", time),
    aftersaleStatus: r.freeText("aftersale_status", 100),
    aftersaleId: r.get("aftersale_id", id),
    aftersaleType: r.get("aftersale_type", (v) => parseEnum(v, AFTERSALE_TYPES, "afterSaleType")),
    aftersaleReason,
    aftersaleReasonCategory: categoriseReason(aftersaleReason, options.reasonOverrides),
    aftersaleAppliedAt: r.get("aftersale_applied_at", time),
    aftersaleCompletedAt: r.get("aftersale_completed_at", time),
    reviewedAt: r.get("reviewed_at", time),
    productStars: r.get("product_stars", parseStars),
    logisticsStars: r.get("logistics_stars", parseStars),
    serviceStars: r.get("service_stars", parseStars),
  };
  if (!orderId || !paidAt) return null;
  return { orderId, paidAt, orderType: orderType ?? "normal", status: normaliseOrderStatus(r.raw("status")), ...fact };
}

function parseChatTurn(r: FieldReader): ChatTurnFact | null {
  const sessionId = r.get("session_id", id, true);
  const askedAt = r.get("asked_at", time, true);
  const repliedAt = r.get("replied_at", time);
  const replier = r.get("replier", (v) => parseEnum(v, CHAT_REPLIER_VALUES, "replier"));
  if (!sessionId || !askedAt) return null;
  return { sessionId, askedAt, repliedAt, replier };
}

function parseWaybill(r: FieldReader): WaybillFact | null {
  const waybillId = r.get("waybill_id", id, true);
  const orderId = r.get("order_id", id, true);
  const fact = {
    carrier: r.text("carrier", 100),
    promisedAt: r.get("promised_at", time),
    deliveredAt: r.get("delivered_at", time),
    delivered: r.get("delivered", (v) => parseYesNoOr(v, DELIVERY_STATUSES, "deliveryStatus")),
  };
  if (!waybillId || !orderId) return null;
  return { waybillId, orderId, ...fact };
}

function parseHelpRequest(r: FieldReader): HelpRequestFact | null {
  const requestId = r.get("request_id", id, true);
  const orderId = r.get("order_id", id, true);
  const soughtAt = r.get("sought_at", time, true);
  const escalated = r.get("escalated", parseYesNo);
  const escalatedAt = r.get("escalated_at", time);
  if (!requestId || !orderId || !soughtAt) return null;
  return { requestId, orderId, soughtAt, escalated, escalatedAt };
}

/** The label is kept as given (type_text); its type comes from the organisation's mapping, else the default table, else `other`. */
function parsePenalty(r: FieldReader, options: RowOptions): PenaltyFact | null {
  const penaltyId = r.get("penalty_id", id, true);
  const occurredAt = r.get("occurred_at", time, true);
  const typeText = r.text("type", 200);
  // 申诉结果 is an outcome (申诉成功 → revoked); 是否撤销 a plain 是/否.
  const revoked = r.get("revoked", r.readsFrom("revoked", "申诉结果") ? (v) => parseNamedYes(v, APPEAL_UPHELD_WORDS) : parseYesNo);
  if (!penaltyId || !occurredAt) return null;
  return { penaltyId, occurredAt, typeText, type: penaltyTypeOf(typeText, options.penaltyTypeOverrides), revoked };
}

function parseShopService(r: FieldReader): ShopServiceFact | null {
  const service = r.get("service", (v) => parseEnum(v, SHOP_SERVICE_VALUES, "service"), true);
  const enabledAt = r.get("enabled_at", time, true);
  const disabledAt = r.get("disabled_at", time);
  if (!service || !enabledAt) return null;
  return { service, enabledAt, disabledAt };
}

/**
 * Turns one record into a typed fact row (the camelCase fields of db/schema/facts.ts, without
 * org/shop/import columns), or the reasons it is rejected. Never throws.
 */
export function parseRecord<K extends ImportKind>(
  kind: K,
  mapped: MappedHeaders,
  cells: readonly string[],
  row: number,
  options: RowOptions = {},
): RowResult<K> {
  const reader = new FieldReader(mapped, cells, row);
  let fact: AnyFact | null;
  try {
    switch (kind) {
      case "orders":
        fact = parseOrder(reader);
        break;
      case "reviews":
        fact = parseReview(reader);
        break;
      case "after_sales":
        fact = parseAfterSale(reader, options);
        break;
      case "complaints":
        fact = parseComplaint(reader);
        break;
      case "creator_orders":
        fact = parseCreatorOrder(reader, options);
        break;
      case "chat_turns":
        fact = parseChatTurn(reader);
        break;
      case "waybills":
        fact = parseWaybill(reader);
        break;
      case "help_requests":
        fact = parseHelpRequest(reader);
        break;
      case "penalties":
        fact = parsePenalty(reader, options);
        break;
      case "shop_services":
        fact = parseShopService(reader);
        break;
      default:
        fact = parseChat(reader);
    }
  } catch (error) {
    return { ok: false, row, errors: [{ row, column: null, reason: rowReason("unreadableRow", { detail: error instanceof Error ? error.message : String(error) }) }] };
  }
  if (reader.errors.length > 0 || fact === null) {
    const errors = reader.errors.map((e) => ({ ...e, row }));
    return { ok: false, row, errors: errors.length > 0 ? errors : [{ row, column: null, reason: rowReason("required") }] };
  }
  return { ok: true, row, fact: fact as FactByKind[K] };
}
