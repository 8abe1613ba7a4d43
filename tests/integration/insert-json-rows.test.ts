import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertJsonRows } from "@/db/insert-json-rows";
import { directoryCards, orders, organisations, shops } from "@/db/schema";
import { withTenant } from "@/server/db/tenant";
import { openTestDatabase, type TestDatabase } from "../helpers/test-db";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

/** An organisation with one shop, each test its own. */
async function orgWithShop(name: string): Promise<{ orgId: string; shopId: string }> {
  const orgId = crypto.randomUUID();
  const shopId = await withTenant(t.handle, { orgId }, async (tx) => {
    await tx.insert(organisations).values({ orgId, name });
    const [shop] = await tx.insert(shops).values({ orgId, externalId: name, name, categoryCode: "apparel" }).returning({ id: shops.id });
    return shop?.id ?? "";
  });
  return { orgId, shopId };
}

describe("inserting rows as one JSON parameter", () => {
  it("stores order facts exactly as Drizzle's own insert does: instants, numerics, nulls, Chinese text, defaults", async () => {
    const viaDrizzle = await orgWithShop("json rows: drizzle");
    const viaJson = await orgWithShop("json rows: json");
    const rows = (shopId: string, orgId: string) => [
      { orgId, shopId, orderId: "A-1", paidAt: new Date("2026-03-01T15:59:59.123Z"), status: "已完成", amount: "129.90", quantity: 2, productName: "连衣裙 \"夏\"\\款\n", deliveredAt: null },
      // No order type: the column's default ("normal") applies, as with Drizzle.
      { orgId, shopId, orderId: "A-2", paidAt: new Date("2026-03-02T00:00:00.000Z"), amount: "0.01", province: "广东" },
      { orgId, shopId, orderId: "A-3", paidAt: new Date("2026-03-03T08:30:00.000Z"), orderType: "presale", amount: null, quantity: 0 },
    ];
    const stored = async (ids: { orgId: string; shopId: string }) =>
      withTenant(t.handle, { orgId: ids.orgId }, async (tx) =>
        (await tx.select().from(orders).where(eq(orders.shopId, ids.shopId)).orderBy(orders.orderId)).map(({ orgId: _o, shopId: _s, ...row }) => row),
      );
    await withTenant(t.handle, { orgId: viaDrizzle.orgId }, (tx) => tx.insert(orders).values(rows(viaDrizzle.shopId, viaDrizzle.orgId)));
    await withTenant(t.handle, { orgId: viaJson.orgId }, (tx) => insertJsonRows(tx, orders, rows(viaJson.shopId, viaJson.orgId)));
    const expected = await stored(viaDrizzle);
    expect(expected.map((r) => r.orderType)).toEqual(["normal", "normal", "presale"]);
    expect(await stored(viaJson)).toEqual(expected);
  });

  it("keeps arrays, JSON documents and defaulted columns of a wider table", async () => {
    const { orgId, shopId } = await orgWithShop("json rows: cards");
    const indicators = [{ key: "good_review_rate", value: 0.97, label: "好评率" }];
    await withTenant(t.handle, { orgId }, (tx) =>
      insertJsonRows(tx, directoryCards, [
        { orgId, entityKind: "shop", entityId: shopId, name: "卡片 1", fields: ["overall", "indicators"], indicators: indicators as never, day: "2026-03-01", overall: 4.71 },
        { orgId, entityKind: "creator", entityId: crypto.randomUUID(), name: "卡片 2", fields: [], scoreDecimals: 0, scoreMin: 50, scoreMax: 100, indicators: null },
      ]),
    );
    const cards = await withTenant(t.handle, { orgId }, (tx) => tx.select().from(directoryCards).where(eq(directoryCards.orgId, orgId)).orderBy(directoryCards.name));
    expect(cards.map((c) => [c.name, c.fields, c.indicators, c.day, c.overall, c.scoreDecimals, c.scoreMin, c.scoreMax])).toEqual([
      ["卡片 1", ["overall", "indicators"], indicators, "2026-03-01", 4.71, 2, 3, 5],
      ["卡片 2", [], null, null, null, 0, 50, 100],
    ]);
    expect(cards.every((c) => /^[0-9a-f-]{36}$/.test(c.id))).toBe(true);
  });

  it("is held to row-level security like any insert: a row of another organisation is refused", async () => {
    const mine = await orgWithShop("json rows: mine");
    const theirs = await orgWithShop("json rows: theirs");
    await expect(
      withTenant(t.handle, { orgId: mine.orgId }, (tx) => insertJsonRows(tx, orders, [{ orgId: theirs.orgId, shopId: theirs.shopId, orderId: "X-1", paidAt: new Date() }])),
    ).rejects.toThrow();
  });
});
