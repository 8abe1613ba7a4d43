import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import { withTenant } from "@/server/db/tenant";
import { detectKind } from "@/server/imports/headers";
import { runImport, type ImportSummary } from "@/server/imports/service";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";
import { createOrgWithShop, utf8 } from "./helpers";

/**
 * TikTok Shop Seller Center's English exports (orders, returns/refunds, reviews) through the real
 * importer: the English headers map to the canonical fields, TikTok's status, Cancel By and Return
 * Type words to the stored values, and the buyer's details are never read.
 */
let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

const at = (wallClock: string) => new Date(`${wallClock.replace(" ", "T")}+08:00`);
const csv = (rows: string[][]) => rows.map((r) => r.map((c) => (/[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(",")).join("\r\n");

const ORDER_HEADERS = [
  "Order ID", "Order Status", "Order Substatus", "Cancelation/Return Type", "Normal or Pre-order", "SKU ID", "Seller SKU", "Product Name", "Variation", "Quantity",
  "Order Amount", "Created Time", "Paid Time", "RTS Time", "Shipped Time", "Delivered Time", "Cancelled Time", "Cancel By", "Cancel Reason", "Fulfillment Type",
  "Tracking ID", "Shipping Provider Name", "Buyer Message", "Buyer Username", "Recipient", "Phone #", "Country", "State", "City", "Zipcode", "Detail Address", "Ship By Time",
];
// prettier-ignore
const ORDERS = csv([
  ORDER_HEADERS,
  ["576001", "Delivered", "Delivered", "", "Normal", "sku-1", "TS-DRESS-M", "Linen dress", "M", "1", "39.90", "2026-05-10 09:58:00", "2026-05-10 10:00:00", "2026-05-10 20:00:00", "2026-05-11 09:00:00", "2026-05-13 15:00:00", "", "", "", "Fulfilled by seller", "TRK0001", "USPS", "please hurry", "jane_d", "Jane Doe", "+1 555 0100 1234", "United States", "California", "Los Angeles", "90001", "1 Sunset Blvd", "2026-05-12 10:00:00"],
  ["576002", "Canceled", "Canceled", "Cancel", "Normal", "sku-2", "TS-SHIRT-L", "Cotton shirt", "L", "2", "25.00", "2026-05-11 10:59:00", "2026-05-11 11:00:00", "", "", "", "2026-05-11 18:00:00", "Seller", "Out of stock", "Fulfilled by seller", "", "", "", "bob_r", "Bob Roe", "+1 555 0100 5678", "United States", "Texas", "Austin", "73301", "2 Congress Ave", "2026-05-13 11:00:00"],
  ["576003", "Canceled", "Canceled", "Cancel", "Normal", "sku-3", "TS-HAT", "Straw hat", "", "1", "12.50", "2026-05-11 12:00:00", "2026-05-11 12:01:00", "", "", "", "2026-05-11 12:30:00", "Buyer", "Changed mind", "Fulfilled by seller", "", "", "", "cara_s", "Cara Sun", "+1 555 0100 9012", "United States", "Ohio", "Columbus", "43004", "3 High St", ""],
  ["576004", "In transit", "In transit", "", "Normal", "sku-1", "TS-DRESS-S", "Linen dress", "S", "1", "39.90", "2026-05-12 08:00:00", "2026-05-12 08:05:00", "2026-05-12 20:00:00", "2026-05-13 21:00:00", "", "", "", "", "Fulfilled by seller", "TRK0004", "UPS", "", "dan_k", "Dan Kim", "+1 555 0100 3456", "United States", "Nevada", "Reno", "89501", "4 Virginia St", "2026-05-13 08:05:00"],
]);
// prettier-ignore
const RETURNS = csv([
  ["Return Order ID", "Order ID", "Return Type", "Return Reason", "Return Status", "Request Time", "Seller Response Time", "Refund Time", "Responsible Party"],
  ["R-9001", "576001", "Return and refund", "Damaged item", "Completed", "2026-05-14 10:00:00", "2026-05-14 12:00:00", "2026-05-15 09:00:00", "Seller"],
  ["R-9002", "576004", "Refund only", "No longer needed", "Request pending", "2026-05-14 23:30:00", "", "", "Buyer"],
]);
// prettier-ignore
const REVIEWS = csv([
  ["Order ID", "Product Rating", "Review Time", "Review Content", "Buyer Username"],
  ["576001", "2", "2026-05-14 18:00:00", "Arrived a day late", "jane_d"],
  ["576004", "5 stars", "2026-05-15 09:30:00", "Lovely", "dan_k"],
]);

function expectClean(summary: ImportSummary, what: string) {
  expect([what, summary.status, summary.rejected, summary.errors]).toEqual([what, "succeeded", 0, []]);
}

describe("TikTok Shop's English exports", () => {
  it("are recognised by their headers as orders, after-sales and reviews", () => {
    const header = (text: string) => text.split("\r\n")[0]?.split(",") ?? [];
    expect(detectKind(header(ORDERS))[0]).toMatchObject({ kind: "orders", complete: true });
    expect(detectKind(header(RETURNS))[0]).toMatchObject({ kind: "after_sales", complete: true });
    expect(detectKind(header(REVIEWS))[0]).toMatchObject({ kind: "reviews", complete: true });
  });

  it("import orders, returns and reviews with TikTok's values mapped and no buyer detail stored", async () => {
    const owner = await createOrgWithShop(t.handle, "tiktok-english", "tt-shop-1");
    const orders = await runImport(t.handle, owner, { shopId: owner.shopId, kind: "orders", source: utf8(ORDERS), fileName: "Order export.csv" });
    expectClean(orders, "orders");
    expect(orders.inserted).toBe(4);
    const returns = await runImport(t.handle, owner, { shopId: owner.shopId, kind: "after_sales", source: utf8(RETURNS), fileName: "Return export.csv" });
    expectClean(returns, "after_sales");
    const reviews = await runImport(t.handle, owner, { shopId: owner.shopId, kind: "reviews", source: utf8(REVIEWS), fileName: "Review export.csv" });
    expectClean(reviews, "reviews");

    const mine = <T extends { orgId: unknown; shopId: unknown }>(table: T) => and(eq((table as unknown as typeof schema.orders).orgId, owner.orgId), eq((table as unknown as typeof schema.orders).shopId, owner.shopId));
    const stored = await withTenant(t.handle, owner, async (tx) => ({
      orders: await tx.select().from(schema.orders).where(mine(schema.orders)),
      afterSales: await tx.select().from(schema.afterSales).where(mine(schema.afterSales)),
      reviews: await tx.select().from(schema.reviews).where(mine(schema.reviews)),
    }));
    const order = (id: string) => stored.orders.find((o) => o.orderId === id);
    expect(order("576001")).toMatchObject({
      orderType: "normal",
      status: "Delivered",
      paidAt: at("2026-05-10 10:00:00"),
      shippedAt: at("2026-05-11 09:00:00"),
      deliveredAt: at("2026-05-13 15:00:00"),
      shipBy: at("2026-05-12 10:00:00"),
      cancelledBy: null,
      productName: "Linen dress",
      sku: "TS-DRESS-M",
      quantity: 1,
      province: "California",
      carrier: "USPS",
    });
    // Canceled → cancelled; Cancel By Seller → the merchant, Buyer → the buyer; an empty Ship By Time is unknown.
    expect(order("576002")).toMatchObject({ status: "cancelled", cancelledBy: "merchant", cancelReason: "Out of stock", shippedAt: null, shipBy: at("2026-05-13 11:00:00") });
    expect(order("576003")).toMatchObject({ status: "cancelled", cancelledBy: "buyer", shipBy: null });
    expect(order("576004")).toMatchObject({ status: "In transit", shippedAt: at("2026-05-13 21:00:00"), deliveredAt: null });

    const afterSale = (id: string) => stored.afterSales.find((a) => a.aftersaleId === id);
    expect(afterSale("R-9001")).toMatchObject({
      orderId: "576001",
      type: "return_refund",
      reason: "Damaged item",
      appliedAt: at("2026-05-14 10:00:00"),
      reviewedAt: at("2026-05-14 12:00:00"),
      refundedAt: at("2026-05-15 09:00:00"),
      merchantResponsible: true,
    });
    expect(afterSale("R-9002")).toMatchObject({ orderId: "576004", type: "refund_only", reviewedAt: null, refundedAt: null, merchantResponsible: false });

    expect(stored.reviews.map((r) => [r.orderId, r.productStars, r.reviewedAt]).sort()).toEqual([
      ["576001", 2, at("2026-05-14 18:00:00")],
      ["576004", 5, at("2026-05-15 09:30:00")],
    ]);

    // The buyer's name, username, phone, street and postcode are never read into a fact.
    const everything = JSON.stringify(stored);
    for (const detail of ["Jane Doe", "jane_d", "555 0100", "Sunset Blvd", "90001", "please hurry"]) expect(everything, detail).not.toContain(detail);
  });
});
