import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syncApps, syncConnections, syncRuns } from "@/db/schema";
import { rowsOf } from "@/db/security";
import { withTenant } from "@/server/db/tenant";
import { translateError } from "@/server/lib/i18n";
import type { FakePlatform } from "@/server/sync/fake-platform/server";
import { signPush } from "@/server/sync/douyin/sign";
import { acceptPush } from "@/server/sync/push";
import { runShopSync } from "@/server/sync/run";
import { decryptSecret, secretKey } from "@/server/sync/secrets";
import { createUser } from "@/server/users/service";
import { callerFor, trpcCodeOf as codeOf } from "../../helpers/callers";
import { openTestDatabase, type TestDatabase } from "../../helpers/test-db";
import { connectedShop, FAST_RETRY, startFake } from "./helpers";

let t: TestDatabase;
let fake: FakePlatform;
beforeAll(async () => {
  t = await openTestDatabase();
  fake = await startFake(5, 1);
});
afterAll(async () => {
  await fake?.close();
  await t?.close();
});

describe("credentials", () => {
  it("are encrypted at rest, bound to their organisation, and never returned to the browser", async () => {
    const a = await connectedShop(t.handle, fake, "credA");
    const status = await a.caller.sync.status({ shopId: a.shop.id });
    const shown = JSON.stringify(status);
    expect(status.connected).toBe(true);
    expect(shown).not.toContain(fake.appSecret);
    expect(shown).not.toMatch(/fake-(at|rt)-/);
    expect(shown).not.toMatch(/Encrypted|v1:/);

    const [stored] = await withTenant(t.handle, a.scope, (tx) => tx.select().from(syncApps).where(eq(syncApps.orgId, a.org.orgId)));
    const [connection] = await withTenant(t.handle, a.scope, (tx) => tx.select().from(syncConnections).where(eq(syncConnections.orgId, a.org.orgId)));
    expect(stored?.appSecretEncrypted).toMatch(/^v1:/);
    expect(stored?.appSecretEncrypted).not.toContain(fake.appSecret);
    expect(connection?.accessTokenEncrypted).toMatch(/^v1:/);
    const key = secretKey(t.handle);
    expect(decryptSecret(key, a.org.orgId, "app_secret", stored?.appSecretEncrypted ?? "")).toBe(fake.appSecret);

    // The same ciphertext under another organisation (or as another kind of secret) does not decrypt.
    const b = await connectedShop(t.handle, fake, "credB");
    expect(() => decryptSecret(key, b.org.orgId, "app_secret", stored?.appSecretEncrypted ?? "")).toThrow();
    expect(() => decryptSecret(key, a.org.orgId, "access_token", stored?.appSecretEncrypted ?? "")).toThrow();
  });

  it("of one organisation are out of another's reach: status, connect, pause, sync now and the score comparison are NOT_FOUND", async () => {
    const a = await connectedShop(t.handle, fake, "isoA");
    const b = await connectedShop(t.handle, fake, "isoB");
    expect(await codeOf(b.caller.sync.status({ shopId: a.shop.id }))).toBe("NOT_FOUND");
    expect(await codeOf(b.caller.sync.scoreComparison({ shopId: a.shop.id }))).toBe("NOT_FOUND");
    expect(await codeOf(b.caller.sync.setPaused({ shopId: a.shop.id, paused: true }))).toBe("NOT_FOUND");
    expect(await codeOf(b.caller.sync.syncNow({ shopId: a.shop.id }))).toBe("NOT_FOUND");
    expect(await codeOf(b.caller.sync.connect({ shopId: a.shop.id, baseUrl: fake.baseUrl, appKey: fake.appKey, appSecret: "x", platformShopId: "1" }))).toBe("NOT_FOUND");
    // Nothing of A changed, and B's rows never name A's shop.
    const status = await a.caller.sync.status({ shopId: a.shop.id });
    expect(status.connected && status.paused).toBe(false);
    const foreign = rowsOf<{ n: number }>(
      await withTenant(t.handle, b.scope, (tx) => tx.execute(sql`select count(*)::int as n from sync_connections where shop_id = ${a.shop.id}::uuid`)),
    );
    expect(foreign[0]?.n).toBe(0);
  });

  it("a viewer may read the sync status but not connect, and an analyst may not store the organisation's secret", async () => {
    const a = await connectedShop(t.handle, fake, "roles");
    for (const role of ["viewer", "analyst"] as const) {
      const invite = await a.caller.members.invite({ role, shopIds: [] });
      const user = await createUser(t.handle, { email: `${role}-${Date.now()}@example.test`, password: "correct horse battery", name: role });
      await (await callerFor(t.handle, user.id)).auth.acceptInvitation({ token: invite.token });
      const caller = await callerFor(t.handle, user.id, a.org.orgId);
      expect(await codeOf(caller.sync.status({ shopId: a.shop.id }))).toBe("OK");
      expect(await codeOf(caller.sync.connect({ shopId: a.shop.id, baseUrl: fake.baseUrl, appKey: fake.appKey, appSecret: fake.appSecret, platformShopId: a.platformShop.shopId }))).toBe("FORBIDDEN");
    }
  });
});

describe("the router", () => {
  it("sync now runs the shop (inline without a job queue), pause holds it, and the history says so in plain words", async () => {
    const a = await connectedShop(t.handle, fake, "routerA");
    expect(await a.caller.sync.syncNow({ shopId: a.shop.id })).toEqual({ queued: true });
    const status = await a.caller.sync.status({ shopId: a.shop.id });
    if (!status.connected) throw new Error("not connected");
    expect(status.runs[0]).toMatchObject({ trigger: "manual", status: "succeeded" });
    expect(status.runs[0]?.counts?.orders?.inserted).toBeGreaterThan(0);
    expect(status.lastSuccessAt).not.toBeNull();
    expect((await a.caller.sync.setPaused({ shopId: a.shop.id, paused: true })).connected && true).toBe(true);
    const paused = await a.caller.sync.status({ shopId: a.shop.id });
    expect(paused.connected && paused.paused).toBe(true);
    // A shop that is not connected says so.
    const other = await a.caller.shops.create({ name: "未连接", category: "服饰内衣" });
    expect(await codeOf(a.caller.sync.syncNow({ shopId: other.id }))).toBe("NOT_FOUND");
    expect(await a.caller.sync.status({ shopId: other.id })).toEqual({ connected: false, shopId: other.id });
  });

  it("a refused authorisation stores nothing and names the reason", async () => {
    const owner = await connectedShop(t.handle, fake, "refused");
    const shop = await owner.caller.shops.create({ name: "错密钥", category: "服饰内衣" });
    const refused = owner.caller.sync.connect({ shopId: shop.id, baseUrl: fake.baseUrl, appKey: fake.appKey, appSecret: "wrong-secret", platformShopId: owner.platformShop.shopId });
    await expect(refused).rejects.toMatchObject({ code: "BAD_REQUEST", message: "errors.sync.signatureRejected" });
    expect(translateError("zh-CN", "errors.sync.signatureRejected")).toContain("签名");
    expect(translateError("en", "errors.sync.signatureRejected")).toContain("signature");
    expect(await owner.caller.sync.status({ shopId: shop.id })).toEqual({ connected: false, shopId: shop.id });
  });
});

describe("push messages", () => {
  it("sync the named shop at once when signed by the organisation's app, and are refused otherwise", async () => {
    const a = await connectedShop(t.handle, fake, "pushA");
    const b = await connectedShop(t.handle, fake, "pushB");
    await runShopSync(t.handle, a.scope, a.shop.id, { trigger: "cli", retry: FAST_RETRY });
    await runShopSync(t.handle, b.scope, b.shop.id, { trigger: "cli", retry: FAST_RETRY });
    const moved = fake.advanceOrder(a.platformShop.shopId);
    if (!moved) throw new Error("no order to move on");
    await new Promise((r) => setTimeout(r, 6500));
    const body = JSON.stringify([moved.message]);
    const sign = signPush(fake.appKey, body, fake.appSecret);
    const runsOf = async (scope: typeof a.scope) => withTenant(t.handle, scope, (tx) => tx.select().from(syncRuns).where(eq(syncRuns.orgId, scope.orgId)));
    const bRunsBefore = (await runsOf(b.scope)).length;

    // Wrong signature, unknown app, malformed org id: refused, nothing runs.
    expect((await acceptPush(t.handle, null, { orgId: a.org.orgId, appId: fake.appKey, eventSign: sign.replace(/^./, (c) => (c === "0" ? "1" : "0")), rawBody: body })).status).toBe(401);
    expect((await acceptPush(t.handle, null, { orgId: a.org.orgId, appId: "someone-else", eventSign: sign, rawBody: body })).status).toBe(401);
    expect((await acceptPush(t.handle, null, { orgId: "not-an-org", appId: fake.appKey, eventSign: sign, rawBody: body })).status).toBe(401);
    expect((await acceptPush(t.handle, null, { orgId: a.org.orgId, appId: fake.appKey, eventSign: null, rawBody: body })).status).toBe(401);

    // Signed right: A's shop syncs; B (same platform shop id on its own connection) is untouched.
    const answer = await acceptPush(t.handle, null, { orgId: a.org.orgId, appId: fake.appKey, eventSign: sign, rawBody: body });
    expect(answer).toMatchObject({ status: 200, body: { code: 0, msg: "success" }, shopIds: [a.shop.id] });
    const aRuns = await runsOf(a.scope);
    const pushed = aRuns.find((r) => r.trigger === "push");
    expect(pushed?.status).toBe("succeeded");
    expect(pushed?.counts?.orders).toMatchObject({ pulled: 1, updated: 1 });
    expect((await runsOf(b.scope)).length).toBe(bRunsBefore);

    // A message for A's app delivered to B's URL is refused when B's app is not the sender…
    const other = signPush(fake.appKey, body, "not-the-secret");
    expect((await acceptPush(t.handle, null, { orgId: b.org.orgId, appId: fake.appKey, eventSign: other, rawBody: body })).status).toBe(401);
    // …and a body that is not a message array is refused once signed.
    const junk = "{}";
    expect((await acceptPush(t.handle, null, { orgId: a.org.orgId, appId: fake.appKey, eventSign: signPush(fake.appKey, junk, fake.appSecret), rawBody: junk })).status).toBe(400);
  });
});
