import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { imports, rollupDirty, syncCursors } from "@/db/schema";
import { withTenant } from "@/server/db/tenant";
import { AppError } from "@/server/lib/errors";
import { saveUpload } from "@/server/imports/uploads";
import type { FakePlatform } from "@/server/sync/fake-platform/server";
import type { OrgScope } from "@/server/lib/scope";
import { runShopSync } from "@/server/sync/run";
import { acceptInvitation } from "@/server/invitations/service";
import { createUser } from "@/server/users/service";
import { callerFor, ownerWithOrg, trpcCodeOf } from "../../helpers/callers";
import { en, zh } from "../../helpers/messages";
import { DOUYIN_EXPORTS_DIR } from "../../helpers/sample-paths";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";
import { connectedShop, expectedFacts, factCounts, FAST_RETRY, startFake } from "./helpers";

let t: TestDatabase;
let fake: FakePlatform;
let dataDir: string;
beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "koubei-undo-run-"));
  process.env.KOUBEI_DATA_DIR = dataDir;
  t = await openTestDatabase();
  fake = await startFake(5, 3);
});
afterAll(async () => {
  await fake?.close();
  await t?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Small batches: a run becomes several imports, so undoing "the run" means undoing many. */
const sync = (scope: OrgScope, shopId: string) => runShopSync(t.handle, scope, shopId, { trigger: "cli", retry: FAST_RETRY, batchRecords: 40 });

const runImports = (orgId: string, runId: string) =>
  withTenant(t.handle, { orgId }, (tx) => tx.select().from(imports).where(and(eq(imports.orgId, orgId), eq(imports.bundleId, runId))));

const cursorsOf = (orgId: string) =>
  withTenant(t.handle, { orgId }, (tx) => tx.select({ resource: syncCursors.resource, position: syncCursors.position }).from(syncCursors).where(eq(syncCursors.orgId, orgId)));

/** The refusal as the reader sees it in both languages (the API renders the key this way). */
const refusalOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return { en: "OK", zh: "OK" };
  } catch (error) {
    const cause = error instanceof TRPCError ? error.cause : error;
    if (!(cause instanceof AppError)) throw error;
    const text = { key: cause.messageKey, params: cause.details.params };
    return { en: en(text), zh: zh(text) };
  }
};

describe("the import history of a synced shop", () => {
  it("labels every import with its source and filters by it", async () => {
    const a = await connectedShop(t.handle, fake, "historyA");
    const run = await sync(a.scope, a.shop.id);
    expect(run.status).toBe("succeeded");
    const saved = await saveUpload({ orgId: a.org.orgId, userId: null, fileName: "orders.csv", stream: fs.createReadStream(path.join(DOUYIN_EXPORTS_DIR, "s002", "orders.csv")) });
    const uploaded = await a.caller.imports.confirm({ uploadId: saved.uploadId, shopId: a.shop.id, kind: "orders" });

    const all = await a.caller.imports.list({ shopId: a.shop.id });
    const synced = await a.caller.imports.list({ shopId: a.shop.id, source: "sync" });
    const files = await a.caller.imports.list({ source: "file" });
    expect(synced.length).toBeGreaterThan(2);
    expect(synced.every((i) => i.source === "sync" && i.bundleId === run.runId)).toBe(true);
    expect(files.map((i) => [i.id, i.source])).toEqual([[uploaded.importId, "file"]]);
    expect(all.map((i) => i.id).sort()).toEqual([...synced, ...files].map((i) => i.id).sort());
    expect((await a.caller.imports.get({ importId: uploaded.importId })).source).toBe("file");
    expect(await trpcCodeOf(a.caller.imports.list({ source: "carrier-pigeon" as "file" }))).toBe("BAD_REQUEST");
  });
});

describe("undoing a whole sync run", () => {
  it("undoes every import of the run newest first, in one step, keeps the cursors, and rescores", async () => {
    const a = await connectedShop(t.handle, fake, "undoRunA", 1);
    const run = await sync(a.scope, a.shop.id);
    const batch = await runImports(a.org.orgId, run.runId ?? "");
    expect(batch.length).toBeGreaterThan(2);
    expect(await factCounts(t.handle, a.org.orgId, a.shop.id)).toMatchObject(expectedFacts(fake, 1));
    const cursors = await cursorsOf(a.org.orgId);

    const result = await a.caller.imports.undoBundle({ bundleId: run.runId ?? "" });
    expect(result.undone.map((u) => u.importId).sort()).toEqual(batch.map((i) => i.id).sort());
    const byId = new Map(batch.map((i) => [i.id, i.finishedAt?.getTime() ?? 0]));
    const order = result.undone.map((u) => byId.get(u.importId) ?? 0);
    expect(order).toEqual([...order].sort((x, y) => y - x));
    expect(await factCounts(t.handle, a.org.orgId, a.shop.id)).toEqual({ orders: 0, distinctOrders: 0, afterSales: 0 });
    expect((await runImports(a.org.orgId, run.runId ?? "")).every((i) => i.status === "undone")).toBe(true);
    // Rescored inline (no queue): nothing is left marked for rescoring.
    expect(await withTenant(t.handle, a.scope, (tx) => tx.select().from(rollupDirty).where(eq(rollupDirty.orgId, a.org.orgId)))).toEqual([]);

    // The cursors stay: the next run pulls only what changed on the platform since, here nothing.
    expect(await cursorsOf(a.org.orgId)).toEqual(cursors);
    const next = await sync(a.scope, a.shop.id);
    expect(next.resources.orders?.pulled).toBe(0);
    // A run already undone has nothing left to undo.
    expect(await trpcCodeOf(a.caller.imports.undoBundle({ bundleId: run.runId ?? "" }))).toBe("CONFLICT");
  });

  it("refuses the whole run, undoing nothing, when a later import changed its rows", async () => {
    const b = await connectedShop(t.handle, fake, "undoRunB", 2);
    const first = await sync(b.scope, b.shop.id);
    expect(fake.advanceOrder(b.platformShop.shopId)).not.toBeNull();
    await new Promise((r) => setTimeout(r, 6500)); // past the settle time of the newest window
    const second = await sync(b.scope, b.shop.id);
    expect(second.resources.orders).toMatchObject({ pulled: 1, updated: 1 });
    const before = await factCounts(t.handle, b.org.orgId, b.shop.id);

    const refusal = await refusalOf(b.caller.imports.undoBundle({ bundleId: first.runId ?? "" }));
    expect(refusal.zh).toMatch(/^这一批无法整体撤销：之后的导入又修改了“\d+_抖店同步_.+\.csv”中的 1 行。/);
    expect(refusal.en).toMatch(/^This batch cannot be undone as a whole: a later import changed 1 row of “\d+_抖店同步_.+\.csv”\. Undo that import first; nothing of this batch was undone\.$/);
    expect((await runImports(b.org.orgId, first.runId ?? "")).every((i) => i.status === "succeeded")).toBe(true);
    expect(await factCounts(t.handle, b.org.orgId, b.shop.id)).toEqual(before);

    // Undo the later run first, and then the first one goes.
    expect((await b.caller.imports.undoBundle({ bundleId: second.runId ?? "" })).undone).toHaveLength(1);
    await b.caller.imports.undoBundle({ bundleId: first.runId ?? "" });
    expect(await factCounts(t.handle, b.org.orgId, b.shop.id)).toEqual({ orders: 0, distinctOrders: 0, afterSales: 0 });
  }, 30_000);

  it("is refused to a viewer and to another organisation, and undoes nothing", async () => {
    const c = await connectedShop(t.handle, fake, "undoRunC");
    const run = await sync(c.scope, c.shop.id);
    const bundleId = run.runId ?? "";

    const viewer = await createUser(t.handle, { email: `undo-run-viewer-${Date.now()}@example.test`, password: "correct horse battery", name: "viewer" });
    const invitation = await c.caller.members.invite({ role: "viewer", shopIds: [c.shop.id] });
    await acceptInvitation(t.handle, { token: invitation.token, userId: viewer.id });
    const viewerCaller = await callerFor(t.handle, viewer.id, c.org.orgId);
    expect(await trpcCodeOf(viewerCaller.imports.undoBundle({ bundleId }))).toBe("FORBIDDEN");
    expect((await viewerCaller.imports.list({ source: "sync" })).length).toBeGreaterThan(0);

    const intruder = await ownerWithOrg(t.handle, "undoRunIntruder");
    expect(await trpcCodeOf(intruder.caller.imports.undoBundle({ bundleId }))).toBe("NOT_FOUND");
    expect(await intruder.caller.imports.list({ source: "sync" })).toEqual([]);
    // Another organisation's member: their caller, the victim's organisation.
    expect(await trpcCodeOf((await callerFor(t.handle, intruder.user.id, c.org.orgId)).imports.undoBundle({ bundleId }))).toBe("FORBIDDEN");

    expect((await runImports(c.org.orgId, bundleId)).every((i) => i.status === "succeeded")).toBe(true);
    expect(await factCounts(t.handle, c.org.orgId, c.shop.id)).toMatchObject(expectedFacts(fake));
  });
});
