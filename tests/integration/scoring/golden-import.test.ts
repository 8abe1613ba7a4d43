import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImportKind } from "@/lib/contracts/imports";
import type { ImportSummary } from "@/server/imports/service";
import { refreshAllStaleRollups } from "@/server/scoring/refresh";
import { loadCanonicalSamples, loadExpected } from "../../helpers/canonical-samples";
import { expectMatchesGolden, scoreEveryOrg, type ExpectedScore } from "../../helpers/golden-compare";
import { importSampleExports, loadSamplesIntoDb } from "../../helpers/load-samples-into-db";
import { DOUYIN_EXPORTS_DIR, SAMPLE_EXPORT_KINDS } from "../../helpers/sample-paths";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";

/**
 * The platform-style exports (GBK, Chinese headers, tab-prefixed ids, `-` for empty cells,
 * 订单提交时间 in place of 支付时间) go through the importer the app and `koubei import` use, and
 * the scores come out as the independent implementation computed them from the canonical facts.
 * The other 80 shops' facts are written directly: the cohorts span all 84 shops, so without them
 * no percentile could match. Every shop and creator is compared, since the imported shops move
 * everybody's percentiles (a creator's orders span its organisation's shops, imported ones too).
 */
const IMPORTED = new Set(fs.readdirSync(DOUYIN_EXPORTS_DIR));

let t: TestDatabase;
let ids: Awaited<ReturnType<typeof loadSamplesIntoDb>>;
const summaries: { shopKey: string; kind: ImportKind; summary: ImportSummary }[] = [];

beforeAll(async () => {
  // The expected files rank both sample organisations together: a trusted group (scoring.md §5).
  t = await openTestDatabase({ peerMinOrgs: 1 });
  const samples = loadCanonicalSamples();
  ids = await loadSamplesIntoDb(t.handle, samples, { withoutFactsOf: IMPORTED });
  summaries.push(...(await importSampleExports(t.handle, samples, ids, IMPORTED)));
  await refreshAllStaleRollups(t.handle);
}, 600_000);
afterAll(async () => {
  await t?.close();
});

describe("golden samples imported from the platform's exports", () => {
  it("imports the four shops' twenty files with every row taken and none rejected", () => {
    expect([...IMPORTED].sort()).toEqual(["s002", "s011", "s030", "s080"]);
    expect(summaries).toHaveLength(IMPORTED.size * SAMPLE_EXPORT_KINDS.length);
    for (const { shopKey, summary } of summaries) {
      expect([shopKey, summary.status, summary.rejected, summary.errors]).toEqual([shopKey, "succeeded", 0, []]);
      expect(summary.inserted, shopKey).toBeGreaterThan(0);
    }
  });

  it("the imported shops hold exactly the canonical facts' counts", () => {
    const samples = loadCanonicalSamples();
    for (const shopKey of IMPORTED) {
      const facts = samples.shops.find((s) => s.key === shopKey)?.facts;
      const inserted = (kind: ImportKind) => summaries.find((s) => s.shopKey === shopKey && s.kind === kind)?.summary.inserted;
      expect([shopKey, inserted("orders"), inserted("reviews"), inserted("after_sales"), inserted("complaints"), inserted("chats")]).toEqual([
        shopKey,
        facts?.orders.length,
        facts?.reviews.length,
        facts?.afterSales.length,
        facts?.complaints.length,
        facts?.chats.length,
      ]);
    }
  });

  it.each(["douyin-shop-v1", "douyin-shop-v1.1"])("every shop under %s matches the expected file", async (ruleSetName) => {
    const expected = loadExpected(ruleSetName) as Record<string, ExpectedScore>;
    const scored = await scoreEveryOrg(t.handle, ids.orgIds.values(), "shop", ruleSetName);
    expect(scored.size).toBe(Object.keys(expected).length);
    for (const shopKey of IMPORTED) expect(expected[shopKey], shopKey).toBeDefined();
    for (const [key, want] of Object.entries(expected)) expectMatchesGolden(key, scored.get(ids.shopIds.get(key) ?? ""), want);
  });

  it("every creator account under douyin-creator-v1 matches the expected file", async () => {
    const expected = loadExpected("douyin-creator-v1") as Record<string, ExpectedScore>;
    const scored = await scoreEveryOrg(t.handle, ids.orgIds.values(), "creator", "douyin-creator-v1");
    for (const [key, want] of Object.entries(expected)) expectMatchesGolden(key, scored.get(ids.creatorIds.get(key) ?? ""), want);
  });
});
