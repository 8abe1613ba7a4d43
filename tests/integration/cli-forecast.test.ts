import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPglite, type DbHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { creators, shops } from "@/db/schema";
import { withTenant } from "@/server/db/tenant";
import { generateShopFacts } from "@/server/demo/generate-facts";
import { insertShopFacts } from "@/server/demo/insert-facts";
import { addDays, shanghaiMidnight } from "@/server/lib/time";
import { createOrganisation } from "@/server/orgs/service";
import { markShopFactsChanged } from "@/server/scoring/refresh";
import { rescoreOrganisation } from "@/server/scoring/rescore";
import { runCli } from "../helpers/run-cli";
import { openTestDatabase, type TestDatabase } from "../helpers/test-db";

/** The `koubei forecast` JSON contract, as acceptance checks use it. */
type ForecastLine = { date: string; overall: number | null; dimensions: Record<string, number>; band: { minScore: number | null } | null };

const D = "2026-06-01";
const ORG = "forecast cli org";
let env: Record<string, string | undefined>;
let t: TestDatabase | null = null;
let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "koubei-cli-forecast-"));
  let handle: DbHandle;
  if (process.env.TEST_DATABASE_URL) {
    t = await openTestDatabase();
    handle = t.handle;
    env = { DATABASE_URL: t.handle.url, DATABASE_OWNER_URL: t.ownerUrl, KOUBEI_DATA_DIR: dataDir };
  } else {
    handle = await openPglite(dataDir);
    await migrateDatabase(handle, {});
    env = { DATABASE_URL: undefined, KOUBEI_DATA_DIR: dataDir };
  }
  const { orgId } = await createOrganisation(handle, { name: ORG, kind: "brand", ownerUserId: null });
  await withTenant(handle, { orgId }, async (tx) => {
    await tx.insert(creators).values({ orgId, externalId: "fc-author", name: "预测达人", categoryCode: "beauty" });
    for (let i = 0; i < 5; i++) {
      const [shop] = await tx.insert(shops).values({ orgId, externalId: `fc${i}`, name: `预测店 ${i}`, categoryCode: "beauty" }).returning();
      const facts = generateShopFacts({ seed: 40 + i, keyPrefix: `fc${i}`, firstDay: addDays(D, -100), days: 100, ordersPerDay: 4, authorIds: ["fc-author"], notAfter: shanghaiMidnight(D) });
      await insertShopFacts(tx, orgId, shop?.id ?? "", facts);
      await markShopFactsChanged(tx, orgId, shop?.id ?? "", null);
    }
  });
  await rescoreOrganisation(handle, orgId, D);
  if (!t) await handle.close();
}, 600_000);
afterAll(async () => {
  await t?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("koubei forecast", () => {
  it("prints one {date, overall, dimensions, band} line per coming day, each the score that day gets when no fact arrives", () => {
    const result = runCli(["forecast", "--org", ORG, "--shop", "fc1", "--date", D], env);
    expect(result.status, result.stderr).toBe(0);
    const lines = result.json as ForecastLine[];
    expect(lines).toHaveLength(14);
    lines.forEach((line, i) => {
      expect(Object.keys(line).sort()).toEqual(["band", "date", "dimensions", "overall"]);
      expect(line.date).toBe(addDays(D, i + 1));
      expect(Object.keys(line.dimensions).sort()).toEqual(["logistics", "product", "service"]);
    });
    // No fact arrives after D in this database, so `koubei score` on D+5 must agree to the last digit.
    const scored = runCli(["score", "--org", ORG, "--shop", "fc1", "--date", addDays(D, 5)], env);
    expect(scored.status, scored.stderr).toBe(0);
    const score = scored.json as { overall: number | null; dimensions: Record<string, { score: number }> };
    const day5 = lines[4];
    expect(day5?.overall).toBe(score.overall);
    for (const [code, dimension] of Object.entries(score.dimensions)) expect(day5?.dimensions[code]).toBe(dimension.score);
    // The band is the one the shown (rounded) overall reaches.
    const shown = Math.round((day5?.overall ?? 0) * 100) / 100;
    expect(day5?.band?.minScore ?? 0).toBeLessThanOrEqual(shown);
  }, 300_000);

  it("takes --days and --creator (by author id)", () => {
    const result = runCli(["forecast", "--org", ORG, "--creator", "fc-author", "--date", D, "--days", "3"], env);
    expect(result.status, result.stderr).toBe(0);
    const lines = result.json as ForecastLine[];
    expect(lines.map((l) => l.date)).toEqual([addDays(D, 1), addDays(D, 2), addDays(D, 3)]);
    for (const line of lines) expect(line.overall === null ? line.band : line.dimensions.product).not.toBeUndefined();
  }, 300_000);

  it("refuses bad usage with exit 64 and unknown names with exit 2", () => {
    const refusal = (args: string[]) => runCli(args, env);
    expect(refusal(["forecast", "--shop", "fc1"]).status).toBe(64);
    expect(refusal(["forecast", "--org", ORG]).status).toBe(64);
    expect(refusal(["forecast", "--org", ORG, "--shop", "fc1", "--creator", "fc-author"]).status).toBe(64);
    expect(refusal(["forecast", "--org", ORG, "--shop", "fc1", "--days", "0"]).status).toBe(64);
    expect(refusal(["forecast", "--org", ORG, "--shop", "fc1", "--date", "2026-13-01"]).status).toBe(64);
    const unknown = refusal(["forecast", "--org", ORG, "--shop", "nope", "--date", D]);
    expect(unknown.status).toBe(2);
    expect(unknown.stdout).toBe("");
  }, 300_000);
});
