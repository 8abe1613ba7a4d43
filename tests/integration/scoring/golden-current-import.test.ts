import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shops } from "@/db/schema";
import type { ImportKind } from "@/lib/contracts/imports";
import { insertShopFacts } from "@/server/demo/insert-facts";
import { withTenant } from "@/server/db/tenant";
import { runImport, type ImportSummary } from "@/server/imports/service";
import { systemScope } from "@/server/lib/scope";
import { createOrganisation } from "@/server/orgs/service";
import { scoreShopsUnderCurrentRules } from "@/server/scoring/current/service";
import { currentDifferences, currentFactRows, loadCurrentSamples, loadExpectedCurrent, summariseDifferences } from "../../helpers/current-samples";
import { CURRENT_DOUYIN_EXPORTS_DIR, currentDouyinExport } from "../../helpers/sample-paths";
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
const orgIds = new Map<string, string>();
const shopKeyOf = new Map<string, string>();
const summaries: { shopKey: string; kind: string; summary: ImportSummary }[] = [];

beforeAll(async () => {
  t = await openTestDatabase({ peerMinOrgs: 1 });
  for (const orgKey of [...new Set(samples.map((s) => s.orgKey))].sort()) {
    orgIds.set(orgKey, (await createOrganisation(t.handle, { name: `current ${orgKey}`, kind: "agency", ownerUserId: null })).orgId);
  }
  for (const sample of samples) {
    const orgId = orgIds.get(sample.orgKey) ?? "";
    const shopId = await withTenant(t.handle, { orgId }, async (tx) => {
      const [row] = await tx.insert(shops).values({ orgId, externalId: sample.key, name: sample.key, categoryCode: sample.categoryCode, storeType: sample.storeType }).returning({ id: shops.id });
      if (!row) throw new Error("no shop row");
      if (!IMPORTED.has(sample.key)) await insertShopFacts(tx, orgId, row.id, currentFactRows(sample));
      return row.id;
    });
    shopKeyOf.set(shopId, sample.key);
    if (!IMPORTED.has(sample.key)) continue;
    for (const file of fs.readdirSync(path.join(CURRENT_DOUYIN_EXPORTS_DIR, sample.key)).sort()) {
      const kind = file.replace(/\.csv$/, "") as ImportKind;
      const summary = await runImport(t.handle, systemScope(orgId), { shopId, kind, source: { path: currentDouyinExport(sample.key, kind) }, fileName: file });
      summaries.push({ shopKey: sample.key, kind, summary });
    }
  }
}, 600_000);
afterAll(async () => {
  await t?.close();
});

describe("the current rules on the samples, through the importer and the database", () => {
  it("imports the three shops' files, every kind, with every row taken", () => {
    expect([...IMPORTED].sort()).toEqual(["b01", "c01", "s001"]);
    expect(new Set(summaries.map((s) => s.kind))).toEqual(new Set(["orders", "reviews", "after_sales", "complaints", "chats", "chat_turns", "waybills", "help_requests", "penalties", "shop_services"]));
    for (const { shopKey, kind, summary } of summaries) expect([shopKey, kind, summary.status, summary.rejected, summary.errors]).toEqual([shopKey, kind, "succeeded", 0, []]);
  });

  it.each(["douyin-shop-2026-07", "douyin-shop-2026-09", "tiktok-shop-sps"])("every shop of both organisations under %s matches the expected file", async (ruleSetName) => {
    const expected = loadExpectedCurrent(ruleSetName);
    const results = new Map<string, unknown>();
    for (const orgId of orgIds.values()) {
      for (const { shop, score } of await scoreShopsUnderCurrentRules(t.handle, { orgId, ruleSetName, day: DAY })) results.set(shopKeyOf.get(shop.id) ?? shop.id, score);
    }
    expect([...results.keys()].sort()).toEqual(Object.keys(expected).sort());
    const problems = Object.entries(expected).flatMap(([key, want]) => currentDifferences(key, results.get(key), want));
    expect(summariseDifferences(problems)).toEqual({ kinds: {}, first: [] });
  });
});
