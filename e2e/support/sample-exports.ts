import { generateShopFacts, type GeneratedShopFacts } from "../../server/demo/generate-facts";
import { addDays, SHANGHAI_OFFSET_MS, todayInShanghai } from "../../server/lib/time";
import { makeZip } from "../../tests/integration/imports/zip-writer";

/**
 * Export files for a spec's own shops, dated up to yesterday so that today has a score: the demo
 * seed's generator, written in the canonical columns (data-formats.md) the importer reads, one
 * `<externalId>/<kind>.csv` folder per shop in a ZIP as the bulk upload takes it.
 */
export const SEEDED_DAYS = 45;

const wallClock = (instant: Date | null) => (instant ? new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19).replace("T", " ") : "");

function csv(header: string[], rows: (string | number | boolean | null)[][]): Uint8Array {
  const lines = [header.join(","), ...rows.map((row) => row.map((cell) => (cell === null ? "" : String(cell))).join(","))];
  return new TextEncoder().encode(`${lines.join("\n")}\n`);
}

function exportsOf(facts: GeneratedShopFacts): Record<string, Uint8Array> {
  return {
    orders: csv(
      ["order_id", "order_type", "status", "paid_at", "picked_up_at", "delivered_at", "amount", "author_id"],
      facts.orders.map((o) => [o.orderId, o.orderType, o.status, wallClock(o.paidAt), wallClock(o.pickedUpAt), wallClock(o.deliveredAt), o.amount, o.authorId]),
    ),
    reviews: csv(
      ["order_id", "reviewed_at", "product_stars", "logistics_stars", "service_stars"],
      facts.reviews.map((r) => [r.orderId, wallClock(r.reviewedAt), r.productStars, r.logisticsStars, r.serviceStars]),
    ),
    after_sales: csv(
      ["aftersale_id", "order_id", "type", "reason", "applied_at", "completed_at", "completed_by", "exempt"],
      facts.afterSales.map((a) => [a.aftersaleId, a.orderId, a.type, a.reason, wallClock(a.appliedAt), wallClock(a.completedAt), a.completedAt ? a.completedBy : null, a.exempt]),
    ),
    complaints: csv(
      ["case_id", "order_id", "created_at", "kind", "merchant_responsible"],
      facts.complaints.map((c) => [c.caseId, c.orderId, wallClock(c.createdAt), c.kind, c.merchantResponsible]),
    ),
    chats: csv(
      ["session_id", "started_at", "customer_turns", "turns_answered_within_3min"],
      facts.chats.map((c) => [c.sessionId, wallClock(c.startedAt), c.customerTurns, c.turnsAnsweredWithin3min]),
    ),
  };
}

/** A ZIP of every shop's five exports; shop i gets quality i/(n-1), so the scores spread out. */
export function shopExportsZip(externalIds: readonly string[], now = new Date()): Uint8Array {
  const lastDay = addDays(todayInShanghai(now), -1);
  const entries = externalIds.flatMap((externalId, i) => {
    const facts = generateShopFacts({
      seed: 7000 + i,
      keyPrefix: externalId,
      firstDay: addDays(lastDay, -(SEEDED_DAYS - 1)),
      days: SEEDED_DAYS,
      ordersPerDay: 4,
      quality: externalIds.length > 1 ? i / (externalIds.length - 1) : 0.5,
      notAfter: now,
    });
    return Object.entries(exportsOf(facts)).map(([kind, data]) => ({ name: `${externalId}/${kind}.csv`, data }));
  });
  return makeZip(entries);
}
