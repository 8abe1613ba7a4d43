import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPglite, type DbHandle } from "@/db/client";
import { shops } from "@/db/schema";
import { migrateDatabase } from "@/db/migrate";
import { withTenant } from "@/server/db/tenant";
import { insertShopFacts } from "@/server/demo/insert-facts";
import { createOrganisation } from "@/server/orgs/service";
import { saveParameters } from "@/server/parameters/entries";
import { runCli } from "../helpers/run-cli";
import { syntheticFactRows, syntheticShop } from "../helpers/synthetic-current";
import { openTestDatabase, type TestDatabase } from "../helpers/test-db";

/** `koubei score --rule-set douyin-shop-2026-07` scores with the organisation's entered cut-offs once there are some. */

const DAY = "2026-06-01";
let env: Record<string, string | undefined>;
let t: TestDatabase | null = null;
let dataDir: string;
let orgId = "";

/** The database the CLI uses, open in this process for a moment (PGlite has one owner at a time). */
async function withHandle<T>(work: (handle: DbHandle) => Promise<T>): Promise<T> {
  if (t) return work(t.handle);
  const handle = await openPglite(dataDir);
  try {
    return await work(handle);
  } finally {
    await handle.close();
  }
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "koubei-cli-score-entries-"));
  if (process.env.TEST_DATABASE_URL) {
    t = await openTestDatabase();
    env = { DATABASE_URL: t.handle.url, DATABASE_OWNER_URL: t.ownerUrl, KOUBEI_DATA_DIR: dataDir };
  } else {
    env = { DATABASE_URL: undefined, KOUBEI_DATA_DIR: dataDir };
  }
  await withHandle(async (handle) => {
    if (!t) await migrateDatabase(handle);
    orgId = (await createOrganisation(handle, { name: "entries cli", kind: "agency", ownerUserId: null })).orgId;
    for (const [i, [rating, pickup]] of [[4.2, 85], [4.5, 90], [4.9, 95]].entries()) {
      const shop = syntheticShop({
        key: `r${i}`,
        categoryCode: "food_drink",
        day: DAY,
        orders: 60,
        targets: { product_rating: rating ?? 4.5, quality_return_rate: 0.01, pickup_time_score: pickup ?? 90, delivery_ontime_rate: 0.9, fulfilment_return_rate: 0.005, aftersale_review_hours: 10, chat_response_seconds: 45, chat_dissatisfaction_rate: 0.05, platform_escalation_rate: 0.1 },
      });
      await withTenant(handle, { orgId }, async (tx) => {
        const [row] = await tx.insert(shops).values({ orgId, externalId: shop.key, name: shop.key, categoryCode: "food_drink" }).returning({ id: shops.id });
        if (!row) throw new Error("no shop");
        await insertShopFacts(tx, orgId, row.id, syntheticFactRows(shop));
      });
    }
  });
}, 180_000);
afterAll(async () => {
  await t?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

type Line = { score100: number; indicators: Record<string, { value: number | null; band: number | null }>; dimensions: Record<string, { score: number }> };

const scoreOf = (shop: string): Line => {
  const result = runCli(["score", "--org", "entries cli", "--shop", shop, "--rule-set", "douyin-shop-2026-07", "--date", DAY], env);
  expect(result.status, result.stderr).toBe(0);
  return result.json as Line;
};

describe("koubei score --rule-set douyin-shop-2026-07 with organisation entries", () => {
  it("prints the band the entered cut-offs give instead of the percentile band", async () => {
    // Pickup is never under low-volume protection (the rating of 60 orders would be).
    const before = scoreOf("r1");
    expect(before.indicators.product_rating?.value).toBeCloseTo(4.5, 2);
    const pickupBefore = before.indicators.pickup_time_score?.band;
    await withHandle((handle) =>
      withTenant(handle, { orgId }, (tx) =>
        saveParameters(tx, { orgId, userId: null }, { ruleSet: "douyin-shop-2026-07", category: "食品饮料", indicators: { pickup_time_score: { cutoffs: [99, 98, 97, 96, 95], weight: null } } }),
      ),
    );
    const after = scoreOf("r1");
    // A pickup score of 90 is below every entered cut-off: the worst band.
    expect(after.indicators.pickup_time_score?.value).toBeCloseTo(90, 6);
    expect(after.indicators.pickup_time_score?.band).toBe(50);
    expect(pickupBefore).not.toBe(50);
    const delta = 50 - (pickupBefore ?? 0);
    expect(after.dimensions.logistics?.score).toBeCloseTo((before.dimensions.logistics?.score ?? 0) + delta / 3, 9);
    expect(after.score100).toBeCloseTo(before.score100 + (0.3 * delta) / 3, 9);
  }, 240_000);
});
