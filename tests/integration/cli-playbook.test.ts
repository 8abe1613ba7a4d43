import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPglite, type DbHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { shops } from "@/db/schema";
import type { PlaybookSuggestion } from "@/lib/contracts/playbook-library";
import { withTenant } from "@/server/db/tenant";
import { generateShopFacts } from "@/server/demo/generate-facts";
import { insertShopFacts } from "@/server/demo/insert-facts";
import { translate } from "@/server/lib/i18n";
import { systemScope } from "@/server/lib/scope";
import { addDays, shanghaiMidnight } from "@/server/lib/time";
import { createOrganisation } from "@/server/orgs/service";
import { BUILTIN_PLAYBOOKS } from "@/server/playbooks/builtins";
import { suggestPlaybooks } from "@/server/playbooks/suggest";
import { markShopFactsChanged } from "@/server/scoring/refresh";
import { rescoreOrganisation } from "@/server/scoring/rescore";
import { runCli } from "../helpers/run-cli";
import { openTestDatabase, type TestDatabase } from "../helpers/test-db";

/** The `koubei playbook suggest` JSON contract, as acceptance checks use it. */
type SuggestLine = { playbook: string; title: string; dimension: string; indicators: string[]; reason: string };

const D = "2026-06-01";
const ORG = "playbook cli org";
const QUALITIES = [0.02, 0.4, 0.6, 0.8, 0.95];
let env: Record<string, string | undefined>;
let t: TestDatabase | null = null;
let dataDir: string;
let expected: PlaybookSuggestion[] = [];

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "koubei-cli-playbook-"));
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
  let poorId = "";
  await withTenant(handle, { orgId }, async (tx) => {
    for (const [i, quality] of QUALITIES.entries()) {
      const [shop] = await tx.insert(shops).values({ orgId, externalId: `pb${i}`, name: `方案店 ${i}`, categoryCode: "apparel" }).returning();
      if (i === 0) poorId = shop?.id ?? "";
      const facts = generateShopFacts({ seed: 70 + i, keyPrefix: `pb${i}`, firstDay: addDays(D, -100), days: 100, ordersPerDay: 4, quality, notAfter: shanghaiMidnight(D) });
      await insertShopFacts(tx, orgId, shop?.id ?? "", facts);
      await markShopFactsChanged(tx, orgId, shop?.id ?? "", null);
    }
  });
  await rescoreOrganisation(handle, orgId, D);
  expected = (await withTenant(handle, { orgId }, (tx) => suggestPlaybooks(tx, systemScope(orgId), { kind: "shop", id: poorId, day: D }))).suggestions;
  if (!t) await handle.close();
}, 600_000);
afterAll(async () => {
  await t?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("koubei playbook suggest", () => {
  it("prints one {playbook, title, dimension, indicators, reason} line per suggested playbook, strongest reason first, in the CLI's locale", () => {
    expect(expected.length).toBeGreaterThan(1);
    expect(expected.some((s) => s.dimension === "logistics")).toBe(true);
    const result = runCli(["playbook", "suggest", "--org", ORG, "--shop", "pb0", "--date", D], env);
    expect(result.status, result.stderr).toBe(0);
    const lines = result.stdout.trim().split("\n").map((l) => JSON.parse(l) as SuggestLine);
    for (const line of lines) expect(Object.keys(line).sort()).toEqual(["dimension", "indicators", "playbook", "reason", "title"]);
    expect(lines).toEqual(expected.map((s) => ({ playbook: s.playbook, title: s.titleEn, dimension: s.dimension, indicators: s.indicators, reason: translate("en", s.reason) })));

    const zh = runCli(["playbook", "suggest", "--org", ORG, "--shop", "pb0", "--date", D], { ...env, KOUBEI_LOCALE: "zh-CN" });
    expect(zh.status, zh.stderr).toBe(0);
    const zhLines = zh.stdout.trim().split("\n").map((l) => JSON.parse(l) as SuggestLine);
    expect(zhLines.map((l) => l.title)).toEqual(expected.map((s) => s.titleZh));
    expect(zhLines.map((l) => l.reason)).toEqual(expected.map((s) => translate("zh-CN", s.reason)));
  }, 600_000);

  it("prints fewer lines for the best shop, and refuses a call without an organisation or naming two entities", () => {
    const best = runCli(["playbook", "suggest", "--org", ORG, "--shop", "pb4", "--date", D], env);
    expect(best.status, best.stderr).toBe(0);
    expect(best.stdout.trim().split("\n").filter(Boolean).length).toBeLessThan(expected.length);
    expect(runCli(["playbook", "suggest", "--shop", "pb0"], env).status).toBe(64);
    expect(runCli(["playbook", "suggest", "--org", ORG, "--shop", "pb0", "--creator", "x"], env).status).toBe(64);
    const unknown = runCli(["playbook", "suggest", "--org", ORG, "--shop", "no-such-shop", "--date", D], env);
    expect(unknown.status).toBe(2);
  }, 600_000);
});

describe("koubei playbook list", () => {
  it("prints the organisation's library, one line per playbook", () => {
    const result = runCli(["playbook", "list", "--org", ORG], env);
    expect(result.status, result.stderr).toBe(0);
    const lines = result.stdout.trim().split("\n").map((l) => JSON.parse(l) as { playbook: string; source: string; title: string; version: number });
    expect(lines.map((l) => l.playbook)).toEqual(BUILTIN_PLAYBOOKS.map((p) => p.code));
    expect(lines.every((l) => l.source === "builtin" && l.version >= 1 && l.title.length > 0)).toBe(true);
  }, 600_000);
});
