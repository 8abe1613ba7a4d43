import { readFileSync } from "node:fs";
import path from "node:path";
import Papa from "papaparse";
import { CATEGORY_SEED } from "@/db/reference-categories";
import { CANCELLED_BY, CHAT_REPLIERS, PENALTY_TYPES, SHOP_SERVICES, STORE_TYPES } from "@/lib/contracts/facts";
import { categoriseReason } from "@/server/catalog/aftersale-reasons";
import { resolveCategory } from "@/server/catalog/categories";
import { parseShanghaiWallClock } from "@/server/lib/time";
import type { CurrentShop, CurrentShopFacts } from "@/server/scoring/current/facts";
import { CURRENT_CANONICAL_DIR } from "./sample-paths";

type Row = Record<string, string>;

function readCsv(file: string): Row[] {
  return Papa.parse<Row>(readFileSync(path.join(CURRENT_CANONICAL_DIR, file), "utf8"), { header: true, skipEmptyLines: "greedy", transform: (v) => v.trim() }).data;
}

const text = (row: Row, column: string): string | null => (row[column] === undefined || row[column] === "" ? null : (row[column] ?? null));

function required(row: Row, column: string): string {
  const value = text(row, column);
  if (value === null) throw new Error(`missing ${column} in ${JSON.stringify(row)}`);
  return value;
}

function time(row: Row, column: string): number | null {
  const value = text(row, column);
  if (value === null) return null;
  const parsed = parseShanghaiWallClock(value);
  if (!parsed) throw new Error(`bad time ${column}=${value}`);
  return parsed.getTime();
}

function requiredTime(row: Row, column: string): number {
  const value = time(row, column);
  if (value === null) throw new Error(`missing ${column} in ${JSON.stringify(row)}`);
  return value;
}

function bool(row: Row, column: string): boolean | null {
  const value = text(row, column);
  if (value === null) return null;
  if (value !== "true" && value !== "false") throw new Error(`bad boolean ${column}=${value}`);
  return value === "true";
}

function oneOf<T extends string>(values: readonly T[], row: Row, column: string): T | null {
  const value = text(row, column);
  if (value === null) return null;
  if (!(values as readonly string[]).includes(value)) throw new Error(`bad ${column}=${value}`);
  return value as T;
}

export type CurrentSample = CurrentShop & { orgKey: string };

/** Parses `current/canonical/` into one CurrentShop per shop_key (the keys of the expected files). */
export function loadCurrentSamples(): CurrentSample[] {
  const facts = new Map<string, { [K in keyof CurrentShopFacts]: CurrentShopFacts[K][number][] }>();
  const factsOf = (shopKey: string) => {
    let f = facts.get(shopKey);
    if (!f) facts.set(shopKey, (f = { orders: [], reviews: [], afterSales: [], chats: [], chatTurns: [], waybills: [], helpRequests: [], penalties: [], services: [] }));
    return f;
  };
  const shopOfOrder = new Map<string, string>();
  for (const r of readCsv("orders.csv")) {
    const shopKey = required(r, "shop_key");
    shopOfOrder.set(required(r, "order_id"), shopKey);
    factsOf(shopKey).orders.push({
      orderId: required(r, "order_id"),
      paidAt: requiredTime(r, "paid_at"),
      orderType: required(r, "order_type"),
      status: text(r, "status"),
      shippedAt: time(r, "shipped_at"),
      pickedUpAt: time(r, "picked_up_at"),
      deliveredAt: time(r, "delivered_at"),
      shipBy: time(r, "ship_by"),
      cancelledBy: oneOf(CANCELLED_BY, r, "cancelled_by"),
      lowPrice: bool(r, "low_price"),
      instantRefund: bool(r, "instant_refund"),
      abnormal: bool(r, "abnormal"),
      shipmentAnomaly: bool(r, "shipment_anomaly"),
      remote: bool(r, "remote"),
      nextDay: bool(r, "next_day"),
      returnInsurance: bool(r, "return_insurance"),
      largeItemInsurance: bool(r, "large_item_insurance"),
      onsiteInstall: bool(r, "onsite_install"),
    });
  }
  const ofOrder = (orderId: string) => factsOf(shopOfOrder.get(orderId) ?? `unknown:${orderId}`);
  for (const r of readCsv("reviews.csv")) {
    const stars = text(r, "product_stars");
    ofOrder(required(r, "order_id")).reviews.push({ orderId: required(r, "order_id"), reviewedAt: requiredTime(r, "reviewed_at"), productStars: stars === null ? null : Number(stars) });
  }
  for (const r of readCsv("after_sales.csv")) {
    const reason = text(r, "reason");
    ofOrder(required(r, "order_id")).afterSales.push({
      aftersaleId: required(r, "aftersale_id"),
      orderId: required(r, "order_id"),
      reason,
      reasonCategory: categoriseReason(reason),
      appliedAt: requiredTime(r, "applied_at"),
      exempt: bool(r, "exempt") === true,
      reviewedAt: time(r, "reviewed_at"),
      refundedAt: time(r, "refunded_at"),
      merchantResponsible: bool(r, "merchant_responsible"),
    });
  }
  for (const r of readCsv("chats.csv")) {
    const rating = text(r, "rating");
    factsOf(required(r, "shop_key")).chats.push({ sessionId: required(r, "session_id"), startedAt: requiredTime(r, "started_at"), rating: rating === null ? null : Number(rating) });
  }
  for (const r of readCsv("chat_turns.csv")) {
    factsOf(required(r, "shop_key")).chatTurns.push({ sessionId: required(r, "session_id"), askedAt: requiredTime(r, "asked_at"), repliedAt: time(r, "replied_at"), replier: oneOf(CHAT_REPLIERS, r, "replier") });
  }
  for (const r of readCsv("waybills.csv")) {
    ofOrder(required(r, "order_id")).waybills.push({ waybillId: required(r, "waybill_id"), orderId: required(r, "order_id"), promisedAt: time(r, "promised_at"), deliveredAt: time(r, "delivered_at"), delivered: bool(r, "delivered") });
  }
  for (const r of readCsv("help_requests.csv")) {
    ofOrder(required(r, "order_id")).helpRequests.push({ requestId: required(r, "request_id"), orderId: required(r, "order_id"), soughtAt: requiredTime(r, "sought_at"), escalated: bool(r, "escalated"), escalatedAt: time(r, "escalated_at") });
  }
  for (const r of readCsv("penalties.csv")) {
    factsOf(required(r, "shop_key")).penalties.push({ penaltyId: required(r, "penalty_id"), occurredAt: requiredTime(r, "occurred_at"), type: oneOf(PENALTY_TYPES, r, "type") ?? "other", revoked: bool(r, "revoked") });
  }
  for (const r of readCsv("shop_services.csv")) {
    const service = oneOf(SHOP_SERVICES, r, "service");
    if (service === null) throw new Error(`missing service in ${JSON.stringify(r)}`);
    factsOf(required(r, "shop_key")).services.push({ service, enabledAt: requiredTime(r, "enabled_at"), disabledAt: time(r, "disabled_at") });
  }
  return readCsv("shops.csv").map((r) => {
    const category = required(r, "category");
    const known = resolveCategory(CATEGORY_SEED, category);
    const names = known ? [known.code, known.nameZh, known.nameEn] : [category];
    return {
      key: required(r, "shop_key"),
      orgKey: required(r, "org_key"),
      categoryCode: known?.code ?? category,
      categoryNames: names,
      storeType: oneOf(STORE_TYPES, r, "store_type") ?? "ordinary",
      facts: factsOf(required(r, "shop_key")),
    };
  });
}
