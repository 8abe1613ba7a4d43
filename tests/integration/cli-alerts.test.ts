import { createHmac } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPglite, type DbHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { scoreSnapshots, shops } from "@/db/schema";
import { withTenant } from "@/server/db/tenant";
import { generateShopFacts } from "@/server/demo/generate-facts";
import { insertShopFacts } from "@/server/demo/insert-facts";
import { addDays, shanghaiMidnight } from "@/server/lib/time";
import { createOrganisation } from "@/server/orgs/service";
import { markShopFactsChanged } from "@/server/scoring/refresh";
import { rescoreOrganisation } from "@/server/scoring/rescore";
import { startHttpReceiver } from "../helpers/http-receiver";
import { runCliAsync } from "../helpers/run-cli";
import { openTestDatabase, type TestDatabase } from "../helpers/test-db";

/** The `koubei alert` contract, as acceptance checks use it. */
type DeliveryLine = { shop?: { id: string; externalId: string }; rule: string; ruleId: string; value: number; date: string; status: string; channel: string };
type Body = { shop: { id: string; externalId: string }; rule: string; value: number; date: string };

const D = "2026-06-01";
const ORG = "alert cli org";
let env: Record<string, string | undefined>;
let t: TestDatabase | null = null;
let dataDir: string;
const overall = new Map<string, number>();
let bound = 0;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "koubei-cli-alerts-"));
  let handle: DbHandle;
  if (process.env.TEST_DATABASE_URL) {
    t = await openTestDatabase();
    handle = t.handle;
    env = { DATABASE_URL: t.handle.url, DATABASE_OWNER_URL: t.ownerUrl, KOUBEI_DATA_DIR: dataDir, KOUBEI_SECRET_KEY: "cli-alert-key", KOUBEI_ALERT_RETRY_MS: "10" };
  } else {
    handle = await openPglite(dataDir);
    await migrateDatabase(handle, {});
    env = { DATABASE_URL: undefined, KOUBEI_DATA_DIR: dataDir, KOUBEI_ALERT_RETRY_MS: "10" };
  }
  const { orgId } = await createOrganisation(handle, { name: ORG, kind: "brand", ownerUserId: null });
  await withTenant(handle, { orgId }, async (tx) => {
    for (let i = 0; i < 4; i++) {
      const [shop] = await tx.insert(shops).values({ orgId, externalId: `al${i}`, name: `预警店 ${i}`, categoryCode: "beauty" }).returning();
      const facts = generateShopFacts({ seed: 90 + i, keyPrefix: `al${i}`, firstDay: addDays(D, -100), days: 100, ordersPerDay: 4, quality: [0.15, 0.4, 0.65, 0.9][i], authorIds: [], notAfter: shanghaiMidnight(D) });
      await insertShopFacts(tx, orgId, shop?.id ?? "", facts);
      await markShopFactsChanged(tx, orgId, shop?.id ?? "", null);
    }
  });
  await rescoreOrganisation(handle, orgId, D);
  const rows = await withTenant(handle, { orgId }, (tx) =>
    tx.select({ id: shops.externalId, overall: scoreSnapshots.overall }).from(scoreSnapshots).innerJoin(shops, and(eq(shops.orgId, scoreSnapshots.orgId), eq(shops.id, scoreSnapshots.entityId))).where(and(eq(scoreSnapshots.orgId, orgId), eq(scoreSnapshots.day, D))),
  );
  for (const row of rows) if (row.overall !== null) overall.set(row.id, row.overall);
  const sorted = [...overall.values()].sort((a, b) => a - b);
  bound = Number((((sorted[1] ?? 0) + (sorted[2] ?? 0)) / 2).toFixed(4));
  if (!t) await handle.close();
}, 900_000);
afterAll(async () => {
  await t?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("koubei alert", () => {
  it("create prints {id, secret}; evaluate posts each newly matching shop signed, once", async () => {
    const receiver = await startHttpReceiver();
    try {
      const created = await runCliAsync(["alert", "create", "--org", ORG, "--channel", "webhook", "--url", `${receiver.url}/koubei`, "--rule", `overall<${bound}`], env);
      expect(created.status, created.stderr).toBe(0);
      const { id, secret } = created.json as { id: string; secret: string };
      expect(Object.keys(created.json as object).sort()).toEqual(["id", "secret"]);
      expect(secret).toMatch(/^[0-9a-f]{64}$/);

      const evaluated = await runCliAsync(["alert", "evaluate", "--org", ORG, "--date", D], env);
      expect(evaluated.status, evaluated.stderr).toBe(0);
      const lines = (Array.isArray(evaluated.json) ? evaluated.json : [evaluated.json]) as DeliveryLine[];
      const under = [...overall].filter(([, v]) => v < bound).map(([externalId]) => externalId).sort();
      expect(under).toHaveLength(2);
      expect(lines.map((l) => l.shop?.externalId).sort()).toEqual(under);
      expect(lines.every((l) => l.ruleId === id && l.status === "sent" && l.date === D && l.rule === `overall<${bound}`)).toBe(true);
      expect(receiver.requests).toHaveLength(2);
      for (const request of receiver.requests) {
        expect(request.method).toBe("POST");
        expect(request.url).toBe("/koubei");
        expect(request.headers["x-koubei-signature"]).toBe(`sha256=${createHmac("sha256", secret).update(request.body).digest("hex")}`);
        const body = JSON.parse(request.body) as Body;
        expect(body).toMatchObject({ rule: `overall<${bound}`, date: D, value: overall.get(body.shop.externalId) });
        expect(body.shop.id).toMatch(/^[0-9a-f-]{36}$/);
      }

      const again = await runCliAsync(["alert", "evaluate", "--org", ORG, "--date", D], env);
      expect(again.status, again.stderr).toBe(0);
      expect(again.stdout.trim()).toBe("");
      expect(receiver.requests).toHaveLength(2);

      // --shop limits the rule; a day not yet scored is scored first.
      const next = addDays(D, 1);
      const limited = await runCliAsync(["alert", "create", "--org", ORG, "--channel", "webhook", "--url", `${receiver.url}/one`, "--rule", "overall>=0", "--shop", "al3"], env);
      expect(limited.status, limited.stderr).toBe(0);
      const limitedId = (limited.json as { id: string }).id;
      const nextDay = await runCliAsync(["alert", "evaluate", "--org", ORG, "--date", next], env);
      expect(nextDay.status, nextDay.stderr).toBe(0);
      const nextLines = nextDay.stdout.trim().split("\n").map((l) => JSON.parse(l) as DeliveryLine).filter((l) => l.ruleId === limitedId);
      expect(nextLines.map((l) => l.shop?.externalId)).toEqual(["al3"]);
      const oneBody = JSON.parse(receiver.requests.find((r) => r.url === "/one")?.body ?? "{}") as Body;
      expect(oneBody).toMatchObject({ shop: { externalId: "al3" }, rule: "overall>=0", date: next });
    } finally {
      await receiver.close();
    }
  }, 1_200_000);

  it("refuses a rule outside the language and an unknown shop", async () => {
    const bad = await runCliAsync(["alert", "create", "--org", ORG, "--channel", "webhook", "--url", "http://127.0.0.1:9/x", "--rule", "overall=4.6"], env);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("not understood");
    const noShop = await runCliAsync(["alert", "create", "--org", ORG, "--channel", "webhook", "--url", "http://127.0.0.1:9/x", "--rule", "overall<4.6", "--shop", "no-such-shop"], env);
    expect(noShop.status).toBe(2);
  }, 600_000);
});
