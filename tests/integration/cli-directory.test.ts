import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPglite, type DbHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { withTenant } from "@/server/db/tenant";
import { generateShopFacts } from "@/server/demo/generate-facts";
import { insertShopFacts } from "@/server/demo/insert-facts";
import { createEntity } from "@/server/entities/service";
import { systemScope } from "@/server/lib/scope";
import { createOrganisation } from "@/server/orgs/service";
import { entityScore } from "@/server/scoring/queries";
import { rescoreOrganisation } from "@/server/scoring/rescore";
import { runCli } from "../helpers/run-cli";
import { openTestDatabase, type TestDatabase } from "../helpers/test-db";

/** The `koubei directory` contract as acceptance checks use it. */
type CardLine = { kind: string; card: string; name: string; category: string | null; overall?: number | null; goodReviewRate?: number | null; dimensions?: unknown; contact?: string | null; trend?: string | null };

const DAY = "2026-05-12";
let env: Record<string, string | undefined>;
let t: TestDatabase | null = null;
let dataDir: string;
const expected = { overall: 0, goodReviewRate: 0, pastDay: "", pastOverall: null as number | null, dimensions: [] as number[] };

async function seed(handle: DbHandle) {
  const merchant = await createOrganisation(handle, { name: "cli merchant", kind: "agency", ownerUserId: null });
  await createOrganisation(handle, { name: "cli mcn", kind: "creator_team", ownerUserId: null });
  const orgId = merchant.orgId;
  const scope = systemScope(orgId);
  await withTenant(handle, { orgId }, async (tx) => {
    const shop = await createEntity(tx, scope, "shop", { name: "口碑美妆店", category: "beauty", externalId: "cli-s1" });
    await insertShopFacts(tx, orgId, shop.id, generateShopFacts({ seed: 5, keyPrefix: "cli", firstDay: "2026-03-01", days: 70, ordersPerDay: 4 }));
  });
  await rescoreOrganisation(handle, orgId, DAY);
  const score = await withTenant(handle, { orgId }, async (tx) => {
    const [shop] = await tx.query.shops.findMany({ where: (s, { eq }) => eq(s.externalId, "cli-s1") });
    return entityScore(tx, scope, "shop", shop?.id ?? "");
  });
  const explanation = score.latest?.explanation;
  expected.overall = explanation?.overallShown ?? NaN;
  expected.goodReviewRate = explanation?.dimensions.flatMap((d) => d.indicators).find((i) => i.code === "good_review_rate")?.value ?? NaN;
  expected.dimensions = (explanation?.dimensions ?? []).flatMap((d) => (d.scoreShown === null ? [] : [d.scoreShown]));
  // A history day whose shown score differs from today's (a lone shop ranks the same every scored
  // day, so this is an early day without enough orders: no score), so reading it proves the date was used.
  const past = score.history.find((h) => h.overallShown !== expected.overall);
  expected.pastDay = past?.day ?? "";
  expected.pastOverall = past?.overallShown ?? null;
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "koubei-cli-directory-"));
  if (process.env.TEST_DATABASE_URL) {
    t = await openTestDatabase();
    env = { DATABASE_URL: t.handle.url, DATABASE_OWNER_URL: t.ownerUrl, KOUBEI_DATA_DIR: dataDir };
    await seed(t.handle);
  } else {
    env = { DATABASE_URL: undefined, KOUBEI_DATA_DIR: dataDir };
    const handle = await openPglite(dataDir);
    await migrateDatabase(handle);
    await seed(handle);
    await handle.close();
  }
}, 300_000);
afterAll(async () => {
  await t?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const lines = (stdout: string) => stdout.trim().split("\n").filter(Boolean).map((l) => JSON.parse(l) as CardLine);

describe("koubei directory", () => {
  it("lists a shop with the chosen fields; another organisation's search prints those fields only", () => {
    const listed = runCli(["directory", "list", "--org", "cli merchant", "--shop", "cli-s1", "--fields", "overall,goodReviewRate,category,contact", "--contact", "微信 cli-bd"], env);
    expect(listed.status, listed.stderr).toBe(0);
    expect(listed.json).toMatchObject({ listed: true, kind: "shop", name: "口碑美妆店", fields: ["overall", "goodReviewRate", "category", "contact"] });

    const search = runCli(["directory", "search", "--org", "cli mcn"], env);
    expect(search.status, search.stderr).toBe(0);
    const [card, ...rest] = lines(search.stdout);
    expect(rest).toEqual([]);
    expect(Object.keys(card ?? {}).sort()).toEqual(["card", "category", "contact", "goodReviewRate", "kind", "name", "overall"]);
    expect(card).toMatchObject({ kind: "shop", name: "口碑美妆店", category: "美妆", overall: expected.overall, goodReviewRate: expected.goodReviewRate, contact: "微信 cli-bd" });
    expect(card?.goodReviewRate).toBeGreaterThan(0);
    expect(card?.goodReviewRate).toBeLessThanOrEqual(1);
    // Hidden: the dimension scores (those that differ from the overall) appear nowhere.
    for (const dim of expected.dimensions.filter((d) => d !== expected.overall)) expect(search.stdout).not.toContain(String(dim));
  }, 120_000);

  it("filters by kind, category, score and good-review rate, sorts, and reads a past day", () => {
    const count = (args: string[]) => {
      const result = runCli(["directory", "search", "--org", "cli mcn", ...args], env);
      expect(result.status, result.stderr).toBe(0);
      return lines(result.stdout);
    };
    // Each run opens the database: a few runs that each check several filters.
    expect(count(["--kind", "shop", "--category", "美妆", "--min-score", String(expected.overall), "--min-good-review-rate", String(expected.goodReviewRate), "--sort", "goodReviewRate"])).toHaveLength(1);
    expect(count(["--kind", "creator"])).toHaveLength(0);
    expect(count(["--category", "apparel", "--min-score", "0"])).toHaveLength(0);
    expect(count(["--min-score", String(expected.overall + 0.01)])).toHaveLength(0);
    expect(expected.pastDay).not.toBe("");
    const [past] = count(["--date", expected.pastDay]);
    expect(past).toMatchObject({ overall: expected.pastOverall });
    const bad = runCli(["directory", "search", "--org", "cli mcn", "--sort", "bogus"], env);
    expect(bad.status).toBe(64);
  }, 300_000);

  it("unlists at once", () => {
    const unlisted = runCli(["directory", "unlist", "--org", "cli merchant", "--shop", "cli-s1"], env);
    expect(unlisted.status, unlisted.stderr).toBe(0);
    expect(unlisted.json).toMatchObject({ unlisted: true });
    const search = runCli(["directory", "search", "--org", "cli mcn"], env);
    expect(search.status, search.stderr).toBe(0);
    expect(search.stdout.trim()).toBe("");
  }, 120_000);
});
