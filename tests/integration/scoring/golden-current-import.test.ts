import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scoreShopsUnderCurrentRules } from "@/server/scoring/current/service";
import { currentDifferences, loadCurrentSamples, loadExpectedCurrent, summariseDifferences } from "../../helpers/current-samples";
import { loadCurrentSamplesIntoDb, type LoadedCurrentSamples } from "../../helpers/load-current-samples-into-db";
import { CURRENT_DOUYIN_EXPORTS_DIR } from "../../helpers/sample-paths";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";

/**
 * The current rules through the database: three shops' platform-style exports (GBK, Chinese
 * headers, every new kind) go through the importer, the other shops' canonical facts are written
 * directly, and every shop of both organisations scores as the independent implementation
 * computed, with cohorts spanning both organisations (a trusted group: KOUBEI_PEER_MIN_ORGS=1).
 */
const DAY = "2026-05-20";
const IMPORTED = new Set(fs.readdirSync(CURRENT_DOUYIN_EXPORTS_DIR));
const samples = loadCurrentSamples();

let t: TestDatabase;
let loaded: LoadedCurrentSamples;

beforeAll(async () => {
  t = await openTestDatabase({ peerMinOrgs: 1 });
  loaded = await loadCurrentSamplesIntoDb(t.handle, samples, IMPORTED);
}, 600_000);
afterAll(async () => {
  await t?.close();
});

describe("the current rules on the samples, through the importer and the database", () => {
  it("imports the three shops' files, every kind, with every row taken", () => {
    expect([...IMPORTED].sort()).toEqual(["b01", "c01", "s001"]);
    expect(new Set(loaded.summaries.map((s) => s.kind))).toEqual(new Set(["orders", "reviews", "after_sales", "complaints", "chats", "chat_turns", "waybills", "help_requests", "penalties", "shop_services"]));
    for (const { shopKey, kind, summary } of loaded.summaries) expect([shopKey, kind, summary.status, summary.rejected, summary.errors]).toEqual([shopKey, kind, "succeeded", 0, []]);
  });

  it.each(["douyin-shop-2026-07", "douyin-shop-2026-09", "tiktok-shop-sps"])("every shop of both organisations under %s matches the expected file", async (ruleSetName) => {
    const expected = loadExpectedCurrent(ruleSetName);
    const results = new Map<string, unknown>();
    for (const orgId of loaded.orgIds.values()) {
      for (const { shop, score } of await scoreShopsUnderCurrentRules(t.handle, { orgId, ruleSetName, day: DAY })) results.set(loaded.shopKeyOf.get(shop.id) ?? shop.id, score);
    }
    expect([...results.keys()].sort()).toEqual(Object.keys(expected).sort());
    const problems = Object.entries(expected).flatMap(([key, want]) => currentDifferences(key, results.get(key), want));
    expect(summariseDifferences(problems)).toEqual({ kinds: {}, first: [] });
  });
});
