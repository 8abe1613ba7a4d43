import { readFileSync } from "node:fs";
import path from "node:path";
import { CATEGORY_SEED } from "@/db/reference-categories";
import { CANCELLED_BY, CHAT_REPLIERS, PENALTY_TYPES, SHOP_SERVICES, STORE_TYPES } from "@/lib/contracts/facts";
import { categoriseReason } from "@/server/catalog/aftersale-reasons";
import { resolveCategory } from "@/server/catalog/categories";
import { parseShanghaiWallClock } from "@/server/lib/time";
import type { ShopFactRows } from "@/server/demo/insert-facts";
import type { CurrentShop, CurrentShopFacts } from "@/server/scoring/current/facts";
import { readCsv as readCsvIn, required, text, type CsvRow } from "./csv-cells";
import { CURRENT_CANONICAL_DIR } from "./sample-paths";

type Row = CsvRow;

const readCsv = (file: string): Row[] => readCsvIn(CURRENT_CANONICAL_DIR, file);

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

const date = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));

/** A sample shop's facts as fact-table rows (insertShopFacts), for tests that write them straight into the database. */
export function currentFactRows(sample: CurrentSample): ShopFactRows {
  const f = sample.facts;
  const turns = chatTurnCounts();
  return {
    orders: f.orders.map((o) => ({ ...o, paidAt: new Date(o.paidAt), shippedAt: date(o.shippedAt), pickedUpAt: date(o.pickedUpAt), deliveredAt: date(o.deliveredAt), shipBy: date(o.shipBy) })),
    reviews: f.reviews.map((r) => ({ orderId: r.orderId, reviewedAt: new Date(r.reviewedAt), productStars: r.productStars })),
    afterSales: f.afterSales.map((a) => ({ ...a, appliedAt: new Date(a.appliedAt), reviewedAt: date(a.reviewedAt), refundedAt: date(a.refundedAt) })),
    complaints: [],
    chats: f.chats.map((c) => ({ sessionId: c.sessionId, startedAt: new Date(c.startedAt), rating: c.rating, customerTurns: turns.get(c.sessionId)?.[0] ?? 0, turnsAnsweredWithin3min: turns.get(c.sessionId)?.[1] ?? 0 })),
    chatTurns: f.chatTurns.map((t) => ({ ...t, askedAt: new Date(t.askedAt), repliedAt: date(t.repliedAt) })),
    waybills: f.waybills.map((w) => ({ ...w, promisedAt: date(w.promisedAt), deliveredAt: date(w.deliveredAt) })),
    helpRequests: f.helpRequests.map((h) => ({ ...h, soughtAt: new Date(h.soughtAt), escalatedAt: date(h.escalatedAt) })),
    penalties: f.penalties.map((p) => ({ ...p, occurredAt: new Date(p.occurredAt) })),
    shopServices: f.services.map((s) => ({ ...s, enabledAt: new Date(s.enabledAt), disabledAt: date(s.disabledAt) })),
  };
}

let turnCounts: Map<string, [number, number]> | undefined;
function chatTurnCounts(): Map<string, [number, number]> {
  turnCounts ??= new Map(readCsv("chats.csv").map((r) => [required(r, "session_id"), [Number(required(r, "customer_turns")), Number(required(r, "turns_answered_within_3min"))]]));
  return turnCounts;
}

export type ExpectedCurrent = Record<string, Record<string, unknown>>;

/** The independent implementation's results for a rule set on the golden day. */
export function loadExpectedCurrent(ruleSetName: string): ExpectedCurrent {
  return JSON.parse(readFileSync(path.join(CURRENT_CANONICAL_DIR, `../expected-2026-05-20-${ruleSetName}.json`), "utf8")) as ExpectedCurrent;
}

const TOLERANCE = 1e-9;

/**
 * Differences between a result and the expected object: every number (to 1e-9), flag and list
 * of the expected one must be in the actual one; an indicator the expected file leaves out must
 * be missing (value null).
 */
export function currentDifferences(key: string, actual: unknown, expected: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const compare = (a: unknown, e: unknown, where: string): void => {
    if (typeof e === "number") {
      if (typeof a !== "number" || !(Math.abs(a - e) <= TOLERANCE)) problems.push(`${where}: ${String(a)} ≠ ${e}`);
    } else if (Array.isArray(e)) {
      if (!Array.isArray(a) || a.length !== e.length) problems.push(`${where}: ${JSON.stringify(a)} ≠ ${JSON.stringify(e)}`);
      else e.forEach((x, i) => compare(a[i], x, `${where}[${i}]`));
    } else if (e !== null && typeof e === "object") {
      if (a === null || typeof a !== "object") problems.push(`${where}: missing`);
      else for (const [k, v] of Object.entries(e)) compare((a as Record<string, unknown>)[k], v, `${where}.${k}`);
    } else if (a !== e) problems.push(`${where}: ${JSON.stringify(a)} ≠ ${JSON.stringify(e)}`);
  };
  compare(actual, expected, key);
  const expectedIndicators = (expected.indicators ?? {}) as Record<string, unknown>;
  const actualIndicators = ((actual as { indicators?: Record<string, { value: number | null }> } | undefined)?.indicators ?? {});
  for (const [code, result] of Object.entries(actualIndicators)) {
    if (!(code in expectedIndicators) && result.value !== null) problems.push(`${key}.indicators.${code}: ${result.value} where the expected file has it missing`);
  }
  return problems;
}

/** Problems grouped by the field they are in, with the first few in full: a readable failure for 127 shops. */
export function summariseDifferences(problems: readonly string[]): { kinds: Record<string, number>; first: string[] } {
  const kinds: Record<string, number> = {};
  for (const p of problems) {
    const field = p.split(":")[0]?.replace(/^[^.]+\./, "") ?? "";
    kinds[field] = (kinds[field] ?? 0) + 1;
  }
  return { kinds, first: problems.slice(0, 12) };
}
