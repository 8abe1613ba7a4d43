import { describe, expect, it } from "vitest";
import { categoriseReason } from "@/server/catalog/aftersale-reasons";
import { generateShopFacts, type GenerateOptions, type GeneratedShopFacts } from "@/server/demo/generate-facts";
import { DAMAGE_REASONS, FULFILMENT_FAULT_REASONS } from "@/server/scoring/rule-sets/douyin-100-common";

const NOT_AFTER = new Date("2026-06-01T04:00:00Z");
const options = (seed: number): GenerateOptions => ({ seed, keyPrefix: `s${seed}`, firstDay: "2026-02-01", days: 120, ordersPerDay: 4, notAfter: NOT_AFTER });
const shopsOf = (current: boolean) => Array.from({ length: 8 }, (_, i) => generateShopFacts({ ...options(1000 + i), current }));
type Rows<K extends keyof GeneratedShopFacts> = NonNullable<GeneratedShopFacts[K]>[number];
const all = <K extends keyof GeneratedShopFacts>(shops: GeneratedShopFacts[], kind: K): Rows<K>[] => shops.flatMap((s) => (s[kind] ?? []) as Rows<K>[]);
const share = <T,>(rows: readonly T[], test: (row: T) => boolean) => rows.filter(test).length / rows.length;

describe("generated facts for the current rules", () => {
  const plain = shopsOf(false);
  const current = shopsOf(true);

  it("leave every fact the 5-point rules read as it was", () => {
    plain.forEach((before, i) => {
      const after = current[i] as GeneratedShopFacts;
      expect(after.reviews).toEqual(before.reviews);
      expect(after.complaints).toEqual(before.complaints);
      expect(after.orders.map(({ orderId, paidAt, orderType, status, pickedUpAt, deliveredAt, amount, authorId, productId, productName, province, carrier }) => ({ orderId, paidAt, orderType, status, pickedUpAt, deliveredAt, amount, authorId, productId, productName, province, carrier }))).toEqual(before.orders);
      expect(after.chats.map(({ rating: _rating, ...chat }) => chat)).toEqual(before.chats);
      expect(after.afterSales.map(({ reason: _r, reviewedAt: _v, refundedAt: _f, merchantResponsible: _m, ...a }) => a)).toEqual(before.afterSales.map(({ reason: _r, ...a }) => a));
      // A reason is only swapped for one of the same category in the default table.
      for (const a of after.afterSales) expect(categoriseReason(a.reason), a.reason).toBe(a.reasonCategory);
      expect(before.chatTurns).toBeUndefined();
      expect(before.orders[0]?.shipBy).toBeUndefined();
    });
  });

  it("are deterministic from the seed", () => {
    expect(generateShopFacts({ ...options(1003), current: true })).toEqual(current[3]);
    expect(generateShopFacts({ ...options(1004), current: true })).not.toEqual(current[3]);
  });

  it("have plausible counts", () => {
    const orders = all(current, "orders");
    const turns = all(current, "chatTurns");
    const chats = all(current, "chats");
    const waybills = all(current, "waybills");
    const requests = all(current, "helpRequests");
    const penalties = all(current, "penalties");
    const customerTurns = chats.reduce((sum, c) => sum + c.customerTurns, 0);
    expect(turns.length).toBeGreaterThan(0.95 * customerTurns);
    expect(turns.length).toBeLessThanOrEqual(customerTurns);
    expect(waybills).toHaveLength(orders.filter((o) => o.pickedUpAt !== null).length);
    expect(requests.length / orders.length).toBeGreaterThan(0.02);
    expect(requests.length / orders.length).toBeLessThan(0.12);
    expect(penalties.length).toBeGreaterThan(0);
    expect(penalties.length).toBeLessThan(8 * 120 * 0.02);
    expect(share(orders, (o) => o.lowPrice === true)).toBeGreaterThan(0.01);
    expect(share(orders, (o) => o.lowPrice === true)).toBeLessThan(0.06);
    expect(share(orders, (o) => o.remote === true)).toBeGreaterThan(0.02);
    expect(share(chats, (c) => c.rating != null)).toBeGreaterThan(0.2);
    expect(share(chats, (c) => c.rating != null)).toBeLessThan(0.4);
    const repliers = new Set(turns.map((t) => t.replier));
    expect(repliers).toEqual(new Set(["human", "bot", "none", null]));
    expect(turns.some((t) => t.replier === "human" && t.repliedAt !== null && t.repliedAt.getTime() - t.askedAt.getTime() > 600_000)).toBe(true);
    const reasons = new Set(all(current, "afterSales").map((a) => a.reason));
    expect(FULFILMENT_FAULT_REASONS.some((r) => reasons.has(r))).toBe(true);
    expect(DAMAGE_REASONS.some((r) => reasons.has(r))).toBe(true);
    expect(new Set(all(current, "shopServices").map((s) => s.service)).size).toBeGreaterThanOrEqual(3);
  });

  it("leave cells empty where the facts are unknown or have not happened, and nothing after notAfter", () => {
    const cutoff = NOT_AFTER.getTime();
    const orders = all(current, "orders");
    for (const o of orders) {
      expect(o.cancelledBy === null || o.status === "cancelled").toBe(true);
      if (o.pickedUpAt === null) expect(o.shipmentAnomaly).toBe(false);
    }
    expect(orders.some((o) => o.status === "cancelled" && o.cancelledBy === "merchant")).toBe(true);
    expect(orders.some((o) => o.shipBy === null)).toBe(true);
    const byId = new Map(orders.map((o) => [o.orderId, o]));
    for (const w of all(current, "waybills")) {
      const order = byId.get(w.orderId);
      expect(w.delivered).toBe(order?.deliveredAt !== null);
      if (w.deliveredAt !== null) expect(w.deliveredAt).toEqual(order?.deliveredAt);
    }
    expect(all(current, "waybills").some((w) => w.delivered && w.deliveredAt === null)).toBe(true);
    for (const t of all(current, "chatTurns")) {
      if (t.replier === "none") expect(t.repliedAt).toBeNull();
      if (t.repliedAt) expect(t.repliedAt.getTime()).toBeGreaterThan(t.askedAt.getTime());
      expect(t.askedAt.getTime()).toBeLessThanOrEqual(cutoff);
      expect(t.repliedAt === null || t.repliedAt.getTime() <= cutoff).toBe(true);
    }
    for (const a of all(current, "afterSales")) {
      if (a.completedAt === null) expect(a.refundedAt).toBeNull();
      if (a.reviewedAt && a.completedAt) expect(a.reviewedAt.getTime()).toBeLessThanOrEqual(a.completedAt.getTime());
      for (const at of [a.reviewedAt, a.refundedAt]) expect(at == null || at.getTime() <= cutoff).toBe(true);
    }
    expect(all(current, "afterSales").some((a) => a.merchantResponsible === null)).toBe(true);
    for (const r of all(current, "helpRequests")) {
      if (r.escalatedAt !== null) expect(r.escalated).toBe(true);
      if (r.escalated === null) expect(r.escalatedAt).toBeNull();
      for (const at of [r.soughtAt, r.escalatedAt]) expect(at === null || at.getTime() <= cutoff).toBe(true);
    }
    expect(new Set(all(current, "helpRequests").map((r) => r.escalated))).toEqual(new Set([true, false, null]));
    for (const p of all(current, "penalties")) expect(p.occurredAt.getTime()).toBeLessThanOrEqual(cutoff);
    for (const s of all(current, "shopServices")) expect(s.disabledAt === null || s.disabledAt.getTime() <= cutoff).toBe(true);
  });
});
