import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, between, eq, inArray } from "drizzle-orm";
import { dailyRollups, shops } from "@/db/schema";
import { withTenant } from "@/server/db/tenant";
import { generateShopFacts } from "@/server/demo/generate-facts";
import { insertShopFacts } from "@/server/demo/insert-facts";
import { addDays, shanghaiMidnight } from "@/server/lib/time";
import { createOrganisation } from "@/server/orgs/service";
import { packedIndicatorValues } from "@/server/scoring/indicator-series";
import { emptyPackedRollups, packRollups } from "@/server/scoring/packed-rollups";
import { ROLLUP_METRIC_FIELDS } from "@/server/scoring/rollups";
import { refreshAllStaleRollups } from "@/server/scoring/refresh";
import { OLDEST_WINDOW_DAYS } from "@/server/scoring/store/indicator-cache";
import { loadPackedRollups } from "@/server/scoring/store/rollup-store";
import { indicatorValuesInDatabase } from "@/server/scoring/store/window-totals";
import { STANDARD_VALUE_PARAMS } from "@/server/scoring/window";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";

const LAST = "2026-06-01";
let t: TestDatabase;
let orgId = "";
const shopIds: string[] = [];

beforeAll(async () => {
  t = await openTestDatabase();
  ({ orgId } = await createOrganisation(t.handle, { name: "sums", kind: "agency", ownerUserId: null }));
  await withTenant(t.handle, { orgId }, async (tx) => {
    for (let i = 0; i < 6; i++) {
      const [shop] = await tx.insert(shops).values({ orgId, externalId: `s${i}`, name: `s${i}`, categoryCode: "apparel" }).returning();
      if (!shop) throw new Error("no shop");
      shopIds.push(shop.id);
      // The last shop has no facts at all; the others start at different days, so some windows are partly empty.
      if (i === 5) continue;
      const days = 40 + 20 * i;
      const facts = generateShopFacts({ seed: 70 + i, keyPrefix: `s${i}`, firstDay: addDays(LAST, -days), days, ordersPerDay: 3 + i, notAfter: shanghaiMidnight(LAST) });
      await insertShopFacts(tx, orgId, shop.id, facts);
    }
  });
  await refreshAllStaleRollups(t.handle);
}, 300_000);
afterAll(async () => {
  await t?.close();
});

describe("indicatorValuesInDatabase", () => {
  it("adds up every window exactly as computeIndicatorValues does, day after day, late facts included", async () => {
    const days = Array.from({ length: 12 }, (_, i) => addDays(LAST, -11 * i));
    await withTenant(t.handle, { orgId }, async (tx) => {
      let compared = 0;
      let lateRows = 0;
      for (const day of days) {
        const inDatabase = await indicatorValuesInDatabase(tx, { orgId, kind: "shop", entities: { ids: shopIds }, day, params: STANDARD_VALUE_PARAMS });
        // The same shops chosen as an id range give the same values.
        const sorted = [...shopIds].sort();
        const inRange = await indicatorValuesInDatabase(tx, { orgId, kind: "shop", entities: { first: sorted[0] ?? "", last: sorted.at(-1) ?? "" }, day, params: STANDARD_VALUE_PARAMS });
        expect(inRange).toStrictEqual(inDatabase);
        const packed = await loadPackedRollups(tx, { orgId, kind: "shop", entityIds: shopIds, from: addDays(day, -OLDEST_WINDOW_DAYS), to: addDays(day, -1) });
        for (const id of shopIds) {
          const rows = packed.get(id);
          if (rows) for (let r = 1; r < rows.count; r++) if (rows.day[r] === rows.day[r - 1]) lateRows += 1;
          const expected = packedIndicatorValues(rows ?? emptyPackedRollups(0), day);
          const got = inDatabase.get(id);
          if (!rows) expect(got, `${id} ${day}`).toBeUndefined();
          else expect(got, `${id} ${day}`).toStrictEqual(expected);
          if (got) compared += 1;
        }
      }
      // The comparison covered many shop-days, and anchor days holding facts that arrived later.
      expect(compared).toBeGreaterThan(30);
      expect(lateRows).toBeGreaterThan(100);
    });
  });

  it("adds an anchor day's fractional hours in visible-day order, where another order gives other bits", async () => {
    const visibleDays = 5;
    const hours = (anchor: number, v: number) => 0.1 * (anchor * visibleDays + v + 1) + 1 / 3;
    const anchors = Array.from({ length: 40 }, (_, a) => a);
    // The data must be able to tell the orders apart: summed newest first, some anchor day's hours come out different.
    const differs = anchors.some((a) => {
      let forward = 0;
      let backward = 0;
      for (let v = 0; v < visibleDays; v++) forward += hours(a, v);
      for (let v = visibleDays - 1; v >= 0; v--) backward += hours(a, v);
      return forward !== backward;
    });
    expect(differs).toBe(true);
    // The shop without facts (the first test has already checked it has no roll-ups).
    const shopId = shopIds[5] ?? "";
    await withTenant(t.handle, { orgId }, async (tx) => {
      await tx.insert(dailyRollups).values(
        anchors.flatMap((a) =>
          Array.from({ length: visibleDays }, (_, v) => ({
            orgId,
            entityKind: "shop" as const,
            entityId: shopId,
            day: addDays(LAST, -60 + a),
            visibleDay: addDays(LAST, -60 + a + v),
            validOrders: 1,
            deliveredOrders: 1,
            deliveryHoursSum: hours(a, v),
          })),
        ),
      );
      const packed = await loadPackedRollups(tx, { orgId, kind: "shop", entityIds: [shopId], from: addDays(LAST, -OLDEST_WINDOW_DAYS), to: addDays(LAST, -1) });
      const expected = packedIndicatorValues(packed.get(shopId) ?? emptyPackedRollups(0), LAST);
      const got = (await indicatorValuesInDatabase(tx, { orgId, kind: "shop", entities: { ids: [shopId] }, day: LAST, params: STANDARD_VALUE_PARAMS })).get(shopId);
      expect(expected.indicators.avg_delivery_hours?.numerator).toBeGreaterThan(0);
      expect(got).toStrictEqual(expected);
    });
  });
});

describe("loadPackedRollups", () => {
  it("hands back every stored row of the range to the last bit, in day then visible-day order", async () => {
    const shopId = shopIds[5] ?? "";
    const from = addDays(LAST, -200);
    await withTenant(t.handle, { orgId }, async (tx) => {
      // Extremes of both column types, on an anchor day of its own.
      await tx.insert(dailyRollups).values(
        [2_147_483_647, 0].map((count, v) => ({
          orgId,
          entityKind: "shop" as const,
          entityId: shopId,
          day: addDays(LAST, -150),
          visibleDay: addDays(LAST, -150 + v),
          validOrders: count,
          transitOrders: 1,
          transitHoursSum: v === 0 ? Number.MIN_VALUE : 1e300,
          refundOnlyHoursSum: 0.1 + 0.2,
        })),
      );
      const stored = await tx
        .select()
        .from(dailyRollups)
        .where(and(eq(dailyRollups.orgId, orgId), eq(dailyRollups.entityKind, "shop"), inArray(dailyRollups.entityId, shopIds), between(dailyRollups.day, from, LAST)));
      const packed = await loadPackedRollups(tx, { orgId, kind: "shop", entityIds: shopIds, from, to: LAST });
      expect([...packed.keys()].sort()).toStrictEqual([...new Set(stored.map((row) => row.entityId))].sort());
      for (const [id, rows] of packed) {
        const expected = packRollups(stored.filter((row) => row.entityId === id));
        expect(rows.count, id).toBe(expected.count);
        expect(rows.day, id).toStrictEqual(expected.day);
        expect(rows.visibleDay, id).toStrictEqual(expected.visibleDay);
        expect(rows.metrics, id).toStrictEqual(expected.metrics);
      }
      const extremes = packed.get(shopId);
      const at = (field: (typeof ROLLUP_METRIC_FIELDS)[number], row: number) => extremes?.metrics[row * ROLLUP_METRIC_FIELDS.length + ROLLUP_METRIC_FIELDS.indexOf(field)];
      expect([at("validOrders", 0), at("transitHoursSum", 0), at("transitHoursSum", 1), at("refundOnlyHoursSum", 0)]).toStrictEqual([2_147_483_647, Number.MIN_VALUE, 1e300, 0.1 + 0.2]);
    });
  });
});
