import { readFileSync } from "node:fs";
import path from "node:path";
import { categoriseReason } from "@/server/catalog/aftersale-reasons";
import { CATEGORY_SEED } from "@/db/reference-categories";
import { resolveCategory } from "@/server/catalog/categories";
import { parseShanghaiWallClock } from "@/server/lib/time";
import {
  factsForAuthor,
  parseAfterSaleType,
  parseCompletedBy,
  type AfterSaleFact,
  type ChatFact,
  type ComplaintFact,
  type EntityFacts,
  type OrderFact,
  type ReviewFact,
} from "@/server/scoring/facts";
import { readCsv, required, text, type CsvRow } from "./csv-cells";
import { CANONICAL_DIR, SAMPLES_DIR } from "./sample-paths";


export type SampleEntity = {
  /** shop_key, or `org_key:author_id` for a creator (the keys of the expected files). */
  key: string;
  orgKey: string;
  categoryCode: string;
  facts: EntityFacts;
};

export type CanonicalSamples = { shops: SampleEntity[]; creators: SampleEntity[] };

type Row = CsvRow;

function instant(row: Row, column: string): Date | null {
  const value = text(row, column);
  if (value === null) return null;
  const parsed = parseShanghaiWallClock(value);
  if (!parsed) throw new Error(`bad time ${column}=${value}`);
  return parsed;
}

function requiredInstant(row: Row, column: string): Date {
  const value = instant(row, column);
  if (!value) throw new Error(`missing ${column} in ${JSON.stringify(row)}`);
  return value;
}

function stars(row: Row, column: string): number | null {
  const value = text(row, column);
  return value === null ? null : Number(value);
}

function bool(row: Row, column: string): boolean | null {
  const value = text(row, column);
  return value === null ? null : value === "true";
}

function emptyFacts(): EntityFacts {
  return { orders: [], reviews: [], afterSales: [], complaints: [], chats: [] };
}

function mergeFacts(a: EntityFacts, b: EntityFacts): EntityFacts {
  return {
    orders: [...a.orders, ...b.orders],
    reviews: [...a.reviews, ...b.reviews],
    afterSales: [...a.afterSales, ...b.afterSales],
    complaints: [...a.complaints, ...b.complaints],
    chats: [...a.chats, ...b.chats],
  };
}

function categoryCode(name: string): string {
  return resolveCategory(CATEGORY_SEED, name)?.code ?? name;
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === null) continue;
    const list = groups.get(key);
    if (list) list.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/** Parses the canonical CSVs into per-shop and per-creator facts (creator orders span its org's shops). */
export function loadCanonicalSamples(dir: string = CANONICAL_DIR): CanonicalSamples {
  const shopRows = readCsv(dir, "shops.csv");

  const orders = readCsv(dir, "orders.csv").map((r) => ({
    shopKey: required(r, "shop_key"),
    fact: {
      orderId: required(r, "order_id"),
      paidAt: requiredInstant(r, "paid_at"),
      orderType: required(r, "order_type"),
      status: text(r, "status"),
      pickedUpAt: instant(r, "picked_up_at"),
      deliveredAt: instant(r, "delivered_at"),
      authorId: text(r, "author_id"),
    } satisfies OrderFact,
  }));
  const shopOfOrder = new Map(orders.map((o) => [o.fact.orderId, o.shopKey]));

  const reviews: ReviewFact[] = readCsv(dir, "reviews.csv").map((r) => ({
    orderId: required(r, "order_id"),
    reviewedAt: requiredInstant(r, "reviewed_at"),
    productStars: stars(r, "product_stars"),
    logisticsStars: stars(r, "logistics_stars"),
    serviceStars: stars(r, "service_stars"),
  }));
  const afterSales: AfterSaleFact[] = readCsv(dir, "after_sales.csv").map((r) => ({
    aftersaleId: required(r, "aftersale_id"),
    orderId: required(r, "order_id"),
    type: parseAfterSaleType(text(r, "type")),
    reasonCategory: categoriseReason(text(r, "reason")),
    appliedAt: requiredInstant(r, "applied_at"),
    completedAt: instant(r, "completed_at"),
    completedBy: parseCompletedBy(text(r, "completed_by")),
    exempt: bool(r, "exempt") === true,
  }));
  const complaints: ComplaintFact[] = readCsv(dir, "complaints.csv").map((r) => ({
    caseId: required(r, "case_id"),
    orderId: text(r, "order_id"),
    createdAt: requiredInstant(r, "created_at"),
    kind: required(r, "kind") === "dispute" ? "dispute" : "complaint",
    merchantResponsible: bool(r, "merchant_responsible"),
  }));
  const chats = readCsv(dir, "chats.csv").map((r) => ({
    shopKey: required(r, "shop_key"),
    fact: {
      sessionId: required(r, "session_id"),
      startedAt: requiredInstant(r, "started_at"),
      customerTurns: Number(required(r, "customer_turns")),
      turnsAnsweredWithin3min: Number(required(r, "turns_answered_within_3min")),
    } satisfies ChatFact,
  }));

  const shopOf = (orderId: string | null) =>
    orderId === null ? null : (shopOfOrder.get(orderId) ?? null);
  const ordersByShop = groupBy(orders, (o) => o.shopKey);
  const reviewsByShop = groupBy(reviews, (r) => shopOf(r.orderId));
  const afterSalesByShop = groupBy(afterSales, (a) => shopOf(a.orderId));
  const complaintsByShop = groupBy(complaints, (c) => shopOf(c.orderId));
  const chatsByShop = groupBy(chats, (c) => c.shopKey);

  const shops: SampleEntity[] = shopRows.map((r) => {
    const key = required(r, "shop_key");
    return {
      key,
      orgKey: required(r, "org_key"),
      categoryCode: categoryCode(required(r, "category")),
      facts: {
        orders: (ordersByShop.get(key) ?? []).map((o) => o.fact),
        reviews: reviewsByShop.get(key) ?? [],
        afterSales: afterSalesByShop.get(key) ?? [],
        complaints: complaintsByShop.get(key) ?? [],
        chats: (chatsByShop.get(key) ?? []).map((c) => c.fact),
      },
    };
  });

  // Canonical order ids carry their shop ("s001-00042"), so they are already unique across an
  // organisation's shops and need no qualifying before a creator's facts are cut out.
  const orgFacts = new Map<string, EntityFacts>();
  for (const shop of shops) {
    const current = orgFacts.get(shop.orgKey);
    orgFacts.set(shop.orgKey, current ? mergeFacts(current, shop.facts) : shop.facts);
  }
  const creators: SampleEntity[] = readCsv(dir, "creators.csv").map((r) => {
    const orgKey = required(r, "org_key");
    const authorId = required(r, "author_id");
    const all = orgFacts.get(orgKey);
    return {
      key: `${orgKey}:${authorId}`,
      orgKey,
      categoryCode: categoryCode(required(r, "category")),
      facts: all ? factsForAuthor(all, authorId) : emptyFacts(),
    };
  });

  return { shops, creators };
}

export function loadExpected(ruleSetName: string, day = "2026-05-20"): Record<string, unknown> {
  return JSON.parse(
    readFileSync(path.join(SAMPLES_DIR, `expected-${day}-${ruleSetName}.json`), "utf8"),
  ) as Record<string, unknown>;
}
